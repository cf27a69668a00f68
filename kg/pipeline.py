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

import sys
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from tqdm import tqdm

from . import rdf
from .articles import split_page
from .lexicon import Lexicon
from .model import Article, Extraction, Page, Resolved, SourceError
from .parallel import map_extract
from .resolve import resolve
from .sources import read_sources

__all__ = ["BuildReport", "read_pages", "read_articles", "extract_all", "build_resolved", "build"]

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
        if self.errors:
            lines.append(f"skipped {len(self.errors)} input file(s) (see the messages above)")
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
) -> Iterator[Page]:
    """Every readable page under ``paths``; unreadable files go to ``errors``."""
    kwargs = {} if max_bytes is None else {"max_bytes": max_bytes}
    for item in read_sources(paths, **kwargs):
        if isinstance(item, SourceError):
            if errors is not None:
                errors.append(item)
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


def build(
    paths: Sequence[str | Path],
    out: str | Path,
    *,
    progress: bool = True,
    on_error: Callable[[SourceError], None] | None = None,
    max_bytes: int | None = None,
    workers: int | None = None,
    dask: str | None = None,
) -> BuildReport:
    """Build the graph of ``paths`` into the folder ``out``: graph.ttl and graph.html.

    Unreadable input files are skipped and listed in the report; outputs are written to a
    temporary file and renamed, so an interrupted build leaves the previous ones intact.
    """
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    report = BuildReport(out=out)
    t0 = time.perf_counter()
    resolved = build_resolved(paths, progress=progress, errors=report.errors,
                              on_error=on_error, max_bytes=max_bytes, workers=workers,
                              dask=dask)
    t1 = time.perf_counter()
    triples = rdf.to_triples(resolved)
    t2 = time.perf_counter()
    graph_path = out / GRAPH_FILE
    rdf.write_turtle(triples, graph_path)
    report.outputs.append(graph_path)
    from .viz import write_html  # the explorer page, read back from graph.ttl

    report.outputs.append(write_html(graph_path, out / HTML_FILE))
    t3 = time.perf_counter()
    report.seconds = {"extract": t1 - t0, "rdf": t2 - t1, "write": t3 - t2}
    report.counts = rdf.count(resolved, triples)
    report.counts["pages"] = len({a.source_file for a in resolved.articles})
    return report
