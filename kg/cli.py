"""The ``kg`` command: a thin shell over the library.

Each subcommand parses its arguments, calls one library function and prints the result.
To add one, write ``_add_NAME(sub)`` (its parser) and ``_run_NAME(args) -> int`` and list
``_add_NAME`` in ``COMMANDS``.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

__all__ = ["main"]


def _print_error(error: object) -> None:
    print(f"kg: {error}", file=sys.stderr)


def _add_reading_options(p: argparse.ArgumentParser, *, out_help: str) -> None:
    """The options of the commands that read pages into a build (build, add)."""
    p.add_argument("sources", nargs="+", help="files or folders of pages")
    p.add_argument("--out", required=True, help=out_help)
    p.add_argument("--max-bytes", type=int, default=None,
                   help="skip input files larger than this")
    p.add_argument("--no-progress", action="store_true", help="no progress bar")
    p.add_argument("--workers", type=int, default=None, metavar="N",
                   help="processes extracting articles (default: the available cores)")
    p.add_argument("--dask", default=None, metavar="ADDRESS",
                   help="run extraction on the Dask scheduler at ADDRESS (tcp://HOST:8786)")
    p.add_argument("--strict", action="store_true",
                   help="stop at the first unreadable input file; the build is left as it was")


# --- kg build ---------------------------------------------------------------------------------

def _add_build(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("build", help="build the graph of a folder of news pages",
                       description="Read news pages (files or folders) and write DIR/graph.ttl "
                                   "and DIR/graph.html.")
    _add_reading_options(p, out_help="output folder")
    p.set_defaults(run=_run_build)


def _bad_workers(args: argparse.Namespace) -> bool:
    """Whether --workers is below 1 (said on stderr)."""
    if args.workers is not None and args.workers < 1:
        _print_error(f"--workers must be at least 1, not {args.workers}")
        return True
    return False


def _run_build(args: argparse.Namespace) -> int:
    from .pipeline import build

    if _bad_workers(args):
        return 2
    report = build(args.sources, args.out, progress=not args.no_progress,
                   on_error=_print_error, max_bytes=args.max_bytes, workers=args.workers,
                   dask=args.dask, strict=args.strict)
    print(report.summary())
    return 1 if report.errors else 0


# --- kg query ---------------------------------------------------------------------------------

def _add_query(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("query", help="run a SPARQL query over a build",
                       description="Run a SPARQL query over a build folder or an RDF file.")
    p.add_argument("target", help="a build folder (its store) or an RDF file")
    p.add_argument("query", nargs="?", help="the SPARQL query text")
    p.add_argument("--file", help="read the query from this file")
    p.add_argument("--name", help="run a named query from queries/ (e.g. meetings-of)")
    p.add_argument("--param", action="append", default=[], metavar="NAME=VALUE",
                   help="bind ?NAME to VALUE, as an RDF term (plain text is a string; "
                        "<iri>, dipr:..., \"text\"@zh also work); repeatable")
    p.add_argument("--format", choices=["table", "csv", "tsv", "json", "xml"],
                   default="table", help="output format (default: table)")
    p.add_argument("--timeout", type=float, default=None, metavar="SECONDS",
                   help="give up after this many seconds")
    p.add_argument("--limit", type=int, default=None, help="print at most this many rows")
    p.add_argument("--update", action="store_true",
                   help="allow a SPARQL update (it changes the build or file)")
    p.set_defaults(run=_run_query)


def _run_query(args: argparse.Namespace) -> int:
    from .query import format_result, run_named, run_query

    if sum(map(bool, (args.query, args.file, args.name))) != 1:
        _print_error("give one query: inline, with --file or with --name")
        return 2
    if args.name:
        result = run_named(args.target, args.name, params=args.param, timeout=args.timeout,
                           limit=args.limit)
    else:
        text = args.query
        if args.file:
            with open(args.file, encoding="utf-8") as fh:
                text = fh.read()
        result = run_query(args.target, text, params=args.param, timeout=args.timeout,
                           limit=args.limit, update=args.update)
    sys.stdout.write(format_result(result, args.format).rstrip("\n") + "\n")
    return 0


# --- kg add -----------------------------------------------------------------------------------

def _add_add(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("add", help="add news pages to an existing build",
                       description="Merge new pages into the build DIR: re-resolve persons and "
                                   "events over old and new pages, and refresh the store, "
                                   "graph.ttl and graph.html in one transaction. Pages "
                                   "already added (same content) change nothing.")
    _add_reading_options(p, out_help="the build folder")
    p.set_defaults(run=_run_add)


def _run_add(args: argparse.Namespace) -> int:
    from .pipeline import add

    if _bad_workers(args):
        return 2
    report = add(args.sources, args.out, progress=not args.no_progress,
                 on_error=_print_error, max_bytes=args.max_bytes, strict=args.strict,
                 workers=args.workers, dask=args.dask)
    print(report.summary())
    return 1 if report.errors else 0


# --- kg serve ---------------------------------------------------------------------------------

def _add_serve(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("serve", help="serve a build as a read-only SPARQL endpoint",
                       description="Answer SPARQL 1.1 Protocol queries (GET and POST) at "
                                   "http://127.0.0.1:PORT/sparql; updates are refused.")
    p.add_argument("target", help="a build folder or an RDF file")
    p.add_argument("--port", type=int, default=7878, help="port (default 7878; 0: any free)")
    p.add_argument("--timeout", type=float, default=30.0, metavar="SECONDS",
                   help="time limit of one query (default 30)")
    p.add_argument("--limit", type=int, default=10_000,
                   help="most rows one answer holds (default 10000)")
    p.set_defaults(run=_run_serve)


def _run_serve(args: argparse.Namespace) -> int:
    from .serve import serve

    serve(args.target, port=args.port, timeout=args.timeout, limit=args.limit,
          ready=lambda server: print(f"kg: SPARQL endpoint at {server.url} "
                                     f"(Ctrl-C to stop)", flush=True))
    return 0


# --- kg export --------------------------------------------------------------------------------

def _add_export(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("export", help="export a build for other tools",
                       description="Write the graph as Turtle, TriG or N-Quads (one named "
                                   "graph per article), JSON-LD, the who-met-whom network as "
                                   "GraphML or GEXF, or meetings and visits as CSV.")
    p.add_argument("target", help="a build folder or an RDF file")
    p.add_argument("--format", required=True,
                   choices=["turtle", "trig", "nquads", "jsonld", "graphml", "gexf", "csv"])
    p.add_argument("--out", default=None,
                   help="output file (csv: folder); default DIR/export/")
    p.set_defaults(run=_run_export)


def _run_export(args: argparse.Namespace) -> int:
    from .export import export

    for path in export(args.target, args.format, args.out):
        print(f"wrote {path}")
    return 0


# --- kg validate ------------------------------------------------------------------------------

def _add_validate(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("validate", help="check a build against the SHACL shapes",
                       description="Validate a build folder or RDF file against "
                                   "ontology/shapes.ttl (pyshacl); exit 1 on a violation.")
    p.add_argument("target", help="a build folder or an RDF file")
    p.add_argument("--shapes", default=None, help="another shapes file")
    p.add_argument("--max-problems", type=int, default=50, help="most problems printed")
    p.set_defaults(run=_run_validate)


def _run_validate(args: argparse.Namespace) -> int:
    from .validate import validate

    report = validate(args.target, args.shapes)
    print(report.summary(limit=args.max_problems))
    return 0 if report.conforms else 1


# --- kg eval ----------------------------------------------------------------------------------

def _add_eval(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("eval", help="build pages and score the graph against gold annotations",
                       description="Build the graph of SOURCES and score its persons, meetings "
                                   "and visits against a gold file written with GUIDELINE.md.")
    p.add_argument("sources", nargs="+", help="files or folders of pages")
    p.add_argument("--gold", required=True, help="the gold annotations (JSON Lines)")
    p.add_argument("--out", default=None,
                   help="keep the build in this folder (default: a temporary one)")
    p.add_argument("--details", action="store_true",
                   help="list every false positive and negative with its sentence")
    p.add_argument("--json", action="store_true", help="print the figures as JSON")
    p.add_argument("--no-progress", action="store_true", help="no progress bar")
    p.set_defaults(run=_run_eval)


def _run_eval(args: argparse.Namespace) -> int:
    import json

    from .evaluate import evaluate, format_details, format_scores

    report = evaluate(args.sources, args.gold, out=args.out, progress=not args.no_progress,
                      on_error=_print_error)
    for name in report.gold_files_not_read:
        _print_error(f"warning: {args.gold} names {name}, which is not among the pages read")
    if args.json:
        print(json.dumps(report.to_dict(details=args.details), ensure_ascii=False, indent=1))
    else:
        if args.details:
            print(format_details(report.scores))
        print(format_scores(report.scores))
    return 1 if report.errors else 0


# --- kg push ----------------------------------------------------------------------------------

def _add_push(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "push", help="load a build into a SPARQL Graph Store server",
        description="PUT the graph of a build into a SPARQL 1.1 Graph Store Protocol endpoint, "
                    "one named graph per article. Credentials come from KG_PUSH_USER and "
                    "KG_PUSH_PASSWORD (digest or basic auth, as the server asks; force one "
                    "with KG_PUSH_AUTH=digest|basic).")
    p.add_argument("target", help="a build folder (holding graph.ttl) or an RDF file")
    p.add_argument("--endpoint", required=True,
                   help="Graph Store URL, e.g. http://HOST:8890/sparql-graph-crud-auth "
                        "(Virtuoso), http://HOST:3030/DS/data (Fuseki)")
    p.add_argument("--jobs", type=int, default=4, help="requests at once (default 4)")
    p.add_argument("--timeout", type=float, default=120.0,
                   help="seconds to wait for each answer (default 120)")
    p.set_defaults(run=_run_push)


def _run_push(args: argparse.Namespace) -> int:
    from .push import PushError, push

    try:
        report = push(args.target, args.endpoint, jobs=args.jobs, timeout=args.timeout)
    except PushError as err:
        _print_error(err)
        return 1
    print(report.summary())
    return 0


# --- kg viz -----------------------------------------------------------------------------------

def _add_viz(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("viz", help="draw who met whom: an offline HTML explorer, PNG or SVG",
                       description="Write the who-met-whom explorer (one self-contained HTML "
                                   "page) or a static PNG/SVG picture of a build or RDF file.")
    p.add_argument("target", help="a build folder (holding graph.ttl) or an RDF file")
    p.add_argument("--out", required=True, help="the file to write (.html, .png or .svg)")
    p.add_argument("--format", choices=["html", "png", "svg"], default=None,
                   help="output format (default: from the --out suffix, else html)")
    p.add_argument("--person", help="show this person (any name or alias) and their neighbours")
    p.add_argument("--hops", type=int, default=1, help="neighbours this many meetings away")
    p.add_argument("--country", action="append", default=[],
                   help="meetings with a participant of this country (ISO code or name); "
                        "repeat for several")
    p.add_argument("--from", dest="date_from", help="meetings on or after YYYY[-MM[-DD]]")
    p.add_argument("--to", dest="date_to", help="meetings on or before YYYY[-MM[-DD]]")
    p.add_argument("--min-meetings", type=int, default=0,
                   help="persons with at least this many meetings")
    p.add_argument("--visits", action="store_true",
                   help="show visits as person-to-country edges from the start")
    p.add_argument("--title", help="the page's or picture's title")
    p.set_defaults(run=_run_viz)


def _run_viz(args: argparse.Namespace) -> int:
    from .viz import Focus, write_html, write_image

    focus = Focus(person=args.person, hops=args.hops, countries=tuple(args.country),
                  date_from=args.date_from, date_to=args.date_to,
                  min_meetings=args.min_meetings)
    fmt = args.format or {".png": "png", ".svg": "svg"}.get(
        args.out[-4:].lower(), "html")
    try:
        if fmt == "html":
            out = write_html(args.target, args.out, focus=focus, title=args.title,
                             show_visits=args.visits)
        else:
            out = write_image(args.target, args.out, focus=focus, format=fmt,
                              title=args.title)
    except RuntimeError as err:  # no CJK font for a picture
        _print_error(err)
        return 2
    print(f"wrote {out}")
    return 0


COMMANDS = [_add_build, _add_query, _add_eval, _add_push, _add_add, _add_serve, _add_export,
            _add_validate, _add_viz]


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``kg`` with ``argv`` (default: the command line); returns the exit status."""
    parser = argparse.ArgumentParser(
        prog="kg", description="Build and query a knowledge graph of diplomatic news.")
    sub = parser.add_subparsers(dest="command", required=True)
    for add in COMMANDS:
        add(sub)
    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except KeyboardInterrupt:
        _print_error("interrupted; outputs already written are intact")
        return 130
    except (OSError, ValueError) as err:
        _print_error(err)
        return 2


if __name__ == "__main__":
    sys.exit(main())
