"""Events: the meetings, visits and calls one article reports, read from its mentions.

``find_events(article, mentions, lexicon)`` reads each sentence of the article's
(simplified) text for trigger words (``ontology/lexicon/triggers.tsv``) and ties each
trigger to the persons, countries and places that ``kg.mentions`` found around it:

- Meetings (GUIDELINE.md): ``A 会见 B、C`` gives A–B and A–C; ``A 同 B 举行会谈``,
  ``A 与 B 共同主持`` give A–B; ``A 向 B 赠送``; ``举行宴会,欢迎 B``; ``两国防长举行了会谈``
  and ``双方`` are resolved to persons already named (``coreference.tsv``); ``共进午餐``,
  ``A 接待 B``; ``对话`` only when held (``举行…战略对话``; ``A和B在X与C、D举行“2+2”对话``
  is one group), not ``加强对话``. A meeting only announced (``将会见``, ``按计划``) is
  dropped; one by phone or video is a call.
- Visits: ``对 X 进行正式访问``, ``访问 X``, ``访华``, ``在 X 出席 … 期间``,
  ``赴 X 参加``. The visitor is the delegation head (``由 P 率领的``, ``以 P 为团长``),
  the person the clause is about, or the person a relative clause names
  (``对越南进行正式访问的 P``); the inviter is the first person of ``应 … 邀请``; dates
  come from the nearest date before the trigger (a range gives start and end, a single
  date before ``结束`` the end); a city gives its country (not a one-character country
  right after it: ``访问河内韩越友好医院``; two in one word name a thing: ``到访泰华商会``).
  A visit to the visitor's own country, or an
  envoy's trip inside the country he is posted to, is dropped. Announced visits
  (``将于 … 访问``) are kept with ``planned=True``.
- Calls: ``通电话``, ``视频会谈``, ``致电`` ...: participants as for meetings.
- Subjects: the first person of the clause before any meeting word, with the persons joined to
  it by 、/和/及/与 and titles (``西哈莫尼国王和莫尼列太后会见了习近平``,
  ``李强、赵乐际分别会见了普拉博沃``, ``习近平和夫人彭丽媛为 B 举行欢迎宴会``); ``获 B 接见`` is
  B meeting the subject. A directed word with no one after it (``A、B 分别会见。``) meets
  the visitor of the last visit told before. ``他/她`` stand for a person: the last person
  before who opens a clause and is not the subject of the pronoun's own clause
  (``他在主席府会见阮富仲``, ``习近平主席会见了他``); a second pronoun of a sentence names the
  first one's referent. Right after 同/与, 他/她/其 is the last person before other than a
  subject named before the marker (``A 总理同他举行会谈``, ``A 同其举行对话``), with no
  subject there the last person (``A 会见 B 并与其会谈``). A title with an honorific and no name
  (``元首陛下``) is the person of the article holding that title. Persons who ``参加了扩大会谈``
  join the parties of the meeting before.
- Modality: a clause with no subject of its own takes the modality of the clause before
  (``将前往美国，与美国总统拜登会面`` is planned), but not a marker in a modifier of a name
  (``与即将卸任的 X 国总统 B 举行了会晤``); ``A与B签署条约的日期已确定`` is scheduled only;
  ``期待早日…见面`` is a wish, no meeting;
  a wreath at a mausoleum (``向胡志明主席陵献花``) meets nobody.
- Trips: ``前往 X``; ``此访`` with no place names the article's last visit; of several
  inviters, the one of the destination's country; a visitor is never a person met in his
  clause (``与拜登会面，之后赴秘鲁``). A party of another country met in person in a city of
  the host's country made a trip there (``王毅在北京同达尔、穆塔基举行会晤``), unless the
  article tells that trip itself; with no city known there, a country right after 在
  (``在巴西…出席峰会期间会见 B``) is where they met. ``出席APEC会议的 P`` names the visitor
  P; a meeting attended with no place named is where the article placed the same meeting before.
- Passive: ``A 受到 B 的会见``, ``A 在机场受到 B 的热情迎接``, ``获 B 接见``: B met A.
- Countries: a person's country is the one his mentions give most often; on a tie, the one
  printed right before his name (``中国国家主席 A``).
- Dates: the article's dates are read once, as a whole, against the article's date
  (``kg.dates.find_dates`` with ``anchor``): ``今天``, ``昨天``, ``当天``, ``同日``, ``周四``.

Persons accompanying a visit (``陪同 … 的有 A、B``, ``A 陪同 B 会见 C``) or sitting in
(``出席会见的有``) are neither visitors nor meeting parties; persons welcoming or seeing a
visitor off (``在机场迎接``, ``参加欢送仪式的有 A、B``) meet the article's visitor. Wishes and
invitations (``期待早日访问``, ``邀请 P 访问``), habits (``保持高层会晤``) and attending by
video are no events. A date without a year takes the year that puts it nearest the
article's date. Every word the rules use is in ``triggers.tsv``, ``event_markers.tsv``,
``coreference.tsv`` and ``country_abbrev.tsv``.

>>> from kg.model import Article, Mention, PERSON
>>> text = "越南国会主席王廷惠会见柬埔寨首相洪玛奈。"
>>> art = Article(id="a", source_file="x.txt", index=0, title="", text=text, start=0,
...               end=len(text), date="2023-12-11")
>>> def person(name, iso):
...     i = text.index(name)
...     return Mention("a", i, i + len(name), name, PERSON, name, country=iso)
>>> ms = [person("王廷惠", "VN"), person("洪玛奈", "KH")]
>>> [(e.kind, e.participants) for e in find_events(art, ms)]
[('meeting', ('洪玛奈', '王廷惠'))]
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import accumulate
from operator import attrgetter, itemgetter

from .dates import find_dates
from .lexicon import Lexicon, LexiconError
from .model import (
    CALL,
    COUNTRY,
    MEETING,
    ORGANIZATION,
    PERSON,
    PLACE,
    TITLE,
    VISIT,
    Article,
    Event,
    Evidence,
    Mention,
)
from .nlp import normalize_dots, sentences, to_simplified

__all__ = ["find_events"]

_CLAUSE_END = "，,；;：:。！？!?\n"
_LIST_JOIN = "、和及与,， "
_CLAUSE_END_RE = re.compile("[" + re.escape(_CLAUSE_END) + "]")
# Character classes the rules test short gaps of text against, compiled once (re.search with a
# pattern string looks the pattern up in re's cache at every call).
_BREAK_RE = re.compile("[，,；;。]")  # a clause break
_MARK_RE = re.compile("[，,；;。：:]")  # a clause break or a colon
_JOIN_RE = re.compile("[、和及与]")  # what joins the names of a list
_AND_RE = re.compile("[、和及]")
_BRACKETS_RE = re.compile("[（(][^）)]*[）)]")  # a bracketed aside
_BARE_END_RE = re.compile(rf"了?\s*(?:[{_CLAUSE_END}]|$)")  # a word with no one after it

# --- rules read from the data files --------------------------------------------------------


@dataclass(frozen=True)
class _Trigger:
    word: str
    event: str
    mode: str
    kind: str


class _Words(tuple):
    """A word list of the rules (a tuple of words) with its compiled alternation, made once
    when the rules are read: ``words.search(text, start, end)`` finds the next place any of
    them starts in one regex search (a search per word would cost one pass each), and
    ``words.longest`` is its longest word's length."""

    pattern: re.Pattern[str]
    search: Callable[..., re.Match[str] | None]  # pattern.search
    longest: int

    def __new__(cls, words: Iterable[str] = ()) -> _Words:
        self = super().__new__(cls, words)
        self.pattern = _alternation(self)
        self.search = self.pattern.search
        self.longest = max(map(len, self), default=0)
        return self


class _Markers(dict):
    """Role → its marker words (``_Words``); a role the data file lacks has none."""

    def __missing__(self, role: str) -> _Words:
        return _NO_WORDS


@dataclass
class _Rules:
    triggers: dict[str, _Trigger]
    trigger_re: re.Pattern[str]
    markers: _Markers
    abbrev: dict[str, str]
    coref: dict[str, tuple[str, ...]]
    coref_re: re.Pattern[str]
    country_names: dict[str, str]
    place_country: dict[str, str]
    country_re: re.Pattern[str]
    names_of: dict[str, tuple[str, ...]]  # ISO → country names and abbreviations
    verbish: re.Pattern[str]  # words that end a bare list of names
    name_tail: re.Pattern[str]  # what may follow the last name of a list
    envoy: re.Pattern[str]  # 驻 X 大使
    span_openers: _Words  # the words that open an invitation or a list of non-parties
    # words(role): the marker words of a role. (The dict's own lookup, in C, rather than a
    # method: the rules ask for a word list some 180,000 times per 1,000 pages.)
    words: Callable[[str], _Words] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.words = self.markers.__getitem__


def _alternation(words: Sequence[str]) -> re.Pattern[str]:
    """Any of ``words``, the longest first where several match at one place.

    The words are grouped by their first character (会(?:见|谈)|访(?:问|华)): the regex engine
    then tries one group at each place instead of every word; the order of the words within
    a group, and so what matches, is the same as for a plain alternation."""
    ordered = sorted(set(words), key=lambda w: (-len(w), w))
    groups: dict[str, list[str]] = defaultdict(list)  # first character → the rests, in order
    for w in ordered:
        groups[w[:1]].append(re.escape(w[1:]))
    parts = [re.escape(first) + (f"(?:{'|'.join(rests)})" if rests != [""] else "")
             for first, rests in groups.items()]
    return re.compile("|".join(parts) or r"(?!x)x")


_NO_WORDS = _Words()


def _optional_table(lexicon: Lexicon, name: str) -> list[dict[str, str]]:
    try:
        return lexicon.table(name)
    except LexiconError:
        return []


_RULES: dict[str, _Rules] = {}


def _build_rules(lexicon: Lexicon) -> _Rules:
    triggers = {r["word"]: _Trigger(r["word"], r["event"], r["mode"], r.get("kind", ""))
                for r in lexicon.table("triggers")}
    markers: dict[str, list[str]] = defaultdict(list)
    for r in lexicon.table("event_markers"):
        markers[r["role"]].append(r["word"])
    abbrev = {r["abbrev"]: r["iso"] for r in lexicon.table("country_abbrev")}
    coref = {r["word"]: tuple(t for t in r.get("titles", "").split("|") if t)
             for r in lexicon.table("coreference")}
    country_names: dict[str, str] = {}
    for r in _optional_table(lexicon, "countries"):
        iso = r.get("iso", "")
        for name in [r.get("zh", ""), r.get("zh_hant", ""), *r.get("names", "").split("|")]:
            if name and iso:
                country_names.setdefault(name, iso)
    place_country: dict[str, str] = {}
    for r in _optional_table(lexicon, "places"):
        for name in [r.get("name", ""), *r.get("aliases", "").split("|")]:
            if name and r.get("country"):
                place_country.setdefault(name, r["country"])
    return _Rules(
        triggers=triggers,
        trigger_re=_alternation(list(triggers)),
        markers=_Markers({k: _Words(v) for k, v in markers.items()}),
        abbrev=abbrev,
        coref=coref,
        coref_re=_alternation(list(coref)),
        country_names=country_names,
        place_country=place_country,
        country_re=_alternation([n for n in country_names if len(n) >= 2]),
        names_of={iso: tuple(sorted({n for n, c in country_names.items() if c == iso}
                                    | {a for a, c in abbrev.items() if c == iso}))
                  for iso in set(country_names.values()) | set(abbrev.values())},
        verbish=_alternation(markers["verbish"]),
        name_tail=re.compile(r"^(?:\s*[（(][^）)]{0,80}[）)])?\s*(?:"
                             + _alternation(markers["name_tail"]).pattern + r")?\s*$"),
        envoy=re.compile(r"驻(?P<where>[^，,；;。、的]{1,12}?)(?:"
                         + _alternation(markers["envoy"]).pattern + ")"),
        span_openers=_Words([*markers["invite_open"], *markers["accompany"],
                             *markers["attendees"]]),
    )


def _rules(lexicon: Lexicon | None) -> _Rules:
    """The compiled rules of a lexicon folder, built once per process."""
    if lexicon is None:
        if "" not in _RULES:
            _RULES[""] = _rules(Lexicon.load())
        return _RULES[""]
    key = str(lexicon.folder)
    if key not in _RULES:
        _RULES[key] = _build_rules(lexicon)
    return _RULES[key]


# --- text helpers --------------------------------------------------------------------------


def _covered(text: str, pos: int, words: _Words) -> bool:
    """Whether the character at ``pos`` lies inside one of ``words`` as printed around it."""
    if not words:
        return False
    search, longest = words.search, words.longest
    end = pos + longest  # (a word starting at or before pos ends by then)
    m = search(text, max(0, pos - longest + 1), end)
    while m and m.start() <= pos:
        if m.end() > pos:  # (the longest word at that start: the alternation tries it first)
            return True
        m = search(text, m.start() + 1, end)
    return False


def _find_marker(text: str, start: int, end: int, words: _Words,
                 exclude: _Words | tuple[()], last: bool = True) -> int:
    """Position of the last (or first) marker word in ``text[start:end]`` not inside an
    excluded word; -1 if none. (Whether there is one at all, with nothing excluded, is
    ``words.search(text, start, end)``: one search.)"""
    if start >= end or not words:  # (nothing to find: skip the lookups)
        return -1
    found = -1
    search = words.search
    m = search(text, start, end)
    while m:  # every position a word starts at, left to right (words may overlap)
        i = m.start()
        if not exclude or not _covered(text, i, exclude):
            if not last:
                return i
            found = i
        m = search(text, i + 1, end)
    return found


_YEAR_MONTH = re.compile(r"^(\d{4})-(\d{2})-\d{2}$")
_MONTH = re.compile(r"^--(\d{2})-\d{2}$")


@lru_cache(maxsize=1024)  # (an article's date: the articles of a page share one)
def _date_parts(date: str) -> tuple[int | None, int | None]:
    m = _YEAR_MONTH.match(date or "")
    if m:
        return int(m.group(1)), int(m.group(2))
    m = _MONTH.match(date or "")
    if m:
        return None, int(m.group(1))
    return None, None


# --- the article's context -----------------------------------------------------------------


@dataclass(slots=True)
class _Span:
    start: int
    end: int
    key: str
    kind: str
    country: str = ""


@dataclass
class _Context:
    article: Article
    text: str
    rules: _Rules
    persons: list[_Span]
    places: list[_Span]  # countries and places, each with its ISO country
    person_country: dict[str, str]
    person_titles: dict[str, set[str]]
    year: int | None
    month: int | None
    mentions: Sequence[Mention] = ()
    name_starts_: set[int] | None = None  # name_starts(), when first needed
    dates: list[tuple[int, int, str, str]] | None = None  # the article's dates, when first needed
    events: list[tuple[int, Event]] = field(default_factory=list)  # (trigger position, event)

    date_starts: list[int] = field(default_factory=list)
    dates_until: int = 0  # no date after the last sentence holding a trigger is ever read
    inferred: set[int] = field(default_factory=set)  # ids of visits read from a meeting abroad
    objects: dict[int, bool] = field(default_factory=dict)  # _is_object, by person start
    attended: list[tuple[str, _Span]] = field(default_factory=list)  # meetings placed so far
    posted: dict[tuple[str, str], bool] = field(default_factory=dict)  # _posted_to, cached
    envoy_posts: dict[str, list[str]] = field(default_factory=dict)  # for _posted_to
    person_starts: list[int] = field(default_factory=list)  # sorted, for bisect
    place_starts: list[int] = field(default_factory=list)
    # the furthest end of the persons (places) up to each one: when it is within a range,
    # every span starting in the range ends in it, and persons_in is a plain slice
    person_reach: list[int] = field(default_factory=list)
    place_reach: list[int] = field(default_factory=list)

    def name_starts(self) -> set[int]:
        """Where a name other than a person's begins."""
        if self.name_starts_ is None:
            self.name_starts_ = ({m.start for m in self.mentions if m.kind != PERSON}
                                 | {p.start for p in self.places})
        return self.name_starts_

    def persons_in(self, start: int, end: int) -> list[_Span]:
        lo, hi = bisect_left(self.person_starts, start), bisect_left(self.person_starts, end)
        if lo == hi or self.person_reach[hi - 1] <= end:
            return self.persons[lo:hi]
        return [p for p in self.persons[lo:hi] if p.end <= end]

    def places_in(self, start: int, end: int) -> list[_Span]:
        lo, hi = bisect_left(self.place_starts, start), bisect_left(self.place_starts, end)
        if lo == hi or self.place_reach[hi - 1] <= end:
            return self.places[lo:hi]
        return [p for p in self.places[lo:hi] if p.end <= end]

    def place_at(self, pos: int, slack: int = 1) -> _Span | None:
        i = bisect_left(self.place_starts, pos)
        if i < len(self.places) and self.places[i].start <= pos + slack:
            return self.places[i]
        return None


_START_END = attrgetter("start", "end")
_END = attrgetter("end")
_KIND = attrgetter("kind")
_COUNT = itemgetter(1)  # (max by it is Counter.most_common(1): the first of the most common)


class _Named:
    """Which characters of the text a mention covers (``pos in named``), by bisection over
    the mentions sorted by start."""

    def __init__(self, ordered: Sequence[Mention]) -> None:
        self.ordered = ordered
        self.starts: list[int] = []
        self.reach: list[int] = []  # furthest end of the mentions up to each one

    def __contains__(self, pos: int) -> bool:
        if not self.starts and self.ordered:  # (built when first asked)
            self.starts = [m.start for m in self.ordered]
            self.reach = list(accumulate((m.end for m in self.ordered), max))
        k = bisect_right(self.starts, pos)  # the mentions opening at or before pos
        return k > 0 and self.reach[k - 1] > pos


# What between a country and a name keeps the country from owning the name.
_NOT_OWNER = re.compile(r"[，,；;。：:、的和与同〕】]|报道|報導")


def _context(article: Article, text: str, mentions: Sequence[Mention],
             rules: _Rules, spans: list[tuple[int, int]] | None = None) -> _Context:
    persons: list[_Span] = []
    places: list[_Span] = []
    countries: dict[str, dict[str, int]] = defaultdict(dict)  # person → country → mentions
    titles: dict[str, set[str]] = defaultdict(set)
    title_mentions: list[Mention] = []
    ordered = sorted(mentions, key=_START_END)
    for m in ordered:  # (countries are the most common kind: tested first)
        kind = m.kind
        if kind == COUNTRY:
            places.append(_Span(m.start, m.end, m.key, COUNTRY, m.key))
        elif kind == PERSON:
            persons.append(_Span(m.start, m.end, m.key, PERSON, m.country))
            if m.country:
                c = countries[m.key]
                c[m.country] = c.get(m.country, 0) + 1
            if m.titles:  # (person_titles is only read with .get)
                titles[m.key].update(m.titles)
        elif kind == TITLE:
            title_mentions.append(m)
        elif kind == PLACE:
            iso = m.country or rules.place_country.get(m.key, "") or rules.place_country.get(
                m.text, "")
            if iso:
                places.append(_Span(m.start, m.end, m.key, PLACE, iso))
    # Drop persons nested in another person's span (a short form inside a full name).
    kept: list[_Span] = []
    for p in sorted(persons, key=lambda p: (p.start, -(p.end - p.start))):
        if kept and kept[-1].start <= p.start and p.end <= kept[-1].end and (
                kept[-1].end - kept[-1].start) > (p.end - p.start):
            continue
        kept.append(p)
    # A name that is part of a place's name (何塞·马蒂国际机场) is no party.
    place_tails = rules.words("named_place")
    persons = [p for p in kept if not text.startswith(place_tails, p.end)]
    named = _Named(ordered)
    if spans is None:
        spans = list(sentences(text))
    # (kept, and so persons, is in (start, end) order already: a person sharing its start
    # with a longer one is nested in it and was dropped)
    more = (_pronoun_persons(text, persons, rules, named, spans)
            + _honorific_persons(text, title_mentions, persons, titles, rules, named))
    if more:
        persons = sorted(persons + more, key=_START_END)
    # Fall back on the countries lexicon for country names the mentions stage did not give.
    if rules.country_names and not any(p.kind == COUNTRY for p in places):
        taken = [(p.start, p.end) for p in places] + [(p.start, p.end) for p in persons]
        for m in rules.country_re.finditer(text):
            if all(m.end() <= s or m.start() >= e for s, e in taken):
                places.append(_Span(m.start(), m.end(), rules.country_names[m.group()], COUNTRY,
                                    rules.country_names[m.group()]))
        places.sort(key=_START_END)
    # A person the mentions stage gave no country: the country or organization (with its
    # country) that opens the title chain printed before the name (马来西亚首相安华).
    owners: list[tuple[int, int, str]] | None = None  # listed when first needed
    owner_starts: list[int] = []

    def owners_before(p: _Span) -> list[tuple[int, int, str]]:
        """The owners opening before the person, nearest first (one opening at or after
        it cannot end before it)."""
        nonlocal owners, owner_starts
        if owners is None:
            owners = sorted([(m.start, m.end, m.country if m.kind == ORGANIZATION else m.key)
                             for m in mentions if (m.kind == COUNTRY or (m.kind == ORGANIZATION
                                                                         and m.country))])
            owner_starts = [o[0] for o in owners]
        k = bisect_left(owner_starts, p.start)
        return owners[k - 1::-1] if k else []

    tied = set()  # persons whose mentions give two countries equally often
    for key, c in countries.items():
        if len(c) > 1:
            top = sorted(c.values(), reverse=True)
            if top[0] == top[1]:
                tied.add(key)
    printed: dict[str, Counter] = defaultdict(Counter)  # countries printed before a name
    for p in persons:
        if p.key not in tied:
            continue  # (only read to break a tie)
        for _s, e, iso in owners_before(p):
            if e <= p.start and p.start - e <= 20 and iso and not _NOT_OWNER.search(
                    text[e:p.start].replace("共和国", "")):
                printed[p.key][iso] += 1
                break
            if e <= p.start - 20:
                break
    for key, c in countries.items():  # a tie (one mention of each): the printed country wins
        if key in tied:
            top = Counter(c).most_common()
            best = [iso for iso, n in top if n == top[0][1]]
            won = [iso for iso, _ in printed[key].most_common() if iso in best]
            if won:
                c[won[0]] += 1
    for p in persons:
        if p.key in countries:
            continue
        for _s, e, iso in owners_before(p):
            # (〔记者…／史瓦济兰报道〕总统蔡英文: a dateline's place owns no one)
            if e <= p.start and p.start - e <= 20 and iso and not _NOT_OWNER.search(
                    text[e:p.start].replace("共和国", "")):
                countries[p.key] = {iso: 1}
                break
            if e <= p.start - 20:
                break
    year, month = _date_parts(article.date)
    # (places is in (start, end) order: read from the sorted mentions, sorted after the fallback)
    return _Context(
        article=article, text=text, rules=rules, persons=persons, places=places,
        person_country={k: max(c.items(), key=_COUNT)[0] for k, c in countries.items()},
        person_titles=titles, year=year, month=month, mentions=mentions,
        person_starts=[p.start for p in persons], place_starts=[p.start for p in places],
        person_reach=list(accumulate(map(_END, persons), max)),
        place_reach=list(accumulate(map(_END, places), max)),
    )


_PRONOUNS = ("他", "她")
_PRONOUN_AFTER = "同与和跟"  # 其 is a pronoun only as the partner of 同/与 (同其举行会谈)
_PRONOUN_CHARS = re.compile("[他她其]")


def _positions(text: str, char: str) -> list[int]:
    """Every position of ``char`` in ``text`` (str.find: several times faster than a regex
    scan of the text for a rare character)."""
    out = []
    i = text.find(char)
    while i != -1:
        out.append(i)
        i = text.find(char, i + 1)
    return out


def _partner_ref(text: str, persons: list[_Span], starts: list[int], i: int) -> _Span | None:
    """The person a pronoun right after 同/与 (同其, 与他) stands for: with a subject named
    right before the marker (A 总理同他举行了会谈), the last other person before it; with
    none (A 会见 B 总统并与其举行会谈), the last person before. None when not after 同/与."""
    if i == 0 or text[i - 1] not in _PRONOUN_AFTER:
        return None
    k = bisect_left(starts, i) - 1
    if k < 0 or persons[k].end > i - 1 or persons[k].end < i - 300:
        return None
    near = persons[k]
    gap = text[near.end:i - 1]
    if len(gap) <= 40 and not re.search(r"[，,；;。：:并后]", gap):
        for p in reversed(persons[:k]):
            if p.end < i - 300:
                return None
            if p.key != near.key and text[p.end:p.end + 1] != "的":
                return p
        return None
    return near


def _pronoun_persons(text: str, persons: list[_Span], rules: _Rules, named: _Named,
                     spans: list[tuple[int, int]]) -> list[_Span]:
    """他/她 as the person it stands for, so every rule reads it as a name: 他在主席府会见
    阮富仲 (the subject of the sentence before), 习近平主席会见了他 (the person the clause is
    about, not its own subject), 王毅外长同他举行了会谈 (the same person as the sentence's
    earlier 他).

    The referent is the last person before the pronoun (within 300 characters) who opens a
    clause and is not the subject of the pronoun's own clause; a second pronoun of a sentence
    names the first one's referent. ``named`` tells the characters inside a mention."""
    if not persons:
        return []
    # Where such a character is; a 其 not right after 同/与 (其他, 其中, 尤其) is none, and its
    # sentence is not read for it.
    at = [i for c in (*_PRONOUNS, "其") for i in _positions(text, c)
          if c != "其" or (i and text[i - 1] in _PRONOUN_AFTER)]
    if not at:
        return []
    out: list[_Span] = []
    not_pronoun = set(rules.words("not_pronoun"))
    starts = [p.start for p in persons]

    def opens_clause(p: _Span) -> bool:
        head = p.start
        while head > 0 and p.start - head < 60 and text[head - 1] not in _CLAUSE_END:
            head -= 1
        return bisect_left(starts, head) == bisect_left(starts, p.start)

    span_starts = [s for s, _ in spans]  # (only the sentences holding such a character)
    holding = sorted({bisect_right(span_starts, i) - 1 for i in at})
    for s, e in (spans[k] for k in holding if k >= 0):
        last: _Span | None = None
        for found in _PRONOUN_CHARS.finditer(text, s, e):  # (no other character is read)
            i = found.start()
            if text[i] == "其" and i > s and text[i - 1] in _PRONOUN_AFTER and i not in named:
                pass  # 同其举行会谈, 与其会面: 其 is the person met
            elif text[i] not in _PRONOUNS or i in named or any(
                    text[j:j + n] in not_pronoun for n in (2, 3) for j in range(i - n + 1, i + 1)):
                continue  # 他们, 其他; 马耳他, 赛塔·他威信
            cstart = i
            while cstart > s and text[cstart - 1] not in _CLAUSE_END:
                cstart -= 1
            k = bisect_left(starts, cstart)
            own = persons[k] if k < len(persons) and persons[k].end <= i else None
            if own is not None and re.match(r"(?:\s*[（(][^）)]{0,60}[）)])?的",
                                            text[own.end:own.end + 64]):
                own = None  # 朔尔茨（Olaf Scholz）的办公室宣布他: a possessor, no subject
            partner = _partner_ref(text, persons, starts, i)
            if last is not None and (own is None or own.key != last.key):
                ref: _Span | None = last
            elif partner is not None:
                ref = partner
            else:
                ref = None
                for p in reversed(persons[:bisect_left(starts, i)]):
                    if p.end < i - 300:
                        break
                    if p.end > i or text[p.end:p.end + 1] == "的" or (
                            own is not None and p.key == own.key):
                        continue
                    if opens_clause(p):
                        ref = p
                        break
            if ref is None:
                continue
            last = ref
            out.append(_Span(i, i + 1, ref.key, PERSON, ref.country))
    return out


def _surname_title(text: str, m: Mention, persons: list[_Span], titles: dict[str, set[str]],
                   named: _Named) -> _Span | None:
    """赖总统, 蔡总统, 习主席: one character right before a title, no name around it (``named``
    tells the characters inside a mention), is the one person of the article whose name
    starts with it and who is named with that title."""
    c = text[m.start - 1]
    if not ("\u4e00" <= c <= "\u9fff") or m.start - 1 in named:
        return None
    keys = {p.key for p in persons if p.key.startswith(c) and p.start != m.start - 1
            and any(m.key in t or t in m.key for t in titles.get(p.key, ()))}
    if len(keys) != 1:
        return None
    key = keys.pop()
    iso = next((p.country for p in persons if p.key == key and p.country), "")
    return _Span(m.start - 1, m.end, key, PERSON, iso)


def _honorific_persons(text: str, title_mentions: Sequence[Mention], persons: list[_Span],
                       titles: dict[str, set[str]], rules: _Rules,
                       named: _Named) -> list[_Span]:
    """A title with an honorific and no name (为元首陛下举行欢迎宴会, 会见了国王陛下) as the
    person of the article holding that title, or named with that honorific (the one named
    most often). ``title_mentions`` are the article's TITLE mentions."""
    if not title_mentions:
        return []
    honorifics = rules.words("honorific")
    starts = {p.start for p in persons}
    initials: set[str] | None = None  # the persons' first characters, when first needed
    out: list[_Span] = []
    for m in title_mentions:
        word = next((h for h in honorifics if text.startswith(h, m.end)), "") if (
            text.startswith(honorifics, m.end)) else ""
        if not word and m.start > 0 and m.end not in starts:
            if initials is None:
                initials = {p.key[:1] for p in persons}  # (a surname must be one of them)
            if text[m.start - 1] in initials:
                surnamed = _surname_title(text, m, persons, titles, named)
                if surnamed is not None:
                    out.append(surnamed)
            continue
        if not word or m.end in starts:
            continue
        count: Counter = Counter()
        for p in persons:
            if any(m.key in t or t in m.key for t in titles.get(p.key, ())) or text.startswith(
                    word, p.end):
                count[p.key] += 1
        if count:
            key = sorted(count.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
            iso = next((p.country for p in persons if p.key == key and p.country), "")
            out.append(_Span(m.start, m.end + len(word), key, PERSON, iso))
    return out


# --- spans inside a sentence ---------------------------------------------------------------


@dataclass
class _Sentence:
    start: int
    end: int
    invites: list[tuple[int, int]]  # 应 … 邀请 spans
    excluded: list[tuple[int, int]]  # accompanying-person lists
    clause_starts: list[int]
    dates: list[tuple[int, int, str, str]] | None = None  # read when first needed
    meeting_ends: list[int] = field(default_factory=list)  # meeting words read so far
    meeting_starts: list[int] = field(default_factory=list)  # every meeting word's start
    visitor: _Span | None = None  # the visitor of the sentence's last visit so far
    evidence: Evidence | None = None  # made for its first event

    def clause_start(self, pos: int) -> int:
        k = bisect_right(self.clause_starts, pos)  # (clause_starts is sorted)
        return self.clause_starts[k - 1] if k else self.start

    def clause_end(self, pos: int) -> int:
        k = bisect_right(self.clause_starts, pos)
        return self.clause_starts[k] - 1 if k < len(self.clause_starts) else self.end

    def in_invite(self, p: _Span) -> bool:
        return any(s <= p.start and p.end <= e for s, e in self.invites)

    def in_excluded(self, p: _Span) -> bool:
        return any(s <= p.start and p.end <= e for s, e in self.excluded)


def _sentence(ctx: _Context, start: int, end: int) -> _Sentence:
    text, rules = ctx.text, ctx.rules
    clause_starts = [m.end() for m in _CLAUSE_END_RE.finditer(text, start, end)]
    if not rules.span_openers.search(text, start, end):  # (most sentences, told by one search)
        return _Sentence(start, end, [], [], clause_starts)
    invites = []
    not_invite = rules.words("not_invite")
    title_invite = rules.words("invite_title")
    openers = rules.words("invite_open")
    for opener in openers if openers.search(text, start, end) else ():
        i = text.find(opener, start, end)
        while i != -1:
            if not _covered(text, i, not_invite) or _covered(text, i, title_invite):
                close = _find_marker(text, i + 1, min(end, i + 90), rules.words("invite_close"),
                                     (), last=False)
                if close != -1 and not re.search(r"[。；;!！?？]", text[i:close]):
                    invites.append((i, close))
            i = text.find(opener, i + 1, end)
    excluded = []
    acc = _find_marker(text, start, end, rules.words("accompany"), ())
    if acc != -1:
        intro = _find_marker(text, acc, end, rules.words("list_intro"), (), last=False)
        if intro != -1:
            excluded.append((intro, end))
    present = _find_marker(text, start, end, rules.words("attendees"), (), last=False)
    if present != -1:
        excluded.append((present, end))
    return _Sentence(start, end, invites, excluded, clause_starts)


def _eligible(sent: _Sentence, persons: list[_Span]) -> list[_Span]:
    """``persons`` (a new list from ``persons_in``, never changed by the callers) less those
    in an invitation or a list of companions."""
    if not sent.invites and not sent.excluded:  # (most sentences)
        return persons
    return [p for p in persons if not sent.in_invite(p) and not sent.in_excluded(p)]


def _list_after(ctx: _Context, sent: _Sentence, pos: int) -> list[_Span]:
    """The persons named from ``pos`` to the end of its clause, and on through following
    clauses that only continue the list (``会见了A、B,C``)."""
    text = ctx.text
    end = sent.clause_end(pos)
    found = [p for p in _eligible(sent, ctx.persons_in(pos, end + 1))
             if text[p.end:p.end + 1] != "的"]
    while end < sent.end and text[end:end + 1] in "，,":
        nxt = sent.clause_end(end + 1)
        seg = ctx.persons_in(end + 1, nxt + 1)
        if not seg:
            break
        rest = text[end + 1:nxt]
        bare = rest
        for p in reversed(seg):
            bare = bare[:p.start - end - 1] + "" + bare[p.end - end - 1:]
        tail = text[seg[-1].end:nxt]
        if len(bare) > 40 or ctx.rules.verbish.search(bare) or not ctx.rules.name_tail.match(tail):
            break
        found += _eligible(sent, seg)
        end = nxt
    return found


def _subject(ctx: _Context, sent: _Sentence, pos: int) -> list[str]:
    """Who the clause before ``pos`` is about: its first person before any meeting word of
    the clause, with the persons joined to it (A、B 分别会见, A 和夫人 B 为 … 举行欢迎宴会),
    else a coreference word (两国防长), else the sentence's first person before ``pos``."""
    cstart = sent.clause_start(pos)
    text = ctx.text
    starts = sent.meeting_starts  # (in text order: the first one from cstart on ends the head)
    k = bisect_left(starts, cstart)
    head_end = starts[k] if k < len(starts) and starts[k] < pos else pos
    people = [p for p in _eligible(sent, ctx.persons_in(cstart, head_end))
              if text[p.end:p.end + 1] != "的"]
    if people and all(_is_object(ctx, sent, p) for p in people):
        people = []  # 曾与 B 通话，并与 C 会面: B is no subject
    if people:
        first = _accompanied(ctx, people, pos)
        return _coordinated(ctx, people[people.index(first):], pos)
    coref = _coref_in(ctx, cstart, pos)
    if coref:
        return coref
    people = [p for p in _eligible(sent, ctx.persons_in(sent.start, pos))
              if text[p.end:p.end + 1] != "的"]
    people = [p for p in people if not _is_object(ctx, sent, p)] or people
    if people:
        return [people[0].key]
    return _coref_in(ctx, sent.start, pos)


def _coordinated(ctx: _Context, people: list[_Span], pos: int) -> list[str]:
    """The first of ``people`` and those joined to it by 、/和/及/与 with only titles between
    (西哈莫尼国王和莫尼列太后, 李强、赵乐际)."""
    out = [people[0].key]
    for prev, p in zip(people, people[1:], strict=False):
        if p.end > pos:
            break
        gap = _BRACKETS_RE.sub("", ctx.text[prev.end:p.start])
        if (len(gap) > 30 or not _JOIN_RE.search(gap) or _MARK_RE.search(gap)
                or ctx.rules.verbish.search(gap)
                or any(w in gap for w in ctx.rules.words("not_comitative"))):
            break
        out.append(p.key)
    return list(dict.fromkeys(out))


def _accompanied(ctx: _Context, people: list[_Span], pos: int) -> _Span:
    """The first of ``people``, unless it accompanies another (A 陪同 B 会见 C: B)."""
    first = people[0]
    acc = _find_marker(ctx.text, first.end, pos, ctx.rules.words("accompany"), (), last=False)
    if acc != -1:
        after = [p for p in people if p.start > acc]
        if after:
            return after[0]
    return first


def _coref_in(ctx: _Context, start: int, end: int) -> list[str]:
    found = list(ctx.rules.coref_re.finditer(ctx.text, start, end))
    if not found:
        return []
    return _resolve_coref(ctx, found[-1].group(), found[-1].start())


def _resolve_coref(ctx: _Context, word: str, pos: int) -> list[str]:
    """The persons a coreference word (两国防长, 双方) names: those titled so, or the article's
    two principal parties."""
    before = [p for p in ctx.persons if p.start < pos] or ctx.persons
    titles = ctx.rules.coref.get(word, ())
    if titles:
        def titled(key: str) -> bool:
            return any(t in title for title in ctx.person_titles.get(key, ()) for t in titles)

        for at, ev in reversed(ctx.events):  # the pair that last met, when both are so titled
            if at < pos and ev.kind == MEETING and len(ev.participants) == 2 and all(
                    titled(k) for k in ev.participants):
                return list(ev.participants)
        chosen: dict[str, str] = {}  # country → key (the last named)
        for p in before:
            if titled(p.key):
                chosen[ctx.person_country.get(p.key, "") or p.key] = p.key
        keys = sorted(set(chosen.values()))
        if len(keys) >= 2:
            return keys[-2:] if len(keys) > 2 else keys
    # The principal parties: the last visit's visitor and inviter (or a pair that met after
    # that visit was told), else the last pair that met, else the two persons named most
    # often before, from different countries.
    pairs = [(at, sorted({ev.visitor, ev.inviter})) for at, ev in ctx.events
             if ev.kind == VISIT and ev.visitor and ev.inviter]
    if pairs:  # the last visit's pair, or a meeting of two told after it
        later = [ev for at, ev in ctx.events if at > pairs[-1][0] and at < pos
                 and ev.kind == MEETING and len(ev.participants) == 2]
        return list(later[-1].participants) if later else pairs[-1][1]
    for _, ev in reversed(ctx.events):  # else the parties of the last meeting of two
        if ev.kind != VISIT and len(ev.participants) == 2:
            return list(ev.participants)
    counts = Counter(p.key for p in before)
    order = sorted(counts, key=lambda k: (-counts[k], min(p.start for p in before if p.key == k)))
    if len(order) < 2:
        return []
    first = order[0]
    c1 = ctx.person_country.get(first, "")
    for other in order[1:]:
        c2 = ctx.person_country.get(other, "")
        if not c1 or not c2 or c1 != c2:
            return sorted({first, other})
    return []


def _modal_start(ctx: _Context, sent: _Sentence, ts: int) -> int:
    """Where the modality of a meeting word is read from: its clause, or, when the clause
    has no subject of its own (…将前往美国，与美国总统拜登会面), back to the clause that has
    one (将 there makes the meeting planned too)."""
    lo = sent.clause_start(ts)
    while lo > sent.start:
        people = [p for p in ctx.persons_in(lo, ts) if not _is_object(ctx, sent, p)]
        if people or ctx.rules.coref_re.search(ctx.text, lo, ts):
            break
        lo = sent.clause_start(lo - 1)
    return lo


def _planned(ctx: _Context, start: int, end: int) -> bool:
    """Whether a planned marker in ``start:end`` makes the event only announced; a marker
    inside a modifier of a name (与即将卸任的 X 国总统 B 举行了会晤) does not."""
    rules = ctx.rules
    hi = end
    while True:
        m = _find_marker(ctx.text, start, hi, rules.words("planned"), rules.words("not_planned"))
        if m == -1:
            return False
        if not _modifies_name(ctx, m, end):
            return True
        hi = m


def _modifies_name(ctx: _Context, pos: int, end: int) -> bool:
    """Whether the words from ``pos`` up to the next person before ``end`` are a modifier
    of that person (即将卸任的 X 国总统 B): a 的 and no clause mark or event word between."""
    people = ctx.persons_in(pos, end)
    if not people:
        return False
    gap = ctx.text[pos:people[0].start]
    return ("的" in gap and len(gap) <= 24 and not _MARK_RE.search(gap)
            and not ctx.rules.trigger_re.search(gap))


def _remote(ctx: _Context, start: int, end: int) -> bool:
    return ctx.rules.words("remote").search(ctx.text, start, end) is not None


def _dates_in(ctx: _Context, sent: _Sentence) -> list[tuple[int, int, str, str]]:
    """Date expressions of a sentence, absolute offsets, year and month from the article.

    The article is read once, as a whole, against its date: a day-only date takes the month
    of the date before it in the article (or the month that puts it nearest the article's
    date), and 今天, 昨天, 当天, 同日, 周四 are dated from the article's date or the date
    named before them."""
    if ctx.dates is None:
        ctx.dates = []
        upto = ctx.text[:ctx.dates_until] if ctx.dates_until else ctx.text
        for d in find_dates(upto, month=ctx.month, anchor=ctx.article.date):
            begin, finish = _with_year(d.begin, ctx.year, ctx.month), d.finish
            if finish:
                finish = _with_year(finish, int(begin[:4]) if begin[:1].isdigit() else None,
                                    int(begin[5:7]) if begin[:1].isdigit() else None,
                                    after=True)
            ctx.dates.append((d.start, d.end, begin, finish))
    if sent.dates is None:
        starts = ctx.date_starts or [d[0] for d in ctx.dates]
        ctx.date_starts = starts
        lo, hi = bisect_left(starts, sent.start), bisect_left(starts, sent.end)
        sent.dates = [d for d in ctx.dates[lo:hi] if d[1] <= sent.end]
    return sent.dates


def _with_year(date: str, year: int | None, month: int | None, after: bool = False) -> str:
    """``--MM-DD`` with the year of the article's date: the one of the years before, of and
    after it that puts the day nearest the article (a December event in a January article
    is last year's). With ``after``, the first such date not before ``year``-``month``.

    >>> _with_year("--12-28", 2024, 1), _with_year("--02-05", 2026, 2)
    ('2023-12-28', '2026-02-05')
    >>> _with_year("--03-02", None, None), _with_year("--01-02", 2024, 12, after=True)
    ('--03-02', '2025-01-02')
    """
    if not date.startswith("--") or year is None:
        return date
    m = int(date[2:4])
    if month is None:
        return f"{year:04d}{date[1:]}"
    if after:
        return f"{year + (1 if m < month else 0):04d}{date[1:]}"
    best = min((year - 1, year, year + 1), key=lambda y: abs((y * 12 + m) - (year * 12 + month)))
    return f"{best:04d}{date[1:]}"


def _evidence(ctx: _Context, sent: _Sentence) -> Evidence:
    if sent.evidence is None:  # (one record shared by the sentence's events)
        sent.evidence = Evidence(ctx.article.id, sent.start, sent.end,
                                 ctx.article.text[sent.start:sent.end])
    return sent.evidence


# --- meetings and calls --------------------------------------------------------------------


def _memorial(ctx: _Context, p: _Span) -> bool:
    """Whether a name stands for a memorial, not the person (向胡志明主席陵敬献花圈): a
    memorial word follows it, with at most a title between."""
    if not ctx.rules.words("memorial").search(ctx.text, p.end, p.end + 8):
        return False  # (the usual case, told by one search)
    after = re.split(r"[，,；;。、和与及]", ctx.text[p.end:p.end + 8], maxsplit=1)[0]
    return any(w in after for w in ctx.rules.words("memorial"))


def _meeting_parties(ctx: _Context, sent: _Sentence, ts: int, te: int,
                     trig: _Trigger) -> list[tuple[str, ...]]:
    """The groups of persons a meeting or call trigger at ``ts:te`` ties together."""
    text, rules = ctx.text, ctx.rules
    cstart = sent.clause_start(ts)
    before = _eligible(sent, ctx.persons_in(cstart, ts))
    before = [p for p in before if not _memorial(ctx, p)]
    markers = rules.words("give") if trig.mode == "give" else rules.words("comitative")
    exclude = rules.words("not_comitative")
    after = None  # _list_after(ctx, sent, te), when read
    if trig.mode in ("directed", "greet", "group"):
        after = _list_after(ctx, sent, te)
        if after:
            before = []  # A 和 B 会见了 C: A and B are the subject, each meets C
    # A 同/与/和 B word: B are the persons between the marker and the trigger. With 分别
    # the marker comes after it (A 与 B 也分别与 C 会面: A and B each meet C).
    sep_at = _find_marker(text, cstart, ts, rules.words("separately"), ())
    separately = sep_at != -1
    for i, p in enumerate(before):
        if separately and p.start < sep_at:
            continue
        gap_start = before[i - 1].end if i else cstart
        m = _find_marker(text, gap_start, p.start, markers, exclude)
        if m == -1:  # 同日本自卫队...: a name right after the marker makes it one
            m = _find_marker(text, gap_start, p.start, markers, ())
            if m != -1 and (m + 1 not in ctx.name_starts() or any(
                    text.startswith(w, m - len(w) + 1) for w in exclude if len(w) > 1)):
                m = -1
        if m == -1 or _BREAK_RE.search(text[m:p.start]) or p.start - m > 32:
            continue
        right = [q.key for q in before[i:]]
        if i:
            left = [before[i - 1].key]
            j = i - 1  # A、B 和 C 举行会谈, A 和夫人 B 为 C 举行欢迎宴会: A joins B
            while j > 0:
                gap = text[before[j - 1].end:before[j].start]
                if not _JOIN_RE.search(gap) or len(gap) > 30 or _MARK_RE.search(gap) or (
                        rules.verbish.search(gap)) or any(w in gap for w in exclude):
                    break
                j -= 1
                left.insert(0, before[j].key)
        else:
            left = _subject(ctx, sent, cstart - 1) if cstart > sent.start else []
        if not left:
            left = _coref_in(ctx, cstart, m)
        group = tuple(sorted(set(left) | set(right)))
        if trig.mode == "mutual" and len(group) >= 2 and not separately:
            return [group]
        return [tuple(sorted({a, b})) for a in left for b in right if a != b]
    subject = _subject(ctx, sent, ts)
    if after is None:
        after = _list_after(ctx, sent, te)
    objects = [p.key for p in after if not _memorial(ctx, p)]
    if trig.mode == "host" and objects:
        if not rules.words("ceremony").search(text, sent.start, ts):
            return []
    elif trig.mode == "host":
        return []
    if objects and trig.mode == "group":  # 集体会见 A、B 等: one meeting of them all
        return [tuple(sorted(set(subject) | set(objects)))]
    if objects:
        return [tuple(sorted({a, b})) for a in subject for b in objects if a != b]
    # A 受到 B 的会见, A 在机场受到 B 的热情迎接: B met A.
    passive = _find_marker(text, cstart, ts, rules.words("passive"), ())
    if passive != -1 and ts - passive <= 40:
        agents = [p.key for p in _eligible(sent, ctx.persons_in(passive, ts))]
        if agents:  # the subject is before 受到 (陈流光等的迎接: 陈流光 is no subject)
            guests = _subject(ctx, sent, passive)
            return [tuple(sorted({a, agents[0]})) for a in guests if a != agents[0]]
    if trig.mode == "directed" and subject and _BARE_END_RE.match(
            text[te:min(te + 4, sent.end)]):
        # 李强总理、赵乐际委员长分别会见。: no one named after it, the guest is the visitor
        # the sentence (else the article) told of before.
        visits = [ev for at, ev in ctx.events if ev.kind == VISIT and at < ts]
        guest = visits[-1].visitor if visits else ""
        return [tuple(sorted({h, guest})) for h in subject if guest and h != guest]
    if trig.mode == "greet":  # A、B 在机场迎接: the guest is the article's visitor
        visits = [ev for _, ev in ctx.events if ev.kind == VISIT]
        hosts = [p.key for p in _eligible(sent, ctx.persons_in(cstart, ts))] or subject
        if visits:
            guest = visits[-1].visitor
            return [tuple(sorted({h, guest})) for h in dict.fromkeys(hosts) if h != guest]
        return []
    joined = _joined_meeting(ctx, sent, ts)
    if trig.mode == "mutual" and joined and subject:
        # 蓬佩奥、金英哲也参加了扩大会谈: they join the talks of the pair named before.
        return [tuple(sorted(set(subject) | set(joined)))]
    if trig.mode == "mutual" and len(subject) >= 2:
        # 双方同意保持高层会晤: a habit, not a meeting, when only a coreference names them.
        if _covered(text, ts, rules.words("generic")):
            return []
        return [tuple(sorted(set(subject)))]
    return []


def _joined_meeting(ctx: _Context, sent: _Sentence, ts: int) -> tuple[str, ...]:
    """参加了扩大会谈 right before a meeting word: the parties of the article's last meeting
    before, which the subject joins; () when no such word or meeting."""
    text = ctx.text
    j = _find_marker(text, max(sent.clause_start(ts), ts - 6), ts, ctx.rules.words("join"), ())
    if j == -1 or _MARK_RE.search(text[j:ts]):
        return ()
    for _, ev in reversed(ctx.events):
        if ev.kind == MEETING and len(ev.participants) >= 2:
            return ev.participants
    return ()


def _meeting_events(ctx: _Context, sent: _Sentence, ts: int, te: int,
                    trig: _Trigger) -> list[Event]:
    kind = trig.event
    cstart = sent.clause_start(ts)
    if kind == MEETING:
        if _remote(ctx, max(cstart, ts - 12), ts):
            kind = CALL
        elif _planned(ctx, _modal_start(ctx, sent, ts), ts) or _wished(
                ctx, sent, cstart, ts) or _find_marker(
                ctx.text, sent.start, ts, ctx.rules.words("planned_sentence"),
                ctx.rules.words("not_planned")) != -1:
            return []
    if kind == MEETING and ctx.rules.words("planned_after").search(ctx.text, te,
                                                                   sent.clause_end(te)):
        return []  # A 与 B 签署条约的日期已确定: only its date is set
    if trig.word in ctx.rules.words("held_noun") and not ctx.rules.words("hold").search(
            ctx.text, cstart, ts):
        return []  # 举行…对话 is a meeting; 加强对话, 进行对话 name no meeting
    groups = _meeting_parties(ctx, sent, ts, te, trig)
    if not groups:
        return []
    dates = [d for d in _dates_in(ctx, sent) if d[1] <= ts]
    start, end = (dates[-1][2], dates[-1][3]) if dates else ("", "")
    place, where = "", ""  # 在 (老挝首都) 万象 会见
    for p in ctx.places_in(sent.start, ts):
        at = _find_marker(ctx.text, max(sent.start, p.start - 8), p.start,
                          ctx.rules.words("at"), ())
        if p.kind == PLACE and at != -1 and not _BREAK_RE.search(ctx.text[at:p.start]):
            place, where = p.key, p.country
        elif p.kind == COUNTRY and at != -1 and at == p.start - 1 and ctx.text[
                p.end:p.end + 1] != "的" and not place:
            where = p.country  # 在巴西里约热内卢出席峰会期间会见: a city the lexicon lacks
    out = []
    for group in groups:
        if len(group) < 2:
            continue
        out.append(Event(kind=kind, participants=group, start=start, end=end, place=place,
                         articles=(ctx.article.id,), evidence=(_evidence(ctx, sent),)))
    if kind == MEETING and where:
        inferred = _met_abroad(ctx, sent, {k for g in groups for k in g}, where, start)
        ctx.inferred.update(id(ev) for ev in inferred)
        out += inferred
    return out


def _met_abroad(ctx: _Context, sent: _Sentence, keys: set[str], where: str,
                start: str) -> list[Event]:
    """王毅在北京同巴基斯坦副总理兼外长达尔、阿富汗代理外长穆塔基举行会晤: a party of
    another country than the city's, met there in person, made a trip to it (not an envoy
    posted there, and only when a host of that country is among the parties, or when every
    party's country is known and none is the city's: a meeting in a third country)."""
    countries = {k: ctx.person_country.get(k, "") for k in keys}
    known = [iso for iso in countries.values() if iso]
    if where not in countries.values() and (len(known) < len(countries) or len(known) < 2):
        return []  # (no host there: each party of a known other country came, 魏凤和与辛格在
        # 俄罗斯首都莫斯科举行会谈)
    if ctx.rules.words("transit").search(ctx.text, sent.start, sent.end):
        return []  # 在夏威夷过境期间 … 与州长会面: a stopover, not a trip
    return [Event(kind=VISIT, visitor=k, destination=where, start=start,
                  articles=(ctx.article.id,), evidence=(_evidence(ctx, sent),))
            for k, iso in sorted(countries.items())
            if iso and iso != where and not _posted_to(ctx, k, where)]


# --- visits --------------------------------------------------------------------------------


def _connected_places(ctx: _Context, pos: int, limit: int, slack: int = 1) -> list[_Span]:
    """Countries and places from ``pos`` on, joined by 和/、/及 (对柬埔寨和老挝)."""
    out: list[_Span] = []
    first = ctx.place_at(pos, slack=slack)
    if first is None:
        return out
    out.append(first)
    cur = first
    while True:
        nxt = [p for p in ctx.places_in(cur.end, min(limit, cur.end + 3) + 40)
               if p.start <= cur.end + 2 and p.start < limit]
        if not nxt:
            break
        gap = ctx.text[cur.end:nxt[0].start]
        if gap and any(ch not in _LIST_JOIN for ch in gap):
            break
        if not gap and cur.end - cur.start == 1 == nxt[0].end - nxt[0].start and re.match(
                r"[\u4e00-\u9fff]", ctx.text[nxt[0].end:nxt[0].end + 1]) and not re.match(
                r"[两三四等及和与]", ctx.text[nxt[0].end:nxt[0].end + 1]):
            return []  # 到访泰华商会, 中越友谊: two countries in one word name a thing
        if not gap and (cur.end - cur.start >= 2) != (nxt[0].end - nxt[0].start >= 2):
            break  # 访问河内韩越友好医院: a one-character country right after a name opens a noun
        out.append(nxt[0])
        cur = nxt[0]
    return out


def _anaphor_country(ctx: _Context, sent: _Sentence, pos: int) -> _Span | None:
    earlier = [p for p in ctx.places if p.kind == COUNTRY and p.end <= pos]
    in_sentence = [p for p in earlier if p.start >= sent.start]
    pool = in_sentence or earlier
    return pool[-1] if pool else None


def _destinations(ctx: _Context, sent: _Sentence, ts: int, te: int, trig: _Trigger,
                  lower: int) -> list[_Span]:
    text, rules = ctx.text, ctx.rules
    if trig.mode == "abbrev":
        place = ctx.place_at(te, slack=0)
        if place is not None:
            return [place]
        for size in (2, 1):
            iso = rules.abbrev.get(text[te:te + size])
            if iso and len(text[te:te + size]) == size:
                return [_Span(te, te + size, iso, COUNTRY, iso)]
        return _this_trip(ctx, ts)
    found: list[_Span] = []
    if trig.mode == "arrive":
        after = te + 1 if text[te:te + 1] == "了" else te
        found = _connected_places(ctx, after, sent.clause_end(te) + 1, slack=0)
        return _unique_countries(found)
    if trig.mode in ("visit", "inbound"):
        # 对 X (和 Y) 进行 … 访问
        dui = _find_marker(text, max(lower, ts - 45), ts, rules.words("toward"),
                           rules.words("not_destination"))
        if dui != -1 and not _BREAK_RE.search(text[dui:ts]):
            anaphor = _find_marker(text, dui + 1, dui + 3, rules.words("anaphor"), (),
                                   last=False)
            if anaphor == dui + 1:
                country = _anaphor_country(ctx, sent, dui)
                found = [country] if country else []
            else:
                found = _connected_places(ctx, dui + 1, ts)
        if not found:  # 访问 X
            after = te + 1 if text[te:te + 1] == "了" else te
            found = _connected_places(ctx, after, sent.end, slack=0)
        if not found:  # 在 X 进行工作访问
            found = _at_place(ctx, sent, ts)
    elif trig.mode == "attend":
        # 在 X 出席, 出席在 X 举行的
        found = _at_place(ctx, sent, ts)
        if not found and text[te:te + 1] in rules.words("at"):
            found = _connected_places(ctx, te + 1, sent.end)
    if not found:  # 赴/抵达/前来 X, 来华, 赴越
        found = _gone_to(ctx, max(lower, sent.start), ts)
    if trig.mode == "attend":
        found = _same_meeting(ctx, sent, te, found)
    if not found and trig.mode == "visit":  # 此次访问: the visit the article told before
        found = _this_trip(ctx, ts)
    if not found and trig.mode == "inbound":  # 会见来访的 X: the host's country
        visitor, _ = _visitor(ctx, sent, ts, te, lower, "")
        if visitor is not None:
            own = ctx.person_country.get(visitor.key, "")
            for host in _eligible(sent, ctx.persons_in(sent.start, ts)):
                iso = ctx.person_country.get(host.key, "")
                if host.key != visitor.key and iso and iso != own:
                    found = [_Span(ts, te, iso, COUNTRY, iso)]
                    break
    return _unique_countries(found)


def _this_trip(ctx: _Context, ts: int) -> list[_Span]:
    """此访, 此次访问, 这次访问 with no place named: the destination of the article's last
    visit (小马科斯总统此访是应中国国家主席习近平的邀请)."""
    if not ctx.text.endswith(ctx.rules.words("this_trip"), 0, ts):
        return []
    for _, ev in reversed(ctx.events):
        if ev.kind == VISIT:
            return [_Span(ts, ts, ev.destination, COUNTRY, ev.destination)]
    return []


_LATIN_WORD = re.compile(r"[A-Za-z]{3,}")


def _same_meeting(ctx: _Context, sent: _Sentence, te: int, found: list[_Span]) -> list[_Span]:
    """出席 a meeting: remember where it is held; one named with no place (与出席APEC会议的
    日本首相高市早苗举行了会谈) is where the article placed the same meeting before (出席在
    庆州举行的亚太经合组织（APEC）领导人非正式会议): they share a Latin word or four
    characters."""
    what = _BREAK_RE.split(ctx.text[te:min(sent.end, te + 40)], maxsplit=1)[0]
    if found:
        ctx.attended.append((what, found[0]))
        return found
    words = set(_LATIN_WORD.findall(what))
    grams = {what[i:i + 4] for i in range(len(what) - 3)}
    for earlier, place in reversed(ctx.attended):
        if words & set(_LATIN_WORD.findall(earlier)) or any(g in earlier for g in grams):
            return [place]
    return found


def _unique_countries(found: list[_Span]) -> list[_Span]:
    seen: set[str] = set()
    out = []
    for p in found:
        if p.country and p.country not in seen:
            seen.add(p.country)
            out.append(p)
    return out


def _at_place(ctx: _Context, sent: _Sentence, ts: int) -> list[_Span]:
    """在 X … trigger: X named right after the last 在 of the clause, no person after X."""
    at = _find_marker(ctx.text, max(sent.clause_start(ts), ts - 30), ts, ctx.rules.words("at"),
                      ())
    if at == -1:
        return []
    found = _connected_places(ctx, at + 1, ts)
    if found and ctx.persons_in(found[-1].end, ts):
        return []
    return found


def _gone_to(ctx: _Context, lo: int, ts: int) -> list[_Span]:
    """The place after the last 赴/抵达/前来 before ``ts``, or a country abbreviation after
    赴/来/抵 (来华, 赴越)."""
    text, rules = ctx.text, ctx.rules
    go = _find_marker(text, lo, ts, rules.words("go"), ())
    if go != -1:
        word = next(w for w in sorted(rules.words("go"), key=len, reverse=True)
                    if text.startswith(w, go))
        found = _connected_places(ctx, go + len(word), ts)
        if found:
            return found
    hits = []
    go_abbrev = rules.words("go_abbrev")
    for w in go_abbrev if go_abbrev.search(text, lo, ts) else ():
        i = text.find(w, lo, ts)
        while i != -1:
            lo_k = bisect_left(ctx.place_starts, i - 8)
            inside = any(p.start <= i < p.end for p in ctx.places[lo_k:lo_k + 4])
            if not (i and text[i - 1] in rules.words("not_go_before")) and not inside:
                # (not the 来 of 马来西亚)
                pos = i + len(w)
                named = ctx.place_at(pos, slack=0)
                if named is not None and named.kind == COUNTRY and named.end <= ts:
                    hits.append((i, named))
                for size in (2, 1):
                    iso = rules.abbrev.get(text[pos:pos + size])
                    if named is None and iso and pos + size <= ts:
                        hits.append((i, _Span(pos, pos + size, iso, COUNTRY, iso)))
                        break
            i = text.find(w, i + 1, ts)
    return [max(hits, key=lambda h: h[0])[1]] if hits else []


def _leader(ctx: _Context, sent: _Sentence, lo: int, ts: int) -> _Span | None:
    text, rules = ctx.text, ctx.rules
    best: tuple[int, _Span] | None = None
    lead, lead_open = rules.words("lead"), rules.words("lead_open")
    if not lead.search(text, lo, ts):
        lead = ()  # (the usual case, told by one search)
    if not lead_open.search(text, lo, ts):
        lead_open = ()
    for w in lead:
        i = text.find(w, lo, ts)
        while i != -1:
            if not _covered(text, i, rules.words("not_lead")):
                for p in reversed(ctx.persons_in(max(lo, i - 60), i)):
                    gap = _BRACKETS_RE.sub("", text[p.end:i]).strip()
                    if len(gap) <= 6 and not re.search(r"[，,；;。的]", gap):
                        if not sent.in_invite(p) and (best is None or i > best[0]):
                            best = (i, p)
                        break
            i = text.find(w, i + 1, ts)
    for o in lead_open:
        i = text.find(o, lo, ts)
        while i != -1:
            close = _find_marker(text, i, min(ts, i + 40), rules.words("lead_close"), (),
                                 last=False)
            if close != -1:
                inside = ctx.persons_in(i, close)
                if inside and (best is None or close > best[0]):
                    best = (close, inside[0])
            i = text.find(o, i + 1, ts)
    return best[1] if best else None


_RELATIVE_TAIL = re.compile(r"[^，,；;。：:的\s]{1,12}的")  # 出席APEC会议的


def _visitor(ctx: _Context, sent: _Sentence, ts: int, te: int, lower: int,
             dest: str, attend: bool = False) -> tuple[_Span | None, str]:
    """The visitor of a visit trigger and how it was found."""
    text = ctx.text
    # A relative clause: 对越南进行正式访问的 [titles] P; 出席APEC会议的 [titles] P
    suffixes = ctx.rules.words("trip_suffix")
    suffix = next((w for w in suffixes if text.startswith(w, te)), "") if text.startswith(
        suffixes, te) else ""
    relative = text.startswith("的", te + len(suffix))
    if not relative and attend:
        rel = _RELATIVE_TAIL.match(text[te:sent.clause_end(te)])
        if rel and not ctx.persons_in(te, te + rel.end()) and not ctx.rules.verbish.search(
                text, te, te + rel.end() - 1):
            suffix, relative = rel.group()[:-1], True
    if relative:
        cend = sent.clause_end(te)
        for p in _eligible(sent, ctx.persons_in(te, cend + 1)):
            gap = text[te + len(suffix) + 1:p.start]
            if len(gap) <= 30 and not ctx.rules.verbish.search(gap):
                return p, "relative"
            break
    leader = _leader(ctx, sent, lower, ts)
    if leader is not None:
        return leader, "leader"
    before = [p for p in _eligible(sent, ctx.persons_in(lower, ts))
              if not (text[p.start:p.end] in _PRONOUNS
                      and ctx.person_country.get(p.key, "") == dest)
              and not _speaker(ctx, p)]
    subjects = [p for p in before if not _is_object(ctx, sent, p)]
    before = subjects if subjects or sent.visitor is not None else before
    if before:
        if not ctx.rules.words("accompany").search(text, before[-1].end, ts):
            return before[-1], "subject"
        return None, ""  # A、B 等陪同访问: companions, the visitor is named elsewhere
    if sent.visitor is not None and lower > sent.start:  # …，并于8日对柬埔寨进行访问
        return sent.visitor, "continued"
    # 在对老挝进行国事访问期间，P ...: the first person after, not of the host country.
    frame = _find_marker(text, te, sent.clause_end(te) + 1, ctx.rules.words("frame"), (),
                         last=False)
    if frame != -1:
        for p in _eligible(sent, ctx.persons_in(frame, sent.end)):
            if ctx.person_country.get(p.key, "") != dest:
                return p, "frame"
        return None, ""
    # 他此次访问越南: a pronoun before the trigger names the last person of the sentences
    # just before who is not of the host country.
    pronoun = _find_marker(text, max(lower, sent.clause_start(ts)), ts,
                           ctx.rules.words("pronoun"), ctx.rules.words("not_pronoun"))
    if pronoun != -1:
        earlier = [p for p in ctx.persons if sent.start - 200 <= p.end <= sent.start
                   and ctx.person_country.get(p.key, "") != dest]
        if earlier:
            return earlier[-1], "pronoun"
    return None, ""


def _speaker(ctx: _Context, p: _Span) -> bool:
    """A name before a colon is who speaks (林冠英：首相访华应聚焦…), not who travels."""
    return ctx.text[p.end:p.end + 1] in ("：", ":")


def _is_object(ctx: _Context, sent: _Sentence, p: _Span) -> bool:
    """Whether a person is the object of a meeting in its clause (… 将前往美国，与美国总统
    拜登会面，之后赴秘鲁 …: 拜登 is met, he does not travel)."""
    known = ctx.objects.get(p.start)
    if known is not None:
        return known
    cstart = sent.clause_start(p.start)
    ctx.objects[p.start] = _find_marker(ctx.text, cstart, p.start,
                                        ctx.rules.words("comitative"),
                                        ctx.rules.words("not_comitative")) != -1
    return ctx.objects[p.start]


def _inviter(ctx: _Context, sent: _Sentence, ts: int, lower: int, visitor: str,
             dest: str = "") -> str:
    """The first person of the 应 … 邀请 span of a visit; of several inviters (应法国总统马克龙、
    塞尔维亚总统武契奇……邀请 … 对法国、塞尔维亚进行国事访问), the first of the destination's
    country."""
    spans = [s for s in sent.invites if s[1] <= ts and s[1] > lower]
    if not spans:  # 应 X 邀请 opening the sentence covers each of its visits (应习近平邀请，
        # A 于 … 进行国事访问，B、C 于 … 来华出席峰会)
        spans = [s for s in sent.invites if s[1] <= ts and not ctx.persons_in(sent.start, s[0])]
    if not spans:
        spans = [s for s in sent.invites if s[0] >= ts]
        spans = spans[:1]
    for s, e in reversed(spans):
        people = [p for p in ctx.persons_in(s, e) if p.key != visitor]
        for p in people:
            if dest and ctx.person_country.get(p.key, "") == dest:
                return p.key
        if people:
            return people[0].key
        break
    return ""


def _visit_dates(ctx: _Context, sent: _Sentence, ts: int, lower: int) -> tuple[str, str]:
    dates = [d for d in _dates_in(ctx, sent) if lower <= d[0] and d[1] <= ts]
    if not dates:
        return "", ""
    s, e, begin, finish = dates[-1]
    if finish:
        return begin, finish
    if ctx.rules.words("end").search(ctx.text, e, ts):
        return "", begin
    return begin, ""


def _posted_to(ctx: _Context, key: str, iso: str) -> bool:
    """Whether the person is an envoy posted to ``iso`` (越南驻阿尔及利亚大使陈国庆), by the
    titles printed with any of his mentions."""
    if (key, iso) in ctx.posted:
        return ctx.posted[(key, iso)]
    if key not in ctx.envoy_posts:  # the X of every 驻 X 大使 printed with him, read once
        texts = list(ctx.person_titles.get(key, ()))
        if "驻" in ctx.text:  # (the envoy pattern opens with it: else no text before him has one)
            texts += [ctx.text[max(0, p.start - 24):p.start] for p in ctx.persons
                      if p.key == key]
        ctx.envoy_posts[key] = [m.group("where") for t in texts
                                for m in ctx.rules.envoy.finditer(t)]
    names = tuple(ctx.rules.names_of.get(iso, ()))
    found = any(where.startswith(names) for where in ctx.envoy_posts[key])
    ctx.posted[(key, iso)] = found
    return found


def _wished(ctx: _Context, sent: _Sentence, start: int, end: int) -> bool:
    """期待/希望/邀请 … 访问 between the visitor and the trigger: a wish or an invitation,
    not a visit (an 应 … 邀请 span does not count)."""
    text = ctx.text
    if not ctx.rules.words("wish").search(text, start, end):
        return False  # (the usual case, told by one search)
    for w in ctx.rules.words("wish"):
        i = text.find(w, start, end)
        while i != -1:
            if not any(s <= i < e + len(w) for s, e in sent.invites):
                return True
            i = text.find(w, i + 1, end)
    return False


def _visit_events(ctx: _Context, sent: _Sentence, ts: int, te: int, trig: _Trigger,
                  lower: int) -> list[Event]:
    text = ctx.text
    if trig.mode == "abbrev" and ts > 0 and text[ts - 1] in ctx.rules.words("not_before"):
        return []
    if _remote(ctx, max(sent.clause_start(ts), ts - 16), ts):  # 以视频方式出席: no trip
        return []
    dests = _destinations(ctx, sent, ts, te, trig, lower)
    if not dests:
        return []
    out = []
    for dest in dests:
        visitor, how = _visitor(ctx, sent, ts, te, lower, dest.country,
                                attend=trig.mode == "attend")
        if visitor is None:
            continue
        key = visitor.key
        own = ctx.person_country.get(key, "")
        if own == dest.country or _posted_to(ctx, key, dest.country):
            continue
        if _wished(ctx, sent, sent.clause_start(ts), ts):
            continue
        inviter = _inviter(ctx, sent, ts, lower, key, dest.country)
        since = lower
        if how == "relative":  # 会见正在越南访问的 P: the sentence's date is the meeting's
            since = max([lower, *[e for e in sent.meeting_ends if e <= ts]])
        start, end = _visit_dates(ctx, sent, ts, since)
        if len(dests) > 1:  # 于7月23日至29日先后访问新加坡、印尼和马来西亚: the tour's
            # dates; only the first country's visit starts, and the last one's ends, with it
            start = start if dest is dests[0] else ""
            end = end if dest is dests[-1] else ""
        since = visitor.end if visitor.end <= ts else sent.clause_start(ts)
        eve = ctx.rules.words("eve").search(text, te, min(sent.end, te + 6))
        planned = _planned(ctx, since, ts) or eve is not None
        kind = ctx.article.text[ts:te] if trig.kind else ""
        place = dest.key if dest.kind == PLACE else ""
        sent.visitor = visitor
        group = _co_visitors(ctx, sent, visitor, ts) if how == "subject" else []
        for who in [*group, visitor]:
            if who.key != visitor.key and (ctx.person_country.get(who.key, "") == dest.country
                                           or who.key == inviter):
                continue
            out.append(Event(kind=VISIT, visitor=who.key, destination=dest.country,
                             inviter=inviter, start=start, end=end, visit_kind=kind,
                             place=place, planned=planned, articles=(ctx.article.id,),
                             evidence=(_evidence(ctx, sent),)))
    return out


def _co_visitors(ctx: _Context, sent: _Sentence, visitor: _Span, ts: int) -> list[_Span]:
    """The persons listed before the visitor as joint subjects of its clause (扎帕罗夫、拉赫蒙、
    米尔济约耶夫四国元首于5月18日来华: each made the trip); a spouse (和夫人) is no visitor."""
    text, rules = ctx.text, ctx.rules
    people = _eligible(sent, ctx.persons_in(sent.clause_start(visitor.start), visitor.start))
    out: list[_Span] = []
    cur = visitor
    for p in reversed(people):
        gap = _BRACKETS_RE.sub("", text[p.end:cur.start])
        if (len(gap) > 30 or not _AND_RE.search(gap) or _MARK_RE.search(gap)
                or rules.verbish.search(gap) or any(w in gap for w in rules.words("spouse"))
                or any(w in gap for w in rules.words("not_comitative"))):
            break
        out.insert(0, p)
        cur = p
    # and after it, up to the trip word (苏杰生和中国外长王毅下周也将前往莫斯科), unless a
    # meeting word comes between (A 和 B 会谈后前往 X: B is met, he does not travel)
    cur = visitor
    for p in _eligible(sent, ctx.persons_in(visitor.end, ts)):
        gap = _BRACKETS_RE.sub("", text[cur.end:p.start])
        if (len(gap) > 30 or not _AND_RE.search(gap) or _MARK_RE.search(gap)
                or rules.verbish.search(gap) or any(w in gap for w in rules.words("spouse"))
                or any(w in gap for w in rules.words("not_comitative"))
                or any(p.end <= t < ts for t in sent.meeting_starts)):
            break
        out.append(p)
        cur = p
    return [p for p in out if p.key != visitor.key]


def _sendoff_events(ctx: _Context, sent: _Sentence) -> list[Event]:
    """参加欢送仪式的有 A、B: each of A, B met the visitor of the article's visit."""
    text = ctx.text
    m = _find_marker(text, sent.start, sent.end, ctx.rules.words("sendoff"), ())
    if m == -1:
        return []
    visits = [ev for _, ev in ctx.events if ev.kind == VISIT]
    if not visits:
        return []
    guest = visits[0].visitor
    word = next(w for w in sorted(ctx.rules.words("sendoff"), key=len, reverse=True)
                if text.startswith(w, m))
    hosts = [p.key for p in ctx.persons_in(m + len(word), sent.end) if p.key != guest]
    return [Event(kind=MEETING, participants=tuple(sorted({guest, h})),
                  articles=(ctx.article.id,), evidence=(_evidence(ctx, sent),))
            for h in dict.fromkeys(hosts)]


# --- the stage -----------------------------------------------------------------------------


def find_events(article: Article, mentions: Sequence[Mention],
                lexicon: Lexicon | None = None) -> list[Event]:
    """The meetings, visits and calls ``article`` reports, one Event per report.

    Persons are referred to by ``Mention.key``; the events are not merged across sentences
    (``kg.resolve`` merges the reports of one real event).

    >>> from kg.model import Article, Mention, PERSON, COUNTRY
    >>> text = ("应美国国防部长詹姆斯·马蒂斯的邀请,从8月7日至10日,"
    ...         "国防部部长吴春历大将对美国进行正式访问。")
    >>> art = Article(id="a", source_file="x.txt", index=0, title="", text=text, start=0,
    ...               end=len(text))
    >>> def mention(name, kind, key, iso=""):
    ...     i = text.rindex(name)
    ...     return Mention("a", i, i + len(name), name, kind, key, country=iso)
    >>> ms = [mention("詹姆斯·马蒂斯", PERSON, "詹姆斯·马蒂斯", "US"),
    ...       mention("吴春历", PERSON, "吴春历", "VN"), mention("美国", COUNTRY, "US")]
    >>> ev = find_events(art, ms)[0]
    >>> ev.kind, ev.visitor, ev.destination, ev.inviter, ev.start, ev.end, ev.visit_kind
    ('visit', '吴春历', 'US', '詹姆斯·马蒂斯', '--08-07', '--08-10', '正式访问')
    """
    rules = _rules(lexicon)
    if PERSON not in map(_KIND, mentions):  # (a scan in C)
        return []
    text = normalize_dots(to_simplified(article.text))
    triggers = [(m.start(), m.end(), rules.triggers[m.group()])  # (start, end, trigger)
                for m in rules.trigger_re.finditer(text)]
    trigger_starts = [t[0] for t in triggers]
    last_trigger = triggers[-1][1] if triggers else 0
    sendoff_words = rules.words("sendoff")
    sendoff = sendoff_words.search(text) is not None  # (one scan, not one per word)
    if not triggers and not sendoff:
        return []
    spans = list(sentences(text))
    ctx = _context(article, text, mentions, rules, spans)
    sendoff_re, pronoun_re = sendoff_words, rules.words("pronoun")
    ctx.dates_until = next((e for _, e in spans if e >= last_trigger), len(text))
    sendoffs: list[_Sentence] = []
    read = spans
    if not sendoff:  # only the sentences a trigger starts in can hold an event
        span_starts = [s for s, _ in spans]
        read = [spans[i] for i in sorted({bisect_right(span_starts, t) - 1
                                          for t in trigger_starts}) if i >= 0]
    for s, e in read:
        lo, hi = bisect_left(trigger_starts, s), bisect_left(trigger_starts, e)
        while hi > lo and triggers[hi - 1][1] > e:  # (the matches do not overlap: their ends
            hi -= 1  # increase with their starts, and only the last ones can end after e)
        here = triggers[lo:hi]
        if not here and not (sendoff and sendoff_re.search(text, s, e)):
            continue
        if not ctx.persons_in(s, e) and not rules.coref_re.search(text, s, e) and not (
                pronoun_re.search(text, s, e)):
            continue
        sent = _sentence(ctx, s, e)
        sent.meeting_starts = [ts for ts, _, trig in here if trig.event != VISIT]
        lower = s
        for ts, te, trig in here:
            if trig.event == VISIT:
                found = _visit_events(ctx, sent, ts, te, trig, lower)
                if found and trig.mode != "arrive":  # 抵达 X，开始…访问 is one trip
                    lower = te
            else:
                found = _meeting_events(ctx, sent, ts, te, trig)
                sent.meeting_ends.append(te)
            if found:
                ctx.events += [(ts, ev) for ev in found]
        if sendoff:  # (with no sendoff word in the article, _sendoff_events finds none)
            sendoffs.append(sent)
    for sent in sendoffs:
        ctx.events += [(sent.start, ev) for ev in _sendoff_events(ctx, sent)]
    out: list[Event] = []
    seen: set[tuple] = set()
    told = {(ev.visitor, ev.destination) for _, ev in ctx.events
            if ev.kind == VISIT and id(ev) not in ctx.inferred}
    for _, ev in ctx.events:
        if id(ev) in ctx.inferred and (ev.visitor, ev.destination) in told:
            continue  # the article tells the trip itself: its dates are the trip's
        sig = (ev.kind, ev.participants, ev.visitor, ev.destination, ev.inviter, ev.start,
               ev.end, ev.visit_kind, ev.planned, ev.evidence)
        if sig not in seen:
            seen.add(sig)
            out.append(ev)
    return out
