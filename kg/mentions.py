"""The mention stage: persons, countries, organizations, places and titles in an article.

Everything is read from ``to_simplified(article.text)`` (same length, so offsets hold);
``Mention.text`` is the span as printed, ``Mention.key`` the simplified canonical name.

Persons are found by method, not by list:

- a title or a chain of titles before a name (越共中央委员、中央军委常委、总参谋长、国防部副部长
  潘文江; 国务委员兼外长王毅; 日本防卫大臣岩屋毅);
- a rank, post or honorific after a name (潘文江上将, 王毅外长, 苏林总书记, 洪森亲王);
- transliterated names joined by a middle dot (通伦·西苏里; ・•‧ are read as ·);
- a Latin-script name in brackets after a Chinese one (河野克俊(KatsutoshiKawano));
- a hereditary title printed as part of the name (东姑扎夫鲁), Jr./Sr. before a
  transliterated name (小马科斯, 老马科斯);
- names with no title, rank or dot (:meth:`_Reader.free_at`): where a clause begins (蔡奇陪同考察,
  ▶ 郑宗龙：…), after a verb (击败拉克什亚森, 会见了王毅), after a country and 的
  (泰国的昆拉武特), after 和/与/同; the end must be surely marked (a verb or function word of
  name_stopwords.tsv, a colon in a headline, a list separator 、／ with a name beside it), the
  name must be led by a surname or made of transliteration characters, be no word of jieba's
  dictionary (frequency, and its part-of-speech tags: 智库 is a noun), and jieba must not join
  it to what follows;
- the surname list and transliteration characters to tell a name from a word, the name's other
  occurrences in the article and jieba (on a short window) to tell where it ends;
- a short gazetteer of well-known leaders, for bare mentions (普京).

Within the article, every other occurrence of a found name is a mention; a short form of a
dotted name (马蒂斯 after 詹姆斯·马蒂斯) and a plain typo of a name nearby (范文江 in a text
about 潘文江, or found with no title: 陆兆富 beside 交通部长陆兆福) get the full name's key; a
Japanese surname alone (岸田首相) is the full name (岸田文雄); a dotted name with a middle name
(弗拉基米尔·弗拉基米罗维奇·普京) gets the gazetteer's key of the same first and last parts.

>>> from kg.model import Article
>>> a = Article(id="a", source_file="x", index=0, title="", start=0, end=0,
...     text="应日本自卫队统合幕僚长河野克俊(KatsutoshiKawano)的邀请，潘文江上将访问日本。")
>>> [(m.key, m.kind) for m in find_mentions(a) if m.kind != "title"]
[('日本自卫队', 'organization'), ('河野克俊', 'person'), ('潘文江', 'person'), ('JP', 'country')]
"""

from __future__ import annotations

import bisect
import functools
import operator
import re
from collections.abc import Iterator
from dataclasses import dataclass

import jieba

from kg.lexicon import Lexicon
from kg.model import (
    COUNTRY,
    MENTION_SETTERS,
    ORGANIZATION,
    PERSON,
    PLACE,
    TITLE,
    Article,
    Mention,
)
from kg.nlp import (
    DOT,
    HYPHENS,
    Entry,
    Gazetteer,
    Match,
    best_cover,
    gazetteer,
    is_han,
    normalize_dots,
    to_simplified,
    tokenizer,
    word_classes,
)

__all__ = ["find_mentions", "find_persons"]

_MAX_NAME = 4  # characters of a name without a middle dot (阮氏金银, 河野克俊)
_MAX_TRANSLIT = 8  # characters of a transliterated name without a middle dot (卡瑟马利耶夫)
_MAX_PART = 8  # characters of one part of a dotted name (弗拉基米罗维奇)
_LATIN = re.compile(r"\s*[(（]\s*([A-Za-z][A-Za-z .'\-]*[A-Za-z.])\s*[)）]")
_LATIN_BRACKET = re.compile(_LATIN.pattern.removeprefix(r"\s*"))
_CAMEL = re.compile("[a-z][A-Z]")
_PERSON_ONLY = frozenset({"person"})
_EMITTED = frozenset({"org", "place", "title", "rank"})
_NAME_PREFIX = frozenset({"name_prefix"})
_LEN_BONUS = {2: 0.5, 3: 1.0, 4: 0.5}  # a name's usual lengths score higher
_CUE_KINDS = frozenset({"name_prefix", "title", "prefix", "rank", "honorific"})
_LAND = frozenset({"country", "place"})
_TITLE_ORG_RANK = frozenset({"title", "org", "rank"})
_REGNAL = re.compile("[一二三四五六七八九十]世")  # a regnal number after a monarch's name
_REGNAL_AFTER = re.compile("[一二三四五六七八九十](?<=[\u4e00-\u9fff].)世")  # (class first)
_HAN_CLASS = "\u4e00-\u9fff\u3400-\u4dbf\uf900-\ufaff"
_NOT_HAN = re.compile(f"[^{_HAN_CLASS}]")  # one regex search instead of is_han per character
_MEMO_LIMIT = 1 << 17  # entries of a per-process memo before it is emptied


@dataclass(slots=True)
class _Cand:
    """A person candidate: a span of the simplified text with what is known about it."""

    start: int
    end: int
    score: float
    how: str  # title, after, dot, latin, gazetteer, repeat, part, typo
    key: str = ""
    byline: bool = False
    titled: bool = False
    listed: bool = False  # a list item with no title: a name only beside another (free)


class _Reader:
    """One article's simplified text, its lexicon matches and the person finder."""

    def __init__(self, text: str, g: Gazetteer, lexicon: Lexicon | None) -> None:
        self.t = text
        n = self.n = len(text)
        self.g = g
        self.lexicon = lexicon
        st = _static(g, lexicon)
        # a well-known name followed by 市/省 is a place named after the person (胡志明市)
        place_after = st["place_after_name"]
        hits = [h for h in g.hits(text)
                if h[4] != _PERSON_ONLY or h[1] >= n or text[h[1]] not in place_after]
        # best_cover reads only (start, end): plain tuples go in, and only the chosen ones
        # become Match objects (same fields, same order)
        new = tuple.__new__
        self.matches = [new(Match, h) for h in best_cover(hits, ordered=True)]
        at_start: dict[int, Match] = {}
        at_end: dict[int, Match] = {}
        lexcov = bytearray(n + 1)  # 1 where a non-person lexicon word lies
        # the matches each later pass reads, sorted out here in one pass (by what their
        # kinds hold, remembered per set of kinds): persons, cues of a name (a title, prefix,
        # rank or honorific) and countries
        self.persons: list[Match] = []
        self.cues: list[Match] = []
        self.countries: list[Match] = []
        lists = (None, self.persons, self.cues, self.countries)
        kind_lists = st["kind_lists"]
        for m in self.matches:
            a, b, _, _, kinds = m  # (plain unpacking: cheaper than the named fields)
            at_start[a] = at_end[b] = m
            got = kind_lists.get(kinds)
            if got is None:
                got = kind_lists[kinds] = _kind_lists(kinds)
            lex, which = got
            if lex:
                lexcov[a:b] = b"\x01" * (b - a)
            for k in which:
                lists[k].append(m)
        self.at_start, self.at_end = at_start, at_end
        self._starts: list[int] | None = None  # the matches' starts (see match_at)
        self.lexcov = lexcov
        self._count_cache: dict[str, int] = {}
        self.has_regnal = "世" in text  # (most texts name no 查尔斯三世: no regex search)
        # the tokenizer, its frequencies, the rule classes and the memos depend on the
        # lexicon only: set once per process (:func:`_static`)
        self.__dict__.update(st["attrs"])

    # -- small tests ----------------------------------------------------------------------

    def han(self, i: int) -> bool:
        if 0 <= i < self.n:
            c = self.t[i]  # (is_han, inlined: this runs for most characters of a text)
            return ("\u4e00" <= c <= "\u9fff" or "\u3400" <= c <= "\u4dbf"
                    or "\uf900" <= c <= "\ufaff")
        return False

    def count(self, s: str) -> int:
        if s not in self._count_cache:
            self._count_cache[s] = self.t.count(s)
        return self._count_cache[s]

    def common(self, word: str, min_freq: int = 100) -> bool:
        """A two-character dictionary word of jieba frequency >= ``min_freq`` (not a name)."""
        if len(word) != 2 or (self.freq.get(word) or 0) < min_freq:
            return False
        # the rest of is_common_word: no known person's name (a set, built once)
        return word not in self.person_words

    def lex_starts(self, i: int) -> bool:
        m = self.at_start.get(i)
        return m is not None and "person" not in m.kinds  # (every match has its kinds)

    def lex_ends(self, i: int) -> bool:
        m = self.at_end.get(i)
        return m is not None and "person" not in m.kinds

    def covered(self, a: int, b: int) -> bool:
        """True when a non-person lexicon word overlaps ``[a, b)``."""
        return self.lexcov.find(1, a, b) >= 0  # (no copy of the slice)

    def right_boundary(self, i: int) -> float:
        """How surely a name may end before ``i``: 2 strong, 1 weak (a one-char stop), 0 no."""
        if i >= self.n:
            return 2
        c = self.t[i]
        if not ("\u4e00" <= c <= "\u9fff" or is_han(c)):  # (the common case first)
            return 2
        m = self.at_start.get(i)
        if m is not None and "person" not in m.kinds:  # (lex_starts, inlined)
            return 2
        stop = self.stop_at(i)
        if stop:
            if len(stop) == 1 and self.fake_conjunction(i):
                return 0
            return 2 if len(stop) > 1 else 1.5 if stop in self.never_at_edge else 1
        # (common, inlined)
        word = self.t[i:i + 2]
        if (self.freq.get(word) or 0) >= 300 and len(word) == 2 and (
                word not in self.person_words):
            return 1
        return 0

    def fake_conjunction(self, i: int) -> bool:
        """``t[i]`` is a one-character conjunction (和, 同) that joins nothing: what follows
        cannot start a conjunct (魏凤和的邀请, 魏凤和、政府), so it is part of the name."""
        if self.t[i] not in self.conjunctions:
            return False
        j = i + 1
        if j >= self.n or not is_han(self.t[j]):
            return True
        c = self.t[j]
        if c in self.never_at_edge or c in self.conjunctions or c in "的了":
            return True
        # a verb (魏凤和接受了, 魏凤和赠送) or a rank (魏凤和大将) after it: nothing to
        # join; 和夫人 does join
        m = self.at_start.get(j)
        if m is not None and not m.kinds.isdisjoint(("rank", "honorific")):
            return True
        stop = self.g.stop_after_at(self.t, j)
        return len(stop) > 1 and not self.lex_starts(j)

    def left_boundary(self, i: int) -> int:
        """How surely a name may start at ``i``."""
        if i <= 0 or not is_han(self.t[i - 1]):
            return 2
        if self.lex_ends(i):
            return 2
        stop = self.g.stop_before_at(self.t, i)
        if stop:
            return 2 if len(stop) > 1 else 1
        if i >= 2 and self.common(self.t[i - 2:i], 300):
            return 1
        return 0

    def valid_name(self, name: str, sure_end: bool = False) -> bool:
        """Does ``name`` (no middle dot) look like a personal name?

        ``sure_end``: the name ends where the text surely cuts (punctuation, a title): then a
        three-character name led by a surname may begin with a dictionary word (黎明兴).

        The answer depends on the name and the lexicon only: it is remembered per process
        (most candidates recur across a corpus)."""
        return self.valid_names(name)[bool(sure_end)]

    def valid_names(self, name: str) -> tuple[bool, bool]:
        """``valid_name(name, False), valid_name(name, True)``, remembered per process (one
        look-up by the name answers both)."""
        got = self._valid.get(name)
        if got is None:
            if len(self._valid) > _MEMO_LIMIT:
                self._valid.clear()  # (bounded memory on a long run)
            # sure_end only lets more names through: a name valid without it is valid with it
            plain = self._valid_name(name, False)
            got = self._valid[name] = (plain, plain or self._valid_name(name, True))
        return got

    def _valid_name(self, name: str, sure_end: bool) -> bool:
        n = len(name)
        if n < 2 or n > _MAX_TRANSLIT or _NOT_HAN.search(name):
            return False
        if not self.never_in_name.isdisjoint(name[1:]) or name[-1] in self.not_name_end:
            return False
        if name in self.g.words and any(e.kind == "person" for e in self.g.words[name]):
            return True
        if self.g.stop_after_at(name, 0) == name or self.g.stop_before_at(name, n) == name:
            return False  # a stop word is no name (曾任副总统)
        translit_set = self.g.translit
        if n >= 4 and name[0] in self.generation and translit_set.issuperset(name[1:]):
            return not self.common(name[1:3], 300)  # 小马科斯, 老马科斯 (Jr., Sr.)
        sl = self.g.surname_len(name)
        translit = translit_set.issuperset(name)
        if not sl and not translit:
            return False
        if n > _MAX_NAME and not translit:
            return False
        if n == 2 and all(c in self.g.abbr for c in name):
            return False  # 韩美外长, 中越关系: two country abbreviations
        if name in self.plain_words:
            return False  # a word of the dictionary that is no name (智库, 主席国)
        if n == 4 and not translit and not (sl == 2 or (sl == 1 and name[1] == "氏")):
            return False
        # a dictionary word is no name (祝贺, 高度); jieba's dictionary also holds some names
        # (苏林, 普京), so only frequent words count
        if sure_end and sl == 1 and n == 3 and not self.common(name[1:], 500):
            return True
        if not sl and n == 3 and self.common(name[1:], 300):
            return False  # 大宗派: a word inside a run of transliteration characters
        if self.common(name[:2], 500) and not (translit and name[1] not in self.g.surnames and (
                name[:2] in self.name_words or name in self.name_words)):
            return False  # 高度, 多谢 ...; but 布朗 (Brown) is itself a name
        return True

    def match_at(self, i: int) -> Match | None:
        """The lexicon match that covers offset ``i``, if any (the matches do not overlap:
        a binary search of their starts, listed on the first call: few offsets are asked
        about, and a list of matches per character cost more to fill than it saved)."""
        starts = self._starts
        if starts is None:
            starts = self._starts = [m[0] for m in self.matches]
        k = bisect.bisect_right(starts, i) - 1
        if k >= 0 and i < self.matches[k][1]:
            return self.matches[k]
        return None

    def inner_place(self, a: int, b: int) -> bool:
        """Every lexicon word in ``[a, b)`` is a country or place inside it, not at its start
        (马利 in 卡瑟马利耶夫): a transliterated name may run over it."""
        i = a
        while i < b:
            m = self.match_at(i)
            if m is None:
                i += 1
                continue
            if m.start <= a or m.end > b or m.kinds.isdisjoint(_LAND) or not (
                    m.kinds.isdisjoint(_TITLE_ORG_RANK)):
                return False
            i = m.end
        return True

    def jieba_cuts(self, a: int, b: int, hmm: bool = True) -> set[int]:
        """Token boundaries (absolute offsets) jieba puts in the window ``[a, b)``; with
        ``hmm=False`` only dictionary words join characters (faster)."""
        cuts = {a}
        pos = a
        window = self.t[a:b]
        words = _hmm_words(window, self.tk) if hmm else _dag_words(window, self.tk)
        for w in words:
            pos += len(w)
            cuts.add(pos)
        return cuts

    def repeat_score(self, a: int, b: int, forward: bool = True) -> float:
        """Evidence from the name's other occurrences that ``[a, b)`` is a whole name.

        A name is followed (or, read backwards, preceded) by varied characters; a string that
        is always followed by the same character is part of a longer name (魏凤 in 魏凤和).
        """
        name = self.t[a:b]
        k = self.count(name)
        if k < 2:
            return 0.0
        sides = set()
        start = self.t.find(name)
        while start >= 0:
            i = start + len(name) if forward else start - 1
            sides.add(self.t[i] if 0 <= i < self.n else "")
            start = self.t.find(name, start + 1)
        if len(sides) >= 2:
            return 4.0
        only = next(iter(sides))
        bound = self.right_boundary(b) if forward else self.left_boundary(a)
        if only and is_han(only) and not bound:
            return -2.0
        return 1.0

    # -- names after a title, before a rank ---------------------------------------------------

    def name_after(self, s: int) -> _Cand | None:
        """The person name that starts at ``s`` (right after a title), if any."""
        t = self.t
        if s < self.n and t[s] in " \u3000\xa0" and self.han(s + 1):
            s += 1  # 国家主席 梁强: one blank between the title and the name
        if s < self.n and t[s] in self.prefix_chars and self.han(s + 1) and self.han(s + 2):
            s += 1  # 前首相敦马哈迪: a one-character honorific (Tun) is no part of the name
        if not self.han(s):
            return None
        m = self.at_start.get(s)
        if m is not None:
            if "person" not in m.kinds:
                return None
            if m.end < self.n and self.t[m.end] == DOT:
                return None  # the start of a longer dotted name: read by the dotted scan
            return _Cand(s, m.end, _gazetteer_score(m), "gazetteer", key=m.entry("person").key)
        if self.stop_at(s):
            return None
        # the end of the run of Han characters (at most _MAX_PART + 1 of them) from s
        limit = min(self.n, s + _MAX_PART + 1)
        not_han = _NOT_HAN.search(t, s, limit)
        first_dot = not_han.start() if not_han is not None else limit
        if (first_dot < self.n and t[first_dot] == DOT and first_dot > s
                and (not self.covered(s, first_dot) or self.inner_place(s, first_dot))
                and self.part_start(first_dot, s, strict=False) == s):
            c = self.dotted_at(first_dot, s)
            if c is not None:
                return c
        if t[s] in self.title_compound:
            return None  # 轮值主席国, 总统府, 主席团: the title is part of a longer noun
        m = _REGNAL_AFTER.search(t, s + 2, min(self.n, s + _MAX_TRANSLIT + 2)) if (
            self.has_regnal) else None
        if m is not None and (m.end() >= self.n or not is_han(t[m.end()]) or (
                len(self.stop_at(m.end())) > 1 or self.lex_starts(m.end()))) and all(
                is_han(c) and c not in self.never_in_name for c in t[s:m.start()]) and (
                not self.covered(s, m.end())):
            return _Cand(s, m.end(), 4.0, "title")  # 国王恩史瓦帝三世, 查尔斯三世
        return self.pick_length(s, [s + k for k in range(2, _MAX_TRANSLIT + 1)], forward=True)

    def list_name(self, s: int, strict: bool) -> _Cand | None:
        """The next name of a list (after 、 or 和): a name that ends where the text surely
        cuts; after 和/与/及 only a surname-led or dotted name."""
        c = self.name_after(s)
        if c is None or not self.right_boundary(c.end):
            return None
        name = self.t[c.start:c.end]
        if c.how in ("gazetteer", "dot"):
            return c
        if strict and (not self.g.surname_len(name) or len(name) < 3 or c.score < 3.0):
            return None
        return c

    def name_before(self, e: int) -> _Cand | None:
        """The person name that ends at ``e`` (right before a rank or post), if any."""
        if not self.han(e - 1) or (e - 1 > 0 and self.t[e - 1] == DOT):
            return None
        m = self.at_end.get(e)
        if m is not None:
            ent = m.entry("person")
            if ent and m.start > 0 and self.t[m.start - 1] == DOT:
                return None  # the end of a longer dotted name: read by the dotted scan
            if ent:
                return _Cand(m.start, e, _gazetteer_score(m), "gazetteer", key=ent.key)
            return None
        # part of a dotted name: those are read by the dotted scan
        for k in range(1, _MAX_PART + 1):
            if e - k - 1 >= 0 and self.t[e - k - 1] == DOT:
                if all(self.han(i) for i in range(e - k, e)):
                    return None
        return self.pick_length(e, [e - k for k in range(2, _MAX_TRANSLIT + 1)], forward=False)

    def pick_length(self, anchor: int, others: list[int], forward: bool) -> _Cand | None:
        """Choose the best name span between ``anchor`` and one of ``others``.

        ``others`` is always the anchor plus or minus 2 to _MAX_TRANSLIT: ``forward`` tells
        which. (No memo: the same text around an anchor hardly ever recurs in an article.)"""
        return self._pick_length(anchor, others, forward)

    def _pick_length(self, anchor: int, others: list[int], forward: bool) -> _Cand | None:
        t, n = self.t, self.n
        scored: list[tuple[float, int, int]] = []
        if forward:
            # every name starts at the anchor: the first character that is not Han and the
            # first lexicon word after it, found once, tell which lengths are all Han and
            # which overlap a lexicon word
            reach = min(n, anchor + _MAX_TRANSLIT)
            not_han = _NOT_HAN.search(t, anchor, reach)
            han_end = not_han.start() if not_han is not None else reach
            first_lex = self.lexcov.find(1, anchor, reach)
        for other in others:
            a, b = (anchor, other) if forward else (other, anchor)
            if a < 0 or b > n:
                continue
            name = t[a:b]
            if forward:
                if b > han_end:  # not every character is Han
                    break
                covered = 0 <= first_lex < b
            else:
                if _NOT_HAN.search(name):
                    break
                covered = self.covered(a, b)
            over_place = False
            bound = None
            if covered:
                if not forward:
                    break
                if not self.inner_place(a, b):
                    m = self.match_at(b - 1)
                    if m is not None and m.start > a and m.end > b and not m.kinds.isdisjoint(
                            _LAND) and m.kinds.isdisjoint(_TITLE_ORG_RANK):
                        continue  # 卡瑟马|利耶夫: a place word runs on; a longer name may end
                    break
                bound = self.right_boundary(b)
                if not bound == 2 or not self.g.translit.issuperset(name) or (
                        t[b:b + 1] == DOT):
                    continue
                over_place = True  # 卡瑟马利耶夫: 马利 (Mali) inside a transliteration
            # (valid_name is remembered and turns most lengths down; sure_end only lets more
            # names through, so a name it refuses here it refuses below too: the boundary,
            # which is not remembered, is weighed only for the others)
            valid = self.valid_names(name)
            if not valid[forward]:
                continue
            if bound is None:
                bound = self.right_boundary(b) if forward else self.left_boundary(a)
            if not bound or not valid[forward and bound == 2]:
                continue
            score = float(bound)
            score += _LEN_BONUS.get(len(name), 0)
            if len(name) == 4 and name[1] == "氏":
                score += 1.5  # 阮氏金银: a Vietnamese woman's name has four characters
            elif len(name) == 4 and self.g.surname_len(name) == 2:
                score += 1.0  # 植田和男: a two-character surname and a given name
            score += self.repeat_score(a, b, forward)
            if over_place:
                score += 3.0
            edge = t[b - 1] if forward else t[a]
            if (forward and self.g.stop_after_at(t, b - 1)
                    and not self.fake_conjunction(b - 1)) or (
                    not forward and self.g.stop_before_at(t, a + 1)):
                # a function word at the name's edge: 通伦于12日; 和 and 同 end some names
                score -= 4.0 if edge in self.never_at_edge else 2.0
            if forward and b < self.n and self.common(t[b - 1:b + 1]):
                if self.g.stop_after_at(t, b):
                    # 阮文平和陈国旺, 文喜相会见: 平和 and 相会 are words, but 和 and 会见 here
                    # follow the name
                    score += 2.0
                else:
                    score -= 3.0  # 王毅强调: the name does not take 强
            if not forward and a > 0 and self.common(t[a - 1:a + 1]):
                score -= 3.0
            scored.append((score, a, b))
        if not scored:
            return None
        if len(scored) > 1 or scored[0][0] < 2.0:
            # the boundary is in doubt: ask jieba about this short window only
            lo = min(a for _, a, _ in scored)
            hi = max(b for _, _, b in scored)
            wa, wb = (lo, min(self.n, hi + 3)) if forward else (max(0, lo - 3), hi)
            cuts = self.jieba_cuts(wa, wb)
            rescored = []
            for score, a, b in scored:
                if a in cuts and b in cuts:
                    score += 2.0 if not any(a < c < b for c in cuts) else 1.0
                rescored.append((score, a, b))
            scored = rescored
        score, a, b = max(scored, key=lambda x: x[0])  # first of equal scores: the shortest
        if score < 2.0:
            return None
        return _Cand(a, b, score, "title" if forward else "after")

    # -- dotted names ----------------------------------------------------------------------

    def part_end(self, start: int) -> int:
        """End of the name part that starts at ``start`` (after a middle dot): words stuck
        to it are trimmed."""
        t, n, translit, at_start = self.t, self.n, self.g.translit, self.at_start
        end = start
        while end < n and end - start < _MAX_PART and is_han(t[end]):
            if end > start:  # (the first character is taken as it is)
                m = at_start.get(end)
                if m is not None and "person" not in m.kinds:  # (lex_starts, inlined)
                    break
                stop = self.stop_at(end)
                if stop and (len(stop) > 1 or t[end] not in translit):
                    break
                if t[end] not in translit:
                    # a character the list lacks (马哈茂德随同, 呼日勒苏赫（): the part runs on
                    # to a sure boundary close by, if there is one
                    far = self.sure_end_after(end, start + _MAX_PART)
                    return far if far > 0 else end
            end += 1
        return end

    def sure_end_after(self, i: int, limit: int) -> int:
        """The first offset in ``(i, limit]`` where a name surely ends (punctuation, a lexicon
        word, a stop word of two characters or more), when only plain Han characters lie
        before it; 0 if there is none."""
        t = self.t
        for e in range(i + 1, min(limit, self.n) + 1):
            c = t[e - 1]
            if not is_han(c) or c in self.never_in_name or self.lexcov[e - 1]:
                return 0
            if self.stop_at(e - 1) and e - 1 > i:
                return 0
            if e - 1 > i and self.common(t[e - 2:e], 100):
                return 0  # 马蒂国际机场: a word, not the rest of a name
            if e >= self.n or not is_han(t[e]) or self.lex_starts(e) or len(self.stop_at(e)) > 1:
                return e
        return 0

    def part_start(self, dot: int, limit: int = 0, strict: bool = True) -> int:
        """Start of the name part that ends at ``dot`` (a middle dot), -1 if there is none.

        ``strict``: every character must be a transliteration character (no title before the
        name tells where it begins)."""
        t = self.t
        start = dot
        while start > limit and dot - start < _MAX_PART and is_han(t[start - 1]):
            if start < dot and (self.lex_ends(start) or self.g.stop_before_at(t, start)):
                break
            if not strict and start < dot and self.g.stop_after_at(t, start - 1):
                break  # 主任何炜就通伦·西苏里: 就 ends the name before, not part of this one
            if strict and start < dot and t[start - 1] not in self.g.translit:
                break
            start -= 1
        return start if start < dot else -1

    def dotted_at(self, first_dot: int, start: int) -> _Cand | None:
        """The dotted name whose first part starts at ``start`` and whose first dot is at
        ``first_dot`` (通伦·西苏里, 马塔梅拉·西里尔·拉马福萨)."""
        dot = first_dot
        while True:
            end = self.part_end(dot + 1)
            if end == dot + 1:
                return None
            if end < self.n and self.t[end] == DOT and end + 1 < self.n and self.han(end + 1):
                dot = end
                continue
            break
        name = self.t[start:end]
        if len(name) - name.count(DOT) < 3:
            return None
        return _Cand(start, end, 6, "dot")

    def dotted_names(self) -> list[_Cand]:
        out: list[_Cand] = []
        t = self.t
        pos = 0
        while True:
            dot = t.find(DOT, pos)
            if dot < 0:
                break
            pos = dot + 1
            if out and dot < out[-1].end:
                continue
            if not (self.han(dot - 1) and self.han(dot + 1)):
                continue
            start = self.part_start(dot)
            if start < 0:
                continue
            c = self.dotted_at(dot, start)
            if c is not None:
                out.append(c)
        return out

    # -- Latin names in brackets -------------------------------------------------------------

    def latin_after(self, e: int) -> str:
        m = _LATIN.match(self.t, e)
        if not m:
            return ""
        latin = m.group(1).strip()
        letters = [c for c in latin if c.isalpha()]
        if len(letters) < 4 or latin.isupper():
            return ""
        if not latin[0].isupper():
            return ""
        return latin

    def latin_names(self) -> list[_Cand]:
        """A Han name right before a bracketed Latin personal name."""
        out: list[_Cand] = []
        t = self.t
        if "(" not in t and "（" not in t:
            return out
        # the matches of _LATIN, found from their bracket (a regex that begins with \s*
        # is tried at every position): each starts with the blanks before its bracket
        done = 0  # (where the previous match ends: matches do not overlap)
        for m in _LATIN_BRACKET.finditer(t):
            e = m.start()
            while e > done and t[e - 1].isspace():
                e -= 1
            done = m.end()
            if not self.latin_after(e):
                continue
            words = m.group(1).split()
            if len(words) == 1 and not _CAMEL.search(words[0]):
                continue  # one word and no CamelCase join: rather a place or an org
            c = self.name_before(e)
            if c is None and _REGNAL.fullmatch(self.t[max(0, e - 2):e]):
                c = self.name_before(e - 2)  # 恩史瓦帝三世（King Mswati III）
                if c is not None:
                    c.end = e
            if c is None and 2 <= len(words) <= 3:
                c = self.latin_loose(e)
            if c is not None:
                c.how = "latin"
                c.score += 1
                out.append(c)
        return out

    def latin_loose(self, e: int) -> _Cand | None:
        """A name before a Latin personal name that neither a surname nor transliteration
        characters show (川普（Donald Trump）): the shortest run of 2 to 4 Han characters
        after a sure boundary (a title, punctuation, a stop word), when it is no word."""
        t = self.t
        if not self.han(e - 1):
            return None
        for k in range(2, _MAX_NAME + 1):
            a = e - k
            if a < 0 or not is_han(t[a]) or self.covered(a, e):
                return None
            if self.left_boundary(a) < 2:
                continue
            name = t[a:e]
            if any(c in self.never_in_name for c in name) or name[-1] in self.not_name_end or (
                    name[-1] in self.place_suffix):
                return None
            if name in self.plain_words or self.common(name[-2:], 100) or self.common(
                    name[:2], 100):
                return None
            return _Cand(a, e, 2.0, "latin")
        return None

    # -- names with no title: subjects, objects, list items ---------------------------------

    def free_starts(self) -> list[tuple[int, str]]:
        """Where a name with no title may begin: ``(offset, why)``.

        ``why`` is ``clause`` (the text's start, or after punctuation, a blank or a mark:
        蔡奇陪同考察, ▶ 谢定峰／苏伟译：), ``verb`` (after a verb or preposition of two
        characters or more: 击败拉克什亚森) or ``of`` (after a country and 的: 泰国的昆拉武特)."""
        t, g, n = self.t, self.g, self.n
        lexcov, surnames, first = self.lexcov, g.surnames, self.name_first

        def may_start(i: int) -> bool:  # no lexicon word there, a surname or the like
            return i < n and not lexcov[i] and (t[i] in first or t[i:i + 2] in surnames)

        # (a position is tested before the costlier tests below: most are no name's start)
        starts: dict[int, str] = {}
        for mm in _free_clause_re(g).finditer(t):
            i = mm.start()
            if not lexcov[i] and (t[i] in first or t[i:i + 2] in surnames):  # (may_start)
                starts[i] = "clause"
        for mm in _before_re(g).finditer(t):
            i = mm.end()
            if i not in starts and may_start(i) and not self.lex_ends(i) and (
                    g.stop_before_at(t, i) == mm.group()):
                starts[i] = "verb"
        for mm in _conj_re(g).finditer(t):
            i = mm.end()  # (a character follows: the regex looks ahead at it)
            if i not in starts and not lexcov[i] and (t[i] in first or t[i:i + 2] in surnames):
                starts[i] = "conj"  # 马克龙和朔尔茨: the second of two names
        i = t.find("的", 2)
        while i >= 0:
            m = self.at_end.get(i)
            if m is not None and "country" in m.kinds and i + 1 not in starts and may_start(
                    i + 1):
                starts[i + 1] = "of"
            i = t.find("的", i + 1)
        return sorted(starts.items())

    def free_end(self, b: int, why: str) -> str:
        """How surely a name with no title ends before ``b``: ``strong``, ``weak``, ``list``
        (a separator of a list: 、／) or ``""``."""
        t = self.t
        if b >= self.n:
            return "strong" if why != "clause" else ""
        c = t[b]
        if c == DOT:
            return ""
        if not is_han(c):
            if c in "、／/":
                return "list"
            if c in "：:" and why == "clause":
                return "strong"  # a headline that quotes a person: 郑宗龙：让新世代观众…
            if why != "clause" and not c.isalnum():
                return "strong"  # the object of a verb, then punctuation
            return ""
        m = self.at_start.get(b)
        if m is not None and "person" not in m.kinds:  # (lex_starts, inlined)
            return ""  # a title or rank after the name: read by name_before
        stop = self.stop_at(b)
        if not stop:
            return ""
        if len(stop) > 1:
            return "strong"
        if self.fake_conjunction(b):
            return ""
        return "strong" if stop in self.never_at_edge else "weak"

    def free_at(self, a: int, why: str) -> _Cand | None:
        """A name with no title that starts at ``a`` (see :meth:`free_starts`): a surname or
        transliteration name whose end is surely marked (a verb, a function word, a list
        separator, a colon) and that jieba reads as one word or as a surname and a given
        name; 2-character names only when jieba's dictionary knows them as names or not at
        all."""
        t, g = self.t, self.g
        c0 = t[a]
        if c0 in self.never_in_name or c0 in self.never_at_edge:
            return None  # 但仍, 由洪森, 应王毅: a function word, not a surname
        if c0 in self.prefix_chars and self.han(a + 1):
            return self.free_at(a + 1, why)  # 敦马哈迪表示: Tun, then the name
        if t[a + 1:a + 2] == "方":
            return None  # 韩方, 巴方愿: a side in talks (中方, 美方 ...)
        if not self.han(a + 1) or self.lexcov[a + 1]:
            return None
        found: list[tuple[int, str]] = []
        freq, name_words, translit = self.freq, self.name_words, g.translit
        head = t[a:a + 2]
        # 高层, 全面: a word, not a name (马克 in 马克龙 is itself a name)
        head_word = (freq.get(head) or 0) >= 100 and not (
            head in name_words and head[0] in translit and head[1] in translit) and not (
            c0 in self.generation and head[1] in translit)  # 老马科斯
        # (no name word begins with ``head``: none of the lengths below is one)
        if head_word and (head not in self.name_heads or not any(
                t[a:b] in name_words for b in range(a + 2, a + 7))):
            return None
        lexcov = self.lexcov
        for b in range(a + 2, min(self.n, a + _MAX_TRANSLIT) + 1):
            last = t[b - 1]
            if not ("\u4e00" <= last <= "\u9fff" or is_han(last)) or lexcov[b - 1]:
                break
            stop = self.stop_at(b - 1)
            if stop and not (len(stop) == 1 and self.fake_conjunction(b - 1)):
                break  # 安华则说: no name runs over a function word
            name = t[a:b]
            known = name in name_words and (freq.get(name) or 0) < 200  # not 王宫
            if head_word and not known:
                continue
            if name[-1] in self.place_suffix:
                continue
            # (valid_name first: it is remembered, free_end is not)
            if not self.valid_names(name)[True]:
                continue
            cue = self.free_end(b, why)
            if not cue:
                continue
            if not known:
                sl = g.surname_len(name)
                if sl and b - a > _MAX_NAME:
                    continue
                if sl == 2 and b - a == 4 and name[2:] in self.plain_words:
                    continue  # 安倍遗属: a surname and a noun
                if b - a == 3 and sl == 1 and (freq.get(name[1:]) or 0) >= 100:
                    continue
                if b - a == 2 and (not sl or (freq.get(name) or 0) > 0
                                   or g.stop_after_at(t, b) in self.weak_cues):
                    continue  # 史上首次: an adverb after it shows no two-character name
                if not sl and b - a < 3:
                    continue
            found.append((b, cue))
        if not found:
            return None
        hi = max(b for b, _ in found)
        cuts: set[int] | None = None
        for b, cue in found:
            if b - a <= 3 and not self.crossed(a, b):
                pass  # no dictionary word runs over the end: jieba would cut there too
            else:
                if cuts is None:
                    cuts = self.jieba_cuts(a, min(self.n, hi + 3), hmm=False)
                if b not in cuts:
                    continue
            inner = [c for c in cuts if a < c < b] if cuts is not None else []
            if inner:
                # a surname then a given name (李/梓嘉) is fine; a word inside is not
                pieces = [a, *sorted(inner), b]
                if any(self.common(t[x:y], 100) and not (
                        t[x:y] in self.name_words and all(ch in g.translit for ch in t[x:y]))
                       for x, y in zip(pieces, pieces[1:], strict=False) if y - x == 2):
                    continue
            if cue == "weak" and b - a < 3 and t[a:b] not in self.name_words:
                continue
            c = _Cand(a, b, 2.0, "free")
            # after 和/与/同 a name is the second of two, or the partner of a verb of meeting
            # (与习近平举行会谈); otherwise it waits for a name beside it
            strong_verb = b - a >= 3 and len(g.stop_after_at(t, b)) > 1
            if why == "conj" and t[a - 1] not in self.conjunctions and not strong_verb:
                continue  # 对安倍遗属的: after a preposition only a name then a verb
            c.listed = cue == "list" or (why == "conj" and not strong_verb)
            return c
        return None

    def head_rejected(self, head: str) -> bool:
        """:meth:`free_at` surely finds no name at a start whose first two characters are
        ``head`` (the tests it makes on those two characters only, in its order)."""
        c0 = head[0]
        if c0 in self.never_in_name or c0 in self.never_at_edge:
            return True
        if len(head) < 2 or not is_han(head[1]):
            return True  # (no name of one character; no prefix before a name either)
        if c0 in self.prefix_chars:
            return False  # 敦马哈迪: free_at reads the name after the prefix
        if head[1] == "方":
            return True
        head_word = (self.freq.get(head) or 0) >= 100 and not (
            head in self.name_words and c0 in self.g.translit and head[1] in self.g.translit
        ) and not (c0 in self.generation and head[1] in self.g.translit)
        return head_word and head not in self.name_heads

    def crossed(self, a: int, b: int) -> bool:
        """A dictionary word begins inside ``[a, b)`` and ends after ``b``."""
        t, freq = self.t, self.freq
        if b >= self.n or not is_han(t[b]):
            return False
        for i in range(max(a + 1, b - 3), b):
            for j in range(b + 1, min(self.n, i + 5) + 1):
                if freq.get(t[i:j]):
                    return True
        return False

    def stop_at(self, i: int) -> str:
        """The longest stop word that starts at ``i``."""
        # (Gazetteer.stop_after_at, inlined: this runs at most characters; most characters
        # begin no stop word, which one look-up tells, cheaper than a memo)
        if i < self.n:
            words = self.stop_after.get(self.t[i])
            if words:
                t = self.t
                for w in words:
                    if t.startswith(w, i):
                        return w
        return ""

    def free_names(self) -> list[_Cand]:
        """Names with no title, rank or dot (see :meth:`free_at`)."""
        out = []
        t, rejected = self.t, self._head_rejected
        for a, why in self.free_starts():
            if out and a < out[-1].end:
                continue
            # most starts are turned down by their first two characters alone (高层, 全面):
            # that verdict is remembered per process
            head = t[a:a + 2]
            no = rejected.get(head)
            if no is None:
                no = rejected[head] = self.head_rejected(head)
            if no:
                continue
            c = self.free_at(a, why)
            if c is not None:
                out.append(c)
        return out

    # -- bylines ---------------------------------------------------------------------------

    def is_byline(self, a: int, b: int) -> bool:
        t = self.t
        j = b
        while j < self.n and t[j] in " \u3000":
            j += 1
        if t.startswith(self.byline_after, j):  # one of the words (a tuple) begins at j
            return True
        i = a
        while i > 0 and t[i - 1] in " \u3000|｜:：、":
            i -= 1
        m = self.at_end.get(i)
        if m is not None and m.word in self.media_titles:
            return True
        return t.endswith(self.byline_before, 0, i)  # one of the words ends at i

    # -- the chain of titles before a name -------------------------------------------------

    def chain(self, s: int) -> tuple[list[str], str, int]:
        """Titles printed before the name at ``s``, the country they tie it to, and where
        the chain begins."""
        t = self.t
        titles: list[str] = []
        countries: list[str] = []
        pos = s
        steps = 0
        while pos > 0 and steps < 30:
            steps += 1
            m = self.at_end.get(pos)
            if m is not None and "person" not in m.kinds:
                if not m.kinds.isdisjoint(("title", "rank")):
                    word = m.word
                    if m.word in self.no_post:
                        word = ""
                    prev = self.at_end.get(m.start)
                    if word and prev is not None and "org" in prev.kinds:
                        org = prev.entry("org")
                        if org.sub not in ("group", "international", "party"):
                            # 国防部副部长; 越南国防部 + 副部长 → 国防部副部长
                            name = prev.word
                            short = self.g.countries.get(org.country, {}).get("zh", "")
                            if short and name.startswith(short) and len(name) > len(short):
                                name = name[len(short):]
                            word = name + word
                    if word:
                        titles.append(word)
                elif not m.kinds.isdisjoint(("country", "org", "place")):
                    iso = self.land_country[m.word]  # (m.entry("country", "org", "place"))
                    if iso and not (m.start > 0 and t[m.start - 1] in self.hosting):
                        countries.append(iso)
                elif not m.kinds.isdisjoint(("honorific", "prefix")):
                    pass
                else:
                    break
                pos = m.start
                if pos > 0 and t[pos - 1] in self.hosting:
                    pos -= 1
                continue
            if t[pos - 1] in self.joiners:
                pos -= 1
                continue
            if t[pos - 1] == "方" and pos >= 2 and t[pos - 2] in self.g.abbr:  # 越方代表团团长
                countries.append(self.g.abbr[t[pos - 2]])
                pos -= 2
                continue
            if t[pos - 1] in ")）":  # 柬埔寨人民党(CPP)主席: skip a bracketed acronym
                k = max(t.rfind("(", 0, pos), t.rfind("（", 0, pos))
                if k >= 0 and pos - k <= 12 and t[k + 1:pos - 1].isascii():
                    pos = k
                    continue
            # (a modifier counts only after a title; the tuple test first: most positions
            # end no modifier)
            mod = next((w for w in self.modifiers if t.startswith(w, pos - len(w))), "") if (
                titles and t.endswith(self.modifiers, 0, pos)) else ""
            if mod:
                pos -= len(mod)
                continue
            # an organ the lexicon lacks (海外越南企业家协会): Han characters ending in an
            # organ suffix, right before a title
            if is_han(t[pos - 1]) and titles and (
                t[pos - 1] in self.organ_suffix or (self.at_start.get(pos) is not None
                                             and "org" in self.at_start[pos].kinds)):
                j = pos
                while j > 0 and pos - j < 12 and is_han(t[j - 1]):
                    if self._hard_stop_before(j) or (j < pos and self.lex_ends(j)):
                        break
                    j -= 1
                if j == pos:
                    break
                for k in range(j, pos):
                    mm = self.at_start.get(k)
                    if mm is not None and "country" in mm.kinds and mm.end <= pos:
                        if not (k > 0 and t[k - 1] in self.hosting):
                            countries.append(mm.entry("country").country)
                pos = j
                continue
            break
        titles.reverse()
        return titles, (countries[-1] if countries else ""), pos

    def _hard_stop_before(self, j: int) -> bool:
        """A stop word ends at ``j`` and is not the first character of a word (对 in 对外)."""
        stop = self.g.stop_before_at(self.t, j)
        if not stop:
            return False
        return len(stop) > 1 or not self.common(self.t[j - 1:j + 1])

    def titles_after(self, e: int) -> list[str]:
        out = []
        m = self.at_start.get(e)
        while m is not None and not m.kinds.isdisjoint(("title", "rank")) and len(out) < 3:
            if m.word in self.g.title_after or "rank" in m.kinds:
                out.append(m.word)
            m = self.at_start.get(m.end)
        return out


class _Spans:
    """Taken character ranges, as a byte per character (fast overlap tests)."""

    def __init__(self, n: int) -> None:
        self.taken = bytearray(n + 1)

    def add(self, a: int, b: int) -> None:
        self.taken[a:b] = b"\x01" * (b - a)

    def overlaps(self, a: int, b: int) -> bool:
        return self.taken.find(1, a, b) >= 0


def _gazetteer_score(m: Match) -> float:
    """A well-known name outweighs what the rules guess, a two-character one less so (it can
    be part of a longer name)."""
    return 8.0 if len(m.word) > 2 else 5.0


def _one_off(t: str, key: str) -> Iterator[tuple[int, int]]:
    """Where ``t`` holds ``key`` with exactly one character changed: (start, position)."""
    n = len(key)
    for pos in range(n):
        head, tail = key[:pos], key[pos + 1:]
        anchor = head if len(head) >= len(tail) else tail
        off = 0 if anchor is head else pos + 1
        i = t.find(anchor)
        while i >= 0:
            start = i - off
            if start >= 0 and start + n <= len(t) and t.startswith(head, start) and (
                    t.startswith(tail, start + pos + 1)) and t[start + pos] != key[pos] and (
                    is_han(t[start + pos])):
                yield start, pos
            i = t.find(anchor, i + 1)


def find_persons(text: str, lexicon: Lexicon | None = None) -> list[tuple[int, int, str]]:
    """Person spans and keys in a simplified text (the core of :func:`find_mentions`).

    >>> find_persons("越共中央委员、中央军委常委、总参谋长、国防部副部长潘文江率领代表团。")
    [(25, 28, '潘文江')]
    """
    g = gazetteer(lexicon)
    r = _Reader(_hyphens(normalize_dots(text), g), g, lexicon)
    return [(c.start, c.end, c.key) for c in _persons(r)]


def _persons(r: _Reader) -> list[_Cand]:
    t, g = r.t, r.g
    cands: list[_Cand] = []
    # 1. gazetteer persons (bare mentions of well-known leaders)
    person_keys = r.person_keys
    for m in r.persons:
        key = person_keys.get(m.word)
        if key is None:
            continue
        if m.start > 0 and r.common(t[m.start - 1:m.start + 1]):
            continue
        if m.end < r.n and r.common(t[m.end - 1:m.end + 1]):
            continue
        if (m.start > 0 and t[m.start - 1] == DOT) or (m.end < r.n and t[m.end] == DOT):
            continue  # 凯山 inside 坎良·乌塔凯山: part of another dotted name
        cands.append(_Cand(m.start, m.end, _gazetteer_score(m), "gazetteer", key=key))
    # 2. names after a title, 3. names before a post-nominal title, rank or honorific
    for m in r.cues:  # (a title, prefix, rank or honorific: the others are no cue)
        named_after = False
        if "name_prefix" in m.kinds:
            # a hereditary title printed as part of the name: 部长东姑扎夫鲁
            c = r.name_after(m.end)
            if c is not None and c.how != "gazetteer":
                c.start, c.titled = m.start, True
                cands.append(c)
        if not m.kinds.isdisjoint(("title", "prefix")):
            c = r.name_after(m.end)
            named_after = c is not None
            if c is not None:
                c.titled = True
                if m.word in r.media_titles:
                    c.byline = True
                cands.append(c)
                # a list of names after one title: 会见了越南领导人阮富仲、阮春福和王廷惠;
                # 记者刘海英、荣玉 (bylines all)
                j = c.end
                while j < r.n and (t[j] == "、" or (t[j] in "和与及" and not c.byline)):
                    c2 = r.list_name(j + 1, strict=t[j] != "、")
                    if c2 is None:
                        break
                    c2.byline = c.byline
                    c2.titled = True
                    cands.append(c2)
                    j = c2.end
        if not m.kinds.isdisjoint(("title", "rank", "honorific")):
            ranked = not m.kinds.isdisjoint(("rank", "honorific"))
            if (m.word in g.title_after or ranked) and not named_after:
                # (a title with a name after it has its organization before it, not a
                # name: 云门创办人林怀民)
                c = r.name_before(m.start)
                if c is not None:
                    c.titled = True
                    cands.append(c)
    # 4. dotted names, 5. Latin names in brackets
    cands.extend(r.dotted_names())
    cands.extend(r.latin_names())
    # 6. names with no title: subjects of a verb, objects, items of a list
    listed: list[_Cand] = []
    for c in r.free_names():
        (listed if c.listed else cands).append(c)
    # a name between a title and a rank (国防部长布拉索昆大将) is surely whole
    for c in cands:
        if (c.how in ("title", "after") and r.lex_ends(c.start)
                and (r.lex_starts(c.end) or not r.han(c.end))
                and not g.stop_after_at(t, c.end - 1) and not g.stop_after_at(t, c.start)):
            c.score += 3.0
    # keep the best candidate of every overlapping group
    cands.sort(key=lambda c: (-c.score, -(c.end - c.start), c.start))
    chosen: list[_Cand] = []
    spans = _Spans(r.n)
    taken = spans.taken
    for c in cands:
        if taken.find(1, c.start, c.end) >= 0:  # (spans.overlaps, inlined)
            continue
        if not c.byline and r.is_byline(c.start, c.end):
            c.byline = True
        chosen.append(c)
        spans.add(c.start, c.end)
    if not chosen:
        return chosen  # (no name: no list item beside one, no other occurrence, no typo)
    # a list item with no other evidence is a name when the item beside it is one
    # (蔡奇、王毅等; 谢定峰／苏伟译)
    grew = True
    while grew and listed:
        grew = False
        ends = {c.end for c in chosen}
        starts = {c.start for c in chosen}
        for c in list(listed):
            if spans.overlaps(c.start, c.end):
                listed.remove(c)
            elif c.end + 1 in starts or c.start - 1 in ends:
                chosen.append(c)
                spans.add(c.start, c.end)
                listed.remove(c)
                grew = True
    bylines = {t[c.start:c.end] for c in chosen if c.byline}
    chosen = [c for c in chosen if not c.byline]
    for c in chosen:
        c.key = c.key or _key(t[c.start:c.end], g)
    # 6. every other occurrence of a found name, and the parts of dotted names
    names: dict[str, str] = {}
    for c in chosen:
        names.setdefault(t[c.start:c.end], c.key)
    parts: dict[str, set[str]] = {}
    for name, key in list(names.items()):
        if DOT in name:
            ps = name.split(DOT)
            # first and last parts, and the middle one of three (埃斯特万·拉索·埃尔南德斯:
            # 拉索, as Spanish names are shortened)
            for p in (ps[0], ps[-1], *(ps[1:2] if len(ps) == 3 else [])):
                if len(p) >= 2:
                    parts.setdefault(p, set()).add(key)
        elif len(name) >= 3 and g.surname_len(name) == 2 and "ja" in g.surnames.get(
                name[:2], ""):
            # a Japanese name, then its surname alone (岩屋毅 ... 岩屋表示, 岸田首相)
            parts.setdefault(name[:2], set()).add(key)
    for p, keys in parts.items():
        if len(keys) == 1 and p not in names:
            names[p] = next(iter(keys))
    for name in sorted(names, key=len, reverse=True):
        if name in bylines:
            continue
        i = t.find(name)
        taken, lexcov = spans.taken, r.lexcov
        while i >= 0:
            j = i + len(name)
            # (spans.overlaps and r.covered, inlined: this runs for every occurrence)
            ok = taken.find(1, i, j) < 0 and lexcov.find(1, i, j) < 0
            if ok and (i > 0 and t[i - 1] == DOT or j < r.n and t[j] == DOT):
                ok = False
            if ok and i > 0 and r.common(t[i - 1:i + 1]):
                ok = False
            if ok and j < r.n and r.common(t[j - 1:j + 1]):
                ok = False
            if ok and len(name) == 2 and not (r.left_boundary(i) or r.right_boundary(j)):
                ok = False
            if ok:
                chosen.append(_Cand(i, j, 3, "repeat", key=names[name]))
                spans.add(i, j)
            i = t.find(name, i + 1)
    # 7. typos of a name nearby: one character differs, never printed with a title of its own
    full = {c.key for c in chosen if DOT not in c.key and len(c.key) >= 3}
    for key in sorted(full):
        for i, pos in _one_off(t, key):
            j = i + len(key)
            ch = t[i + pos]
            if spans.overlaps(i, j) or r.covered(i, j):
                continue
            if ch in r.never_in_name or g.stop_after_at(t, i + pos):
                continue
            if pos == 0 and ch not in g.surnames:
                continue
            if not (r.left_boundary(i) and r.right_boundary(j)):
                continue
            if r.titles_after(j) or r.chain(i)[0]:
                continue
            chosen.append(_Cand(i, j, 2, "typo", key=key))
            spans.add(i, j)
    # two neighbouring characters of a long name swapped (呼勒日苏赫 for 呼日勒苏赫)
    forms = {c.key.rsplit(DOT, 1)[-1]: c.key for c in chosen if c.how != "typo"}
    for form, key in sorted(forms.items()):
        if len(form) < 4:
            continue
        for k in range(len(form) - 1):
            if form[k] == form[k + 1]:
                continue
            typo = form[:k] + form[k + 1] + form[k] + form[k + 2:]
            i = t.find(typo)
            while i >= 0:
                j = i + len(typo)
                if not spans.overlaps(i, j) and not r.covered(i, j) and (
                        r.left_boundary(i) == 2 and r.right_boundary(j) == 2):
                    chosen.append(_Cand(i, j, 2, "typo", key=key))
                    spans.add(i, j)
                i = t.find(typo, i + 1)
    # a name found with no title that differs by one character from a name printed with
    # more evidence and more often is a typo of it (范文江建议 in a text about 潘文江)
    free_keys = {c.key for c in chosen if c.how == "free"}
    strong_keys = {c.key for c in chosen if c.how not in ("free", "repeat", "typo")}
    retype: dict[str, str] = {}
    for k in free_keys - strong_keys:
        near = set()
        for k2 in strong_keys:
            for form in {k2, k2.rsplit(DOT, 1)[-1]}:  # 沙立文 for 杰克·沙利文
                if len(form) == len(k) >= 3 and r.count(form) >= r.count(k) and sum(
                        x != y for x, y in zip(k, form, strict=True)) == 1 and not (
                        k[0] != form[0] and k[0] in r.generation):  # 老马科斯 ≠ 小马科斯
                    near.add(k2)
                elif len(form) == len(k) >= 4 and r.count(form) >= r.count(k) and (
                        _swapped(k, form)):
                    near.add(k2)  # 呼勒日苏赫 for 呼日勒苏赫: two characters swapped
        if len(near) == 1:
            retype[k] = near.pop()
    for c in chosen:
        c.key = retype.get(c.key, c.key)
    # 8. within the article, a short key that is one end of a longer dotted key is that person
    keys = {c.key for c in chosen}
    dotted = [k2 for k2 in keys if DOT in k2]  # (most articles have none)
    alias: dict[str, str] = {}
    for k in keys:
        # (most articles have no dotted key: no set to build)
        longer = {k2 for k2 in dotted if k2 != k and (
            k2.endswith(DOT + k) or k2.startswith(k + DOT)
            or (DOT not in k and k in k2.split(DOT)))  # 拉索 of 埃斯特万·拉索·埃尔南德斯
        } if dotted else set()
        if len(longer) > 1:  # 夏巴兹 with 夏巴兹·谢里夫 and 穆罕默德·夏巴兹·谢里夫
            longer = {k2 for k2 in longer if k2.endswith(DOT + k) or k2.startswith(k + DOT)}
        if not longer and len(k) == 2 and "ja" in g.surnames.get(k, ""):
            longer = {k2 for k2 in keys if len(k2) > 2 and DOT not in k2 and k2.startswith(k)}
        if len(longer) == 1:
            alias[k] = next(iter(longer))
    for c in chosen:
        c.key = alias.get(c.key, c.key)
    chosen.sort(key=lambda c: c.start)
    return chosen


def _swapped(a: str, b: str) -> bool:
    """``a`` is ``b`` with two neighbouring characters swapped.

    >>> _swapped("呼勒日苏赫", "呼日勒苏赫"), _swapped("呼日勒苏赫", "呼日勒苏赫")
    (True, False)
    """
    diff = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
    return len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and (
        a[diff[1]] == b[diff[0]])


def _hyphens(text: str, g: Gazetteer) -> str:
    """A hyphen between two transliteration characters joins parts of a name, like a middle
    dot (迪亚斯-卡内尔, 卡瑟姆-若马尔特·托卡耶夫); elsewhere it stays (国宴-欢迎)."""
    if not any(h in text for h in HYPHENS):
        return text
    return _hyphen_re(g).sub(DOT, text)


_HYPHEN_RE: dict[int, re.Pattern[str]] = {}


def _hyphen_re(g: Gazetteer) -> re.Pattern[str]:
    """A hyphen between two transliteration characters (one regex instead of a loop)."""
    got = _HYPHEN_RE.get(id(g))
    if got is None:
        cls = re.escape("".join(sorted(g.translit)))
        got = _HYPHEN_RE[id(g)] = re.compile(f"(?<=[{cls}])[{re.escape(HYPHENS)}](?=[{cls}])")
    return got


def _key(name: str, g: Gazetteer) -> str:
    """The canonical key of a printed (simplified) name: a gazetteer alias maps to its entry."""
    for e in g.words.get(name, ()):
        if e.kind == "person":
            return e.key
    if DOT in name:
        # a full name with a middle name the gazetteer lacks: 弗拉基米尔·弗拉基米罗维奇·普京
        # is 弗拉基米尔·普京
        parts = name.split(DOT)
        return _ends_index(g).get((parts[0], parts[-1]), name)
    return name


_ENDS: dict[int, dict[tuple[str, str], str]] = {}


def _ends_index(g: Gazetteer) -> dict[tuple[str, str], str]:
    """Gazetteer persons with a dotted key, by their first and last parts."""
    got = _ENDS.get(id(g))
    if got is None:
        got = {}
        for key in g.persons:
            if DOT in key:
                parts = key.split(DOT)
                got.setdefault((parts[0], parts[-1]), key)
        _ENDS[id(g)] = got
    return got


def _kind_lists(kinds: frozenset[str]) -> tuple[bool, tuple[int, ...]]:
    """For a match of these kinds: whether it counts in ``_Reader.lexcov`` (a non-person
    word), and the lists of ``_Reader`` it goes in (1 persons, 2 cues, 3 countries)."""
    which = []
    if "person" in kinds:
        which.append(1)
    if not kinds.isdisjoint(_CUE_KINDS):
        which.append(2)
    if "country" in kinds and "person" not in kinds:
        which.append(3)
    return "person" not in kinds and kinds != _NAME_PREFIX, tuple(which)


_STATIC: dict[int, dict] = {}

_RULE_ATTRS = {
    "never_in_name": "never_in_name", "never_at_edge": "never_at_edge",
    "not_name_end": "not_name_end", "joiners": "chain_joiners", "modifiers": "title_modifiers",
    "organ_suffix": "organ_suffix", "byline_after": "byline_after",
    "byline_before": "byline_before", "place_after_name": "place_after_name",
    "hosting": "hosting", "conjunctions": "conjunctions", "title_compound": "title_compound",
    "place_suffix": "place_suffix", "generation": "generation_prefix",
    "prefix_chars": "prefix_chars",
}
"""``_Reader`` attribute → the ``name_rules.tsv`` class it holds."""


def _static(g: Gazetteer, lexicon: Lexicon | None) -> dict:
    """What every ``_Reader`` of one lexicon shares, built once per process: the tokenizer,
    jieba's frequencies and word classes, the rule classes, the lexicon's person names, and
    the memos of answers that depend on a word (or a short window) and the lexicon only, so
    they are safe to share across articles."""
    got = _STATIC.get(id(g))
    if got is None:
        rules = _rules(g)
        tk = tokenizer(lexicon)
        attrs: dict = {a: rules[r] for a, r in _RULE_ATTRS.items()}
        plain_words, name_words = word_classes()
        attrs.update(tk=tk, freq=tk.FREQ, base_freq=tk.kg_base_freq, stop_after=g.stop_after,
                     _valid={}, _inside={}, _emitted={}, _head_rejected={},
                     person_words=frozenset(w for w, es in g.words.items()
                                            if any(e.kind == "person" for e in es)),
                     plain_words=plain_words, name_words=name_words,
                     name_heads=frozenset(w[:2] for w in name_words),
                     # a character that begins a name (see free_starts)
                     name_first=frozenset(k for k in g.surnames if len(k) == 1) | g.translit
                     | rules["generation_prefix"],
                     weak_cues=frozenset(rules["weak_cues"]),
                     # words that are a title of the media (a byline: 记者), and words that
                     # name no post of a person (no title, or only a spouse's: 夫人)
                     # a word's first person and country entry (Match.entry), by the word
                     person_keys=_first_keys(g, "person"), country_keys=_first_keys(g, "country"),
                     land_country=_land_countries(g),
                     media_titles=frozenset(w for w, es in g.words.items() if any(
                         e.kind == "title" and e.sub == "media" for e in es)),
                     no_post=frozenset(w for w, es in g.words.items() if all(
                         e.sub == "spouse" for e in es if e.kind == "title")))
        got = _STATIC[id(g)] = {"place_after_name": rules["place_after_name"], "attrs": attrs,
                                "kind_lists": {}}
    return got


def _first_keys(g: Gazetteer, kind: str) -> dict[str, str]:
    """The key of every word's first entry of ``kind`` (``Match.entry(kind).key``)."""
    return {w: next(e.key for e in es if e.kind == kind)
            for w, es in g.words.items() if any(e.kind == kind for e in es)}


def _land_countries(g: Gazetteer) -> dict[str, str]:
    """The country of every word's first country entry, else of its first organization or
    place entry (``Match.entry("country", "org", "place").country``)."""
    out = {}
    for w, es in g.words.items():
        for kind in ("country", "org", "place"):
            e = next((e for e in es if e.kind == kind), None)
            if e is not None:
                out[w] = e.country
                break
    return out


_RULES: dict[int, dict[str, frozenset[str] | tuple[str, ...]]] = {}


def _rules(g: Gazetteer) -> dict[str, frozenset[str] | tuple[str, ...]]:
    """The closed classes of ``name_rules.tsv``: character classes as sets, word lists as
    tuples (longest first)."""
    got = _RULES.get(id(g))
    if got is None:
        got = {}
        for row in g.lexicon.table("name_rules"):
            values = g.rule(row["rule"])
            if row["kind"] == "chars":
                got[row["rule"]] = frozenset(values)
            else:
                got[row["rule"]] = tuple(sorted(values, key=len, reverse=True))
        _RULES[id(g)] = got
    return got


_FREE_CLAUSE: dict[int, re.Pattern[str]] = {}


def _free_clause_re(g: Gazetteer) -> re.Pattern[str]:
    """A character that may begin a name (a surname's or a transliteration's, no function
    word) right after no Han character, letter or digit: where a clause begins."""
    got = _FREE_CLAUSE.get(id(g))
    if got is None:
        rules = _rules(g)
        chars = ({s[0] for s in g.surnames} | g.translit | rules["generation_prefix"]) - (
            rules["never_in_name"] | rules["never_at_edge"])
        cls = "".join(sorted(c for c in chars if is_han(c)))
        # (the character class first: the regex engine then skips to its characters, where a
        # leading lookbehind would be tried at every position; the match is that character)
        got = _FREE_CLAUSE[id(g)] = re.compile(
            f"[{re.escape(cls)}](?<![{_HAN_CLASS}{DOT}0-9A-Za-z].)(?=[{_HAN_CLASS}])")
    return got


@functools.cache
def _before_re_cached(words: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile("|".join(re.escape(w) for w in words))


def _before_re(g: Gazetteer) -> re.Pattern[str]:
    """Every stop word of two characters or more that ends a name after it (会见, 击败)."""
    got = _BEFORE_RE.get(id(g))
    if got is None:
        words = sorted({w for ws in g.stop_before.values() for w in ws if len(w) > 1},
                       key=len, reverse=True)
        got = _BEFORE_RE[id(g)] = _before_re_cached(tuple(words))
    return got


_BEFORE_RE: dict[int, re.Pattern[str]] = {}


@functools.cache
def _conj_re_cached(chars: str, firsts: str) -> re.Pattern[str]:
    return re.compile(f"[{re.escape(chars)}](?=[{re.escape(firsts)}])")


def _conj_re(g: Gazetteer) -> re.Pattern[str]:
    """A one-character conjunction or preposition before a Han character that may begin a
    name (马克龙和朔尔茨, 应普拉博沃邀请): a surname's first character, a transliteration
    character or a generation prefix (see free_starts; the others are no start)."""
    got = _CONJ_RE.get(id(g))
    if got is None:  # (sorting the classes once per process, not once per article)
        rules = _rules(g)
        firsts = {s[0] for s in g.surnames} | g.translit | rules["generation_prefix"]
        got = _CONJ_RE[id(g)] = _conj_re_cached(
            "".join(sorted(rules["conjunctions"] | rules["prepositions"])),
            "".join(sorted(c for c in firsts if is_han(c))))
    return got


_CONJ_RE: dict[int, re.Pattern[str]] = {}


@functools.lru_cache(maxsize=1 << 16)
def _hmm_words(window: str, tk: jieba.Tokenizer) -> tuple[str, ...]:
    """jieba's segmentation (HMM on: :func:`kg.nlp.lcut`) of a short window, remembered."""
    return tuple(tk.lcut(window))


@functools.lru_cache(maxsize=1 << 16)
def _dag_words(window: str, tk: jieba.Tokenizer) -> tuple[str, ...]:
    """jieba's dictionary segmentation (no HMM) of a short window, remembered: the same
    name and verb (王毅表示) recur across a corpus."""
    return tuple(tk.lcut(window, HMM=False))


@functools.cache
def _abbr_re_cached(chars: str) -> re.Pattern[str]:
    return re.compile("[" + re.escape(chars) + "]")


def _abbr_re(g: Gazetteer) -> re.Pattern[str]:
    got = _ABBR_RE.get(id(g))
    if got is None:  # (sorting the abbreviations once per process, not once per article)
        got = _ABBR_RE[id(g)] = _abbr_re_cached("".join(sorted(g.abbr)))
    return got


_ABBR_RE: dict[int, re.Pattern[str]] = {}


def _inside_word(r: _Reader, m: Match) -> bool:
    """A two-character name that straddles a much more frequent dictionary word is no name
    there (沿海地区: 沿海 outweighs 海地 fifteen times; 越南海军 keeps 越南: 南海 is about as
    frequent). Frequencies are jieba's own, before the user dictionary.

    The answer depends on the word and the characters on either side only: it is remembered
    per process by that window."""
    key = (r.t[max(0, m.start - 1):m.end + 1], m.start > 0)
    got = r._inside.get(key)
    if got is None:
        if len(r._inside) > _MEMO_LIMIT:
            r._inside.clear()
        got = r._inside[key] = _straddles(r, m)
    return got


def _straddles(r: _Reader, m: Match) -> bool:
    own = r.base_freq.get(m.word, 0)
    t = r.t
    for a in (m.start - 1, m.end - 1):
        if a >= 0 and a + 2 <= r.n:
            w = t[a:a + 2]
            if (r.freq.get(w) or 0) > 5 * max(own, 100) and r.common(w):
                return True
    return False


def _countries(r: _Reader, taken: _Spans) -> list[tuple[int, int, str]]:
    t, g = r.t, r.g
    out = []
    keys, person = r.country_keys, taken.taken
    for m in r.countries:
        a, b = m.start, m.end
        if person.find(1, a, b) < 0:  # (taken.overlaps, inlined)
            if b - a == 2 and _inside_word(r, m):
                continue  # 沿海地区 holds no 海地 (Haiti)
            out.append((a, b, keys[m.word]))
    # one-character abbreviations, only in compounds where they are safe
    rules = _rules(g)
    prefixes, fang_not = rules["abbr_prefix"], rules["abbr_fang_not"]
    used = {(a, b) for a, b, _ in out}
    abbr, lexcov = g.abbr, r.lexcov
    for mm in _abbr_re(g).finditer(t):
        i = mm.start()
        if lexcov[i] or person[i]:
            continue  # (most are inside a word: 中国, 越南)
        ch = t[i]
        iso = g.abbr.get(ch)
        if not iso:
            continue
        prev = t[i - 1] if i > 0 else ""
        nxt = t[i + 1] if i + 1 < r.n else ""
        # (most are none of the compounds below: no abbreviation beside it, no 方, no prefix
        # before it and no word after it)
        if not (prev in prefixes or nxt == "方" or prev in abbr or nxt in abbr
                or i + 1 in r.at_start):
            continue
        if r.match_at(i) is not None:
            continue  # inside a person's name (or a name prefix), not a lexicon word
        ok = False
        for k in (i - 1, i + 1):  # a pair of abbreviations: 越老, 中越, 中日, 越老柬
            if 0 <= k < r.n and g.abbr.get(t[k]) and not person[k] and r.match_at(k) is None:
                a, b = min(i, k), max(i, k) + 1
                if not (a > 0 and (t[a - 1].isdigit() or r.common(t[a - 1:a + 1]))) and not (
                        b < r.n and r.common(t[b - 1:b + 1])):
                    ok = True
        if not ok:
            if prev.isdigit() or (prev and r.common(prev + ch) and prev not in prefixes):
                continue
            if nxt == "方" and not any(t.startswith(w, i + 1) for w in fang_not):
                ok = True  # 越方, 中方, 美方
            elif prev in prefixes and not (nxt and r.common(ch + nxt)):
                ok = True  # 访华, 驻日, 对越
            else:
                title = r.at_start.get(i + 1)
                if title is not None and "title" in title.kinds and not (
                        r.common(ch + nxt) and ch + nxt not in g.words):
                    ok = True  # 美国务卿, 越外长
        if ok and (i, i + 1) not in used:
            out.append((i, i + 1, iso))
    return sorted(out)


_START_END = operator.itemgetter(0, 1)  # a mention's (start, end) in its fields


def find_mentions(article: Article, lexicon: Lexicon | None = None) -> list[Mention]:
    """Every person, country, organization, place and title mention, sorted by offset.

    >>> from kg.model import Article
    >>> text = "越共中央总书记苏林会见老挝国会主席賽宋蓬‧豐威漢。賽宋蓬表示欢迎。"
    >>> a = Article(id="a", source_file="x", index=0, title="", text=text, start=0, end=0)
    >>> for m in find_mentions(a):
    ...     if m.kind == "person":
    ...         print(m.text, m.key, m.country)
    苏林 苏林 VN
    賽宋蓬‧豐威漢 赛宋蓬·丰威汉 LA
    賽宋蓬 赛宋蓬·丰威汉 LA
    """
    g = gazetteer(lexicon)
    raw = article.text
    # the same story is often printed twice (a teaser, a page printed again): its mentions
    # are a function of the text and the lexicon only, remembered for the last texts seen
    memo = _BY_TEXT
    key = (raw, id(g))
    found = memo.pop(key, None)
    if found is None:
        found = _mention_fields(raw, g, lexicon)
        if len(memo) >= _BY_TEXT_LIMIT:
            del memo[next(iter(memo))]  # the least recently used text
    memo[key] = found  # (last in the dict: the most recently used)
    return _new_mentions(article.id, found)


def _new_mentions(article_id: str, found: tuple[tuple, ...]) -> list[Mention]:
    """``[Mention(article_id, *f) for f in found]``, made through the slots' setters (see
    kg.model.MENTION_SETTERS): an article has some thirty mentions. (A change of Mention's
    fields fails here, loudly.)"""
    new = object.__new__
    s0, s1, s2, s3, s4, s5, s6, s7, s8 = MENTION_SETTERS
    out = []
    for start, end, text, kind, key, latin, titles, country in found:
        m = new(Mention)
        s0(m, article_id)
        s1(m, start)
        s2(m, end)
        s3(m, text)
        s4(m, kind)
        s5(m, key)
        s6(m, latin)
        s7(m, titles)
        s8(m, country)
        out.append(m)
    return out


_BY_TEXT: dict[tuple[str, int], tuple[tuple, ...]] = {}
_BY_TEXT_LIMIT = 1024  # texts remembered per process (about 8 MB of mentions)


def _mention_fields(raw: str, g: Gazetteer, lexicon: Lexicon | None) -> tuple[tuple, ...]:
    """The mentions of the printed text ``raw`` (:func:`find_mentions`), sorted by offset, as
    the fields of :class:`Mention` after ``article_id``."""
    r = _Reader(_hyphens(normalize_dots(to_simplified(raw)), g), g, lexicon)
    t = r.t
    out: list[tuple] = []
    persons = _persons(r)
    spans = _Spans(r.n)
    for c in persons:
        spans.add(c.start, c.end)
    country_of: dict[str, str] = {}
    info = []
    prev_end, prev_iso = -1, ""
    for c in persons:
        titles, iso, begin = r.chain(c.start)
        after = r.titles_after(c.end)
        titles += after
        if not iso and titles and prev_iso and 0 <= begin - prev_end <= 30:
            # a list of persons: 副首相兼国防大臣迪班，国务大臣布拉索昆 ... share a country
            between = t[prev_end:begin]
            if between[-1:] in "，,、;；和及与" and not any(x in between for x in "。！？\n"):
                iso = prev_iso
        if not iso:
            row = g.persons.get(c.key)
            iso = row["country"] if row else ""
        if iso:
            country_of.setdefault(c.key, iso)
        info.append((c, titles, iso))
        end_after = c.end
        for w in after:
            end_after += len(w)
        prev_end, prev_iso = end_after, iso
    for c, titles, iso in info:
        out.append((c.start, c.end, raw[c.start:c.end], PERSON, c.key, r.latin_after(c.end),
                    tuple(titles), iso or country_of.get(c.key, "")))
    for a, b, iso in _countries(r, spans):
        out.append((a, b, raw[a:b], COUNTRY, iso, "", (), ""))
    # ``prev`` is the match before ``m`` in reading order, whatever became of it
    ms = r.matches
    taken = spans.taken
    emitted = r._emitted  # a word's entry of those kinds (False: none), remembered per process
    for prev, m in zip([None, *ms], ms, strict=False):
        a, b, word, _, _ = m  # (plain unpacking: cheaper than the named fields)
        e = emitted.get(word)
        if e is None:
            e = emitted[word] = _emitted_entry(m)
        if e is False:
            continue
        if taken.find(1, a, b) >= 0:  # (spans.overlaps, inlined)
            continue
        if e.kind == "org":
            key, iso = e.key, e.country
            if not iso and prev is not None and prev.end == a and "country" in prev.kinds:
                iso = prev.entry("country").country
                key = g.countries[iso]["zh"] + e.key
            # a generic organ (国防部, 政府) names no organization unless a country is printed
            # before it; a generic body (委员会, 代表团) never does
            if (iso or e.sub == "international") and e.sub != "group":
                out.append((a, b, raw[a:b], ORGANIZATION, key, "", (), iso))
        elif e.kind == "place":
            if b - a == 2 and _inside_word(r, m):
                continue
            out.append((a, b, raw[a:b], PLACE, e.key, "", (), e.country))
        elif e.sub != "media":
            out.append((a, b, raw[a:b], TITLE, e.key, "", (), ""))
    del t
    out.sort(key=_START_END)  # (a stable sort: the order above breaks ties)
    return tuple(out)


def _emitted_entry(m: Match) -> Entry | bool:
    """The entry a lexicon word is emitted as (an organization, place or title), False for
    none: a person's name, a country, or no entry of those kinds."""
    if "person" in m.kinds or m.kinds.isdisjoint(_EMITTED):
        return False
    return m.entry("org", "place", "title", "rank") or False
