"""Score a build against gold annotations written with ``GUIDELINE.md``.

A gold file (JSON Lines) holds one object per source file: the persons the file names, the
pairs of persons who met, the visits, and ``optional`` items that are neither rewarded nor
penalised. This module reads a built graph through the terms of the graph contract only
(labels and altLabels, ``dip:sourceFile``, ``dip:mentions``, ``dip:participant``,
``dip:visitor``, ``dip:destination``, ``dip:invitedBy``, ``dip:startDate``,
``dip:reportedIn``, ``dip:evidence``) and counts, per file and summed over files (a gold
line and the graph's articles are matched by the file's base name):

- **persons**: the persons of a file are those its articles ``dip:mentions`` and the parties
  (participants, visitors, inviters) of every event reported in it. A person node matches a
  gold person when one of its labels equals the gold name or an alias, once both are
  normalised (:func:`normalize_name`). Several nodes matching one gold person count once, and
  are reported as a *split* person; a node matching several gold persons stands for the first
  (in code-point order) and is reported as *fusing* them. A node that matches no one is a
  false positive (nodes with the same first label count once).
- **meetings**: unordered pairs of persons, every pair of the participants of each meeting
  reported in the file.
- **visits**: (visitor, destination country) pairs; countries compare by the project's
  country lexicon (中华人民共和国 and 中国 are one country).
- **visits_strict**: the same, a visit being right only if its inviter and start date also
  agree with the gold visit (a ``--MM-DD`` gold date agrees with any year).

These are the definitions of ``../shared/devset/score.py``; the test suite checks that both
give the same counts on the dev set and on random graphs. One case score.py leaves to chance
(a visit with several inviters or start dates) is decided here: any one that agrees will do.

>>> from rdflib import Graph
>>> graph = Graph().parse(format="turtle", data='''
... @prefix dip: <https://w3id.org/dipkg/ontology#> .
... @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
... @prefix person: <https://w3id.org/dipkg/resource/person/> .
... @prefix : <https://example.org/> .
... :a1 dip:sourceFile "news/p1.txt" ; dip:mentions person:苏林, person:洪森 .
... person:苏林 a dip:Person ; rdfs:label "苏林"@zh .
... person:洪森 a dip:Person ; rdfs:label "洪森"@zh .
... :m1 a dip:Meeting ; dip:reportedIn :a1 ; dip:participant person:苏林, person:洪森 ;
...     dip:evidence "苏林会见洪森。"@zh .
... ''')
>>> gold = [{"file": "p1.txt", "persons": [{"name": "苏林"}, {"name": "洪森"},
...                                        {"name": "习近平"}],
...          "meetings": [["洪森", "苏林"]], "visits": []}]
>>> scores = score_graph(graph, gold)
>>> scores["persons"]
Counts(tp=2, fp=0, fn=1)
>>> round(scores["persons"].recall, 3), scores["meetings"].f1
(0.667, 1.0)
>>> [(f.category, f.kind, f.item) for f in scores.findings]
[('persons', 'fn', '习近平')]
"""

from __future__ import annotations

import json
import re
import tempfile
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any, NamedTuple

from rdflib import RDF, RDFS, Dataset, Graph
from rdflib.namespace import SKOS
from rdflib.term import Node

from .lexicon import Lexicon
from .model import SourceError
from .vocab import DIP

__all__ = [
    "CATEGORIES",
    "normalize_name",
    "CountryNames",
    "GoldPerson",
    "GoldVisit",
    "GoldFile",
    "read_gold",
    "load_graph",
    "Counts",
    "Finding",
    "Scores",
    "score_graph",
    "EvalReport",
    "evaluate",
    "format_scores",
    "format_details",
]

CATEGORIES = ("persons", "meetings", "visits", "visits_strict")
"""The four scored categories, in the order they are printed."""

# Every way pages write the middle dot of a transliterated name (通伦·西苏里).
_DOT_VARIANTS = "・•‧･.．⋅∙"
_DOT = "·"


def normalize_name(name: str) -> str:
    """A name as the scorer compares it: NFKC, no spaces, one middle dot, case-folded.

    >>> normalize_name("通伦・西苏里") == normalize_name("通伦·西苏里")
    True
    >>> normalize_name(" Katsutoshi Kawano ")
    'katsutoshikawano'
    """
    text = unicodedata.normalize("NFKC", str(name))
    text = "".join(ch for ch in text if not ch.isspace())
    for dot in _DOT_VARIANTS:
        text = text.replace(dot, _DOT)
    return text.casefold()


# --- countries ---------------------------------------------------------------------------------

# Columns of ontology/lexicon/countries.tsv holding Chinese names of the country (the others
# hold the ISO code, English names and one-character abbreviations). ``zh``, the canonical
# short name, comes first.
_COUNTRY_NAME_COLUMNS = ("zh", "zh_hant", "names")


class CountryNames:
    """Which country names mean the same country: each name maps to one canonical key.

    Built from groups of names (the first name of a group is its canonical form), normally
    from the project's country lexicon (:meth:`from_lexicon`).

    >>> names = CountryNames([["中国", "中华人民共和国", "中國"], ["越南", "越南社会主义共和国"]])
    >>> names.key("中国") == names.key("中华人民共和国") == names.key("中國")
    True
    >>> names.key("南极洲")  # a name the groups lack stands for itself
    '南极洲'
    >>> sorted(names.names("越南"))
    ['越南', '越南社会主义共和国']
    """

    def __init__(self, groups: Iterable[Sequence[str]]) -> None:
        groups = [[n for n in group if n] for group in groups]
        groups = [g for g in groups if g]
        self._key: dict[str, str] = {}
        self._names: dict[str, set[str]] = defaultdict(set)
        # Canonical names first, so that an alias of one country never captures the
        # canonical name of another.
        for group in groups:
            self._key.setdefault(normalize_name(group[0]), normalize_name(group[0]))
        for group in groups:
            canonical = self._key[normalize_name(group[0])]
            for name in group:
                key = self._key.setdefault(normalize_name(name), canonical)
                if key == canonical:
                    self._names[canonical].add(name)

    @classmethod
    def from_lexicon(cls, lexicon: Lexicon | None = None) -> CountryNames:
        """The equivalences of ``ontology/lexicon/countries.tsv`` (one row per country)."""
        lexicon = lexicon or Lexicon.load()
        groups = []
        for row in lexicon.table("countries"):
            names: list[str] = []
            for column in _COUNTRY_NAME_COLUMNS:
                names.extend(v.strip() for v in row.get(column, "").split("|") if v.strip())
            groups.append(names)
        return cls(groups)

    def key(self, name: str) -> str:
        """The canonical key of a country name (the normalised name itself if unknown)."""
        normalized = normalize_name(name)
        return self._key.get(normalized, normalized)

    def names(self, name: str) -> set[str]:
        """Every known name of the country ``name`` names (at least ``name`` itself)."""
        return self._names.get(self.key(name), set()) | {name}


# --- gold --------------------------------------------------------------------------------------

@dataclass(frozen=True)
class GoldPerson:
    """A person of a gold file: the name the text uses most, and its other spellings."""

    name: str
    aliases: tuple[str, ...] = ()
    country: str = ""


@dataclass(frozen=True)
class GoldVisit:
    """A visit of a gold file. Dates are ``YYYY-MM-DD``, ``--MM-DD`` or ``""``."""

    visitor: str
    destination: str
    inviter: str = ""
    start: str = ""
    end: str = ""
    kind: str = ""


@dataclass(frozen=True)
class GoldFile:
    """The gold annotation of one source file (one line of ``gold.jsonl``).

    >>> row = GoldFile.from_json({"file": "p1.txt", "persons": [{"name": "苏林"}],
    ...                           "meetings": [["苏林", "洪森"]],
    ...                           "optional": {"persons": ["洪森"]}})
    >>> row.meetings == (frozenset({"苏林", "洪森"}),), row.optional_persons
    (True, ('洪森',))
    """

    file: str
    persons: tuple[GoldPerson, ...] = ()
    meetings: tuple[frozenset[str], ...] = ()
    visits: tuple[GoldVisit, ...] = ()
    optional_persons: tuple[str, ...] = ()
    optional_meetings: tuple[frozenset[str], ...] = ()
    optional_visits: tuple[GoldVisit, ...] = ()

    @property
    def name(self) -> str:
        """The file's base name: gold lines and graph articles are matched by it."""
        return PurePosixPath(self.file).name

    @classmethod
    def from_json(cls, row: Mapping[str, Any]) -> GoldFile:
        """Read one decoded JSON line; raises ``ValueError`` naming what is wrong."""
        if not isinstance(row, Mapping) or not row.get("file"):
            raise ValueError("a gold line must be an object with a non-empty \"file\"")
        optional = row.get("optional") or {}

        def visits(items: Iterable[Mapping[str, str]]) -> tuple[GoldVisit, ...]:
            return tuple(GoldVisit(visitor=v["visitor"], destination=v["destination"],
                                   inviter=v.get("inviter") or "", start=v.get("start") or "",
                                   end=v.get("end") or "", kind=v.get("kind") or "")
                         for v in items)

        try:
            return cls(
                file=str(row["file"]),
                persons=tuple(GoldPerson(p["name"], tuple(p.get("aliases") or ()),
                                         p.get("country") or "")
                              for p in row.get("persons") or ()),
                meetings=tuple(frozenset(pair) for pair in row.get("meetings") or ()),
                visits=visits(row.get("visits") or ()),
                optional_persons=tuple(p if isinstance(p, str) else p["name"]
                                       for p in optional.get("persons") or ()),
                optional_meetings=tuple(frozenset(p) for p in optional.get("meetings") or ()),
                optional_visits=visits(optional.get("visits") or ()),
            )
        except (KeyError, TypeError) as err:
            raise ValueError(f"{row.get('file')}: malformed gold line ({err!r})") from None


def read_gold(path: str | Path) -> list[GoldFile]:
    """Every line of a ``gold.jsonl`` file; errors name the file and the line."""
    path = Path(path)
    out = []
    with path.open(encoding="utf-8") as fh:
        for number, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                out.append(GoldFile.from_json(json.loads(line)))
            except ValueError as err:  # json.JSONDecodeError is a ValueError
                raise ValueError(f"{path}:{number}: {err}") from None
    return out


# --- the graph, as the scorer sees it ----------------------------------------------------------

_RDF_FORMATS = {".ttl": "turtle", ".trig": "trig", ".nq": "nquads", ".nt": "nt",
                ".jsonld": "json-ld", ".json": "json-ld", ".rdf": "xml", ".owl": "xml"}
_QUAD_FORMATS = {"trig", "nquads", "json-ld"}  # may hold named graphs: read into a Dataset


def load_graph(paths: Iterable[str | Path]) -> Graph:
    """Read RDF files (format from the suffix) into one graph, named graphs united.

    >>> load_graph(["graph.xyz"])
    Traceback (most recent call last):
    ...
    ValueError: graph.xyz: cannot tell the RDF format from the file name
    """
    paths = [Path(p) for p in paths]
    formats = []
    for path in paths:
        fmt = _RDF_FORMATS.get(path.suffix.lower())
        if fmt is None:
            raise ValueError(f"{path}: cannot tell the RDF format from the file name")
        formats.append(fmt)
    graph: Graph = (Dataset(default_union=True) if set(formats) & _QUAD_FORMATS else Graph())
    for path, fmt in zip(paths, formats, strict=True):
        graph.parse(str(path), format=fmt)
    return graph


class _VisitRecord(NamedTuple):
    node: Node
    visitor: Node
    destination: Node
    inviters: frozenset[Node]
    starts: frozenset[str]


@dataclass
class _FileFacts:
    """What the graph says about one source file (base name)."""

    persons: set[Node] = field(default_factory=set)
    meetings: dict[Node, set[Node]] = field(default_factory=lambda: defaultdict(set))
    visits: dict[tuple[Node, Node, Node], _VisitRecord] = field(default_factory=dict)
    events_of_person: dict[Node, set[Node]] = field(default_factory=lambda: defaultdict(set))


class _GraphFacts:
    """The contract terms of a graph, grouped per source file."""

    def __init__(self, graph: Graph) -> None:
        def objects(prop: Node) -> dict[Node, set[Node]]:
            out: dict[Node, set[Node]] = defaultdict(set)
            for s, o in graph.subject_objects(prop):
                out[s].add(o)
            return out

        self.labels: dict[Node, set[str]] = defaultdict(set)
        for prop in (RDFS.label, SKOS.altLabel):
            for node, label in graph.subject_objects(prop):
                self.labels[node].add(str(label))
        self.preferred: dict[Node, str] = {}
        for node, label in sorted(graph.subject_objects(RDFS.label)):
            if getattr(label, "language", None) and label.language.startswith("zh"):
                self.preferred.setdefault(node, str(label))
        self.evidence = {e: sorted(str(t) for t in texts)
                         for e, texts in objects(DIP.evidence).items()}
        types = objects(RDF.type)
        files_of_article = {a: {PurePosixPath(str(f)).name for f in fs}
                            for a, fs in objects(DIP.sourceFile).items()}
        files_of_event = {e: set().union(*(files_of_article.get(a, set()) for a in arts))
                          for e, arts in objects(DIP.reportedIn).items()}
        self.files: dict[str, _FileFacts] = defaultdict(_FileFacts)

        for article, persons in objects(DIP.mentions).items():
            for f in files_of_article.get(article, ()):
                self.files[f].persons |= {p for p in persons if DIP.Person in types.get(p, ())}
        for prop in (DIP.participant, DIP.visitor, DIP.invitedBy):
            for event, persons in objects(prop).items():
                for f in files_of_event.get(event, ()):
                    self.files[f].persons |= persons
                    for p in persons:
                        self.files[f].events_of_person[p].add(event)

        participants = objects(DIP.participant)
        for event, persons in participants.items():
            if DIP.Meeting in types.get(event, ()):
                for f in files_of_event.get(event, ()):
                    self.files[f].meetings[event] |= persons

        destinations = objects(DIP.destination)
        inviters = objects(DIP.invitedBy)
        starts = objects(DIP.startDate)
        for event, visitors in objects(DIP.visitor).items():
            if DIP.Visit not in types.get(event, ()):
                continue
            for f in files_of_event.get(event, ()):
                for visitor in visitors:
                    for dest in destinations.get(event, ()):
                        self.files[f].visits[event, visitor, dest] = _VisitRecord(
                            event, visitor, dest, frozenset(inviters.get(event, ())),
                            frozenset(str(s) for s in starts.get(event, ())))

    def preferred_label(self, node: Node) -> str:
        """The node's Chinese rdfs:label, else any label, else its IRI."""
        return self.preferred.get(node) or min(self.labels.get(node) or {str(node)})


# --- counting ----------------------------------------------------------------------------------

@dataclass
class Counts:
    """True positives, false positives and false negatives of one category."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        """tp / (tp + fp), 0 when nothing was predicted."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        """tp / (tp + fn), 0 when there was nothing to find."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        """The harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict[str, float | int]:
        """The figures as score.py's ``--json`` gives them (rounded to 3 places)."""
        return {"precision": round(self.precision, 3), "recall": round(self.recall, 3),
                "f1": round(self.f1, 3), "tp": self.tp, "fp": self.fp, "fn": self.fn}


@dataclass(frozen=True)
class Finding:
    """One false positive (``kind="fp"``) or false negative (``"fn"``) and where it was read."""

    file: str
    category: str
    kind: str
    item: str  # the person, the pair "A—B", or the visit "A→country"
    sentence: str = ""  # the sentence it came from ("" when none was found)
    note: str = ""  # why a visit is wrong only under the strict figure

    def to_dict(self) -> dict[str, str]:
        """As a JSON object."""
        return {"file": self.file, "category": self.category, "kind": self.kind,
                "item": self.item, "sentence": self.sentence, "note": self.note}


@dataclass
class Scores:
    """The result of scoring one graph: counts per category and every error, per file."""

    counts: dict[str, Counts] = field(default_factory=lambda: {c: Counts() for c in CATEGORIES})
    findings: list[Finding] = field(default_factory=list)
    split_persons: dict[str, list[str]] = field(default_factory=dict)
    """gold person → the several graph nodes that matched them"""
    fused_nodes: dict[str, list[str]] = field(default_factory=dict)
    """graph node → the several gold persons it matched"""
    fused_by_script: list[str] = field(default_factory=list)
    """fused nodes whose gold persons are one name in two scripts (賽宋蓬 and 赛宋蓬 in the
    gold lines of different files)"""

    def __getitem__(self, category: str) -> Counts:
        return self.counts[category]

    def to_dict(self, details: bool = False) -> dict[str, Any]:
        """As JSON: score.py's keys, plus the findings when ``details``."""
        out: dict[str, Any] = {c: self.counts[c].to_dict() for c in CATEGORIES}
        out["persons_split_over_nodes"] = sorted(self.split_persons)
        out["nodes_fusing_persons"] = sorted(self.fused_nodes)
        if details:
            out["split_persons"] = self.split_persons
            out["fused_nodes"] = self.fused_nodes
            out["fused_by_script"] = self.fused_by_script
            out["findings"] = [f.to_dict() for f in self.findings]
        return out


class _Who(NamedTuple):
    """Whom a person node stands for: a gold person, or (unmatched) its first label."""

    name: str
    matched: bool

    def __str__(self) -> str:
        return self.name if self.matched else f"{self.name} (not in gold)"


class _VisitKey(NamedTuple):
    visitor: _Who
    country: str  # canonical country key
    matched: bool  # False: no gold (or optional) visit has this visitor and country


def _compare(predicted: set, gold: set, optional: set) -> tuple[set, set, set]:
    """(true positives, false positives, false negatives); optional items that are not gold
    are dropped from the prediction, so finding them is neither rewarded nor penalised."""
    predicted = predicted - (optional - gold)
    return predicted & gold, predicted - gold, gold - predicted


def _date_agrees(predicted: str, gold: str) -> bool:
    """A predicted start date agrees with the gold one (``--MM-DD`` matches any year).

    >>> _date_agrees("2024-03-02", "--03-02"), _date_agrees("--03-02", "2024-03-02")
    (True, False)
    """
    if gold.startswith("--"):
        return predicted == gold or predicted.endswith(gold[1:])
    return predicted == gold


# --- sentences, for the details ----------------------------------------------------------------

_SENTENCE_END = re.compile(r"(?<=[。！？!?；;])|\n+")


def _simplifier() -> Callable[[str], str]:
    """Traditional → Simplified conversion when OpenCC is installed, else no change."""
    try:
        import opencc
    except ImportError:  # pragma: no cover - opencc is a dependency of the project
        return lambda text: text
    return opencc.OpenCC("t2s").convert


class _Sentences:
    """The sentences of one file's texts, searchable by name in either script."""

    def __init__(self, texts: Iterable[str], fold: Callable[[str], str]) -> None:
        self._fold = fold
        self._items = []
        texts = list(texts)
        self._whole = fold("\n".join(texts))
        for text in texts:
            for sentence in _SENTENCE_END.split(text):
                sentence = sentence.strip()
                if sentence:
                    self._items.append((sentence, fold(sentence)))

    def find(self, *groups: Iterable[str]) -> str:
        """The first sentence naming one name of every group, else of the first group."""
        folded = [{self._fold(n) for n in group if n} for group in groups]
        folded = [g - {""} for g in folded]
        for wanted in (folded, folded[:1]):
            for sentence, text in self._items:
                if wanted and all(any(n in text for n in g) for g in wanted):
                    return sentence
        return ""

    def quote(self, evidence: Sequence[str], names: Iterable[str] = ()) -> str:
        """One of an event's evidence sentences: preferably one naming one of ``names``, and
        one of this file (a merged event also cites the other files reporting it)."""
        folded_names = {self._fold(n) for n in names} - {""}

        def rank(text: str) -> tuple[bool, bool]:
            folded = self._fold(text)
            return (bool(folded_names) and not any(n in folded for n in folded_names),
                    folded not in self._whole)

        return min(evidence, key=rank, default="")


# --- scoring -----------------------------------------------------------------------------------

@dataclass
class _File:
    """One gold file being scored: its gold line, what the graph says, whom each node is."""

    gold: GoldFile
    got: _FileFacts
    who: dict[Node, _Who]  # every person node of the file → whom it stands for
    spellings: dict[str, set[str]]  # gold name → every spelling the gold gives it
    shown: dict[_Who, str]  # how a person is printed
    sentences: _Sentences

    def names_of(self, person: _Who) -> set[str]:
        """Spellings to look for in the text."""
        return self.spellings.get(person.name, set()) | {person.name}

    def show(self, person: _Who) -> str:
        return self.shown.get(person, str(person))

    def show_pair(self, pair: frozenset[_Who]) -> str:
        return "—".join(sorted(self.show(p) for p in pair))


class _Scorer:
    """Scores the files of one graph; collects counts, findings, split and fused persons."""

    def __init__(self, facts: _GraphFacts, countries: CountryNames,
                 texts: Mapping[str, Sequence[str]] | None) -> None:
        self.facts = facts
        self.countries = countries
        self.texts = texts
        self.scores = Scores()
        self.nodes_of_person: dict[str, set[Node]] = defaultdict(set)
        self.persons_of_node: dict[Node, set[str]] = defaultdict(set)
        simplify = _simplifier()
        self.fold = lambda text: normalize_name(simplify(text))

    def finish(self) -> Scores:
        """The scores of every file scored so far, with split and fused persons."""
        self.scores.split_persons = {
            name: sorted(str(n) for n in nodes)
            for name, nodes in sorted(self.nodes_of_person.items()) if len(nodes) > 1}
        self.scores.fused_nodes = {
            str(node): sorted(names)
            for node, names in sorted(self.persons_of_node.items(), key=lambda kv: str(kv[0]))
            if len(names) > 1}
        self.scores.fused_by_script = [
            node for node, names in self.scores.fused_nodes.items()
            if len({self.fold(n) for n in names}) == 1]
        return self.scores

    def score_file(self, gold: GoldFile) -> None:
        """Add one gold file's counts and findings."""
        file = self._read_file(gold)
        self._score_persons(file)
        self._score_meetings(file)
        self._score_visits(file)

    def _read_file(self, gold: GoldFile) -> _File:
        got = self.facts.files.get(gold.name, _FileFacts())
        # Normalised spelling → gold name; where two persons share a spelling, the first wins.
        alias: dict[str, str] = {}
        for person in gold.persons:
            for spelling in (person.name, *person.aliases):
                alias.setdefault(normalize_name(spelling), person.name)
        for name in gold.optional_persons:
            alias.setdefault(normalize_name(name), name)
        spellings: dict[str, set[str]] = defaultdict(set)
        for person in gold.persons:
            spellings[person.name] |= {person.name, *person.aliases}

        who: dict[Node, _Who] = {}
        shown: dict[_Who, str] = {}
        for node in sorted(got.persons, key=str):
            hits = {alias[normalize_name(label)] for label in self.facts.labels.get(node, ())
                    if normalize_name(label) in alias}
            for name in hits:
                self.nodes_of_person[name].add(node)
                self.persons_of_node[node].add(name)
            if hits:  # a node naming several gold persons stands for the first
                who[node] = _Who(min(hits), True)
            else:  # unmatched nodes with the same first label count as one
                who[node] = _Who(min(self.facts.labels.get(node) or {str(node)}), False)
                shown.setdefault(who[node], f"{self.facts.preferred_label(node)} (not in gold)")

        texts = self.texts.get(gold.name, ()) if self.texts is not None else ()
        if not texts:  # no article text: search the evidence of the file's events
            events = set(got.meetings) | {v.node for v in got.visits.values()}
            texts = [t for e in sorted(events, key=str) for t in self.facts.evidence.get(e, ())]
        return _File(gold, got, who, spellings, shown, _Sentences(texts, self.fold))

    def _score_persons(self, file: _File) -> None:
        nodes_of: dict[_Who, list[Node]] = defaultdict(list)
        for node, person in file.who.items():
            nodes_of[person].append(node)
        gold = {_Who(p.name, True) for p in file.gold.persons}
        optional = {_Who(p, True) for p in file.gold.optional_persons}
        tp, fp, fn = self._count("persons", set(nodes_of), gold, optional)
        for person in sorted(fp):
            node = nodes_of[person][0]
            names = self.facts.labels.get(node, set())
            sentence, note = file.sentences.find(names), ""
            if not sentence:
                events = file.got.events_of_person.get(node, ())
                sentence = self._evidence(events, file.sentences, names)
                if sentence and self.texts is not None:
                    note = "not named in the file's text: a party to an event it reports"
            self._add(file, "persons", "fp", file.show(person), sentence, note)
        for person in sorted(fn):
            self._add(file, "persons", "fn", file.show(person),
                      file.sentences.find(file.names_of(person)))

    def _score_meetings(self, file: _File) -> None:
        pairs: dict[frozenset[_Who], list[Node]] = defaultdict(list)
        for meeting, participants in file.got.meetings.items():
            people = sorted({file.who[p] for p in participants})
            for i, a in enumerate(people):
                for b in people[i + 1:]:
                    pairs[frozenset((a, b))].append(meeting)
        gold = {frozenset(_Who(n, True) for n in pair) for pair in file.gold.meetings}
        optional = {frozenset(_Who(n, True) for n in p) for p in file.gold.optional_meetings}
        tp, fp, fn = self._count("meetings", set(pairs), gold, optional)
        for pair in sorted(fp, key=file.show_pair):
            self._add(file, "meetings", "fp", file.show_pair(pair),
                      self._evidence(pairs[pair], file.sentences))
        for pair in sorted(fn, key=file.show_pair):
            self._add(file, "meetings", "fn", file.show_pair(pair),
                      file.sentences.find(*(file.names_of(p) for p in sorted(pair))))

    def _score_visits(self, file: _File) -> None:
        """(visitor, country) pairs; strictly right when the inviter and start date agree too.

        A predicted visit is compared with the first gold (then optional) visit of the same
        visitor and country, in file order.
        """
        def gold_key(v: GoldVisit) -> _VisitKey:
            return _VisitKey(_Who(v.visitor, True), self.countries.key(v.destination), True)

        candidates = [*file.gold.visits, *file.gold.optional_visits]
        predicted: dict[_VisitKey, list[_VisitRecord]] = defaultdict(list)
        strict: set[_VisitKey] = set()
        near_misses: dict[_VisitKey, tuple[_VisitRecord, GoldVisit]] = {}
        for record in file.got.visits.values():
            visitor = file.who[record.visitor]
            dest_keys = {self.countries.key(label)
                         for label in self.facts.labels.get(record.destination, ())}
            match = next((v for v in candidates if visitor == _Who(v.visitor, True)
                          and self.countries.key(v.destination) in dest_keys), None)
            if match is None:
                key = _VisitKey(visitor, min(dest_keys or {str(record.destination)}), False)
            else:
                key = gold_key(match)
                if self._strictly_right(record, match, file.who):
                    strict.add(key)
                else:
                    near_misses.setdefault(key, (record, match))
            predicted[key].append(record)

        gold = {gold_key(v) for v in file.gold.visits}
        optional = {gold_key(v) for v in file.gold.optional_visits}
        gold_of = {gold_key(v): v for v in reversed(file.gold.visits)}  # the first of a key

        def show(key: _VisitKey) -> str:
            return f"{file.show(key.visitor)}→{key.country}"

        def wrong(category: str, key: _VisitKey, note: str = "") -> None:
            self._add(file, category, "fp", show(key),
                      self._evidence([r.node for r in predicted[key]], file.sentences), note)

        def missed(category: str, key: _VisitKey, note: str = "") -> None:
            names = self.countries.names(gold_of[key].destination)
            self._add(file, category, "fn", show(key),
                      file.sentences.find(file.names_of(key.visitor), names), note)

        tp, fp, fn = self._count("visits", set(predicted), gold, optional)
        for key in sorted(fp, key=show):
            wrong("visits", key)
        for key in sorted(fn, key=show):
            missed("visits", key)

        predicted_strict = strict | (set(predicted) - gold)
        tp, fp, fn = self._count("visits_strict", predicted_strict, gold, optional)
        for key in sorted(fp, key=show):
            wrong("visits_strict", key, "a wrong visit (see visits)")
        for key in sorted(fn, key=show):
            if key in near_misses:
                record, visit = near_misses[key]
                self._add(file, "visits_strict", "fn", show(key),
                          self._evidence([record.node], file.sentences),
                          self._why_not_strict(record, visit, file))
            else:
                missed("visits_strict", key, "a missed visit (see visits)")

    def _count(self, category: str, predicted: set, gold: set,
               optional: set) -> tuple[set, set, set]:
        found = _compare(predicted, gold, optional)
        counts = self.scores.counts[category]
        counts.tp += len(found[0])
        counts.fp += len(found[1])
        counts.fn += len(found[2])
        return found

    def _add(self, file: _File, category: str, kind: str, item: str, sentence: str,
             note: str = "") -> None:
        self.scores.findings.append(Finding(file.gold.name, category, kind, item, sentence,
                                            note))

    def _evidence(self, events: Iterable[Node], sentences: _Sentences,
                  names: Iterable[str] = ()) -> str:
        """A sentence the events were read from: one naming ``names`` and of this file
        where there is one."""
        texts = [t for e in sorted(events, key=str) for t in self.facts.evidence.get(e, ())]
        return sentences.quote(texts, names)

    @staticmethod
    def _strictly_right(record: _VisitRecord, visit: GoldVisit, who: Mapping[Node, _Who]) -> bool:
        inviter_ok = not visit.inviter or any(
            who.get(i) == _Who(visit.inviter, True) for i in record.inviters)
        start_ok = not visit.start or any(_date_agrees(s, visit.start) for s in record.starts)
        return inviter_ok and start_ok

    @staticmethod
    def _why_not_strict(record: _VisitRecord, visit: GoldVisit, file: _File) -> str:
        inviters = sorted(file.show(file.who[i]) if i in file.who else str(i)
                          for i in record.inviters)
        return (f"inviter {', '.join(inviters) or 'none'} (gold {visit.inviter or 'none'}), "
                f"start {', '.join(sorted(record.starts)) or 'none'} "
                f"(gold {visit.start or 'none'})")


def score_graph(
    graph: Graph,
    gold_rows: Iterable[GoldFile | Mapping[str, Any]],
    *,
    countries: CountryNames | None = None,
    texts: Mapping[str, Sequence[str]] | None = None,
) -> Scores:
    """Score ``graph`` against gold lines (decoded JSON objects or :class:`GoldFile`).

    ``countries`` says which country names are one country (default: the project's country
    lexicon). ``texts`` maps a source file's base name to its articles' texts; the details
    quote sentences from them (else from the events' ``dip:evidence``). Graph files no gold
    line names are not scored. See the module's docstring for the definitions and an example.
    """
    countries = countries or CountryNames.from_lexicon()
    scorer = _Scorer(_GraphFacts(graph), countries, texts)
    for row in gold_rows:
        scorer.score_file(row if isinstance(row, GoldFile) else GoldFile.from_json(row))
    return scorer.finish()


# --- the whole job -----------------------------------------------------------------------------

@dataclass
class EvalReport:
    """What ``kg eval`` did: the scores, and the build they were computed on."""

    scores: Scores
    gold_path: Path
    graph_path: Path | None  # None when the graph was built in a temporary folder
    errors: list[SourceError] = field(default_factory=list)  # input files that were skipped
    counts: dict[str, int] = field(default_factory=dict)  # what the build made
    gold_files_not_read: list[str] = field(default_factory=list)
    """gold lines naming a file that is not among the pages read (scored as all missed)"""

    def to_dict(self, details: bool = False) -> dict[str, Any]:
        """As JSON: the scores (with findings when ``details``), the build's counts."""
        out = self.scores.to_dict(details)
        out["build"] = dict(self.counts)
        out["graph"] = str(self.graph_path) if self.graph_path else None
        out["skipped_files"] = [str(e) for e in self.errors]
        out["gold_files_not_read"] = list(self.gold_files_not_read)
        return out


def _page_texts(paths: Sequence[str | Path]) -> dict[str, list[str]]:
    """Source file base name → the texts of its articles (titles included), for every page
    read (a page with no article has an empty list)."""
    from .pipeline import read_articles, read_pages

    texts: dict[str, list[str]] = {PurePosixPath(p.path).name: [] for p in read_pages(paths)}
    for article in read_articles(paths):
        texts.setdefault(PurePosixPath(article.source_file).name, []).extend(
            [article.title, article.text])
    return texts


def evaluate(
    paths: Sequence[str | Path],
    gold_path: str | Path,
    *,
    out: str | Path | None = None,
    progress: bool = False,
    on_error: Callable[[SourceError], None] | None = None,
    countries: CountryNames | None = None,
) -> EvalReport:
    """Build the graph of ``paths`` and score it against the gold file ``gold_path``.

    The build goes to ``out`` (kept) or to a temporary folder (removed). Unreadable input files
    are skipped as in ``kg build`` and listed in the report.

    >>> import tempfile, pathlib, json
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "p1.txt").write_text(
    ...     "2025年9月1日,越共中央总书记苏林在河内会见了柬埔寨人民党主席洪森。", encoding="utf-8")
    >>> gold = folder / "gold.jsonl"
    >>> _ = gold.write_text(json.dumps({"file": "p1.txt",
    ...     "persons": [{"name": "苏林"}, {"name": "洪森"}], "meetings": [["苏林", "洪森"]]}))
    >>> report = evaluate([folder / "p1.txt"], gold)
    >>> report.scores["meetings"]
    Counts(tp=1, fp=0, fn=0)
    """
    gold = read_gold(gold_path)  # a bad gold file fails before the build, not after

    from .pipeline import GRAPH_FILE, build

    countries = countries or CountryNames.from_lexicon()
    with tempfile.TemporaryDirectory(prefix="kg-eval-") as tmp:
        folder = Path(out) if out is not None else Path(tmp)
        built = build(paths, folder, progress=progress, on_error=on_error, validate=False)
        graph_path = folder / GRAPH_FILE
        texts = _page_texts(paths)
        scores = score_graph(load_graph([graph_path]), gold, countries=countries, texts=texts)
    return EvalReport(scores=scores, gold_path=Path(gold_path),
                      graph_path=graph_path if out is not None else None,
                      errors=list(built.errors), counts=dict(built.counts),
                      gold_files_not_read=sorted({g.name for g in gold} - set(texts)))


# --- printing ----------------------------------------------------------------------------------

def format_scores(scores: Scores) -> str:
    """Precision, recall and F1 per category, and the split and fused persons.

    >>> print(format_scores(Scores(counts={c: Counts(3, 1, 0) for c in CATEGORIES})))
    persons        P 0.750  R 1.000  F1 0.857  (tp 3, fp 1, fn 0)
    meetings       P 0.750  R 1.000  F1 0.857  (tp 3, fp 1, fn 0)
    visits         P 0.750  R 1.000  F1 0.857  (tp 3, fp 1, fn 0)
    visits_strict  P 0.750  R 1.000  F1 0.857  (tp 3, fp 1, fn 0)
    persons split over several nodes: 0  nodes fusing several persons: 0
    """
    lines = []
    for category in CATEGORIES:
        c = scores.counts[category]
        lines.append(f"{category:14s} P {c.precision:.3f}  R {c.recall:.3f}  F1 {c.f1:.3f}"
                     f"  (tp {c.tp}, fp {c.fp}, fn {c.fn})")
    lines.append(f"persons split over several nodes: {len(scores.split_persons)}"
                 f"  nodes fusing several persons: {len(scores.fused_nodes)}")
    return "\n".join(lines)


def _clip(text: str, width: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def format_details(scores: Scores) -> str:
    """Every false positive and false negative, per file, with the sentence it came from.

    Strict-visit errors are listed only where they differ from the visit errors (a right
    visit with a wrong inviter or start date).

    >>> s = Scores(findings=[Finding("p1.txt", "meetings", "fp", "苏林—洪森", "苏林致电洪森。")])
    >>> print(format_details(s))
    p1.txt
      meetings       FP  苏林—洪森
                         「苏林致电洪森。」
    """
    lines: list[str] = []
    by_file: dict[str, list[Finding]] = defaultdict(list)
    visit_errors = {(f.file, f.kind, f.item) for f in scores.findings if f.category == "visits"}
    for finding in scores.findings:
        if finding.category == "visits_strict" and (
                (finding.file, finding.kind, finding.item) in visit_errors):
            continue  # already listed as a visit error
        by_file[finding.file].append(finding)
    for file in sorted(by_file):
        lines.append(file)
        for f in by_file[file]:
            note = f"  ({f.note})" if f.note else ""
            lines.append(f"  {f.category:14s} {f.kind.upper()}  {f.item}{note}")
            lines.append(f"  {'':14s}     「{_clip(f.sentence)}」" if f.sentence
                         else f"  {'':14s}     (no sentence found)")
    for name, nodes in scores.split_persons.items():
        lines.append(f"split: {name} is {len(nodes)} nodes: {', '.join(nodes)}")
    for node, names in scores.fused_nodes.items():
        why = (" (one name in Traditional and Simplified script: the gold lines of different "
               "files write it differently)" if node in scores.fused_by_script else "")
        lines.append(f"fused: {node} matches {', '.join(names)}{why}")
    return "\n".join(lines)
