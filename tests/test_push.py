"""kg.push against real Graph Store servers started here on 127.0.0.1: Debian's Virtuoso 7
(authenticated, the main one) and Oxigraph's server (no authentication).

The server runs from a temporary database folder on free ports; graphs go to Virtuoso's
authenticated Graph Store endpoint (``/sparql-graph-crud-auth``, HTTP Digest, user dba) and are
read back through its SPARQL endpoint. No server, no pass: if ``virtuoso-t`` is missing or
does not start, these tests FAIL (``.ci/run`` installs ``virtuoso-opensource-7``; the test
extra installs ``oxigraph``).
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
import pytest
import requests

from kg.cli import main
from kg.push import SHARED_GRAPH, PushError, article_graphs, parse_triples, push

DIP = "https://w3id.org/dipkg/ontology#"
ART = "https://w3id.org/dipkg/resource/article/"
PER = "https://w3id.org/dipkg/resource/person/"

SMALL = f"""
@prefix dip: <{DIP}> .
@prefix art: <{ART}> .
@prefix per: <{PER}> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
art:a1 a dip:Article ; dip:mentions per:苏林, per:洪森 .
art:a2 a dip:Article ; dip:mentions per:苏林 .
<https://w3id.org/dipkg/resource/meeting/m1> a dip:Meeting ;
    dip:participant per:苏林, per:洪森 ; dip:reportedIn art:a1, art:a2 ;
    dip:evidence "越共中央总书记苏林在河内会见了柬埔寨人民党主席洪森。"@zh .
<https://w3id.org/dipkg/resource/holding/h1> dip:postTitle "总书记"@zh ;
    dip:reportedIn art:a2 .
per:苏林 a dip:Person ; rdfs:label "苏林"@zh ;
    dip:holdsPost <https://w3id.org/dipkg/resource/holding/h1> ;
    dip:metWith per:洪森 .
per:洪森 a dip:Person ; rdfs:label "洪森"@zh ; dip:note [ rdfs:label "blank"@zh ] .
"""


# --- which triple goes where (no server) --------------------------------------------------------

def _graph_of(graphs: dict, subject: str, predicate: str) -> set[str]:
    return {g.value.rsplit("/", 1)[-1] for g, ts in graphs.items()
            for s, p, _ in ts if s.value == subject and p.value == predicate}


@pytest.mark.parametrize(("subject", "predicate", "graphs"), [
    (ART + "a1", DIP + "mentions", {"a1"}),  # an article's own triples: its graph
    ("https://w3id.org/dipkg/resource/meeting/m1", DIP + "participant", {"a1", "a2"}),
    ("https://w3id.org/dipkg/resource/meeting/m1", DIP + "evidence", {"a1", "a2"}),
    ("https://w3id.org/dipkg/resource/holding/h1", DIP + "postTitle", {"a2"}),
    (PER + "苏林", DIP + "holdsPost", {"a2"}),  # follows the holding it points at
    (PER + "苏林", "http://www.w3.org/2000/01/rdf-schema#label", {"shared"}),
    (PER + "苏林", DIP + "metWith", {"shared"}),
])
def test_article_graphs_places_each_triple(subject: str, predicate: str,
                                           graphs: set[str]) -> None:
    grouped = article_graphs(parse_triples(SMALL.encode()))
    assert _graph_of(grouped, subject, predicate) == graphs


def test_article_graphs_keeps_blank_nodes_with_their_referrer() -> None:
    grouped = article_graphs(parse_triples(SMALL.encode()))
    shared = grouped[SHARED_GRAPH]
    assert any(isinstance(s, ox.BlankNode) for s, _, _ in shared)
    assert sum(len(ts) for ts in grouped.values()) >= len(parse_triples(SMALL.encode()))
    assert list(grouped) == sorted(grouped, key=lambda g: g.value)


# --- a real Virtuoso --------------------------------------------------------------------------

def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


INI = """[Database]
DatabaseFile = {d}/virtuoso.db
ErrorLogFile = {d}/virtuoso.log
LockFile = {d}/virtuoso.lck
TransactionFile = {d}/virtuoso.trx
xa_persistent_file = {d}/virtuoso.pxa
MaxCheckpointRemap = 2000
Striping = 0
TempStorage = TempDatabase
[TempDatabase]
DatabaseFile = {d}/virtuoso-temp.db
TransactionFile = {d}/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping = 0
[Parameters]
ServerPort = 127.0.0.1:{sql}
DisableUnixSocket = 1
CheckpointInterval = 60
CaseMode = 2
DirsAllowed = ., {d}
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
[HTTPServer]
ServerPort = 127.0.0.1:{http}
ServerRoot = {d}/www
MaxClientConnections = 8
ServerThreads = 8
Charset = UTF-8
[SPARQL]
ResultSetMaxRows = 100000
MaxQueryExecutionTime = 60
"""


@dataclass
class Virtuoso:
    base: str

    @property
    def crud(self) -> str:
        return self.base + "/sparql-graph-crud-auth"

    def select(self, query: str) -> list[dict[str, str]]:
        resp = requests.get(self.base + "/sparql", params={"query": query},
                            headers={"Accept": "application/sparql-results+json"}, timeout=60)
        resp.raise_for_status()
        return [{k: v["value"] for k, v in row.items()}
                for row in resp.json()["results"]["bindings"]]


@pytest.fixture(scope="module")
def virtuoso(tmp_path_factory: pytest.TempPathFactory):
    exe = shutil.which("virtuoso-t")
    if exe is None:
        pytest.fail("virtuoso-t not found: install Debian's virtuoso-opensource-7 "
                    "(.ci/run does)")
    d = tmp_path_factory.mktemp("virtuoso")
    (d / "www").mkdir()
    http = _free_port()
    (d / "virtuoso.ini").write_text(INI.format(d=d, sql=_free_port(), http=http),
                                    encoding="utf-8")
    log = (d / "stdout.log").open("wb")
    proc = subprocess.Popen([exe, "+foreground", "+configfile", str(d / "virtuoso.ini")],
                            cwd=d, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{http}"
    try:
        deadline = time.monotonic() + 90
        while True:
            if proc.poll() is not None:
                pytest.fail("virtuoso-t exited with status {}:\n{}".format(
                    proc.returncode, (d / "stdout.log").read_text(errors="replace")[-2000:]))
            try:
                if requests.get(base + "/sparql", params={"query": "ASK {}"},
                                timeout=2).status_code == 200:
                    break
            except requests.RequestException:
                pass
            if time.monotonic() > deadline:
                pytest.fail("virtuoso-t did not answer on {} within 90 s:\n{}".format(
                    base, (d / "stdout.log").read_text(errors="replace")[-2000:]))
            time.sleep(0.3)
        yield Virtuoso(base)
    finally:
        proc.terminate()
        try:
            proc.wait(30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()


@pytest.fixture
def dba(monkeypatch: pytest.MonkeyPatch) -> None:
    """Virtuoso's default administrator of a fresh database, through the environment."""
    monkeypatch.setenv("KG_PUSH_USER", "dba")
    monkeypatch.setenv("KG_PUSH_PASSWORD", "dba")
    monkeypatch.delenv("KG_PUSH_AUTH", raising=False)


def _graph_sizes(server: Virtuoso, prefix: str) -> dict[str, int]:
    rows = server.select("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } "
                         f"FILTER(STRSTARTS(STR(?g), \"{prefix}\")) }} GROUP BY ?g")
    return {r["g"]: int(r["n"]) for r in rows}


def test_push_small_graph_and_query_it_back(virtuoso: Virtuoso, dba: None,
                                            tmp_path: Path) -> None:
    path = tmp_path / "small.ttl"
    path.write_text(SMALL, encoding="utf-8")
    report = push(path, virtuoso.crud)
    assert report.auth == "digest"
    assert report.graphs == 3
    sizes = _graph_sizes(virtuoso, ART)
    assert set(sizes) == {ART + "a1", ART + "a2"}
    rows = virtuoso.select(
        f"SELECT ?g ?who WHERE {{ GRAPH ?g {{ ?m <{DIP}participant> ?who ; "
        f"<{DIP}evidence> ?e }} }}")
    assert {(r["g"], r["who"]) for r in rows} == {
        (ART + a, PER + p) for a in ("a1", "a2") for p in ("苏林", "洪森")}
    # pushing again replaces each graph: nothing doubles
    push(path, virtuoso.crud)
    assert _graph_sizes(virtuoso, ART) == sizes


def test_push_demo_build_then_query_meetings_there(virtuoso: Virtuoso, dba: None,
                                                   demo_build: Path, capsys) -> None:
    assert main(["push", str(demo_build), "--endpoint", virtuoso.crud]) == 0
    assert "named graphs" in capsys.readouterr().out
    local = ox.Store()
    local.load(path=str(demo_build / "graph.ttl"), format=ox.RdfFormat.TURTLE)
    rdf_type = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    articles = {q.subject.value
                for q in local.quads_for_pattern(None, rdf_type, ox.NamedNode(DIP + "Article"))}
    assert articles and articles <= set(_graph_sizes(virtuoso, ART))
    here = {(r["a"].value, r["b"].value) for r in local.query(
        f"SELECT DISTINCT ?a ?b WHERE {{ ?a <{DIP}metWith> ?b }}")}
    there = {(r["a"], r["b"]) for r in virtuoso.select(
        f"SELECT DISTINCT ?a ?b WHERE {{ GRAPH <{SHARED_GRAPH.value}> "
        f"{{ ?a <{DIP}metWith> ?b }} }}")}
    assert here == there
    met_in_articles = {(r["a"], r["b"]) for r in virtuoso.select(
        f"SELECT DISTINCT ?a ?b WHERE {{ GRAPH ?g {{ ?m a <{DIP}Meeting> ; "
        f"<{DIP}participant> ?a, ?b ; <{DIP}reportedIn> ?g }} FILTER(?a != ?b) }}")}
    assert here <= met_in_articles


@pytest.mark.parametrize(("env", "endpoint", "message"), [
    ({}, "{crud}", "asks for credentials"),
    ({"KG_PUSH_USER": "dba", "KG_PUSH_PASSWORD": "wrong"}, "{crud}", "refused the credentials"),
    ({"KG_PUSH_USER": "dba"}, "{crud}", "KG_PUSH_PASSWORD is not"),
    ({}, "{base}/sparql-graph-crud", "forbids writing"),
    ({}, "{base}/no-such-endpoint", "not a Graph Store Protocol endpoint"),
    ({}, "http://127.0.0.1:{dead}/store", "cannot reach"),
    ({}, "ftp://example.org/", r"must be an http\(s\) URL"),
])
def test_push_errors_say_what_is_wrong(virtuoso: Virtuoso, monkeypatch: pytest.MonkeyPatch,
                                       tmp_path: Path, env: dict[str, str], endpoint: str,
                                       message: str) -> None:
    for name in ("KG_PUSH_USER", "KG_PUSH_PASSWORD", "KG_PUSH_AUTH"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    path = tmp_path / "small.ttl"
    path.write_text(SMALL, encoding="utf-8")
    url = endpoint.format(crud=virtuoso.crud, base=virtuoso.base, dead=_free_port())
    with pytest.raises(PushError, match=message):
        push(path, url, timeout=30)


@pytest.fixture(scope="module")
def oxigraph_server(tmp_path_factory: pytest.TempPathFactory):
    """Oxigraph's own server (``pip install oxigraph``): a second Graph Store, no auth."""
    exe = shutil.which("oxigraph")
    if exe is None:
        pytest.fail("the oxigraph server is not installed: pip install 'diplomacy-kg[test]'")
    port = _free_port()
    proc = subprocess.Popen([exe, "serve", "--location", str(tmp_path_factory.mktemp("ox")),
                             "--bind", f"127.0.0.1:{port}"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                requests.get(base + "/query", params={"query": "ASK {}"}, timeout=2)
                break
            except requests.RequestException:
                if proc.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"oxigraph serve did not start: {proc.stderr.read()!r}")
                time.sleep(0.2)
        yield base
    finally:
        proc.terminate()
        proc.wait(10)


def test_push_to_oxigraph_server_then_query(oxigraph_server: str, tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("KG_PUSH_USER", "KG_PUSH_PASSWORD", "KG_PUSH_AUTH"):
        monkeypatch.delenv(name, raising=False)
    path = tmp_path / "small.ttl"
    path.write_text(SMALL, encoding="utf-8")
    report = push(path, oxigraph_server + "/store")
    assert (report.graphs, report.auth) == (3, "none")
    resp = requests.get(oxigraph_server + "/query", timeout=30,
                        headers={"Accept": "application/sparql-results+json"},
                        params={"query": f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?m "
                                         f"<{DIP}participant> <{PER}洪森> }} }}"})
    resp.raise_for_status()
    graphs = {b["g"]["value"] for b in resp.json()["results"]["bindings"]}
    assert graphs == {ART + "a1", ART + "a2"}


def test_cli_push_without_a_build_is_a_clear_error(tmp_path: Path, capsys) -> None:
    assert main(["push", str(tmp_path), "--endpoint", "http://127.0.0.1:1/store"]) == 1
    err = capsys.readouterr().err
    assert "graph.ttl" in err and "kg build" in err


def test_credentials_are_not_taken_on_the_command_line() -> None:
    with pytest.raises(SystemExit):
        main(["push", ".", "--endpoint", "http://x", "--password", "dba"])


def test_docstring_examples_run() -> None:
    import doctest

    import kg.push

    result = doctest.testmod(kg.push, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0
