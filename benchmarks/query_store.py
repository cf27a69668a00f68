#!/usr/bin/env python3
"""Query latency on a graph of 1,000,000+ triples: the Oxigraph store against rdflib's Graph.

Makes a synthetic corpus in the project's own shape (``kg.model.Resolved`` → ``kg.rdf``): persons
named from the surname lexicon and characters of the demo pages, countries from the country
lexicon, articles that mention them, meetings of 2-3 persons reported by 1-3 articles (with
evidence sentences and ``dip:metWith``), visits, posts held. It writes the Turtle with
``kg.rdf.write_turtle``, loads it into an on-disk Oxigraph store (``kg.store.Transaction``, as
``kg build`` does) and into an in-memory rdflib ``Graph``, then runs the named queries
``who-met-whom`` and ``meetings-of`` (for the most-met person, parameters bound by
``kg.query.bind_params``, so both engines get the same text) and prints the median latency
of each on each engine and the ratio rdflib / store. It prints figures and asserts nothing.

Usage::

    python benchmarks/query_store.py                     # about 1.05 million triples
    python benchmarks/query_store.py --triples 200000 --repeat 5 --repeat-rdflib 2

Figures measured 2026-11-23 on the 2-core development machine, shared with other jobs:

- 1,062,985 triples (29,660 articles, 7,415 persons, 44,491 meetings), load average about 2:
  who-met-whom (58,625 rows) store 7.84 s, rdflib 136.0 s: 17.3x
  (``--only who-met-whom --repeat 5 --repeat-rdflib 2``). Under a load average of 6-7 the
  same query took 29.3 s and 256.9 s (8.8x).
- 1,062,931 triples, load average 6-7: meetings-of for the busiest person (4,881 rows) store
  1.52 s (median of 10); rdflib had not finished two runs after 47 minutes, so its median is
  over 1,400 s: over 900x.
- 49,590 triples: who-met-whom store 0.28 s, rdflib 13.4 s (48x); meetings-of store 0.052 s,
  rdflib 33.4 s (640x).

rdflib's meetings-of grows much faster than the graph: at a million triples, give it hours.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg import rdf  # noqa: E402
from kg import store as kgstore  # noqa: E402
from kg.lexicon import Lexicon  # noqa: E402
from kg.model import (  # noqa: E402
    COUNTRY,
    MEETING,
    PERSON,
    VISIT,
    Article,
    Entity,
    Event,
    Evidence,
    Post,
    Resolved,
)
from kg.query import evaluate, prepare_named  # noqa: E402

__all__ = ["synthetic", "main"]

TRIPLES_PER_UNIT = 2360  # triples made per 100 meetings (measured), to size the corpus


def _name_parts() -> tuple[list[str], list[str]]:
    surnames = [r["surname"] for r in Lexicon.load().table("surnames") if len(r["surname"]) == 1]
    text = "".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "sources").glob("*.txt")))
    chars = sorted({c for c in text if "\u4e00" <= c <= "\u9fff"} - set(surnames))
    return surnames, chars


def synthetic(meetings: int, seed: int = 1) -> Resolved:
    """A resolved corpus with ``meetings`` meetings and persons, articles, visits in proportion.

    >>> r = synthetic(50)
    >>> len([e for e in r.events if e.kind == "meeting"])
    50
    """
    rnd = random.Random(seed)
    surnames, chars = _name_parts()
    isos = [r["iso"] for r in Lexicon.load().table("countries")][:60]
    n_persons = max(10, meetings // 6)
    n_articles = max(5, meetings * 2 // 3)
    names: list[str] = []
    seen: set[str] = set()
    while len(names) < n_persons:
        name = rnd.choice(surnames) + "".join(rnd.choices(chars, k=rnd.choice((1, 2))))
        if name not in seen:
            seen.add(name)
            names.append(name)
    country = {p: rnd.choice(isos) for p in names}
    # a few busy diplomats: a Zipf-like choice of participants
    weights = [1 / (i + 1) ** 0.8 for i in range(n_persons)]
    articles = []
    for i in range(n_articles):
        year = 2015 + i % 11
        date = f"{year}-{1 + i % 12:02d}-{1 + i % 28:02d}"
        articles.append(Article(id=f"a{i:07d}", source_file=f"page{i // 3:06d}.txt",
                                index=i % 3, title=f"{names[i % n_persons]}会见外宾",
                                text="", start=0, end=0, date=date if i % 4 else ""))
    mentions: dict[str, list[tuple[str, str]]] = {a.id: [] for a in articles}
    events = []
    for m in range(meetings):
        people = tuple(sorted(set(rnd.choices(names, weights, k=rnd.choice((2, 2, 2, 3))))))
        if len(people) < 2:
            people = tuple(sorted({people[0], names[(names.index(people[0]) + 1) % n_persons]}))
        reporting = rnd.sample(articles, rnd.choice((1, 1, 2, 3)))
        date = reporting[0].date or f"--{1 + m % 12:02d}-{1 + m % 28:02d}"
        sentence = f"{people[0]}在{date}会见了{people[1]}，双方就两国关系交换意见。"
        events.append(Event(kind=MEETING, participants=people, start=date,
                            articles=tuple(a.id for a in reporting),
                            evidence=tuple(Evidence(a.id, 0, len(sentence), sentence)
                                           for a in reporting),
                            key=f"meeting|{'|'.join(people)}|{date}|{m}"))
        for a in reporting:
            mentions[a.id] += [(PERSON, p) for p in people]
            mentions[a.id] += [(COUNTRY, country[p]) for p in people]
    for v in range(meetings // 6):
        visitor = rnd.choices(names, weights)[0]
        dest = rnd.choice([c for c in isos if c != country[visitor]])
        a = rnd.choice(articles)
        sentence = f"{visitor}对{dest}进行正式访问。"
        events.append(Event(kind=VISIT, visitor=visitor, destination=dest,
                            start=a.date,
                            visit_kind=rnd.choice(("正式访问", "国事访问", "工作访问")),
                            articles=(a.id,), evidence=(Evidence(a.id, 0, len(sentence),
                                                                 sentence),),
                            key=f"visit|{visitor}|{dest}|{v}"))
        mentions[a.id] += [(PERSON, visitor), (COUNTRY, dest)]
    entities = [Entity(key=iso, kind=COUNTRY, label=iso, latin=iso) for iso in isos]
    for i, p in enumerate(names):
        posts = tuple(Post(title=rnd.choice(("外交部长", "国防部长", "总理", "大使")),
                           as_of=articles[(i * 7 + k) % n_articles].date,
                           article_id=articles[(i * 7 + k) % n_articles].id) for k in range(2))
        entities.append(Entity(key=p, kind=PERSON, label=p, country=country[p], posts=posts))
    return Resolved(articles=tuple(articles), entities=tuple(entities), events=tuple(events),
                    mentions={k: tuple(dict.fromkeys(v)) for k, v in mentions.items()})


def _time(run, repeat: int, warm_up: bool = True) -> tuple[float, int]:
    rows = run() if warm_up else 0  # a warm-up run (caches), not counted
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        rows = run()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), rows


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--triples", type=int, default=1_050_000, help="about this many triples")
    ap.add_argument("--repeat", type=int, default=10, help="timed runs on the store")
    ap.add_argument("--repeat-rdflib", type=int, default=2, help="timed runs on rdflib")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--keep", type=Path, default=None, help="keep the build folder here")
    ap.add_argument("--only", choices=["who-met-whom", "meetings-of"], default=None,
                    help="time only this query")
    args = ap.parse_args(argv)

    t0 = time.perf_counter()
    resolved = synthetic(max(100, args.triples * 100 // TRIPLES_PER_UNIT), args.seed)
    triples = rdf.to_triples(resolved)
    t1 = time.perf_counter()
    print(f"synthetic graph: {len(triples):,} triples ({len(resolved.articles):,} articles, "
          f"{sum(e.kind == PERSON for e in resolved.entities):,} persons, "
          f"{sum(e.kind == MEETING for e in resolved.events):,} meetings, "
          f"{sum(e.kind == VISIT for e in resolved.events):,} visits) in {t1 - t0:.1f} s")

    folder = args.keep or Path(tempfile.mkdtemp(prefix="kg-bench-store-"))
    with kgstore.Transaction(folder) as txn:
        rdf.write_turtle(triples, txn.path("graph.ttl"))
        t2 = time.perf_counter()
        n = txn.load_store(txn.path("graph.ttl"))
        t3 = time.perf_counter()
        txn.commit()
    store = kgstore.open_store(folder)
    print(f"Oxigraph store: {n:,} triples bulk-loaded in {t3 - t2:.1f} s ({folder / 'store'})")

    from rdflib import Graph

    t4 = time.perf_counter()
    graph = Graph()
    for t in triples:
        graph.add(t)
    t5 = time.perf_counter()
    print(f"rdflib Graph (in memory): {len(graph):,} triples added in {t5 - t4:.1f} s")
    del triples

    counts: dict[str, int] = {}
    for e in resolved.events:
        for p in e.participants:
            counts[p] = counts.get(p, 0) + 1
    busiest = max(counts, key=counts.__getitem__)
    queries = {  # the same text for both engines, parameters bound as kg query binds them
        "who-met-whom": prepare_named("who-met-whom"),
        f"meetings-of person={busiest}": prepare_named("meetings-of", {"person": busiest}),
    }
    print(f"\nmedian latency ({args.repeat} runs on the store after a warm-up run, "
          f"{args.repeat_rdflib} on rdflib):", flush=True)
    print(f"{'query':<28} {'rows':>8} {'store (s)':>10} {'rdflib (s)':>11} {'rdflib/store':>13}")
    for label, text in queries.items():
        if args.only and not label.startswith(args.only):
            continue
        store_s, store_rows = _time(lambda t=text: len(evaluate(store, t).rows), args.repeat)
        print(f"  ({label}: store {store_s:.4f} s for {store_rows:,} rows; rdflib running...)",
              flush=True)
        rdflib_s, rdflib_rows = _time(lambda t=text: len(list(graph.query(t))),
                                      args.repeat_rdflib, warm_up=False)
        same = "" if store_rows == rdflib_rows else f"  (rdflib gave {rdflib_rows} rows!)"
        print(f"{label:<28} {store_rows:>8,} {store_s:>10.4f} {rdflib_s:>11.3f} "
              f"{rdflib_s / store_s:>12.1f}x{same}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
