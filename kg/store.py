"""The Oxigraph store under ``DIR/store``, and the build state that makes ``kg add`` incremental.

A build folder ``DIR`` holds:

- ``graph.ttl``: the graph, as deterministic Turtle;
- ``graph.html``: the explorer;
- ``store/``: an Oxigraph database (pyoxigraph, RocksDB on disk) holding exactly the triples of
  ``graph.ttl``, in the default graph; queries and the endpoint read it;
- ``state.jsonl``: what the build has read: the content hash (``Page.sha1``) and path of every
  page, and every article's ``Extraction``; ``kg add`` re-resolves old and new extractions from
  it, so identity and event merging see the whole corpus.

Every change of a build goes through a :class:`Transaction`: the new files and a new store are
written into ``DIR/.kg-staging/``, then a ``COMMIT`` list is written atomically (the commit
point), then each staged file replaces its old version. A process killed before the commit
point leaves the build exactly as it was (the staging folder is thrown away by the next
writer); one killed after it is rolled forward by the next process that opens the build
(:func:`recover`). One writer at a time: writers hold an ``flock`` on ``DIR/.kg-lock``.

>>> import tempfile, pathlib
>>> out = pathlib.Path(tempfile.mkdtemp())
>>> ttl = out / "g.ttl"
>>> _ = ttl.write_text('<https://w3id.org/dipkg/resource/person/苏林> '
...     '<http://www.w3.org/2000/01/rdf-schema#label> "苏林"@zh .', encoding="utf-8")
>>> with Transaction(out) as txn:
...     txn.load_store(ttl)
...     txn.commit()
1
>>> count(out)
1
"""

from __future__ import annotations

import contextlib
import dataclasses
import fcntl
import hashlib
import json
import os
import shutil
import types
import typing
from collections import deque
from collections.abc import Container, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from operator import attrgetter
from pathlib import Path
from sys import intern
from typing import Any

import pyoxigraph as ox

from .io import fsync
from .model import MENTION_SETTERS, Article, Event, Evidence, Extraction, Mention, Page

__all__ = [
    "STORE_DIR", "STATE_FILE", "StoreError", "BuildState", "Transaction",
    "store_path", "is_build", "open_store", "count", "recover",
    "read_state", "write_state", "StateWriter", "encode_extraction", "decode_extraction",
    "page_hash", "rdf_format", "load_file",
    "update_build", "update_file", "store_triples",
]

STORE_DIR = "store"
GRAPH_FILE = "graph.ttl"
HTML_FILE = "graph.html"
STATE_FILE = "state.jsonl"
STAGING = ".kg-staging"
COMMIT_FILE = "COMMIT"
LOCK_FILE = ".kg-lock"
UPDATES_FILE = "updates.jsonl"
STATE_VERSION = 2  # 1: records as JSON objects; 2: as arrays


class StoreError(ValueError):
    """A build folder or RDF file that cannot be used; the message names it and the problem."""


# --- paths and opening -------------------------------------------------------------------------

def store_path(out: str | Path) -> Path:
    """The Oxigraph database folder of the build ``out``."""
    return Path(out) / STORE_DIR


def is_build(path: str | Path) -> bool:
    """True when ``path`` is a build folder (it has a store, or a graph.ttl)."""
    path = Path(path)
    return path.is_dir() and (
        (path / STORE_DIR).is_dir() or (path / "graph.ttl").is_file()
        or (path / STAGING / COMMIT_FILE).is_file()
    )


def open_store(out: str | Path, *, read_only: bool = True) -> ox.Store:
    """The store of the build ``out``, read-only by default (many readers may share it).

    A build made before stores existed (a graph.ttl and no ``store/``) is an error that says
    how to fix it.
    """
    out = Path(out)
    if (out / STAGING / COMMIT_FILE).is_file():
        recover(out)
    path = store_path(out)
    if not path.is_dir():
        raise StoreError(f"{out}: no store in this build folder (run kg build again)")
    try:
        return ox.Store.read_only(str(path)) if read_only else ox.Store(str(path))
    except OSError as err:
        raise StoreError(f"{path}: cannot open the store: {err}") from err


def count(out: str | Path) -> int:
    """The number of triples (quads) in the store of the build ``out``."""
    return len(open_store(out))


_FORMATS = {
    ".ttl": ox.RdfFormat.TURTLE, ".turtle": ox.RdfFormat.TURTLE,
    ".nt": ox.RdfFormat.N_TRIPLES, ".nq": ox.RdfFormat.N_QUADS,
    ".trig": ox.RdfFormat.TRIG, ".rdf": ox.RdfFormat.RDF_XML, ".owl": ox.RdfFormat.RDF_XML,
    ".xml": ox.RdfFormat.RDF_XML, ".jsonld": ox.RdfFormat.JSON_LD,
    ".json": ox.RdfFormat.JSON_LD, ".n3": ox.RdfFormat.N3,
}


def rdf_format(path: str | Path) -> ox.RdfFormat:
    """The RDF syntax of a file, from its extension.

    >>> rdf_format("graph.ttl").name
    'Turtle'
    """
    suffix = Path(path).suffix.lower()
    if suffix not in _FORMATS:
        raise StoreError(f"{path}: unknown RDF file extension {suffix!r} "
                         f"(known: {', '.join(sorted(_FORMATS))})")
    return _FORMATS[suffix]


def load_file(path: str | Path, store: ox.Store | None = None) -> ox.Store:
    """An in-memory store holding the RDF file ``path`` (or ``path`` added to ``store``)."""
    path = Path(path)
    store = store if store is not None else ox.Store()
    fmt = rdf_format(path)
    try:
        store.load(path=str(path), format=fmt)
    except SyntaxError as err:
        raise StoreError(f"{path}: not valid {fmt.name}: {err}") from err
    except OSError as err:
        raise StoreError(f"{path}: {err}") from err
    return store


# --- the build state ---------------------------------------------------------------------------

def page_hash(page: Page) -> str:
    """The content hash of a page: ``Page.sha1``, or the SHA-1 of its text when unset."""
    return page.sha1 or hashlib.sha1(page.text.encode("utf-8")).hexdigest()


@dataclass
class BuildState:
    """What a build has read: pages by content hash, and every article's extraction.

    Extractions are keyed by article id, in reading order; adding a page whose articles
    already exist (same file, same story index) replaces their extractions.
    """

    pages: dict[str, str] = field(default_factory=dict)  # sha1 -> page path
    extractions: dict[str, Extraction] = field(default_factory=dict)  # article id -> extraction

    def knows(self, page: Page) -> bool:
        """True when this exact page (same bytes) was read before."""
        return page_hash(page) in self.pages

    def merged(self, pages: Iterable[Page], extractions: Iterable[Extraction]) -> BuildState:
        """A new state: this one plus ``pages`` and their ``extractions``."""
        new = BuildState(dict(self.pages), dict(self.extractions))
        for page in pages:
            new.pages[page_hash(page)] = page.path
        for ext in extractions:
            new.extractions[ext.article.id] = ext
        return new


# The state file is JSON Lines: a header ``{"kg-state": N}``, then one line per page and one per
# extraction. Version 2 writes every model record as a JSON array of its fields in the order
# model.py declares them, so encoding is mostly C-level ``attrgetter`` calls and decoding one
# positional constructor call per record:
#
#   extraction: [article, [mention, ...], [event, ...]]
#   mention:    its fields without ``article_id`` when that is the extraction's article's (always,
#               in practice; a full row otherwise), which saves one string per mention
#   event:      its fields, ``evidence`` as a list of evidence rows
#
# Version 1 (builds made before) wrote each record as an object keyed by field name; it is still
# read, through the old generic (slow) path.

_ARTICLE_ROW = attrgetter("id", "source_file", "index", "title", "text", "start", "end", "date",
                          "url", "outlet", "script")
_MENTION_ROW = attrgetter("article_id", "start", "end", "text", "kind", "key", "latin",
                          "titles", "country")
_EVIDENCE_ROW = attrgetter("article_id", "start", "end", "text")

# json turns the tuples above into arrays; check_circular is off because rows cannot hold
# themselves (and the check costs a dictionary insert per array).
_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), check_circular=False)

# A mention row is its place (start, end) and its name (text, kind, key, latin, titles,
# country). The same few thousand names recur in every article, so each worker keeps the JSON
# of the names it has met and writes a row as two numbers and that text: half the cost of
# json-encoding every row.


class _NameJSON(dict[tuple[Any, ...], str]):
    """A mention's name → its JSON, the end of its row: '"苏林","person","苏林","",[],""]'."""

    def __missing__(self, name: tuple[Any, ...]) -> str:
        text = self[name] = _ENCODER.encode(name)[1:]
        return text


_NAME_JSON = _NameJSON()
_NAME_JSON_MAX = 1 << 16  # names kept at most (memory stays bounded on any corpus)


def _event_row(e: Event) -> tuple[Any, ...]:
    return (e.kind, e.participants, e.visitor, e.destination, e.inviter, e.start, e.end,
            e.visit_kind, e.place, e.planned, e.articles,
            [_EVIDENCE_ROW(ev) for ev in e.evidence], e.key)


def encode_extraction(ext: Extraction) -> str:
    """One state line (without its newline) holding ``ext``; the inverse of
    :func:`decode_extraction`. Pure and cheap, so worker processes can call it.

    >>> art = Article(id="a1", source_file="p.txt", index=0, title="t", text="", start=0, end=7)
    >>> encode_extraction(Extraction(art, (Mention("a1", 0, 2, "苏林", "person", "苏林"),)))
    '{"extraction":[["a1","p.txt",0,"t","",0,7,"","","","simplified"],[[0,2,"苏林","person","苏林","",[],""]],[]]}'
    """
    article_id = ext.article.id
    names = _NAME_JSON
    if len(names) > _NAME_JSON_MAX:
        names.clear()
    mentions = [f"[{m.start},{m.end},{names[m.text, m.kind, m.key, m.latin, m.titles, m.country]}"
                if m.article_id == article_id  # always, in practice: the row omits the id
                else _ENCODER.encode(_MENTION_ROW(m))
                for m in ext.mentions]
    # The same text as json would make of {"extraction": [article row, mention rows, events]}.
    return (f'{{"extraction":[{_ENCODER.encode(_ARTICLE_ROW(ext.article))},'
            f'[{",".join(mentions)}],{_ENCODER.encode([_event_row(e) for e in ext.events])}]}}')


# The decoders unpack each row into the constructor's positional arguments, turning JSON arrays
# back into the tuples the model holds.

# Decoding runs in the main process while the workers extract, some 50 mentions an article:
# mentions are made through their slots' setters (see kg.model.MENTION_SETTERS).
_new = object.__new__


def _mentions(rows: list[list[Any]], article_id: str,
              kinds: Container[str] | None) -> tuple[Mention, ...]:
    """The mentions of the rows (of ``kinds`` only, when given)."""
    # the hottest loop of decoding: every setter a local, every field set by name
    (set_article_id, set_start, set_end, set_text, set_kind, set_key, set_latin, set_titles,
     set_country) = MENTION_SETTERS
    mentions = []
    for row in rows:
        if len(row) == 8:
            start, end, text, kind, key, latin, titles, country = row
            owner = article_id
        else:  # a mention of another article (never written in practice): a full row
            owner, start, end, text, kind, key, latin, titles, country = row
        if kinds is not None and kind not in kinds:
            continue
        m = _new(Mention)
        set_article_id(m, owner)
        set_start(m, start)
        set_end(m, end)
        # The same few thousand names recur in millions of mentions: share one copy of each.
        set_text(m, intern(text))
        set_kind(m, intern(kind))
        set_key(m, intern(key))
        set_latin(m, intern(latin))
        set_titles(m, tuple([intern(t) for t in titles]) if titles else ())
        set_country(m, intern(country))
        mentions.append(m)
    return tuple(mentions)


def _event(row: list[Any]) -> Event:
    (kind, participants, visitor, destination, inviter, start, end, visit_kind, place,
     planned, articles, evidence, key) = row
    return Event(kind, tuple(participants), visitor, destination, inviter, start, end,
                 visit_kind, place, planned, tuple(articles),
                 tuple([Evidence(*ev) for ev in evidence]), key)


def _extraction(row: list[Any], kinds: Container[str] | None = None) -> Extraction:
    article_row, mentions, events = row
    article = Article(*article_row)
    return Extraction(article, _mentions(mentions, article.id, kinds),
                      tuple([_event(e) for e in events]))


def decode_extraction(line: str, kinds: Container[str] | None = None) -> Extraction:
    """The extraction held by a state line written by :func:`encode_extraction`; with
    ``kinds``, only its mentions of those kinds (what a stage needs of a large corpus).

    Raises ``ValueError`` (or ``KeyError``, ``TypeError``) on a line that does not hold one.

    >>> art = Article(id="a1", source_file="p.txt", index=0, title="t", text="", start=0, end=7)
    >>> ext = Extraction(art, (Mention("a1", 0, 2, "苏林", "person", "苏林", titles=("总书记",)),
    ...                        Mention("a1", 2, 5, "总书记", "title", "总书记")))
    >>> decode_extraction(encode_extraction(ext)) == ext
    True
    >>> [m.kind for m in decode_extraction(encode_extraction(ext), kinds={"person"}).mentions]
    ['person']
    """
    return _extraction(json.loads(line)["extraction"], kinds)


def _from_json(tp: Any, data: Any) -> Any:
    """Rebuild a value of type ``tp`` (a model dataclass, tuple[...], str ...) from version 1
    JSON, where records are objects keyed by field name."""
    origin = typing.get_origin(tp)
    if dataclasses.is_dataclass(tp):
        hints = typing.get_type_hints(tp)
        names = {f.name for f in dataclasses.fields(tp)}
        return tp(**{k: _from_json(hints[k], v) for k, v in data.items() if k in names})
    if origin is tuple:
        args = typing.get_args(tp)
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(_from_json(args[0], x) for x in data)
        return tuple(_from_json(a, x) for a, x in zip(args, data, strict=False))
    if origin in (typing.Union, types.UnionType):
        return data
    return data


class StateWriter:
    """Writes a state file line by line, as pages and extractions arrive.

    A context manager over the file's path: the header is written on entry; leaving the block
    flushes the file to disk (fsync). Extractions are handed over as lines made by
    :func:`encode_extraction` (e.g. in worker processes), or as records.

    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / STATE_FILE
    >>> art = Article(id="a1", source_file="p.txt", index=0, title="t", text="", start=0, end=7)
    >>> with StateWriter(path) as writer:
    ...     writer.page("abc", "p.txt")
    ...     writer.extraction_line(encode_extraction(Extraction(art)))
    >>> state = read_state(path.parent)
    >>> state.pages, list(state.extractions)
    ({'abc': 'p.txt'}, ['a1'])
    """

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._fh: typing.TextIO | None = None

    def __enter__(self) -> StateWriter:
        self._fh = self.path.open("w", encoding="utf-8")
        self._fh.write(json.dumps({"kg-state": STATE_VERSION}) + "\n")
        return self

    def page(self, sha1: str, path: str) -> None:
        """Record that the page at ``path`` with content hash ``sha1`` was read."""
        assert self._fh is not None, "use StateWriter in a with block"
        self._fh.write(json.dumps({"page": {"sha1": sha1, "path": path}}, ensure_ascii=False)
                       + "\n")

    def extraction_line(self, line: str) -> None:
        """Write a line made by :func:`encode_extraction`."""
        assert self._fh is not None, "use StateWriter in a with block"
        self._fh.write(line + "\n")

    def extraction(self, ext: Extraction) -> None:
        """Write an extraction."""
        self.extraction_line(encode_extraction(ext))

    def __exit__(self, *exc: object) -> None:
        assert self._fh is not None
        try:
            self._fh.flush()
            os.fsync(self._fh.fileno())
        finally:
            self._fh.close()
            self._fh = None


def write_state(state: BuildState, path: str | Path) -> None:
    """Write ``state`` as JSON Lines: a header, then one line per page and per extraction."""
    with StateWriter(path) as writer:
        for sha1, page_path in state.pages.items():
            writer.page(sha1, page_path)
        for ext in state.extractions.values():
            writer.extraction(ext)


def read_state(out: str | Path) -> BuildState:
    """The state of the build ``out``; an empty state when ``out`` holds no build yet.

    A folder holding a graph.ttl but no state (built before ``kg add`` existed) is an error.
    State files of every earlier version are read.
    """
    out = Path(out)
    if (out / STAGING / COMMIT_FILE).is_file():
        recover(out)
    path = out / STATE_FILE
    if not path.is_file():
        if (out / "graph.ttl").is_file():
            raise StoreError(f"{out}: this build has no {STATE_FILE}, so pages cannot be "
                             f"added to it; run kg build again")
        return BuildState()
    state = BuildState()
    version = 1  # until the header says otherwise
    with path.open(encoding="utf-8") as fh:
        for number, line in enumerate(fh, 1):
            try:
                record = json.loads(line)
                if "extraction" in record:
                    data = record["extraction"]
                    ext = (_extraction(data) if version >= 2
                           else _from_json(Extraction, data))
                    state.extractions[ext.article.id] = ext
                elif "page" in record:
                    state.pages[record["page"]["sha1"]] = record["page"]["path"]
                elif "kg-state" in record:
                    version = record["kg-state"]
                    if version > STATE_VERSION:
                        raise StoreError(f"{path}: made by a newer kg (state version "
                                         f"{version})")
            except (ValueError, KeyError, TypeError, IndexError) as err:
                if isinstance(err, StoreError):
                    raise
                raise StoreError(f"{path}:{number}: unreadable state line: {err}") from err
    return state


# --- updates -----------------------------------------------------------------------------------

def store_triples(store: ox.Store) -> list[tuple[Any, Any, Any]]:
    """The default graph of ``store`` as rdflib triples (for rdf.write_turtle and rdflib)."""
    from .query import to_rdflib

    return [(to_rdflib(q.subject), to_rdflib(q.predicate), to_rdflib(q.object))
            for q in store.quads_for_pattern(None, None, None, ox.DefaultGraph())]


def _write_graph(store: ox.Store, path: Path) -> None:
    """graph.ttl from a store, sorted the way ``kg.rdf`` sorts, so it stays deterministic."""
    from . import rdf

    triples = store_triples(store)
    triples.sort(key=rdf.sort_key)
    rdf.write_turtle(triples, path)


def update_build(out: str | Path, text: str, *, prefixes: dict[str, str] | None = None) -> None:
    """Apply a SPARQL update to the build ``out``, atomically, and log it in updates.jsonl.

    The update runs on a checkpoint of the store in the staging folder, graph.ttl is rewritten
    from it, and both replace the build's on commit.
    """
    out = Path(out)
    with Transaction(out) as txn:
        staged = txn.path(STORE_DIR)
        open_store(out).backup(str(staged))
        store = ox.Store(str(staged))
        store.update(text, prefixes=prefixes)
        store.flush()
        _write_graph(store, txn.path(GRAPH_FILE))
        del store
        log = out / UPDATES_FILE
        old = log.read_text(encoding="utf-8") if log.is_file() else ""
        txn.path(UPDATES_FILE).write_text(
            old + json.dumps({"update": text}, ensure_ascii=False) + "\n", encoding="utf-8")
        txn.commit()


def update_file(path: str | Path, text: str, *, prefixes: dict[str, str] | None = None) -> None:
    """Apply a SPARQL update to an RDF file and rewrite it atomically in its own format."""
    from .io import atomic_path

    path = Path(path)
    store = load_file(path)
    store.update(text, prefixes=prefixes)
    if rdf_format(path) == ox.RdfFormat.TURTLE:
        _write_graph(store, path)
        return
    fmt = rdf_format(path)
    quads = list(store.quads_for_pattern(None, None, None, None if fmt.supports_datasets
                                         else ox.DefaultGraph()))
    data = quads if fmt.supports_datasets else [q.triple for q in quads]
    with atomic_path(path) as tmp:
        tmp.write_bytes(ox.serialize(data, format=fmt))


# --- transactions --------------------------------------------------------------------------------

@contextlib.contextmanager
def _locked(out: Path) -> Iterator[None]:
    out.mkdir(parents=True, exist_ok=True)
    with (out / LOCK_FILE).open("a") as fh:
        fcntl.flock(fh.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh.fileno(), fcntl.LOCK_UN)


def _apply(out: Path) -> None:
    """Move every staged entry named in the COMMIT list into ``out`` (idempotent)."""
    staging = out / STAGING
    names = json.loads((staging / COMMIT_FILE).read_text(encoding="utf-8"))
    for name in names:
        src, dst, old = staging / name, out / name, out / f".{name}.old"
        if not src.exists():
            continue  # moved by an earlier, interrupted apply
        if src.is_dir():
            if dst.exists():
                if old.exists():
                    shutil.rmtree(old)
                os.replace(dst, old)
            os.replace(src, dst)
        else:
            os.replace(src, dst)
    fsync(out)
    for name in names:
        old = out / f".{name}.old"
        if old.exists():
            shutil.rmtree(old)
    shutil.rmtree(staging)


def recover(out: str | Path) -> bool:
    """Finish a committed change interrupted while being applied; True if there was one.

    A staging folder with no COMMIT list (a change killed before its commit point) is left for
    the next writer to throw away; readers never see it.
    """
    out = Path(out)
    with _locked(out):
        if (out / STAGING / COMMIT_FILE).is_file():
            _apply(out)
            return True
    return False


LOAD_PIECE_BYTES = 4 * 2**20
"""Turtle handed to Oxigraph's bulk loader at a time: it holds some 1 KB a triple of what it
is given (600 MB for the 745,605 triples of 10,000 pages at once; 170 MB by 4 MB pieces)."""


def _turtle_pieces(path: Path, size: int = LOAD_PIECE_BYTES) -> Iterator[bytes]:
    """``path`` (Turtle written by Oxigraph, as kg writes graph.ttl) in pieces of about
    ``size`` bytes, each a whole Turtle document: the prefixes, then whole statements.

    Oxigraph ends every statement with " .\n" and escapes line breaks inside literals, so
    that byte sequence only ever ends a statement. A document that may hold blank nodes
    comes whole: their labels mean one node only within one document.
    """
    data = path.read_bytes()
    if b"_:" in data:
        yield data
        return
    body = 0
    while data.startswith(b"@prefix", body):
        body = data.index(b"\n", body) + 1
    head, pos = data[:body], body
    while pos < len(data):
        end = data.find(b" .\n", pos + size)
        end = len(data) if end < 0 else end + 3
        yield head + data[pos:end]
        pos = end


class StoreLoader:
    """A new Oxigraph store filled from Turtle documents in a background thread.

    Oxigraph parses and indexes without holding Python's GIL, so pieces of the graph load
    while Python makes the next ones (``kg.rdf.write_graph(..., pieces=loader.load)``).
    A few pieces wait at most: memory stays bounded whatever the graph's size.

    >>> import tempfile, pathlib
    >>> doc = b"<http://ex.org/a> <http://ex.org/p> <http://ex.org/b> ."
    >>> with StoreLoader(pathlib.Path(tempfile.mkdtemp()) / "store") as loader:
    ...     loader.load(doc)
    ...     loader.finish()
    1
    """

    _WAITING = 3  # pieces queued at most

    def __init__(self, path: str | Path) -> None:
        self._store: ox.Store | None = ox.Store(str(path))
        self._thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="kg-store")
        self._pending: deque[Future] = deque()

    def load(self, turtle: bytes) -> None:
        """Queue one whole Turtle document; waits while too many are queued."""
        while len(self._pending) >= self._WAITING:
            self._pending.popleft().result()
        self._pending.append(self._thread.submit(self._store.bulk_load, input=turtle,
                                                 format=ox.RdfFormat.TURTLE))

    def finish(self, count: bool = True) -> int | None:
        """Wait for every piece, write the store to disk, close it; its number of triples
        (None with ``count=False``: counting scans the store, 0.2 s at 745,605 triples, and
        a build already knows how many it wrote)."""
        try:
            while self._pending:
                self._pending.popleft().result()
            self._store.flush()
            return len(self._store) if count else None
        finally:
            self.close()

    def close(self) -> None:
        """Stop loading (what is queued is dropped) and let go of the store; idempotent."""
        for future in self._pending:
            future.cancel()
        self._thread.shutdown(wait=True)
        self._pending.clear()
        self._store = None

    def __enter__(self) -> StoreLoader:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class Transaction:
    """One atomic change of a build folder: stage new files and a new store, then commit.

    Use as a context manager; leaving the block without :meth:`commit` (an exception, a
    ``KeyboardInterrupt``) throws the staged files away and leaves the build as it was.
    """

    def __init__(self, out: str | Path) -> None:
        self.out = Path(out)
        self.staging = self.out / STAGING
        self.committed = False
        self._lock: contextlib.ExitStack | None = None

    def __enter__(self) -> Transaction:
        self._lock = contextlib.ExitStack()
        self._lock.enter_context(_locked(self.out))
        try:
            if (self.staging / COMMIT_FILE).is_file():
                _apply(self.out)
            if self.staging.exists():
                shutil.rmtree(self.staging)  # left by a writer killed before its commit
            self.staging.mkdir(parents=True)
        except BaseException:
            self._lock.close()
            raise
        return self

    def __exit__(self, *exc: object) -> None:
        try:
            if not self.committed and self.staging.exists() and not (
                    self.staging / COMMIT_FILE).is_file():
                shutil.rmtree(self.staging, ignore_errors=True)
        finally:
            assert self._lock is not None
            self._lock.close()

    def path(self, name: str) -> Path:
        """Where to write the new version of ``DIR/name`` (it appears there on commit)."""
        if "/" in name or name.startswith("."):
            raise ValueError(f"not a plain file name: {name!r}")
        return self.staging / name

    def load_store(self, graph_file: str | Path) -> int:
        """Make the new store from an RDF file (bulk load, Turtle a piece at a time, to bound
        the loader's memory); returns its number of triples."""
        path = self.path(STORE_DIR)
        if path.exists():
            shutil.rmtree(path)
        store = ox.Store(str(path))
        fmt = rdf_format(graph_file)
        pieces = (_turtle_pieces(Path(graph_file), LOAD_PIECE_BYTES)
                  if fmt == ox.RdfFormat.TURTLE else [Path(graph_file).read_bytes()])
        for piece in pieces:
            store.bulk_load(input=piece, format=fmt)
        store.flush()
        n = len(store)
        del store
        return n

    def store_loader(self) -> StoreLoader:
        """A loader filling the new store piece by piece (see :class:`StoreLoader`)."""
        path = self.path(STORE_DIR)
        if path.exists():
            shutil.rmtree(path)
        return StoreLoader(path)

    def replay_updates(self, prefixes: dict[str, str] | None = None) -> int:
        """Re-apply the build's logged SPARQL updates to the staged store; returns how many.

        Called after a re-resolve (``kg add``), so changes made with ``kg query --update``
        survive; graph.ttl is then rewritten from the store.
        """
        log = self.out / UPDATES_FILE
        if not log.is_file():
            return 0
        updates = [json.loads(line)["update"]
                   for line in log.read_text(encoding="utf-8").splitlines() if line.strip()]
        if not updates:
            return 0
        store = ox.Store(str(self.path(STORE_DIR)))
        for text in updates:
            store.update(text, prefixes=prefixes)
        store.flush()
        _write_graph(store, self.path(GRAPH_FILE))
        del store
        return len(updates)

    def write_state(self, state: BuildState) -> None:
        """Stage the new build state."""
        write_state(state, self.path(STATE_FILE))

    def commit(self) -> None:
        """The commit point: after it, the staged files replace the build's, even across a kill."""
        names = sorted(p.name for p in self.staging.iterdir() if p.name != COMMIT_FILE)
        tmp = self.staging / (COMMIT_FILE + ".tmp")
        with tmp.open("w", encoding="utf-8") as fh:
            json.dump(names, fh)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, self.staging / COMMIT_FILE)
        fsync(self.staging)
        self.committed = True
        _apply(self.out)
