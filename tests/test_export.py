"""kg export: every RDF export parses back to graph.ttl's graph; networks and CSV for people."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import networkx as nx
import pytest
from rdflib import Dataset, Graph, URIRef
from rdflib.compare import isomorphic

from kg.cli import main
from kg.export import EXTENSIONS, ExportError, dataset_quads, export, jsonld_context, network
from kg.push import SHARED_GRAPH
from kg.query import run_named, run_query

ROOT = Path(__file__).resolve().parent.parent
MINI = ROOT / "tests" / "data" / "mini.ttl"
ARTICLE = "https://w3id.org/dipkg/resource/article/"


@pytest.fixture(scope="module")
def reference(demo_build: Path) -> Graph:
    return Graph().parse(demo_build / "graph.ttl", format="turtle")


@pytest.mark.parametrize("fmt, rdflib_format", [("turtle", "turtle"), ("jsonld", "json-ld")])
def test_graph_exports_are_isomorphic_to_graph_ttl(demo_build: Path, reference: Graph,
                                                   tmp_path: Path, fmt: str,
                                                   rdflib_format: str) -> None:
    [path] = export(demo_build, fmt, tmp_path / ("g" + EXTENSIONS[fmt]))
    back = Graph().parse(path, format=rdflib_format)
    assert len(back) == len(reference)
    assert isomorphic(back, reference)


@pytest.mark.parametrize("fmt", ["trig", "nquads"])
def test_quad_exports_union_is_graph_ttl(demo_build: Path, reference: Graph, tmp_path: Path,
                                         fmt: str) -> None:
    [path] = export(demo_build, fmt, tmp_path / ("g" + EXTENSIONS[fmt]))
    ds = Dataset()
    ds.parse(path, format=fmt)
    union = Graph()
    names = set()
    for s, p, o, g in ds.quads((None, None, None, None)):
        union.add((s, p, o))
        names.add(str(g.identifier if hasattr(g, "identifier") else g))
    assert isomorphic(union, reference)
    articles = set(reference.subjects(URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
                                      URIRef("https://w3id.org/dipkg/ontology#Article")))
    # one named graph per article, plus the shared graph of names and metWith
    assert {str(a) for a in articles} <= names
    assert names <= {str(a) for a in articles} | {SHARED_GRAPH.value}


def test_an_events_triples_are_in_the_graph_of_each_article_reporting_it() -> None:
    quads = dataset_quads(MINI)
    visit = next(q.subject for q in quads if q.predicate.value.endswith("#visitKind")
                 and q.object.value == "国事访问" and q.graph_name.value.endswith("/a2"))
    graphs = {q.graph_name.value.rsplit("/", 1)[-1] for q in quads if q.subject == visit}
    assert graphs == {"a2", "a3"}  # the Laos visit is reported by articles a2 and a3
    labels = {q.graph_name for q in quads if q.predicate.value.endswith("rdf-schema#label")}
    assert labels == {SHARED_GRAPH}


def test_jsonld_has_a_context() -> None:
    context = jsonld_context()
    assert context["dip"] == "https://w3id.org/dipkg/ontology#"
    assert context["participant"] == {"@id": "dip:participant", "@type": "@id"}
    assert context["evidence"] == {"@id": "dip:evidence"}


def test_jsonld_document_uses_short_terms(tmp_path: Path) -> None:
    [path] = export(MINI, "jsonld", tmp_path / "g.jsonld")
    doc = json.loads(path.read_text(encoding="utf-8"))
    assert "@context" in doc
    assert '"participant"' in path.read_text(encoding="utf-8")
    assert isomorphic(Graph().parse(path, format="json-ld"), Graph().parse(MINI))


@pytest.mark.parametrize("fmt, read", [("graphml", nx.read_graphml), ("gexf", nx.read_gexf)])
def test_network_exports(demo_build: Path, tmp_path: Path, fmt: str, read: object) -> None:
    [path] = export(demo_build, fmt, tmp_path)
    assert path.name == "graph" + EXTENSIONS[fmt]
    g = read(path)  # type: ignore[operator]
    pairs = run_named(demo_build, "who-met-whom")
    assert g.number_of_edges() == len(pairs)
    su_lam = "https://w3id.org/dipkg/resource/person/苏林"
    assert g.nodes[su_lam]["label"] == "苏林" and g.nodes[su_lam]["country"] == "VN"
    total = sum(int(d["weight"]) for _, _, d in g.edges(data=True))
    assert total == sum(pairs.column("meetings"))


def test_network_weights_count_meetings() -> None:
    g = network(MINI)
    assert g.number_of_nodes() == 8
    edge = g.edges["https://w3id.org/dipkg/resource/person/苏林",
                   "https://w3id.org/dipkg/resource/person/通伦·西苏里"]
    assert edge["weight"] == 1 and edge["first"] == "--02-05"


def test_csv_of_meetings_and_visits(demo_build: Path, tmp_path: Path) -> None:
    meetings, visits = export(demo_build, "csv", tmp_path / "csv")
    assert meetings.read_bytes().startswith(b"\xef\xbb\xbf")  # BOM: spreadsheets read UTF-8
    rows = list(csv.DictReader(meetings.open(encoding="utf-8-sig")))
    n = run_query(demo_build, "SELECT (COUNT(*) AS ?n) WHERE { ?m a dip:Meeting }")
    assert len(rows) == int(n.rows[0][0].value)
    assert any("潘文江" in r["participants"] and "河野克俊" in r["participants"] for r in rows)
    vrows = list(csv.DictReader(visits.open(encoding="utf-8-sig")))
    assert any(r["visitor"] == "苏林" and r["destination"] == "LA" for r in vrows)


def test_default_output_folder_and_cli(seeds_build: Path, tmp_path: Path,
                                       capsys: pytest.CaptureFixture) -> None:
    import shutil

    out = tmp_path / "b"
    shutil.copytree(seeds_build, out)
    assert main(["export", str(out), "--format", "trig"]) == 0
    assert f"wrote {out / 'export' / 'graph.trig'}" in capsys.readouterr().out
    assert main(["export", str(out), "--format", "csv"]) == 0
    assert (out / "export" / "visits.csv").is_file()


def test_unknown_format() -> None:
    with pytest.raises(ExportError, match="unknown export format"):
        export(MINI, "xlsx")
