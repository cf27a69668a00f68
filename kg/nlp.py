"""Chinese text tools: script conversion, sentences, the lexicon automaton and the segmenter.

Analysis always runs on simplified text of the same length as the printed text, so every
offset found on the simplified text is valid in ``Article.text``:

>>> to_simplified("老撾國會主席賽宋蓬‧豐威漢")
'老挝国会主席赛宋蓬‧丰威汉'
>>> is_traditional("國家主席阮春福接見老撾國會主席"), is_traditional("国家主席阮春福")
(True, False)
>>> t = "苏林会见洪森。他说：“好！”再见"
>>> [t[a:b] for a, b in sentences(t)]
['苏林会见洪森。', '他说：“好！”', '再见']

The lexicon words (countries, places, organizations, titles, ranks, known persons) are found
in one pass by an Aho-Corasick automaton (:func:`gazetteer`); jieba runs only on short windows
where a name's boundary is in doubt, through a private ``jieba.Tokenizer`` whose user
dictionary is generated from the same lexicon files (:func:`tokenizer`). Both are built once
per process.
"""

from __future__ import annotations

import array
import bisect
import functools
import hashlib
import logging
import marshal
import operator
import os
import re
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple, TypeVar

import ahocorasick
import jieba
import opencc

from kg.lexicon import Lexicon

__all__ = [
    "DOT", "HYPHENS", "to_simplified", "is_traditional", "normalize_dots", "is_han", "sentences",
    "Entry", "Match", "Gazetteer", "gazetteer", "best_cover", "tokenizer", "lcut", "word_freq",
    "is_common_word", "is_plain_word", "is_name_word", "word_classes",
]

DOT = "\u00b7"
"""The middle dot that joins the parts of a transliterated name (通伦·西苏里)."""

DOT_VARIANTS = "・•‧･.．⋅∙•"
HYPHENS = "-‐－"
"""Hyphens: between two transliteration characters they join parts of a name (迪亚斯-卡内尔);
the mention stage reads them as middle dots there (:func:`kg.mentions.find_mentions`)."""
_HAN = "\u4e00-\u9fff\u3400-\u4dbf\uf900-\ufaff"
# (the dot's class first, then the lookbehind over it: the regex engine skips to the dots,
# where a leading lookbehind would be tried at every position)
_DOT_BETWEEN_HAN = re.compile(f"[{re.escape(DOT_VARIANTS)}](?<=[{_HAN}].)(?=[{_HAN}])")
_ANY_DOT = re.compile(f"[{re.escape(DOT_VARIANTS)}]")

_SENTENCE_END = "。！？!?"
_CLOSERS = "”’」』）)》〉】\"'"
# a newline, or a run of sentence ends with the closing marks after them
_SENTENCE_CUT = re.compile(f"\n|[{_SENTENCE_END}][{re.escape(_SENTENCE_END + _CLOSERS)}]*")

# ----------------------------------------------------------------------------------------
# Script conversion
# ----------------------------------------------------------------------------------------


@functools.cache
def _t2s() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


@functools.cache
def _s2t() -> opencc.OpenCC:
    return opencc.OpenCC("s2t")


_CLAUSE = re.compile(r"[^，。！？；：、,.!?;:\s]+|[，。！？；：、,.!?;:\s]+")


def to_simplified(text: str) -> str:
    """Traditional → simplified with OpenCC, keeping the length (offsets stay valid).

    The whole text is converted with phrase context; where a phrase conversion would change
    the length, that clause falls back to character-by-character conversion.

    >>> to_simplified("國家主席阮春福昨(6)日接見了老撾國會主席")
    '国家主席阮春福昨(6)日接见了老挝国会主席'
    >>> len(to_simplified("賽宋蓬‧豐威漢")) == len("賽宋蓬‧豐威漢")
    True
    """
    if not text:
        return text
    # the mention and event stages both convert every article: the second call is free
    return _to_simplified(text)


@functools.lru_cache(maxsize=256)
def _to_simplified(text: str) -> str:
    cc = _t2s()
    out = cc.convert(text)
    if len(out) == len(text):
        return out
    parts = []
    for piece in _CLAUSE.findall(text):
        conv = cc.convert(piece)
        if len(conv) != len(piece):
            conv = "".join(c if len(c2 := cc.convert(c)) != 1 else c2 for c in piece)
        parts.append(conv)
    return "".join(parts)


def is_traditional(text: str) -> bool:
    """True when the text is written in Traditional characters.

    Counts the characters that OpenCC would change in each direction: a Traditional text has
    many that t2s changes and few that s2t changes.

    >>> is_traditional("布林肯訪問越南 盼加深兩國關係"), is_traditional("布林肯访问越南")
    (True, False)
    """
    sample = text[:4000]
    simp = _t2s().convert(sample)
    trad = _s2t().convert(sample)
    n_t = sum(a != b for a, b in zip(sample, simp, strict=False))
    n_s = sum(a != b for a, b in zip(sample, trad, strict=False))
    return n_t >= 2 and n_t > n_s


def normalize_dots(text: str) -> str:
    """Map every middle-dot variant (・ • ‧ ･ . ．) between two Han characters to U+00B7.

    Same length as the input.

    >>> normalize_dots("通論‧西蘇里 顺通•赛雅佳 v1.2")
    '通論·西蘇里 顺通·赛雅佳 v1.2'
    """
    if _ANY_DOT.search(text) is None:  # (most texts hold no dot: skip the lookaround scan)
        return text
    return _DOT_BETWEEN_HAN.sub(DOT, text)


def is_han(ch: str) -> bool:
    """True for a CJK ideograph.

    >>> is_han("苏"), is_han("A"), is_han("，")
    (True, False, False)
    """
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf" or "\uf900" <= ch <= "\ufaff"


def sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans ``(start, end)``: cut after 。！？!? (closing quotes kept) and at newlines.

    Leading and trailing blanks are left out of a span; empty sentences are dropped.

    >>> t = "会谈中，双方表示：“愿意合作。”\\n王毅说：好！"
    >>> [t[a:b] for a, b in sentences(t)]
    ['会谈中，双方表示：“愿意合作。”', '王毅说：好！']
    """
    spans: list[tuple[int, int]] = []
    start = 0
    # one regex scan finds every cut (a per-character loop cost a call per character)
    for m in _SENTENCE_CUT.finditer(text):
        if m.group() == "\n":
            _push(text, start, m.start(), spans)
        else:
            _push(text, start, m.end(), spans)  # closing marks and quotes stay in
        start = m.end()
    _push(text, start, len(text), spans)
    return spans


def _push(text: str, a: int, b: int, spans: list[tuple[int, int]]) -> None:
    """Append ``text[a:b]`` without its leading and trailing blanks, if anything is left."""
    piece = text[a:b]
    kept = piece.strip()  # (str.strip drops exactly the characters str.isspace accepts)
    if kept:
        a += len(piece) - len(piece.lstrip())
        spans.append((a, a + len(kept)))


# ----------------------------------------------------------------------------------------
# Lexicon automaton
# ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Entry:
    """What a lexicon word means: one word can have several entries (a title and an org)."""

    kind: str  # country, abbr, place, org, title, rank, honorific, person
    key: str  # canonical key: ISO code, place/org/person name, or the title word itself
    country: str = ""  # ISO code
    sub: str = ""  # title kind (head, military, media ...), org kind, "after" flag etc.


class Match(NamedTuple):
    """A lexicon word found in a text: ``text[start:end] == word``."""

    start: int
    end: int
    word: str
    entries: tuple[Entry, ...]
    kinds: frozenset[str] = frozenset()

    def has(self, *kinds: str) -> bool:
        """True when one of the word's entries is of one of ``kinds``."""
        if self.kinds:
            return not self.kinds.isdisjoint(kinds)
        return any(e.kind in kinds for e in self.entries)

    def entry(self, *kinds: str) -> Entry | None:
        """The first entry of one of ``kinds`` (in that order of preference)."""
        for k in kinds:
            for e in self.entries:
                if e.kind == k:
                    return e
        return None


class Gazetteer:
    """Every lexicon word in one Aho-Corasick automaton, plus the small lookup tables.

    >>> g = gazetteer()
    >>> [(m.word, m.entries[0].kind) for m in g.longest("越南国防部长会见日本防卫大臣")]
    [('越南', 'country'), ('国防部长', 'title'), ('日本', 'country'), ('防卫大臣', 'title')]
    """

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        words: dict[str, list[Entry]] = {}

        def add(word: str, entry: Entry) -> None:
            word = normalize_dots(to_simplified(word.strip()))
            if len(word) < 2 and entry.kind != "abbr":
                return
            if word and entry not in words.setdefault(word, []):
                words[word].append(entry)

        self.countries: dict[str, dict[str, str]] = {}
        self.abbr: dict[str, str] = {}
        for row in lexicon.table("countries"):
            iso = row["iso"]
            self.countries[iso] = row
            for name in [row["zh"], row["zh_hant"], *row["names"].split("|")]:
                if name:
                    add(name, Entry("country", iso, iso))
            for a in row["abbr"].split("|"):
                if a:
                    self.abbr.setdefault(to_simplified(a), iso)
        for row in lexicon.table("places"):
            for name in [row["name"], *row["aliases"].split("|")]:
                if name:
                    add(name, Entry("place", row["name"], row["country"], row["kind"]))
        for row in lexicon.table("cities"):  # generated from CLDR (make_countries.py)
            for name in [row["name"], *row["aliases"].split("|")]:
                if name:
                    add(name, Entry("place", row["name"], row["country"], "city"))
        for row in lexicon.table("organizations"):
            for name in [row["name"], *row["aliases"].split("|")]:
                if name and not name.isascii():
                    add(name, Entry("org", row["name"], row["country"], row["kind"]))
        self.title_after: set[str] = set()
        for row in lexicon.table("titles"):
            add(row["word"], Entry("title", row["word"], "", row["kind"]))
            if row["after"] == "y":
                self.title_after.add(row["word"])
        for row in lexicon.table("ranks"):
            add(row["word"], Entry(row["kind"], row["word"], "", row["kind"]))
        self.persons: dict[str, dict[str, str]] = {}
        for row in lexicon.table("persons"):
            key = normalize_dots(row["name"])
            self.persons[key] = row
            for name in [row["name"], *row["aliases"].split("|")]:
                if name:
                    add(name, Entry("person", key, row["country"]))
        self.words = words
        self.surnames: dict[str, str] = {
            r["surname"]: r["origin"] for r in lexicon.table("surnames")
        }
        self.translit: set[str] = set()
        for r in lexicon.table("translit_chars"):
            self.translit.update(c for c in r["chars"] if is_han(c))
        self.stop_after: dict[str, list[str]] = {}
        self.stop_before: dict[str, list[str]] = {}
        for r in lexicon.table("name_stopwords"):
            w, side = r["word"], r["side"]
            if side in ("after", "both"):
                self.stop_after.setdefault(w[0], []).append(w)
            if side in ("before", "both"):
                self.stop_before.setdefault(w[-1], []).append(w)
        for table in (self.stop_after, self.stop_before):
            for v in table.values():
                v.sort(key=len, reverse=True)
        self.rules: dict[str, tuple[str, ...]] = {}
        for r in lexicon.table("name_rules"):
            if r["kind"] == "chars":
                self.rules[r["rule"]] = tuple(c for c in r["value"] if not c.isspace())
            else:
                self.rules[r["rule"]] = tuple(w for w in r["value"].split("|") if w)
        # pyahocorasick finds a node's child by a linear search, and the root has a child
        # for each first character of a word (hundreds): scanning a text costs that search at
        # almost every character. The same words as UTF-16 (big-endian) bytes give the root
        # one child per high byte (a few dozen) and the scan about half the cost; a match
        # that starts on a low byte (an odd offset) is no match of characters.
        auto = ahocorasick.Automaton()
        auto16 = ahocorasick.Automaton()
        # one set object per set of kinds (a few dozen): the mention stage keys dicts by
        # them, and a look-up by the same object needs no comparison of the sets
        kind_sets: dict[frozenset[str], frozenset[str]] = {}
        for w, entries in words.items():
            if len(w) >= 2:
                kinds = frozenset(e.kind for e in entries)
                value = (w, tuple(entries), kind_sets.setdefault(kinds, kinds))
                auto.add_word(w, value)
                auto16.add_word(_utf16(w), value)
        auto.make_automaton()
        auto16.make_automaton()
        self.automaton = auto
        self._automaton16 = auto16

    def iter(self, text: str) -> Iterator[Match]:
        """Every lexicon word in ``text`` (overlapping), in order of end offset."""
        for hit in self.hits(text):
            yield Match(*hit)

    def hits(self, text: str) -> list[tuple[int, int, str, tuple[Entry, ...], frozenset[str]]]:
        """Every lexicon word in ``text`` (overlapping) as a plain tuple ``(start, end, word,
        entries, kinds)`` (the fields of :class:`Match`), sorted by (end, start): the
        automaton reports the words that end at one offset longest first.

        >>> [h[:3] for h in gazetteer().hits("越南国防部")]
        [(0, 2, '越南'), (0, 5, '越南国防部'), (2, 5, '国防部')]
        """
        code = _utf16(text)
        if len(code) != 2 * len(text):  # a character beyond the BMP takes four bytes
            return [(end + 1 - len(w), end + 1, w, e, k)
                    for end, (w, e, k) in self.automaton.iter(text)]
        # the byte offset ``end`` is odd where a match ends on a character's last byte
        return [((stop := (end + 1) >> 1) - len(w), stop, w, e, k)
                for end, (w, e, k) in self._automaton16.iter(code) if end & 1]

    def longest(self, text: str) -> list[Match]:
        """The non-overlapping lexicon matches that cover the most characters.

        Ties go to fewer, longer matches. (Plain leftmost-longest would read 越南国防部长 as
        越南国防部 + 长; this reads 越南 + 国防部长.)
        """
        return best_cover(list(self.iter(text)))

    def rule(self, name: str) -> tuple[str, ...]:
        """One closed class of ``name_rules.tsv`` (characters or words)."""
        return self.rules.get(name, ())

    def stop_after_at(self, text: str, pos: int) -> str:
        """The longest name stop word (one that ends a name before it) starting at ``pos``."""
        if pos >= len(text):
            return ""
        for w in self.stop_after.get(text[pos], ()):
            if text.startswith(w, pos):
                return w
        return ""

    def stop_before_at(self, text: str, pos: int) -> str:
        """The longest stop word ending at ``pos`` (one that ends a name after it)."""
        if pos <= 0:
            return ""
        for w in self.stop_before.get(text[pos - 1], ()):
            if pos - len(w) >= 0 and text.startswith(w, pos - len(w)):
                return w
        return ""

    def surname_len(self, name: str) -> int:
        """Length of the surname ``name`` starts with (2 for 欧阳/河野, 1 for 阮), 0 if none."""
        for n in (3, 2, 1):
            if len(name) > n and name[:n] in self.surnames:
                return n
        return 0


def _utf16(text: str) -> str:
    """``text`` as its UTF-16 (big-endian) bytes, one character per byte (see
    :class:`Gazetteer`)."""
    return text.encode("utf-16-be").decode("latin-1")


@functools.cache
def _gazetteer(folder: str) -> Gazetteer:
    return Gazetteer(Lexicon.load(Path(folder)))


@functools.cache
def _default_folder() -> str:
    return str(Lexicon.load().folder)


def _folder(lexicon: Lexicon | None) -> str:
    return str(lexicon.folder) if lexicon is not None else _default_folder()


def gazetteer(lexicon: Lexicon | None = None) -> Gazetteer:
    """The process-wide gazetteer of ``lexicon`` (default lexicon), built once.

    >>> gazetteer() is gazetteer()
    True
    """
    return _gazetteer(_folder(lexicon))


_END_START = operator.itemgetter(1, 0)  # a Match's (end, start)


_Span = TypeVar("_Span", bound=tuple)
"""A :class:`Match`, or any tuple that starts with ``(start, end)``."""


def best_cover(matches: list[_Span], ordered: bool = False) -> list[_Span]:
    """Weighted interval scheduling: the non-overlapping subset covering the most characters.

    Only the first two fields (start, end) are read, so plain tuples work as well as
    :class:`Match` objects; the chosen items are returned as given. ``ordered``: the matches
    are already sorted by (end, start), as :meth:`Gazetteer.hits` returns them.

    >>> ms = [Match(0, 5, "越南国防部", ()), Match(0, 2, "越南", ()), Match(2, 6, "国防部长", ())]
    >>> [m.word for m in best_cover(ms)]
    ['越南', '国防部长']
    """
    if not matches:
        return []
    # plain tuple indexing and local names: this runs once per article over every hit
    ms = matches if ordered else sorted(matches, key=_END_START)
    ends = [m[1] for m in ms]
    # using the first i matches: cov[i] characters covered by -neg[i] pieces at best
    # (preallocated lists, no tuples: this runs once per article over every hit)
    k = len(ms)
    cov = [0] * (k + 1)
    neg = [0] * (k + 1)
    choice = [False] * (k + 1)
    prev = [0] * (k + 1)
    bisect_right = bisect.bisect_right
    last_end = -1  # the end of the match before (the largest end so far)
    for i, m in enumerate(ms):
        start = m[0]
        # (most matches overlap no match before them: then every one ends before this one
        # starts, with no search)
        j = i if start >= last_end else bisect_right(ends, start, 0, i)
        last_end = m[1]
        tc, tn = cov[j] + m[1] - start, neg[j] - 1
        ci = cov[i]
        if tc > ci or (tc == ci and tn > neg[i]):  # more characters, then fewer pieces
            cov[i + 1], neg[i + 1], choice[i + 1] = tc, tn, True
        else:
            cov[i + 1], neg[i + 1] = ci, neg[i]
        prev[i + 1] = j
    out: list[_Span] = []
    i = len(ms)
    while i > 0:
        if choice[i]:
            out.append(ms[i - 1])
            i = prev[i]
        else:
            i -= 1
    out.reverse()
    return out


# ----------------------------------------------------------------------------------------
# jieba
# ----------------------------------------------------------------------------------------

_TITLE_FREQ = 200_000
_ENTITY_FREQ = 50_000
_PERSON_FREQ = 20_000


@functools.cache
def _tokenizer(folder: str) -> jieba.Tokenizer:
    jieba.setLogLevel(logging.WARNING)
    g = _gazetteer(folder)
    tk = jieba.Tokenizer()
    # what tk.initialize() would load, from kg's faster cache (see _jieba_dictionary); a
    # copy, as the user dictionary below goes into it
    base, tk.total = _jieba_dictionary()[:2]
    tk.FREQ = dict(base)
    tk.initialized = True
    # jieba's own frequencies of the lexicon words, before the user dictionary raises them
    tk.kg_base_freq = {w: tk.FREQ.get(w) or 0 for w in g.words}
    for word, entries in g.words.items():
        if len(word) < 2:
            continue
        kinds = {e.kind for e in entries}
        if kinds & {"title", "rank", "honorific", "prefix", "name_prefix"}:
            tk.add_word(word, _TITLE_FREQ, "n")
        elif "person" in kinds:
            tk.add_word(word, _PERSON_FREQ, "nr")
        elif kinds & {"country", "place"}:
            tk.add_word(word, _ENTITY_FREQ, "ns")
        elif "org" in kinds:
            tk.add_word(word, _ENTITY_FREQ, "nt")
    return tk


def tokenizer(lexicon: Lexicon | None = None) -> jieba.Tokenizer:
    """A private ``jieba.Tokenizer`` whose user dictionary comes from the lexicon files.

    Titles, ranks, countries, organizations, places and known persons are added with high
    frequencies, so jieba's mis-splits at their edges do not happen (never the global one).

    >>> tk = tokenizer()
    >>> words = tk.lcut("统合幕僚长河野克俊")
    >>> words[0], "长河" in words, "野克俊" in words
    ('统合幕僚长', False, False)
    """
    return _tokenizer(_folder(lexicon))


def lcut(text: str, lexicon: Lexicon | None = None) -> list[str]:
    """Segment a short window with the lexicon-aware tokenizer (HMM on).

    >>> lcut("国务委员兼外长王毅")[:3]
    ['国务委员', '兼', '外长']
    """
    return tokenizer(lexicon).lcut(text)


def word_freq(word: str, lexicon: Lexicon | None = None) -> int:
    """jieba's frequency of ``word`` (0 when it is no dictionary word).

    >>> word_freq("强调") > 1000, word_freq("潘文")
    (True, 0)
    """
    return tokenizer(lexicon).FREQ.get(word) or 0


def is_common_word(word: str, min_freq: int = 100, lexicon: Lexicon | None = None) -> bool:
    """True for an ordinary dictionary word of jieba frequency >= ``min_freq``, not a known name.

    (jieba's own part-of-speech tags are too noisy to tell names: it tags 祝贺 as ``nr``.)

    >>> is_common_word("祝贺"), is_common_word("苏林"), is_common_word("潘文")
    (True, False, False)
    """
    if word_freq(word, lexicon) < min_freq:
        return False
    return not any(e.kind == "person" for e in gazetteer(lexicon).words.get(word, ()))


def word_classes() -> tuple[frozenset[str], frozenset[str]]:
    """The words of :func:`is_plain_word` and of :func:`is_name_word`, as two sets (for
    callers that test many words).

    >>> plain, names = word_classes()
    >>> "智库" in plain, "彭丽媛" in names
    (True, True)
    """
    return _word_tags()


def _word_tags() -> tuple[frozenset[str], frozenset[str]]:
    """Words of jieba's own dictionary (2 to 6 characters) by part-of-speech tag: those
    tagged as anything but a name or place (plain words: 智库, 主席国), and those tagged as a
    person's name (nr, nrt, nrfg: 彭丽媛, 拜登)."""
    return _jieba_dictionary()[2:]


def _dict_path() -> Path:
    return Path(jieba.__file__).resolve().parent / jieba.DEFAULT_DICT_NAME


def _read_word_tags() -> tuple[frozenset[str], frozenset[str]]:
    text = _dict_path().read_text(encoding="utf-8")
    plain = frozenset(re.findall(r"^(\S{2,6}) \d+ (?!nr|ns|nz)\S+$", text, re.M))
    names = frozenset(re.findall(r"^(\S{2,6}) \d+ nr\S*$", text, re.M))
    return plain, names


_CACHE_FORMAT = 1


@functools.cache
def _jieba_dictionary() -> tuple[dict[str, int], int, frozenset[str], frozenset[str]]:
    """jieba's prefix dictionary (``FREQ``, ``total``: what ``Tokenizer.initialize`` loads)
    and the word classes of :func:`_word_tags`, once per process.

    Every worker process needs them; jieba's own cache (one marshalled dict) takes most of
    a second to load, and the word classes a regex pass over ``dict.txt``. kg keeps its own
    cache beside jieba's, keyed by the dictionary file: the words as one string, the
    frequencies as one array, which load in a fraction of that time.
    """
    path = _dict_path()
    stat = path.stat()
    key = hashlib.md5(f"{_CACHE_FORMAT} {jieba.__version__} {path} {stat.st_size} "
                      f"{stat.st_mtime_ns}".encode()).hexdigest()[:16]
    cache = Path(tempfile.gettempdir()) / f"kg-jieba-{key}.cache"
    try:
        words, freqs, total, plain, names = marshal.loads(cache.read_bytes())
        freq_array = array.array("q")
        freq_array.frombytes(freqs)
        return (dict(zip(words.split("\n"), freq_array, strict=True)), total,
                frozenset(plain.split("\n")), frozenset(names.split("\n")))
    except (OSError, ValueError, TypeError, EOFError):
        pass  # no cache yet (or an unreadable one): build it
    tk = jieba.Tokenizer()
    tk.initialize()
    plain_set, name_set = _read_word_tags()
    texts = ["\n".join(tk.FREQ), "\n".join(sorted(plain_set)), "\n".join(sorted(name_set))]
    if all(len(x.split("\n")) == len(y) for x, y in zip(texts, (tk.FREQ, plain_set, name_set),
                                                        strict=True)):  # no word holds a \n
        data = marshal.dumps((texts[0], array.array("q", tk.FREQ.values()).tobytes(),
                              tk.total, texts[1], texts[2]))
        try:  # written whole, then renamed: workers starting together read a whole file
            fd, tmp = tempfile.mkstemp(dir=cache.parent, prefix="kg-jieba-")
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            os.replace(tmp, cache)
        except OSError:
            pass  # a read-only temp folder: no cache, every process reads jieba's
    return tk.FREQ, tk.total, plain_set, name_set


def is_plain_word(word: str) -> bool:
    """True for a word of jieba's dictionary tagged as no name (noun, verb, adjective ...).

    jieba's tags for names are noisy (苏林 and 普京 are tagged as places), so only tags that
    are neither a person's name, a place nor another proper noun count.

    >>> is_plain_word("智库"), is_plain_word("主席国"), is_plain_word("普京"), is_plain_word("蔡奇")
    (True, True, False, False)
    """
    return word in _word_tags()[0]


def is_name_word(word: str) -> bool:
    """True for a word jieba's dictionary tags as a person's name (nr, nrt, nrfg).

    >>> is_name_word("彭丽媛"), is_name_word("拜登"), is_name_word("智库")
    (True, True, False)
    """
    return word in _word_tags()[1]
