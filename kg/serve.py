"""A read-only SPARQL 1.1 Protocol endpoint over a build: ``kg serve DIR --port N``.

``GET /sparql?query=...`` and ``POST /sparql`` (a form with ``query=``, or a body of type
``application/sparql-query``) answer with SPARQL results in JSON, XML, CSV or TSV as the
``Accept`` header asks (JSON by default), or with Turtle / N-Triples / RDF/XML / JSON-LD for
CONSTRUCT and DESCRIBE. It listens on 127.0.0.1 only and never changes the graph: updates,
``SERVICE`` (which would make the server fetch from the network) and ``LOAD`` are refused
with 403. Each query has a time limit and a row limit (the answer is cut, and the response
says so in ``X-KG-Truncated``). Queries run in worker processes: Oxigraph cannot interrupt a
query, so one past its time limit is stopped by killing its worker (503), and a new worker
takes its place.

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
import queue
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

__all__ = ["SparqlServer", "WorkerPool", "make_server", "serve", "negotiate"]

DEFAULT_TIMEOUT = 30.0
DEFAULT_LIMIT = 10_000
MAX_BODY = 1 << 20  # bytes of a POSTed query
DEFAULT_WORKERS = 2  # query worker processes

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
GRAPH_FORMATS = GRAPH_TYPES = {
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


class _StoreHolder:
    """The store of a target, reopened when ``kg add`` has replaced the build's store."""

    def __init__(self, target: Path) -> None:
        self.target = target
        self._id: tuple[int, int] | None = None
        self._store: ox.Store | None = None

    def _identity(self) -> tuple[int, int] | None:
        if not self.target.is_dir():
            return None
        try:
            st = os.stat(kgstore.store_path(self.target))
        except OSError:
            return None
        return (st.st_ino, st.st_dev)

    def store(self) -> ox.Store:
        if self._store is None or (self.target.is_dir() and self._identity() != self._id):
            self._store = open_target(self.target)
            self._id = self._identity()
        return self._store


def _answer(holder: _StoreHolder, text: str, fmt: str, limit: int) -> tuple[str, bytes, bool]:
    """Run one query and format it: (status, body, truncated); status "ok", "bad" or "error"."""
    try:
        _check_syntax(text)
        result = evaluate(holder.store(), text, limit=limit)
    except QueryError as err:
        return "bad", str(err).encode("utf-8"), False
    except Exception as err:  # a store error: say it, keep serving
        return "error", f"query failed: {err}".encode(), False
    if fmt in GRAPH_FORMATS:
        return "ok", _graph_body(result, GRAPH_FORMATS[fmt]), result.truncated
    return "ok", format_result(result, fmt).encode("utf-8"), result.truncated


def _worker_main(conn: Any, target: str) -> None:
    """A query worker process: answers (text, format, limit) requests until its pipe closes."""
    holder = _StoreHolder(Path(target))
    try:
        holder.store()
    except Exception as err:  # reported on the first request
        failure = str(err)
    else:
        failure = ""
    conn.send(("ready", b"", False))
    while True:
        try:
            text, fmt, limit = conn.recv()
        except (EOFError, OSError):
            return
        if failure:
            conn.send(("error", failure.encode("utf-8"), False))
        else:
            conn.send(_answer(holder, text, fmt, limit))


class _Worker:
    def __init__(self, ctx: Any, target: Path) -> None:
        self.conn, child = ctx.Pipe()
        self.process = ctx.Process(target=_worker_main, args=(child, str(target)),
                                   name="kg-serve-worker", daemon=True)
        self.process.start()
        child.close()

    def kill(self) -> None:
        self.process.kill()
        self.process.join(5)
        self.conn.close()


class WorkerPool:
    """Query worker processes: a query past its time limit is stopped by killing its worker
    (Oxigraph cannot interrupt a query), and a fresh worker takes its place."""

    def __init__(self, target: Path, size: int) -> None:
        import multiprocessing

        self.target = target
        self._ctx = multiprocessing.get_context("spawn")
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._all: list[_Worker] = []
        self._lock = threading.Lock()
        self.restarts = 0
        starting = [_Worker(self._ctx, self.target) for _ in range(size)]  # start together
        for worker in starting:
            self._add(worker)

    def _add(self, worker: _Worker | None = None) -> None:
        worker = worker or _Worker(self._ctx, self.target)
        if not worker.conn.poll(120):  # started: imports done, store opened
            worker.kill()
            return
        worker.conn.recv()
        with self._lock:
            self._all.append(worker)
        self._idle.put(worker)

    def run(self, text: str, fmt: str, limit: int, timeout: float) -> tuple[str, bytes, bool]:
        """Answer in a worker; :class:`QueryTimeout` past ``timeout`` seconds (the worker is
        killed and replaced), ``("busy", ...)`` when no worker frees up in that time."""
        try:
            worker = self._idle.get(timeout=timeout)
        except queue.Empty:
            return "busy", b"too many queries at once; retry", False
        try:
            worker.conn.send((text, fmt, limit))
            if worker.conn.poll(timeout):
                answer = worker.conn.recv()
                self._idle.put(worker)
                return answer
        except (EOFError, OSError):
            pass  # the worker died: replace it
        self._retire(worker)
        if worker.process.exitcode not in (None, -9):
            return "error", b"query worker died", False
        raise QueryTimeout(f"query timed out after {timeout:g} s (stopped)")

    def _retire(self, worker: _Worker) -> None:
        worker.kill()
        with self._lock:
            self._all.remove(worker)
            self.restarts += 1
        threading.Thread(target=self._add, daemon=True).start()

    def close(self) -> None:
        """Stop every worker."""
        with self._lock:
            workers, self._all = self._all, []
        for worker in workers:
            worker.kill()


class SparqlServer(ThreadingHTTPServer):
    """An HTTP server answering SPARQL queries over one build folder or RDF file.

    Queries run in ``workers`` processes (:class:`WorkerPool`), so a query past the time limit
    is really stopped.
    """

    daemon_threads = True

    def __init__(self, target: str | Path, *, host: str = "127.0.0.1", port: int = 0,
                 timeout: float = DEFAULT_TIMEOUT, limit: int = DEFAULT_LIMIT,
                 quiet: bool = True, workers: int = DEFAULT_WORKERS) -> None:
        self.target = Path(target)
        self.query_timeout = timeout
        self.result_limit = limit
        self.quiet = quiet
        open_target(self.target)  # fail now, with a clear message, on a bad target
        super().__init__((host, port), SparqlHandler)
        self.pool = WorkerPool(self.target, workers)

    @property
    def url(self) -> str:
        """The endpoint's address, ``http://127.0.0.1:PORT/sparql``."""
        host, port = self.server_address[:2]
        return f"http://{host}:{port}/sparql"

    def server_close(self) -> None:
        """Close the socket and stop the query workers."""
        super().server_close()
        self.pool.close()


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
        fmt = RESULT_TYPES.get(media) or media
        try:
            status, body, truncated = self.server.pool.run(
                text, fmt, self.server.result_limit, self.server.query_timeout)
        except QueryTimeout as err:
            self._error(HTTPStatus.SERVICE_UNAVAILABLE, str(err))
            return
        if status != "ok":
            code = {"bad": HTTPStatus.BAD_REQUEST, "busy": HTTPStatus.SERVICE_UNAVAILABLE}.get(
                status, HTTPStatus.INTERNAL_SERVER_ERROR)
            self._error(code, body.decode("utf-8", errors="replace"))
            return
        headers = {"X-KG-Truncated": "true"} if truncated else {}
        media_out = media if graph else RESULT_MEDIA[fmt]
        self._send(HTTPStatus.OK, body, f"{media_out}; charset=utf-8", headers)


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
                quiet: bool = True, workers: int = DEFAULT_WORKERS) -> SparqlServer:
    """A server over ``target`` (a build folder or RDF file), bound but not yet serving.

    ``port=0`` picks a free port (see ``server.url``). Only loopback hosts are allowed.
    """
    if host not in ("127.0.0.1", "localhost", "::1"):
        raise ValueError(f"kg serve listens on the loopback interface only, not {host!r}")
    return SparqlServer(target, host=host, port=port, timeout=timeout, limit=limit,
                        quiet=quiet, workers=workers)


def serve(target: str | Path, *, port: int = 7878, timeout: float = DEFAULT_TIMEOUT,
          limit: int = DEFAULT_LIMIT, quiet: bool = False, workers: int = DEFAULT_WORKERS,
          ready: Any = None) -> None:
    """Serve ``target`` until interrupted; ``ready(server)`` is called once it listens."""
    server = make_server(target, port=port, timeout=timeout, limit=limit, quiet=quiet,
                         workers=workers)
    if ready is not None:
        ready(server)
    try:
        server.serve_forever()
    finally:
        server.server_close()

