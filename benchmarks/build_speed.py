#!/usr/bin/env python3
"""How fast ``kg build`` runs, next to bare ``jieba.lcut`` over the same pages, in one run.

Makes (or reuses) a corpus of N realistic pages with ``../shared/bench/make_corpus.py``, runs
the real build (``kg.pipeline.build``, default settings unless ``--workers`` is given), then
segments the same pages with ``jieba.lcut`` in this process (dictionary loaded beforehand,
reading the files not timed), and prints:

- pages/s and characters/s of the build, its per-stage seconds (``BuildReport.seconds``);
- peak RSS of the build's process tree: sampled every 50 ms with psutil (this process plus
  its worker processes, summed), and ``getrusage`` (SELF, and the largest CHILD);
- jieba's seconds and characters/s, and the ratio kg-build-time / jieba-time.

It prints figures and asserts nothing. Usage::

    python benchmarks/build_speed.py --pages 10000
    python benchmarks/build_speed.py --pages 1000 --workers 1 --stages
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

__all__ = ["ensure_corpus", "corpus_chars", "time_jieba", "time_build", "main"]

MAKE_CORPUS = ROOT.parent / "shared" / "bench" / "make_corpus.py"


def ensure_corpus(n: int, folder: Path) -> list[Path]:
    """The N pages in ``folder``, made with make_corpus.py unless already there."""
    pages = sorted(folder.glob("page*.txt")) if folder.is_dir() else []
    if len(pages) != n:
        if not MAKE_CORPUS.is_file():
            sys.exit(f"{MAKE_CORPUS}: not found (the shared/ folder beside the repo)")
        for p in pages:
            p.unlink()
        t = time.perf_counter()
        subprocess.run([sys.executable, str(MAKE_CORPUS), str(n), str(folder)], check=True,
                       stdout=subprocess.DEVNULL)
        print(f"made {n} pages in {folder} ({time.perf_counter() - t:.1f} s)")
        pages = sorted(folder.glob("page*.txt"))
    return pages


def corpus_chars(pages: list[Path]) -> tuple[int, int]:
    """Characters and bytes of the pages (read one at a time)."""
    chars = nbytes = 0
    for p in pages:
        data = p.read_bytes()
        nbytes += len(data)
        chars += len(data.decode("utf-8"))
    return chars, nbytes


def time_jieba(pages: list[Path]) -> tuple[float, int, float, float]:
    """Seconds spent in ``jieba.lcut`` over the pages (wall and CPU), tokens, and the
    dictionary's load time."""
    import jieba

    t = time.perf_counter()
    jieba.setLogLevel(60)
    jieba.initialize()
    load = time.perf_counter() - t
    spent = cpu = 0.0
    tokens = 0
    for p in pages:
        text = p.read_text(encoding="utf-8")
        t, c = time.perf_counter(), time.process_time()
        tokens += len(jieba.lcut(text))
        cpu += time.process_time() - c
        spent += time.perf_counter() - t
    return spent, tokens, load, cpu


_MONITOR = """
import select, sys, psutil
root, every, me = int(sys.argv[1]), float(sys.argv[2]), psutil.Process()
peak = 0
while not select.select([sys.stdin], [], [], every)[0]:
    try:
        procs = [psutil.Process(root)]
        procs += [p for p in procs[0].children(recursive=True) if p.pid != me.pid]
    except psutil.Error:
        continue
    total = 0
    for p in procs:
        try:
            total += p.memory_info().rss
        except psutil.Error:
            pass
    peak = max(peak, total)
print(peak)
"""


class TreeRss:
    """Peak of (this process + all its descendants) RSS, sampled every ``every`` seconds by
    a separate monitor process: a sampling thread here would take the GIL from the build
    it measures (it slowed builds by some 5%)."""

    def __init__(self, every: float = 0.05) -> None:
        self.every = every
        self.peak = 0
        self._proc: subprocess.Popen | None = None

    def __enter__(self) -> TreeRss:
        self._proc = subprocess.Popen(
            [sys.executable, "-c", _MONITOR, str(os.getpid()), str(self.every)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        return self

    def __exit__(self, *exc: object) -> None:
        assert self._proc is not None
        out, _ = self._proc.communicate("")  # closing its stdin stops it
        self.peak = int(out.strip() or 0)


def _cpu() -> float:
    """CPU seconds (user + system) of this process and its reaped children so far."""
    me = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def time_build(folder: Path, out: Path, workers: int | None, dask: str | None) -> dict:
    """Run the real build of ``folder`` into ``out``; its report and peak memory."""
    from kg.pipeline import build

    kwargs: dict = {"progress": False}
    if workers is not None:
        kwargs["workers"] = workers
    if dask is not None:
        kwargs["dask"] = dask
    before = _cpu()
    with TreeRss() as rss:
        t = time.perf_counter()
        report = build([folder], out, **kwargs)
        seconds = time.perf_counter() - t
        cpu = _cpu() - before  # before the monitor process ends and counts as a child
    return {"seconds": seconds, "report": report, "tree_peak": rss.peak, "cpu": cpu,
            "self_max": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024,
            "child_max": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024}


def time_stages(folder: Path, workers: int | None) -> dict[str, tuple[float, float]]:
    """Each stage of ``kg build`` on its own (a second pass), as (wall seconds, CPU seconds of
    the process tree): read, cut and extract (one process, to show each stage's cost), the
    main process's share (decoding the workers' state lines), resolve, Turtle, store, HTML."""
    import dataclasses

    from kg import rdf
    from kg import store as kgstore
    from kg.articles import split_page
    from kg.extract import extract
    from kg.lexicon import Lexicon
    from kg.pipeline import read_pages
    from kg.resolve import resolve
    from kg.viz import write_html

    out: dict[str, tuple[float, float]] = {}

    class stage:  # noqa: N801 - used as a context manager
        def __init__(self, name: str) -> None:
            self.name = name

        def __enter__(self) -> None:
            self.t, self.c = time.perf_counter(), _cpu()

        def __exit__(self, *exc: object) -> None:
            out[self.name] = (time.perf_counter() - self.t, _cpu() - self.c)

    gc.disable()  # as in a build (kg.parallel.gc_paused)
    lexicon = Lexicon.load()
    with stage("read pages (kg.sources)"):
        pages = list(read_pages([folder]))
    extract(split_page(pages[0])[0], lexicon)  # load the models outside the timings
    with stage("cut pages into articles (kg.articles.split_page)"):
        articles = [a for p in pages for a in split_page(p)]
    with stage("mentions and events (kg.extract.extract, one process)"):
        extractions = [extract(a, lexicon) for a in articles]
    with stage("state lines (kg.store.encode_extraction, in the workers)"):
        lines = [kgstore.encode_extraction(
            dataclasses.replace(x, article=dataclasses.replace(x.article, text="")))
            for x in extractions]
    del extractions, articles, pages
    with stage("decode state lines (main process)"):
        decoded = [kgstore.decode_extraction(line) for line in lines]
    with stage("resolve (kg.resolve.resolve)"):
        resolved = resolve(decoded, lexicon)
    tmp = Path(tempfile.mkdtemp(prefix="kg-bench-stages-"))
    with stage("Turtle (kg.rdf.write_graph)"):
        rdf.write_graph(resolved, tmp / "graph.ttl")
    with stage("Oxigraph store (bulk load by pieces)"), kgstore.Transaction(tmp) as txn:
        txn.load_store(tmp / "graph.ttl")
    with stage("HTML explorer (kg.viz.write_html, from the resolved corpus)"):
        write_html(resolved, tmp / "graph.html")
    gc.enable()
    return out


def _mb(n: int) -> str:
    return f"{n / 2**20:,.0f} MB"


def main(argv: list[str] | None = None) -> int:
    """Parse arguments, run, print."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--pages", type=int, default=10000, help="corpus size (default 10000)")
    ap.add_argument("--workers", type=int, default=None,
                    help="kg build --workers (default: the build's default, the cores)")
    ap.add_argument("--dask", default=None, help="a Dask scheduler address for the build")
    ap.add_argument("--corpus", type=Path, default=None,
                    help="where the corpus is kept (default: TMPDIR/kg-bench/pagesN)")
    ap.add_argument("--out", type=Path, default=None, help="build folder (default: temp)")
    ap.add_argument("--no-jieba", action="store_true", help="skip the jieba baseline")
    ap.add_argument("--stages", action="store_true",
                    help="also time each stage separately (a second pass)")
    ap.add_argument("--only-stages", action="store_true",
                    help="skip the build and jieba: only the separate stages")
    ap.add_argument("--json", type=Path, default=None, help="also write the figures here")
    args = ap.parse_args(argv)

    folder = args.corpus or Path(tempfile.gettempdir()) / "kg-bench" / f"pages{args.pages}"
    pages = ensure_corpus(args.pages, folder)
    chars, nbytes = corpus_chars(pages)
    out = args.out or Path(tempfile.mkdtemp(prefix="kg-bench-build-"))
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    print(f"corpus: {len(pages)} pages, {chars:,} characters, {nbytes / 2**20:.1f} MB "
          f"({folder}); cores available: {cores}")

    if args.only_stages:
        stages = time_stages(folder, args.workers)
        print("separate stages (wall s / CPU s):")
        for name, (wall, cpu) in stages.items():
            print(f"  {name}: {wall:.1f} / {cpu:.1f}")
        return 0
    b = time_build(folder, out, args.workers, args.dask)
    r = b["report"]
    secs = b["seconds"]
    print(f"kg build (workers={args.workers or 'default'}"
          f"{', dask=' + args.dask if args.dask else ''}): {secs:.1f} s, "
          f"{len(pages) / secs:,.0f} pages/s, {chars / secs:,.0f} characters/s")
    print(f"  CPU time, process tree: {b['cpu']:.1f} s "
          f"({b['cpu'] / secs:.2f} cores busy on average)")
    print("  stages (BuildReport.seconds): "
          + ", ".join(f"{k} {v:.1f} s" for k, v in r.seconds.items()))
    print("  counts: " + ", ".join(f"{k} {v:,}" for k, v in r.counts.items()))
    print(f"  peak RSS, process tree (sampled): {_mb(b['tree_peak'])}; "
          f"getrusage SELF {_mb(b['self_max'])}, largest CHILD {_mb(b['child_max'])}")
    figures = {"pages": len(pages), "characters": chars, "bytes": nbytes,
               "workers": args.workers, "build_seconds": secs,
               "pages_per_s": len(pages) / secs, "chars_per_s": chars / secs,
               "cpu_seconds": b["cpu"], "stages": r.seconds, "counts": r.counts,
               "tree_peak_rss": b["tree_peak"],
               "self_max_rss": b["self_max"], "child_max_rss": b["child_max"]}

    if not args.no_jieba:
        jsecs, tokens, load, jcpu = time_jieba(pages)
        print(f"jieba.lcut: {jsecs:.1f} s, CPU {jcpu:.1f} s ({chars / jsecs:,.0f} characters/s, "
              f"{tokens:,} tokens; dictionary load {load:.1f} s, not counted)")
        print(f"ratio kg build / jieba.lcut: {secs / jsecs:.2f} (wall time); "
              f"CPU time {b['cpu'] / jcpu:.2f}")
        figures.update(jieba_seconds=jsecs, jieba_cpu=jcpu, ratio=secs / jsecs,
                       cpu_ratio=b["cpu"] / jcpu)
        print(f"goal, time: kg build no slower than jieba.lcut (ratio <= 1.0): "
              f"{'met' if secs <= jsecs else 'NOT met'}")
    goal = 2**30 if len(pages) <= 10_000 else 4 * 2**30
    print(f"goal, memory: peak RSS under {goal // 2**30} GB at {len(pages):,} pages: "
          f"{'met' if b['tree_peak'] < goal else 'NOT met'} ({_mb(b['tree_peak'])})")

    if args.stages:
        stages = time_stages(folder, args.workers)
        print("separate stages (wall s / CPU s):")
        for name, (wall, cpu) in stages.items():
            print(f"  {name}: {wall:.1f} / {cpu:.1f}")
        figures["separate_stages"] = stages
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2, default=str), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
