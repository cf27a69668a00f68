"""kg validate: the SHACL shapes of the contract, on good graphs and on broken ones."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import RDFS, XSD, Graph, Literal, URIRef
from rdflib.namespace import SKOS

from kg.cli import main
from kg.validate import shapes_graph, validate, validate_graph
from kg.vocab import DIP, article_iri, country_iri, event_iri, person_iri

ROOT = Path(__file__).resolve().parent.parent
MINI = ROOT / "tests" / "data" / "mini.ttl"

MEETING = event_iri("meeting", "岩屋毅|潘文江|--03-02")  # a meeting of the fixture
VISIT = event_iri("visit", "潘文江|JP|--03-02")
SU_LAM = person_iri("苏林")


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return shapes_graph()


def _mini() -> Graph:
    return Graph().parse(MINI, format="turtle")


def test_fixture_and_demo_build_conform(demo_build: Path) -> None:
    assert validate(MINI).conforms
    report = validate(demo_build)
    assert report.conforms, report.summary()
    assert report.triples > 1000


def _drop(g: Graph, s: URIRef, p: URIRef) -> Graph:
    g.remove((s, p, None))
    return g


def _one_participant(g: Graph) -> Graph:
    g.remove((MEETING, DIP.participant, person_iri("岩屋毅")))
    return g


def _no_zh_label(g: Graph) -> Graph:
    g.remove((SU_LAM, RDFS.label, None))
    g.add((SU_LAM, RDFS.label, Literal("To Lam", lang="en")))
    return g


def _two_zh_labels(g: Graph) -> Graph:
    g.add((SU_LAM, RDFS.label, Literal("苏林同志", lang="zh")))
    return g


def _untagged_label(g: Graph) -> Graph:
    g.add((country_iri("VN"), RDFS.label, Literal("Vietnam")))
    return g


def _bad_date(g: Graph) -> Graph:
    g.remove((MEETING, DIP.startDate, None))
    g.add((MEETING, DIP.startDate, Literal("3月2日")))
    return g


def _two_dates(g: Graph) -> Graph:
    g.add((MEETING, DIP.startDate, Literal("2019-03-03", datatype=XSD.date)))
    return g


def _one_way_met_with(g: Graph) -> Graph:
    g.remove((person_iri("岩屋毅"), DIP.metWith, person_iri("潘文江")))
    return g


def _met_with_without_meeting(g: Graph) -> Graph:
    g.add((SU_LAM, DIP.metWith, person_iri("岩屋毅")))
    g.add((person_iri("岩屋毅"), DIP.metWith, SU_LAM))
    return g


def _visitor_is_a_country(g: Graph) -> Graph:
    g.remove((VISIT, DIP.visitor, None))
    g.add((VISIT, DIP.visitor, country_iri("VN")))
    return g


def _bad_iso(g: Graph) -> Graph:
    g.remove((country_iri("JP"), DIP.isoCode, None))
    g.add((country_iri("JP"), DIP.isoCode, Literal("JPN")))
    return g


def _reported_in_nothing(g: Graph) -> Graph:
    g.add((MEETING, DIP.reportedIn, article_iri("not-in-graph")))
    return g


def _untagged_alt_label(g: Graph) -> Graph:
    g.add((SU_LAM, SKOS.altLabel, Literal("To Lam")))
    return g


def _mentions_nothing_known(g: Graph) -> Graph:
    g.add((article_iri("a1"), DIP.mentions, person_iri("不存在")))
    return g


def _article_datetime(g: Graph) -> Graph:
    g.add((article_iri("a1"), URIRef("http://purl.org/dc/terms/date"),
           Literal("2019-03-02T10:00:00", datatype=XSD.dateTime)))
    return g


@pytest.mark.parametrize("damage, focus, message", [
    (_one_participant, MEETING, "two or more participants"),
    (lambda g: _drop(g, MEETING, DIP.reportedIn), MEETING, "reported in at least one"),
    (_reported_in_nothing, MEETING, "reported in at least one"),
    (lambda g: _drop(g, VISIT, DIP.visitor), VISIT, "exactly one visitor"),
    (_visitor_is_a_country, VISIT, "exactly one visitor"),
    (lambda g: _drop(g, VISIT, DIP.destination), VISIT, "exactly one destination"),
    (_no_zh_label, SU_LAM, "tagged @zh"),
    (_two_zh_labels, SU_LAM, "tagged @zh"),
    (_untagged_label, country_iri("VN"), "carry a language tag"),
    (_untagged_alt_label, SU_LAM, "carry a language tag"),
    (_bad_date, DIP.startDate, "neither xsd:date nor xsd:gMonthDay"),
    (_mentions_nothing_known, DIP.mentions, "not a person, country, organization or place"),
    (_two_dates, MEETING, "xsd:date or xsd:gMonthDay"),
    (_bad_iso, country_iri("JP"), "ISO 3166-1"),
    (_one_way_met_with, DIP.metWith, "not the other way round"),
    (_met_with_without_meeting, DIP.metWith, "no dip:Meeting has both"),
    (_article_datetime, article_iri("a1"), "xsd:date"),
])
def test_each_broken_contract_is_reported(shapes: Graph, damage, focus: URIRef,
                                          message: str) -> None:
    report = validate_graph(damage(_mini()), shapes)
    assert not report.conforms
    hits = [p for p in report.violations if p.focus == str(focus) and message in p.message]
    assert hits, report.summary()


def test_end_before_start_is_a_warning_only(shapes: Graph) -> None:
    g = _mini()
    g.add((VISIT, DIP.startDate, Literal("2019-03-05", datatype=XSD.date)))
    g.remove((VISIT, DIP.startDate, Literal("--03-02", datatype=XSD.gMonthDay)))
    g.remove((VISIT, DIP.endDate, None))
    g.add((VISIT, DIP.endDate, Literal("2019-03-02", datatype=XSD.date)))
    report = validate_graph(g, shapes)
    assert report.conforms
    assert [p.severity for p in report.problems] == ["Warning"]
    assert "ends before it starts" in report.problems[0].message


def test_cli_exit_status(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    assert main(["validate", str(MINI)]) == 0
    assert "SHACL: conforms" in capsys.readouterr().out
    broken = tmp_path / "broken.ttl"
    _one_participant(_mini()).serialize(broken, format="turtle")
    assert main(["validate", str(broken)]) == 1
    out = capsys.readouterr().out
    assert "does not conform" in out and "two or more participants" in out


def test_build_reports_validation(seeds_build: Path) -> None:
    from kg.pipeline import build

    report = build([ROOT / "sources" / "p002.txt"], seeds_build.parent / "one-page",
                   progress=False)
    assert report.validation.startswith("SHACL: conforms")
    assert "SHACL" in report.summary()
