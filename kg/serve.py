"""A read-only SPARQL 1.1 Protocol endpoint over a build: ``kg serve DIR --port N``.

``GET /sparql?query=...`` and ``POST /sparql`` (a form with ``query=``, or a body of type
``application/sparql-query``) answer with SPARQL results in JSON, XML, CSV or TSV as the
``Accept`` header asks (JSON by default), or with Turtle / N-Triples / RDF/XML / JSON-LD for
CONSTRUCT and DESCRIBE. It listens on 127.0.0.1 only and never changes the graph: updates,
``SERVICE`` (which would make the server fetch from the network) and ``LOAD`` are refused
with 403. Each query has a time limit (503 past it) and a row limit (the answer is cut, and
the response says so in ``X-KG-Truncated``).

When ``kg add`` replaces the build's store, the server opens the new one at its next request.

>>> server = make_server("tests/data/mini.ttl", port=0)
>>> import threading, urllib.request, urllib.parse, json
>>> t = threading.Thread(target=server.serve_forever, daemon=True); t.start()
>>> q = urllib.parse.quote("ASK { ?s a <https://w3id.org/dipkg/ontology#Meeting> }")
>>> with urllib.request.urlopen(f"{server.url}?query={q}") as resp:
...     json.load(resp)["boolean"]
True
>>> server.shutdown(); server.server_close()
"""

from __future__ import annotations

import os
import sys
import threading
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pyoxigraph as ox

from . import store as kgstore
from .query import (
    PREFIXES,
    QueryError,
    QueryResult,
    QueryTimeout,
    UpdateRefused,
    _check_syntax,
    _refuse_network,
    evaluate,
    format_result,
    open_target,
    query_kind,
)

__all__ = ["SparqlServer", "make_server", "serve", "negotiate"]

DEFAULT_TIMEOUT = 30.0
DEFAULT_LIMIT = 10_000
MAX_BODY = 1 << 20  # bytes of a POSTed query
MAX_CONCURRENT = 4

RESULT_TYPES = {
    "application/sparql-results+json": "json",
    "application/json": "json",
    "application/sparql-results+xml": "xml",
    "application/xml": "xml",
    "text/xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
}
RESULT_MEDIA = {"json": "application/sparql-results+json", "xml": "application/sparql-results+xml",
                "csv": "text/csv", "tsv": "text/tab-separated-values"}
GRAPH_TYPES = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "application/n-quads": ox.RdfFormat.N_QUADS,
    "application/trig": ox.RdfFormat.TRIG,
}


def negotiate(accept: str | None, offers: list[str]) -> str | None:
    """The offered media type the ``Accept`` header prefers (q-values, ``*/*``, ``type/*``).

    >>> negotiate("text/csv;q=0.5, application/sparql-results+xml", ["application/json",
    ...           "application/sparql-results+xml", "text/csv"])
    'application/sparql-results+xml'
    >>> negotiate(None, ["application/json", "text/csv"])
    'application/json'
    """
    if not accept or not accept.strip():
        return offers[0]
    best: tuple[float, int, int, int] | None = None
    chosen = None
    for order, item in enumerate(accept.split(",")):
        parts = [p.strip() for p in item.split(";")]
        media, q = parts[0].lower(), 1.0
        for p in parts[1:]:
            if p.startswith("q="):
                try:
                    q = float(p[2:])
                except ValueError:
                    q = 0.0
        if q <= 0:
            continue
        for rank, offer in enumerate(offers):
            if media == offer:
                specificity = 2
            elif media.endswith("/*") and (media == "*/*" or offer.startswith(media[:-1])):
                specificity = 0 if media == "*/*" else 1
            else:
                continue
            key = (q, specificity, -order, -rank)
            if best is None or key > best:
                best, chosen = key, offer
    return chosen


class SparqlServer(ThreadingHTTPServer):
    """An HTTP server answering SPARQL queries over one build folder or RDF file."""

    daemon_threads = True

    def __init__(self, target: str | Path, *, host: str = "127.0.0.1", port: int = 0,
                 timeout: float = DEFAULT_TIMEOUT, limit: int = DEFAULT_LIMIT,
                 quiet: bool = True) -> None:
        self.target = Path(target)
        self.query_timeout = timeout
        self.result_limit = limit
        self.quiet = quiet
        self._store_lock = threading.Lock()
        self._slots = threading.BoundedSemaphore(MAX_CONCURRENT)
        self._store_id: tuple[int, int] | None = None
        self._store: ox.Store = self._open()
        super().__init__((host, port), SparqlHandler)

    @property
    def url(self) -> str:
        """The endpoint's address, ``http://127.0.0.1:PORT/sparql``."""
        host, port = self.server_address[:2]
        return f"http://{host}:{port}/sparql"

    def _identity(self) -> tuple[int, int] | None:
        if not self.target.is_dir():
            return None
        try:
            st = os.stat(kgstore.store_path(self.target))
        except OSError:
            return None
        return (st.st_ino, st.st_dev)

    def _open(self) -> ox.Store:
        store = open_target(self.target)
        self._store_id = self._identity()
        return store

    def store(self) -> ox.Store:
        """The store, reopened if ``kg add`` replaced it since the last request."""
        if self.target.is_dir() and self._identity() != self._store_id:
            with self._store_lock:
                if self._identity() != self._store_id:
                    self._store = self._open()
        return self._store


class SparqlHandler(BaseHTTPRequestHandler):
    """The SPARQL 1.1 Protocol, query operation only."""

    server: SparqlServer
    server_version = "kg-sparql/0.1"

    # --- plumbing --------------------------------------------------------------------------

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib signature
        if not self.server.quiet:
            sys.stderr.write("kg serve: " + (format % args) + "\n")

    def _send(self, status: int, body: bytes, media: str,
              headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", media)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Access-Control-Allow-Origin", "*")
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _error(self, status: int, message: str) -> None:
        self._send(status, (message + "\n").encode("utf-8"), "text/plain; charset=utf-8")

    # --- verbs -----------------------------------------------------------------------------

    def do_OPTIONS(self) -> None:  # noqa: N802 - stdlib naming
        self._send(HTTPStatus.NO_CONTENT, b"", "text/plain",
                   {"Access-Control-Allow-Methods": "GET, POST, OPTIONS",
                    "Access-Control-Allow-Headers": "Content-Type, Accept"})

    def do_GET(self) -> None:  # noqa: N802 - stdlib naming
        url = urlsplit(self.path)
        if url.path != "/sparql":
            if url.path == "/":
                self._send(HTTPStatus.OK, (f"kg SPARQL endpoint over {self.server.target}: "
                                           f"GET or POST /sparql?query=...\n").encode(),
                           "text/plain; charset=utf-8")
            else:
                self._error(HTTPStatus.NOT_FOUND, "not found: the endpoint is /sparql")
            return
        form = parse_qs(url.query, keep_blank_values=True)
        self._answer(form)

    do_HEAD = do_GET

    def do_POST(self) -> None:  # noqa: N802 - stdlib naming
        url = urlsplit(self.path)
        if url.path != "/sparql":
            self._error(HTTPStatus.NOT_FOUND, "not found: the endpoint is /sparql")
            return
        try:
            length = int(self.headers.get("Content-Length", "0"))
        except ValueError:
            self._error(HTTPStatus.BAD_REQUEST, "bad Content-Length")
            return
        if length > MAX_BODY:
            self._error(HTTPStatus.REQUEST_ENTITY_TOO_LARGE,
                        f"request body over {MAX_BODY} bytes")
            return
        body = self.rfile.read(length).decode("utf-8", errors="replace")
        media = self.headers.get("Content-Type", "").split(";")[0].strip().lower()
        form = parse_qs(url.query, keep_blank_values=True)
        if media == "application/x-www-form-urlencoded":
            for k, v in parse_qs(body, keep_blank_values=True).items():
                form.setdefault(k, []).extend(v)
        elif media == "application/sparql-query":
            form.setdefault("query", []).append(body)
        elif media == "application/sparql-update":
            self._error(HTTPStatus.FORBIDDEN, "this endpoint is read-only: updates are refused")
            return
        else:
            self._error(HTTPStatus.UNSUPPORTED_MEDIA_TYPE,
                        "POST a form (application/x-www-form-urlencoded) or "
                        "application/sparql-query")
            return
        self._answer(form)

    # --- the query -------------------------------------------------------------------------

    def _answer(self, form: dict[str, list[str]]) -> None:
        if "update" in form:
            self._error(HTTPStatus.FORBIDDEN, "this endpoint is read-only: updates are refused")
            return
        queries = form.get("query", [])
        if len(queries) != 1:
            self._error(HTTPStatus.BAD_REQUEST, "give exactly one query parameter")
            return
        text = queries[0]
        kind = query_kind(text)
        if kind == "update":
            self._error(HTTPStatus.FORBIDDEN, "this endpoint is read-only: updates are refused")
            return
        try:
            _refuse_network(text)
        except UpdateRefused as err:
            self._error(HTTPStatus.FORBIDDEN, str(err))
            return
        graph = kind in ("construct", "describe")
        if graph:
            offers = list(GRAPH_TYPES)
        else:
            offers = list(RESULT_TYPES)
        media = negotiate(self.headers.get("Accept"), offers)
        if media is None:
            self._error(HTTPStatus.NOT_ACCEPTABLE,
                        f"cannot answer in any type the Accept header allows; offered: "
                        f"{', '.join(offers)}")
            return
        if not self.server._slots.acquire(timeout=self.server.query_timeout):
            self._error(HTTPStatus.SERVICE_UNAVAILABLE, "too many queries at once; retry")
            return
        try:
            _check_syntax(text)
            result = evaluate(self.server.store(), text, timeout=self.server.query_timeout,
                              limit=self.server.result_limit)
        except QueryTimeout as err:
            self._error(HTTPStatus.SERVICE_UNAVAILABLE, str(err))
            return
        except QueryError as err:
            self._error(HTTPStatus.BAD_REQUEST, str(err))
            return
        except Exception as err:  # a store error: say it, keep serving
            self._error(HTTPStatus.INTERNAL_SERVER_ERROR, f"query failed: {err}")
            return
        finally:
            self.server._slots.release()
        headers = {"X-KG-Truncated": "true"} if result.truncated else {}
        if graph:
            body = _graph_body(result, GRAPH_TYPES[media])
            self._send(HTTPStatus.OK, body, f"{media}; charset=utf-8", headers)
            return
        fmt = RESULT_TYPES[media]
        body = format_result(result, fmt).encode("utf-8")
        self._send(HTTPStatus.OK, body, f"{RESULT_MEDIA[fmt]}; charset=utf-8", headers)


def _graph_body(result: QueryResult, fmt: ox.RdfFormat) -> bytes:
    triples = [ox.Triple(s, p, o) for s, p, o in result.rows]
    if fmt.supports_datasets:
        return ox.serialize([ox.Quad(t.subject, t.predicate, t.object) for t in triples],
                            format=fmt)
    prefixes = PREFIXES if fmt in (ox.RdfFormat.TURTLE,) else None
    return ox.serialize(triples, format=fmt, prefixes=prefixes) if prefixes else \
        ox.serialize(triples, format=fmt)


def make_server(target: str | Path, *, port: int = 7878, host: str = "127.0.0.1",
                timeout: float = DEFAULT_TIMEOUT, limit: int = DEFAULT_LIMIT,
                quiet: bool = True) -> SparqlServer:
    """A server over ``target`` (a build folder or RDF file), bound but not yet serving.

    ``port=0`` picks a free port (see ``server.url``). Only loopback hosts are allowed.
    """
    if host not in ("127.0.0.1", "localhost", "::1"):
        raise ValueError(f"kg serve listens on the loopback interface only, not {host!r}")
    return SparqlServer(target, host=host, port=port, timeout=timeout, limit=limit,
                        quiet=quiet)


def serve(target: str | Path, *, port: int = 7878, timeout: float = DEFAULT_TIMEOUT,
          limit: int = DEFAULT_LIMIT, quiet: bool = False,
          ready: Any = None) -> None:
    """Serve ``target`` until interrupted; ``ready(server)`` is called once it listens."""
    server = make_server(target, port=port, timeout=timeout, limit=limit, quiet=quiet)
    if ready is not None:
        ready(server)
    try:
        server.serve_forever()
    finally:
        server.server_close()

