"""The who-met-whom explorer (one self-contained HTML page) and static PNG/SVG pictures.

Three steps, each a function:

1. :func:`load_data` reads a graph (a build folder holding ``graph.ttl``, an RDF file, an
   rdflib ``Graph`` or a pyoxigraph ``Store``), keeping only the documented terms
   (DEVELOPERS.md, "The graph"), into a :class:`VizData`: persons, countries, meetings, visits
   and the articles that report them. :func:`viz_data` makes the same VizData straight from
   the resolved corpus the graph is written from (a build has it in hand).
2. :func:`apply_focus` keeps the part of it a :class:`Focus` asks for (a person and their
   neighbours, countries, a date range, a minimum number of meetings).
3. :func:`write_html` writes the explorer; :func:`write_image` a PNG or SVG picture.

The page is built here, not by pyvis's template: it inlines vis-network 9.1.2 (the copy the
pyvis package ships) and the explorer's own script, references nothing on the
network and opens from ``file://`` offline. Every name, sentence and title comes from
untrusted articles, so the data goes into the page only as JSON inside a
``<script type="application/json">`` block with ``<``, ``>``, ``&``, U+2028 and U+2029
escaped, and the page's script shows it only through ``textContent`` and elements it creates,
never ``innerHTML``; links are made only for ``http(s)`` URLs. A Content-Security-Policy
allows only the page's two scripts (by hash) and no request at all.

Layouts are computed here, ahead, and the page starts with physics off, so a graph of 5,000
persons and 15,000 meetings is drawn at once instead of being simulated in the browser.

>>> import pathlib, tempfile
>>> from kg.pipeline import build_resolved
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / "page.txt").write_text(
...     "2025年9月1日,越共中央总书记苏林在河内会见了柬埔寨人民党主席洪森。"
...     "同日,苏林还会见了老挝国家主席通伦。", encoding="utf-8")
>>> data = viz_data(build_resolved([folder]))
>>> sorted(p.label for p in data.persons)
['洪森', '苏林', '通伦']
>>> small = apply_focus(data, Focus(person="洪森", hops=1))
>>> sorted(p.label for p in small.persons)
['洪森', '苏林']
>>> out = write_html(data, folder / "graph.html")
>>> "https://" in out.read_text(encoding="utf-8").split("<script", 1)[0]
False
"""

from __future__ import annotations

import base64
import hashlib
import html
import importlib.util
import json
import math
import os
import re
from collections import Counter, defaultdict, deque
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import pyoxigraph as ox

from .io import atomic_path, atomic_write_text
from .model import (
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

__all__ = [
    "Person", "Country", "Meeting", "Visit", "ArticleRef", "VizData", "Focus",
    "load_data", "viz_data", "apply_focus", "layout", "render_html", "write_html", "write_image",
    "find_cjk_font",
]

GRAPH_FILE = "graph.ttl"

# Colours for the most frequent countries (Tableau 20, reordered for contrast); the rest share
# _OTHER_COLOUR, persons of no known country _NO_COUNTRY_COLOUR.
_PALETTE = [
    "#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf",
    "#bcbd22", "#7f7f7f", "#aec7e8", "#ff9896", "#98df8a", "#ffbb78", "#c5b0d5", "#c49c94",
    "#f7b6d2", "#9edae5", "#dbdb8d", "#393b79",
]
_OTHER_COLOUR = "#b0b0b0"
_NO_COUNTRY_COLOUR = "#d9d9d9"

# The explorer switches from networkx's exact spring layout to the grid-accelerated one here.
_EXACT_LAYOUT_MAX = 400


# --- the data ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class ArticleRef:
    """An article that reports an event: its title, URL (may be empty) and source file."""

    iri: str
    title: str = ""
    url: str = ""
    source_file: str = ""
    date: str = ""


@dataclass(frozen=True)
class Country:
    """A country: its Chinese and English names, ISO code and every other spelling."""

    iri: str
    label: str
    en: str = ""
    iso: str = ""
    names: tuple[str, ...] = ()


@dataclass(frozen=True)
class Person:
    """A person: preferred (Chinese) label, every name seen, country, posts held with dates."""

    iri: str
    label: str
    names: tuple[str, ...] = ()
    country: str = ""  # a Country IRI, "" when unknown
    posts: tuple[tuple[str, str, str], ...] = ()  # (title, organization, as of)


@dataclass(frozen=True)
class Meeting:
    """A meeting: participants (Person IRIs), dates, place, evidence, reporting articles."""

    iri: str
    participants: tuple[str, ...]
    start: str = ""  # lexical xsd:date ("2025-02-05") or xsd:gMonthDay ("--02-05"), or ""
    end: str = ""
    place: str = ""
    evidence: tuple[str, ...] = ()
    articles: tuple[str, ...] = ()  # Article IRIs


@dataclass(frozen=True)
class Visit:
    """A visit of a person to a country."""

    iri: str
    visitor: str
    destination: str  # a Country IRI
    inviter: str = ""
    kind: str = ""
    start: str = ""
    end: str = ""
    planned: bool = False
    evidence: tuple[str, ...] = ()
    articles: tuple[str, ...] = ()


@dataclass(frozen=True)
class VizData:
    """Everything the explorer shows, in a deterministic order (busiest persons first)."""

    persons: tuple[Person, ...] = ()
    countries: dict[str, Country] = field(default_factory=dict)
    meetings: tuple[Meeting, ...] = ()
    visits: tuple[Visit, ...] = ()
    articles: dict[str, ArticleRef] = field(default_factory=dict)

    def meeting_counts(self) -> Counter[str]:
        """How many meetings each person (IRI) took part in."""
        counts: Counter[str] = Counter()
        for m in self.meetings:
            counts.update(set(m.participants))
        return counts


@dataclass(frozen=True)
class Focus:
    """Which part of the graph to show; the default shows everything.

    ``person`` (any name or alias) with ``hops``: that person and everyone within ``hops``
    meetings of them. ``countries`` (ISO code or any name of the country): meetings with at
    least one participant of one of them. ``date_from``/``date_to`` (``YYYY``, ``YYYY-MM`` or
    ``YYYY-MM-DD``, both ends included): meetings and visits dated in the range; events whose
    year is unknown are left out once a range is given. ``min_meetings``: persons with at least
    that many meetings (in what the other options kept).
    """

    person: str | None = None
    hops: int = 1
    countries: tuple[str, ...] = ()
    date_from: str | None = None
    date_to: str | None = None
    min_meetings: int = 0

    def is_empty(self) -> bool:
        """True when the focus keeps the whole graph."""
        return (self.person is None and not self.countries and self.date_from is None
                and self.date_to is None and self.min_meetings <= 0)


_DIP = "https://w3id.org/dipkg/ontology#"
_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
_SKOS_ALT = "http://www.w3.org/2004/02/skos/core#altLabel"
_DCT = "http://purl.org/dc/terms/"

# The properties the explorer reads (DEVELOPERS.md, "The graph"); every other triple is skipped
# unread, e.g. the many dip:mentions of articles.
_READ = frozenset([
    _RDF_TYPE, _RDFS_LABEL, _SKOS_ALT, _DCT + "title", _DCT + "date",
    *(_DIP + name for name in (
        "isoCode country holdsPost postTitle postOrganization asOf url sourceFile evidence "
        "reportedIn participant startDate endDate place visitor destination invitedBy "
        "visitKind planned").split()),
])


def _triples(source: Any) -> Iterable[Any]:
    """The triples (default graph) of ``source`` (see :func:`load_data`), as pyoxigraph quads."""
    if isinstance(source, ox.Store):
        return source.quads_for_pattern(None, None, None, ox.DefaultGraph())
    if hasattr(source, "serialize") and hasattr(source, "triples"):  # an rdflib Graph
        return ox.parse(source.serialize(format="nt", encoding="utf-8"),
                        format=ox.RdfFormat.N_TRIPLES)
    path = Path(source)
    if path.is_dir():
        if not (path / GRAPH_FILE).is_file():
            raise FileNotFoundError(f"{path}: no {GRAPH_FILE} in this folder (not a build?)")
        path = path / GRAPH_FILE
    if not path.is_file():
        raise FileNotFoundError(f"{path}: no such file or folder")
    fmt = ox.RdfFormat.from_extension(path.suffix.lstrip(".")) if path.suffix else None
    quads = ox.parse(path=str(path), format=fmt or ox.RdfFormat.TURTLE)
    if fmt is not None and fmt.supports_datasets:  # SPARQL saw only a store's default graph
        default = ox.DefaultGraph()
        return (q for q in quads if q.graph_name == default)
    return quads


class _Graph:
    """The triples the explorer reads, indexed by property then subject.

    Subjects are keyed by their value (an IRI always has a scheme and a blank node label
    never does, so they cannot clash); objects are kept as pyoxigraph terms, in reading order,
    repeats included (a triple read twice changes nothing below: names and posts are sets).
    One pass over the parsed file: loading a store and querying it with SPARQL cost about
    twice as much for a large graph.
    """

    def __init__(self, source: Any) -> None:
        self.index: dict[str, dict[str, list[Any]]] = {p: {} for p in _READ}
        index = self.index
        try:
            for quad in _triples(source):
                by_subject = index.get(quad.predicate.value)
                if by_subject is None:
                    continue
                subject = quad.subject.value
                objects = by_subject.get(subject)
                if objects is None:
                    by_subject[subject] = [quad.object]
                else:
                    objects.append(quad.object)
        except SyntaxError as err:
            raise ValueError(f"{source}: not a readable RDF graph: {err}") from err
        self.typed: dict[str, list[str]] = defaultdict(list)
        for subject, types in index[_RDF_TYPE].items():
            for cls in types:
                self.typed[cls.value].append(subject)

    def objects(self, prop: str, subject: str) -> list[Any]:
        return self.index[prop].get(subject, [])

    def first(self, prop: str, subject: str) -> Any:
        """The first object, or None (SPARQL's OPTIONAL, where the first solution is kept)."""
        objects = self.index[prop].get(subject)
        return objects[0] if objects else None

    def optional(self, prop: str, subject: str) -> list[Any]:
        """Like SPARQL's OPTIONAL: the objects, or ``[None]`` when there are none."""
        return self.index[prop].get(subject) or [None]

    def subjects(self, cls: str) -> list[str]:
        """The subjects typed ``cls``, in reading order."""
        return self.typed.get(cls, [])

    def pairs(self, prop: str) -> Iterable[tuple[str, Any]]:
        return ((s, o) for s, objects in self.index[prop].items() for o in objects)


def _text(term: Any) -> str:
    return "" if term is None else str(term.value)


def _tail(iri: str) -> str:
    """The readable last segment of an IRI (percent-decoded), a label of last resort."""
    return unquote(iri.rstrip("/").rsplit("/", 1)[-1].rsplit("#", 1)[-1])


def _add_name(names: dict[str, list[str]], key: str, value: str) -> None:
    value = value.strip()
    if value and value not in names[key]:
        names[key].append(value)


def load_data(source: Any) -> VizData:
    """Read what the explorer shows from a build folder, an RDF file, a Graph or a Store.

    >>> import pathlib
    >>> ttl = pathlib.Path("tests/data/viz_small.ttl")
    >>> d = load_data(ttl)
    >>> len(d.persons), len(d.meetings), len(d.visits)
    (7, 5, 2)
    >>> [p for p in d.persons if p.label == "河野克俊"][0].names
    ('河野克俊', 'Katsutoshi Kawano', 'KatsutoshiKawano')
    """
    g = _Graph(source)

    # Countries.
    cnames: dict[str, list[str]] = defaultdict(list)
    czh: dict[str, str] = {}
    cen: dict[str, str] = {}
    ciso: dict[str, str] = {}
    for c in g.subjects(_DIP + "Country"):
        cnames[c]  # noqa: B018 - make sure the key exists
        for name in g.objects(_RDFS_LABEL, c):
            lang = getattr(name, "language", None) or ""
            if lang.startswith("zh"):
                czh[c] = min(czh.get(c, name.value), name.value)
            elif lang.startswith("en"):
                cen[c] = min(cen.get(c, name.value), name.value)
            _add_name(cnames, c, name.value)
        for alt in g.objects(_SKOS_ALT, c):
            _add_name(cnames, c, alt.value)
        for iso in g.objects(_DIP + "isoCode", c):
            ciso[c] = iso.value

    # Persons: labels (zh first, then en, then the rest), alternative labels, country, posts.
    labels: dict[str, list[tuple[int, str]]] = defaultdict(list)
    alts: dict[str, list[str]] = defaultdict(list)
    pcountry: dict[str, str] = {}
    for p in g.subjects(_DIP + "Person"):
        labels[p]  # noqa: B018
        for label in g.objects(_RDFS_LABEL, p):
            lang = getattr(label, "language", None) or ""
            rank = 0 if lang.startswith("zh") else 1 if lang.startswith("en") else 2
            item = (rank, label.value)
            if item not in labels[p]:
                labels[p].append(item)
        for alt in g.objects(_SKOS_ALT, p):
            if alt.value not in alts[p]:
                alts[p].append(alt.value)
        for country in g.objects(_DIP + "country", p):  # one colour: the first IRI if several
            pcountry[p] = min(pcountry.get(p, country.value), country.value)
    posts: dict[str, set[tuple[str, str, str]]] = defaultdict(set)
    for p, post in g.pairs(_DIP + "holdsPost"):
        h = post.value
        orgs = [(_text(name) or _tail(org.value))
                for org in g.objects(_DIP + "postOrganization", h)
                for name in g.optional(_RDFS_LABEL, org.value)] or [""]
        held = posts[p]
        for title in g.optional(_DIP + "postTitle", h):
            for org in orgs:
                for asof in g.optional(_DIP + "asOf", h):
                    held.add((_text(title), org, _text(asof)))

    # Articles.
    articles: dict[str, ArticleRef] = {}
    for a in g.subjects(_DIP + "Article"):
        if a not in articles:
            articles[a] = ArticleRef(a, *(_text(g.first(prop, a)) for prop in (
                _DCT + "title", _DIP + "url", _DIP + "sourceFile", _DCT + "date")))

    # Evidence and reporting articles of every event.
    evidence: dict[str, list[str]] = defaultdict(list)
    for e, text in g.pairs(_DIP + "evidence"):
        if text.value not in evidence[e]:
            evidence[e].append(text.value)
    reported: dict[str, set[str]] = defaultdict(set)
    for e, term in g.pairs(_DIP + "reportedIn"):
        a = term.value
        reported[e].add(a)
        if a not in articles:
            articles[a] = ArticleRef(a)

    def place_name(event: str) -> str:
        place = g.first(_DIP + "place", event)
        if place is None:
            return ""
        name = g.first(_RDFS_LABEL, place.value)
        if name is not None:
            return str(name.value)
        return place.value if isinstance(place, ox.Literal) else _tail(place.value)

    def first(prop: str, subject: str) -> str:
        return _text(g.first(prop, subject))

    # Meetings (of two or more participants).
    meetings = []
    for m in g.subjects(_DIP + "Meeting"):
        ps = {p.value for p in g.objects(_DIP + "participant", m)}
        if len(ps) < 2:
            continue
        meetings.append(Meeting(m, tuple(sorted(ps)), first(_DIP + "startDate", m),
                                first(_DIP + "endDate", m), place_name(m),
                                tuple(sorted(evidence.get(m, ()))),
                                tuple(sorted(reported.get(m, ())))))

    # Visits (with a visitor and a destination).
    visits = []
    for v in g.subjects(_DIP + "Visit"):
        who = g.first(_DIP + "visitor", v)
        dest = g.first(_DIP + "destination", v)
        if who is None or dest is None:
            continue
        visits.append(Visit(v, who.value, dest.value, first(_DIP + "invitedBy", v),
                            first(_DIP + "visitKind", v), first(_DIP + "startDate", v),
                            first(_DIP + "endDate", v),
                            first(_DIP + "planned", v).lower() in ("true", "1"),
                            tuple(sorted(evidence.get(v, ()))),
                            tuple(sorted(reported.get(v, ())))))
        cnames[dest.value]  # noqa: B018 - a destination may be typed elsewhere or not at all

    return _assemble(cnames, czh, cen, ciso, labels, alts, pcountry, posts, meetings, visits,
                     articles)


def _assemble(cnames: dict[str, list[str]], czh: dict[str, str], cen: dict[str, str],
              ciso: dict[str, str], labels: dict[str, list[tuple[int, str]]],
              alts: dict[str, list[str]], pcountry: dict[str, str],
              posts: dict[str, set[tuple[str, str, str]]], meetings: list[Meeting],
              visits: list[Visit], articles: dict[str, ArticleRef]) -> VizData:
    """The VizData of what :func:`load_data` or :func:`viz_data` gathered.

    ``cnames``: every name of each country (labels first, stripped, in reading order), with
    its least Chinese label (``czh``), least English one (``cen``) and ISO code (``ciso``).
    ``labels``: (rank, name) of each person, rank 0 for Chinese, 1 for English, 2 for others;
    ``alts`` their other names; ``pcountry`` the IRI of each one's country; ``posts`` the
    (title, organization, as of) each one held.
    """
    countries = {}
    for c, names in cnames.items():
        label = czh.get(c) or (names[0] if names else _tail(c))
        allnames = [label] + sorted(n for n in names if n != label)
        countries[c] = Country(c, label, cen.get(c, ""), ciso.get(c, ""), tuple(allnames))
    for c in pcountry.values():
        if c not in countries:
            countries[c] = Country(c, _tail(c), "", "", (_tail(c),))

    persons = []
    for p, labs in labels.items():
        ordered = [v for _, v in sorted(labs)]  # zh, en, others; each sorted: deterministic
        names = list(dict.fromkeys(ordered + sorted(alts.get(p, []))))
        label = ordered[0] if ordered else (names[0] if names else _tail(p))
        if label not in names:
            names.insert(0, label)
        persons.append(Person(p, label, tuple(names), pcountry.get(p, ""),
                              tuple(sorted(posts.get(p, ()), key=lambda t: (t[2], t[0], t[1])))))
    # Participants not typed as persons still appear (with their IRI's name).
    known = {p.iri for p in persons}
    for m in meetings:
        for p in m.participants:
            if p not in known:
                known.add(p)
                persons.append(Person(p, _tail(p), (_tail(p),)))

    data = VizData((), countries, tuple(sorted(meetings, key=_event_order)),
                   tuple(sorted(visits, key=_event_order)), articles)
    return _sorted_persons(data, persons)


def _event_order(e: Meeting | Visit) -> tuple[str, str, str]:
    """Time order: lexical dates sort right, and year-unknown ones (``--MM-DD``) come first."""
    return (e.start, e.end, e.iri)


def _sorted_persons(data: VizData, persons: Iterable[Person]) -> VizData:
    counts = data.meeting_counts()
    ordered = sorted(persons, key=lambda p: (-counts[p.iri], p.label, p.iri))
    return replace(data, persons=tuple(ordered))


# --- the same data straight from the resolved corpus -------------------------------------------

_XSD_DATE = "http://www.w3.org/2001/XMLSchema#date"


def _least(values: Iterable[str]) -> str:
    """The value of several that a graph reader meets first, "" when there is none.

    kg.rdf writes no triple for an empty title, URL, place, visit kind or date, and writes the
    triples of one subject sorted: the first value read back is the smallest non-empty one.
    """
    return min((v for v in values if v), default="")


class _Made(dict[str, Any]):
    """key → ``make(key)``, each made once (IRIs and dates repeat a lot)."""

    def __init__(self, make: Callable[[str], Any]) -> None:
        super().__init__()
        self.make = make

    def __missing__(self, key: str) -> Any:
        value = self[key] = self.make(key)
        return value


def _merged(group: list[Event], dates: dict[str, str], *,
            iris: tuple[dict[str, str], dict[str, str], Callable[[str], str]]) -> Event:
    """One event that reads back as the events of ``group`` do, whose triples share an IRI.

    Lists are joined; where the graph holds several values and a reader takes the first, the
    value kept is the one whose triple comes first (``dates``: the date text written for a
    value; ``iris``: the IRIs of person keys, of country codes, and the IRI of a place key).
    """
    person_iris, country_iris, place_iri = iris

    def first(values: Iterable[str], key: Callable[[str], str]) -> str:
        return min((v for v in values if v and key(v)), key=key, default="")

    return Event(
        kind=group[0].kind,
        participants=tuple({p for ev in group for p in ev.participants}),
        visitor=first((ev.visitor for ev in group), person_iris.__getitem__),
        destination=first((ev.destination for ev in group), country_iris.__getitem__),
        inviter=first((ev.inviter for ev in group), person_iris.__getitem__),
        start=first((ev.start for ev in group), dates.__getitem__),
        end=first((ev.end for ev in group), dates.__getitem__),
        visit_kind=_least(ev.visit_kind for ev in group),
        place=first((ev.place for ev in group), place_iri),
        planned=any(ev.planned for ev in group),
        articles=tuple({a for ev in group for a in ev.articles}),
        evidence=tuple(e for ev in group for e in ev.evidence),
        key=group[0].key)


def viz_data(resolved: Resolved) -> VizData:
    """What the explorer shows, straight from the resolved corpus.

    The result is equal (``==``) to :func:`load_data` of the graph that
    ``kg.rdf.write_graph(resolved, path)`` writes, and its page is the same: a build holds
    the resolved corpus when it writes graph.ttl, and reading the triples back cost several
    times more than this.

    Each step below mirrors what kg.rdf writes and what load_data reads back. Records that
    make the same IRI (keys equal once %-encoded, posts or events of the same key) are merged
    as their triples are in the graph, and where load_data takes the first of several values
    it reads, this takes the smallest, since each subject's triples are written sorted.

    >>> from kg.model import Article, Entity, Event, Evidence, Resolved
    >>> art = Article(id="a1", source_file="p.txt", index=0, title="t", text="苏林会见洪森。",
    ...               start=0, end=7, date="2025-09-01")
    >>> ev = Event(kind="meeting", participants=("洪森", "苏林"), start="2025-09-01",
    ...            articles=("a1",), evidence=(Evidence("a1", 0, 7, "苏林会见洪森。"),),
    ...            key="meeting|洪森|苏林|2025-09-01")
    >>> people = (Entity(key="苏林", kind="person", label="苏林", latin="To Lam"),
    ...           Entity(key="洪森", kind="person", label="洪森"))
    >>> data = viz_data(Resolved(articles=(art,), entities=people, events=(ev,)))
    >>> [(p.label, p.names) for p in data.persons]
    [('洪森', ('洪森',)), ('苏林', ('苏林', 'To Lam'))]
    >>> data.meetings[0].start, data.meetings[0].evidence
    ('2025-09-01', ('苏林会见洪森。',))
    """
    from .parallel import gc_paused

    with gc_paused():  # many small objects, no cycles: the collector would rescan the corpus
        return _viz_data(resolved)


def _viz_data(resolved: Resolved) -> VizData:
    """:func:`viz_data`, the cycle collector paused."""
    # kg.rdf and kg.vocab import rdflib (slow to import); only viz_data needs them here.
    from .rdf import _date_parts
    from .vocab import (
        article_iri_str,
        country_iri_str,
        event_iri_str,
        holding_iri_str,
        org_iri_str,
        person_iri_str,
        place_iri_str,
    )

    def date_text(value: str) -> str:
        """The text of the date kg.rdf writes for ``value``, "" when it writes none."""
        parts = _date_parts(value)
        return "" if parts is None else parts[0]

    def day_text(value: str) -> str:
        """The same for an article's dcterms:date, which is written for a full date only."""
        parts = _date_parts(value)
        return "" if parts is None or parts[1] != _XSD_DATE else parts[0]

    dates, days = _Made(date_text), _Made(day_text)
    article_iris, person_iris = _Made(article_iri_str), _Made(person_iri_str)
    country_iris = _Made(country_iri_str)

    # Entities grouped by IRI (two keys may make one IRI), one table per kind.
    iri_of_kind = {PERSON: person_iri_str, COUNTRY: country_iri_str,
                   ORGANIZATION: org_iri_str, PLACE: place_iri_str}
    by_iri: dict[str, dict[str, list[Entity]]] = {kind: defaultdict(list) for kind in iri_of_kind}
    for e in resolved.entities:
        by_iri[e.kind][iri_of_kind[e.kind](e.key)].append(e)

    def label_texts(group: list[Entity]) -> set[str]:
        """The rdfs:label values of an entity's IRI: each record's label and Latin name."""
        return {e.label for e in group} | {e.latin for e in group if e.latin}

    def alt_texts(group: list[Entity]) -> set[str]:
        """The skos:altLabel values of an entity's IRI."""
        return {alias for e in group for alias in e.aliases if alias not in (e.label, e.latin)}

    # Articles. Two that make one IRI read back as one, whose every value is the first read.
    articles: dict[str, ArticleRef] = {}
    for a in resolved.articles:
        iri = article_iris[a.id]
        ref = ArticleRef(iri, a.title, a.url, a.source_file, days[a.date])
        if iri in articles:
            old = articles[iri]
            ref = ArticleRef(iri, _least((old.title, ref.title)), _least((old.url, ref.url)),
                             min(old.source_file, ref.source_file),  # written even when ""
                             _least((old.date, ref.date)))
        articles[iri] = ref
    reported: set[str] = set()  # the articles that report a post or an event (IRIs)

    # Posts: a holding for each distinct (person, title, organization, date). Holdings that
    # share an IRI share their triples: the person gets every combination of their values.
    holdings: dict[str, set[tuple[str, str, str]]] = defaultdict(set)  # IRI → its posts
    held_by: dict[str, set[str]] = defaultdict(set)  # entity IRI → holding IRIs
    for groups in by_iri.values():
        for iri, group in groups.items():
            for e in group:
                cited = {post.article_id for post in e.posts}
                cited.discard("")  # no triple for a post of no article
                reported.update(article_iris[a] for a in cited)
                mine = held_by[iri]
                for post in {(p.title, p.organization, p.as_of) for p in e.posts}:
                    holding = holding_iri_str(e.key, *post)
                    holdings[holding].add(post)
                    mine.add(holding)

    def org_names(key: str) -> list[str]:
        """What a post shows of its organization: its labels, or its IRI's last segment."""
        if not key:
            return [""]  # no organization
        iri = org_iri_str(key)
        group = by_iri[ORGANIZATION].get(iri)
        return sorted({name or _tail(iri) for name in label_texts(group)} if group
                      else {_tail(iri)})

    org_names_of = _Made(org_names)

    def posts_of(person: str) -> set[tuple[str, str, str]]:
        held: set[tuple[str, str, str]] = set()
        for holding in held_by.get(person, ()):
            posts = holdings[holding]
            if len(posts) == 1:
                ((title, org, as_of),) = posts
                titles, orgs, days = (title,), org_names_of[org], (dates[as_of],)
            else:  # one IRI, several posts: each title with each organization and date
                titles = {title for title, _, _ in posts}
                orgs = {name for _, org, _ in posts if org for name in org_names_of[org]} or {""}
                days = {dates[as_of] for _, _, as_of in posts if dates[as_of]} or {""}
            held.update((t, o, d) for t in titles for o in orgs for d in days)
        return held

    # Countries (those typed so) and persons.
    cnames: dict[str, list[str]] = defaultdict(list)
    czh: dict[str, str] = {}
    cen: dict[str, str] = {}
    ciso: dict[str, str] = {}
    for c, group in sorted(by_iri[COUNTRY].items()):
        cnames[c]  # noqa: B018 - make sure the key exists
        for text, _ in sorted({(e.label, "zh") for e in group}
                              | {(e.latin, "en") for e in group if e.latin}):
            _add_name(cnames, c, text)
        for text in sorted(alt_texts(group)):
            _add_name(cnames, c, text)
        czh[c] = min(e.label for e in group)
        if any(e.latin for e in group):
            cen[c] = _least(e.latin for e in group)
        ciso[c] = max(e.key for e in group)  # load_data keeps the last one it reads
    labels: dict[str, list[tuple[int, str]]] = {}
    alts: dict[str, list[str]] = {}
    pcountry: dict[str, str] = {}
    posts: dict[str, set[tuple[str, str, str]]] = {}
    for p, group in sorted(by_iri[PERSON].items()):
        labels[p] = sorted({(0, e.label) for e in group}  # rank 0: @zh, 1: @en
                           | {(1, e.latin) for e in group if e.latin})
        alts[p] = sorted(alt_texts(group))
        country = _least(country_iris[e.country] for e in group if e.country)
        if country:
            pcountry[p] = country
        posts[p] = posts_of(p)

    def place_name(key: str) -> str:
        """The first label of the place, or its IRI's last segment; "" for no place."""
        if not key:
            return ""
        iri = place_iri_str(key)
        group = by_iri[PLACE].get(iri)
        return min(label_texts(group)) if group else _tail(iri)

    place_names = _Made(place_name)

    # One event per IRI: events of one key share it, and their triples.
    events: dict[str, Event] = {}
    shared: dict[str, list[Event]] = {}
    for ev in resolved.events:
        iri = event_iri_str(ev.kind, ev.key or repr(ev))
        if iri in events:
            shared.setdefault(iri, [events[iri]]).append(ev)
        else:
            events[iri] = ev
    for iri, group in shared.items():
        events[iri] = _merged(group, dates, iris=(person_iris, country_iris, place_iri_str))

    meetings = []
    visits = []
    for iri, ev in events.items():  # _assemble puts them in order
        cited = {article_iris[a] for a in ev.articles}
        reported |= cited
        if ev.kind == MEETING:
            ps = {person_iris[p] for p in ev.participants}
            if len(ps) < 2:
                continue
            meetings.append(Meeting(iri, tuple(sorted(ps)), dates[ev.start], dates[ev.end],
                                    place_names[ev.place],
                                    tuple(sorted({e.text for e in ev.evidence})),
                                    tuple(sorted(cited))))
        elif ev.kind == VISIT and ev.visitor and ev.destination:
            dest = country_iris[ev.destination]
            visits.append(Visit(iri, person_iris[ev.visitor], dest,
                                person_iris[ev.inviter] if ev.inviter else "", ev.visit_kind,
                                dates[ev.start], dates[ev.end], ev.planned,
                                tuple(sorted({e.text for e in ev.evidence})),
                                tuple(sorted(cited))))
            cnames[dest]  # noqa: B018 - a destination may be typed elsewhere or not at all

    # Articles that are only reported (not in the corpus) appear with their IRI alone.
    for iri in sorted(reported - articles.keys()):
        articles[iri] = ArticleRef(iri)
    return _assemble(cnames, czh, cen, ciso, labels, alts, pcountry, posts, meetings, visits,
                     articles)


# --- focus -------------------------------------------------------------------------------------

_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def _bound(value: str, end: bool) -> str:
    m = _DATE.match(value.strip())
    if not m or not 1 <= int(m.group(2) or 1) <= 12 or not 1 <= int(m.group(3) or 1) <= 31:
        raise ValueError(f"not a date: {value!r} (give YYYY, YYYY-MM or YYYY-MM-DD)")
    year, month, day = m.group(1), m.group(2), m.group(3)
    if month is None:
        month = "12" if end else "01"
    if day is None:
        day = "31" if end else "01"
    return f"{year}-{month}-{day}"


def _in_range(date: str, lo: str | None, hi: str | None) -> bool:
    if not re.match(r"^\d{4}-\d{2}-\d{2}", date):
        return False  # unknown date or unknown year: outside any explicit range
    day = date[:10]
    return (lo is None or day >= lo) and (hi is None or day <= hi)


def _norm(name: str) -> str:
    return re.sub(r"[\s·・.\-]", "", name).casefold()


def _find_person(data: VizData, name: str) -> Person:
    wanted = _norm(name)
    exact = [p for p in data.persons if any(_norm(n) == wanted for n in p.names)]
    if len(exact) == 1:
        return exact[0]
    if not exact:
        exact = [p for p in data.persons if any(wanted in _norm(n) for n in p.names)]
    if len(exact) == 1:
        return exact[0]
    if not exact:
        raise ValueError(f"no person named {name!r} in the graph")
    listed = ", ".join(p.label for p in exact[:10])
    raise ValueError(f"{name!r} names several persons ({listed}); give a fuller name")


def _find_countries(data: VizData, specs: Sequence[str]) -> set[str]:
    found = set()
    for spec in specs:
        wanted = _norm(spec)
        hits = {c.iri for c in data.countries.values()
                if wanted == _norm(c.iso) or any(_norm(n) == wanted for n in c.names)
                or wanted == _norm(_tail(c.iri))}
        if not hits:
            known = ", ".join(sorted(c.label for c in data.countries.values())[:30])
            raise ValueError(f"no country {spec!r} in the graph (it has: {known})")
        found |= hits
    return found


def apply_focus(data: VizData, focus: Focus | None) -> VizData:
    """The part of ``data`` that ``focus`` asks for (all of it for an empty focus).

    >>> import pathlib
    >>> d = load_data(pathlib.Path("tests/data/viz_small.ttl"))
    >>> [p.label for p in apply_focus(d, Focus(countries=("KH",))).persons]
    ['洪森', '苏林']
    >>> len(apply_focus(d, Focus(date_from="2025")).meetings)
    2
    >>> [p.label for p in apply_focus(d, Focus(min_meetings=2)).persons]
    ['苏林', '通伦·西苏里']
    """
    if focus is None or focus.is_empty():
        return data
    if focus.hops < 0:
        raise ValueError("hops must be 0 or more")
    lo = _bound(focus.date_from, False) if focus.date_from else None
    hi = _bound(focus.date_to, True) if focus.date_to else None
    meetings = list(data.meetings)
    visits = list(data.visits)
    if lo or hi:
        meetings = [m for m in meetings if _in_range(m.start, lo, hi)]
        visits = [v for v in visits if _in_range(v.start, lo, hi)]
    if focus.countries:
        wanted = _find_countries(data, focus.countries)
        country_of = {p.iri: p.country for p in data.persons}
        meetings = [m for m in meetings if any(country_of.get(p) in wanted
                                               for p in m.participants)]
        visits = [v for v in visits
                  if country_of.get(v.visitor) in wanted or v.destination in wanted]

    def restrict(ms: list[Meeting], keep: set[str]) -> list[Meeting]:
        out = []
        for m in ms:
            ps = tuple(p for p in m.participants if p in keep)
            if len(ps) >= 2:
                out.append(replace(m, participants=ps))
        return out

    if focus.min_meetings > 0:
        counts: Counter[str] = Counter()
        for m in meetings:
            counts.update(set(m.participants))
        meetings = restrict(meetings, {p for p, n in counts.items() if n >= focus.min_meetings})
    kept = {p for m in meetings for p in m.participants}
    if focus.person is not None:
        centre = _find_person(data, focus.person).iri
        adj: dict[str, set[str]] = defaultdict(set)
        for m in meetings:
            for p in m.participants:
                adj[p].update(m.participants)
        reach = {centre: 0}
        queue = deque([centre])
        while queue:
            p = queue.popleft()
            if reach[p] >= focus.hops:
                continue
            for q in sorted(adj[p]):
                if q not in reach:
                    reach[q] = reach[p] + 1
                    queue.append(q)
        meetings = restrict(meetings, set(reach))
        kept = set(reach)
    visits = [v for v in visits if v.visitor in kept]
    persons = [p for p in data.persons if p.iri in kept]
    used_articles = {a for e in [*meetings, *visits] for a in e.articles}
    out = VizData((), data.countries, tuple(meetings), tuple(visits),
                  {a: r for a, r in data.articles.items() if a in used_articles})
    return _sorted_persons(out, persons)


# --- layout ------------------------------------------------------------------------------------

def _label_px(label: str) -> float:
    """About how wide a label is drawn at 14 px: CJK characters 14 px, others 8 px."""
    return float(sum(14 if ord(ch) >= 0x2E80 else 8 for ch in label))


def layout(n: int, edges: Sequence[tuple[int, int]], *, seed: int = 7,
           label_px: Sequence[float] | None = None) -> list[tuple[float, float]]:
    """Positions for ``n`` nodes joined by ``edges`` (index pairs), deterministic for a seed.

    Up to 400 nodes: networkx's Fruchterman-Reingold spring layout of each connected component,
    components packed in rows. Above: the same forces with the all-pairs repulsion approximated
    on a grid by FFT (see ``_fast_layout``), which lays out 5,000 nodes and 15,000 edges in
    about two seconds where networkx takes a minute. Coordinates are in screen pixels, centred on 0.

    >>> pos = layout(3, [(0, 1), (1, 2)])
    >>> len(pos), all(isinstance(x, float) for xy in pos for x in xy)
    (3, True)
    """

    if n == 0:
        return []
    if n == 1:
        return [(0.0, 0.0)]
    if n <= _EXACT_LAYOUT_MAX:
        return _packed_layout(n, edges, seed, label_px or [0.0] * n)
    return _fast_layout(n, edges, seed)


def _packed_layout(n: int, edges: Sequence[tuple[int, int]], seed: int,
                   label_px: Sequence[float]) -> list[tuple[float, float]]:
    """Each connected component by networkx's spring layout, components packed in rows.

    A component's box includes its labels (``label_px``, centred under each node), so that
    the labels of neighbouring components do not overlap.
    """
    import networkx as nx
    import numpy as np

    g = nx.Graph()
    g.add_nodes_from(range(n))
    g.add_edges_from(edges)
    unit = 110.0  # pixels per ideal edge length
    blocks = []
    for comp in sorted(nx.connected_components(g), key=lambda c: (-len(c), min(c))):
        nodes = sorted(comp)
        if len(nodes) == 1:
            xy = np.zeros((1, 2))
        elif len(nodes) == 2:
            gap = max(unit, (label_px[nodes[0]] + label_px[nodes[1]]) / 2 + 24)
            xy = np.array([[-0.5, 0.0], [0.5, 0.0]]) * gap
        else:
            pos = nx.spring_layout(g.subgraph(nodes), seed=seed, iterations=200)
            xy = np.array([pos[i] for i in nodes], dtype=float)
            xy -= xy.mean(axis=0)
            # Spread so that the median edge is about one unit long.
            lengths = [float(np.hypot(*(xy[nodes.index(a)] - xy[nodes.index(b)])))
                       for a, b in g.subgraph(nodes).edges()]
            xy *= unit / max(float(np.median(lengths)), 1e-6)
        half = np.array([label_px[i] / 2 for i in nodes])
        lo = np.array([float((xy[:, 0] - half).min()), float(xy[:, 1].min())])
        hi = np.array([float((xy[:, 0] + half).max()), float(xy[:, 1].max())])
        blocks.append((nodes, xy - lo, hi - lo + unit * np.array([0.5, 0.9])))
    area = sum(float(w * h) for _, _, (w, h) in blocks)
    row_width = max(float(blocks[0][2][0]), math.sqrt(area) * 1.4)
    out: list[tuple[float, float]] = [(0.0, 0.0)] * n
    x = y = row_height = 0.0
    for nodes, xy, (w, h) in blocks:
        if x > 0 and x + w > row_width:
            x, y, row_height = 0.0, y + row_height, 0.0
        for i, (px, py) in zip(nodes, xy, strict=True):
            out[i] = (px + x, py + y)
        x += float(w)
        row_height = max(row_height, float(h))
    cx = sum(p[0] for p in out) / n
    cy = sum(p[1] for p in out) / n
    return [(round(px - cx, 1), round(py - cy, 1)) for px, py in out]


def _fast_layout(n: int, edges: Sequence[tuple[int, int]], seed: int) -> list[tuple[float, float]]:
    """Force layout of the components of 3+ nodes, then singletons and pairs packed below.

    Fruchterman-Reingold forces with ForceAtlas2's degree weighting: attraction d²/k along
    every edge; repulsion between all nodes from a particle-mesh (node masses binned on a
    128×128 grid, convolved with the 1/d kernel by FFT) plus exact repulsion between nodes
    closer than a grid cell (k-d tree); a pull to the centre; 100 cooling steps. About two
    seconds for 5,000 nodes and 15,000 edges.
    """
    import numpy as np
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    k = 1.0
    pairs_in = sorted({(min(a, b), max(a, b)) for a, b in edges if a != b})
    e = np.array(pairs_in, dtype=np.int64).reshape(-1, 2)
    adj = coo_matrix((np.ones(len(e)), (e[:, 0], e[:, 1])), shape=(n, n))
    _, label = connected_components(adj, directed=False)
    sizes = np.bincount(label)
    core = np.flatnonzero(sizes[label] >= 3)
    out = np.zeros((n, 2))
    width = 0.0
    bottom = 0.0
    if len(core):
        local = np.full(n, -1)
        local[core] = np.arange(len(core))
        ce = e[(local[e[:, 0]] >= 0) & (local[e[:, 1]] >= 0)]
        pos = _force(len(core), local[ce[:, 0]], local[ce[:, 1]], seed, k)
        pos -= pos.mean(axis=0)
        out[core] = pos
        width = float(pos[:, 0].max() - pos[:, 0].min())
        bottom = float(pos[:, 1].max())
    # Singletons and pairs: a block of rows under the main picture, biggest first.
    rest = [c for c in np.argsort(-sizes, kind="stable") if sizes[c] < 3]
    members: dict[int, list[int]] = defaultdict(list)
    for i in np.flatnonzero(sizes[label] < 3):
        members[int(label[i])].append(int(i))
    step = 1.6 * k
    row_width = max(width, step * 2 * math.sqrt(max(1, n - len(core))))
    x0 = -row_width / 2
    x, y = x0, bottom + 3 * step
    for c in rest:
        nodes = members[int(c)]
        need = step * len(nodes)
        if x + need > x0 + row_width + 1e-9 and x > x0:
            x, y = x0, y + step
        for j, i in enumerate(nodes):
            out[i] = (x + j * step * 0.8, y)
        x += need + step * 0.4
    out -= out.mean(axis=0)
    scale = 60.0  # pixels per ideal edge length
    return [(round(float(px) * scale, 1), round(float(py) * scale, 1)) for px, py in out]


def _force(n: int, u: Any, v: Any, seed: int, k: float) -> Any:
    import numpy as np
    from scipy.spatial import cKDTree

    rng = np.random.default_rng(seed)
    radius = math.sqrt(n) * k
    angle = rng.uniform(0, 2 * math.pi, n)
    r = radius * np.sqrt(rng.uniform(0, 1, n))
    pos = np.column_stack([r * np.cos(angle), r * np.sin(angle)])
    mass = 1.0 + np.bincount(np.concatenate([u, v]), minlength=n).astype(float)
    grid = 128
    temp = radius / 4
    gravity = 0.5
    for _ in range(100):
        disp = np.zeros((n, 2))
        lo = pos.min(axis=0)
        cell = max(float((pos.max(axis=0) - lo).max()), 1e-6) * 1.0001 / grid
        ix = np.minimum(((pos - lo) / cell).astype(np.int64), grid - 1)
        rho = np.zeros((2 * grid, 2 * grid))
        np.add.at(rho, (ix[:, 0], ix[:, 1]), mass)
        off = np.fft.fftfreq(2 * grid, 1 / (2 * grid)) * cell
        dx, dy = np.meshgrid(off, off, indexing="ij")
        r2 = dx * dx + dy * dy + (0.5 * cell) ** 2
        f_rho = np.fft.rfft2(rho)
        fx = np.fft.irfft2(f_rho * np.fft.rfft2(dx / r2), s=rho.shape)[:grid, :grid]
        fy = np.fft.irfft2(f_rho * np.fft.rfft2(dy / r2), s=rho.shape)[:grid, :grid]
        disp[:, 0] += k * k * mass * fx[ix[:, 0], ix[:, 1]]
        disp[:, 1] += k * k * mass * fy[ix[:, 0], ix[:, 1]]
        near = cKDTree(pos).query_pairs(max(cell, 0.5 * k), output_type="ndarray")
        if len(near):
            i, j = near[:, 0], near[:, 1]
            d = pos[i] - pos[j]
            f = k * k * mass[i] * mass[j] / np.maximum(d[:, 0] ** 2 + d[:, 1] ** 2, 1e-6)
            gx, gy = d[:, 0] * f, d[:, 1] * f
            disp[:, 0] += np.bincount(i, gx, n) - np.bincount(j, gx, n)
            disp[:, 1] += np.bincount(i, gy, n) - np.bincount(j, gy, n)
        if len(u):
            d = pos[u] - pos[v]
            f = np.maximum(np.hypot(d[:, 0], d[:, 1]), 1e-3) / k
            gx, gy = d[:, 0] * f, d[:, 1] * f
            disp[:, 0] -= np.bincount(u, gx, n) - np.bincount(v, gx, n)
            disp[:, 1] -= np.bincount(u, gy, n) - np.bincount(v, gy, n)
        centre = (pos * mass[:, None]).sum(axis=0) / mass.sum()
        disp -= gravity * mass[:, None] * (pos - centre)
        length = np.maximum(np.hypot(disp[:, 0], disp[:, 1]), 1e-9)
        pos += disp * (np.minimum(length, temp) / length)[:, None]
        temp = max(temp * 0.95, 0.0025 * radius)
    return pos


# --- the page ----------------------------------------------------------------------------------

def _asset(name: str) -> str:
    """One of the explorer's own files under ``kg/assets``."""
    return resources.files("kg").joinpath("assets", name).read_text(encoding="utf-8")


VIS_NETWORK = ("lib", "vis-9.1.2", "vis-network.min.js")
"""Where the pyvis wheel carries vis-network; pyvis is pinned below 0.4 in pyproject.toml."""


def _vis_network() -> str:
    """vis-network's standalone build, as shipped inside the pyvis package."""
    # find_spec locates the package without importing it (pyvis imports IPython: ~1 s).
    spec = importlib.util.find_spec("pyvis")
    folders = list(spec.submodule_search_locations or []) if spec else []
    path = Path(folders[0]).joinpath(*VIS_NETWORK) if folders else None
    if path is None or not path.is_file():
        raise FileNotFoundError(
            f"pyvis no longer ships {'/'.join(VIS_NETWORK)}; install pyvis 0.3.x")
    return path.read_text(encoding="utf-8")


def _json_for_html(obj: Any) -> str:
    """JSON that is safe inside a ``<script>`` element: no ``<``, ``>``, ``&``, U+2028/2029.

    >>> _json_for_html({"a": "</script><b>&\\u2028"})
    '{"a":"\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e\\\\u0026\\\\u2028"}'
    """
    text = json.dumps(obj, ensure_ascii=False, separators=(",", ":"), sort_keys=False)
    return (text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def _safe_script(js: str) -> str:
    low = js.lower()
    if "</script" in low or "<!--" in low:
        raise ValueError("a script to inline holds '</script' or '<!--'")
    return js


def _colours(data: VizData) -> dict[str, str]:
    counts = Counter(p.country for p in data.persons if p.country)
    order = sorted(counts, key=lambda c: (-counts[c], data.countries[c].label, c))
    return {c: (_PALETTE[i] if i < len(_PALETTE) else _OTHER_COLOUR) for i, c in enumerate(order)}


def _payload(data: VizData, *, title: str, show_visits: bool) -> dict[str, Any]:
    """The page's data: compact, index-based, deterministic."""
    pidx = {p.iri: i for i, p in enumerate(data.persons)}
    counts = data.meeting_counts()
    colours = _colours(data)
    pcount = Counter(p.country for p in data.persons if p.country)
    visited = {v.destination for v in data.visits}
    cids = sorted(set(pcount) | visited,
                  key=lambda c: (-pcount[c], data.countries[c].label, c))
    cidx = {c: i for i, c in enumerate(cids)}
    aids = sorted({a for e in [*data.meetings, *data.visits] for a in e.articles})
    aidx = {a: i for i, a in enumerate(aids)}

    pairs: dict[tuple[int, int], list[int]] = defaultdict(list)
    meetings = []
    for mi, m in enumerate(data.meetings):
        ps = sorted(pidx[p] for p in m.participants if p in pidx)
        meetings.append({"s": m.start, "e": m.end, "pl": m.place, "ev": list(m.evidence),
                         "a": [aidx[a] for a in m.articles], "p": ps})
        for x in range(len(ps)):
            for y in range(x + 1, len(ps)):
                pairs[(ps[x], ps[y])].append(mi)
    pair_list = sorted(pairs.items())
    pos = layout(len(data.persons), [k for k, _ in pair_list],
                 label_px=[_label_px(p.label) for p in data.persons])
    persons = []
    for i, p in enumerate(data.persons):
        persons.append({
            "l": p.label, "n": list(p.names), "c": cidx.get(p.country, -1),
            "po": [list(t) for t in p.posts], "m": counts[p.iri],
            "x": pos[i][0], "y": pos[i][1],
        })
    countries = []
    for c in cids:
        info = data.countries[c]
        countries.append({"l": info.label, "en": info.en, "iso": info.iso,
                          "col": colours.get(c, _OTHER_COLOUR), "k": pcount[c]})
    articles = []
    for a in aids:
        ref = data.articles.get(a, ArticleRef(a))
        articles.append({"t": ref.title, "u": ref.url, "f": ref.source_file, "d": ref.date})
    visits = []
    for v in data.visits:
        if v.visitor not in pidx:
            continue
        visits.append({"p": pidx[v.visitor], "c": cidx[v.destination],
                       "i": pidx.get(v.inviter, -1), "k": v.kind, "s": v.start, "e": v.end,
                       "pl": v.planned, "ev": list(v.evidence),
                       "a": [aidx[a] for a in v.articles if a in aidx]})
    return {
        "title": title, "showVisits": show_visits,
        "noCountryColour": _NO_COUNTRY_COLOUR,
        "persons": persons, "countries": countries, "meetings": meetings,
        "pairs": [[a, b, ms] for (a, b), ms in pair_list],
        "articles": articles, "visits": visits,
    }


def _sha256(text: str) -> str:
    return base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")


def render_html(data: VizData | Resolved, *, title: str = "kg: who met whom",
                show_visits: bool = False) -> str:
    """The explorer page for ``data`` (or for a resolved corpus), as one self-contained HTML
    string.

    >>> page = render_html(VizData(persons=(Person("x", "<b>苏林</b>", ("<b>苏林</b>",)),)),
    ...                    title="<i>t</i>")
    >>> "<b>苏林" in page, "\\\\u003cb\\\\u003e苏林" in page, "<title>&lt;i&gt;t&lt;/i&gt;" in page
    (False, True, True)
    """
    payload = _json_for_html(_payload(_viz_data_of(data), title=title, show_visits=show_visits))
    vis_js = _safe_script(_vis_network())
    app_js = _safe_script(_asset("explorer.js"))
    css = _asset("explorer.css")
    if "</style" in css.lower():
        raise ValueError("the stylesheet holds '</style'")
    csp = ("default-src 'none'; "
           f"script-src 'sha256-{_sha256(vis_js)}' 'sha256-{_sha256(app_js)}'; "
           "style-src 'unsafe-inline'; img-src data:; font-src data:; "
           "base-uri 'none'; form-action 'none'")
    template = _asset("explorer.html")
    parts = {
        "{{CSP}}": html.escape(csp, quote=False).replace('"', "&quot;"),
        "{{TITLE}}": html.escape(title, quote=True),
        "{{CSS}}": css,
        "{{DATA}}": payload,
        "{{VIS_JS}}": vis_js,
        "{{APP_JS}}": app_js,
    }
    # One pass, so that nothing substituted is ever scanned for another placeholder.
    return re.sub(r"\{\{[A-Z_]+\}\}", lambda m: parts[m.group(0)], template)


def _viz_data_of(source: Any) -> VizData:
    """The explorer's data of ``source``: VizData as it is, a Resolved corpus, or a graph."""
    if isinstance(source, VizData):
        return source
    if isinstance(source, Resolved):
        return viz_data(source)
    return load_data(source)


def _load_focused(source: Any, focus: Focus | None) -> VizData:
    return apply_focus(_viz_data_of(source), focus)


def write_html(source: Any, out: str | os.PathLike[str], *, focus: Focus | None = None,
               title: str | None = None, show_visits: bool = False) -> Path:
    """Write the explorer of ``source``: a build folder, an RDF file, a Graph, a Store, a
    VizData, or the resolved corpus a build wrote its graph from (the same page, made
    without reading the graph back: see :func:`viz_data`).

    The file is written atomically; its path is returned.

    >>> import pathlib, tempfile
    >>> ttl = pathlib.Path("tests/data/viz_small.ttl")
    >>> out = write_html(ttl, pathlib.Path(tempfile.mkdtemp()) / "g.html",
    ...                  focus=Focus(person="苏林"))
    >>> out.stat().st_size > 400_000  # vis-network is inlined
    True
    """
    data = _load_focused(source, focus)
    if title is None:
        title = "kg: who met whom"
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    atomic_write_text(out, render_html(data, title=title, show_visits=show_visits))
    return out


# --- static pictures ---------------------------------------------------------------------------

_CJK_FAMILIES = [
    "Noto Sans CJK SC", "Noto Sans CJK JP", "Noto Sans CJK TC", "Noto Sans SC",
    "Source Han Sans SC", "Source Han Sans CN", "WenQuanYi Zen Hei", "WenQuanYi Micro Hei",
    "Droid Sans Fallback", "Microsoft YaHei", "SimHei", "PingFang SC", "Hiragino Sans GB",
    "Heiti SC", "Arial Unicode MS", "Noto Serif CJK SC", "AR PL UMing CN",
]
_CJK_PROBE = "苏林会见通伦"


def _covers(path: str, text: str) -> bool:
    from matplotlib.ft2font import FT2Font

    try:
        charmap = FT2Font(path).get_charmap()
    except Exception:  # noqa: BLE001 - an unreadable font file is simply not a candidate
        return False
    return all(ord(ch) in charmap for ch in text)


def find_cjk_font() -> Path:
    """The path of an installed font that has Chinese glyphs (for :func:`write_image`).

    ``KG_CJK_FONT`` (a font file) wins; otherwise the first of the usual CJK families
    matplotlib finds (Noto Sans CJK, which ``.ci/run`` installs as Debian's fonts-noto-cjk;
    Source Han Sans, WenQuanYi, the Windows and macOS system fonts), then any font covering
    Chinese, then the font files on disk (matplotlib's font list is cached and misses fonts
    installed after it was made). Raises ``RuntimeError`` naming what to install when there is
    none, rather than drawing empty boxes.

    >>> find_cjk_font().is_file()
    True
    """
    from matplotlib import font_manager

    env = os.environ.get("KG_CJK_FONT")
    if env:
        if not Path(env).is_file() or not _covers(env, _CJK_PROBE):
            raise RuntimeError(f"KG_CJK_FONT={env}: not a font file with Chinese glyphs")
        return Path(env)
    entries = font_manager.fontManager.ttflist
    by_name: dict[str, list[str]] = defaultdict(list)
    for f in entries:
        by_name[f.name].append(f.fname)
    for family in _CJK_FAMILIES:
        for fname in sorted(by_name.get(family, []), key=lambda p: ("Bold" in p, len(p), p)):
            if _covers(fname, _CJK_PROBE):
                return Path(fname)
    for f in sorted(entries, key=lambda f: f.fname):
        if f.weight in ("normal", 400, "regular") and _covers(f.fname, _CJK_PROBE):
            return Path(f.fname)
    # matplotlib's font list is cached: a font installed after it was built is only on disk.
    files = sorted(font_manager.findSystemFonts())
    likely = [f for f in files if re.search(r"cjk|wqy|hei|han|droid|uming|ukai", f, re.I)]
    for fname in likely + [f for f in files if f not in likely]:
        if "Bold" not in fname and _covers(fname, _CJK_PROBE):
            return Path(fname)
    raise RuntimeError("no font with Chinese glyphs found: install one (Debian/Ubuntu: "
                       "apt-get install fonts-noto-cjk) or set KG_CJK_FONT to a font file")


def write_image(source: Any, out: str | os.PathLike[str], *, focus: Focus | None = None,
                format: str | None = None, title: str | None = None,
                max_labels: int = 80, dpi: int = 150) -> Path:
    """Draw who met whom as a PNG or SVG picture (networkx layout, matplotlib, CJK font).

    ``format`` is ``"png"`` or ``"svg"`` (default: from the suffix of ``out``). Nodes are
    coloured by country (legend) and sized by meetings; edges are as wide as the pair's
    meetings; the ``max_labels`` busiest persons are labelled. SVG text is drawn as paths, so
    the file shows Chinese wherever it is opened. ``source`` is anything :func:`write_html`
    takes.

    >>> import pathlib, tempfile
    >>> ttl = pathlib.Path("tests/data/viz_small.ttl")
    >>> out = write_image(ttl, pathlib.Path(tempfile.mkdtemp()) / "g.png")
    >>> out.read_bytes()[:4]
    b'\\x89PNG'
    """
    import matplotlib
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.font_manager import FontProperties
    from matplotlib.lines import Line2D

    out = Path(out)
    fmt = (format or out.suffix.lstrip(".") or "png").lower()
    if fmt not in ("png", "svg"):
        raise ValueError(f"unknown picture format {fmt!r} (png or svg)")
    data = _load_focused(source, focus)
    font = FontProperties(fname=str(find_cjk_font()))
    payload = _payload(data, title="", show_visits=False)
    persons, countries = payload["persons"], payload["countries"]
    n = len(persons)
    # About 1 inch per 100 layout pixels, so that 10-point labels take the room the layout
    # gave them (the layout counts 14 px a character); big graphs are capped.
    span_x = (max(p["x"] for p in persons) - min(p["x"] for p in persons)) if n else 0.0
    span_y = (max(p["y"] for p in persons) - min(p["y"] for p in persons)) if n else 0.0
    width = min(30.0, max(8.0, span_x * 1.3 / 100 / 0.84))
    height = min(24.0, max(5.0, span_y * 1.2 / 100 / 0.94 + 0.8))
    with matplotlib.rc_context({"svg.fonttype": "path", "svg.hashsalt": "kg",
                                "path.simplify": True}):
        fig = Figure(figsize=(width, height), dpi=dpi)
        FigureCanvasAgg(fig)
        ax = fig.add_axes((0.0, 0.0, 0.84, 0.94))
        ax.set_axis_off()
        for a, b, ms in payload["pairs"]:
            pa, pb = persons[a], persons[b]
            ax.plot([pa["x"], pb["x"]], [-pa["y"], -pb["y"]], color="#8a8a8a",
                    linewidth=0.6 + 0.8 * math.log2(1 + len(ms)), alpha=0.6, zorder=1)
        xs = [p["x"] for p in persons]
        ys = [-p["y"] for p in persons]
        colours = [countries[p["c"]]["col"] if p["c"] >= 0 else _NO_COUNTRY_COLOUR
                   for p in persons]
        sizes = [40 + 60 * math.sqrt(p["m"]) for p in persons]
        if n:
            ax.scatter(xs, ys, s=sizes, c=colours, edgecolors="#333333", linewidths=0.5,
                       zorder=2)
        for p in persons[:max_labels]:  # persons come busiest first
            ax.annotate(p["l"], (p["x"], -p["y"]), xytext=(0, 7), textcoords="offset points",
                        ha="center", va="bottom", fontproperties=font, fontsize=10, zorder=3)
        if n:
            ax.margins(x=0.12, y=0.08)  # room for the labels of the outermost nodes
        handles = [Line2D([], [], marker="o", linestyle="", markersize=8,
                          markerfacecolor=c["col"], markeredgecolor="#333333",
                          label=f"{c['l']} ({c['k']})")
                   for c in countries[:15] if c["k"]]
        if handles:
            fig.legend(handles=handles, loc="upper left", bbox_to_anchor=(0.84, 0.92),
                       prop=font, frameon=False)
        heading = title if title is not None else (
            f"谁会见了谁 · {n} 人 · {len(payload['meetings'])} 次会见")
        fig.suptitle(heading, fontproperties=font, fontsize=14)
        with atomic_path(out) as tmp:
            fig.savefig(tmp, format=fmt, metadata={"Software": "kg"} if fmt == "png" else
                        {"Creator": "kg", "Date": None})
    return out
