"""The whole job in one place: sources → articles → extractions → resolved → RDF → outputs.

The CLI and the notebooks both call these functions; no stage is called from anywhere else.

>>> import tempfile, pathlib
>>> out = pathlib.Path(tempfile.mkdtemp())
>>> page = out / "page.txt"
>>> _ = page.write_text("2025年9月1日,越共中央总书记苏林在河内会见了柬埔寨人民党主席洪森。",
...                     encoding="utf-8")
>>> report = build([page], out / "build", progress=False)
>>> report.counts["meetings"]
1
>>> (out / "build" / "graph.ttl").is_file()
True
"""

from __future__ import annotations

import functools
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tqdm import tqdm

from . import rdf
from . import store as kgstore
from .articles import split_page
from .lexicon import Lexicon
from .model import Article, Extraction, Page, Resolved, SourceError
from .parallel import gc_paused, map_extract
from .resolve import MENTION_KINDS, resolve
from .sources import read_sources

__all__ = ["BadSourceError", "BuildReport", "read_pages", "read_articles", "extract_all",
           "build_resolved", "build", "add"]


class BadSourceError(ValueError):
    """An unreadable input file in a strict build; the message names the file and the problem."""


GRAPH_FILE = "graph.ttl"
HTML_FILE = "graph.html"


@dataclass
class BuildReport:
    """What a build read, made and skipped, and how long each stage took."""

    out: Path
    counts: dict[str, int] = field(default_factory=dict)
    errors: list[SourceError] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)
    outputs: list[Path] = field(default_factory=list)
    validation: str = ""  # the SHACL summary of the output ("" when not validated)

    def summary(self) -> str:
        """A few lines for a person: what was built, what was skipped, where it went."""
        c = self.counts
        lines = [
            f"articles {c.get('articles', 0)} (from {c.get('pages', 0)} pages), "
            f"persons {c.get('persons', 0)}, countries {c.get('countries', 0)}, "
            f"organizations {c.get('organizations', 0)}, meetings {c.get('meetings', 0)}, "
            f"visits {c.get('visits', 0)}, calls {c.get('calls', 0)}, "
            f"triples {c.get('triples', 0)}",
        ]
        if "pages_known" in c and not c.get("pages_added"):
            lines = [f"nothing new: {c['pages_known']} page(s) already in the build; "
                     f"triples {c.get('triples', 0)} (unchanged)"]
        elif "pages_known" in c:
            lines.append(f"added {c.get('pages_added', 0)} new page(s); "
                         f"{c['pages_known']} already in the build (unchanged)")
        if self.errors:
            lines.append(f"skipped {len(self.errors)} input file(s) (see the messages above)")
        if self.validation:
            lines.append(self.validation)
        lines += [f"wrote {p}" for p in self.outputs]
        return "\n".join(lines)


def _progress(items: Iterable, enabled: bool, desc: str, total: int | None = None) -> Iterable:
    """Wrap an iterable in a progress bar on stderr when asked and stderr is a terminal."""
    if not enabled:
        return items
    return tqdm(items, desc=desc, total=total, unit=" " + desc, file=sys.stderr,
                disable=None, leave=False)


def read_pages(
    paths: Sequence[str | Path],
    *,
    errors: list[SourceError] | None = None,
    on_error: Callable[[SourceError], None] | None = None,
    max_bytes: int | None = None,
    strict: bool = False,
) -> Iterator[Page]:
    """Every readable page under ``paths``; unreadable files go to ``errors``.

    With ``strict``, the first unreadable file raises :class:`BadSourceError` instead.
    """
    kwargs = {} if max_bytes is None else {"max_bytes": max_bytes}
    for item in read_sources(paths, **kwargs):
        if isinstance(item, SourceError):
            if errors is not None:
                errors.append(item)
            if strict:
                raise BadSourceError(f"{item} (--strict: stopped, nothing written)")
            if on_error is not None:
                on_error(item)
            continue
        yield item


def read_articles(
    paths: Sequence[str | Path],
    *,
    errors: list[SourceError] | None = None,
    on_error: Callable[[SourceError], None] | None = None,
    max_bytes: int | None = None,
) -> Iterator[Article]:
    """Every article of every readable page under ``paths``; unreadable files go to ``errors``."""
    for page in read_pages(paths, errors=errors, on_error=on_error, max_bytes=max_bytes):
        yield from split_page(page)


def extract_all(articles: Iterable[Article | Page], *, lexicon: Lexicon | None = None,
                progress: bool = False, workers: int | None = None,
                dask: str | None = None) -> list[Extraction]:
    """Mentions and events of every article, in input order (a page: its articles, cut by
    ``split_page`` in the workers).

    ``workers`` processes (default: the available cores; 1: this process), or the workers of
    the Dask scheduler at ``dask`` (``tcp://HOST:8786``): the result is the same either way.
    """
    lexicon = lexicon or Lexicon.load()
    extractions = map_extract(articles, workers=workers, dask=dask, lexicon=lexicon)
    return list(_progress(extractions, progress, "articles"))


def build_resolved(paths: Sequence[str | Path], *, progress: bool = False,
                   errors: list[SourceError] | None = None,
                   on_error: Callable[[SourceError], None] | None = None,
                   max_bytes: int | None = None, workers: int | None = None,
                   dask: str | None = None) -> Resolved:
    """Read, extract and resolve ``paths``: the corpus as one set of entities and events."""
    lexicon = Lexicon.load()
    pages = read_pages(paths, errors=errors, on_error=on_error, max_bytes=max_bytes)
    return resolve(extract_all(pages, lexicon=lexicon, progress=progress, workers=workers,
                               dask=dask), lexicon)


def _gc_paused(fn: Callable) -> Callable:
    """Run ``fn`` with the cycle collector paused (see :func:`kg.parallel.gc_paused`)."""

    @functools.wraps(fn)
    def run(*args: Any, **kwargs: Any) -> Any:
        with gc_paused():
            return fn(*args, **kwargs)

    return run


@_gc_paused
def build(
    paths: Sequence[str | Path],
    out: str | Path,
    *,
    progress: bool = True,
    on_error: Callable[[SourceError], None] | None = None,
    max_bytes: int | None = None,
    workers: int | None = None,
    dask: str | None = None,
    validate: bool = True,
    strict: bool = False,
) -> BuildReport:
    """Build the graph of ``paths`` into ``out``: graph.ttl, graph.html and the store.

    Unreadable input files are skipped and listed in the report. The outputs, the Oxigraph
    store (``out/store``) and the build state (``out/state.jsonl``, what ``kg add`` needs)
    replace the old ones in one transaction (``kg.store.Transaction``), so an interrupted
    build leaves the previous build intact. Then the graph is checked against the SHACL
    shapes (``report.validation``; skipped over :data:`VALIDATE_MAX_TRIPLES`).

    Pages stream through: each is read, cut and extracted in a worker, and only its
    extractions come back, as build-state lines written straight to the new state file.
    """
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    report = BuildReport(out=out)
    t0 = time.perf_counter()
    pages = read_pages(paths, errors=report.errors, on_error=on_error, max_bytes=max_bytes,
                       strict=strict)
    with kgstore.Transaction(out) as txn:
        with kgstore.StateWriter(txn.path(kgstore.STATE_FILE)) as state:
            extractions = _extract_into(state, pages, progress=progress, workers=workers,
                                        dask=dask)
        report.seconds["extract"] = time.perf_counter() - t0
        resolved = _write_outputs(list(extractions.values()), txn, report)
    return _validated(report, resolved, validate)


VALIDATE_MAX_TRIPLES = 50_000
"""Builds of more triples skip SHACL validation (pyshacl is slow); ``kg validate`` still runs."""


def _extract_into(state: kgstore.StateWriter, pages: Iterable[Page], *, progress: bool,
                  workers: int | None, dask: str | None) -> dict[str, Extraction]:
    """Extract ``pages``, writing each extraction and page to ``state`` as it comes; the
    extractions by article id (a later one with the same id replaces the earlier), with the
    mentions ``resolve`` reads."""
    read: list[tuple[str, str]] = []

    def remember(pages: Iterable[Page]) -> Iterator[Page]:
        for page in pages:
            read.append((kgstore.page_hash(page), page.path))  # not the text: memory
            yield page

    lines = map_extract(remember(pages), workers=workers, dask=dask, lexicon=Lexicon.load(),
                        state_lines=True)
    extractions: dict[str, Extraction] = {}
    for line in _progress(lines, progress, "articles"):
        state.extraction_line(line)
        ext = kgstore.decode_extraction(line, MENTION_KINDS)  # only what resolve reads
        extractions[ext.article.id] = ext
    for sha1, path in read:
        state.page(sha1, path)
    return extractions


@_gc_paused
def add(
    paths: Sequence[str | Path],
    out: str | Path,
    *,
    progress: bool = True,
    on_error: Callable[[SourceError], None] | None = None,
    max_bytes: int | None = None,
    workers: int | None = None,
    dask: str | None = None,
    validate: bool = True,
    strict: bool = False,
) -> BuildReport:
    """Merge the pages of ``paths`` into the build ``out`` (``kg add``).

    Pages already in the build (same content hash, ``Page.sha1``) change nothing. The new ones
    are extracted; then persons and events are resolved again over old and new extractions
    together, so a new page reporting a known event adds its article to that event and a
    known person keeps one node. graph.ttl, graph.html, the store and the build state are
    replaced in one transaction: a process killed midway leaves the build as it was. A
    folder holding no build yet is built.
    """
    out = Path(out)
    report = BuildReport(out=out)
    t0 = time.perf_counter()
    old = kgstore.read_state(out)
    hashes: set[str] = set()
    known = 0

    def new_pages() -> Iterator[Page]:
        nonlocal known
        for page in read_pages(paths, errors=report.errors, on_error=on_error,
                               max_bytes=max_bytes, strict=strict):
            digest = kgstore.page_hash(page)
            if old.knows(page) or digest in hashes:
                known += 1
                continue
            hashes.add(digest)
            yield page

    with kgstore.Transaction(out) as txn:
        with kgstore.StateWriter(txn.path(kgstore.STATE_FILE)) as state:
            for sha1, path in old.pages.items():
                state.page(sha1, path)
            for ext in old.extractions.values():
                state.extraction(ext)
            fresh = _extract_into(state, new_pages(), progress=progress, workers=workers,
                                  dask=dask)
        report.seconds["extract"] = time.perf_counter() - t0
        if not hashes and old.pages:  # nothing new: leave the build as it is
            report.counts = {"pages_added": 0, "pages_known": known,
                             "triples": kgstore.count(out)}
            return report
        resolved = _write_outputs(list({**old.extractions, **fresh}.values()), txn, report)
    report = _validated(report, resolved, validate)
    report.counts.update({"pages_added": len(hashes), "pages_known": known})
    return report


def _write_outputs(extractions: list[Extraction], txn: kgstore.Transaction,
                   report: BuildReport) -> Resolved:
    """Resolve ``extractions``; stage graph.ttl, the store and graph.html in ``txn`` (whose
    build state is already staged) and commit. Returns the resolved corpus."""
    from .query import PREFIXES
    from .viz import write_html

    t0 = time.perf_counter()
    resolved = resolve(extractions, Lexicon.load())
    t1 = time.perf_counter()
    graph_file = txn.path(GRAPH_FILE)
    # Oxigraph loads the store in a thread, without the GIL, while Python writes the graph
    # piece by piece and then the explorer.
    with txn.store_loader() as loader:
        n_written = rdf.write_graph(resolved, graph_file, pieces=loader.load)
        t2 = time.perf_counter()
        write_html(resolved, txn.path(HTML_FILE))  # the same page as from graph.ttl, cheaper
        loader.finish(count=False)
        n_triples = n_written  # the graph's triples are distinct: the store holds as many
    if txn.replay_updates(PREFIXES):  # edits made with kg query --update survive
        n_triples = len(kgstore.load_file(graph_file))
        write_html(graph_file, txn.path(HTML_FILE))  # of the edited graph
    txn.commit()
    out = txn.out
    report.outputs += [out / GRAPH_FILE, out / HTML_FILE, kgstore.store_path(out)]
    t3 = time.perf_counter()
    report.seconds.update({"resolve": t1 - t0, "rdf": t2 - t1, "write": t3 - t2})
    report.counts = rdf.count(resolved, n_written)
    report.counts["triples"] = n_triples
    report.counts["pages"] = len({a.source_file for a in resolved.articles})
    return resolved


def _validated(report: BuildReport, resolved: Resolved, validate: bool) -> BuildReport:
    """Check the committed build against the SHACL shapes, when asked and small enough."""
    from .validate import validate as validate_target
    from .validate import validate_graph

    n_triples = report.counts["triples"]
    t0 = time.perf_counter()
    if validate and n_triples > VALIDATE_MAX_TRIPLES:
        report.validation = (f"SHACL: not checked ({n_triples} triples, over "
                             f"{VALIDATE_MAX_TRIPLES}); run kg validate {report.out}")
    elif validate:
        graph = rdf.to_graph(resolved)
        # a graph edited with kg query --update is checked as stored
        result = (validate_graph(graph) if len(graph) == n_triples
                  else validate_target(report.out))
        report.validation = result.summary(limit=10)
        report.seconds["validate"] = time.perf_counter() - t0
    return report
