"""The RDF stage: a resolved corpus as triples, and deterministic Turtle.

The shape of the graph is documented in DEVELOPERS.md ("The graph"). Triples are rdflib
terms; Turtle is written by Oxigraph from the triples in sorted order, so the same input
gives byte-identical files.

>>> from kg.model import Article, Entity, Event, Evidence, Resolved
>>> art = Article(id="a1", source_file="p.txt", index=0, title="t", text="苏林会见洪森。",
...               start=0, end=7, date="2025-09-01")
>>> ev = Event(kind="meeting", participants=("洪森", "苏林"), start="2025-09-01",
...            articles=("a1",), evidence=(Evidence("a1", 0, 7, "苏林会见洪森。"),),
...            key="meeting|洪森|苏林|2025-09-01")
>>> people = (Entity(key="苏林", kind="person", label="苏林"),
...           Entity(key="洪森", kind="person", label="洪森"))
>>> g = to_graph(Resolved(articles=(art,), entities=people, events=(ev,)))
>>> (person_iri("苏林"), DIP.metWith, person_iri("洪森")) in g
True
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from pathlib import Path

import pyoxigraph as ox
from rdflib import RDF, RDFS, XSD, BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, SKOS

from .io import atomic_path
from .model import (
    CALL,
    COUNTRY,
    MEETING,
    ORGANIZATION,
    PERSON,
    PLACE,
    VISIT,
    Entity,
    Event,
    Resolved,
)
from .vocab import (
    DIP,
    DIPR,
    article_iri,
    country_iri,
    event_iri,
    holding_iri,
    org_iri,
    person_iri,
    place_iri,
)

__all__ = ["Triple", "PREFIXES", "entity_iri", "date_literal", "sort_key", "to_triples", "to_graph",
           "write_turtle", "turtle_bytes", "count"]

Triple = tuple[URIRef, URIRef, URIRef | Literal]

PREFIXES = {
    "dip": str(DIP._NS),
    "dipr": str(DIPR),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "xsd": str(XSD),
    "skos": str(SKOS),
    "dcterms": str(DCTERMS),
}

_IRI_OF_KIND = {PERSON: person_iri, COUNTRY: country_iri, ORGANIZATION: org_iri,
                PLACE: place_iri}
_CLASS_OF_KIND = {PERSON: DIP.Person, COUNTRY: DIP.Country, ORGANIZATION: DIP.Organization,
                  PLACE: DIP.Place}
_CLASS_OF_EVENT = {MEETING: DIP.Meeting, VISIT: DIP.Visit, CALL: DIP.Call}


def entity_iri(kind: str, key: str) -> URIRef:
    """The IRI of an entity of ``kind`` (person, country, organization, place)."""
    return _IRI_OF_KIND[kind](key)


def date_literal(value: str) -> Literal | None:
    """``2026-02-05`` as xsd:date, ``--02-05`` as xsd:gMonthDay; None for anything else."""
    if len(value) == 10 and value[4] == "-" and value[:4].isdigit():
        return Literal(value, datatype=XSD.date)
    if len(value) == 7 and value.startswith("--"):
        return Literal(value, datatype=XSD.gMonthDay)
    return None


def _name_literal(text: str) -> Literal:
    """A name as a literal: @en when it is written in Latin script, else @zh."""
    return Literal(text, lang="en" if text.isascii() else "zh")


def _entity_triples(e: Entity) -> list[Triple]:
    """Type, labels, country and posts of one entity."""
    node = entity_iri(e.kind, e.key)
    out: list[Triple] = [(node, RDF.type, _CLASS_OF_KIND[e.kind]),
                         (node, RDFS.label, Literal(e.label, lang="zh"))]
    if e.latin:
        out.append((node, RDFS.label, Literal(e.latin, lang="en")))
    for alias in e.aliases:
        if alias not in (e.label, e.latin):
            out.append((node, SKOS.altLabel, _name_literal(alias)))
    if e.kind == COUNTRY:
        out.append((node, DIP.isoCode, Literal(e.key)))
    elif e.country:
        prop = DIP.locatedIn if e.kind == PLACE else DIP.country
        out.append((node, prop, country_iri(e.country)))
    for post in e.posts:
        holding = holding_iri(e.key, post.title, post.organization, post.as_of)
        out += [(node, DIP.holdsPost, holding),
                (holding, RDF.type, DIP.PostHolding),
                (holding, DIP.postTitle, Literal(post.title, lang="zh"))]
        if post.organization:
            out.append((holding, DIP.postOrganization, org_iri(post.organization)))
        as_of = date_literal(post.as_of)
        if as_of is not None:
            out.append((holding, DIP.asOf, as_of))
        if post.article_id:
            out.append((holding, DIP.reportedIn, article_iri(post.article_id)))
    return out


def _event_triples(ev: Event) -> list[Triple]:
    """Everything one event says, its provenance included."""
    node = event_iri(ev.kind, ev.key or repr(ev))
    out: list[Triple] = [(node, RDF.type, _CLASS_OF_EVENT[ev.kind])]
    people = [person_iri(p) for p in ev.participants]
    out += [(node, DIP.participant, p) for p in people]
    if ev.kind == MEETING:
        out += [(a, DIP.metWith, b) for a in people for b in people if a != b]
    if ev.visitor:
        out.append((node, DIP.visitor, person_iri(ev.visitor)))
    if ev.destination:
        out.append((node, DIP.destination, country_iri(ev.destination)))
    if ev.inviter:
        out.append((node, DIP.invitedBy, person_iri(ev.inviter)))
    for prop, value in ((DIP.startDate, ev.start), (DIP.endDate, ev.end)):
        lit = date_literal(value)
        if lit is not None:
            out.append((node, prop, lit))
    if ev.visit_kind:
        out.append((node, DIP.visitKind, Literal(ev.visit_kind, lang="zh")))
    if ev.place:
        out.append((node, DIP.place, place_iri(ev.place)))
    if ev.planned:
        out.append((node, DIP.planned, Literal(True)))
    out += [(node, DIP.reportedIn, article_iri(a)) for a in ev.articles]
    out += [(node, DIP.evidence, Literal(e.text, lang="zh")) for e in ev.evidence]
    return out


def to_triples(resolved: Resolved) -> list[Triple]:
    """Every triple of the resolved corpus, sorted and without duplicates."""
    out: list[Triple] = []
    for a in resolved.articles:
        node = article_iri(a.id)
        out += [(node, RDF.type, DIP.Article),
                (node, DIP.sourceFile, Literal(a.source_file)),
                (node, DIP.script, Literal(a.script))]
        if a.title:
            out.append((node, DCTERMS.title, Literal(a.title, lang="zh")))
        date = date_literal(a.date)
        if date is not None and date.datatype == XSD.date:
            out.append((node, DCTERMS.date, date))
        if a.url:
            out.append((node, DIP.url, Literal(a.url, datatype=XSD.anyURI)))
        if a.outlet:
            out.append((node, DIP.outlet, Literal(a.outlet)))
        for kind, key in resolved.mentions.get(a.id, ()):
            if kind in _IRI_OF_KIND:
                out.append((node, DIP.mentions, entity_iri(kind, key)))
    for e in resolved.entities:
        out += _entity_triples(e)
    for ev in resolved.events:
        out += _event_triples(ev)
    return sorted(set(out), key=sort_key)


_plain = str.__str__  # a term's text as a plain str, compared without rdflib's overloads
_RDF_TYPE = _plain(RDF.type)


def sort_key(t: Triple) -> tuple:
    """Subjects together, rdf:type first, then predicate and object: a stable reading order."""
    s, p, o = t
    p = _plain(p)
    if isinstance(o, Literal):
        return (_plain(s), p != _RDF_TYPE, p, True, _plain(o), o.language or "",
                _plain(o.datatype or ""))
    return (_plain(s), p != _RDF_TYPE, p, False, _plain(o), "", "")


def to_graph(resolved: Resolved) -> Graph:
    """The resolved corpus as an rdflib Graph (for notebooks and tests)."""
    g = Graph()
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns)
    for t in to_triples(resolved):
        g.add(t)
    return g


def _ox_term(term: URIRef | Literal | BNode) -> ox.NamedNode | ox.Literal | ox.BlankNode:
    """An rdflib term as the equivalent pyoxigraph term."""
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    return ox.BlankNode(str(term))


def turtle_bytes(triples: Iterable[Triple]) -> bytes:
    """Turtle for the triples, in the order given, with the project's prefixes."""
    ox_triples = (ox.Triple(_ox_term(s), _ox_term(p), _ox_term(o)) for s, p, o in triples)
    return ox.serialize(ox_triples, format=ox.RdfFormat.TURTLE, prefixes=PREFIXES)


def write_turtle(triples: Iterable[Triple], path: str | Path) -> Path:
    """Write the triples as Turtle to ``path`` atomically (temporary file, then rename)."""
    path = Path(path)
    with atomic_path(path) as tmp:
        tmp.write_bytes(turtle_bytes(triples))
    return path


def count(resolved: Resolved, triples: list[Triple] | None = None) -> dict[str, int]:
    """How many articles, entities of each kind, events of each kind and triples."""
    kinds = Counter(e.kind for e in resolved.entities)
    events = Counter(ev.kind for ev in resolved.events)
    return {
        "articles": len(resolved.articles),
        "persons": kinds[PERSON],
        "countries": kinds[COUNTRY],
        "organizations": kinds[ORGANIZATION],
        "places": kinds[PLACE],
        "meetings": events[MEETING],
        "visits": events[VISIT],
        "calls": events[CALL],
        "triples": len(triples) if triples is not None else len(to_triples(resolved)),
    }
