"""Property and fuzz tests of the sources, dates and articles stages: no input makes them raise.

Bounded in CI (300 examples a property); set ``KG_FUZZ_EXAMPLES`` for a longer run, e.g.
``KG_FUZZ_EXAMPLES=20000 pytest tests/test_fuzz.py -s``. Each property prints how many inputs
it tried, and the counts are written to ``.hypothesis/kg-fuzz-report.txt`` (or to the file
named by ``KG_FUZZ_REPORT``).
"""

from __future__ import annotations

import os
import re
import tempfile
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.articles import split_page
from kg.dates import article_date, find_dates
from kg.model import Page, SourceError
from kg.sources import PAGE_SUFFIXES, DecodeError, decode_bytes, html_to_page_fields, read_sources

EXAMPLES = int(os.environ.get("KG_FUZZ_EXAMPLES", "300"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
TRIED: Counter[str] = Counter()
ISO = re.compile(r"(\d{4}|-)-\d{2}-\d{2}")

# Characters real pages are made of: CJK (BMP and extension B), CJK punctuation, full-width
# forms, Vietnamese letters, Latin, digits, date words, bidi and control characters, private use.
CJK = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF)
ANY = st.characters(blacklist_categories=("Cs",))
ALPHABET = st.one_of(
    CJK, CJK, CJK, ANY,
    st.characters(min_codepoint=0x3000, max_codepoint=0x303F),
    st.characters(min_codepoint=0xFF00, max_codepoint=0xFFEF),
    st.characters(min_codepoint=0x20000, max_codepoint=0x2A6DF),
    st.characters(min_codepoint=0xE000, max_codepoint=0xF8FF),
    st.sampled_from(list("0123456789年月日号至到-/:·‧•()（）[]【】《》,，。!?\n\n\r\t ảnhđ")),
    st.sampled_from(list("\x00\x0b\u200b\ufeff\u202e")),
)
# Fragments of real pages, so the generator reaches the interesting branches.
FRAGMENTS = [
    "更多", "相關文章", "評論", "Download on the", "App Store", "首页 > 外交部长活动", "查看原文",
    "图自越通社", "(图片来源:越通社)", " ảnh 1", "屏幕截图", "越通社记者 彦创 摄", "(越通社V——VNA)",
    "越通社", "长按二维码关注我", "编辑 | 刘上靖", "[越南与澳大利亚加大防务合作力度]",
    "苏林总书记会见老挝建国阵线主席",
    "越共中央总书记苏林于2月5日下午在首都万象会见了吉乔·凯坎匹吞。",
    "2021-12-02 22:51", "【新唐人北京時間2023年04月15日訊】", " date 2026-02-05 ", "3月2日至5日",
    "3月30日至4月2日", "昨(6)日", "30/10/2022", "二〇二三年四月十五日", "21至23日", "河内，2月5日",
    "推动越中两国边境地方合作走深走实 苏林总书记:德乐省须确立其为重要枢纽 "
    "苏林总书记访柬:不断增进越柬深情厚谊",
    "國家主席阮春福接見老撾國會主席", "本网站使用Cookie", "\n", "\n\n", "。", " ",
]
PAGE_TEXT = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(ALPHABET, max_size=40)),
                     max_size=40).map("".join)


def _record(name: str) -> None:
    TRIED[name] += 1


@pytest.fixture(scope="module", autouse=True)
def _report():
    yield
    lines = [f"{name}: {count} inputs tried" for name, count in sorted(TRIED.items())]
    lines.append(f"total: {sum(TRIED.values())} inputs (max_examples={EXAMPLES} a property)")
    print("\nfuzz report\n" + "\n".join(lines))
    target = Path(os.environ.get("KG_FUZZ_REPORT", ".hypothesis/kg-fuzz-report.txt"))
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text("\n".join(lines) + "\n", encoding="utf-8")
    except OSError:
        pass


def _letters(s: str) -> str:
    return "".join(c for c in s if not c.isspace())


def _is_subsequence(small: str, big: str) -> bool:
    it = iter(big)
    return all(c in it for c in small)


def _check_articles(page: Page) -> None:
    articles = split_page(page)
    assert [a.index for a in articles] == list(range(len(articles)))
    assert len({a.id for a in articles}) == len(articles)
    for a in articles:
        assert a.source_file == page.path
        assert 0 <= a.start <= a.end <= len(page.text)
        assert a.text.strip()
        # cleaning only deletes: the story's text is drawn from its span of the page
        assert _is_subsequence(_letters(a.text), _letters(page.text[a.start:a.end]))
        if a.title:
            assert a.title in a.text
        assert a.date == "" or ISO.fullmatch(a.date)
        assert a.script in ("simplified", "traditional")
        assert re.fullmatch(r"[0-9a-f]{16}", a.id)
    full = sorted((a.start, a.end) for a in articles if a.text != a.title)
    assert all(x[1] <= y[0] for x, y in zip(full, full[1:], strict=False))


# --- split_page ----------------------------------------------------------------------------------


@FUZZ
@given(PAGE_TEXT)
def test_split_page_never_raises_and_keeps_offsets(text):
    _record("split_page(page-like text)")
    _check_articles(Page(path="fuzz.txt", text=text))


@FUZZ
@given(st.text(ALPHABET, max_size=400), st.sampled_from(["", "2026-02-07", "--02-05"]))
def test_split_page_on_random_unicode(text, date):
    _record("split_page(random unicode)")
    _check_articles(Page(path="r.txt", text=text, date=date))


# --- dates -------------------------------------------------------------------------------------


@FUZZ
@given(PAGE_TEXT, st.one_of(st.none(), st.integers(1, 9999)), st.one_of(st.none(),
                                                                      st.integers(0, 13)))
def test_find_dates_spans_are_ordered_and_valid(text, year, month):
    _record("find_dates")
    spans = find_dates(text, year=year, month=month)
    for d in spans:
        assert 0 <= d.start < d.end <= len(text)
        assert ISO.fullmatch(d.begin)
        assert d.finish == "" or ISO.fullmatch(d.finish)
    assert all(a.end <= b.start for a, b in zip(spans, spans[1:], strict=False))


@FUZZ
@given(PAGE_TEXT, st.text(ALPHABET, max_size=60))
def test_article_date_is_a_date_or_empty(text, hint):
    _record("article_date")
    found = article_date(text, hint)
    assert found == "" or ISO.fullmatch(found)


# --- sources -----------------------------------------------------------------------------------


@FUZZ
@given(st.binary(max_size=3000), st.sampled_from(PAGE_SUFFIXES + (".TXT", ".Html", "")))
def test_read_sources_never_raises_on_random_bytes(raw, suffix):
    _record("read_sources(random bytes)")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"page{suffix}"
        path.write_bytes(raw)
        items = list(read_sources([path]))
    assert items
    for item in items:
        assert isinstance(item, Page | SourceError)
        if isinstance(item, Page):
            assert item.text.strip() and "\r" not in item.text
            _check_articles(item)
        else:
            assert item.problem


@FUZZ
@given(PAGE_TEXT, st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "gb18030", "big5"]))
def test_read_sources_on_encoded_text(text, encoding):
    _record("read_sources(encoded text)")
    try:
        raw = text.encode(encoding)
    except UnicodeEncodeError:
        raw = text.encode("utf-8")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "page.txt"
        path.write_bytes(raw)
        items = list(read_sources([folder]))
    for item in items:
        if isinstance(item, Page):
            _check_articles(item)


@FUZZ
@given(st.binary(max_size=2000))
def test_decode_bytes_returns_text_or_says_why(raw):
    _record("decode_bytes")
    try:
        text, encoding = decode_bytes(raw)
    except DecodeError as err:
        assert str(err)
    else:
        assert text.strip() and encoding and "\r" not in text


TAGS = st.sampled_from(["<html>", "<body>", "<p>", "</p>", "<div>", "<script>", "</script>",
                        "<style>", "<nav>", "</nav>", "<!--", "-->", "<![CDATA[", "<?xml ?>",
                        "<meta charset='gbk'>", "<title>", "</title>", "&amp;", "&#0;", "<br/>",
                        "<h1>", "<table><tr><td>", "<", ">", "\x00"])


@FUZZ
@given(st.lists(st.one_of(TAGS, st.text(ALPHABET, max_size=30)), max_size=40).map("".join))
def test_html_extraction_never_raises(markup):
    _record("html_to_page_fields")
    fields = html_to_page_fields(markup)
    assert set(fields) == {"text", "title", "date", "url"}
    assert fields["date"] == "" or ISO.fullmatch(fields["date"])


@FUZZ
@given(st.lists(st.one_of(st.text(ALPHABET, max_size=80),
                          st.builds(lambda t: '{"text": ' + t + "}", st.text(max_size=40)),
                          st.sampled_from(['{"text": "苏林会见洪森。", "date": "2026-02-06"}',
                                           '{"text": null}', "[]", "{", '{"text": "\\ud800"}'])),
                max_size=12).map("\n".join))
def test_jsonl_bad_lines_are_errors_for_that_line_only(body):
    _record("read_sources(jsonl)")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "a.jsonl"
        path.write_text(body, encoding="utf-8", errors="surrogatepass")
        items = list(read_sources([path]))
    for item in items:
        if isinstance(item, Page):
            assert re.fullmatch(r"a\.jsonl#\d+", item.path)
            _check_articles(item)
