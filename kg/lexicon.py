"""The one loader of the project's data files: lexicons, trigger words, patterns, queries.

Every data file under ``ontology/`` (and ``queries/``) is UTF-8 text whose first lines are
``#`` comments saying its source, its format and its gaps. A lexicon is a TSV file under
``ontology/lexicon/``: after the comments, one header row naming the columns, then one row per
entry. Empty cells are ``""``; a cell may hold several values separated by ``|``.

>>> lex = Lexicon.load()
>>> rows = lex.table("countries")
>>> any(r["zh"] == "越南" for r in rows)
True
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from pathlib import Path

__all__ = ["ontology_dir", "queries_dir", "read_table", "read_text", "Lexicon", "LexiconError"]


class LexiconError(ValueError):
    """A data file is missing or malformed; the message names the file and the line."""


def _find_dir(name: str) -> Path:
    """The project's ``name`` folder: beside the package in a checkout, else installed with it."""
    here = Path(__file__).resolve().parent
    for candidate in (here.parent / name, here / "_data" / name):
        if candidate.is_dir():
            return candidate
    raise LexiconError(f"cannot find the {name}/ folder beside {here}")


def ontology_dir() -> Path:
    """The ``ontology/`` folder (ontology, shapes, lexicons)."""
    return _find_dir("ontology")


def queries_dir() -> Path:
    """The ``queries/`` folder of named SPARQL queries."""
    return _find_dir("queries")


def _data_lines(path: Path) -> Iterator[tuple[int, str]]:
    """Numbered lines of a data file, comments and blank lines skipped."""
    with path.open(encoding="utf-8") as fh:
        for number, line in enumerate(fh, 1):
            line = line.rstrip("\r\n")
            if line.strip() and not line.startswith("#"):
                yield number, line


def read_table(path: Path) -> list[dict[str, str]]:
    """Read one TSV lexicon: a header row then one dict per row."""
    if not path.is_file():
        raise LexiconError(f"{path}: no such lexicon file")
    lines = _data_lines(path)
    try:
        _, header = next(lines)
    except StopIteration:
        raise LexiconError(f"{path}: no header row") from None
    columns = header.split("\t")
    rows = []
    for number, line in lines:
        cells = line.split("\t")
        if len(cells) > len(columns):
            raise LexiconError(
                f"{path}:{number}: {len(cells)} cells, but the header names {len(columns)}"
            )
        cells += [""] * (len(columns) - len(cells))
        rows.append({c: v.strip() for c, v in zip(columns, cells, strict=True)})
    return rows


def read_text(path: Path) -> str:
    """A data file's text (for queries and other non-tabular files)."""
    try:
        return path.read_text(encoding="utf-8")
    except OSError as err:
        raise LexiconError(f"{path}: {err.strerror or err}") from err


class Lexicon:
    """All lexicon tables under one folder, read once and cached.

    ``Lexicon.load()`` is cached per folder, so worker processes and repeated builds read
    the files once.
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._tables: dict[str, list[dict[str, str]]] = {}

    @classmethod
    def load(cls, folder: Path | None = None) -> Lexicon:
        """The lexicon of ``folder`` (default: ``ontology/lexicon``)."""
        return _cached(str(folder or ontology_dir() / "lexicon"))

    def table(self, name: str) -> list[dict[str, str]]:
        """Rows of ``NAME.tsv``."""
        if name not in self._tables:
            self._tables[name] = read_table(self.folder / f"{name}.tsv")
        return self._tables[name]

    def words(self, name: str, column: str = "word") -> list[str]:
        """One column of a table, every ``|``-separated value, in file order."""
        out: list[str] = []
        for row in self.table(name):
            out.extend(v for v in row.get(column, "").split("|") if v)
        return out

    def __reduce__(self):  # workers re-load from disk rather than pickling the tables
        return (_cached, (str(self.folder),))


@functools.cache
def _cached(folder: str) -> Lexicon:
    return Lexicon(Path(folder))
