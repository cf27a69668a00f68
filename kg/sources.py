"""Sources to pages: files and folders in, one ``Page`` (or one ``SourceError``) per document out.

``read_sources(paths)`` walks the files and folders given (folders recursively, in sorted
order, so two runs yield the same sequence), decodes each file and yields a ``Page`` per
document, or a ``SourceError`` naming the file and the problem. One bad file never stops the
batch.

Formats: ``.txt``, ``.md`` (plain text), ``.html``/``.htm`` (the article's text, title, date and
URL through trafilatura; never text from ``<script>``, ``<style>`` or navigation) and ``.jsonl``
(one article a line: ``text`` and optional ``title``, ``url``, ``date``, ``outlet``; one Page per
line, path ``file.jsonl#LINE``; a bad line is a SourceError for that line only). In a folder,
files of other kinds, hidden files and folders, ``README*.md`` and the manifest are not pages,
and symbolic links to folders are not followed (no loops); a file given by name is always read.
A title from HTML or JSONL that the text does not open with becomes its first paragraph.

Encodings: UTF-8 with or without BOM, UTF-16/32 with BOM, and otherwise what charset-normalizer
detects among GB18030/GBK, Big5 and UTF-16; a decoded text that does not look like text (control
characters, rare-character soup) is refused, so garbage never becomes a page. Line ends are
normalised to ``\\n``.

Manifest: a ``sources.tsv`` or ``sources.csv`` (any case, so ``SOURCES.tsv`` counts) beside the
pages, with a header naming at least ``file`` and any of ``url``, ``outlet``, ``date`` (other
columns are ignored), fills ``Page.url``, ``Page.outlet`` and ``Page.date``.

``Page.path`` is the posix path relative to the folder given (or the file's name when a file is
given); ``SourceError.path`` is the path as given joined with it, so the user can find the file.
``Page.sha1`` is the SHA-1 of the raw bytes (of the line, for JSONL).

>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / "a.txt").write_bytes("苏林会见洪森。\\r\\n".encode("gbk"))
>>> _ = (folder / "empty.txt").write_bytes(b"")
>>> for item in read_sources([folder]):
...     print(type(item).__name__, item.path.rsplit("/", 1)[-1], repr(getattr(item, "text", "")))
Page a.txt '苏林会见洪森。\\n'
SourceError empty.txt ''
"""

from __future__ import annotations

import codecs
import copy
import csv
import functools
import hashlib
import io
import json
import logging
import os
import re
import stat
import unicodedata
from collections.abc import Iterable, Iterator
from pathlib import Path

from kg.dates import find_dates
from kg.model import Page, SourceError

__all__ = [
    "DEFAULT_MAX_BYTES", "PAGE_SUFFIXES", "read_sources", "read_file", "decode_bytes",
    "DecodeError", "html_to_page_fields", "read_manifest", "is_manifest", "sanitize_text",
]

DEFAULT_MAX_BYTES = 5_000_000
"""Files larger than this are refused (``kg build --max-bytes`` overrides it)."""

PAGE_SUFFIXES = (".txt", ".md", ".html", ".htm", ".jsonl")
_TEXT_SUFFIXES = (".txt", ".md")
_HTML_SUFFIXES = (".html", ".htm")
_MANIFEST_NAMES = ("sources.tsv", "sources.csv")
# Encodings charset-normalizer may choose from when a file is not UTF-8.
_CANDIDATES = ["utf_8", "gb18030", "big5", "big5hkscs", "utf_16", "utf_32"]
_BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
]


class DecodeError(ValueError):
    """Bytes that are not text in any encoding we accept; the message says why."""


# --- decoding ------------------------------------------------------------------------------


@functools.lru_cache(maxsize=1 << 16)
def _is_common_cjk(ch: str) -> bool:
    """A frequent Chinese character: in GB2312 or in Big5's level-1 (frequent) block."""
    try:
        ch.encode("gb2312")
        return True
    except UnicodeEncodeError:
        pass
    try:
        code = ch.encode("big5")
    except UnicodeEncodeError:
        return False
    return len(code) == 2 and 0xA440 <= int.from_bytes(code, "big") <= 0xC67E


_ODD = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f\ud800-\udfff\ue000-\uf8ff]")
_CJK_CHAR = re.compile(r"[\u3400-\u9fff\U00020000-\U0003ffff]")


def _looks_like_text(text: str, guessed: bool = True) -> str:
    """"" when ``text`` reads as text; otherwise the reason it does not.

    ``guessed``: the encoding was guessed (not UTF-8 or a BOM), so unassigned code points and
    rare-character soup are checked too.
    """
    if not text.strip():
        return "no text (only white space)"
    sample = text[:20000]
    odd = len(_ODD.findall(sample))
    if guessed:
        odd += sum(1 for c in sample if c > "\x7f" and unicodedata.category(c) == "Cn")
    if odd > max(2, len(sample) // 100):
        return "binary data (control characters), not text"
    if "\ufffd" in sample and sample.count("\ufffd") > max(2, len(sample) // 200):
        return "too many undecodable characters"
    if guessed:
        cjk = _CJK_CHAR.findall(sample)
        if len(cjk) >= 8:
            common = sum(1 for c in cjk if _is_common_cjk(c))
            if common < 0.85 * len(cjk):
                return "decodes only to rare characters (wrong encoding or binary)"
    return ""


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")


def sanitize_text(text: str) -> str:
    """Text safe for every later stage: control characters (but tab and newline) removed,
    lone surrogates replaced by U+FFFD, line ends normalised to ``\\n``.

    >>> sanitize_text("苏林\\x00会见\\r\\n洪森\\ud800")
    '苏林会见\\n洪森\ufffd'
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _SURROGATE.sub("\ufffd", _CONTROL.sub("", text))


def _commonness(text: str) -> float:
    """Share of the Chinese characters that are among the 3755 most frequent (GB2312 level 1,
    read through OpenCC t2s so Traditional text counts alike); 1.0 with no Chinese at all."""
    cjk = [c for c in text[:5000] if "\u3400" <= c <= "\u9fff"]
    if not cjk:
        return 1.0
    try:
        import opencc  # noqa: PLC0415

        simplified = opencc.OpenCC("t2s").convert("".join(cjk))
    except Exception:  # OpenCC missing or failing: judge the characters as they are
        simplified = "".join(cjk)
    common = 0
    for c in simplified:
        try:
            code = c.encode("gb2312")
        except UnicodeEncodeError:
            continue
        common += 0xB0 <= code[0] <= 0xD7
    return common / max(1, len(simplified))


def decode_bytes(raw: bytes) -> tuple[str, str]:
    """Decode a file's bytes: ``(text, encoding)``; raises ``DecodeError`` when it cannot.

    A BOM decides (UTF-8, UTF-16, UTF-32); then strict UTF-8; then charset-normalizer among
    GB18030, Big5 and UTF-16. Every result is checked to look like text. Line ends become
    ``\\n`` and a leading BOM is dropped.

    >>> decode_bytes("國家主席阮春福接見老撾國會主席".encode("big5"))
    ('國家主席阮春福接見老撾國會主席', 'big5')
    >>> decode_bytes("苏林\\r\\n".encode("utf-16"))
    ('苏林\\n', 'utf-16')
    >>> decode_bytes(bytes(range(256)))  # doctest: +IGNORE_EXCEPTION_DETAIL
    Traceback (most recent call last):
    ...
    kg.sources.DecodeError: binary data (NUL bytes), not text
    """
    if not raw:
        raise DecodeError("empty file")
    text, encoding = _decode(raw)
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    problem = _looks_like_text(text, guessed=encoding not in ("utf-8", "utf-16", "utf-32"))
    if problem:
        raise DecodeError(problem)
    return text, encoding


def _decode(raw: bytes) -> tuple[str, str]:
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            try:
                return raw.decode(encoding), encoding.replace("-sig", "")
            except UnicodeDecodeError as err:
                raise DecodeError(f"starts with a {encoding} byte-order mark but is not "
                                  f"{encoding} ({err.reason} at byte {err.start})") from None
    if b"\x00" not in raw:
        try:
            return raw.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            pass
    # UTF-16 without a BOM: NUL bytes in text; otherwise NUL means binary.
    if b"\x00" in raw:
        readings = []
        if len(raw) % 2 == 0:
            for encoding in ("utf-16-le", "utf-16-be"):
                try:
                    text = raw.decode(encoding)
                except UnicodeDecodeError:
                    continue
                if not _looks_like_text(text):
                    readings.append((_commonness(text), text, encoding))
        if readings:
            _, text, encoding = max(readings, key=lambda r: r[0])
            return text, encoding
        raise DecodeError("binary data (NUL bytes), not text")
    import charset_normalizer  # noqa: PLC0415 - imported late: only for non-UTF-8 files

    readings = []
    seen = set()
    for match in charset_normalizer.from_bytes(raw, cp_isolation=_CANDIDATES):
        text = str(match)
        seen.add(text)
        if not _looks_like_text(text.replace("\r", "")):
            readings.append((_commonness(text), text, match.encoding))
    for encoding in ("gb18030", "big5hkscs"):  # short texts defeat detection: try both
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError:
            continue
        if text not in seen and not _looks_like_text(text.replace("\r", "")):
            readings.append((_commonness(text), text, encoding))
    if readings:
        best = max(r[0] for r in readings)
        _, text, encoding = next(r for r in readings if r[0] == best)  # detector's order on ties
        return text, encoding
    raise DecodeError("cannot be decoded: not UTF-8, UTF-16, GB18030/GBK or Big5 text")


# --- HTML ------------------------------------------------------------------------------------

# Never article text: dropped from the tree before extraction.
_DROP_TAGS = ("script", "style", "noscript", "template", "nav", "footer", "aside", "form",
              "iframe", "svg", "button", "select", "menu", "object", "embed", "canvas")
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_-]+)""", re.I)


def _decode_html(raw: bytes) -> tuple[str, str]:
    """HTML bytes to text: the declared charset when it decodes cleanly, else detection."""
    declared = _META_CHARSET.search(raw[:4096])
    if declared and not any(raw.startswith(bom) for bom, _ in _BOMS):
        name = declared.group(1).decode("ascii", "replace").lower()
        name = {"gb2312": "gb18030", "gbk": "gb18030", "big5": "big5hkscs"}.get(name, name)
        try:
            text = raw.decode(name)
        except (LookupError, UnicodeDecodeError):
            pass
        else:
            text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
            if not _looks_like_text(text):
                return text, name
    return decode_bytes(raw)


_BLOCKS = ("p", "div", "br", "li", "tr", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6",
           "section", "article", "blockquote", "pre", "table", "ul", "ol", "dd", "dt")


def _parse_html(markup: str):  # -> lxml.html.HtmlElement | None
    """The document tree with script, style and navigation removed; None when hopeless."""
    import lxml.etree  # noqa: PLC0415
    import lxml.html  # noqa: PLC0415

    markup = re.sub(r"^\s*<\?xml[^>]*>", "", sanitize_text(markup))  # lxml refuses a declaration
    try:
        root = lxml.html.document_fromstring(markup)
    except Exception:  # lxml raises several kinds (ParserError, ValueError) on hopeless input
        return None
    junk = list(root.iter(*_DROP_TAGS, lxml.etree.Comment, lxml.etree.ProcessingInstruction))
    for el in junk:
        if el.getparent() is not None:
            el.drop_tree()
    return root


def _fallback_html_text(root) -> str:
    """Visible text of the cleaned tree, one block a line, when trafilatura finds none."""
    body = root.find("body")
    body = root if body is None else body
    for el in body.iter(*_BLOCKS):
        el.tail = "\n" + (el.tail or "")
        el.text = "\n" + (el.text or "")
    lines = (" ".join(line.split()) for line in body.text_content().split("\n"))
    return "\n".join(line for line in lines if line and line != "\ufeff")


def html_to_page_fields(markup: str, url: str = "") -> dict[str, str]:
    """The article in an HTML page: ``{"text", "title", "date", "url"}`` ("" when absent).

    Uses trafilatura (main-text extraction, metadata); text from ``<script>``, ``<style>`` and
    navigation never comes through. Falls back to the visible body text when trafilatura
    finds no article (very short pages).

    >>> f = html_to_page_fields("<html><head><title>T</title><script>var x='坏';</script>"
    ...     "</head><body><nav>首页 新闻</nav><p>苏林会见洪森。</p></body></html>")
    >>> f["text"]
    '苏林会见洪森。'
    """
    import trafilatura  # noqa: PLC0415 - heavy import, only when there is HTML

    logging.getLogger("trafilatura").setLevel(logging.ERROR)
    logging.getLogger("htmldate").setLevel(logging.ERROR)
    fields = {"text": "", "title": "", "date": "", "url": ""}
    root = _parse_html(markup)
    if root is None:
        return fields
    doc = None
    try:
        doc = trafilatura.bare_extraction(
            copy.deepcopy(root), url=url or None, with_metadata=True, include_comments=False,
            include_tables=True, include_images=False, include_links=False,
            date_extraction_params={"extensive_search": False, "original_date": True,
                                    "max_date": "2100-12-31", "min_date": "1900-01-01"},
        )
    except Exception:  # trafilatura raises assorted errors on broken markup
        doc = None
    if doc is not None:
        data = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
        fields["text"] = (data.get("text") or "").strip()
        fields["title"] = (data.get("title") or "").strip()
        fields["date"] = _iso_date(data.get("date") or "")
        fields["url"] = (data.get("url") or "").strip()
    if not fields["text"]:
        try:
            fields["text"] = _fallback_html_text(root).strip()
        except ValueError:  # lxml refuses some strings; then there is no text to give
            fields["text"] = ""
    fields["text"] = sanitize_text(fields["text"])
    fields["title"] = " ".join(sanitize_text(fields["title"]).split())
    return fields


# --- manifest --------------------------------------------------------------------------------


def is_manifest(name: str) -> bool:
    """Whether a file name is a manifest (``sources.tsv``/``sources.csv``, any case).

    >>> is_manifest("SOURCES.tsv"), is_manifest("sources.txt")
    (True, False)
    """
    return name.lower() in _MANIFEST_NAMES


def _iso_date(value: str) -> str:
    """A date given as metadata, normalised to ``YYYY-MM-DD`` / ``--MM-DD``, or ""."""
    value = (value or "").strip()
    if not value:
        return ""
    spans = find_dates(value)
    if spans and spans[0].start <= 2:
        return spans[0].begin
    m = re.fullmatch(r"(\d{4})(\d{2})(\d{2})", value)
    if m:
        spans = find_dates(f"{m[1]}-{m[2]}-{m[3]}")
        return spans[0].begin if spans else ""
    return ""


def read_manifest(path: Path) -> dict[str, dict[str, str]]:
    """A manifest's rows by file name (posix, relative to the manifest's folder).

    Lines starting with ``#`` are comments; the first other line is the header. Raises
    ``ValueError`` naming the problem when there is no ``file`` column or it cannot be read.

    >>> import tempfile, pathlib
    >>> m = pathlib.Path(tempfile.mkdtemp()) / "SOURCES.tsv"
    >>> _ = m.write_text("file\\turl\\toutlet\\tscript\\na.txt\\thttp://x\\tVNA\\tsimplified\\n")
    >>> read_manifest(m)
    {'a.txt': {'url': 'http://x', 'outlet': 'VNA', 'date': ''}}
    """
    raw = path.read_bytes()
    text, _ = decode_bytes(raw)
    lines = [ln for ln in text.split("\n") if ln.strip() and not ln.lstrip().startswith("#")]
    delimiter = "\t" if path.suffix.lower() == ".tsv" else ","
    reader = csv.reader(io.StringIO("\n".join(lines)), delimiter=delimiter)
    rows = list(reader)
    if not rows:
        raise ValueError("manifest has no header row")
    header = [h.strip().lower() for h in rows[0]]
    if "file" not in header:
        raise ValueError(f"manifest header has no 'file' column (found: {', '.join(header)})")
    out: dict[str, dict[str, str]] = {}
    for row in rows[1:]:
        cells = dict(zip(header, (c.strip() for c in row), strict=False))
        name = cells.get("file", "").replace("\\", "/")
        while name.startswith("./"):
            name = name[2:]
        if not name:
            continue
        out[name] = {
            "url": cells.get("url", ""),
            "outlet": cells.get("outlet", ""),
            "date": _iso_date(cells.get("date", "")),
        }
    return out


class _Manifests:
    """Manifests found beside the pages, read once per folder."""

    def __init__(self) -> None:
        self._cache: dict[Path, tuple[Path, dict[str, dict[str, str]]] | None] = {}
        self._chains: dict[tuple, list[tuple[Path, dict[str, dict[str, str]]]]] = {}
        self.errors: list[SourceError] = []

    def _load(self, folder: Path, shown: str) -> tuple[Path, dict[str, dict[str, str]]] | None:
        if folder in self._cache:
            return self._cache[folder]
        found = None
        try:
            names = sorted(os.listdir(folder))
        except OSError:
            names = []
        for name in names:
            if is_manifest(name):
                path = folder / name
                try:
                    found = (path, read_manifest(path))
                except (OSError, ValueError, csv.Error) as err:
                    self.errors.append(SourceError(_join(shown, name), f"manifest: {err}"))
                break
        self._cache[folder] = found
        return found

    def lookup(self, file: Path, root: Path, shown_root: str) -> dict[str, str]:
        """The manifest row of ``file``: from its own folder, else the nearest one up to root."""
        key = file.name
        for folder, tables in self._tables(file.parent, root, shown_root):
            if key in tables:
                return tables[key]
            key = f"{folder.name}/{key}"
        return {}

    def _tables(self, folder: Path, root: Path, shown_root: str
                ) -> list[tuple[Path, dict[str, dict[str, str]]]]:
        """The folders from ``folder`` up to ``root`` with the manifest rows of each (empty
        without a manifest), worked out once per folder: every page of it asks."""
        memo = (folder, root, shown_root)
        if memo in self._chains:
            return self._chains[memo]
        chain = []
        while True:
            rel_folder = folder.relative_to(root).as_posix() if folder != root else ""
            loaded = self._load(folder, _join(shown_root, rel_folder))
            chain.append((folder, {} if loaded is None else loaded[1]))
            if folder == root or root not in folder.parents:
                break
            folder = folder.parent
        self._chains[memo] = chain
        return chain


def _join(base: str, rel: str) -> str:
    if not rel:
        return base
    if not base or base == ".":
        return rel
    return base.rstrip("/") + "/" + rel


# --- reading ----------------------------------------------------------------------------------


def _is_page_name(name: str) -> bool:
    lower = name.lower()
    if name.startswith(".") or is_manifest(name):
        return False
    if lower.startswith("readme") and lower.endswith(".md"):
        return False
    return lower.endswith(PAGE_SUFFIXES)


def _read_raw(path: Path, max_bytes: int) -> bytes:
    """The file's bytes, or a ValueError/OSError saying why it cannot be a page."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        if os.path.islink(path):
            raise ValueError(f"dangling symbolic link (points to {os.readlink(path)})"
                             ) from None
        raise ValueError("no such file") from None
    if stat.S_ISDIR(info.st_mode):
        raise ValueError("is a folder, not a file")
    if not stat.S_ISREG(info.st_mode):
        raise ValueError("not a regular file (device, pipe or socket)")
    if info.st_size > max_bytes:
        raise ValueError(f"too large: {info.st_size} bytes, over the limit of {max_bytes} "
                         "(raise it with --max-bytes)")
    if info.st_size == 0:
        raise ValueError("empty file")
    with path.open("rb") as fh:
        raw = fh.read(max_bytes + 1)
    if len(raw) > max_bytes:
        raise ValueError(f"too large: over the limit of {max_bytes} bytes")
    if not raw:
        raise ValueError("empty file")
    return raw


def _oserror(err: OSError) -> str:
    if isinstance(err, PermissionError):
        return "cannot read: permission denied"
    return f"cannot read: {err.strerror or err}"


def _clean_markdown(text: str) -> str:
    """Markdown to plain text, lightly: headings' #, images, link targets and emphasis go."""
    text = re.sub(r"!\[[^\]\n]*\]\([^)\n]*\)", "", text)
    text = re.sub(r"\[([^\]\n]*)\]\([^)\n]*\)", r"\1", text)
    text = re.sub(r"(?m)^\s{0,3}#{1,6}\s+", "", text)
    text = re.sub(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1", r"\2", text)
    return text


def _sha1(raw: bytes) -> str:
    return hashlib.sha1(raw).hexdigest()


def _with_title(text: str, title: str) -> str:
    """The text with its title as the first paragraph, unless the text already opens with it
    (so a headline's facts are read, and the title lies inside ``Page.text``)."""
    if title and title not in text[:len(title) + 300]:
        return f"{title}\n\n{text}"
    return text


def _str_field(obj: dict, key: str) -> str:
    value = obj.get(key, "")
    if value is None:
        return ""
    if not isinstance(value, str):
        raise ValueError(f"'{key}' is not a string")
    return value


def _jsonl_pages(raw: bytes, rel: str, shown: str, meta: dict[str, str]
                 ) -> Iterator[Page | SourceError]:
    try:
        text, _ = decode_bytes(raw)
    except DecodeError as err:
        yield SourceError(shown, str(err))
        return
    good = 0
    lines = text.split("\n")
    raw_lines = raw.replace(b"\r\n", b"\n").split(b"\n")
    if len(raw_lines) != len(lines):  # not UTF-8 on disk: hash the decoded line instead
        raw_lines = [ln.encode("utf-8") for ln in lines]
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        where = f"{shown}#{number}"
        try:
            obj = json.loads(line)
            if not isinstance(obj, dict):
                raise ValueError("a line must hold a JSON object")
            body = sanitize_text(_str_field(obj, "text"))
            if not body.strip():
                raise ValueError("no 'text'")
            problem = _looks_like_text(body, guessed=False)
            if problem:
                raise ValueError(problem)
            title = " ".join(sanitize_text(_str_field(obj, "title")).split())
            page = Page(
                path=f"{rel}#{number}",
                text=_with_title(body, title),
                url=_str_field(obj, "url").strip() or meta.get("url", ""),
                outlet=_str_field(obj, "outlet").strip() or meta.get("outlet", ""),
                date=_iso_date(_str_field(obj, "date")) or meta.get("date", ""),
                title=title,
                sha1=_sha1(raw_lines[number - 1]),
            )
        except (ValueError, RecursionError) as err:  # json.JSONDecodeError is a ValueError
            if isinstance(err, json.JSONDecodeError):
                reason = f"not valid JSON: {err.msg} (column {err.colno})"
            else:
                reason = str(err) or type(err).__name__
            yield SourceError(where, f"line {number}: {reason}")
            continue
        good += 1
        yield page
    if good == 0 and not any(ln.strip() for ln in lines):
        yield SourceError(shown, "no JSON lines (only white space)")


def read_file(path: Path, rel: str, shown: str, max_bytes: int = DEFAULT_MAX_BYTES,
              meta: dict[str, str] | None = None) -> Iterator[Page | SourceError]:
    """The page(s) of one file: ``rel`` becomes ``Page.path``, ``shown`` names it in errors.

    >>> import tempfile, pathlib
    >>> f = pathlib.Path(tempfile.mkdtemp()) / "x.jsonl"
    >>> _ = f.write_text('{"text": "苏林会见洪森。", "date": "2026-02-06"}\\n{oops\\n')
    >>> [str(p) if isinstance(p, SourceError) else (p.path, p.date) for p in read_file(f, "x.jsonl", "x.jsonl")]
    [('x.jsonl#1', '2026-02-06'), 'x.jsonl#2: line 2: not valid JSON: Expecting property name enclosed in double quotes (column 2)']
    """  # noqa: E501
    meta = meta or {}
    try:
        raw = _read_raw(path, max_bytes)
    except OSError as err:
        yield SourceError(shown, _oserror(err))
        return
    except ValueError as err:
        yield SourceError(shown, str(err))
        return
    suffix = path.suffix.lower()
    if suffix == ".jsonl":
        yield from _jsonl_pages(raw, rel, shown, meta)
        return
    try:
        if suffix in _HTML_SUFFIXES:
            markup, _ = _decode_html(raw)
            if "<" not in markup:
                raise DecodeError("broken HTML: no markup at all")
            fields = html_to_page_fields(markup, url=meta.get("url", ""))
            text = fields["text"]
            if not text.strip():
                raise DecodeError("broken HTML: no article text could be extracted")
            problem = _looks_like_text(text, guessed=False)
            if problem:
                raise DecodeError(f"broken HTML: {problem}")
            yield Page(path=rel, text=_with_title(text, fields["title"]),
                       url=meta.get("url") or fields["url"],
                       outlet=meta.get("outlet", ""), date=meta.get("date") or fields["date"],
                       title=fields["title"], sha1=_sha1(raw))
            return
        text, _ = decode_bytes(raw)
    except DecodeError as err:
        yield SourceError(shown, str(err))
        return
    text = sanitize_text(text)
    if not text.strip():
        yield SourceError(shown, "no text (only white space and control characters)")
        return
    if suffix == ".md":
        text = _clean_markdown(text)
    yield Page(path=rel, text=text, url=meta.get("url", ""), outlet=meta.get("outlet", ""),
               date=meta.get("date", ""), sha1=_sha1(raw))


def _walk(root: Path) -> list[tuple[str, Path]]:
    """Every candidate page under ``root`` as (relative posix path, path), sorted by the
    relative path; hidden dirs skipped."""
    found: list[tuple[str, Path]] = []
    top = os.fspath(root)
    for folder, dirs, files in os.walk(top, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        # plain strings, not PurePath arithmetic: a corpus has 100,000s of files
        prefix = os.path.relpath(folder, top).replace(os.sep, "/") + "/"
        if prefix == "./":
            prefix = ""
        found += [(prefix + name, Path(folder, name)) for name in files if _is_page_name(name)]
    found.sort(key=lambda item: item[0])
    return found


def read_sources(paths: Iterable[str | os.PathLike[str]], max_bytes: int = DEFAULT_MAX_BYTES
                 ) -> Iterator[Page | SourceError]:
    """Every page under ``paths`` (files and folders), or a ``SourceError`` for each bad one.

    Never raises on a bad input: a missing path, an unreadable, empty, binary, undecodable or
    oversized file, a dangling symlink, broken HTML or a bad JSONL line each give a
    ``SourceError``, and the rest goes on.

    >>> pages = [p for p in read_sources(["sources"]) if isinstance(p, Page)]  # doctest: +SKIP
    >>> list(read_sources(["/no/such/folder"]))
    [SourceError(path='/no/such/folder', problem='no such file or folder')]
    """
    manifests = _Manifests()
    for given in paths:
        shown_root = os.fspath(given)
        root = Path(given)
        try:
            is_dir = root.is_dir()
        except OSError as err:
            yield SourceError(shown_root, _oserror(err))
            continue
        if is_dir:
            try:
                files = _walk(root)
            except OSError as err:
                yield SourceError(shown_root, _oserror(err))
                continue
            shown_posix = Path(shown_root).as_posix()
            for rel, file in files:
                shown = _join(shown_posix, rel)
                meta = manifests.lookup(file, root, shown_posix)
                yield from manifests.errors
                manifests.errors.clear()
                yield from read_file(file, rel, shown, max_bytes, meta)
        elif root.exists() or root.is_symlink():
            meta = {}
            if root.parent.is_dir() and not is_manifest(root.name):
                meta = manifests.lookup(root, root.parent, Path(shown_root).parent.as_posix())
                yield from manifests.errors
                manifests.errors.clear()
            yield from read_file(root, root.name, shown_root, max_bytes, meta)
        else:
            yield SourceError(shown_root, "no such file or folder")
