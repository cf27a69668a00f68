"""Sources: formats, encodings, manifests and every kind of bad file (tests/data/bad)."""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

import pytest

from kg.model import Page, SourceError
from kg.sources import (
    DEFAULT_MAX_BYTES,
    DecodeError,
    decode_bytes,
    html_to_page_fields,
    is_manifest,
    read_manifest,
    read_sources,
)

DATA = Path(__file__).parent / "data"
BAD = DATA / "bad"
INPUTS = DATA / "inputs"
REPO = Path(__file__).resolve().parent.parent


def _split(items):
    pages = {p.path: p for p in items if isinstance(p, Page)}
    errors = {e.path: e.problem for e in items if isinstance(e, SourceError)}
    return pages, errors


@pytest.fixture(scope="module")
def bad():
    return _split(list(read_sources([BAD])))


# --- tests/data/bad: the messy but readable files ------------------------------------------

GOOD_IN_BAD = [
    ("gbk.txt", "2024年4月22日,越南国防部长潘文江大将在河内会见了中国国防部长董军上将。"),
    ("big5.txt", "國家主席阮春福6日下午在主席府接見了老撾國會主席賽宋蓬·豐威漢。"),
    ("utf16.txt", "当地时间2022年8月4日,国务委员兼外长王毅在金边会见越南外长裴青山。"),
    ("bom.txt", "2021年12月2日,国务委员兼外长王毅在浙江安吉同越南外长裴青山举行会谈。"),
    ("crlf.txt", "12月11日下午,越南国会主席王廷惠会见柬埔寨首相洪玛奈。"),
    ("broken.html", "阮黄龙在老挝首都万象与老挝工贸部副部长占沙旺·本勇举行工作会谈"),
    ("script_nav.html", "苏林于2月5日下午在首都万象会见了老挝建国阵线主席吉乔·凯坎匹吞"),
    ("lines.jsonl#1", "国防部长潘文江大将于2月5日会见了老挝国防部长坎良·乌塔凯山大将"),
    ("lines.jsonl#6", "越共中央总书记苏林抵达金边,开始对柬埔寨进行国事访问"),
]


@pytest.mark.parametrize(("name", "sentence"), GOOD_IN_BAD)
def test_messy_files_decode_to_the_right_text(bad, name, sentence):
    pages, _ = bad
    page = pages[name]
    assert sentence in page.text
    assert "\r" not in page.text
    assert "\ufeff" not in page.text


def test_exactly_the_good_files_are_pages(bad):
    pages, _ = bad
    assert sorted(pages) == sorted(name for name, _ in GOOD_IN_BAD)


BAD_FILES = [
    ("empty.txt", "empty file"),
    ("whitespace.txt", "no text"),
    ("binary.txt", "binary"),
    ("undecodable.txt", "cannot be decoded"),
    ("latin_garbage.txt", "cannot be decoded"),
    ("no_text.html", "broken HTML"),
    ("not_markup.html", "broken HTML"),
    ("lines.jsonl#2", "not valid JSON"),
    ("lines.jsonl#4", "JSON object"),
    ("lines.jsonl#5", "no 'text'"),
    ("lines.jsonl#7", "not a string"),
]


@pytest.mark.parametrize(("name", "problem"), BAD_FILES)
def test_bad_files_give_one_error_naming_file_and_problem(bad, name, problem):
    _, errors = bad
    path = (BAD / name).as_posix()
    assert path in errors, sorted(errors)
    assert problem in errors[path]
    assert str(SourceError(path, errors[path])).startswith(path + ": ")


def test_nothing_else_is_an_error(bad):
    _, errors = bad
    assert len(errors) == len(BAD_FILES)


def test_manifest_fills_url_outlet_date(bad):
    pages, _ = bad
    gbk, big5 = pages["gbk.txt"], pages["big5.txt"]
    assert (gbk.url, gbk.outlet, gbk.date) == ("https://example.org/gbk", "Example Daily",
                                               "2024-04-22")
    assert (big5.url, big5.outlet, big5.date) == ("", "範例日報", "2022-12-07")
    assert pages["bom.txt"].outlet == ""


def test_html_keeps_article_only_with_metadata(bad):
    pages, _ = bad
    page = pages["script_nav.html"]
    for junk in ("脚本里的字", "样式里的字", "导航里的字", "侧栏里的字", "版权所有", "var s"):
        assert junk not in page.text
    assert page.title == "苏林总书记会见老挝建国阵线主席"
    assert page.url == "https://example.org/news/2026/02/05/a1.html"
    assert page.date == "2026-02-05"


def test_jsonl_line_fields(bad):
    pages, _ = bad
    first, sixth = pages["lines.jsonl#1"], pages["lines.jsonl#6"]
    assert (first.title, first.url, first.date) == ("越老两国国防部加强合作",
                                                    "https://example.org/a", "2026-02-05")
    assert sixth.date == "2026-02-06"  # 2026/02/06 normalised
    line = (BAD / "lines.jsonl").read_bytes().split(b"\n")[0]
    assert first.sha1 == hashlib.sha1(line).hexdigest()


def test_sha1_is_of_the_raw_bytes(bad):
    pages, _ = bad
    raw = (BAD / "gbk.txt").read_bytes()
    assert pages["gbk.txt"].sha1 == hashlib.sha1(raw).hexdigest()


# --- cases made at test time -----------------------------------------------------------------


def test_oversized_file(tmp_path: Path):
    (tmp_path / "big.txt").write_text("苏林会见洪森。" * 200, encoding="utf-8")
    (tmp_path / "small.txt").write_text("苏林会见洪森。", encoding="utf-8")
    pages, errors = _split(list(read_sources([tmp_path], max_bytes=1000)))
    assert list(pages) == ["small.txt"]
    (problem,) = errors.values()
    assert "too large" in problem and "1000" in problem


def test_default_limit_refuses_a_large_binary(tmp_path: Path):
    big = tmp_path / "huge.txt"
    with big.open("wb") as fh:
        fh.truncate(DEFAULT_MAX_BYTES + 1)
    (error,) = read_sources([big])
    assert isinstance(error, SourceError) and "too large" in error.problem


def test_binary_file_made_at_test_time(tmp_path: Path):
    blob = tmp_path / "photo.txt"
    blob.write_bytes(os.urandom(4096))
    (error,) = read_sources([blob])
    assert isinstance(error, SourceError)
    assert error.path == str(blob)


def test_dangling_symlink(tmp_path: Path):
    link = tmp_path / "gone.txt"
    link.symlink_to(tmp_path / "missing.txt")
    (tmp_path / "ok.txt").write_text("苏林会见洪森。", encoding="utf-8")
    pages, errors = _split(list(read_sources([tmp_path])))
    assert list(pages) == ["ok.txt"]
    assert "dangling symbolic link" in errors[(tmp_path / "gone.txt").as_posix()]


def test_symlink_to_a_file_is_read(tmp_path: Path):
    (tmp_path / "real.txt").write_text("苏林会见洪森。", encoding="utf-8")
    (tmp_path / "alias.txt").symlink_to(tmp_path / "real.txt")
    pages, errors = _split(list(read_sources([tmp_path])))
    assert sorted(pages) == ["alias.txt", "real.txt"] and not errors


def test_unreadable_file_even_as_root(tmp_path: Path, monkeypatch):
    """Opening fails with EACCES (simulated, so the test also runs as root)."""
    f = tmp_path / "secret.txt"
    f.write_text("苏林会见洪森。", encoding="utf-8")
    real_open = Path.open

    def deny(self, *args, **kwargs):
        if self.name == "secret.txt":
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", deny)
    (error,) = read_sources([tmp_path])
    assert error == SourceError((tmp_path / "secret.txt").as_posix(),
                                "cannot read: permission denied")


def test_missing_path_and_fifo(tmp_path: Path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    items = list(read_sources([tmp_path / "nope", tmp_path]))
    assert items[0] == SourceError(str(tmp_path / "nope"), "no such file or folder")
    assert "not a regular file" in items[1].problem


def test_one_bad_file_never_stops_the_batch(tmp_path: Path):
    shutil.copytree(BAD, tmp_path / "bad")
    (tmp_path / "z.txt").write_text("苏林会见洪森。", encoding="utf-8")
    pages, errors = _split(list(read_sources([tmp_path / "bad", tmp_path / "z.txt"])))
    assert "z.txt" in pages and len(errors) == len(BAD_FILES)


# --- tests/data/inputs: formats, folders, order ------------------------------------------------


def test_inputs_folder_recursive_sorted_with_manifest():
    items = list(read_sources([INPUTS]))
    assert all(isinstance(p, Page) for p in items), items
    assert [p.path for p in items] == ["news.jsonl#1", "news.jsonl#3", "sub/call.md",
                                       "sub/page.htm", "visit.txt"]
    pages = {p.path: p for p in items}
    assert (pages["visit.txt"].url, pages["visit.txt"].outlet, pages["visit.txt"].date) == (
        "https://example.org/visit", "Example News", "2017-04-27")
    assert pages["sub/call.md"].outlet == "Example Weekly"
    assert pages["news.jsonl#1"].outlet == "Example Wire"


def test_markdown_is_read_as_plain_text():
    (page,) = read_sources([INPUTS / "sub" / "call.md"])
    assert page.text.startswith("魏凤和同越南国防部长通电话\n")
    assert "国务委员兼国防部长魏凤和同越南国防部长吴春历通电话" in page.text
    assert "**" not in page.text and "https://" not in page.text and "photo.jpg" not in page.text


def test_a_file_given_directly_is_named_by_its_name_and_gets_its_manifest_row():
    (page,) = read_sources([INPUTS / "visit.txt"])
    assert page.path == "visit.txt" and page.outlet == "Example News"


def test_order_is_deterministic():
    first = [(p.path, p.sha1) for p in read_sources([INPUTS, BAD]) if isinstance(p, Page)]
    second = [(p.path, p.sha1) for p in read_sources([INPUTS, BAD]) if isinstance(p, Page)]
    assert first == second


def test_demo_corpus_manifest_is_found_case_insensitively():
    pages = {p.path: p for p in read_sources([REPO / "sources"]) if isinstance(p, Page)}
    assert "README.md" not in pages and "SOURCES.tsv" not in pages
    assert pages["p025.txt"].outlet == "ntdtv.com (NTD Television)"
    assert pages["p025.txt"].url.startswith("https://www.ntdtv.com/")
    assert pages["000_07f46a5e7c02f47f.txt"].outlet.startswith("Vietnam News Agency")


@pytest.mark.parametrize(("name", "ok"), [
    ("sources.tsv", True), ("SOURCES.tsv", True), ("Sources.CSV", True), ("sources.txt", False),
    ("my_sources.tsv", False),
])
def test_is_manifest(name, ok):
    assert is_manifest(name) is ok


def test_manifest_without_file_column(tmp_path: Path):
    (tmp_path / "sources.csv").write_text("name,url\na.txt,http://x\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text("苏林会见洪森。", encoding="utf-8")
    with pytest.raises(ValueError, match="'file' column"):
        read_manifest(tmp_path / "sources.csv")
    items = list(read_sources([tmp_path]))
    assert [type(i).__name__ for i in items] == ["SourceError", "Page"]
    assert "manifest" in items[0].problem


# --- decoding ----------------------------------------------------------------------------------

SENTENCE_S = "越共中央总书记苏林于2月5日下午在首都万象会见了老挝建国阵线主席吉乔·凯坎匹吞。"
SENTENCE_T = "國家主席阮春福昨(6)日下午在主席府接見了以老撾國會主席為團長率領的老撾高級代表團。"


@pytest.mark.parametrize(("text", "encoding"), [
    (SENTENCE_S, "utf-8"), (SENTENCE_S, "utf-8-sig"), (SENTENCE_S, "utf-16"),
    (SENTENCE_S, "utf-16-le"), (SENTENCE_S, "gbk"), (SENTENCE_S, "gb18030"),
    (SENTENCE_T, "big5"), (SENTENCE_T, "utf-16-be"), (SENTENCE_T, "utf-32"),
])
def test_decode_bytes(text, encoding):
    decoded, _ = decode_bytes(text.encode(encoding))
    assert decoded == text


def test_decode_normalises_line_ends():
    assert decode_bytes("甲\r\n乙\r丙\n".encode("gbk"))[0] == "甲\n乙\n丙\n"


@pytest.mark.parametrize("raw", [b"", b"\x00\x00\x00\x01\x02", bytes(range(256)) * 3,
                                 b"\xff\xfe\x00\xd8"])
def test_decode_refuses_non_text(raw):
    with pytest.raises(DecodeError):
        decode_bytes(raw)


def test_html_declared_charset_is_used():
    markup = ('<html><head><meta charset="gbk"><title>会见</title></head><body><p>'
              + SENTENCE_S + "</p></body></html>").encode("gbk")
    from kg.sources import _decode_html

    assert SENTENCE_S in _decode_html(markup)[0]


def test_html_fallback_without_trafilatura_text():
    fields = html_to_page_fields("<html><body><nav>首页</nav><p>苏林会见洪森。</p>"
                                 "<script>坏()</script></body></html>")
    assert fields["text"] == "苏林会见洪森。"


def test_title_from_metadata_opens_the_text(bad):
    pages, _ = bad
    assert pages["lines.jsonl#1"].text.startswith("越老两国国防部加强合作\n\n越共中央政治局委员")
    assert pages["broken.html"].text.startswith("断掉的页面\n\n2月4日下午")
    # trafilatura already gives the h1 first: no second copy
    assert pages["script_nav.html"].text.count("苏林总书记会见老挝建国阵线主席") == 1


def test_docstring_examples_run():
    import doctest

    import kg.sources

    result = doctest.testmod(kg.sources, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0


def test_manifest_paths_with_dot_slash_and_backslash(tmp_path: Path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / ".x.txt").write_text("苏林会见洪森。", encoding="utf-8")
    (tmp_path / "sources.tsv").write_text(
        "file\toutlet\n./sub/.x.txt\tA\nsub\\y.txt\tB\n", encoding="utf-8")
    rows = read_manifest(tmp_path / "sources.tsv")
    assert rows["sub/.x.txt"]["outlet"] == "A" and rows["sub/y.txt"]["outlet"] == "B"


def test_manifest_row_found_in_the_nearest_folder_that_has_it(tmp_path: Path):
    """A page two folders down: its own folder's manifest lacks its row, so the top one
    (which names it by its path from there) gives it; a page beside gets the near row."""
    deep = tmp_path / "a" / "b"
    deep.mkdir(parents=True)
    (deep / "x.txt").write_text("苏林会见洪森。", encoding="utf-8")
    (deep / "y.txt").write_text("苏林会见洪森。", encoding="utf-8")
    (deep / "sources.csv").write_text("file,outlet\ny.txt,Near\n", encoding="utf-8")
    (tmp_path / "sources.csv").write_text("file,outlet\na/b/x.txt,Top\na/b/y.txt,Top\n",
                                          encoding="utf-8")
    pages = {p.path: p.outlet for p in read_sources([tmp_path])}
    assert pages == {"a/b/x.txt": "Top", "a/b/y.txt": "Near"}
