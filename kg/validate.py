"""SHACL validation of a build against ``ontology/shapes.ttl``: ``kg validate DIR``.

The shapes encode the graph contract (a meeting has two or more participants and is reported
in an article, a visit has one visitor and one destination, persons and countries have one
``@zh`` label, dates are ``xsd:date`` or ``xsd:gMonthDay``, ``dip:metWith`` is symmetric...).
pyshacl checks them; each problem comes back as a :class:`Problem` naming the node, the
property and what is wrong. ``kg build`` and ``kg add`` run this on their output and print
the problems; ``kg validate`` exits 1 when there is a violation (warnings do not fail).

>>> report = validate("tests/data/mini.ttl")
>>> report.conforms, len(report.problems)
(True, 0)
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from . import store as kgstore
from .lexicon import ontology_dir, read_text
from .query import PREFIXES, QueryError, open_target

__all__ = ["Problem", "ValidationReport", "shapes_graph", "validate", "validate_graph"]

SH = "http://www.w3.org/ns/shacl#"


@dataclass(frozen=True)
class Problem:
    """One SHACL result: which node, which property, what is wrong, how bad."""

    severity: str  # "Violation", "Warning" or "Info"
    focus: str
    path: str
    message: str
    value: str = ""
    shape: str = ""

    def __str__(self) -> str:
        where = f"{_short(self.focus)}"
        if self.path:
            where += f" {_short(self.path)}"
        value = f" (value {_short(self.value)})" if self.value else ""
        return f"{self.severity}: {where}: {self.message}{value}"


def _short(iri: str) -> str:
    for prefix, ns in PREFIXES.items():
        if iri.startswith(ns) and len(iri) > len(ns):
            return f"{prefix}:{iri[len(ns):]}"
    return iri


@dataclass
class ValidationReport:
    """The outcome of validating one graph."""

    conforms: bool
    problems: list[Problem] = field(default_factory=list)
    triples: int = 0
    seconds: float = 0.0

    @property
    def violations(self) -> list[Problem]:
        """The problems of severity Violation (the ones that fail validation)."""
        return [p for p in self.problems if p.severity == "Violation"]

    def summary(self, limit: int = 20) -> str:
        """A few lines for a person: conforms or not, then the first ``limit`` problems."""
        n_viol = len(self.violations)
        n_warn = len(self.problems) - n_viol
        head = (f"SHACL: {'conforms' if self.conforms else 'does not conform'} "
                f"({n_viol} violation(s), {n_warn} warning(s); {self.triples} triples, "
                f"{self.seconds:.1f} s)")
        lines = [head] + [f"  {p}" for p in self.problems[:limit]]
        if len(self.problems) > limit:
            lines.append(f"  ... and {len(self.problems) - limit} more")
        return "\n".join(lines)


def shapes_graph(path: str | Path | None = None) -> Any:
    """The shapes (default ``ontology/shapes.ttl``) as an rdflib Graph."""
    from rdflib import Graph

    path = Path(path) if path is not None else ontology_dir() / "shapes.ttl"
    return Graph().parse(data=read_text(path), format="turtle")


def validate_graph(data: Any, shapes: Any = None) -> ValidationReport:
    """Validate an rdflib Graph against the shapes; returns every problem found."""
    import pyshacl
    from rdflib import Namespace

    sh = Namespace(SH)
    t0 = time.perf_counter()
    shapes = shapes if shapes is not None else shapes_graph()
    _, results, _ = pyshacl.validate(data, shacl_graph=shapes, inference="none",
                                     allow_warnings=True, abort_on_first=False)
    problems = []
    for result in results.subjects(predicate=sh.focusNode):
        def one(prop: Any, node: Any = result) -> str:
            value = results.value(node, prop)
            return "" if value is None else str(value)

        severity = one(sh.resultSeverity).rsplit("#", 1)[-1] or "Violation"
        problems.append(Problem(severity=severity, focus=one(sh.focusNode),
                                path=one(sh.resultPath), message=one(sh.resultMessage),
                                value=one(sh.value), shape=one(sh.sourceShape)))
    problems.sort(key=lambda p: (p.severity != "Violation", p.focus, p.path, p.message))
    conforms = not any(p.severity == "Violation" for p in problems)
    return ValidationReport(conforms=conforms, problems=problems, triples=len(data),
                            seconds=time.perf_counter() - t0)


def validate(target: str | Path | ox.Store, shapes: str | Path | None = None) -> ValidationReport:
    """Validate a build folder (its store), an RDF file or a store against the shapes."""
    from rdflib import Graph

    try:
        store = open_target(target)
    except QueryError as err:
        raise kgstore.StoreError(str(err)) from err
    data = Graph()
    for t in kgstore.store_triples(store):
        data.add(t)
    return validate_graph(data, shapes_graph(shapes) if shapes is not None else None)
