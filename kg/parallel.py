"""Per-article extraction in parallel: worker processes on this machine, or a Dask cluster.

``map_extract`` maps :func:`kg.extract.extract` over a stream of articles and yields the
extractions **in input order**, so a build is byte-identical whatever the number of workers.
The stream may hold pages too: a page is cut into its articles (:func:`kg.articles.split_page`)
where the extraction runs, so the cutting is spread over the workers as well.
Articles travel in chunks (one pickle per chunk, not per article); only a bounded number of
chunks is in flight at a time, so pages stream through instead of being read all at once.
Each worker loads the lexicon once (a :class:`~kg.lexicon.Lexicon` pickles as its folder and
is cached per process) and warms the NLP models before its first chunk.

>>> from kg.model import Article
>>> arts = [Article(id=f"a{i}", source_file="x.txt", index=i, title="", text="苏林会见洪森。",
...                 start=0, end=7) for i in range(3)]
>>> [x.article.id for x in map_extract(arts, workers=1)]
['a0', 'a1', 'a2']

With ``workers=N`` (N > 1) the chunks go to N processes; with ``dask="tcp://HOST:8786"``
they go to the workers of a running Dask distributed scheduler (``kg`` must be installed
on them) and the results come back here, in order, to be resolved locally.
"""

from __future__ import annotations

import contextlib
import gc
import itertools
import multiprocessing
import os
import sys
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import replace
from pathlib import Path
from typing import Any

from .lexicon import Lexicon, ontology_dir
from .model import Article, Extraction, Page

__all__ = ["DEFAULT_CHUNKSIZE", "DASK_CONNECT_TIMEOUT", "available_cores", "map_extract",
           "extract_chunk", "gc_paused"]

DEFAULT_CHUNKSIZE = 64
"""Pages (or articles) per task: large enough to amortise pickling and scheduling (a task
of 64 pages is some 0.3 s of work), small enough to keep every worker busy on a few hundred
pages."""

DASK_CONNECT_TIMEOUT = 30.0
"""Seconds to keep trying to reach a Dask scheduler before giving up."""

_IN_FLIGHT_PER_WORKER = 3  # chunks queued per worker: keeps workers fed, memory bounded


def available_cores() -> int:
    """The cores this process may run on (its CPU affinity), at least 1.

    >>> available_cores() >= 1
    True
    """
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """Pause Python's cycle collector for a burst of work that makes millions of objects.

    Extraction and resolution make objects that live on (mentions, events) or die by reference
    counting; the collector would only rescan them, again and again, for 10-30% of the CPU.
    It runs again, as before, once the block ends.

    >>> with gc_paused():
    ...     gc.isenabled()
    False
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _lexicon_ref(lexicon: Lexicon | None) -> str | None:
    """What to send to a worker for ``lexicon``: None for the default one (the worker finds
    its own copy, wherever ``kg`` is installed there), else the folder's path."""
    if lexicon is None:
        return None
    try:
        default = (ontology_dir() / "lexicon").resolve()
    except ValueError:
        default = None
    folder = lexicon.folder.resolve()
    return None if folder == default else str(folder)


def _load(ref: str | None) -> Lexicon:
    return Lexicon.load(None if ref is None else Path(ref))


def _warm_up(ref: str | None) -> None:
    """Worker initialiser: load the lexicon and the NLP models once, before the first chunk."""
    from .extract import extract

    lexicon = _load(ref)
    probe = Article(id="warm-up", source_file="", index=0, title="",
                    text="2025年9月1日,越共中央总书记苏林在河内会见了柬埔寨人民党主席洪森。",
                    start=0, end=35)
    try:
        extract(probe, lexicon)
    except Exception:  # noqa: BLE001 - warming up is an optimisation; the real call reports
        pass
    gc.freeze()  # the lexicon and models live as long as the worker: never rescan them


def _extract_items(items: list[Article | Page], lexicon: Lexicon,
                   state_lines: bool = False) -> Iterator[Extraction | str]:
    from .articles import split_page
    from .extract import extract
    from .store import encode_extraction

    for item in items:
        for article in split_page(item) if isinstance(item, Page) else [item]:
            ext = extract(article, lexicon)
            if state_lines:
                yield encode_extraction(replace(ext, article=replace(article, text="")))
            else:
                yield ext


def extract_chunk(items: list[Article | Page], lexicon_ref: str | None = None,
                  state_lines: bool = False) -> list[Extraction] | list[str]:
    """Extract every article of one chunk (pages cut first): what a worker runs.

    With ``state_lines``, each extraction comes back as its line of the build state
    (:func:`kg.store.encode_extraction`), without the article's text, which nothing after
    extraction needs (evidence carries its sentence). A build wants that line anyway, and one
    string travels between processes far more cheaply than a thousand small objects.

    >>> extract_chunk([])
    []
    """
    with gc_paused():
        return list(_extract_items(items, _load(lexicon_ref), state_lines))


def _chunks(items: Iterable[Article | Page], size: int) -> Iterator[list[Article | Page]]:
    it = iter(items)
    while chunk := list(itertools.islice(it, size)):
        yield chunk


def _ordered(submit: Any, chunks: Iterator[list[Article | Page]],
             in_flight: int) -> Iterator[Extraction]:
    """Submit chunks with at most ``in_flight`` pending; yield results in submission order."""
    pending: deque[Future] = deque()
    for chunk in chunks:
        pending.append(submit(chunk))
        if len(pending) >= in_flight:
            yield from pending.popleft().result()
    while pending:
        yield from pending.popleft().result()


def _mp_context() -> multiprocessing.context.BaseContext:
    # fork starts a worker in milliseconds and shares what the parent already loaded; where it
    # is not the safe default (macOS, Windows), use the platform's default.
    if sys.platform.startswith("linux"):
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context()


def _map_local(chunks: Iterator[list[Article | Page]], workers: int,
               ref: str | None, state_lines: bool) -> Iterator[Extraction | str]:
    with ProcessPoolExecutor(max_workers=workers, mp_context=_mp_context(),
                             initializer=_warm_up, initargs=(ref,)) as pool:
        yield from _ordered(lambda c: pool.submit(extract_chunk, c, ref, state_lines), chunks,
                            workers * _IN_FLIGHT_PER_WORKER)


def _map_dask(chunks: Iterator[list[Article | Page]], address: Any,
              ref: str | None, state_lines: bool) -> Iterator[Extraction | str]:
    try:
        from distributed import Client
    except ImportError as err:  # pragma: no cover - depends on the environment
        raise RuntimeError("--dask needs Dask distributed: pip install 'diplomacy-kg[dask]'"
                           ) from err
    own = not isinstance(address, Client)
    try:
        client = (Client(address, set_as_default=False, timeout=DASK_CONNECT_TIMEOUT)
                  if own else address)
    except OSError as err:
        raise OSError(f"cannot reach the Dask scheduler at {address}: {err}") from err
    try:
        workers = max(1, len(client.scheduler_info().get("workers", {})))
        yield from _ordered(
            lambda c: client.submit(extract_chunk, c, ref, state_lines, pure=False), chunks,
            workers * _IN_FLIGHT_PER_WORKER)
    finally:
        if own:
            client.close()


def map_extract(
    articles: Iterable[Article | Page],
    *,
    workers: int | None = None,
    dask: Any = None,
    chunksize: int | None = None,
    lexicon: Lexicon | None = None,
    state_lines: bool = False,
) -> Iterator[Extraction | str]:
    """Yield ``extract(article, lexicon)`` for every article, in input order.

    Items may be articles or pages; a page stands for its articles (``split_page(page)``).

    ``workers``: processes on this machine (default: the available cores; 1 runs in this
    process). ``dask``: the address of a Dask scheduler (``"tcp://HOST:8786"``) or a
    ``distributed.Client``; when given, ``workers`` is ignored. ``chunksize``: articles per
    task (default :data:`DEFAULT_CHUNKSIZE`). ``lexicon``: default, the project's.
    ``state_lines``: yield each extraction as its build-state line (see :func:`extract_chunk`).
    Input that fits in one chunk runs in this process: starting workers would cost more than
    it saves.

    >>> list(map_extract([], workers=2))
    []
    """
    chunksize = DEFAULT_CHUNKSIZE if chunksize is None else chunksize
    if chunksize < 1:
        raise ValueError(f"chunksize must be at least 1, not {chunksize}")
    if workers is not None and workers < 1:
        raise ValueError(f"workers must be at least 1, not {workers}")
    ref = _lexicon_ref(lexicon)
    chunks = _chunks(articles, chunksize)
    first = next(chunks, None)
    if first is None:
        return
    second = next(chunks, None)
    chunks = itertools.chain([first] if second is None else [first, second], chunks)
    if dask is not None:
        yield from _map_dask(chunks, dask, ref, state_lines)
        return
    workers = available_cores() if workers is None else workers
    if workers == 1 or second is None:
        lex = lexicon or _load(ref)
        for chunk in chunks:
            yield from _extract_items(chunk, lex, state_lines)
        return
    yield from _map_local(chunks, workers, ref, state_lines)
