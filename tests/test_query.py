"""kg.query and ``kg query``: SPARQL over a build or a file, parameters, errors, named queries."""

from __future__ import annotations

import csv
import io
import json
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg import query as q
from kg.cli import main
from kg.lexicon import queries_dir

ROOT = Path(__file__).resolve().parent.parent
MINI = ROOT / "tests" / "data" / "mini.ttl"
SEED1 = "000_07f46a5e7c02f47f.txt"
SEED2 = "002_6b6760b802839743.txt"


def names(result: q.QueryResult, column: str) -> set[str]:
    return {v for v in result.column(column) if v is not None}


# --- parameters -----------------------------------------------------------------------------------

@pytest.mark.parametrize("value, term", [
    ("苏林", ox.Literal("苏林")),
    ('"苏林"@zh', ox.Literal("苏林", language="zh")),
    ('"2025-09-01"^^xsd:date',
     ox.Literal("2025-09-01", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#date"))),
    ("<https://w3id.org/dipkg/resource/country/VN>",
     ox.NamedNode("https://w3id.org/dipkg/resource/country/VN")),
    ("dipr:person/苏林", ox.NamedNode("https://w3id.org/dipkg/resource/person/苏林")),
    ("a } . ?s ?p ?o", ox.Literal("a } . ?s ?p ?o")),
    ("unknown:x", ox.Literal("unknown:x")),
])
def test_parse_term(value: str, term: object) -> None:
    assert q.parse_term(value) == term


@pytest.mark.parametrize("value", ['"a" . <urn:x> <urn:y> "b"', "<not an iri>", '"open'])
def test_a_value_that_is_not_one_term_is_refused(value: str) -> None:
    with pytest.raises(q.QueryError, match="parameter value"):
        q.parse_term(value)


@pytest.mark.parametrize("items, message", [
    (["person"], "expected name=value"),
    (["1x=3"], "not a SPARQL variable name"),
])
def test_bad_parameters(items: list[str], message: str) -> None:
    with pytest.raises(q.QueryError, match=message):
        q.parse_params(items)


def test_a_parameter_cannot_escape_its_literal() -> None:
    """A value written to break out of the query only ever matches as one literal."""
    attack = '苏林" } ?s ?p ?o . FILTER(true) #'
    text = 'SELECT ?p WHERE { ?p rdfs:label ?l FILTER(STR(?l) = ?name) }'
    assert q.run_query(MINI, text, params={"name": attack}).rows == []
    assert len(q.run_query(MINI, text, params={"name": "苏林"}).rows) == 1


def test_bind_params_needs_the_variable_in_the_query() -> None:
    with pytest.raises(q.QueryError, match="no variable \\?who"):
        q.run_query(MINI, "SELECT * WHERE { ?s ?p ?o }", params=["who=苏林"])


@pytest.mark.parametrize("text", [
    "SELECT ?p WHERE { ?p ?q ?name }",
    "PREFIX x: <urn:x#> SELECT ?p { ?p ?q ?name # a { comment\n }",
    "CONSTRUCT { ?p ?q ?name } WHERE { ?p ?q ?name }",
    "ASK { ?p ?q ?name }",
    'SELECT (COUNT(*) AS ?n) WHERE { ?p ?q ?name FILTER(?name != "}") }',
])
def test_bind_params_gives_a_valid_query(text: str) -> None:
    bound = q.bind_params(text, {"name": ox.Literal('a"b}')})
    assert 'VALUES (?name) { ("a\\"b}") }' in bound
    ox.Store().query(bound)  # parses


# --- kinds, errors, refusals ----------------------------------------------------------------------

@pytest.mark.parametrize("text, kind", [
    ("SELECT * { ?s ?p ?o }", "select"),
    ("prefix dip: <https://w3id.org/dipkg/ontology#>\n# INSERT\nASK { ?s ?p ?o }", "ask"),
    ("CONSTRUCT WHERE { ?s ?p ?o }", "construct"),
    ("DESCRIBE <urn:x>", "describe"),
    ("INSERT DATA { <urn:a> <urn:b> <urn:c> }", "update"),
    ("PREFIX dip: <https://w3id.org/dipkg/ontology#> DELETE WHERE { ?s ?p ?o }", "update"),
    ("DROP ALL", "update"),
    ("WITH <urn:g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }", "update"),
])
def test_query_kind(text: str, kind: str) -> None:
    assert q.query_kind(text) == kind


def test_updates_are_refused_without_update(tmp_path: Path) -> None:
    with pytest.raises(q.UpdateRefused, match="--update"):
        q.run_query(MINI, "INSERT DATA { <urn:a> <urn:b> <urn:c> }")


def test_malformed_query_gives_line_and_column() -> None:
    with pytest.raises(q.QueryError, match=r"malformed query: line 2, column \d+"):
        q.run_query(MINI, "SELECT ?x WHERE {\n ?x ?p }")


def test_unknown_target_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(q.QueryError, match="no such build folder or RDF file"):
        q.run_query(tmp_path / "nothing", "ASK {}")


def test_timeout() -> None:
    store = ox.Store()
    store.extend(ox.Quad(ox.NamedNode(f"urn:s{i}"), ox.NamedNode("urn:p"), ox.Literal(i))
                 for i in range(3000))
    heavy = "SELECT ?a ?b ?c WHERE { ?a ?p ?x . ?b ?p ?y . ?c ?p ?z }"
    with pytest.raises(q.QueryTimeout, match="timed out after 0.3 s"):
        q.run_query(store, heavy, timeout=0.3)


def test_limit_truncates() -> None:
    result = q.run_query(MINI, "SELECT ?s WHERE { ?s a dip:Person }", limit=3)
    assert len(result) == 3 and result.truncated
    assert "(stopped at 3 rows)" in q.format_table(result)


# --- formats --------------------------------------------------------------------------------------

SELECT_LABELS = """SELECT ?p ?label ?en WHERE {
  ?p a dip:Person ; rdfs:label ?label FILTER(LANG(?label) = "zh")
  OPTIONAL { ?p rdfs:label ?en FILTER(LANG(?en) = "en") } } ORDER BY ?p"""


def test_json_is_sparql_results_json() -> None:
    result = q.run_query(MINI, SELECT_LABELS)
    doc = json.loads(q.format_result(result, "json"))
    assert doc["head"]["vars"] == ["p", "label", "en"]
    first = doc["results"]["bindings"][0]
    assert first["p"]["type"] == "uri"
    assert first["label"] == {"type": "literal", "value": "吴春历", "xml:lang": "zh"}
    assert "en" not in first  # unbound
    ask = json.loads(q.format_result(q.run_query(MINI, "ASK { ?s a dip:Meeting }"), "json"))
    assert ask == {"head": {}, "boolean": True}


def test_csv_tsv_xml() -> None:
    result = q.run_query(MINI, SELECT_LABELS)
    rows = list(csv.reader(io.StringIO(q.format_result(result, "csv"))))
    assert rows[0] == ["p", "label", "en"] and len(rows) == 9
    assert rows[1] == ["https://w3id.org/dipkg/resource/person/吴春历", "吴春历", ""]
    tsv = q.format_result(result, "tsv").splitlines()
    assert tsv[0] == "?p\t?label\t?en"
    assert '"Katsutoshi Kawano"@en' in "\n".join(tsv)
    root = ET.fromstring(q.format_result(result, "xml"))
    ns = "{http://www.w3.org/2005/sparql-results#}"
    assert len(root.findall(f"{ns}results/{ns}result")) == 8


def test_table_aligns_chinese_names() -> None:
    table = q.format_table(q.run_query(MINI, SELECT_LABELS)).splitlines()
    assert table[0].startswith("p ")
    assert "dipr:person/苏林" in "\n".join(table)


def test_construct_gives_triples() -> None:
    result = q.run_query(MINI, "CONSTRUCT WHERE { ?m a dip:Meeting }")
    assert result.kind == "graph" and len(result) == 5


# --- named queries --------------------------------------------------------------------------------

EXPECTED = ["articles-of-event", "meetings", "meetings-between-countries", "meetings-of",
            "most-met", "posts-of", "visits", "visits-to", "who-met-whom"]


def test_every_named_query_has_a_header_saying_what_it_answers() -> None:
    assert sorted(q.named_queries()) == EXPECTED
    for name, path in q.named_queries().items():
        lines = path.read_text(encoding="utf-8").splitlines()
        assert lines[0].startswith(f"# {name}: "), name
        header = q.describe_named(name)
        assert "example: kg query" in header and ("param" in header), name
    assert (queries_dir() / "README.md").is_file()


def test_named_query_parameters_are_checked() -> None:
    with pytest.raises(q.QueryError, match="needs --param person=VALUE"):
        q.run_named(MINI, "meetings-of")
    with pytest.raises(q.QueryError, match="has no parameter country"):
        q.run_named(MINI, "meetings-of", params={"person": "苏林", "country": "VN"})
    with pytest.raises(q.QueryError, match="no named query 'nope'"):
        q.run_named(MINI, "nope")


def test_named_queries_on_the_fixture() -> None:
    r = q.run_named(MINI, "meetings-of", params={"person": "苏林"})
    assert names(r, "otherName") == {"通伦·西苏里", "洪森"}
    r = q.run_named(MINI, "meetings-of", params={"person": "范文江"})  # another spelling
    assert names(r, "otherName") == {"河野克俊", "岩屋毅"}
    r = q.run_named(MINI, "meetings-of", params={"person": "吴春历", "from": "2018",
                                                 "to": "2018-01"})
    assert names(r, "otherName") == {"詹姆斯·马蒂斯"}
    r = q.run_named(MINI, "meetings-of", params={"person": "吴春历", "to": "2017"})
    assert r.rows == []


# --- named queries on the demo build (the issue's "done when") ------------------------------------

def test_who_met_whom(demo_build: Path) -> None:
    r = q.run_named(demo_build, "who-met-whom")
    pairs = {frozenset((a, b)) for a, b in zip(r.column("aName"), r.column("bName"),
                                               strict=True)}
    assert {frozenset(("潘文江", "河野克俊")), frozenset(("潘文江", "岩屋毅")),
            frozenset(("苏林", "通伦·西苏里")), frozenset(("苏林", "洪森"))} <= pairs
    assert all(str(a) < str(b) for a, b in zip(r.column("a"), r.column("b"), strict=True))
    counts = r.column("meetings")
    assert counts == sorted(counts, reverse=True)


def test_meetings_of(demo_build: Path) -> None:
    r = q.run_named(demo_build, "meetings-of", params=["person=苏林"])
    assert {"通伦·西苏里", "洪森"} <= names(r, "otherName")
    r = q.run_named(demo_build, "meetings-of", params=["person=范文江"])
    assert {"河野克俊", "岩屋毅"} <= names(r, "otherName")
    recent = q.run_named(demo_build, "meetings-of", params=["person=苏林", "from=2026"])
    assert recent.rows and all(d.startswith("2026") for d in recent.column("date"))


def test_visits_to(demo_build: Path) -> None:
    r = q.run_named(demo_build, "visits-to", params=["country=LA"])
    su_lam = [rec for rec in r.records() if rec["visitorName"] == "苏林"]
    assert su_lam and su_lam[0]["kind"] == "国事访问"
    assert su_lam[0]["inviterName"] == "通伦·西苏里"
    japan = q.run_named(demo_build, "visits-to", params=["country=日本"]).records()
    pan = [rec for rec in japan if rec["visitorName"] == "潘文江"]
    assert pan and pan[0]["inviterName"] == "河野克俊"
    assert (pan[0]["start"], pan[0]["end"], pan[0]["kind"]) == ("--03-02", "--03-05", "正式访问")


def test_posts_of(demo_build: Path) -> None:
    r = q.run_named(demo_build, "posts-of", params=["person=潘文江"])
    assert {"总参谋长", "国防部长"} <= names(r, "title")


def test_most_met(demo_build: Path) -> None:
    r = q.run_named(demo_build, "most-met")
    meetings = r.column("meetings")
    assert meetings == sorted(meetings, reverse=True) and meetings[0] >= 2
    assert {"苏林", "潘文江"} <= names(r, "name")


def test_meetings_between_countries(demo_build: Path) -> None:
    r = q.run_named(demo_build, "meetings-between-countries",
                    params=["country1=VN", "country2=JP"])
    assert {("潘文江", "河野克俊"), ("潘文江", "岩屋毅")} <= set(
        zip(r.column("name1"), r.column("name2"), strict=True))
    back = q.run_named(demo_build, "meetings-between-countries",
                       params=["country1=日本", "country2=越南"])
    assert set(back.column("meeting")) == set(r.column("meeting"))


def test_articles_of_event(demo_build: Path) -> None:
    visits = q.run_named(demo_build, "visits-to", params=["country=LA"]).records()
    event = next(v["visit"] for v in visits if v["visitorName"] == "苏林")
    r = q.run_named(demo_build, "articles-of-event", params=[f"event=<{event}>"])
    assert {SEED1, SEED2} <= names(r, "sourceFile")
    short = "dipr:" + event.split("/resource/", 1)[1]
    assert q.run_named(demo_build, "articles-of-event", params={"event": short}).rows == r.rows


# --- the CLI --------------------------------------------------------------------------------------

def test_cli_named_query_as_json(demo_build: Path, capsys: pytest.CaptureFixture) -> None:
    assert main(["query", str(demo_build), "--name", "meetings-of", "--param", "person=苏林",
                 "--format", "json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert "通伦·西苏里" in {b["otherName"]["value"] for b in doc["results"]["bindings"]}


def test_cli_query_file_and_formats(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    rq = tmp_path / "q.rq"
    rq.write_text("SELECT ?n WHERE { ?p a dip:Country ; dip:isoCode ?n } ORDER BY ?n",
                  encoding="utf-8")
    assert main(["query", str(MINI), "--file", str(rq), "--format", "csv"]) == 0
    assert capsys.readouterr().out.split() == ["n", "JP", "KH", "LA", "US", "VN"]
    assert main(["query", str(MINI), "--file", str(rq), "--format", "tsv"]) == 0
    assert capsys.readouterr().out.splitlines()[1] == '"JP"'


@pytest.mark.parametrize("args, message", [
    (["SELECT ?x WHERE { ?x ?p }"], "malformed query: line 1, column"),
    (["INSERT DATA { <urn:a> <urn:b> <urn:c> }"], "refused unless --update"),
    ([], "give one query"),
    (["--name", "meetings-of"], "needs --param person"),
])
def test_cli_errors(args: list[str], message: str, capsys: pytest.CaptureFixture) -> None:
    assert main(["query", str(MINI), *args]) == 2
    assert message in capsys.readouterr().err


def test_update_changes_the_build_and_survives_an_add(seeds_build: Path, tmp_path: Path,
                                                      capsys: pytest.CaptureFixture) -> None:
    from kg.pipeline import add
    from kg.store import UPDATES_FILE, count

    out = tmp_path / "b"
    shutil.copytree(seeds_build, out)
    n = count(out)
    fix = ('INSERT DATA { <https://w3id.org/dipkg/resource/person/苏林> '
           'skos:altLabel "To Lam"@en }')
    assert main(["query", str(out), fix, "--update"]) == 0
    assert count(out) == n + 1
    assert '"To Lam"@en' in (out / "graph.ttl").read_text(encoding="utf-8")
    assert (out / UPDATES_FILE).is_file()
    add([ROOT / "sources" / "p002.txt"], out, progress=False, validate=False)
    assert '"To Lam"@en' in (out / "graph.ttl").read_text(encoding="utf-8")
    r = q.run_query(out, 'ASK { ?p skos:altLabel "To Lam"@en }')
    assert r.boolean is True


def test_update_of_a_file_rewrites_it(tmp_path: Path) -> None:
    path = tmp_path / "g.ttl"
    shutil.copy(MINI, path)
    q.run_query(path, "DELETE WHERE { ?m a dip:Meeting ; ?p ?o }", update=True)
    assert q.run_query(path, "ASK { ?m a dip:Meeting }").boolean is False
    with pytest.raises(q.UpdateRefused, match="network"):
        q.run_query(path, "LOAD <http://127.0.0.1:9/x>", update=True)
