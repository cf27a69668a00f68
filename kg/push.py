"""Load a build into a SPARQL 1.1 Graph Store Protocol server, one named graph per article.

Any server speaking the W3C Graph Store HTTP Protocol takes it: Virtuoso
(``http://HOST:8890/sparql-graph-crud-auth``), Apache Jena Fuseki (``http://HOST:3030/DS/data``),
GraphDB (``http://HOST:7200/repositories/REPO/rdf-graphs/service``), Oxigraph server
(``http://HOST:7878/store``). Each graph is sent as Turtle with ``PUT ENDPOINT?graph=IRI``,
which replaces that graph: pushing the same build twice leaves the server as after once.

What goes in which graph (:func:`article_graphs`, reusable by exporters):

- an article's own triples go in the graph named by the article's IRI;
- the triples of a node that is ``dip:reportedIn`` articles (meetings, visits, calls, posts
  held) go in the graph of each of those articles: each graph says what that article reports;
- a triple whose subject has no article but whose object has (``dip:holdsPost``) follows the
  object; blank nodes follow the node that points at them;
- everything else (names and labels of persons, countries, organizations and places, and
  ``dip:metWith`` between persons) goes in one shared graph, :data:`SHARED_GRAPH`.

Credentials come from the environment, never the command line: ``KG_PUSH_USER`` and
``KG_PUSH_PASSWORD``; the scheme (HTTP Digest or Basic) is the one the server asks for in its
``WWW-Authenticate`` challenge, or ``KG_PUSH_AUTH=digest|basic``.

>>> ttl = '''@prefix dip: <https://w3id.org/dipkg/ontology#> .
... @prefix art: <https://w3id.org/dipkg/resource/article/> .
... @prefix per: <https://w3id.org/dipkg/resource/person/> .
... art:a1 a dip:Article ; dip:mentions per:苏林 .
... <https://w3id.org/dipkg/resource/meeting/m1> a dip:Meeting ; dip:reportedIn art:a1 .
... per:苏林 a dip:Person .'''
>>> graphs = article_graphs(parse_triples(ttl.encode()))
>>> sorted((g.value.rsplit("/", 1)[-1], len(ts)) for g, ts in graphs.items())
[('a1', 4), ('shared', 1)]
"""

from __future__ import annotations

import os
import re
import threading
import time
from collections import defaultdict
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyoxigraph as ox

__all__ = [
    "SHARED_GRAPH", "PushError", "PushReport", "parse_triples", "article_graphs",
    "graph_turtle", "push", "push_graphs",
]

_DIP = "https://w3id.org/dipkg/ontology#"
_RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
_ARTICLE = ox.NamedNode(_DIP + "Article")
_REPORTED_IN = ox.NamedNode(_DIP + "reportedIn")

SHARED_GRAPH = ox.NamedNode("https://w3id.org/dipkg/resource/graph/shared")
"""The graph of what no single article owns: entity names and labels, ``dip:metWith``."""


GRAPH_FILE = "graph.ttl"


class PushError(RuntimeError):
    """The push could not be done; the message says why and what to do."""


@dataclass
class PushReport:
    """What a push sent where."""

    endpoint: str
    graphs: int = 0
    triples: int = 0  # triples sent, counting a triple once per graph it is in
    seconds: float = 0.0
    auth: str = "none"  # "none", "basic" or "digest": what the server asked for
    graph_names: list[str] = field(default_factory=list)

    def summary(self) -> str:
        """One line for a person."""
        return (f"pushed {self.triples} triples in {self.graphs} named graphs to "
                f"{self.endpoint} in {self.seconds:.1f} s (auth: {self.auth})")


# --- which triple goes in which graph ---------------------------------------------------------

def parse_triples(data: bytes, fmt: ox.RdfFormat = ox.RdfFormat.TURTLE) -> list[ox.Triple]:
    """The triples of an RDF document (Turtle by default).

    >>> len(parse_triples(b'<http://e/s> <http://e/p> "o" .'))
    1
    """
    out = []
    for q in ox.parse(data, format=fmt):
        out.append(q.triple if isinstance(q, ox.Quad) else q)
    return out


def article_graphs(triples: Iterable[ox.Triple]) -> dict[ox.NamedNode, list[ox.Triple]]:
    """Group triples into named graphs: one per article, plus :data:`SHARED_GRAPH`.

    The rule is in the module's docstring. Graphs come out sorted by name and their triples
    in input order, so the same graph file always gives the same requests.
    """
    triples = list(triples)
    homes: dict[Any, set[ox.NamedNode]] = defaultdict(set)
    for s, p, o in triples:
        if p == _RDF_TYPE and o == _ARTICLE:
            homes[s].add(s)
        elif p == _REPORTED_IN and isinstance(o, ox.NamedNode):
            homes[s].add(o)
    # blank nodes live with whatever points at them (repeat for nested ones)
    changed = True
    while changed:
        changed = False
        for s, _, o in triples:
            if isinstance(o, ox.BlankNode) and homes.get(s) and not homes[o] >= homes[s]:
                homes[o] |= homes[s]
                changed = True
    graphs: dict[ox.NamedNode, list[ox.Triple]] = defaultdict(list)
    for t in triples:
        s, _, o = t
        where = homes.get(s) or homes.get(o) or {SHARED_GRAPH}
        for g in where:
            graphs[g].append(t)
    return {g: graphs[g] for g in sorted(graphs, key=lambda n: n.value)}


def graph_turtle(triples: Iterable[ox.Triple]) -> bytes:
    """Turtle for one graph's triples, every IRI written in full.

    Full IRIs rather than prefixed names: the percent-escaped local names of prefixed
    Turtle (``dipr:person\\/\\%E8...``) are valid but not every server's parser reads them.

    >>> t = ox.Triple(ox.NamedNode("https://w3id.org/dipkg/resource/person/%E8%8B%8F%E6%9E%97"),
    ...               _RDF_TYPE, ox.NamedNode(_DIP + "Person"))
    >>> graph_turtle([t]).decode().split()[0]
    '<https://w3id.org/dipkg/resource/person/%E8%8B%8F%E6%9E%97>'

    """
    return ox.serialize(list(triples), format=ox.RdfFormat.TURTLE)


# --- HTTP --------------------------------------------------------------------------------------

def _requests() -> Any:
    try:
        import requests
    except ImportError as err:  # pragma: no cover - depends on the environment
        raise PushError("kg push needs the requests package: pip install 'diplomacy-kg[push]'"
                        ) from err
    return requests


def _credentials(user: str | None, password: str | None) -> tuple[str, str] | None:
    user = os.environ.get("KG_PUSH_USER") if user is None else user
    password = os.environ.get("KG_PUSH_PASSWORD") if password is None else password
    if user and password is None:
        raise PushError("KG_PUSH_USER is set but KG_PUSH_PASSWORD is not")
    return (user, password or "") if user else None


def _make_auth(scheme: str, creds: tuple[str, str]) -> Any:
    requests = _requests()
    if scheme == "digest":
        return requests.auth.HTTPDigestAuth(*creds)
    return requests.auth.HTTPBasicAuth(*creds)


def _server_said(text: str) -> str:
    """The gist of an error body: Virtuoso's <xmp> message, else the text without tags."""
    m = re.search(r"<xmp>(.*?)</xmp>", text, re.S)
    text = m.group(1) if m else re.sub(r"<[^>]*>", " ", text)
    return " ".join(text.split())[:300]


def _explain(resp: Any, endpoint: str, creds: tuple[str, str] | None,
             scheme: str | None) -> str:
    body = _server_said(resp.text)
    status = resp.status_code
    if status == 401:
        if creds is None:
            return (f"{endpoint} asks for credentials (HTTP 401): set KG_PUSH_USER and "
                    f"KG_PUSH_PASSWORD")
        asked = resp.headers.get("WWW-Authenticate", "").split(" ", 1)[0].lower()
        hint = (f"; the server asks for {asked} auth, not {scheme} (unset KG_PUSH_AUTH)"
                if asked in ("basic", "digest") and asked != scheme else "")
        return (f"{endpoint} refused the credentials of user {creds[0]!r} (HTTP 401); "
                f"check KG_PUSH_USER and KG_PUSH_PASSWORD{hint}")
    if status == 403:
        return (f"{endpoint} forbids writing graphs to this user (HTTP 403): grant it write "
                f"rights, or use the server's authenticated endpoint. Server said: {body}")
    if status in (404, 405, 501):
        return (f"{endpoint} is not a Graph Store Protocol endpoint that accepts PUT "
                f"(HTTP {status}); e.g. Virtuoso: /sparql-graph-crud-auth, Fuseki: /DATASET/data, "
                f"Oxigraph: /store. Server said: {body}")
    return f"{endpoint} answered HTTP {status}: {body}"


class _Pusher:
    """PUTs graphs to one endpoint, a requests session per thread, auth settled on first use."""

    def __init__(self, endpoint: str, creds: tuple[str, str] | None, scheme: str | None,
                 timeout: float) -> None:
        self.endpoint = endpoint
        self.creds = creds
        self.scheme = scheme  # None: not known yet; "none", "basic", "digest"
        self.timeout = timeout
        self._local = threading.local()

    def _session(self) -> Any:
        session = getattr(self._local, "session", None)
        if session is None:
            session = self._local.session = _requests().Session()
            if self.creds and self.scheme in ("basic", "digest"):
                session.auth = _make_auth(self.scheme, self.creds)
        return session

    def _put(self, session: Any, graph: str, body: bytes) -> Any:
        requests = _requests()
        try:
            return session.put(self.endpoint, params={"graph": graph}, data=body,
                               headers={"Content-Type": "text/turtle; charset=utf-8"},
                               timeout=self.timeout)
        except requests.exceptions.ConnectionError as err:
            raise PushError(f"cannot reach {self.endpoint}: is the server running? ({err})"
                            ) from err
        except requests.exceptions.Timeout as err:
            raise PushError(f"{self.endpoint} did not answer within {self.timeout} s") from err
        except requests.exceptions.RequestException as err:
            raise PushError(f"cannot push to {self.endpoint}: {err}") from err

    def first(self, graph: str, body: bytes) -> None:
        """Send the first graph, learning the auth scheme from the server's challenge."""
        session = self._session()
        resp = self._put(session, graph, body)
        if resp.status_code == 401 and self.creds and self.scheme is None:
            challenge = resp.headers.get("WWW-Authenticate", "").lower()
            self.scheme = "digest" if challenge.startswith("digest") else "basic"
            session.auth = _make_auth(self.scheme, self.creds)
            resp = self._put(session, graph, body)
        elif self.scheme is None:
            self.scheme = "basic" if self.creds else "none"
            if self.creds:  # the server did not ask; send them anyway, as asked
                session.auth = _make_auth(self.scheme, self.creds)
        self._check(resp)

    def send(self, graph: str, body: bytes) -> None:
        self._check(self._put(self._session(), graph, body))

    def _check(self, resp: Any) -> None:
        if resp.status_code >= 300:
            raise PushError(_explain(resp, self.endpoint, self.creds, self.scheme))


def push_graphs(
    graphs: dict[ox.NamedNode, list[ox.Triple]],
    endpoint: str,
    *,
    user: str | None = None,
    password: str | None = None,
    auth: str | None = None,
    jobs: int = 4,
    timeout: float = 120.0,
    progress: Callable[[int, int], None] | None = None,
) -> PushReport:
    """PUT each graph to ``endpoint`` (a Graph Store Protocol URL); returns what was sent.

    ``user``/``password`` default to ``KG_PUSH_USER``/``KG_PUSH_PASSWORD``; ``auth``
    (``"digest"``, ``"basic"``; default ``KG_PUSH_AUTH`` or what the server asks for).
    ``jobs`` requests run at once. Raises :class:`PushError` with the reason on failure.
    """
    if not endpoint.startswith(("http://", "https://")):
        raise PushError(f"the endpoint must be an http(s) URL, not {endpoint!r}")
    scheme = auth or os.environ.get("KG_PUSH_AUTH") or None
    if scheme not in (None, "digest", "basic"):
        raise PushError(f"KG_PUSH_AUTH must be digest or basic, not {scheme!r}")
    creds = _credentials(user, password)
    pusher = _Pusher(endpoint, creds, scheme if creds else "none", timeout)
    report = PushReport(endpoint=endpoint)
    t0 = time.perf_counter()
    items = list(graphs.items())
    done = 0

    def one(item: tuple[ox.NamedNode, list[ox.Triple]]) -> int:
        g, ts = item
        pusher.send(g.value, graph_turtle(ts))
        return len(ts)

    if items:
        g, ts = items[0]
        pusher.first(g.value, graph_turtle(ts))
        report.triples += len(ts)
        done = 1
        if progress:
            progress(done, len(items))
    with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        for n in pool.map(one, items[1:]):
            report.triples += n
            done += 1
            if progress:
                progress(done, len(items))
    report.graphs = len(items)
    report.graph_names = [g.value for g, _ in items]
    report.auth = pusher.scheme or "none"
    report.seconds = time.perf_counter() - t0
    return report


def _graph_file(target: str | Path) -> Path:
    target = Path(target)
    path = target / GRAPH_FILE if target.is_dir() else target
    if not path.is_file():
        raise PushError(f"{path}: no such file; build first with `kg build SOURCES --out "
                        f"{target}`")
    return path


def push(target: str | Path, endpoint: str, **kwargs: Any) -> PushReport:
    """Push a build folder (its ``graph.ttl``) or an RDF file to a Graph Store endpoint.

    Keyword arguments are those of :func:`push_graphs`.
    """
    path = _graph_file(target)
    fmt = ox.RdfFormat.from_extension(path.suffix.lstrip(".")) or ox.RdfFormat.TURTLE
    try:
        triples = parse_triples(path.read_bytes(), fmt)
    except SyntaxError as err:
        raise PushError(f"{path}: not valid RDF: {err}") from err
    return push_graphs(article_graphs(triples), endpoint, **kwargs)
