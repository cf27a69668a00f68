"""The RDF stage: a resolved corpus as triples, and deterministic Turtle.

The shape of the graph is documented in DEVELOPERS.md ("The graph"). ``write_graph`` writes
graph.ttl straight from the resolved corpus: Oxigraph serialises the triples in sorted
order, so the same input gives byte-identical files. ``to_triples`` gives the same triples
as rdflib terms (for notebooks, tests and ``write_turtle``).

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

import functools
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any, BinaryIO

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
    Article,
    Entity,
    Event,
    Post,
    Resolved,
)
from .parallel import gc_paused
from .vocab import (
    DIP,
    DIPR,
    article_iri_str,
    country_iri,
    country_iri_str,
    event_iri_str,
    holding_iri_str,
    org_iri,
    org_iri_str,
    person_iri,
    person_iri_str,
    place_iri,
    place_iri_str,
)

__all__ = ["Triple", "PREFIXES", "entity_iri", "date_literal", "sort_key", "to_triples", "to_graph",
           "write_turtle", "turtle_bytes", "write_graph", "count"]

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


# The graph is built as rows of plain strings, one subject at a time: no rdflib terms, and
# only one subject's triples in memory at once. A row is a triple without its subject, laid
# out as its own sort key (see sort_key), so sorting the rows gives the graph's reading order
# and a set of rows drops duplicates exactly as a set of rdflib triples would.
Row = tuple[bool, str, bool, str, str, str]
"""(predicate is not rdf:type, predicate, object is a literal, object text, language, datatype)"""

_TYPE = str(RDF.type)
_LABEL = str(RDFS.label)
_ALT_LABEL = str(SKOS.altLabel)
_TITLE = str(DCTERMS.title)
_DATE = str(DCTERMS.date)
_XSD_DATE = str(XSD.date)
_ANY_URI = str(XSD.anyURI)
_TRUE = (str(Literal(True)), str(XSD.boolean))
_dip = SimpleNamespace(**{name: str(DIP[name]) for name in DIP.__annotations__})
"""The ontology's terms as plain strings: ``_dip.Meeting`` (a misspelt name raises)."""

_IRI_STR_OF_KIND = {PERSON: person_iri_str, COUNTRY: country_iri_str,
                    ORGANIZATION: org_iri_str, PLACE: place_iri_str}
_CLASS_STR_OF_KIND = {kind: str(cls) for kind, cls in _CLASS_OF_KIND.items()}
_CLASS_STR_OF_EVENT = {kind: str(cls) for kind, cls in _CLASS_OF_EVENT.items()}


def _link(predicate: str, iri: str) -> Row:
    """A row whose object is an IRI."""
    return (predicate != _TYPE, predicate, False, iri, "", "")


def _text(predicate: str, text: str, language: str = "", datatype: str = "") -> Row:
    """A row whose object is a literal (a language-tagged one, a typed one, or a plain one)."""
    return (True, predicate, True, text, language, datatype)


def _typed(predicate: str, text_and_datatype: tuple[str, str]) -> Row:
    """A row whose object is a typed literal, given as (text, datatype)."""
    text, datatype = text_and_datatype
    return (True, predicate, True, text, "", datatype)


def _name(predicate: str, text: str) -> Row:
    """A name as a literal: @en when it is written in Latin script, else @zh."""
    return _text(predicate, text, "en" if text.isascii() else "zh")


@functools.lru_cache(maxsize=1 << 14)
def _date_parts(value: str) -> tuple[str, str] | None:
    """The (text, datatype) of ``date_literal(value)``: rdflib's own reading, once per value."""
    lit = date_literal(value)
    return None if lit is None else (str(lit), str(lit.datatype))


def _article_rows(a: Article, mentions: tuple[tuple[str, str], ...]) -> list[Row]:
    """Type, source, script, title, date, URL, outlet and mentions of one article."""
    rows = [_link(_TYPE, _dip.Article), _text(_dip.sourceFile, a.source_file),
            _text(_dip.script, a.script)]
    if a.title:
        rows.append(_text(_TITLE, a.title, "zh"))
    date = _date_parts(a.date)
    if date is not None and date[1] == _XSD_DATE:
        rows.append(_typed(_DATE, date))
    if a.url:
        rows.append(_typed(_dip.url, (a.url, _ANY_URI)))
    if a.outlet:
        rows.append(_text(_dip.outlet, a.outlet))
    # The hottest loops (mentions, participants, reports, evidence) write their rows out, or
    # take them from a cache: the same entities and articles come back again and again.
    rows += [row for row in map(_mention_row, mentions) if row is not None]
    return rows


@functools.lru_cache(maxsize=1 << 16)
def _mention_row(mention: tuple[str, str]) -> Row | None:
    """The dip:mentions row of an article's (kind, key) mention; None for kinds with no node."""
    kind, key = mention
    iri_of_kind = _IRI_STR_OF_KIND.get(kind)
    return None if iri_of_kind is None else (True, _dip.mentions, False, iri_of_kind(key), "", "")


@functools.lru_cache(maxsize=1 << 16)
def _reported_in_row(article_id: str) -> Row:
    """The dip:reportedIn row of an article."""
    return (True, _dip.reportedIn, False, article_iri_str(article_id), "", "")


def _entity_rows(e: Entity, holdings: tuple[str, ...]) -> list[Row]:
    """Type, labels, country and posts of one entity (``holdings``: its posts' IRIs)."""
    rows = [_link(_TYPE, _CLASS_STR_OF_KIND[e.kind]), _text(_LABEL, e.label, "zh")]
    if e.latin:
        rows.append(_text(_LABEL, e.latin, "en"))
    rows += [_name(_ALT_LABEL, alias) for alias in e.aliases if alias not in (e.label, e.latin)]
    if e.kind == COUNTRY:
        rows.append(_text(_dip.isoCode, e.key))
    elif e.country:
        prop = _dip.locatedIn if e.kind == PLACE else _dip.country
        rows.append(_link(prop, country_iri_str(e.country)))
    rows += [_link(_dip.holdsPost, holding) for holding in holdings]
    return rows


def _holding_rows(post: Post) -> list[Row]:
    """One post held by a person (its IRI is the subject)."""
    # tens of thousands of posts: their rows are written out
    rows = [_HOLDING_TYPE, (True, _dip.postTitle, True, post.title, "zh", "")]
    if post.organization:
        rows.append((True, _dip.postOrganization, False, org_iri_str(post.organization), "", ""))
    as_of = _date_parts(post.as_of)
    if as_of is not None:
        rows.append((True, _dip.asOf, True, as_of[0], "", as_of[1]))
    if post.article_id:
        rows.append(_reported_in_row(post.article_id))
    return rows


_HOLDING_TYPE = _link(_TYPE, _dip.PostHolding)


def _event_rows(ev: Event, people: tuple[str, ...]) -> list[Row]:
    """Everything one event says, its provenance included (``people``: participants' IRIs)."""
    rows = [_link(_TYPE, _CLASS_STR_OF_EVENT[ev.kind])]
    participant, evidence = _dip.participant, _dip.evidence
    rows += [(True, participant, False, p, "", "") for p in people]
    if ev.visitor:
        rows.append(_link(_dip.visitor, person_iri_str(ev.visitor)))
    if ev.destination:
        rows.append(_link(_dip.destination, country_iri_str(ev.destination)))
    if ev.inviter:
        rows.append(_link(_dip.invitedBy, person_iri_str(ev.inviter)))
    for prop, value in ((_dip.startDate, ev.start), (_dip.endDate, ev.end)):
        date = _date_parts(value)
        if date is not None:
            rows.append(_typed(prop, date))
    if ev.visit_kind:
        rows.append(_text(_dip.visitKind, ev.visit_kind, "zh"))
    if ev.place:
        rows.append(_link(_dip.place, place_iri_str(ev.place)))
    if ev.planned:
        rows.append(_typed(_dip.planned, _TRUE))
    rows += map(_reported_in_row, ev.articles)
    rows += [(True, evidence, True, e.text, "zh", "") for e in ev.evidence]
    return rows


def _met_with_rows(person: str, people: tuple[str, ...]) -> list[Row]:
    """A meeting as seen from one participant: it met every other participant."""
    return [_link(_dip.metWith, other) for other in people if other != person]


def _subject_rows(resolved: Resolved) -> Iterator[tuple[str, list[Row]]]:
    """Every subject of the graph in sorted order, with its rows sorted and without duplicates.

    First an index from each subject to the records that say something about it (an article,
    an entity, a post, an event, the meetings a person took part in); then each subject's rows
    are made, sorted and given away, so only one subject's rows are held at once.
    """
    says: dict[str, list[tuple[Callable[..., list[Row]], tuple]]] = defaultdict(list)
    for a in resolved.articles:
        says[article_iri_str(a.id)].append((_article_rows, (a, resolved.mentions.get(a.id, ()))))
    holding_iri = functools.lru_cache(maxsize=None)(holding_iri_str)  # posts repeat
    for e in resolved.entities:
        holdings = tuple(holding_iri(e.key, post.title, post.organization, post.as_of)
                         for post in e.posts)
        says[_IRI_STR_OF_KIND[e.kind](e.key)].append((_entity_rows, (e, holdings)))
        for holding, post in zip(holdings, e.posts, strict=True):
            says[holding].append((_holding_rows, (post,)))
    for ev in resolved.events:
        people = tuple(person_iri_str(p) for p in ev.participants)
        says[event_iri_str(ev.kind, ev.key or repr(ev))].append((_event_rows, (ev, people)))
        if ev.kind == MEETING:
            for person in people:
                says[person].append((_met_with_rows, (person, people)))
    for subject in sorted(says):
        rows: set[Row] = set()
        for make, args in says.pop(subject):
            rows.update(make(*args))
        yield subject, sorted(rows)


def to_triples(resolved: Resolved) -> list[Triple]:
    """Every triple of the resolved corpus, sorted and without duplicates."""
    iris: dict[str, URIRef] = {}  # one URIRef per IRI: objects repeat a lot
    out: list[Triple] = []
    for subject, rows in _subject_rows(resolved):
        s = URIRef(subject)
        for _, p, is_literal, o, language, datatype in rows:
            if p not in iris:
                iris[p] = URIRef(p)
            if is_literal:
                obj: URIRef | Literal = Literal(o, lang=language or None,
                                                datatype=URIRef(datatype) if datatype else None)
            else:
                obj = iris.get(o) or iris.setdefault(o, URIRef(o))
            out.append((s, iris[p], obj))
    return out


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


# write_graph lays the Turtle statements out itself, as Oxigraph's serialiser does (the subject,
# then "predicate object" groups joined by " ;\n\t", objects of one predicate by " , ", and
# " .\n"), and takes the text of every term from Oxigraph: making a pyoxigraph Triple for each
# of the graph's triples was half its time, while terms repeat (745,605 triples, some 110,000
# distinct predicate-object pairs at 10,000 pages). Each piece's new terms are written as
# N-Triples in one probe document, which Oxigraph parses and writes as Turtle, statements of
# known shape from which the terms' texts are cut out:
#
#   SUBJECT <urn:kg-probe:c> <urn:kg-probe:s> .     one per new subject
#   <urn:kg-probe:s> <urn:kg-probe:b> <urn:kg-probe:s> ;
#   \t<urn:kg-probe:a> OBJECT ;                      one per new object, the predicate
#   \t<urn:kg-probe:b> OBJECT ;                      alternating so objects never share a line
#   \tPREDICATE <urn:kg-probe:s> ;                   one per new predicate
#   \t<urn:kg-probe:c> <urn:kg-probe:s> .
#
# Oxigraph escapes line breaks inside literals, so every line holds one term.
_PROBE = "<urn:kg-probe:s>"
_PROBE_SUBJECT = " <urn:kg-probe:c> <urn:kg-probe:s> .\n"  # N-Triples after a subject
_PROBE_OBJECT = ("<urn:kg-probe:s> <urn:kg-probe:a> ", "<urn:kg-probe:s> <urn:kg-probe:b> ")
# what surrounds each term on its line of the Turtle
_PROBE_SUBJECT_TAIL = len(" <urn:kg-probe:c> <urn:kg-probe:s> .")
_PROBE_OBJECT_HEAD = len("\t<urn:kg-probe:a> ")  # (a and b alike)
_PROBE_OBJECT_TAIL = len(" ;")
_PROBE_PREDICATE_TAIL = len(" <urn:kg-probe:s> ;")


def _ntriples_object(row: Row) -> str:
    """The object of a row in N-Triples (where a literal must escape \\, ", LF and CR, and
    may hold any other character as it is)."""
    _, _, is_literal, text, language, datatype = row
    if not is_literal:
        return f"<{text}>"
    if '"' in text or "\\" in text or "\n" in text or "\r" in text:
        text = (text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
                .replace("\r", "\\r"))
    if language:
        return f'"{text}"@{language}'
    if datatype:
        return f'"{text}"^^<{datatype}>'
    return f'"{text}"'


class _TurtleTerms:
    """The Turtle text of subjects, predicates and objects (by row) as Oxigraph writes them."""

    def __init__(self) -> None:
        self.head = ""  # the prefix lines Oxigraph puts before the first statement
        self.objects: dict[Row, str] = {}
        self.predicates: dict[str, str] = {}

    def learn(self, subjects: list[str], new_rows: list[Row]) -> list[str]:
        """Learn the objects and predicates of ``new_rows`` (rows not known yet, each once);
        the subjects' texts."""
        new_predicates = list({row[1] for row in new_rows} - self.predicates.keys())
        probe = [f"<{s}>{_PROBE_SUBJECT}" for s in subjects]
        probe.append(f"{_PROBE} <urn:kg-probe:b> {_PROBE} .\n")
        probe += [f"{_PROBE_OBJECT[i % 2]}{_ntriples_object(row)} .\n"
                  for i, row in enumerate(new_rows)]
        probe += [f"{_PROBE} <{p}> {_PROBE} .\n" for p in new_predicates]
        probe.append(f"{_PROBE} <urn:kg-probe:c> {_PROBE} .\n")
        triples = ox.parse("".join(probe).encode(), format=ox.RdfFormat.N_TRIPLES)
        doc = ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=PREFIXES).decode()
        body = len(_prefix_lines(doc))
        self.head = doc[:body]
        lines = doc[body:].split("\n")
        n_subjects, n_rows = len(subjects), len(new_rows)
        objects = lines[n_subjects + 1:n_subjects + 1 + n_rows]
        predicates = lines[n_subjects + 1 + n_rows:-2]
        if len(predicates) != len(new_predicates) or lines[-1] != "":
            raise RuntimeError("Oxigraph wrote the probe document in an unexpected shape")
        self.objects.update(zip(new_rows,
                                [line[_PROBE_OBJECT_HEAD:-_PROBE_OBJECT_TAIL] for line in objects],
                                strict=True))
        self.predicates.update(zip(new_predicates,
                                   [line[1:-_PROBE_PREDICATE_TAIL] for line in predicates],
                                   strict=True))
        return [line[:-_PROBE_SUBJECT_TAIL] for line in lines[:n_subjects]]


_MAX_CACHED = 1 << 17


PIECE_TRIPLES = 100_000
"""Triples per piece of :func:`write_graph`: some 4 MB of Turtle."""


def _turtle_body(batch: list[tuple[str, list[Row]]], terms: _TurtleTerms) -> str:
    """The statements of the subjects of ``batch``, as Oxigraph would write them."""
    if len(terms.objects) > _MAX_CACHED:  # keep memory bounded on big corpora
        terms.objects.clear()
    objects, predicates = terms.objects, terms.predicates
    # Subjects, and predicates and objects not known yet, go in as placeholders (their places
    # noted), replaced once Oxigraph has written them all in one go.
    out: list[Any] = []
    subject_at: list[int] = []
    predicate_at: list[int] = []
    object_at: list[int] = []
    new_rows: dict[Row, None] = {}  # an ordered set
    for subject, rows in batch:
        subject_at.append(len(out))
        out.append(subject)
        last = None
        for row in rows:  # sorted: the rows of one predicate are consecutive
            predicate = row[1]
            if predicate == last:
                out.append(" , ")
            else:
                out.append(" ;\n\t" if last is not None else " ")
                text = predicates.get(predicate)
                if text is None:
                    predicate_at.append(len(out))
                    text = predicate
                out.append(text)
                out.append(" ")
                last = predicate
            text = objects.get(row)
            if text is None:
                object_at.append(len(out))
                new_rows[row] = None
                text = row
            out.append(text)
        out.append(" .\n")
    subjects = terms.learn([subject for subject, _ in batch], list(new_rows))
    for at, subject_text in zip(subject_at, subjects, strict=True):
        out[at] = subject_text
    for at in predicate_at:
        out[at] = predicates[out[at]]
    for at in object_at:
        out[at] = objects[out[at]]
    return "".join(out)


def write_graph(resolved: Resolved, path: str | Path, *,
                pieces: Callable[[bytes], object] | None = None,
                piece_triples: int = PIECE_TRIPLES) -> int:
    """Write the resolved corpus as Turtle to ``path`` atomically; return the number of triples.

    The bytes are those of ``write_turtle(to_triples(resolved), path)``, made without rdflib
    terms, subject by subject, some ``piece_triples`` at a time. ``pieces``, when given,
    receives each piece as it is made, as a whole Turtle document (the prefixes, then whole
    subjects): a store can load it meanwhile (:class:`kg.store.StoreLoader`).

    >>> import tempfile, pathlib
    >>> from kg.model import Article, Resolved
    >>> art = Article(id="a1", source_file="p.txt", index=0, title="t", text="", start=0, end=0)
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "graph.ttl"
    >>> write_graph(Resolved(articles=(art,)), path)
    4
    >>> path.read_bytes() == turtle_bytes(to_triples(Resolved(articles=(art,))))
    True
    """
    terms = _TurtleTerms()
    n_triples = 0

    def write(batch: list[tuple[str, list[Row]]], fh: BinaryIO) -> None:
        body = _turtle_body(batch, terms).encode()
        head = terms.head.encode()
        if fh.tell() == 0:  # the file has the prefixes once; each piece carries them to be whole
            fh.write(head)
        fh.write(body)
        if pieces is not None:
            pieces(head + body)

    path = Path(path)
    # millions of small tuples, none in a cycle: the collector would only rescan the corpus
    with gc_paused(), atomic_path(path) as tmp, tmp.open("wb") as fh:
        batch: list[tuple[str, list[Row]]] = []
        in_batch = 0
        for subject, rows in _subject_rows(resolved):
            if not rows:  # a subject with nothing to say (a person met only themself)
                continue
            batch.append((subject, rows))
            in_batch += len(rows)
            if in_batch >= piece_triples:  # a piece ends with a whole subject
                write(batch, fh)
                n_triples += in_batch
                batch, in_batch = [], 0
        if batch:
            write(batch, fh)
            n_triples += in_batch
    return n_triples


def _prefix_lines(doc: str) -> str:
    """The leading ``@prefix`` lines of a Turtle document."""
    end = 0
    while doc.startswith("@prefix", end):
        end = doc.index("\n", end) + 1
    return doc[:end]


def count(resolved: Resolved, triples: list[Triple] | int | None = None) -> dict[str, int]:
    """How many articles, entities of each kind, events of each kind and triples.

    ``triples`` is the graph's triples or their number (as write_graph returns it); when
    None, they are counted afresh.
    """
    if isinstance(triples, int):
        n_triples = triples
    elif triples is not None:
        n_triples = len(triples)
    else:
        n_triples = sum(len(rows) for _, rows in _subject_rows(resolved))
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
        "triples": n_triples,
    }
