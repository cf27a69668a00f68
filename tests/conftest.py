"""Shared fixtures: the seed pages and the demo corpus, built once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "sources"
SHARED = ROOT.parent / "shared"
SEEDS = [SOURCES / "000_07f46a5e7c02f47f.txt", SOURCES / "002_6b6760b802839743.txt"]


@pytest.fixture(scope="session")
def seeds_build(tmp_path_factory) -> Path:
    """A build of the two seed pages: the folder holding graph.ttl."""
    from kg.pipeline import build

    out = tmp_path_factory.mktemp("seeds-build")
    build(SEEDS, out, progress=False)
    return out


@pytest.fixture(scope="session")
def demo_build(tmp_path_factory) -> Path:
    """A build of the whole demo corpus under sources/."""
    from kg.pipeline import build

    out = tmp_path_factory.mktemp("demo-build")
    build([SOURCES], out, progress=False)
    return out
