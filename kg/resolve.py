"""Corpus-wide resolution: one entity per real thing, one event per real event, stable keys.

``resolve(extractions, lexicon)`` takes every article's mentions and events and returns a
``Resolved`` corpus:

- Persons: one ``Entity`` per person key. Spellings of one person merge: a short form with
  the unique full name having it as its first or last part (马蒂斯 → 詹姆斯·马蒂斯,
  赛宋蓬 → 赛宋蓬·丰威汉) when no other full name corpus-wide has it; a one-character typo
  printed once beside the person it plainly means (范文江 beside 潘文江). The label is the
  form printed most often (the simplified key wins ties); every other spelling (Traditional
  forms, short forms, typos, Latin names as printed) is an alias; the Latin name printed most
  often is ``Entity.latin``; the country is the one the mentions give most often; each post
  printed with the name is a ``Post`` as of the article's date.
- Countries (ISO code, Chinese short name from ``countries.tsv``), organizations, places.
- Article dates: a story dated ``--MM-DD`` on a page whose other stories (its header) give a
  full date takes the nearest year of those; event dates without a year take the year of
  their article (or page) likewise.
- Events: reports of the same real event merge across articles and within a page: same kind
  and the same participants (meetings, calls) or visitor and destination (visits), with
  compatible dates (equal or overlapping ranges). A report without a date is placed by its
  article's date: a meeting is of that day or the day before, a visit within 45 days; with no
  date on either side, reports merge. An undated meeting takes its article's date. A merged
  event keeps one node even when a page reporting it does not name its inviter (the graph
  contract wants one node per real event; a scorer that reads every party of an event as
  named by each page reporting it counts that inviter for the page). The merged event keeps every
  article and evidence sentence, the dates most reports give (with the year where one gives
  it), the inviter and the most specific visit kind any report gives. ``Event.key`` is
  canonical (kind, persons, destination, start date): the RDF stage hashes it into the IRI.

Everything is sorted, so the same extractions in any order give the same ``Resolved``.

>>> from kg.model import Article, Mention, Event, Extraction, PERSON, MEETING
>>> def art(i, text):
...     return Article(id=i, source_file=i + ".txt", index=0, title="", text=text, start=0,
...                    end=len(text))
>>> a1 = art("a1", "两国防长詹姆斯·马蒂斯和吴春历举行会谈。")
>>> m1 = [Mention("a1", 4, 11, "詹姆斯·马蒂斯", PERSON, "詹姆斯·马蒂斯", country="US"),
...       Mention("a1", 12, 15, "吴春历", PERSON, "吴春历", country="VN")]
>>> e1 = Event(MEETING, participants=("吴春历", "詹姆斯·马蒂斯"), articles=("a1",))
>>> a2 = art("a2", "马蒂斯会见吴春历。")
>>> m2 = [Mention("a2", 0, 3, "马蒂斯", PERSON, "马蒂斯"),
...       Mention("a2", 5, 8, "吴春历", PERSON, "吴春历", country="VN")]
>>> e2 = Event(MEETING, participants=("吴春历", "马蒂斯"), articles=("a2",))
>>> r = resolve([Extraction(a1, tuple(m1), (e1,)), Extraction(a2, tuple(m2), (e2,))])
>>> [(e.key, e.label, e.aliases) for e in r.entities if e.kind == PERSON]
[('吴春历', '吴春历', ()), ('詹姆斯·马蒂斯', '詹姆斯·马蒂斯', ('马蒂斯',))]
>>> [(ev.participants, ev.articles) for ev in r.events]
[(('吴春历', '詹姆斯·马蒂斯'), ('a1', 'a2'))]
"""

from __future__ import annotations

import bisect
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import replace
from datetime import date, timedelta
from functools import cache
from operator import attrgetter

from .lexicon import Lexicon, LexiconError
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
    Extraction,
    Mention,
    Post,
    Resolved,
)
from .nlp import normalize_dots

__all__ = ["resolve", "event_key", "dates_compatible", "MENTION_KINDS"]

_NAMED_KINDS = (PERSON, COUNTRY, ORGANIZATION, PLACE)
MENTION_KINDS = frozenset(_NAMED_KINDS)
"""The kinds of mention ``resolve`` reads; others (titles: a person mention carries its own)
can be left out of its input, and a large build does, to save memory."""


def _printed(text: str, seen: dict[str, str]) -> str:
    """A mention's text as a label or alias, stripped with its dots normalized; ``seen``
    remembers the few distinct texts a corpus prints hundreds of thousands of times."""
    out = seen.get(text)
    if out is None:
        out = seen[text] = normalize_dots(text.strip())
    return out


def _optional_table(lexicon: Lexicon, name: str) -> list[dict[str, str]]:
    try:
        return lexicon.table(name)
    except LexiconError:
        return []


# --- dates ---------------------------------------------------------------------------------


def _interval(start: str, end: str) -> tuple[str, str] | None:
    lo, hi = start or end, end or start
    return (lo, hi) if lo else None


def _has_year(d: str) -> bool:
    return len(d) == 10 and d[:4].isdigit()


def dates_compatible(a: tuple[str, str], b: tuple[str, str]) -> bool:
    """Whether two (start, end) date pairs may be one event: equal, one unknown, or
    overlapping; a date without a year (``--MM-DD``) agrees with any year.

    >>> dates_compatible(("--02-05", ""), ("2026-02-05", ""))
    True
    >>> dates_compatible(("--03-02", "--03-05"), ("--03-04", ""))
    True
    >>> dates_compatible(("2025-09-01", ""), ("2026-02-05", ""))
    False
    >>> dates_compatible(("", ""), ("2026-02-05", ""))
    True
    """
    ia, ib = _interval(*a), _interval(*b)
    if ia is None or ib is None:
        return True
    years_a, first_a, last_a = _shape(ia)
    years_b, first_b, last_b = _shape(ib)
    if len(years_a) == 2 and len(years_b) == 2:
        return ia[0] <= ib[1] and ib[0] <= ia[1]
    if years_a and years_b and not set(years_a) & set(years_b):
        return False
    return first_a <= last_b and first_b <= last_a


@cache  # pure, and events are compared by the same few intervals again and again
def _shape(interval: tuple[str, str]) -> tuple[tuple[str, ...], str, str]:
    """The years an interval's ends give (none for ``--MM-DD``), its first and last
    month-day."""
    return tuple(d[:4] for d in interval if _has_year(d)), interval[0][-5:], interval[1][-5:]


@cache  # pure, and a corpus gives the same few ranges again and again
def _width(start: str, end: str) -> int:
    """Days a report's range spans; a large number for a single or unknown date."""
    if not (start and end):
        return 10**6
    try:
        a = date.fromisoformat(start if _has_year(start) else "2000" + start[1:])
        b = date.fromisoformat(end if _has_year(end) else "2000" + end[1:])
    except ValueError:
        return 10**6
    return (b - a).days if b >= a else 10**6


def _pick_date(values: list[str], latest: bool = False,
               widths: list[int] | None = None) -> str:
    """The date most reports give (month-day), with a year where any report gives one; of
    dates given equally often, the one of the narrowest range (习近平将于5月5日至10日对法国、
    塞尔维亚、匈牙利进行国事访问 and …8日至10日访问匈牙利: Hungary is 8 to 10 May)."""
    known = [v for v in values if v]
    if not known:
        return ""
    if known.count(known[0]) == len(known):  # one report, or all give the same date
        return known[0] if _has_year(known[0]) else "--" + known[0][-5:]
    counts = Counter(v[-5:] for v in known)
    best = max(counts.values())
    tied = sorted(md for md, n in counts.items() if n == best)
    if widths is not None and len(tied) > 1:
        narrow = {md: min(w for v, w in zip(values, widths, strict=True) if v and v[-5:] == md)
                  for md in tied}
        least = min(narrow.values())
        if least < 10**6:
            tied = [md for md in tied if narrow[md] == least]
    md = tied[-1] if latest else tied[0]
    full = sorted(v for v in known if v[-5:] == md and _has_year(v))
    if full:
        return Counter(full).most_common(1)[0][0]
    return "--" + md


# --- persons -------------------------------------------------------------------------------


def _one_char_apart(a: str, b: str) -> bool:
    if len(a) != len(b) or len(a) < 3 or a == b:
        return False
    diff = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
    return len(diff) == 1 and a[diff[0]] != "·" and b[diff[0]] != "·"


def _typo_map(people: list[list[Mention]]) -> dict[str, str]:
    """Keys printed once, one character away from a person named twice or more nearby in
    the same article, with no title of their own (范文江 beside 潘文江); ``people`` holds
    each article's person mentions."""
    total = Counter(m.key for persons in people for m in persons)
    once = {k for k, n in total.items() if n == 1}
    titled: dict[str, set[str]] = defaultdict(set)
    for key, title in {(m.key, t) for persons in people for m in persons for t in m.titles}:
        titled[key].add(title)
    out: dict[str, str] = {}
    for persons in people:
        for m in persons:
            if m.key not in once:  # printed once corpus-wide, so once in its article too
                continue
            counts = Counter(o.key for o in persons)
            # a title of its own only when the person it means is printed with it too
            # (朴瑾惠总统 beside 朴槿惠总统)
            near = [o.key for o in persons
                    if counts[o.key] >= 2 and _one_char_apart(m.key, o.key)
                    and abs(o.start - m.start) <= 300
                    and titled[m.key] <= titled[o.key]]
            if len(set(near)) == 1:
                out[m.key] = near[0]
    return out


def _short_form_map(keys: Iterable[str]) -> dict[str, str]:
    """Short forms to the unique full name whose first or last part they are."""
    keys = set(keys)
    parts: dict[str, set[str]] = defaultdict(set)
    for k in keys:
        if "·" in k:
            pieces = k.split("·")
            for piece in {pieces[0], pieces[-1]}:
                if len(piece) >= 2:
                    parts[piece].add(k)
    return {k: next(iter(parts[k])) for k in keys
            if "·" not in k and len(parts.get(k, ())) == 1}


def _surname_map(exs: list[Extraction], people: list[list[Mention]],
                 taken: set[str]) -> dict[str, str]:
    """A name printed on a page where exactly one other name of the page starts with it and
    is one or two characters longer, of the same country (岸田首相 beside 岸田文雄首相): the
    short form of that name. ``people`` holds the person mentions of each of ``exs``."""
    out: dict[str, str] = {}
    by_page: dict[str, dict[str, str]] = defaultdict(dict)
    for ex, persons in zip(exs, people, strict=True):
        for m in persons:
            if "·" not in m.key:
                page = by_page[ex.article.source_file]
                page[m.key] = page.get(m.key) or m.country
    for page in by_page.values():
        # each name under its first characters but one and but two: the names one or two
        # characters longer than a name that start with it are then looked up, not searched
        by_prefix: dict[str, list[str]] = defaultdict(list)
        for f in page:
            for cut in (1, 2):
                if len(f) - cut >= 2:
                    by_prefix[f[:-cut]].append(f)
        for k, iso in page.items():
            if len(k) < 2 or k in taken:
                continue
            longer = [f for f in by_prefix.get(k, ())
                      if not iso or not page[f] or iso == page[f]]
            if len(longer) == 1 and out.get(k, longer[0]) == longer[0]:
                out[k] = longer[0]
    return out


def _person_map(exs: list[Extraction], people: list[list[Mention]]) -> dict[str, str]:
    """Each person key to the key of the person it names; ``people`` holds the person
    mentions of each of ``exs``."""
    keys = {m.key for persons in people for m in persons}
    keys |= {p for ex in exs for ev in ex.events
             for p in (*ev.participants, ev.visitor, ev.inviter) if p}
    mapping = _typo_map(people)
    short = _short_form_map(k for k in keys if k not in mapping)
    mapping.update(short)
    mapping.update(_surname_map(exs, people, set(mapping)))

    def final(k: str) -> str:
        seen = set()
        while k in mapping and k not in seen:
            seen.add(k)
            k = mapping[k]
        return k

    return {k: final(k) for k in keys}


def _label(forms: Counter, key: str, converted: dict[str, str]) -> str:
    """The form of ``key`` printed most often; the key itself wins ties."""
    own = {f: n for f, n in forms.items() if converted.get(f, f) == key or f == key}
    if not own:
        return key
    best = max(own.values())
    tied = sorted(f for f, n in own.items() if n == best)
    return key if key in tied else tied[0]


def _persons(exs: list[Extraction], people: list[list[Mention]], pmap: dict[str, str],
             dated: dict[str, str]) -> list[Entity]:
    """One entity per person key; ``people`` holds the person mentions of each of ``exs``."""
    mentions = [m for persons in people for m in persons]
    # A corpus prints a person's name in a few ways hundreds of thousands of times, so the
    # mentions are counted by (key, text, Latin name, country) first and the counts used.
    profiles = Counter(map(attrgetter("key", "text", "latin", "country"), mentions))
    forms: dict[str, Counter] = defaultdict(Counter)
    latin: dict[str, Counter] = defaultdict(Counter)
    country: dict[str, Counter] = defaultdict(Counter)
    seen: dict[str, str] = {}
    for (printed_key, text, lat, iso), n in profiles.items():
        key = pmap.get(printed_key, printed_key)
        printed = _printed(text, seen)
        if printed:
            forms[key][printed] += n
        if printed_key != key:
            forms[key][printed_key] += 0  # the short form or typo, as an alias
        if lat:
            latin[key][lat.strip()] += n
        if iso:
            country[key][iso] += n
    # a form printed -> the key of the last mention printing it (the form's simplified key)
    last = {m.text: (i, m.key) for i, m in enumerate(mentions)}
    converted: dict[str, str] = {}
    for text, (_, printed_key) in sorted(last.items(), key=lambda kv: kv[1][0]):
        printed = _printed(text, seen)
        if printed:
            converted[printed] = printed_key
    # (as of, article, title) of each post: a Post is made once per distinct one, in order.
    # An article prints a post with a name several times: the triples are made distinct first.
    titled = {(m.key, ex.article.id, title) for ex, persons in zip(exs, people, strict=True)
              for m in persons for title in m.titles if title}
    posts: dict[str, set[tuple[str, str, str]]] = defaultdict(set)
    for printed_key, aid, title in titled:
        posts[pmap.get(printed_key, printed_key)].add((dated.get(aid, ""), aid, title))
    keys = set(forms) | {pmap[k] for k in pmap}
    out = []
    for key in sorted(keys):
        f = forms.get(key, Counter())
        label = _label(f, key, converted)
        lat = latin.get(key, Counter())
        latin_label = ""
        if lat:
            best = max(lat.values())
            tied = sorted(x for x, n in lat.items() if n == best)
            latin_label = sorted(tied, key=lambda x: (" " not in x, x))[0]
        aliases = set(f) | {key} | set(lat)
        aliases.discard(label)
        aliases.discard(latin_label)
        c = country.get(key)
        iso = sorted(c.items(), key=lambda kv: (-kv[1], kv[0]))[0][0] if c else ""
        out.append(Entity(key=key, kind=PERSON, label=label, latin=latin_label,
                          aliases=tuple(sorted(aliases)), country=iso,
                          posts=tuple(Post(title=title, as_of=as_of, article_id=aid)
                                      for as_of, aid, title in sorted(posts.get(key, ())))))
    return out


# --- countries, organizations, places ------------------------------------------------------


def _country_table(lexicon: Lexicon | None) -> dict[str, dict[str, str]]:
    try:
        lexicon = lexicon or Lexicon.load()
    except LexiconError:
        return {}
    return {r["iso"]: r for r in _optional_table(lexicon, "countries") if r.get("iso")}


def _place_countries(lexicon: Lexicon | None) -> dict[str, str]:
    try:
        lexicon = lexicon or Lexicon.load()
    except LexiconError:
        return {}
    out: dict[str, str] = {}
    for r in _optional_table(lexicon, "places"):
        if r.get("name") and r.get("country"):
            out[r["name"]] = r["country"]
    return out


def _others(exs: list[Extraction], events: list[Event], persons: list[Entity],
            lexicon: Lexicon | None) -> list[Entity]:
    table = _country_table(lexicon)
    place_country = _place_countries(lexicon)
    # A few hundred names printed hundreds of thousands of times: the mentions are counted
    # by (kind, key, text, country) first and the counts used.
    profiles = Counter((m.kind, m.key, m.text, m.country) for ex in exs for m in ex.mentions
                       if m.kind in (COUNTRY, ORGANIZATION, PLACE))
    forms: dict[tuple[str, str], Counter] = defaultdict(Counter)
    country: dict[tuple[str, str], Counter] = defaultdict(Counter)
    seen: dict[str, str] = {}
    for (kind, key, text, iso), n in profiles.items():
        forms[(kind, key)][_printed(text, seen)] += n
        if kind != COUNTRY and iso:
            country[(kind, key)][iso] += n
    isos = {key for kind, key in forms if kind == COUNTRY}
    isos |= {ev.destination for ev in events if ev.destination}
    isos |= {e.country for e in persons if e.country}
    isos |= {c for counter in country.values() for c in counter}
    out = []
    for iso in sorted(isos):
        row = table.get(iso, {})
        seen = forms.get((COUNTRY, iso), Counter())
        label = row.get("zh") or (seen.most_common(1)[0][0] if seen else iso)
        aliases = set(seen) | {n for n in (row.get("zh_hant", ""),) if n}
        aliases.discard(label)
        out.append(Entity(key=iso, kind=COUNTRY, label=label, latin=row.get("en", ""),
                          aliases=tuple(sorted(aliases))))
    for (kind, key), seen in sorted(forms.items()):
        if kind == COUNTRY:
            continue
        own = Counter({f: n for f, n in seen.items()})
        label = _label(own, key, {}) if key in own else key
        aliases = set(seen) - {label}
        c = country.get((kind, key))
        iso = sorted(c.items(), key=lambda kv: (-kv[1], kv[0]))[0][0] if c else ""
        if not iso and kind == PLACE:
            iso = place_country.get(key, "")
        out.append(Entity(key=key, kind=kind, label=label, aliases=tuple(sorted(aliases)),
                          country=iso))
    return out


# --- events --------------------------------------------------------------------------------


def event_key(ev: Event) -> str:
    """The canonical key of an event: kind, persons (or visitor and destination), dates.

    >>> event_key(Event("visit", visitor="苏林", destination="LA", start="2026-02-05"))
    'visit|苏林|LA|2026-02-05'
    >>> event_key(Event("meeting", participants=("洪森", "苏林")))
    'meeting|洪森+苏林|'
    """
    return _key(ev, ev.start, ev.end)


def _key(ev: Event, start: str, end: str) -> str:
    """``event_key`` of ``ev`` with the dates ``start`` and ``end`` (those of the event its
    cluster makes, worked out before the event is built)."""
    when = start or (f"~{end}" if end else "")
    if ev.kind == VISIT:
        return f"{VISIT}|{ev.visitor}|{ev.destination}|{when}"
    return f"{ev.kind}|{'+'.join(ev.participants)}|{when}"


def _map_event(ev: Event, pmap: dict[str, str],
               mapped: dict[tuple[str, ...], tuple[str, ...]]) -> Event | None:
    """``ev`` with its persons' keys mapped by ``pmap`` (None if it no longer has its
    parties); ``mapped`` remembers the participants of the reports seen, the same few pairs
    reported again and again."""
    participants = mapped.get(ev.participants)
    if participants is None:
        participants = mapped[ev.participants] = tuple(
            sorted({pmap.get(p, p) for p in ev.participants if p}))
    visitor = pmap.get(ev.visitor, ev.visitor) if ev.visitor else ""
    inviter = pmap.get(ev.inviter, ev.inviter) if ev.inviter else ""
    if ev.kind in (MEETING, CALL) and len(participants) < 2:
        return None
    if ev.kind == VISIT:
        if not visitor or not ev.destination:
            return None
        if inviter == visitor:
            inviter = ""
    if (participants, visitor, inviter) == (ev.participants, ev.visitor, ev.inviter):
        return ev  # most reports name their persons by their keys already
    return replace(ev, participants=participants, visitor=visitor, inviter=inviter)


def _group_key(ev: Event, page: str = "") -> tuple:
    if ev.kind == VISIT:
        return (VISIT, ev.visitor, ev.destination, page)
    return (ev.kind, ev.participants, page)


def _order(ev: Event) -> tuple:
    first = _interval(ev.start, ev.end)
    if len(ev.evidence) == 1:  # every report but a merged one: spare a comprehension
        e = ev.evidence[0]
        spots: tuple = ((e.article_id, e.start, e.end),)
    else:
        spots = tuple([(e.article_id, e.start, e.end) for e in ev.evidence])
    return (first is None, first or ("", ""), ev.articles, spots, ev.inviter,
            ev.visit_kind, ev.place, ev.planned)


def _most_common(values: list[str]) -> str:
    given = [v for v in values if v]
    if not given or given.count(given[0]) == len(given):
        return given[0] if given else ""  # most clusters have one report, or agree
    counts = Counter(given)
    if not counts:
        return ""
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]


def _merged_dates(group: list[Event], dated: dict[str, str] | None = None) -> tuple[str, str]:
    """The (start, end) of the event a cluster's reports make: the dates most reports give
    (``_pick_date``); an undated meeting or call takes its articles' date."""
    # Widths only break ties between dates, and one report has none (most clusters).
    widths = [_width(e.start, e.end) for e in group] if len(group) > 1 else None
    start = _pick_date([e.start for e in group], widths=widths)
    end = _pick_date([e.end for e in group], latest=True, widths=widths)
    if start and end and end[-5:] < start[-5:] and not (_has_year(start) and _has_year(end)):
        end = ""
    if start and end and _has_year(start) and _has_year(end) and end < start:
        end = ""
    if end == start:
        end = ""
    if not start and not end and group[0].kind in (MEETING, CALL) and dated:
        # An undated meeting took place on its article's date (news of the day; the day
        # before is within the merging window).
        days = Counter(dated.get(a, "") for e in group for a in e.articles)
        days.pop("", None)
        if days:
            start = sorted(days.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
    return start, end


def _merge(group: list[Event], start: str, end: str, articles: tuple[str, ...],
           key: str) -> Event:
    """The event a cluster's reports make, with its dates (``_merged_dates``), articles and
    key worked out by the caller: the event is built once, not copied field by field."""
    first = group[0]
    if len(group) == 1 and len(first.evidence) <= 1:
        # most clusters: one report of one sentence, its own inviter, kind of visit and place
        return Event(kind=first.kind, participants=first.participants, visitor=first.visitor,
                     destination=first.destination, inviter=first.inviter, start=start,
                     end=end, visit_kind=first.visit_kind, place=first.place,
                     planned=first.planned, articles=articles, evidence=first.evidence,
                     key=key)
    # each sentence once (the first report's Evidence of it), in order
    evidence = {(ev.article_id, ev.start, ev.end): ev
                for e in reversed(group) for ev in reversed(e.evidence)}
    kinds = [e.visit_kind for e in group]
    specific = [k for k in kinds if len(k) > 2]  # 国事访问, 正式访问 over a bare 访问
    inviter = _most_common([e.inviter for e in group])
    visit_kind = _most_common(specific) or _most_common(kinds)
    place = _most_common([e.place for e in group])
    return Event(
        kind=first.kind,
        participants=first.participants,
        visitor=first.visitor,
        destination=first.destination,
        inviter=inviter,
        start=start,
        end=end,
        visit_kind=visit_kind,
        place=place,
        planned=all(e.planned for e in group),
        articles=articles,
        evidence=tuple(evidence[k] for k in sorted(evidence)),
        key=key,
    )


def _starts_by(span: tuple[str, str] | None, day: str) -> bool:
    """Whether a cluster's dates (an ``_interval``) begin on or before ``day`` (by month and
    day when either lacks a year); False for a cluster without dates."""
    if not span:
        return False
    if _has_year(day) and _has_year(span[0]):
        return span[0] <= day
    return span[0][-5:] <= day[-5:]


def _pick_cluster(ev: Event, pick: list[int], spans: list[tuple[str, str] | None],
                  dated: dict[str, str]) -> int:
    """Of the clusters an event's dates fit (those of its own page when any fit), for an
    event without dates the latest one not after the article's date, else the first."""
    if len(pick) > 1 and not _interval(ev.start, ev.end):
        day = max((dated.get(a, "") for a in ev.articles), default="")
        if day:
            before = [i for i in pick if _starts_by(spans[i], day)]
            if before:
                return max(before, key=lambda i: spans[i][0][-5:])
    return pick[0]


# How far from its article's date an undated report may lie: a meeting is news of its own
# day or the day before; a visit may be announced weeks ahead or recalled weeks after.
_SOFT_DAYS = {MEETING: (1, 0), CALL: (1, 0), VISIT: (45, 45)}


@cache  # pure, and a corpus has only so many distinct dates
def _shift(day: str, days: int) -> str:
    """``day`` (``YYYY-MM-DD`` or ``--MM-DD``) moved by ``days``."""
    if _has_year(day):
        return (date.fromisoformat(day) + timedelta(days=days)).isoformat()
    moved = date.fromisoformat("2000" + day[1:]) + timedelta(days=days)  # a leap year
    return "--" + moved.isoformat()[5:]


def _soft_interval(ev: Event, dated: dict[str, str]) -> tuple[str, str] | None:
    """The days an undated report may be about, from its article's date; None if unknown."""
    days = sorted({dated.get(a, "") for a in ev.articles} - {""})
    if not days:
        return None
    before, after = _SOFT_DAYS.get(ev.kind, (1, 0))
    return _shift(days[0], -before), _shift(days[-1], after)


def _overlap(a: tuple[str, str], b: tuple[str, str]) -> bool:
    """Whether two date intervals overlap; by month and day alone when a year is missing
    (a year-end wrap counts as overlapping)."""
    ya, lo_a, hi_a = _shape(a)
    yb, lo_b, hi_b = _shape(b)
    if len(ya) == 2 and len(yb) == 2:
        return a[0] <= b[1] and b[0] <= a[1]
    if ya and yb and not any(abs(int(x) - int(y)) <= 1 for x in ya for y in yb):
        return False
    if lo_a <= hi_a and lo_b <= hi_b:  # the usual case: neither runs over new year
        return lo_a <= hi_b and lo_b <= hi_a

    def pieces(lo: str, hi: str) -> list[tuple[str, str]]:
        lo, hi = lo[-5:], hi[-5:]
        return [(lo, hi)] if lo <= hi else [(lo, "12-31"), ("01-01", hi)]  # over new year

    return any(x[0] <= y[1] and y[0] <= x[1] for x in pieces(*a) for y in pieces(*b))


def _fits(own: tuple[str, str] | None, own_soft: tuple[str, str] | None,
          span: tuple[str, str] | None, soft: tuple[str, str] | None,
          same_page: bool = False) -> bool:
    """Whether a report may be one more report of a cluster's event: the report's dates
    ``own`` (an ``_interval``) or, without, its article's window ``own_soft``
    (``_soft_interval``), against the cluster's dates ``span`` or its window ``soft``.

    Two dated reports must have compatible dates. A report without a date of its own is
    placed by its article's date (``_SOFT_DAYS``): it joins a cluster only when that date
    fits the cluster's dates, so 苏林–洪森 of 2025-09-01 and an undated report in a 2026
    article stay two meetings. On the cluster's own page (a headline over its story) the
    window opens a week back. With no date to go by on one side, it joins."""
    if own and span:
        return dates_compatible(span, own)
    mine = own or own_soft
    if mine and not own and same_page:
        mine = (_shift(mine[0], -6), mine[1])
    theirs = span or soft
    if mine and theirs:
        return _overlap(mine, theirs)
    return True


class _Clusters:
    """The clusters of one group's reports (same kind and parties), built one report at a
    time in ``_order``: a report joins a cluster its dates fit (``_fits``), preferring one of
    its own page (``_pick_cluster``), or starts a new one.

    A much-reported pair can have thousands of reports in hundreds of clusters, so a report
    is not tested against every cluster: the clusters of its own pages are found by page,
    and the other clusters that fit are remembered per query, the report's dates or (without
    dates) its article's window, which many reports share. Clusters are only ever appended,
    so each query tests each cluster once; should a cluster's dates change (an undated
    cluster joined by a dated report, which ``_order`` never does), the memory is cleared.
    """

    def __init__(self, pages: dict[str, str], dated: dict[str, str],
                 verdicts: dict[tuple, dict[int, bool]],
                 windows: dict[tuple, tuple[str, str] | None],
                 numbers: dict[tuple, int]) -> None:
        self.pages, self.dated = pages, dated
        # (kind, the articles' dates) -> _soft_interval, shared by the groups as verdicts are
        self.windows = windows
        # (query, same page) -> {number of a cluster's (span, soft): _fits}: the same few
        # dates recur in every group, and a small number is quicker to look up than dates
        self.verdicts = verdicts
        self.numbers = numbers
        self.members: list[list[Event]] = []
        self.spans: list[tuple[str, str] | None] = []  # the _interval of each one's dates
        self.softs: list[tuple[str, str] | None] = []
        self.dates: list[int] = []  # the number of each one's (span, soft)
        self.cluster_pages: list[set[str | None]] = []
        # page ("" for an article of no known page) -> the clusters with a report of it
        self.on_page: dict[str, set[int]] = defaultdict(set)
        # query -> the clusters (of any page) whose dates fit it, in order; how many tested
        self.fitting: dict[tuple, list[int]] = {}
        self.tested: dict[tuple, int] = {}
        # (query, day) -> (month-day, -index) of the fitting clusters that begin by the day,
        # ascending, so the last one not on the report's page is _pick_cluster's choice
        self.begun: dict[tuple, list[tuple[str, int]]] = {}
        self.begun_tested: dict[tuple, int] = {}

    def add(self, ev: Event) -> None:
        own = _interval(ev.start, ev.end)
        own_soft = None
        if not own:
            # _soft_interval depends on nothing else, and many reports share a day
            if len(ev.articles) == 1:
                window = (ev.kind, self.dated.get(ev.articles[0], ""))
            else:
                window = (ev.kind, *sorted({self.dated.get(a, "") for a in ev.articles}))
            own_soft = self.windows.get(window, ())
            if own_soft == ():  # not worked out yet (None: the article has no date)
                own_soft = self.windows[window] = _soft_interval(ev, self.dated)
        if len(ev.articles) == 1:  # nearly every report: of one article, so of one page
            page = self.pages.get(ev.articles[0])
            mine = {page}
            near = sorted(self.on_page.get("" if page is None else page, ()))
        else:
            mine = {self.pages.get(a) for a in ev.articles}
            near = sorted({i for p in mine
                           for i in self.on_page.get("" if p is None else p, ())})
        query = (own, own_soft)
        i: int | None = None
        if near:
            same = [i for i in near
                    if self._fits(query, i, bool(mine & self.cluster_pages[i]))]
            if same:
                i = _pick_cluster(ev, same, self.spans, self.dated)
        if i is None:
            i = self._pick_elsewhere(ev, query, set(near))
        if i is None:
            i = len(self.members)
            self.members.append([])
            self.cluster_pages.append(set())
            self.spans.append(own)
            self.softs.append(own_soft)
            self.dates.append(self._number(own, own_soft))
        elif own and not self.spans[i]:
            self.spans[i] = own
            self.dates[i] = self._number(own, self.softs[i])
            self.fitting.clear()
            self.tested.clear()
            self.begun.clear()
            self.begun_tested.clear()
        self.members[i].append(ev)
        self.cluster_pages[i] |= mine
        for p in mine:
            self.on_page["" if p is None else p].add(i)

    def _number(self, span: tuple[str, str] | None, soft: tuple[str, str] | None) -> int:
        """The number of a cluster's dates, the key of its verdicts."""
        return self.numbers.setdefault((span, soft), len(self.numbers))

    def _fits(self, query: tuple, i: int, same_page: bool = False) -> bool:
        """``_fits`` of a report and cluster ``i``, which depends on the report's ``query``
        (its dates, or its article window) and on nothing else of the report."""
        row = self.verdicts.get((query, same_page))
        if row is None:
            row = self.verdicts[query, same_page] = {}
        verdict = row.get(self.dates[i])
        if verdict is None:
            verdict = row[self.dates[i]] = _fits(*query, self.spans[i], self.softs[i],
                                                 same_page)
        return verdict

    def _pick_elsewhere(self, ev: Event, query: tuple, near: set[int]) -> int | None:
        """``_pick_cluster`` over the fitting clusters when none of the report's own pages
        fits (the clusters of its pages, ``near``, are then left out); None if none fits."""
        fits = self._fitting(query)
        first_two = []
        for i in fits:
            if i not in near:
                first_two.append(i)
                if len(first_two) == 2:
                    break
        if not first_two:
            return None
        if len(first_two) > 1 and not query[0]:
            day = max((self.dated.get(a, "") for a in ev.articles), default="")
            if day:
                for _, minus_i in reversed(self._begun(query, day)):
                    if -minus_i not in near:
                        return -minus_i
        return first_two[0]

    def _fitting(self, query: tuple) -> list[int]:
        """The clusters whose dates fit a report's ``query`` (its dates or its article's
        window) off its pages: ``_fits`` depends on nothing else of the report."""
        fits = self.fitting.get(query)
        if fits is None:
            fits = self.fitting[query] = []
        tested, dates = self.tested.get(query, 0), self.dates
        if tested == len(dates):
            return fits
        row = self.verdicts.get((query, False))
        if row is None:
            row = self.verdicts[query, False] = {}
        for i, number in enumerate(dates[tested:], tested):
            verdict = row.get(number)
            if verdict is None:
                verdict = row[number] = _fits(*query, self.spans[i], self.softs[i])
            if verdict:
                fits.append(i)
        self.tested[query] = len(dates)
        return fits

    def _begun(self, query: tuple, day: str) -> list[tuple[str, int]]:
        """Of the clusters fitting ``query`` (already brought up to date), those beginning
        by ``day``, as ascending (month-day of their start, -index)."""
        fits = self.fitting[query]
        begun = self.begun.setdefault((query, day), [])
        for i in fits[self.begun_tested.get((query, day), 0):]:
            if _starts_by(self.spans[i], day):
                bisect.insort(begun, (self.spans[i][0][-5:], -i))
        self.begun_tested[(query, day)] = len(fits)
        return begun


def _merge_events(events: list[Event], page_of: dict[str, str] | None = None,
                  pages: dict[str, str] | None = None,
                  dated: dict[str, str] | None = None) -> list[Event]:
    pages = pages or {}
    dated = dated or {}
    groups: dict[tuple, list[Event]] = defaultdict(list)
    for ev in events:
        page = page_of.get(ev.articles[0], "") if page_of and ev.articles else ""
        groups[_group_key(ev, page)].append(ev)
    # (full key, articles, number, start, end, reports) of each cluster, to be sorted
    merged: list[tuple[str, tuple[str, ...], int, str, str, list[Event]]] = []
    verdicts: dict[tuple, dict[int, bool]] = {}
    windows: dict[tuple, tuple[str, str] | None] = {}
    numbers: dict[tuple, int] = {}
    for gkey in sorted(groups):
        clusters = _Clusters(pages, dated, verdicts, windows, numbers)
        for ev in sorted(groups[gkey], key=_order):
            clusters.add(ev)
        for reports in clusters.members:
            start, end = _merged_dates(reports, dated)
            if len(reports) == 1 and len(reports[0].articles) == 1:
                articles = reports[0].articles  # most clusters: one report of one article
            else:
                articles = tuple(sorted({a for e in reports for a in e.articles}))
            key = _key(reports[0], start, end)
            if page_of and articles:
                key = f"{key}@{page_of.get(articles[0], '')}"
            # the cluster's number breaks ties as the order of the clusters would
            merged.append((key, articles, len(merged), start, end, reports))
    keyed: list[Event] = []
    used: Counter = Counter()
    for key, articles, _, start, end, reports in sorted(merged):
        used[key] += 1
        if used[key] > 1:
            key = f"{key}#{used[key]}"
        keyed.append(_merge(reports, start, end, articles, key))
    return keyed


# --- article dates -------------------------------------------------------------------------


def _nearest_year(month_day: str, refs: list[str], within: int | None = None) -> str:
    """``--MM-DD`` with the year (of the years around the reference dates) that puts it
    nearest one of ``refs`` (full dates); unchanged without references, or when no year puts
    it ``within`` days of one.

    >>> _nearest_year("--12-30", ["2024-01-02"]), _nearest_year("--02-05", [])
    ('2023-12-30', '--02-05')
    >>> _nearest_year("--03-02", ["2026-02-03"], within=10)
    '--03-02'
    """
    best: tuple[int, str] | None = None
    for ref in refs:
        r = date.fromisoformat(ref)
        for year in (r.year - 1, r.year, r.year + 1):
            try:
                d = date.fromisoformat(f"{year:04d}{month_day[1:]}")
            except ValueError:
                continue
            gap = abs((d - r).days)
            if best is None or gap < best[0]:
                best = (gap, d.isoformat())
    if best is None or (within is not None and best[0] > within):
        return month_day
    return best[1]


_PAGE_DAYS = 10  # a story's month-day this near a date of its page is of that date's year


def _effective_dates(articles: list[Article]) -> dict[str, str]:
    """Article id → its date, with a year taken from the page when the article has none.

    A page's header date often stands apart from the story it heads, so a story dated
    ``--12-12`` on a page dated 2023-12-12 elsewhere is 2023-12-12: the year that puts it
    within ``_PAGE_DAYS`` days of one of the page's full dates. A teaser further from them
    (a page of stories of several years) keeps no year; an article with no date keeps none."""
    full: dict[str, list[str]] = defaultdict(list)
    for a in articles:
        if _has_year(a.date):
            full[a.source_file].append(a.date)
    # (month-day, the page's full dates) -> its date: the same few recur on many pages
    placed: dict[tuple[str, tuple[str, ...]], str] = {}
    out = {}
    for a in articles:
        d = a.date
        if d.startswith("--") and full.get(a.source_file):
            key = (d, tuple(full[a.source_file]))
            if key not in placed:
                placed[key] = _nearest_year(d, full[a.source_file], within=_PAGE_DAYS)
            d = placed[key]
        out[a.id] = d
    return out


def _date_event(ev: Event, dated: dict[str, str]) -> Event:
    """An event's ``--MM-DD`` dates with the year of its article's (effective) date."""
    if not ev.start.startswith("--") and not ev.end.startswith("--"):
        return ev
    own = dated.get(ev.articles[0], "") if ev.articles else ""
    if not _has_year(own):
        return ev
    start, end = ev.start, ev.end
    if start.startswith("--"):
        start = _year_near(start, own)
    if end.startswith("--"):
        if _has_year(start):
            year = int(start[:4]) + (1 if end[2:] < start[5:] else 0)
            end = f"{year:04d}{end[1:]}"
            try:
                date.fromisoformat(end)
            except ValueError:
                end = ev.end
        else:
            end = _year_near(end, own)
    return replace(ev, start=start, end=end)


@cache  # pure, and the reports of a day give the same few dates
def _year_near(month_day: str, day: str) -> str:
    """``_nearest_year`` of ``month_day`` to the one full date ``day``."""
    return _nearest_year(month_day, [day])


# --- the stage -----------------------------------------------------------------------------


def resolve(extractions: Iterable[Extraction], lexicon: Lexicon | None = None, *,
            across_pages: bool = True) -> Resolved:
    """One entity per real person, country, organization and place, and one event per real
    event, over every extraction; deterministic whatever the order of ``extractions``.

    ``across_pages=False`` merges the reports of an event only within one source file (one
    node per event and page), for scorers that read every person of a merged event as named
    by every page that reports it.

    >>> from kg.model import Article, Extraction
    >>> a = Article(id="a1", source_file="x.txt", index=0, title="", text="", start=0, end=0)
    >>> resolve([Extraction(a)]).articles[0].id
    'a1'
    """
    by_id: dict[str, Extraction] = {}
    for ex in extractions:
        by_id.setdefault(ex.article.id, ex)
    exs = sorted(by_id.values(),
                 key=lambda x: (x.article.source_file, x.article.index, x.article.id))
    articles: list[Article] = [ex.article for ex in exs]
    dated = _effective_dates(articles)
    # each article's person mentions, read by several passes below (a fifth of the mentions)
    people = [[m for m in ex.mentions if m.kind == PERSON] for ex in exs]
    pmap = _person_map(exs, people)
    events: list[Event] = []
    parties: dict[tuple[str, ...], tuple[str, ...]] = {}
    for ex in exs:
        for ev in ex.events:
            mapped = _map_event(ev, pmap, parties)
            if mapped is not None:
                events.append(_date_event(mapped, dated))
    page_of = None if across_pages else {a.id: a.source_file for a in articles}
    merged = _merge_events(events, page_of, {a.id: a.source_file for a in articles}, dated)
    persons = _persons(exs, people, pmap, dated)
    person_keys = {e.key for e in persons}
    others = _others(exs, merged, persons, lexicon)
    entities = sorted(persons + others, key=lambda e: (e.kind, e.key))
    mentions: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for ex, named_persons in zip(exs, people, strict=True):
        # the distinct keys first: an article names the same few things again and again
        named = mentions[ex.article.id]
        named.update((PERSON, pmap.get(k, k)) for k in {m.key for m in named_persons})
        named.update({(m.kind, m.key) for m in ex.mentions
                      if m.kind in _NAMED_KINDS and m.kind != PERSON})
    # The parties each article's own reports name (a coreference such as 两国防长 names
    # persons too); not those another page gives a merged event (its inviter).
    for ev in events:
        named = [(PERSON, p) for p in (*ev.participants, ev.visitor, ev.inviter)
                 if p and p in person_keys]
        if ev.destination:
            named.append((COUNTRY, ev.destination))
        for aid in ev.articles:
            mentions[aid].update(named)
    return Resolved(
        articles=tuple(articles),
        entities=tuple(entities),
        events=tuple(merged),
        mentions={aid: tuple(sorted(mentions.get(aid, ()))) for aid in sorted(dated)},
    )
