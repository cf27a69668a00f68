"""Exports of a build for other systems: ``kg export DIR --format FORMAT``.

- ``turtle``: the graph as graph.ttl writes it (sorted, deterministic);
- ``trig`` and ``nquads``: the same triples as a dataset with **one named graph per
  article**, so provenance survives in a quad store. Which triple goes in which graph is
  :func:`kg.push.article_graphs` (the rule ``kg push`` uses): an article's own triples go in
  the graph named by the article's IRI; the triples of a node that is ``dip:reportedIn``
  articles (a meeting, visit, call, post held) go in the graph of *each* article reporting it;
  a triple whose subject has no article but whose object has (``dip:holdsPost``) follows the
  object; what no single article owns (names and labels of persons, countries, organizations,
  places; ``dip:metWith``) goes in one shared graph, ``dipr:graph/shared``. The union of the
  graphs is exactly the graph of graph.ttl;
- ``jsonld``: JSON-LD with a context (prefixes, and one short term per ``dip:`` property,
  object properties typed ``@id``), derived from ``ontology/diplomacy.ttl``;
- ``graphml`` and ``gexf``: the who-met-whom network for Gephi (networkx): one node per person
  who met someone (attributes ``label``, ``label_en``, ``country``, ``iri``), one edge per pair
  (``weight`` = meetings, ``first``, ``last`` dates, ``meetings`` = their IRIs);
- ``csv``: ``meetings.csv`` and ``visits.csv`` (the named queries ``meetings`` and ``visits``),
  UTF-8 with a byte-order mark so spreadsheets read the Chinese.

Every file is written atomically (``kg.io``). By default outputs go to ``DIR/export/``.

>>> import tempfile, pathlib
>>> out = pathlib.Path(tempfile.mkdtemp())
>>> [p.name for p in export("tests/data/mini.ttl", "csv", out)]
['meetings.csv', 'visits.csv']
>>> network("tests/data/mini.ttl").number_of_edges()
5
"""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from . import rdf
from . import store as kgstore
from .io import atomic_path, atomic_write_bytes
from .lexicon import ontology_dir
from .push import article_graphs
from .query import PREFIXES, QueryError, format_result, open_target, run_named, run_query

__all__ = ["FORMATS", "EXTENSIONS", "ExportError", "export", "dataset_quads", "jsonld_context",
           "network", "graph_triples"]

FORMATS = ("turtle", "trig", "nquads", "jsonld", "graphml", "gexf", "csv")
EXTENSIONS = {"turtle": ".ttl", "trig": ".trig", "nquads": ".nq", "jsonld": ".jsonld",
              "graphml": ".graphml", "gexf": ".gexf"}
EXPORT_DIR = "export"


class ExportError(ValueError):
    """An export that cannot be made; the message says why."""


def _store(target: str | Path | ox.Store) -> ox.Store:
    try:
        return open_target(target)
    except QueryError as err:
        raise ExportError(str(err)) from err


def graph_triples(target: str | Path | ox.Store) -> list[ox.Triple]:
    """The triples of the default graph of ``target``, sorted."""
    store = _store(target)
    triples = [q.triple for q in store.quads_for_pattern(None, None, None, ox.DefaultGraph())]
    triples.sort(key=lambda t: (str(t.subject), str(t.predicate), str(t.object)))
    return triples


def dataset_quads(target: str | Path | ox.Store) -> list[ox.Quad]:
    """The graph as quads, one named graph per article (the rule is in the module docstring)."""
    out = []
    for graph, triples in article_graphs(graph_triples(target)).items():
        out += [ox.Quad(t.subject, t.predicate, t.object, graph) for t in triples]
    return out


@functools.cache
def jsonld_context() -> dict[str, Any]:
    """The JSON-LD context: the project's prefixes and a short term per ``dip:`` property.

    >>> jsonld_context()["participant"]
    {'@id': 'dip:participant', '@type': '@id'}
    """
    from rdflib import OWL, RDF, Graph

    ontology = Graph().parse(ontology_dir() / "diplomacy.ttl", format="turtle")
    context: dict[str, Any] = {p: iri for p, iri in PREFIXES.items()
                               if p in ("dip", "dipr", "rdfs", "skos", "xsd", "dcterms")}
    dip = PREFIXES["dip"]
    for prop in sorted(set(ontology.subjects(RDF.type, OWL.ObjectProperty))
                       | set(ontology.subjects(RDF.type, OWL.DatatypeProperty)), key=str):
        name = str(prop)
        if not name.startswith(dip):
            continue
        local = name[len(dip):]
        term: dict[str, str] = {"@id": f"dip:{local}"}
        if (prop, RDF.type, OWL.ObjectProperty) in ontology:
            term["@type"] = "@id"
        context[local] = term
    context.update({"label": {"@id": "rdfs:label"}, "altLabel": {"@id": "skos:altLabel"},
                    "title": {"@id": "dcterms:title"}, "date": {"@id": "dcterms:date"}})
    return context


def _rdflib_graph(target: str | Path | ox.Store) -> Any:
    from rdflib import Graph

    from .query import to_rdflib

    g = Graph()
    for prefix, iri in PREFIXES.items():
        g.bind(prefix, iri)
    for t in graph_triples(target):
        g.add((to_rdflib(t.subject), to_rdflib(t.predicate), to_rdflib(t.object)))
    return g


def _jsonld_bytes(target: str | Path | ox.Store) -> bytes:
    context = jsonld_context()
    data = _rdflib_graph(target).serialize(format="json-ld", context=context,
                                           auto_compact=True, indent=1)
    doc = json.loads(data)
    return (json.dumps(doc, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def network(target: str | Path | ox.Store) -> Any:
    """The who-met-whom network as a networkx ``Graph`` (persons, weighted by meetings).

    >>> g = network("tests/data/mini.ttl")
    >>> g.nodes["https://w3id.org/dipkg/resource/person/苏林"]["label"]
    '苏林'
    """
    import networkx as nx

    store = _store(target)
    g = nx.Graph()
    people = run_query(store, """
        SELECT DISTINCT ?p ?zh ?en ?iso WHERE {
          ?m a dip:Meeting ; dip:participant ?p .
          OPTIONAL { ?p rdfs:label ?zh FILTER(LANGMATCHES(LANG(?zh), "zh")) }
          OPTIONAL { ?p rdfs:label ?en FILTER(LANGMATCHES(LANG(?en), "en")) }
          OPTIONAL { ?p dip:country/dip:isoCode ?iso }
        } ORDER BY ?p""")
    for p, zh, en, iso in people.rows:
        if p.value in g:
            continue
        g.add_node(p.value, label=zh.value if zh else p.value.rsplit("/", 1)[-1],
                   label_en=en.value if en else "", country=iso.value if iso else "",
                   iri=p.value)
    pairs = run_query(store, """
        SELECT ?a ?b ?m ?d WHERE {
          ?m a dip:Meeting ; dip:participant ?a , ?b .
          FILTER(STR(?a) < STR(?b))
          OPTIONAL { ?m dip:startDate ?d }
        } ORDER BY ?a ?b ?m""")
    for a, b, m, d in pairs.rows:
        date = d.value if d else ""
        if g.has_edge(a.value, b.value):
            e = g.edges[a.value, b.value]
            if m.value not in e["meetings"].split():
                e["weight"] += 1
                e["meetings"] += " " + m.value
            if date:
                e["first"] = min(filter(None, (e["first"], date)))
                e["last"] = max(e["last"], date)
        else:
            g.add_edge(a.value, b.value, weight=1, first=date, last=date, meetings=m.value)
    return g


def _default_out(target: str | Path | ox.Store, fmt: str) -> Path:
    if isinstance(target, ox.Store):
        raise ExportError("give an output path when exporting a store")
    path = Path(target)
    folder = path / EXPORT_DIR if path.is_dir() else path.parent
    if fmt == "csv":
        return folder
    stem = "graph" if path.is_dir() else path.stem
    return folder / (stem + EXTENSIONS[fmt])


def export(target: str | Path | ox.Store, fmt: str, out: str | Path | None = None) -> list[Path]:
    """Write ``target`` (a build folder or RDF file) in ``fmt``; returns the files written.

    ``out`` is the output file (for ``csv``: the output folder); by default
    ``DIR/export/graph.EXT`` (``DIR/export/`` for csv).
    """
    if fmt not in FORMATS:
        raise ExportError(f"unknown export format {fmt!r} (known: {', '.join(FORMATS)})")
    dest = Path(out) if out is not None else _default_out(target, fmt)
    if fmt != "csv" and dest.is_dir():
        stem = "graph" if not isinstance(target, (str, Path)) or Path(target).is_dir() \
            else Path(target).stem
        dest = dest / (stem + EXTENSIONS[fmt])
    if fmt == "csv":
        dest.mkdir(parents=True, exist_ok=True)
        written = []
        store = _store(target)
        for name in ("meetings", "visits"):
            text = format_result(run_named(store, name), "csv")
            path = dest / f"{name}.csv"
            atomic_write_bytes(path, text.encode("utf-8-sig"))
            written.append(path)
        return written
    dest.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "turtle":
        triples = sorted(kgstore.store_triples(_store(target)), key=rdf.sort_key)
        rdf.write_turtle(triples, dest)
    elif fmt in ("trig", "nquads"):
        quads = dataset_quads(target)
        rdf_fmt = ox.RdfFormat.TRIG if fmt == "trig" else ox.RdfFormat.N_QUADS
        kwargs = {"prefixes": {"dip": PREFIXES["dip"], "rdfs": PREFIXES["rdfs"],
                               "xsd": PREFIXES["xsd"], "skos": PREFIXES["skos"],
                               "dcterms": PREFIXES["dcterms"]}} if fmt == "trig" else {}
        atomic_write_bytes(dest, ox.serialize(quads, format=rdf_fmt, **kwargs))
    elif fmt == "jsonld":
        atomic_write_bytes(dest, _jsonld_bytes(target))
    else:
        import networkx as nx

        g = network(target)
        with atomic_path(dest) as tmp:
            if fmt == "graphml":
                nx.write_graphml(g, tmp, encoding="utf-8")
            else:
                nx.write_gexf(g, tmp, encoding="utf-8")
    return [dest]
