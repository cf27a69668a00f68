"""Every runnable example in the docstrings of ``kg`` still runs and prints what it says."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import kg

MODULES = sorted(m.name for m in pkgutil.iter_modules(kg.__path__, "kg.")
                 if m.name != "kg.__main__")


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples_run(name: str) -> None:
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0, f"{result.failed} docstring example(s) of {name} failed"


def test_the_public_modules_have_examples() -> None:
    stages = ["kg.articles", "kg.extract", "kg.mentions", "kg.events", "kg.resolve", "kg.rdf",
              "kg.store", "kg.pipeline", "kg.parallel"]
    for name in stages:
        tests = doctest.DocTestFinder().find(importlib.import_module(name))
        assert sum(len(t.examples) for t in tests) > 0, name
