"""SPARQL over a build folder (its Oxigraph store) or an RDF file, and the named queries.

``run_query(target, text)`` runs a query with Oxigraph. ``target`` is a build folder (its
``store/`` is opened read-only) or an RDF file (loaded into memory). Parameters are bound as
RDF terms, never pasted into the query: each value is parsed into a term (:func:`parse_term`),
serialised by Oxigraph, and joined to the query's outer group as a ``VALUES`` block, so a
value holding quotes or braces stays one literal. A query that would change the graph is
refused unless ``update=True`` (:func:`run_update`).

>>> import pathlib, tempfile
>>> ttl = pathlib.Path(tempfile.mkdtemp()) / "g.ttl"
>>> _ = ttl.write_text('''@prefix dip: <https://w3id.org/dipkg/ontology#> .
... @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
... <https://w3id.org/dipkg/resource/person/苏林> a dip:Person ; rdfs:label "苏林"@zh .
... ''', encoding="utf-8")
>>> r = run_query(ttl, "SELECT ?p WHERE { ?p rdfs:label ?n FILTER(STR(?n) = ?name) }",
...               params={"name": "苏林"})
>>> print(format_table(r))
p
----------------
dipr:person/苏林
>>> run_query(ttl, "SELECT ?p WHERE { ?p ?q }")
Traceback (most recent call last):
...
kg.query.QueryError: malformed query: line 1, column 26: expected one of LATERAL, SERVICE, [_]
"""

from __future__ import annotations

import csv
import io
import json
import re
import threading
import time
import unicodedata
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox

from . import store as kgstore
from .lexicon import LexiconError, queries_dir, read_text

__all__ = [
    "PREFIXES", "FORMATS", "QueryError", "QueryTimeout", "UpdateRefused", "QueryResult",
    "query_kind", "parse_term", "parse_params", "bind_params", "named_query", "named_queries",
    "describe_named", "named_params", "prepare_named", "open_target", "evaluate", "run_query",
    "run_named", "run_update", "format_result", "format_table", "term_to_json", "to_rdflib",
]

XSD = "http://www.w3.org/2001/XMLSchema#"
RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"

PREFIXES: dict[str, str] = {
    "dip": "https://w3id.org/dipkg/ontology#",
    "dipr": "https://w3id.org/dipkg/resource/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": XSD,
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
    "prov": "http://www.w3.org/ns/prov#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "sem": "http://semanticweb.cs.vu.nl/2009/11/sem/",
    "org": "http://www.w3.org/ns/org#",
    "schema": "https://schema.org/",
}
"""Prefixes every query may use without declaring them (a query's own PREFIX wins)."""

FORMATS = ("table", "csv", "tsv", "json", "xml")
UPDATE_WORDS = {"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD",
                "WITH"}
QUERY_WORDS = {"SELECT", "ASK", "CONSTRUCT", "DESCRIBE"}
_VARNAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")


class QueryError(ValueError):
    """A query that cannot run: malformed (with line and column), bad parameter, bad target."""


class QueryTimeout(QueryError):
    """The query ran past its time limit."""


class UpdateRefused(QueryError):
    """A SPARQL update given where only queries are allowed."""


@dataclass
class QueryResult:
    """The answer to a query: rows of terms (SELECT), a boolean (ASK) or triples (CONSTRUCT).

    Terms are pyoxigraph terms (``NamedNode``, ``Literal``, ``BlankNode``) or ``None`` where a
    variable is unbound. For CONSTRUCT and DESCRIBE, ``variables`` is subject, predicate,
    object and each row one triple.
    """

    kind: str  # "select", "ask", "graph" or "update"
    variables: list[str] = field(default_factory=list)
    rows: list[tuple[Any, ...]] = field(default_factory=list)
    boolean: bool | None = None
    truncated: bool = False  # stopped at the result limit
    seconds: float = 0.0

    def records(self) -> list[dict[str, Any]]:
        """Rows as dicts of plain Python values (IRIs and literal values as ``str``), for pandas.

        >>> QueryResult("select", ["a"], [(ox.Literal("苏林", language="zh"),)]).records()
        [{'a': '苏林'}]
        """
        return [{v: _plain(t) for v, t in zip(self.variables, row, strict=True)}
                for row in self.rows]

    def column(self, name: str) -> list[Any]:
        """One column as plain Python values."""
        i = self.variables.index(name)
        return [_plain(row[i]) for row in self.rows]

    def __len__(self) -> int:
        return len(self.rows)


def _plain(term: Any) -> Any:
    if term is None:
        return None
    if isinstance(term, ox.Literal):
        dt = term.datatype.value
        if dt in (XSD + "integer", XSD + "int", XSD + "long"):
            try:
                return int(term.value)
            except ValueError:
                return term.value
        if dt in (XSD + "decimal", XSD + "double", XSD + "float"):
            try:
                return float(term.value)
            except ValueError:
                return term.value
        if dt == XSD + "boolean":
            return term.value in ("true", "1")
        return term.value
    return term.value if hasattr(term, "value") else str(term)


# --- a small SPARQL lexer: enough to tell queries from updates and to find the outer group ------

_TOKEN = re.compile(r"""
    (?P<ws>\s+)
  | (?P<comment>\#[^\n]*)
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<string>\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"|'''(?:[^'\\]|\\.|'(?!''))*'''
               |"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')
  | (?P<var>[?$][A-Za-z0-9_\u00B7\u00C0-\uFFFF]+)
  | (?P<word>[A-Za-z_][A-Za-z0-9_\-]*(?::[^\s{}()<>,;"']*)?|:[^\s{}()<>,;"']*)
  | (?P<punct>.)
""", re.VERBOSE | re.DOTALL)


def _tokens(text: str) -> Iterator[tuple[str, str, int]]:
    """(kind, text, offset) of each token, comments and blanks skipped."""
    for m in _TOKEN.finditer(text):
        kind = m.lastgroup or "punct"
        if kind not in ("ws", "comment"):
            yield kind, m.group(), m.start()


def query_kind(text: str) -> str:
    """``select``, ``ask``, ``construct``, ``describe`` or ``update`` (or ``""`` if unknown).

    >>> query_kind("PREFIX x: <urn:x#> # a comment\\nSELECT * WHERE { ?s ?p ?o }")
    'select'
    >>> query_kind("DELETE WHERE { ?s ?p ?o }")
    'update'
    """
    tokens = list(_tokens(text))
    i = 0
    while i < len(tokens):
        kind, value, _ = tokens[i]
        upper = value.upper()
        if kind == "word" and upper == "PREFIX":
            i += 3
            continue
        if kind == "word" and upper == "BASE":
            i += 2
            continue
        if kind == "word" and upper in QUERY_WORDS:
            return upper.lower()
        if kind == "word" and upper in UPDATE_WORDS:
            return "update"
        return ""
    return ""


def _outer_group(text: str) -> int:
    """Offset just after the ``{`` that opens the query's WHERE group."""
    tokens = [(v, off) for tk, v, off in _tokens(text) if tk in ("punct", "word")]
    skip_template = query_kind(text) == "construct"
    depth_paren = depth_brace = 0
    for i, (value, offset) in enumerate(tokens):
        if value == "(":
            depth_paren += 1
        elif value == ")":
            depth_paren -= 1
        elif value == "{" and depth_paren == 0:
            if depth_brace == 0:
                prev = tokens[i - 1][0].upper() if i else ""
                if not skip_template or prev == "WHERE":
                    return offset + 1
            depth_brace += 1
        elif value == "}" and depth_paren == 0:
            depth_brace -= 1
            if depth_brace == 0 and skip_template:
                skip_template = False  # the CONSTRUCT template is closed; WHERE comes next
    raise QueryError("cannot bind parameters: the query has no WHERE group")


def _uses_variable(text: str, name: str) -> bool:
    return any(kind == "var" and value[1:] == name for kind, value, _ in _tokens(text))


def parse_term(value: str) -> ox.NamedNode | ox.Literal:
    """An RDF term from a ``--param`` value.

    ``<iri>`` is an IRI; ``dip:x`` / ``dipr:person/苏林`` (a known prefix) too; a value in
    quotes is a Turtle literal (``"苏林"@zh``, ``"2025-09-01"^^xsd:date``); anything else is a
    plain string.

    >>> parse_term("苏林")
    <Literal value=苏林 datatype=<NamedNode value=http://www.w3.org/2001/XMLSchema#string>>
    >>> parse_term('"苏林"@zh')
    <Literal value=苏林 language=zh>
    >>> parse_term("dipr:country/VN")
    <NamedNode value=https://w3id.org/dipkg/resource/country/VN>
    """
    text = value.strip()
    if text.startswith(("<", '"', "'")):
        prologue = "".join(f"@prefix {p}: <{iri}> .\n" for p, iri in PREFIXES.items())
        try:
            triples = list(ox.parse(prologue + f"<urn:kg:s> <urn:kg:p> {text} .",
                                    format=ox.RdfFormat.TURTLE))
        except SyntaxError as err:
            raise QueryError(f"parameter value {value!r} is not an RDF term: {err}") from err
        if len(triples) != 1 or isinstance(triples[0].object, (ox.BlankNode, ox.Triple)):
            raise QueryError(f"parameter value {value!r} is not one IRI or literal")
        return triples[0].object
    m = re.fullmatch(r"([A-Za-z][A-Za-z0-9_-]*):(\S+)", text)
    if m and m.group(1) in PREFIXES:
        try:
            return ox.NamedNode(PREFIXES[m.group(1)] + m.group(2))
        except ValueError as err:
            raise QueryError(f"parameter value {value!r} is not a valid IRI: {err}") from err
    return ox.Literal(value)


def parse_params(items: Sequence[str] | Mapping[str, Any] | None) -> dict[str, Any]:
    """``["name=value", ...]`` (or a mapping of names to values or terms) as terms by name."""
    if not items:
        return {}
    pairs: list[tuple[str, Any]] = []
    if isinstance(items, Mapping):
        pairs = list(items.items())
    else:
        for item in items:
            if "=" not in item:
                raise QueryError(f"parameter {item!r}: expected name=value")
            name, value = item.split("=", 1)
            pairs.append((name.strip(), value))
    out: dict[str, Any] = {}
    for name, value in pairs:
        name = name.lstrip("?$")
        if not _VARNAME.match(name):
            raise QueryError(f"parameter name {name!r} is not a SPARQL variable name")
        if isinstance(value, (ox.NamedNode, ox.Literal)):
            out[name] = value
        else:
            out[name] = parse_term(str(value))
    return out


def bind_params(text: str, params: Mapping[str, Any]) -> str:
    """The query with ``params`` (terms by variable name) bound by a ``VALUES`` block.

    The block opens the query's outer WHERE group, so the outer group's patterns and filters
    see the values; every term is serialised by Oxigraph (quotes and newlines escaped).

    >>> bind_params("SELECT ?p WHERE { ?p ?q ?name }", {"name": ox.Literal('a"} b')})
    'SELECT ?p WHERE { VALUES (?name) { ("a\\\\"} b") } ?p ?q ?name }'
    """
    if not params:
        return text
    for name in params:
        if not _uses_variable(text, name):
            raise QueryError(f"parameter {name!r}: the query has no variable ?{name}")
    at = _outer_group(text)
    names = " ".join(f"?{n}" for n in params)
    values = " ".join(str(t) for t in params.values())
    return f"{text[:at]} VALUES ({names}) {{ ({values}) }}{text[at:]}"


# --- named queries -----------------------------------------------------------------------------

def named_queries() -> dict[str, Path]:
    """The named queries under ``queries/``: name (file stem) → path."""
    return {p.stem: p for p in sorted(queries_dir().glob("*.rq"))}


def named_query(name: str) -> str:
    """The text of the named query ``name`` (``queries/NAME.rq``)."""
    queries = named_queries()
    if name not in queries:
        raise QueryError(f"no named query {name!r} (known: {', '.join(queries) or 'none'})")
    try:
        return read_text(queries[name])
    except LexiconError as err:
        raise QueryError(str(err)) from err


def describe_named(name: str) -> str:
    """The ``#`` comment header of a named query: what it answers and its parameters."""
    lines = []
    for line in named_query(name).splitlines():
        if not line.startswith("#"):
            break
        lines.append(line[1:].strip())
    return "\n".join(lines)


_PARAM_LINE = re.compile(r"#\s*param\s+([A-Za-z_][A-Za-z0-9_]*)\s*:\s*(required|optional)"
                         r"(?:\s+@([A-Za-z]+(?:-[A-Za-z0-9]+)*))?")


def named_params(name: str) -> dict[str, bool]:
    """The parameters a named query declares in its header (``# param NAME: required; ...``),
    each mapped to whether it is required.

    >>> named_params("meetings-of")
    {'person': True, 'from': False, 'to': False}
    """
    return {p: required for p, (required, _) in _declared(name).items()}


def _declared(name: str) -> dict[str, tuple[bool, str]]:
    """Parameter → (required, language): ``# param person: required @zh; ...`` means a plain
    value of ``person`` is bound as a literal tagged ``@zh`` (so it matches labels directly)."""
    out: dict[str, tuple[bool, str]] = {}
    for line in named_query(name).splitlines():
        m = _PARAM_LINE.match(line)
        if m:
            out[m.group(1)] = (m.group(2) == "required", m.group(3) or "")
    return out


# --- running -----------------------------------------------------------------------------------

def open_target(target: str | Path | ox.Store) -> ox.Store:
    """A store for ``target``: a store as is, a build folder's store, or an RDF file loaded.

    A build folder with a graph.ttl but no store (made before stores existed) is loaded from
    its graph.ttl.
    """
    if isinstance(target, ox.Store):
        return target
    path = Path(target)
    try:
        if path.is_dir():
            if not kgstore.store_path(path).is_dir() and (path / "graph.ttl").is_file() \
                    and not (path / kgstore.STAGING / kgstore.COMMIT_FILE).is_file():
                return kgstore.load_file(path / "graph.ttl")  # a build made before stores
            return kgstore.open_store(path)
        if path.is_file():
            return kgstore.load_file(path)
    except kgstore.StoreError as err:
        raise QueryError(str(err)) from err
    raise QueryError(f"{path}: no such build folder or RDF file")


_POSITION = re.compile(r"error at (\d+):(\d+): ?")


def _syntax_error(err: SyntaxError) -> QueryError:
    message = str(err)
    m = _POSITION.search(message)
    if m:
        message = (f"line {m.group(1)}, column {m.group(2)}: "
                   + message[m.end():])
    return QueryError(f"malformed query: {message}")


def _check_syntax(text: str, *, update: bool = False) -> None:
    """Parse ``text`` against an empty store, so errors point into the text as written."""
    try:
        if update:
            # An update is checked by running it on a throw-away empty store; LOAD and SERVICE
            # (which would fetch from the network) are refused before.
            ox.Store().update(text, prefixes=PREFIXES)
        else:
            ox.Store().query(text, prefixes=PREFIXES)
    except SyntaxError as err:
        raise _syntax_error(err) from None


def evaluate(store: ox.Store, text: str, *, timeout: float | None = None,
             limit: int | None = None) -> QueryResult:
    """Run the (already bound) query ``text`` on ``store``.

    ``timeout`` (seconds) bounds the wait: past it :class:`QueryTimeout` is raised and the
    evaluation stops at its next result row. ``limit`` caps the rows kept (``truncated``).
    """
    cancel = threading.Event()
    box: dict[str, Any] = {}

    def work() -> None:
        t0 = time.perf_counter()
        try:
            answer = store.query(text, prefixes=PREFIXES)
            if isinstance(answer, ox.QueryBoolean):
                result = QueryResult("ask", boolean=bool(answer))
            elif isinstance(answer, ox.QuerySolutions):
                result = QueryResult("select", [v.value for v in answer.variables])
                for solution in answer:
                    if cancel.is_set():
                        return
                    if limit is not None and len(result.rows) >= limit:
                        result.truncated = True
                        break
                    result.rows.append(tuple(solution))
            else:
                result = QueryResult("graph", ["subject", "predicate", "object"])
                for triple in answer:
                    if cancel.is_set():
                        return
                    if limit is not None and len(result.rows) >= limit:
                        result.truncated = True
                        break
                    result.rows.append((triple.subject, triple.predicate, triple.object))
            result.seconds = time.perf_counter() - t0
            box["result"] = result
        except SyntaxError as err:
            box["error"] = _syntax_error(err)
        except BaseException as err:  # handed to the caller's thread
            box["error"] = err

    if timeout is None:
        work()
    else:
        worker = threading.Thread(target=work, name="kg-query", daemon=True)
        worker.start()
        worker.join(timeout)
        if worker.is_alive():
            cancel.set()
            raise QueryTimeout(f"query timed out after {timeout:g} s")
    if "error" in box:
        err = box["error"]
        if isinstance(err, OSError):
            raise QueryError(f"query failed: {err}") from err
        raise err
    return box["result"]


def run_query(target: str | Path | ox.Store, text: str, *,
              params: Sequence[str] | Mapping[str, Any] | None = None,
              timeout: float | None = None, limit: int | None = None,
              update: bool = False) -> QueryResult:
    """Run the SPARQL ``text`` over ``target`` (a build folder, an RDF file or a store).

    ``params`` (``["name=value"]`` or a mapping) are bound as RDF terms. An update is refused
    (:class:`UpdateRefused`) unless ``update=True``, when it is applied with
    :func:`run_update`. Errors are :class:`QueryError` with line and column.
    """
    kind = query_kind(text)
    if kind == "update":
        if not update:
            raise UpdateRefused("this is a SPARQL update, which would change the graph; "
                                "it is refused unless --update is given")
        if params:
            raise QueryError("parameters are not supported for updates")
        return run_update(target, text)
    _check_syntax(text)
    bound = bind_params(text, parse_params(params))
    return evaluate(open_target(target), bound, timeout=timeout, limit=limit)


def prepare_named(name: str, params: Sequence[str] | Mapping[str, Any] | None = None) -> str:
    """The text of the named query ``name`` with ``params`` bound (a ``VALUES`` block).

    The parameters must be those the query's header declares, the required ones all given;
    a plain value of a parameter declared with a language (``@zh``) is tagged with it.

    >>> print(prepare_named("posts-of", {"person": "潘文江"}).splitlines()[-12])
    WHERE { VALUES (?person) { ("潘文江"@zh) }
    """
    text = named_query(name)
    declared = _declared(name)
    given = parse_params(params)
    unknown = sorted(set(given) - set(declared))
    if unknown:
        raise QueryError(f"named query {name!r} has no parameter {', '.join(unknown)} "
                         f"(it takes: {', '.join(declared) or 'none'})")
    missing = [p for p, (required, _) in declared.items() if required and p not in given]
    if missing:
        raise QueryError(f"named query {name!r} needs --param {missing[0]}=VALUE "
                         f"(parameters: {', '.join(declared)})")
    for param, (_, lang) in declared.items():
        term = given.get(param)
        if lang and isinstance(term, ox.Literal) and term.datatype.value == XSD + "string":
            given[param] = ox.Literal(term.value, language=lang)
    return bind_params(text, given)


def run_named(target: str | Path | ox.Store, name: str, *,
              params: Sequence[str] | Mapping[str, Any] | None = None,
              timeout: float | None = None, limit: int | None = None) -> QueryResult:
    """Run the named query ``queries/NAME.rq`` over ``target`` with ``params``
    (checked and bound by :func:`prepare_named`)."""
    text = prepare_named(name, params)
    _check_syntax(text)
    return evaluate(open_target(target), text, timeout=timeout, limit=limit)


def _refuse_network(text: str) -> None:
    for kind, value, _ in _tokens(text):
        if kind == "word" and value.upper() in ("LOAD", "SERVICE"):
            raise UpdateRefused(f"{value.upper()} would fetch from the network; refused")


def run_update(target: str | Path, text: str) -> QueryResult:
    """Apply the SPARQL update ``text`` to a build folder or an RDF file.

    On a build folder the update runs on a copy of the store inside a
    :class:`kg.store.Transaction`, graph.ttl is rewritten from it, and the update is logged in
    ``DIR/updates.ru`` so that ``kg add`` replays it after re-resolving. On an RDF file the
    file is rewritten (atomically) in its own format.
    """
    _refuse_network(text)
    _check_syntax(text, update=True)
    path = Path(target)
    t0 = time.perf_counter()
    try:
        if path.is_dir():
            kgstore.update_build(path, text, prefixes=PREFIXES)
        elif path.is_file():
            kgstore.update_file(path, text, prefixes=PREFIXES)
        else:
            raise QueryError(f"{path}: no such build folder or RDF file")
    except SyntaxError as err:
        raise _syntax_error(err) from None
    except kgstore.StoreError as err:
        raise QueryError(str(err)) from err
    return QueryResult("update", seconds=time.perf_counter() - t0)


# --- formatting --------------------------------------------------------------------------------

def term_to_json(term: Any) -> dict[str, str] | None:
    """A term in the SPARQL 1.1 Query Results JSON format (``None`` when unbound)."""
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != XSD + "string":
            out["datatype"] = term.datatype.value
        return out
    return {"type": "literal", "value": str(term)}


def _to_json(result: QueryResult) -> str:
    if result.kind == "ask":
        return json.dumps({"head": {}, "boolean": bool(result.boolean)})
    bindings = []
    for row in result.rows:
        bindings.append({v: term_to_json(t) for v, t in zip(result.variables, row, strict=True)
                         if t is not None})
    return json.dumps({"head": {"vars": result.variables},
                       "results": {"bindings": bindings}}, ensure_ascii=False, indent=1)


def _to_xml(result: QueryResult) -> str:
    out = ['<?xml version="1.0"?>',
           '<sparql xmlns="http://www.w3.org/2005/sparql-results#">', "<head>"]
    if result.kind == "ask":
        out += ["</head>", f"<boolean>{'true' if result.boolean else 'false'}</boolean>",
                "</sparql>"]
        return "\n".join(out) + "\n"
    out += [f"<variable name={quoteattr(v)}/>" for v in result.variables]
    out += ["</head>", "<results>"]
    for row in result.rows:
        out.append("<result>")
        for v, t in zip(result.variables, row, strict=True):
            if t is None:
                continue
            if isinstance(t, ox.NamedNode):
                inner = f"<uri>{escape(t.value)}</uri>"
            elif isinstance(t, ox.BlankNode):
                inner = f"<bnode>{escape(t.value)}</bnode>"
            elif isinstance(t, ox.Literal) and t.language:
                inner = f"<literal xml:lang={quoteattr(t.language)}>{escape(t.value)}</literal>"
            elif isinstance(t, ox.Literal) and t.datatype.value != XSD + "string":
                inner = (f"<literal datatype={quoteattr(t.datatype.value)}>"
                         f"{escape(t.value)}</literal>")
            else:
                inner = f"<literal>{escape(getattr(t, 'value', str(t)))}</literal>"
            out.append(f"<binding name={quoteattr(v)}>{inner}</binding>")
        out.append("</result>")
    out += ["</results>", "</sparql>"]
    return "\n".join(out) + "\n"


def _to_csv(result: QueryResult) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    if result.kind == "ask":
        writer.writerow(["boolean"])
        writer.writerow(["true" if result.boolean else "false"])
        return buf.getvalue()
    writer.writerow(result.variables)
    for row in result.rows:
        writer.writerow(["" if t is None else getattr(t, "value", str(t)) for t in row])
    return buf.getvalue()


def _to_tsv(result: QueryResult) -> str:
    if result.kind == "ask":
        return "?boolean\n" + ("true" if result.boolean else "false") + "\n"
    lines = ["\t".join(f"?{v}" for v in result.variables)]
    for row in result.rows:
        lines.append("\t".join("" if t is None else str(t) for t in row))
    return "\n".join(lines) + "\n"


def _short(term: Any) -> str:
    """A term for people: prefixed IRIs, literal values."""
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        for prefix, iri in PREFIXES.items():
            if term.value.startswith(iri) and len(term.value) > len(iri):
                return f"{prefix}:{term.value[len(iri):]}"
        return f"<{term.value}>"
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.Literal):
        return term.value.replace("\n", " ")
    return str(term)


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def format_table(result: QueryResult) -> str:
    """The result as a plain text table (CJK characters count double), for a terminal."""
    if result.kind == "ask":
        return "yes" if result.boolean else "no"
    if result.kind == "update":
        return f"update applied in {result.seconds:.3f} s"
    cells = [[_short(t) for t in row] for row in result.rows]
    widths = [max([_width(v)] + [_width(r[i]) for r in cells])
              for i, v in enumerate(result.variables)]

    def line(values: Sequence[str]) -> str:
        return "  ".join(v + " " * (w - _width(v))
                         for v, w in zip(values, widths, strict=True)).rstrip()

    out = [line(result.variables), "  ".join("-" * w for w in widths)]
    out += [line(r) for r in cells]
    if result.truncated:
        out.append(f"(stopped at {len(result.rows)} rows)")
    return "\n".join(out)


def format_result(result: QueryResult, fmt: str = "table") -> str:
    """The result as ``table``, ``csv``, ``tsv``, ``json`` or ``xml`` (SPARQL 1.1 results)."""
    formatters = {"table": format_table, "csv": _to_csv, "tsv": _to_tsv, "json": _to_json,
                  "xml": _to_xml}
    if fmt not in formatters:
        raise QueryError(f"unknown format {fmt!r} (known: {', '.join(formatters)})")
    if result.kind == "update":
        return format_table(result)
    return formatters[fmt](result)


def to_rdflib(term: Any) -> Any:
    """A pyoxigraph term as an rdflib term."""
    from rdflib import BNode, Literal, URIRef

    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        if term.datatype.value == XSD + "string":
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(term.datatype.value))
    raise TypeError(f"not an RDF term: {term!r}")
