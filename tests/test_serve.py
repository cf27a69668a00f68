"""kg serve: the SPARQL 1.1 Protocol endpoint, tested with a real client (SPARQLWrapper).

Servers are started in the test on 127.0.0.1 with an ephemeral port and stopped after it.
"""

from __future__ import annotations

import csv
import io
import threading
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from SPARQLWrapper import CSV, JSON, POST, TSV, XML, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import QueryBadFormed

from kg.serve import SparqlServer, make_server, negotiate

ROOT = Path(__file__).resolve().parent.parent
MINI = ROOT / "tests" / "data" / "mini.ttl"
PREFIXES = """PREFIX dip: <https://w3id.org/dipkg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
"""


def _start(target: Path, **kwargs: object) -> SparqlServer:
    server = make_server(target, port=0, **kwargs)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


@pytest.fixture(scope="module")
def server(demo_build: Path) -> Iterator[SparqlServer]:
    s = _start(demo_build)
    yield s
    s.shutdown()
    s.server_close()


def _client(server: SparqlServer, fmt: str = JSON) -> SPARQLWrapper:
    client = SPARQLWrapper(server.url)
    client.setReturnFormat(fmt)
    client.setTimeout(30)
    return client


def test_select_json(server: SparqlServer) -> None:
    client = _client(server)
    client.setQuery(PREFIXES + """SELECT ?name WHERE {
        ?m a dip:Meeting ; dip:participant ?p , ?o . ?p rdfs:label "苏林"@zh .
        ?o rdfs:label ?name FILTER(LANG(?name) = "zh") }""")
    doc = client.queryAndConvert()
    assert doc["head"]["vars"] == ["name"]
    assert {"通伦·西苏里", "洪森"} <= {b["name"]["value"] for b in doc["results"]["bindings"]}


def test_ask_json_get_and_post(server: SparqlServer) -> None:
    for method in ("GET", POST):
        client = _client(server)
        client.setMethod(method)
        client.setQuery(PREFIXES + 'ASK { ?p a dip:Person ; rdfs:label "潘文江"@zh }')
        assert client.queryAndConvert()["boolean"] is True
        client.setQuery(PREFIXES + 'ASK { ?p a dip:Person ; rdfs:label "没有人"@zh }')
        assert client.queryAndConvert()["boolean"] is False


def test_select_xml_csv_tsv(server: SparqlServer) -> None:
    query = PREFIXES + "SELECT ?iso WHERE { ?c a dip:Country ; dip:isoCode ?iso } ORDER BY ?iso"
    client = _client(server, XML)
    client.setQuery(query)
    xml_doc = client.queryAndConvert()  # a minidom Document
    values = [n.firstChild.data for n in xml_doc.getElementsByTagName("literal")]
    assert "VN" in values and values == sorted(values)
    client = _client(server, CSV)
    client.setQuery(query)
    rows = list(csv.reader(io.StringIO(client.queryAndConvert().decode("utf-8"))))
    assert rows[0] == ["iso"] and ["JP"] in rows
    client = _client(server, TSV)
    client.setQuery(query)
    lines = client.queryAndConvert().decode("utf-8").splitlines()
    assert lines[0] == "?iso" and '"LA"' in lines


def test_construct_as_turtle(server: SparqlServer) -> None:
    from rdflib import Graph

    client = SPARQLWrapper(server.url)
    client.setQuery(PREFIXES + "CONSTRUCT WHERE { ?m a dip:Meeting }")
    client.setReturnFormat("turtle")
    data = client.query().response.read()
    assert len(Graph().parse(data=data, format="turtle")) >= 10


def test_insert_is_refused(server: SparqlServer, demo_build: Path) -> None:
    from kg.store import count

    n = count(demo_build)
    client = _client(server)
    client.setMethod(POST)
    client.setQuery("INSERT DATA { <urn:a> <urn:b> <urn:c> }")  # SPARQLWrapper: an update
    with pytest.raises(urllib.error.HTTPError) as err:
        client.query()
    assert err.value.code == 403
    # an update sent as a query, and an update form field, are refused as well
    for body in ("query=" + urllib.parse.quote("DELETE WHERE { ?s ?p ?o }"),
                 "update=" + urllib.parse.quote("DELETE WHERE { ?s ?p ?o }")):
        req = urllib.request.Request(server.url, data=body.encode(), method="POST",
                                     headers={"Content-Type":
                                              "application/x-www-form-urlencoded"})
        with pytest.raises(urllib.error.HTTPError) as err:
            urllib.request.urlopen(req, timeout=10)
        assert err.value.code == 403
    assert count(demo_build) == n


def test_service_is_refused(server: SparqlServer) -> None:
    q = urllib.parse.quote("SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }")
    with pytest.raises(urllib.error.HTTPError) as err:
        urllib.request.urlopen(f"{server.url}?query={q}", timeout=10)
    assert err.value.code == 403


def test_malformed_query_is_400_with_position(server: SparqlServer) -> None:
    client = _client(server)
    client.setQuery("SELECT ?x WHERE {\n ?x ?p }")
    with pytest.raises(QueryBadFormed, match="line 2, column"):
        client.query()


def test_unacceptable_type_and_unknown_path(server: SparqlServer) -> None:
    q = urllib.parse.quote("ASK {}")
    req = urllib.request.Request(f"{server.url}?query={q}", headers={"Accept": "image/png"})
    with pytest.raises(urllib.error.HTTPError) as err:
        urllib.request.urlopen(req, timeout=10)
    assert err.value.code == 406
    with pytest.raises(urllib.error.HTTPError) as err:
        urllib.request.urlopen(server.url.replace("/sparql", "/nope"), timeout=10)
    assert err.value.code == 404


def test_timeout_and_result_limit(tmp_path: Path) -> None:
    path = tmp_path / "big.nt"
    path.write_bytes(ox.serialize(
        [ox.Triple(ox.NamedNode(f"urn:s{i}"), ox.NamedNode("urn:p"), ox.Literal(i))
         for i in range(2000)], format=ox.RdfFormat.N_TRIPLES))
    server = _start(path, timeout=0.3, limit=7)
    try:
        # 4 million rows to count: seconds of work, all before the first answer row
        heavy = urllib.parse.quote("SELECT (COUNT(*) AS ?n) WHERE { ?a ?p ?x . ?b ?p ?y }")
        with pytest.raises(urllib.error.HTTPError) as err:
            urllib.request.urlopen(f"{server.url}?query={heavy}", timeout=30)
        assert err.value.code == 503
        assert server.pool.restarts == 1  # the worker running it was killed, not left running
        client = _client(server)
        client.setQuery("SELECT ?s WHERE { ?s ?p ?o }")
        result = client.query()
        assert result.info()["x-kg-truncated"] == "true"
        assert len(result.convert()["results"]["bindings"]) == 7
    finally:
        server.shutdown()
        server.server_close()


def test_server_follows_a_replaced_store(seeds_build: Path, tmp_path: Path) -> None:
    """kg add replaces DIR/store; the server answers from the new one."""
    import shutil

    from kg.pipeline import add

    out = tmp_path / "b"
    shutil.copytree(seeds_build, out)
    server = _start(out)
    try:
        count = PREFIXES + "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
        client = _client(server)
        client.setQuery(count)
        before = int(client.queryAndConvert()["results"]["bindings"][0]["n"]["value"])
        add([ROOT / "sources" / "p002.txt"], out, progress=False, validate=False)
        after = int(client.queryAndConvert()["results"]["bindings"][0]["n"]["value"])
        assert after > before
    finally:
        server.shutdown()
        server.server_close()


def test_only_loopback() -> None:
    with pytest.raises(ValueError, match="loopback"):
        make_server(MINI, host="0.0.0.0")


@pytest.mark.parametrize("accept, expected", [
    (None, "application/sparql-results+json"),
    ("*/*", "application/sparql-results+json"),
    ("text/csv", "text/csv"),
    ("text/*", "text/csv"),
    ("application/sparql-results+xml;q=0.9, text/tab-separated-values",
     "text/tab-separated-values"),
    ("image/png", None),
])
def test_negotiate(accept: str | None, expected: str | None) -> None:
    offers = ["application/sparql-results+json", "application/sparql-results+xml",
              "text/csv", "text/tab-separated-values"]
    assert negotiate(accept, offers) == expected
