"""Pages to articles: cut a page into its stories and clean each one without losing a fact.

A saved news page holds a main article, often followed (after 更多, 相关新闻 and the like) by
teasers of other stories: a photo caption, a headline, a lead paragraph. It may also hold menus,
app-store badges, cookie banners, WeChat footers, bylines and lists of unrelated headlines.
``split_page(page)`` returns one ``Article`` per story:

- index 0 is the main article; teasers, bracketed headline links ([...]), each headline of a
  one-line headline list and of a list printed one headline a line before the title or after
  the story (three lines or more) follow in page order;
- ``title`` is the story's headline ("" when the page prints none), ``text`` the story as
  printed with the noise removed (the title is its first line), ``start``/``end`` the story's
  span in ``Page.text``;
- noise is data: ``ontology/lexicon/noise.tsv`` (whole-line junk, inline junk, photo credits,
  ``ảnh 1`` residue, the markers opening a teaser list, bracketed links); a caption stays in
  the text, only its credit goes; a paragraph printed twice (the title+lead repeated at the top,
  a caption printed twice) is kept once, the fuller copy;
- ``date``: a dateline or full date in the story's own text, else the page's date (with the
  page's year put on the story's month-day when the story gives one), else the month-day of the
  story's first date, else "";
- ``script``: "traditional" when OpenCC's t2s conversion changes the text, else "simplified".

Cleaning only deletes: the non-space characters of ``Article.text`` are, in order, a
subsequence of those of ``Page.text[start:end]``.

>>> from kg.model import Page
>>> text = ("苏林会见洪森\\n\\n苏林会见洪森 ảnh 1苏林同洪森握手 图自越通社\\n"
...         "2月6日,越共中央总书记苏林会见洪森。\\n\\n更多\\n\\n范明政抵达万象。图自越通社\\n\\n"
...         "范明政访问老挝\\n\\n范明政于1月11日抵达万象,对老挝进行正式访问。")
>>> arts = split_page(Page(path="p.txt", text=text))
>>> [(a.index, a.title, a.date) for a in arts]
[(0, '苏林会见洪森', '--02-06'), (1, '范明政访问老挝', '--01-11')]
>>> print(arts[0].text)
苏林会见洪森
苏林同洪森握手
2月6日,越共中央总书记苏林会见洪森。
"""

from __future__ import annotations

import collections
import functools
import hashlib
import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from re import _constants as _sre  # the parser's opcodes, to read which characters a
from re import _parser as _sre_parser  # pattern needs (see _needed_chars)
from typing import Any

from kg.dates import article_date, find_dates, valid_date
from kg.lexicon import Lexicon
from kg.model import Article, Page

__all__ = ["split_page", "article_id", "detect_script", "Noise", "load_noise", "clean_paragraph"]

_SENTENCE_END = "。！？!?；;…"
_HEADLINE_MAX = 60  # longer paragraphs are never headlines
_DUP_WINDOW = 12  # paragraphs compared for near repeats (title+lead printed twice ...)
_MEMO_MAX = 20_000  # entries of a memo, cleared when full (a huge corpus varies without end)


# --- noise data ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Noise:
    """The compiled patterns of ``noise.tsv``, by kind."""

    line: tuple[re.Pattern[str], ...] = ()
    inline: tuple[re.Pattern[str], ...] = ()
    credit: tuple[re.Pattern[str], ...] = ()
    photo: tuple[re.Pattern[str], ...] = ()
    more: tuple[re.Pattern[str], ...] = ()
    link: tuple[re.Pattern[str], ...] = ()

    # Built once per Noise (cached_property writes past the frozen dataclass's __setattr__).
    @functools.cached_property
    def _more(self) -> _ByOpening:
        return _ByOpening.of(self.more)

    @functools.cached_property
    def _link(self) -> _ByOpening:
        return _ByOpening.of(self.link)

    @functools.cached_property
    def _cleaning(self) -> _Screen:
        return _Screen.of(self.photo, self.inline, self.credit)

    @functools.cached_property
    def _line_tests(self) -> tuple[_ByOpening, _Screen]:
        """The line patterns that start with given words, filed by the characters they open
        with; the others (.{0,40}cookie, [^。]{1,24} > ...), screened by the ones they need."""
        scanning = tuple(p for p in self.line if _scans(p))
        return (_ByOpening.of(tuple(p for p in self.line if not _scans(p))),
                _Screen.of(scanning))

    @functools.cached_property
    def _line_memo(self) -> dict[str, bool]:
        return {}

    @functools.cached_property
    def _clean_memo(self) -> dict[str, tuple[str, bool]]:
        return {}

    def is_line_noise(self, text: str) -> bool:
        """Whether a whole paragraph is junk (menu, footer, byline, banner)."""
        memo = self._line_memo  # site chrome recurs on page after page
        junk = memo.get(text)
        if junk is None:
            if len(memo) > _MEMO_MAX:
                memo.clear()
            quick, screen = self._line_tests
            junk = memo[text] = (_any_fullmatch(quick.candidates(text), text)
                                 or _any_fullmatch(screen.candidates(text)[0], text))
        return junk

    def is_more(self, text: str) -> bool:
        """Whether a paragraph opens the list of other stories (更多, 相关新闻 ...)."""
        return _any_fullmatch(self._more.candidates(text), text)

    def link_headline(self, text: str) -> str:
        """The headline of a paragraph that is only a link to another story, else ""."""
        for p in self._link.candidates(text):
            m = p.fullmatch(text)
            if m:
                groups = [g for g in m.groups() if g] or [m.group(0)]
                return groups[0].strip()
        return ""


def _any_fullmatch(patterns: Iterable[re.Pattern[str]], text: str) -> bool:
    """Whether one of ``patterns`` matches the whole of ``text`` (a loop: mostly there are
    none to try, and a generator in any() costs more than the rest)."""
    for p in patterns:
        if p.fullmatch(text):
            return True
    return False


@functools.cache  # (several helpers read a pattern's parse, which is slow to make)
def _parsed(pattern: re.Pattern[str]) -> Any:
    """``pattern`` parsed by re's own parser (its items, and its flags in ``.state``)."""
    return _sre_parser.parse(pattern.pattern, pattern.flags)


# --- filing patterns by the characters they open with --------------------------------------
# A paragraph is matched whole (fullmatch) against patterns that mostly open with given words
# (更多, 相关新闻, 首页, [...]): one that cannot open with the paragraph's first character is
# not tried. What a pattern can open with is read off the parsed pattern, as a pattern itself
# (so that re decides, case-blind matching included, whether a character is one).

_CATEGORY_SOURCE = {_sre.CATEGORY_DIGIT: r"\d", _sre.CATEGORY_NOT_DIGIT: r"\D",
                    _sre.CATEGORY_SPACE: r"\s", _sre.CATEGORY_NOT_SPACE: r"\S",
                    _sre.CATEGORY_WORD: r"\w", _sre.CATEGORY_NOT_WORD: r"\W"}

# The sources of the character classes a match can open with (None: any character, or not
# told) and whether the items can match nothing (then what follows may open the match).
_Openings = tuple[list[str] | None, bool]


def _opening(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    """A pattern matching each character that a match of ``pattern`` can open with, or None
    when that cannot be told (``.`` first, or a match that may be empty).

    >>> _opening(re.compile("[【〔]?(?:更多|相关)[:：]?")).pattern
    '[【〔]|更|相'
    >>> bool(_opening(re.compile("(?i)(more|read more)")).fullmatch("M"))
    True
    >>> _opening(re.compile(".{0,20}ICP")) is None
    True
    """
    parsed = _parsed(pattern)
    sources, may_be_empty = _openings(list(parsed), bool(parsed.state.flags & re.I))
    if sources is None or may_be_empty:
        return None
    return re.compile("|".join(sources) or "(?!)", pattern.flags & re.ASCII)


def _openings(items: Iterable[tuple[Any, Any]], ignore_case: bool) -> _Openings:
    """What a sequence of parsed items can open with: its first item's openings, and the next
    item's too while the ones before can match nothing."""
    sources: list[str] = []
    for op, arg in items:
        found, may_be_empty = _item_openings(op, arg, ignore_case)
        if found is None:
            return None, False
        sources += found
        if not may_be_empty:
            return sources, False
    return sources, True


def _item_openings(op: Any, arg: Any, ignore_case: bool) -> _Openings:
    if op is _sre.LITERAL:
        source = re.escape(chr(arg))
        return [f"(?i:{source})" if ignore_case else source], False
    if op is _sre.IN:
        parts = []
        for kind, value in arg:
            if kind is _sre.NEGATE:
                parts.append("^")
            elif kind is _sre.LITERAL:
                parts.append(re.escape(chr(value)))
            elif kind is _sre.RANGE:
                parts.append(f"{re.escape(chr(value[0]))}-{re.escape(chr(value[1]))}")
            elif kind is _sre.CATEGORY and value in _CATEGORY_SOURCE:
                parts.append(_CATEGORY_SOURCE[value])
            else:
                return None, False
        source = "[" + "".join(parts) + "]"
        return [f"(?i:{source})" if ignore_case else source], False
    if op is _sre.SUBPATTERN:  # a group, maybe with its own flags: (?i:...)
        _, add_flags, del_flags, sub = arg
        return _openings(sub, (ignore_case or bool(add_flags & re.I)) and not del_flags & re.I)
    if op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT, _sre.POSSESSIVE_REPEAT):
        low, _, sub = arg
        found, may_be_empty = _openings(sub, ignore_case)
        return (found, may_be_empty or low == 0) if found is not None else (None, False)
    if op is _sre.ATOMIC_GROUP:
        return _openings(arg, ignore_case)
    if op is _sre.BRANCH:  # any alternative may open the match
        sources: list[str] = []
        empty = False
        for alternative in arg[1]:
            found, may_be_empty = _openings(alternative, ignore_case)
            if found is None:
                return None, False
            sources += found
            empty = empty or may_be_empty
        return sources, empty
    if op in (_sre.AT, _sre.ASSERT, _sre.ASSERT_NOT):  # (^, \b, lookarounds: no character)
        return [], True
    return None, False  # ., a back reference ...


@dataclass(frozen=True)
class _ByOpening:
    """Patterns filed by the characters they can open with, to try on a text only those that
    can match it whole (in their order)."""

    patterns: tuple[re.Pattern[str], ...]
    openings: tuple[re.Pattern[str] | None, ...]
    by_first: dict[str, tuple[re.Pattern[str], ...]] = field(default_factory=dict)

    @classmethod
    def of(cls, patterns: tuple[re.Pattern[str], ...]) -> _ByOpening:
        return cls(patterns, tuple(_opening(p) for p in patterns))

    def candidates(self, text: str) -> tuple[re.Pattern[str], ...]:
        """The patterns that can match ``text`` whole, judged by its first character."""
        first = text[:1]
        picked = self.by_first.get(first)
        if picked is None:
            if len(self.by_first) > _MEMO_MAX:
                self.by_first.clear()
            picked = self.by_first[first] = tuple(
                p for p, opening in zip(self.patterns, self.openings, strict=True)
                if opening is None or opening.fullmatch(first))
        return picked


# --- screening patterns by the characters they need ------------------------------------------
# Most noise patterns cannot match unless the text holds one of a few characters (a credit
# needs 摄 or 攝, a breadcrumb one of > › » ＞). One scan of the text for all those characters
# is much cheaper than running every pattern: a pattern starting with .{0,40} or \s* tries
# and backtracks at each position. The needed characters are read off the parsed patterns.

_MAX_NEEDED = 64  # a larger set of needed characters screens out too little to be worth it

# A needed character: (character, whether it matches case-insensitively, as c in (?i)cookie).
_Need = frozenset[tuple[str, bool]]


def _needed_chars(pattern: re.Pattern[str]) -> _Need | None:
    """Characters of which every match of ``pattern`` holds at least one (a smallest such set
    found), or None when none is found (the pattern must always be tried).

    >>> sorted(_needed_chars(re.compile(r"\\s*(?:[^\\s]{0,6}记者\\s*\\w{1,4})?(?:摄|攝)\\s*$")))
    [('摄', False), ('攝', False)]
    >>> sorted(_needed_chars(re.compile(r".{0,150}(?:cookie|追踪)", re.I)))
    [('c', True), ('追', False)]
    >>> _needed_chars(re.compile(r"\\s*[^。]{1,20}\\s*$")) is None
    True
    """
    parsed = _parsed(pattern)
    need = _needs(parsed, bool(parsed.state.flags & re.I))
    return need if need is None or len(need) <= _MAX_NEEDED else None


def _needs(items: Iterable[tuple[Any, Any]], ignore_case: bool) -> _Need | None:
    """The needed characters of a sequence: those of its most selective item."""
    best = None
    for op, arg in items:
        need = _item_needs(op, arg, ignore_case)
        if need is not None and (best is None or len(need) < len(best)):
            best = need
    return best


def _needed_sets(pattern: re.Pattern[str]) -> tuple[_Need, ...]:
    """Sets of characters such that every match of ``pattern`` holds one of each: those of
    ``_needed_chars``, then the smallest other set free of ASCII (letters, brackets and
    spaces are everywhere; a second set of CJK characters rules out many more texts).

    >>> [sorted(s) for s in _needed_sets(re.compile("(?:记者|通讯员)[^。]{0,9}(?:报道|报导)"))]
    [[('报', False)], [('记', False), ('通', False)]]
    """
    first = _needed_chars(pattern)
    if first is None:
        return ()
    parsed = _parsed(pattern)
    others = [need for need in _sequence_needs(parsed, bool(parsed.state.flags & re.I))
              if need != first and len(need) <= _MAX_NEEDED
              and not any(c.isascii() for c, _ in need)]
    return (first, min(others, key=len)) if others else (first,)


def _sequence_needs(items: Iterable[tuple[Any, Any]], ignore_case: bool) -> list[_Need]:
    """The needed characters of each item of a sequence that surely needs some."""
    found: list[_Need] = []
    for op, arg in items:
        if op is _sre.SUBPATTERN:
            _, add_flags, del_flags, sub = arg
            found += _sequence_needs(
                sub, (ignore_case or bool(add_flags & re.I)) and not del_flags & re.I)
        elif op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT, _sre.POSSESSIVE_REPEAT):
            if arg[0] >= 1:
                found += _sequence_needs(arg[2], ignore_case)
        elif op is _sre.ATOMIC_GROUP:
            found += _sequence_needs(arg, ignore_case)
        else:
            need = _item_needs(op, arg, ignore_case)
            if need is not None:
                found.append(need)
    return found


def _need(c: str, ignore_case: bool) -> tuple[str, bool]:
    return c, ignore_case and not c.lower() == c == c.upper()  # 的 has no case to ignore


def _item_needs(op: Any, arg: Any, ignore_case: bool) -> _Need | None:
    """The needed characters of one parsed item; None for anything not surely needed (an
    optional item, a negated class, a category like \\s, a big range)."""
    if op is _sre.LITERAL:
        return frozenset([_need(chr(arg), ignore_case)])
    if op is _sre.IN:
        chars: set[tuple[str, bool]] = set()
        for kind, value in arg:
            if kind is _sre.LITERAL:
                chars.add(_need(chr(value), ignore_case))
            elif kind is _sre.RANGE and value[1] - value[0] < _MAX_NEEDED:
                chars.update(_need(chr(v), ignore_case) for v in range(value[0], value[1] + 1))
            else:
                return None
        return frozenset(chars)
    if op is _sre.SUBPATTERN:  # a group, maybe with its own flags: (?i:...)
        _, add_flags, del_flags, sub = arg
        return _needs(sub, (ignore_case or bool(add_flags & re.I)) and not del_flags & re.I)
    if op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT, _sre.POSSESSIVE_REPEAT):
        low, _, sub = arg
        return _needs(sub, ignore_case) if low >= 1 else None
    if op is _sre.ATOMIC_GROUP:
        return _needs(arg, ignore_case)
    if op is _sre.BRANCH:  # each alternative needs one of its own characters
        alternatives = [_needs(alt, ignore_case) for alt in arg[1]]
        if any(a is None for a in alternatives):
            return None
        return frozenset().union(*alternatives)
    return None


def _scans(pattern: re.Pattern[str]) -> bool:
    """Whether ``pattern`` opens with a run of any length (.{0,40}, [^。]{1,24}, \\s*): matching
    it from the start of a text tries the rest at many offsets."""
    items = list(_parsed(pattern))
    return bool(items) and items[0][0] in (_sre.MAX_REPEAT, _sre.MIN_REPEAT) and items[0][1][1] > 1


@dataclass(frozen=True)
class _Screen:
    """Groups of patterns filed under the characters they need, to try on a text only those
    that can match in it (one scan of the text serves all groups)."""

    groups: tuple[tuple[re.Pattern[str], ...], ...]
    always: frozenset[tuple[int, int]]  # (group, index) of the patterns needing no character
    # (group, index, set) of the needed sets holding a character; the number of sets by pattern
    by_need: dict[tuple[str, bool], tuple[tuple[int, int, int], ...]]
    set_counts: dict[tuple[int, int], int]
    finder: re.Pattern[str]  # finds any needed character (those of case too, in any case)
    # the characters found in a text: the patterns to try, by group; a character found: the
    # needed characters it is (re itself tells: K, k and the Kelvin sign all are (?i)k)
    picks: dict[frozenset[str], tuple[list[re.Pattern[str]], ...]] = field(default_factory=dict)
    serves: dict[str, frozenset[tuple[int, int, int]]] = field(default_factory=dict)

    @classmethod
    def of(cls, *groups: tuple[re.Pattern[str], ...]) -> _Screen:
        always: set[tuple[int, int]] = set()
        by_need: dict[tuple[str, bool], list[tuple[int, int, int]]] = {}
        set_counts: dict[tuple[int, int], int] = {}
        for g, patterns in enumerate(groups):
            for k, p in enumerate(patterns):
                needs = _needed_sets(p)
                if not needs:
                    always.add((g, k))
                set_counts[g, k] = len(needs)
                for n, need in enumerate(needs):
                    for c in need:
                        by_need.setdefault(c, []).append((g, k, n))
        exact = "".join(re.escape(c) for c, fold in sorted(by_need) if not fold)
        folded = "".join(re.escape(c) for c, fold in sorted(by_need) if fold)
        if folded and folded.isascii():
            # One class is what re scans for fastest (an alternation is tried at each offset):
            # the case-blind characters join it as every character re matches them to, all
            # below U+2200 for ASCII letters (both cases, and İ ı ſ and the Kelvin sign).
            cases = re.findall(f"(?i:[{folded}])", "".join(map(chr, range(0x2200))))
            exact += "".join(re.escape(c) for c in sorted(set(cases)))
            folded = ""
        finder = "|".join(([f"[{exact}]"] if exact else []) + ([f"(?i:[{folded}])"] if folded
                                                                else [])) or "(?!)"
        return cls(groups, frozenset(always), {c: tuple(v) for c, v in by_need.items()},
                   set_counts, re.compile(finder))

    def candidates(self, text: str) -> tuple[list[re.Pattern[str]], ...]:
        """The patterns of each group that can match in ``text`` or in what is left of it once
        characters are cut out, in their order."""
        found = frozenset(self.finder.findall(text))
        picked = self.picks.get(found)
        if picked is None:
            if len(self.picks) > _MEMO_MAX:  # bound the memory on a huge, varied corpus
                self.picks.clear()
            met = set().union(*map(self._served, found))  # (group, index, set)
            sets_met = collections.Counter((g, k) for g, k, _ in met)
            keys = set(self.always).union(
                key for key, n in sets_met.items() if n == self.set_counts[key])
            picked = self.picks[found] = tuple(
                [patterns[k] for k in range(len(patterns)) if (g, k) in keys]
                for g, patterns in enumerate(self.groups))
        return picked

    def _served(self, found: str) -> frozenset[tuple[int, int, int]]:
        """The needed sets holding a character ``found`` in a text (is, or is a case of)."""
        served = self.serves.get(found)
        if served is None:
            served = self.serves[found] = frozenset().union(*(
                keys for (c, fold), keys in self.by_need.items()
                if c == found or fold and re.fullmatch(re.escape(c), found, re.I)))
        return served


@functools.cache
def load_noise(folder: str | None = None) -> Noise:
    """Compile ``noise.tsv`` of the lexicon (cached).

    >>> noise = load_noise()
    >>> noise.is_line_noise("长按二维码关注我"), noise.is_more("更多"), noise.is_more("更多的合作")
    (True, True, False)
    """
    from pathlib import Path  # noqa: PLC0415

    lexicon = Lexicon.load(Path(folder) if folder else None)
    kinds: dict[str, list[re.Pattern[str]]] = {k: [] for k in Noise.__dataclass_fields__}
    for row in lexicon.table("noise"):
        kind = row.get("kind", "")
        if kind in kinds and row.get("pattern"):
            kinds[kind].append(re.compile(row["pattern"]))
    return Noise(**{k: tuple(v) for k, v in kinds.items()})


# --- paragraphs ----------------------------------------------------------------------------


@dataclass(slots=True)
class _Para:
    start: int  # offsets of the trimmed paragraph in Page.text
    end: int
    raw: str
    text: str = ""  # cleaned
    caption: bool = False
    dated: str = ""  # the full date of a line that is only a date (and time, weekday, source)

    @property
    def headline_like(self) -> bool:
        t = self.text
        return (0 < len(t) <= _HEADLINE_MAX and t[-1] not in _SENTENCE_END
                and not self.caption and _cjk_count(t) >= 4)


_NOT_CJK = re.compile(r"[^\u3400-\u9fff]+")


def _cjk_count(text: str) -> int:
    """The number of CJK ideographs (U+3400-U+9FFF) in ``text``."""
    return len(_NOT_CJK.sub("", text))


_WS = re.compile(r"[ \t\u00a0\u3000\u2002\u2003\u2009\u200b\ufeff]+")


def clean_paragraph(text: str, noise: Noise, titles: tuple[str, ...] = ()) -> tuple[str, bool]:
    """A paragraph with inline noise, photo credits and ``ảnh N`` residue cut out.

    Returns ``(cleaned, is_caption)``. Before an ``ảnh N`` residue, a repeat of one of
    ``titles`` is cut too.

    >>> noise = load_noise()
    >>> clean_paragraph("越南与日本防务合作 ảnh 1潘文江同河野克俊亲切握手 图自越通社", noise,
    ...                 ("越南与日本防务合作",))
    ('潘文江同河野克俊亲切握手', True)
    >>> clean_paragraph("越南与美国加强防务合作。(图片来源:越通社)", noise)
    ('越南与美国加强防务合作。', True)
    """
    memo = noise._clean_memo  # paragraphs recur (site chrome, teasers of the same stories)
    known = memo.get(text)
    if known is not None:
        return known
    out = _WS.sub(" ", text).strip()
    # Cleaning only cuts characters out (the photo step may put a space back), so a pattern
    # that cannot match in the paragraph now never will: screen the three kinds at once.
    photo, inline, credit = noise._cleaning.candidates(out + " ")
    if not photo:  # then titles play no part: the result depends on the text alone
        if len(memo) > _MEMO_MAX:
            memo.clear()
        memo[text] = known = _cleaned(out, inline, credit)
        return known
    for pattern in photo:
        m = pattern.search(out)
        while m:
            before = out[:m.start()].strip()
            if before and any(before == t or (len(before) >= 6 and t.startswith(before))
                              for t in titles if t):
                before = ""
            out = (before + (" " if before and m.end() < len(out) else "") + out[m.end():])
            out = out.strip()
            m = pattern.search(out)
    return _cleaned(out, inline, credit)


def _cleaned(out: str, inline: list[re.Pattern[str]],
             credit: list[re.Pattern[str]]) -> tuple[str, bool]:
    """The inline noise and photo credits cut out of a paragraph: ``(cleaned, is_caption)``."""
    for pattern in inline:
        out = pattern.sub("", out).strip()
    caption = False
    changed = True
    while changed and out:
        changed = False
        for pattern in credit:
            m = pattern.search(out)
            if m and m.start() > 0:
                out = out[:m.start()].rstrip()
                caption = changed = True
    return out, caption


# A line's text without the spaces around it (\s is what str.strip() removes).
_LINE = re.compile(r"[^\S\n]*([^\n]*\S)")


def _paragraphs(text: str) -> list[_Para]:
    return [_Para(m.start(1), m.end(1), m[1]) for m in _LINE.finditer(text)]


_WORD = re.compile(r"\S+")
_SENTENCE_MARK = re.compile("[。！？]")


def _headline_list(para: _Para) -> list[tuple[int, int, str]]:
    """The headlines of a one-line list of headlines (space-separated, no sentence ends)."""
    raw = para.raw
    if len(raw) < 40 or _SENTENCE_MARK.search(raw):
        return []
    parts = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(raw)]
    if len(parts) < 3:
        return []
    cjk_parts = [p for p in parts
                 if len(p[2]) >= 6 and _cjk_count(p[2]) >= 4]
    if len(cjk_parts) < 3 or len(cjk_parts) < 0.7 * len(parts):
        return []
    return [(para.start + a, para.start + b, t) for a, b, t in parts]


_DATE_LINE_MAX = 50  # a longer paragraph is prose, even when it opens with a date
_PROSE_MARK = re.compile("[，,。；;！？]")  # nor is a paragraph holding these a date line


def _date_only(text: str) -> str:
    """The full date of a header line holding only a date, a time, a weekday and maybe the
    source ("2023-05-18 23:10:42 来源：新华社", "2023年7月25日星期二"), else "".

    >>> _date_only("2023年5月7日 19時30分"), _date_only("2023年5月7日，岸田抵达首尔")
    ('2023-05-07', '')
    """
    if len(text) > _DATE_LINE_MAX or _PROSE_MARK.search(text):
        return ""
    return _line_date(text)


@functools.lru_cache(maxsize=16_384)  # a site prints the same date lines on many pages
def _line_date(text: str) -> str:
    """The full date opening a short line without prose marks, else "" (see _date_only)."""
    spans = find_dates(text)
    if not spans or spans[0].start > 1 or not spans[0].begin[:1].isdigit():
        return ""
    return spans[0].begin


_COPYRIGHT = re.compile(r"(?:©|\(c\)|Copyright|版权所有|版權所有)\s*(?:(?:19|20)\d{2}\s*[-–—~]\s*)?"
                        r"(?P<y>(?:19|20)\d{2})(?!\d)", re.I)


def _copyright_year(text: str) -> int | None:
    """The year of a page's copyright footer ("© 2023 Deutsche Welle", the last year of a
    range), the page's year when nothing else dates it.

    >>> _copyright_year("正文\\n© 2019-2023 Deutsche Welle | 隱私聲明"), _copyright_year("正文")
    (2023, None)
    """
    if not ("©" in text or "版权所有" in text or "版權所有" in text):
        low = text.lower()  # (any case of the Latin marks; the case-blind scan is slow)
        if "copyr" not in low and "(c)" not in low:
            return None
    years = [int(m["y"]) for m in _COPYRIGHT.finditer(text)]
    return years[-1] if years else None


def _grams(text: str) -> frozenset[str]:
    """The character trigrams of ``text`` (the text itself when shorter)."""
    if len(text) < 3:
        return frozenset([text])
    return frozenset(map("".join, zip(text, text[1:], text[2:], strict=False)))


def _coverage(short: frozenset[str], long_: frozenset[str]) -> float:
    """Share of the shorter paragraph's character trigrams found in the longer one."""
    return len(short & long_) / max(1, len(short))


def _far_apart(short: str, long_: str) -> bool:
    """Whether over a fifth of the shorter paragraph's trigrams are missing from the longer one,
    so its coverage is below 0.8. Unrelated paragraphs show it within a few trigrams, without
    building the trigram sets.

    >>> _far_apart("越南与日本防务合作", "越南与美国加强防务合作")
    True
    >>> _far_apart("越南国防部长对美国进行正式访问", "越南国防部长对美国进行了正式访问")
    False
    """
    limit = (len(short) - 2) / 5  # coverage < 0.8 when more than this many are missing
    # Characters first: single ones are cheaper to look for than trigrams, and unrelated
    # paragraphs differ in most of theirs. A trigram holding the first occurrence of a
    # character absent from the longer paragraph is missing, and no two such trigrams are
    # equal (the later one holds a first occurrence that its earlier copy would put before it):
    # they count as distinct missing trigrams.
    last = len(short) - 3  # the last trigram's start
    absent: set[str] = set()
    counted = 0  # trigrams holding a first occurrence of an absent character ...
    end = -1  # ... all starting at or before this one
    for p, c in enumerate(short):
        if c not in long_ and c not in absent:
            absent.add(c)
            # the trigrams holding p not counted yet: from p - 2 (or after end, or 0) to p
            # (or the last); conditionals, as min() and max() cost more than the rest here
            lo = p - 2 if p - 2 > end else end + 1
            if lo < 0:
                lo = 0
            hi = p if p < last else last
            if hi >= lo:
                counted += hi - lo + 1
                end = hi
                if counted > limit:
                    return True
    missing: set[str] = set()
    for k in range(len(short) - 2):
        gram = short[k:k + 3]
        if gram not in long_:
            missing.add(gram)
            if len(missing) > limit:
                return True
    return False


def _drop_repeats(paras: list[_Para], title: str = "") -> list[_Para]:
    """Keep one copy of a paragraph printed twice (the fuller copy; the title always stays).

    Exact repeats are dropped anywhere in the story; a paragraph wholly inside another, or a
    near repeat (the lead printed again with a dateline or a few words changed: 80% of its
    character trigrams in the other), when the two are close (or one is at the top). Linear in
    the number of paragraphs, so a huge page stays fast.
    """
    protected = next((k for k, p in enumerate(paras) if title and p.text == title), -1)
    drop: set[int] = set()
    first_seen: dict[str, int] = {}
    grams: list[frozenset[str] | None] = [None] * len(paras)

    def gram(k: int) -> frozenset[str]:
        g = grams[k]
        if g is None:
            g = grams[k] = _grams(paras[k].text)
        return g

    def victim(i: int, j: int) -> int:
        """Which of two repeats goes: the shorter, the later when equal."""
        if len(paras[i].text) == len(paras[j].text):
            return i if j == protected else j
        return i if len(paras[i].text) < len(paras[j].text) else j

    for j, q in enumerate(paras):
        if q.text in first_seen:
            i = first_seen[q.text]
            v = victim(i, j)
            drop.add(v)
            if v == i:
                first_seen[q.text] = j
            continue
        first_seen[q.text] = j
        if len(q.text) < 6:
            continue
        near = max(0, j - _DUP_WINDOW)  # the paragraphs just before, and the first three
        for i in itertools.chain(range(min(3, near)), range(near, j)):
            p = paras[i]
            if i in drop or len(p.text) < 6:
                continue
            short, long_ = (p.text, q.text) if len(p.text) <= len(q.text) else (q.text, p.text)
            same = short in long_
            if not same and len(short) >= 0.5 * len(long_) and not _far_apart(short, long_):
                gs, gl = (gram(i), gram(j)) if short is p.text else (gram(j), gram(i))
                same = _coverage(gs, gl) >= 0.8
            if same:
                v = victim(i, j)
                if v == protected:  # the title inside a longer paragraph: both stay
                    continue
                drop.add(v)
                if v == j:
                    break
    return [p for k, p in enumerate(paras) if k not in drop]


# --- script and ids ------------------------------------------------------------------------


@functools.cache
def _t2s():
    import opencc  # noqa: PLC0415

    return opencc.OpenCC("t2s")


def detect_script(text: str) -> str:
    """``"traditional"`` when OpenCC t2s changes enough characters of ``text``, else simplified.

    >>> detect_script("國家主席阮春福接見老撾國會主席")
    'traditional'
    >>> detect_script("国家主席阮春福会见老挝国会主席")
    'simplified'
    """
    if not text:
        return "simplified"
    sample = text[:5000]
    try:  # (OpenCC takes UTF-8: lone surrogates fail, found without a scan of every text)
        converted = _t2s().convert(sample)
    except UnicodeEncodeError:  # lone surrogates to "?"
        sample = sample.encode("utf-8", "replace").decode("utf-8")
        converted = _t2s().convert(sample)
    if converted == sample:  # most simplified text: nothing changed
        return "simplified"
    enough = max(2, 0.02 * _cjk_count(sample))  # changed characters that make it traditional
    if len(converted) != len(sample):  # conversion of phrases can change length; compare sets
        changed = sum(1 for c in sample if _t2s_char(c) != c)
        return "traditional" if changed >= enough else "simplified"
    changed = 0
    for k in range(0, len(sample), _CHUNK):  # count in the chunks that differ, up to enough
        a, b = sample[k:k + _CHUNK], converted[k:k + _CHUNK]
        if a != b:
            changed += sum(map(str.__ne__, a, b))
            if changed >= enough:
                return "traditional"
    return "simplified"


_CHUNK = 200
_script = functools.lru_cache(maxsize=4096)(detect_script)  # (see _story_date)


@functools.lru_cache(maxsize=65_536)
def _t2s_char(c: str) -> str:
    return _t2s().convert(c)


def article_id(source_file: str, index: int) -> str:
    """The stable id of a story: 16 hex digits of SHA-1 over (source file, index).

    >>> article_id("000_07f46a5e7c02f47f.txt", 0) == article_id("000_07f46a5e7c02f47f.txt", 0)
    True
    >>> len(article_id("a.txt", 3))
    16
    """
    return hashlib.sha1(f"{source_file}\x00{index}".encode()).hexdigest()[:16]


# --- dates ---------------------------------------------------------------------------------


_BRACKET = re.compile(r"[(（\[【)）\]】]")


def _outside_brackets(text: str, pos: int) -> bool:
    depth = 0
    for c in _BRACKET.findall(text, 0, pos):  # only the brackets before pos matter
        if c in "(（[【":
            depth += 1
        elif c in ")）]】" and depth:
            depth -= 1
    return depth == 0


def _page_date(page: Page, main_own: str | None) -> str:
    """The page's date: its metadata, else the main story's dateline (``main_own``: the
    ``article_date`` of the main story's text, None without one), else the URL's date."""
    if page.date:
        return page.date
    if main_own and main_own[:1].isdigit():
        return main_own
    # article_date(main story, hint=url) without reading the story twice: the hint's date
    # wins over a month-day of the text
    return article_date("", hint=page.url) or main_own or ""


def _with_year(month_day: str, page_date: str) -> str:
    """Put the page's year on a story's ``--MM-DD`` (the year before, when it would be later
    than the page's date by over two months)."""
    year = int(page_date[:4])
    candidate = f"{year:04d}{month_day[1:]}"
    if candidate[5:] > page_date[5:] and int(candidate[5:7]) - int(page_date[5:7]) > 2:
        candidate = f"{year - 1:04d}{month_day[1:]}"
    if find_dates(candidate):
        return candidate
    return month_day


# Teasers of the same stories recur from page to page (and pages from site to site): their
# date and script are read once. (Bounded: a key holds the story's text.)
@functools.lru_cache(maxsize=4096)
def _story_date(raw: str, text: str, page_date: str, main: bool = False,
                own: str | None = None) -> str:
    """A story's date: its dateline or first full date (dates in brackets, such as a founding
    year, count only when there is no other), else the page's full date (with the page's year
    put on the story's first month-day), else the story's month-day, else the page's.

    The main story with no dateline of its own takes the page's full date, never the first
    month-day of its text (which may be a date it announces: 將於3月1日至2日). ``own``:
    ``article_date(raw)`` when already known.
    """
    own = article_date(raw) if own is None else own
    if own[:1].isdigit():
        return own
    if main and page_date[:1].isdigit():
        return _with_year(own, page_date) if own else page_date
    spans = find_dates(text)
    outside = [d for d in spans if _outside_brackets(text, d.start)]
    full = [d for d in outside if d.begin[:1].isdigit()]
    if full:
        return full[0].begin
    if not outside:
        latest = [d.finish or d.begin for d in spans if d.begin[:1].isdigit()]
        if latest:
            return max(latest)
    month_day = own or next((d.begin for d in outside or spans), "")
    if page_date[:1].isdigit():
        return _with_year(month_day, page_date) if month_day else page_date
    return month_day or page_date


def _year_given(date: str, year: int | None) -> str:
    """A ``--MM-DD`` date with the page's year (from its copyright line) put on it."""
    if year is None or not date.startswith("--"):
        return date
    full = f"{year:04d}{date[1:]}"
    return full if valid_date(year, int(full[5:7]), int(full[8:10])) else date


# --- splitting -----------------------------------------------------------------------------


@dataclass
class _Story:
    paras: list[_Para]
    title: str = ""
    title_only: bool = False
    start: int = -1
    end: int = -1


def _group_teasers(items: list[_Para]) -> list[_Story]:
    """Teasers after a 更多 marker: caption, headline, lead; or headlines alone."""
    n = len(items)
    if n >= 3 and n % 3 == 0 and all(items[k + 1].headline_like and not items[k + 2].headline_like
                                     and not items[k + 2].caption for k in range(0, n, 3)):
        return [_Story(items[k:k + 3], title=items[k + 1].text) for k in range(0, n, 3)]
    stories: list[_Story] = []
    awaiting_title = False
    for it in items:
        if it.caption:
            stories.append(_Story([it]))
            awaiting_title = True
        elif it.headline_like:
            if stories and awaiting_title:
                stories[-1].paras.append(it)
                stories[-1].title = it.text
            else:
                stories.append(_Story([it], title=it.text))
            awaiting_title = False
        else:
            if not stories:
                stories.append(_Story([it]))
            else:
                stories[-1].paras.append(it)
            awaiting_title = False
    return stories


def _listy(p: _Para) -> bool:
    """A headline, or a short label of a menu (首页, 热门): a line of a list, not prose."""
    t = p.text
    return bool(p.dated) or p.headline_like or (len(t) <= 8 and not p.caption
                                                and t[-1:] not in _SENTENCE_END)


def _strip_headline_runs(main: list[_Para]) -> tuple[list[_Para], list[_Para]]:
    """Lists of headlines printed one a line around the main story (a menu of other stories
    before its title, or after its last paragraph with no 更多 marker): ``(story, headlines)``.

    Before the first paragraph of prose, three or more list lines are a list: its last headline
    is the story's own title, the headlines before it are other stories (short menu labels
    such as 首页 go). After the last paragraph of prose, three or more list lines are a list.
    A line holding only a date (the page's header date) is never a headline: it stays with
    the story.
    """
    prose = [k for k, p in enumerate(main) if not _listy(p)]
    if not prose:
        return main, []
    first, last = prose[0], prose[-1]
    headlines: list[_Para] = []
    head = main[:first]
    titles = [k for k, p in enumerate(head) if p.headline_like and not p.dated]
    if len(head) >= 3 and titles:
        cut = titles[-1]
        headlines = [p for p in head[:cut] if p.headline_like and not p.dated]
        kept = [p for p in head[:cut] if p.dated]
        main = kept + main[cut:]
        last += len(kept) - cut
    tail = main[last + 1:]
    if len(tail) >= 3:  # two could be a caption and a cut-off last line
        headlines += [p for p in tail if p.headline_like and not p.dated]
        main = main[:last + 1] + [p for p in tail if p.dated]
    return main, headlines


def split_page(page: Page, noise: Noise | None = None) -> list[Article]:
    """Cut ``page`` into its stories: the main article first, then teasers and headline links.

    >>> from kg.model import Page
    >>> page = Page(path="x.txt", text="首页 > 外交部长活动\\n\\n王毅会见裴青山\\n\\n2022-08-05 16:40\\n\\n"
    ...             "当地时间2022年8月4日,王毅会见越南外长裴青山。\\n\\n返回顶部")
    >>> [(a.title, a.date, a.text) for a in split_page(page)]
    [('王毅会见裴青山', '2022-08-05', '王毅会见裴青山\\n2022-08-05 16:40\\n当地时间2022年8月4日,王毅会见越南外长裴青山。')]
    """  # noqa: E501
    noise = noise or load_noise()
    paras = _paragraphs(page.text)
    title_hint = (page.title or "").strip()
    hint = (title_hint,) if title_hint else ()
    head_titles = hint  # the texts of the first three main paragraphs, then the page's title
    in_teasers = False
    main: list[_Para] = []
    teasers: list[_Para] = []
    extra: list[_Story] = []  # link headlines and headline lists
    for p in paras:
        if noise.is_more(p.raw):
            in_teasers = True
            continue
        if noise.is_line_noise(p.raw):
            continue
        headline = noise.link_headline(p.raw)
        if headline:
            q = _Para(p.start, p.end, p.raw, text=headline)
            extra.append(_Story([q], title=headline, title_only=True))
            continue
        listed = _headline_list(p)
        if listed:
            for a, b, t in listed:
                cleaned, _ = clean_paragraph(t, noise)
                if cleaned and not noise.is_line_noise(cleaned):
                    q = _Para(a, b, t, text=cleaned)
                    extra.append(_Story([q], title=cleaned, title_only=True))
            continue
        known_titles = head_titles
        if in_teasers and teasers:
            known_titles = (teasers[-1].text,) + known_titles
        p.text, p.caption = clean_paragraph(p.raw, noise, known_titles)
        if not p.text or (p.text != p.raw and noise.is_line_noise(p.text)):  # raw: not noise
            continue
        if not in_teasers:
            p.dated = _date_only(p.text)
        if in_teasers:
            teasers.append(p)
        else:
            main.append(p)
            if len(main) <= 3:
                head_titles = tuple(x.text for x in main) + hint

    main, menu = _strip_headline_runs(main)
    extra.extend(_Story([q], title=q.text, title_only=True) for q in menu)
    stories: list[_Story] = []
    if main:
        title = ""
        lead = next((p for p in main if not p.dated), main[0])
        if title_hint:
            title = title_hint
        elif lead.headline_like:
            title = lead.text
        stories.append(_Story(main, title=title))
    stories.extend(_group_teasers(teasers))
    for story in stories + extra:
        story.start = min(p.start for p in story.paras)
        story.end = max(p.end for p in story.paras)
        if len(story.paras) > 1:
            story.paras = _drop_repeats(story.paras, story.title)
    first, rest = (stories[:1], stories[1:]) if main else ([], stories)
    rest = sorted(rest + extra, key=lambda s: s.paras[0].start)

    main_own = article_date(page.text[stories[0].start:stories[0].end]) if main else None
    page_date = _page_date(page, main_own)
    year = None if page_date[:1].isdigit() else _copyright_year(page.text)
    articles: list[Article] = []
    for story in first + rest:
        text = "\n".join(p.text for p in story.paras if p.text)
        if not text.strip():
            continue
        index = len(articles)
        start, end = story.start, story.end
        raw = page.text[start:end]
        own = main_own if main and story is stories[0] else None  # its article_date, known
        articles.append(Article(
            id=article_id(page.path, index),
            source_file=page.path,
            index=index,
            title=story.title,
            text=text,
            start=start,
            end=end,
            date=_year_given(_story_date(raw, text, page_date, main=bool(main) and index == 0,
                                         own=own), year),
            url=page.url,
            outlet=page.outlet,
            script=_script(text),
        ))
    return articles
