"""Dates in Chinese news text: every date expression, and an article's publication date.

Two functions:

- ``find_dates(text, year, month)`` finds every date expression (2026年2月5日, 3月2日至5日,
  2022-08-05 16:40, 30/10/2022, 昨(6)日, 二〇二三年四月十五日 ...) and returns ``DateSpan``
  records holding character offsets into ``text`` and ISO dates. A year the text does not give
  is taken from ``year``; without one the date is written ``--MM-DD``.
- ``article_date(text, hint)`` reads the publication date from a dateline or leading date
  (" date 2026-02-05", "2021-12-02 22:51", "【新唐人北京時間2023年04月15日訊】",
  "本报北京12月12日电", "河内，2月5日") or, failing that, from ``hint`` (a URL, a file name).

Full-width digits are read as digits; matching runs on a copy of the text with the same
length, so every offset points into the text as given.

>>> [(d.begin, d.finish) for d in find_dates("越南代表团于3月2日至5日对日本进行正式访问。")]
[('--03-02', '--03-05')]
>>> find_dates("2026年2月5日上午")[0]
DateSpan(start=0, end=9, begin='2026-02-05', finish='')
>>> article_date("2021-12-02 22:51\\n\\n2021年12月2日,王毅同裴青山举行会谈。")
'2021-12-02'
"""

from __future__ import annotations

import calendar
import re
from bisect import bisect_left
from collections.abc import Iterable, Iterator
from datetime import date, timedelta
from operator import itemgetter
from typing import NamedTuple

__all__ = ["DateSpan", "find_dates", "article_date", "normalize_digits", "valid_date"]

_FULLWIDTH = str.maketrans("０１２３４５６７８９／－：．", "0123456789/-:.")
_HAS_FULLWIDTH = re.compile("[０１２３４５６７８９／－：．]")
_CN_DIGIT = {"〇": 0, "零": 0, "○": 0, "Ｏ": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5,
             "六": 6, "七": 7, "八": 8, "九": 9}


class DateSpan(NamedTuple):
    """A date expression found in a text.

    ``start``/``end`` are character offsets into the text searched; ``begin`` and ``finish``
    are ``YYYY-MM-DD`` (or ``--MM-DD`` when the year is unknown); ``finish`` is ``""`` for a
    single day. (A named tuple: an article's dates are made by the hundred, and a tuple is
    several times cheaper to make than a frozen dataclass.)
    """

    start: int
    end: int
    begin: str
    finish: str = ""


def normalize_digits(text: str) -> str:
    """Full-width digits and date separators to ASCII; the length never changes.

    >>> normalize_digits("２０２３年４月１５日")
    '2023年4月15日'
    """
    if not _HAS_FULLWIDTH.search(text):  # the usual case: a fast scan instead of a copy
        return text
    return text.translate(_FULLWIDTH)


def _cn_number(s: str) -> int | None:
    """A Chinese or Arabic number up to 99 (十二, 二十三, 三十一, 5), or None."""
    if s.isdigit():
        return int(s)
    if "十" in s:
        head, _, tail = s.partition("十")
        tens = _CN_DIGIT.get(head, -1) if head else 1
        ones = _CN_DIGIT.get(tail, -1) if tail else 0
        if tens < 0 or ones < 0 or "十" in tail:
            return None
        return tens * 10 + ones
    if len(s) == 1 and s in _CN_DIGIT:
        return _CN_DIGIT[s]
    return None


def _cn_year(s: str) -> int | None:
    if s.isdigit():
        return int(s)
    digits = [_CN_DIGIT.get(c) for c in s]
    if any(d is None for d in digits):
        return None
    return int("".join(str(d) for d in digits))


def valid_date(year: int | None, month: int, day: int) -> bool:
    """Whether the day exists (29 February is allowed when the year is unknown).

    >>> valid_date(2023, 2, 29), valid_date(None, 2, 29), valid_date(2024, 4, 31)
    (False, True, False)
    """
    if not 1 <= month <= 12 or day < 1:
        return False
    if year is None:
        return day <= (29 if month == 2 else calendar.monthrange(2001, month)[1])
    if not 1 <= year <= 9999:
        return False
    return day <= calendar.monthrange(year, month)[1]


def _iso(year: int | None, month: int, day: int) -> str:
    if year is None:
        return f"--{month:02d}-{day:02d}"
    return f"{year:04d}-{month:02d}-{day:02d}"


# --- patterns (on the digit-normalised text) ----------------------------------------------

_SP = r"[ \t\u3000\u00a0]*"
_YEAR = r"(?:\d{4}|[〇零○一二三四五六七八九]{4})"
_NUM = r"(?:\d{1,2}|[一二三四五六七八九十]{1,3})"
_TIME = r"(?:" + _SP + r"(?:\d{1,2}[时時点點](?:\d{1,2}分)?|\d{1,2}:\d{2}(?::\d{2})?))?"
_SEP = _SP + r"(?:至|到|~|～|-|–|—|－)" + _SP

_CJK = re.compile(
    rf"(?<![\d])(?:(?P<y1>{_YEAR}){_SP}年{_SP})?(?P<m1>{_NUM}){_SP}月{_SP}"
    rf"(?P<d1>{_NUM})(?:{_SP}[日号號](?![元币])|(?={_SEP}{_NUM}{_SP}[日号號]))"
    rf"(?:{_TIME}{_SEP}(?:(?:(?P<y2>{_YEAR}){_SP}年{_SP})?(?P<m2>{_NUM}){_SP}月{_SP})?"
    rf"(?P<d2>{_NUM}){_SP}[日号號](?![元币]))?"
)
# Each pattern opens with a digit and checks what stands before it with a lookbehind placed
# after that digit ((?<![\d/.-]\d) is "no digit, / . or - before the first digit"): a pattern
# that starts with a character class lets the regex engine skip to the next digit quickly,
# where one that starts with the lookbehind is tried at every position of the text.
_ISO = re.compile(
    r"(?P<y>\d(?<![\d/.-]\d)\d{3})(?P<s>[-/.])(?P<m>\d{1,2})(?P=s)(?P<d>\d{1,2})(?![\d])"
    r"(?:(?:[ T]|,\s?|，)\d{1,2}:\d{2}(?::\d{2})?)?"
)
_DMY = re.compile(r"(?P<a>\d(?<![\d/.]\d)\d?)/(?P<b>\d{1,2})/(?P<y>\d{4})(?![\d/])")
# What may stand before a day's first digit: 本月, or anything but a digit, 第, 月, . / -
_DAY_BEFORE = r"(?:(?<=本月\d)|(?<![\d第月./-]\d))"
# What may stand in a _CJK match before its 月 besides digits: year and month numbers, 年,
# blanks.
_CJK_HEAD = frozenset("〇零○一二三四五六七八九十年 \t\u3000\u00a0")
# Day only: 5日, 21日至23日, 20日8时至21日6时; not 第15号, not 500日元.
_DAY = re.compile(
    rf"(?P<d1>\d{_DAY_BEFORE}\d?)(?:{_SP}日(?![元币])|(?={_SEP}\d{{1,2}}{_SP}日))"
    rf"(?:{_TIME}{_SEP}(?P<d2>\d{{1,2}}){_SP}日(?![元币]))?"
)
# 29日至4月1日: a day, then a range end in the next month (the day's month is the one before).
_DAY_TO_MONTH = re.compile(
    rf"(?P<d1>\d{_DAY_BEFORE}\d?){_SP}日?{_SEP}(?P<m2>\d{{1,2}}){_SP}月"
    rf"{_SP}(?P<d2>\d{{1,2}}){_SP}[日号號]"
)
# 昨(6)日, 今（5）日, 前(4)日: the day in brackets.
_PAREN_DAY = re.compile(r"[昨今前明][(（]\s*(?P<d1>\d{1,2})\s*[)）]日")


# What every _DAY_TO_MONTH match holds: a separator, then the end's month (至4月). One search
# for it skips the regex scan of most texts, which tries _DAY_TO_MONTH at every digit.
_SEP_TO_MONTH = re.compile(r"(?:至|到|~|～|-|–|—|－)" + _SP + r"\d{1,2}" + _SP + "月")
_MAY_HOLD_DATE = re.compile(r"[0-9０-９日号號天晚晨早周週期拜]")

# Relative dates, read against an anchor (the article's date): 今天, 昨天, 前天, 明天; 当天 and
# 同日 (the day of the date named just before, else the anchor); 次日 (the day after that);
# weekdays (周四, 星期四, 上周四, 下星期一): the last such day up to the anchor, or in the
# week before or after. A weekday printed beside a date (星期五（11月8日）) is that date's.
_RELATIVE_WORDS = (r"今天|今日|今晨|今早|今晚|昨天|昨日|昨晚|昨晨|前天|明天|明日|后天|後天"
                   r"|当天|當天|当日|當日|同日|同一天|是日|次日|翌日")
_WEEK = ("周", "週", "星期", "礼拜", "禮拜")
_RELATIVE = re.compile(rf"(?P<word>{_RELATIVE_WORDS})|(?<!每)(?P<pre>上|本|下|这|這)?"
                       rf"(?:{'|'.join(_WEEK)})(?P<wd>[一二三四五六日天])")
# Where a relative date is: a word, or a weekday with its 上/本/下 one character before. (Only
# words as alternatives: that lets the regex engine jump to their first characters.)
_RELATIVE_HINT = re.compile("|".join([_RELATIVE_WORDS, *(w + "[一二三四五六日天]" for w in _WEEK)]))
_OFFSET = {"今天": 0, "今日": 0, "今晨": 0, "今早": 0, "今晚": 0, "昨天": -1, "昨日": -1,
           "昨晚": -1, "昨晨": -1, "前天": -2, "明天": 1, "明日": 1, "后天": 2, "後天": 2}
_SAME_DAY = {"当天", "當天", "当日", "當日", "同日", "同一天", "是日"}
_NEXT_DAY = {"次日", "翌日"}  # not 第二天: 第二天會談 is the talks' second day
_AHEAD = re.compile(r"将|將|拟|擬|计划|計劃")
_WEEKDAY = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}


# Finding where a pattern may match first and trying it only there is much faster than
# ``finditer`` for _CJK and _RELATIVE, whose leading lookbehind or optional part makes the
# regex engine try them at every position of the text, and for _DAY, tried at every digit.


def _matches_at(pattern: re.Pattern[str], text: str, starts: Iterable[int]) -> Iterator[
        re.Match[str]]:
    """``pattern.finditer(text)`` when every match starts at one of ``starts`` (increasing):
    the leftmost match not overlapping the one before, tried at those positions only."""
    pos = 0
    for start in starts:
        if start >= pos and (m := pattern.match(text, start)) is not None:
            yield m
            pos = m.end()


def _cjk_starts(norm: str) -> Iterator[int]:
    """Where a _CJK match may start: every match holds a 月 and before it only digits and
    _CJK_HEAD characters, so in the run of those right before a 月."""
    month = norm.find("月")
    while month != -1:
        head = month
        while head > 0 and (norm[head - 1] in _CJK_HEAD or norm[head - 1].isdecimal()):
            head -= 1  # (isdecimal is what \d matches)
        yield from range(head, month)
        month = norm.find("月", month + 1)


# What may stand between the first digit of a _DAY match and its 日: digits, blanks and range
# separators (21日至23日, 5 日).
_DAY_RUN = frozenset(" \t\u3000\u00a0至到~～-–—－")


def _day_starts(norm: str) -> Iterator[int]:
    """Where a _DAY match may start: at a digit of the run of digits, blanks and separators
    right before a 日 (the regex engine would try every digit of the text)."""
    day = norm.find("日")
    while day != -1:
        head = day
        while head > 0 and (norm[head - 1] in _DAY_RUN or norm[head - 1].isdecimal()):
            head -= 1  # (isdecimal is what \d matches)
        yield from (i for i in range(head, day) if norm[i].isdecimal())
        day = norm.find("日", day + 1)


def _relative_starts(norm: str) -> Iterator[int]:
    """Where a _RELATIVE match may start: at a relative word or weekday, or one character
    before (上周四)."""
    for m in _RELATIVE_HINT.finditer(norm):
        if m.start():
            yield m.start() - 1
        yield m.start()


def _as_date(iso: str) -> tuple[date, bool] | None:
    """A ``YYYY-MM-DD`` or ``--MM-DD`` string as a date (a leap year standing in for an unknown
    year) and whether the year is known."""
    try:
        if iso[:1].isdigit():
            return date.fromisoformat(iso), True
        if iso.startswith("--"):
            return date.fromisoformat("2000" + iso[1:]), False
    except ValueError:
        return None
    return None


def _from_date(d: date, known: bool) -> str:
    return d.isoformat() if known else "--" + d.isoformat()[5:]


def _relative_date(m: re.Match[str], anchor: str, previous: str, ahead: bool = False) -> str:
    """The ISO date a relative expression names, or "" when it cannot be told; ``ahead``: a
    bare weekday after 将 is the next such day, not the last."""
    word = m["word"]
    if word in _SAME_DAY or word in _NEXT_DAY:
        base = _as_date(previous or anchor)
        if base is None:
            return ""
        shift = 1 if word in _NEXT_DAY else 0
        return _from_date(base[0] + timedelta(days=shift), base[1])
    base = _as_date(anchor)
    if base is None:
        return ""
    day, known = base
    if word:
        return _from_date(day + timedelta(days=_OFFSET[word]), known)
    if not known:  # a weekday needs the year
        return ""
    wd = _WEEKDAY[m["wd"]]
    monday = day - timedelta(days=day.weekday())
    pre = m["pre"] or ""
    if pre == "上":
        return (monday - timedelta(days=7 - wd)).isoformat()
    if pre == "下":
        return (monday + timedelta(days=7 + wd)).isoformat()
    if pre in ("本", "这", "這"):
        return (monday + timedelta(days=wd)).isoformat()
    if ahead:  # 将于周四: the next one from the anchor on
        return (day + timedelta(days=(wd - day.weekday()) % 7)).isoformat()
    return (day - timedelta(days=(day.weekday() - wd) % 7)).isoformat()


def _nearest_month(day: int, anchor: str) -> tuple[int | None, int] | None:
    """(year, month) that puts a day-only date nearest the anchor: 26日 in an article of
    1 March is 26 February; None without an anchor day."""
    base = _as_date(anchor)
    if base is None:
        return None
    ref, known = base
    best: tuple[int, int | None, int] | None = None
    for shift in (-1, 0, 1):
        y, mo = ref.year, ref.month + shift
        if mo == 0:
            y, mo = y - 1, 12
        elif mo == 13:
            y, mo = y + 1, 1
        if not valid_date(y, mo, day):
            continue
        gap = abs((date(y, mo, day) - ref).days)
        if best is None or gap < best[0]:
            best = (gap, y if known else None, mo)
    return (best[1], best[2]) if best else None


def _finish_after(b_year: int | None, b_month: int, e_month: int) -> int | None:
    """The year of a range's end when only the start's year is known (12月30日至1月2日)."""
    if b_year is None:
        return None
    return b_year + 1 if e_month < b_month else b_year


def find_dates(text: str, year: int | None = None, month: int | None = None,
               anchor: str = "") -> list[DateSpan]:
    """Every date expression in ``text``, in order, as ``DateSpan`` records.

    ``year`` fills dates that print none; ``month`` gives the month of a day-only date
    ("5日") when no earlier date in the text names one (an earlier date's month and year win).
    Day-only dates with no month known are skipped. ``anchor`` (the article's date,
    ``YYYY-MM-DD`` or ``--MM-DD``) dates relative expressions (今天, 昨天, 当天, 同日, 周四)
    and gives a day-only date with no earlier date the month that puts it nearest the anchor.

    >>> [d.begin for d in find_dates("川普26日抵达河内。今天两人举行会谈。", anchor="2019-02-28")]
    ['--02-26', '2019-02-28']
    >>> [d.begin for d in find_dates("3月2日，苏林会见洪森。同日，苏林会见洪玛奈。周四，……",
    ...                              anchor="2026-03-06")]
    ['--03-02', '--03-02', '2026-03-05']

    >>> [d.begin for d in find_dates("2022-08-05 16:40 当地时间8月4日", year=2022)]
    ['2022-08-05', '2022-08-04']
    >>> [(d.begin, d.finish) for d in find_dates("3月30日至4月2日", year=2024)]
    [('2024-03-30', '2024-04-02')]
    >>> [d.begin for d in find_dates("国家主席阮春福昨(6)日下午", year=2022, month=12)]
    ['2022-12-06']
    >>> [d.begin for d in find_dates("于11月30日至12月6日出访三国，停留至3日", year=2024)]
    ['2024-11-30', '2024-12-03']
    """
    if not text or not _MAY_HOLD_DATE.search(text):
        return []
    if anchor and not _as_date(anchor):
        anchor = ""
    norm = normalize_digits(text)
    found: list[tuple[int, int, str, str, int | None, int]] = []  # start, end, b, f, y, m
    taken: list[tuple[int, int]] = []

    def free(a: int, b: int) -> bool:
        return all(b <= s or a >= e for s, e in taken)

    # Each pattern needs a character most texts lack (- / . 月 日): one fast ``in`` test
    # skips a regex scan of the whole text.
    has_day = "日" in norm
    for m in _ISO.finditer(norm) if "-" in norm or "/" in norm or "." in norm else ():
        y, mo, d = int(m["y"]), int(m["m"]), int(m["d"])
        if valid_date(y, mo, d) and 1800 <= y <= 2200:
            found.append((m.start(), m.end(), _iso(y, mo, d), "", y, mo))
            taken.append(m.span())
    for m in _DMY.finditer(norm) if "/" in norm else ():
        a, b, y = int(m["a"]), int(m["b"]), int(m["y"])
        day, mo = (a, b) if b <= 12 else (b, a)  # day/month/year unless that cannot be
        if free(*m.span()) and valid_date(y, mo, day) and 1800 <= y <= 2200:
            found.append((m.start(), m.end(), _iso(y, mo, day), "", y, mo))
            taken.append(m.span())
    for m in _DAY_TO_MONTH.finditer(norm) if _SEP_TO_MONTH.search(norm) else ():
        d1, m2, d2 = int(m["d1"]), int(m["m2"]), int(m["d2"])
        if not free(*m.span()) or d1 <= d2 or not 1 <= m2 <= 12:
            continue
        m1 = 12 if m2 == 1 else m2 - 1
        y2 = _finish_after(year, m1, m2)  # as for 12月30日至1月2日: the year is the start's
        if valid_date(year, m1, d1) and valid_date(y2, m2, d2):
            found.append((m.start(), m.end(), _iso(year, m1, d1), _iso(y2, m2, d2), year, m1))
            taken.append(m.span())
    for m in _matches_at(_CJK, norm, _cjk_starts(norm)):
        if not free(*m.span()):
            continue
        y1 = _cn_year(m["y1"]) if m["y1"] else None
        m1, d1 = _cn_number(m["m1"]), _cn_number(m["d1"])
        if m1 is None or d1 is None:
            continue
        by = y1 if y1 is not None else year
        if not valid_date(by, m1, d1):
            continue
        begin, finish, end = _iso(by, m1, d1), "", m.end()
        if m["d2"]:
            d2 = _cn_number(m["d2"])
            m2 = _cn_number(m["m2"]) if m["m2"] else m1
            y2 = _cn_year(m["y2"]) if m["y2"] else None
            fy = y2 if y2 is not None else _finish_after(by, m1, m2 or m1)
            if d2 is not None and m2 is not None and valid_date(fy, m2, d2):
                finish = _iso(fy, m2, d2)
            else:  # keep the first date alone; cut the span before the separator
                end = m.start("d1") + len(m["d1"]) + 1
                if norm[end - 1:end] not in ("日", "号", "號"):
                    continue
        found.append((m.start(), end, begin, finish, by, m1))
        taken.append((m.start(), end))
    # Day-only dates take their month (and year) from the nearest earlier date.
    day_only: list[tuple[int, int, int, int | None]] = []
    # (a bracketed day closes right before its 日: two fast ``in`` tests rule most texts out)
    for m in _PAREN_DAY.finditer(norm) if ")日" in norm or "）日" in norm else ():
        if free(*m.span()):
            day_only.append((m.start(), m.end(), int(m["d1"]), None))
            taken.append(m.span())
    for m in _matches_at(_DAY, norm, _day_starts(norm)) if has_day else ():
        if free(*m.span()):
            d2 = int(m["d2"]) if m["d2"] else None
            day_only.append((m.start(), m.end(), int(m["d1"]), d2))
            taken.append(m.span())
    for start, end, d1, d2 in day_only:
        ctx_year, ctx_month = year, month
        earlier = [f for f in found if f[0] < start and f[5]]
        if earlier:
            last = max(earlier, key=lambda f: f[0])
            ctx_month = last[5]
            ctx_year = last[4] if last[4] is not None else year
            if last[3] and last[3][-5:-3] != last[2][-5:-3] and d1 < int(last[2][-2:]):
                # after a range over two months (11月30日至12月6日 … 3日): the day inside it
                ctx_month = int(last[3][-5:-3])
                ctx_year = int(last[3][:4]) if last[3][0] != "-" else ctx_year
        elif anchor and (near := _nearest_month(d1, anchor)) is not None:
            ctx_month = near[1]
        if ctx_month is None or not valid_date(ctx_year, ctx_month, d1):
            continue
        finish = ""
        if d2 is not None:
            if d2 > d1 and valid_date(ctx_year, ctx_month, d2):
                finish = _iso(ctx_year, ctx_month, d2)
            else:
                continue
        found.append((start, end, _iso(ctx_year, ctx_month, d1), finish, ctx_year, ctx_month))
    found.sort(key=itemgetter(0, 1))
    if anchor:
        found = _with_relative(norm, found, taken, anchor)
    return [DateSpan(s, e, b, f) for s, e, b, f, _, _ in found]


def _with_relative(norm: str, found: list[tuple], taken: list[tuple[int, int]],
                   anchor: str) -> list[tuple]:
    """``found`` with the relative dates of ``norm`` added, in text order."""
    out = list(found)
    starts = [f[0] for f in out]
    spans = sorted(taken)
    span_starts = [sp[0] for sp in spans]
    for m in _matches_at(_RELATIVE, norm, _relative_starts(norm)):
        a, b = m.span()
        k = bisect_left(span_starts, a)
        near = spans[max(0, k - 2):k + 2]
        if any(not (b <= s or a >= e) for s, e in near):
            continue
        if m["wd"] and any(-1 <= a - e <= 3 or -1 <= s - b <= 2 for s, e in near):
            continue  # 星期五（11月8日）, 2024年1月9日 星期二: the printed date's weekday
        j = bisect_left(starts, a)
        previous = out[j - 1][2] if j else ""
        iso = _relative_date(m, anchor, previous, ahead=bool(_AHEAD.search(norm, max(0, a - 4), a)))
        if not iso:
            continue
        y = int(iso[:4]) if iso[:1].isdigit() else None
        out.insert(j, (a, b, iso, "", y, int(iso[-5:-3])))
        starts.insert(j, a)
    return out


# --- publication date ----------------------------------------------------------------------

_HEAD_LINES = 8  # lines searched for a line holding only a date
_LEAD_LINES = 5  # lines searched for a paragraph opening with a date
_META = re.compile(r"^\s*(?:date|Date|DATE|日期|发布时间|發布時間|时间|時間|发布日期|發佈日期)"
                   r"\s*[:：]?\s*")
# A dateline prefix before a leading date: 越通社河内——, 河内，, 人民军队：, 【...】 ...
_PREFIX = re.compile(r"^[^\s。,，:：!！?？]{0,14}(?:——|—|--|:|：|，|,|】|〕|\)|）|\]|报道[,，])\s*")
_DATELINE = re.compile(r"(?:社|[报報]|台|网|網)[^\d。，,]{0,10}?(?=[\d０-９])")


def _date_line(line: str) -> str:
    """The date of a short line that is only a date/time ("2021-12-02 22:51")."""
    spans = find_dates(line)
    if not spans:
        return ""
    first = spans[0]
    rest = (line[:first.start] + line[first.end:]).strip()
    rest = re.sub(r"[\d:：()（）+,，/\sGMTUTC星期週周一二三四五六日天上下午晚时時分秒-]", "", rest)
    if len(rest) <= 4:
        return first.begin
    return ""


# What a date expression of find_dates (without an anchor) can open with.
_DATE_FIRST = frozenset("0123456789０１２３４５６７８９〇零○一二三四五六七八九十昨今前明")


def _leading_date(line: str) -> str:
    """A date at the head of a line, after an optional dateline prefix."""
    stripped = line.strip()
    m = _META.match(stripped)
    if m and stripped[m.end():m.end() + 1] in _DATE_FIRST:
        spans = find_dates(stripped[m.end():m.end() + 40])
        if spans and spans[0].start == 0:
            return spans[0].begin
    for candidate_start in _starts(stripped):
        if not (stripped[candidate_start:candidate_start + 1] in _DATE_FIRST
                or stripped[candidate_start + 1:candidate_start + 2] in _DATE_FIRST):
            continue  # (no date can start at either place: not worth reading)
        spans = find_dates(stripped[candidate_start:candidate_start + 40])
        if spans and spans[0].start <= 1:
            return spans[0].begin
    return ""


_BRACKET_HEAD = re.compile(r"^[【〔\[(（][^】〕\])）]{0,20}?(?=[\d０-９〇一二])")


def _starts(line: str) -> list[int]:
    starts = [0]
    m = _PREFIX.match(line)
    if m:
        starts.append(m.end())
    m = _BRACKET_HEAD.match(line)
    if m:
        starts.append(m.end())
    m = _DATELINE.search(line[:24])
    if m:
        starts.append(m.end())
    return starts


_HINT = [
    re.compile(r"(?<!\d)(?P<y>(?:19|20)\d{2})[-/_.](?P<m>\d{1,2})[-/_.](?P<d>\d{1,2})(?!\d)"),
    re.compile(r"(?<!\d)(?P<y>(?:19|20)\d{2})(?P<m>\d{2})(?P<d>\d{2})(?!\d)"),
    re.compile(r"(?<!\d)(?P<y>(?:19|20)\d{2})[-/_.]?(?P<m>\d{2})/(?P<d>\d{2})(?!\d)"),
]


def _hint_date(hint: str) -> str:
    spans = find_dates(hint)
    if spans and spans[0].begin[:1].isdigit():
        return spans[0].begin
    for pattern in _HINT:
        for m in pattern.finditer(normalize_digits(hint)):
            y, mo, d = int(m["y"]), int(m["m"]), int(m["d"])
            if valid_date(y, mo, d):
                return _iso(y, mo, d)
    return ""


def _head_lines(text: str, head: int = 4096) -> list[str]:
    """The first ``_HEAD_LINES`` non-blank lines among the first 200 lines of ``text``,
    read from its first ``head`` characters when they hold enough (a long story is not
    split whole).

    >>> _head_lines("a\\n\\n b\\nc", head=3), _head_lines("a\\n\\n b\\nc")
    (['a', ' b', 'c'], ['a', ' b', 'c'])
    """
    if len(text) > head:
        complete = text[:head].splitlines()[:-1]  # (the last one may be cut short)
        lines = [ln for ln in complete[:200] if ln.strip()]
        if len(lines) >= _HEAD_LINES or len(complete) >= 200:
            return lines[:_HEAD_LINES]
    return [ln for ln in text.splitlines()[:200] if ln.strip()][:_HEAD_LINES]


def article_date(text: str, hint: str = "") -> str:
    """The publication date of an article: ISO, ``--MM-DD`` when the year is unknown, or "".

    Looks at the first lines of ``text`` for a metadata line (" date 2026-02-05"), a line that
    is only a date ("2021-12-02 22:51", "星期二, 20/12/2016 14:48"), a dateline
    ("【新唐人北京時間2023年04月15日訊】", "本报北京12月12日电", "河内，2月5日") or a paragraph
    that opens with a date ("越通社河内——3月23日下午 ..."); then at ``hint`` (a URL or a file
    name such as ``.../2023/04/15/a1.html`` or ``t20211202_1.shtml``). A month-day found in the
    text is kept only when the hint gives no full date.

    >>> article_date(" date 2026-02-05 越通社特派记者报道，在对老挝进行国事访问期间")
    '2026-02-05'
    >>> article_date("【新唐人北京時間2023年04月15日訊】美國國務卿布林肯訪問越南")
    '2023-04-15'
    >>> article_date("河内，2月5日——越共中央总书记苏林")
    '--02-05'
    >>> article_date("王毅会见裴青山", hint="http://x.cn/202208/t20220805_10735527.shtml")
    '2022-08-05'
    """
    partial = ""
    lines = _head_lines(text)
    for number, line in enumerate(lines):
        head = line.strip()[:120]
        found = _date_line(head) if len(head) <= 40 else ""
        if not found and number < _LEAD_LINES:
            found = _leading_date(head)
        if found:
            if found[0].isdigit():
                return found
            partial = partial or found
            break
    from_hint = _hint_date(hint) if hint else ""
    return from_hint or partial
