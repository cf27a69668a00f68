"""kg.store and kg add: the Oxigraph store of a build, its state, transactions, incremental adds.

The demo corpus is built once per session (``demo_build`` in conftest.py); tests that change a
build work on a copy.
"""

from __future__ import annotations

import dataclasses
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

from kg import store as kgstore
from kg.cli import main
from kg.model import Article, Event, Evidence, Extraction, Mention, Page
from kg.pipeline import add, build
from kg.query import run_query

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "sources"
MINI = ROOT / "tests" / "data" / "mini.ttl"
SEED1 = SOURCES / "000_07f46a5e7c02f47f.txt"
SEED2 = SOURCES / "002_6b6760b802839743.txt"


def _copy(build_dir: Path, tmp_path: Path) -> Path:
    dest = tmp_path / "build"
    shutil.copytree(build_dir, dest)
    return dest


def _count(target: Path) -> int:
    result = run_query(target, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    return int(result.rows[0][0].value)


# --- the store of a build -------------------------------------------------------------------------

def test_build_writes_a_store_holding_exactly_graph_ttl(demo_build: Path) -> None:
    assert kgstore.store_path(demo_build).is_dir()
    assert (demo_build / kgstore.STATE_FILE).is_file()
    store = kgstore.open_store(demo_build)
    from_store = Graph()
    for t in kgstore.store_triples(store):
        from_store.add(t)
    from_file = Graph().parse(demo_build / "graph.ttl", format="turtle")
    assert len(from_store) == len(from_file) > 1000
    assert isomorphic(from_store, from_file)


def test_a_builds_triple_count_is_what_the_store_and_graph_ttl_hold(tmp_path: Path) -> None:
    """The report counts the triples written, not the store's (counting it scans it)."""
    report = build([ROOT / "tests" / "data" / "heldout"], tmp_path, progress=False,
                   validate=False)
    n_file = len(Graph().parse(tmp_path / "graph.ttl", format="turtle"))
    assert report.counts["triples"] == kgstore.count(tmp_path) == n_file > 1000


def test_store_opens_read_only_twice_at_once(demo_build: Path) -> None:
    a = kgstore.open_store(demo_build)
    b = kgstore.open_store(demo_build)
    assert len(a) == len(b)


def test_open_store_of_a_folder_without_one_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "graph.ttl").write_text("", encoding="utf-8")
    with pytest.raises(kgstore.StoreError, match="no store"):
        kgstore.open_store(tmp_path)


@pytest.mark.parametrize("name, fmt", [
    ("g.ttl", "Turtle"), ("g.nt", "N-Triples"), ("g.nq", "N-Quads"), ("g.trig", "TriG"),
    ("g.jsonld", "JSON-LD"), ("g.rdf", "RDF/XML"),
])
def test_rdf_format_from_extension(name: str, fmt: str) -> None:
    assert kgstore.rdf_format(name).name == fmt


def test_unknown_extension_and_bad_file_are_clear_errors(tmp_path: Path) -> None:
    with pytest.raises(kgstore.StoreError, match="unknown RDF file extension"):
        kgstore.rdf_format("graph.docx")
    bad = tmp_path / "bad.ttl"
    bad.write_text("<a> <b> .", encoding="utf-8")
    with pytest.raises(kgstore.StoreError, match="bad.ttl"):
        kgstore.load_file(bad)


# --- the build state ------------------------------------------------------------------------------

def test_state_round_trips_extractions(tmp_path: Path) -> None:
    text = "2025年9月1日,越共中央总书记苏林在河内会见了柬埔寨人民党主席洪森。"
    art = Article(id="a1", source_file="p.txt", index=0, title="苏林会见洪森", text=text,
                  start=0, end=len(text), date="2025-09-01")
    ext = Extraction(
        article=art,
        mentions=(Mention("a1", 18, 20, "苏林", "person", "苏林", titles=("总书记",),
                          country="VN"),),
        events=(Event("meeting", participants=("洪森", "苏林"), start="2025-09-01",
                      articles=("a1",), evidence=(Evidence("a1", 0, len(text), text),)),),
    )
    page = Page(path="p.txt", text=text, sha1="abc")
    state = kgstore.BuildState().merged([page], [ext])
    kgstore.write_state(state, tmp_path / kgstore.STATE_FILE)
    back = kgstore.read_state(tmp_path)
    assert back.pages == {"abc": "p.txt"}
    assert back.extractions == {"a1": ext}
    assert back.knows(page) and not back.knows(Page(path="p.txt", text=text + "。", sha1="x"))


def test_state_of_an_empty_folder_is_empty_and_of_an_old_build_an_error(tmp_path: Path) -> None:
    assert kgstore.read_state(tmp_path / "new").pages == {}
    (tmp_path / "graph.ttl").write_text("", encoding="utf-8")
    with pytest.raises(kgstore.StoreError, match="kg build again"):
        kgstore.read_state(tmp_path)


def test_a_damaged_state_line_names_file_and_line(tmp_path: Path) -> None:
    (tmp_path / kgstore.STATE_FILE).write_text('{"kg-state": 1}\n{"page": 3}\n',
                                                encoding="utf-8")
    with pytest.raises(kgstore.StoreError, match=r"state.jsonl:2"):
        kgstore.read_state(tmp_path)
    good = kgstore.encode_extraction(Extraction(Article("a1", "p.txt", 0, "t", "", 0, 0)))
    (tmp_path / kgstore.STATE_FILE).write_text(
        f'{{"kg-state": 2}}\n{good}\n{{"extraction": [["a1"], [], []]}}\n', encoding="utf-8")
    with pytest.raises(kgstore.StoreError, match=r"state.jsonl:3: unreadable"):
        kgstore.read_state(tmp_path)


def _distinct_values(cls: type, seed: int) -> object:
    """A ``cls`` record whose every field holds a value no other field (nor the default) has,
    so a field written to or read from the wrong place breaks the round trip."""
    values: dict[str, object] = {}
    for n, f in enumerate(dataclasses.fields(cls)):
        hint = str(f.type)
        if hint == "int":
            values[f.name] = seed * 100 + n
        elif hint == "bool":
            values[f.name] = True
        elif hint == "tuple[str, ...]":
            values[f.name] = (f"{f.name}{seed}", "", f"第{n}")
        elif hint == "tuple[Evidence, ...]":
            values[f.name] = (_distinct_values(Evidence, seed + 1), Evidence("", 0, 0, ""))
        else:
            values[f.name] = f"{f.name}·{seed}\"\\\n"
    return cls(**values)


def test_state_lines_round_trip_every_field_exactly() -> None:
    art = _distinct_values(Article, 1)
    assert isinstance(art, Article)
    own = dataclasses.replace(_distinct_values(Mention, 2), article_id=art.id)
    ext = Extraction(
        article=art,
        mentions=(own, _distinct_values(Mention, 3), Mention(art.id, 0, 0, "", "", "")),
        events=(_distinct_values(Event, 4), Event("")),
    )
    line = kgstore.encode_extraction(ext)
    assert "\n" not in line
    back = kgstore.decode_extraction(line)
    assert back == ext
    assert type(back.mentions[0].titles) is tuple and type(back.events[0].evidence) is tuple
    empty = Extraction(dataclasses.replace(art, text=""))
    assert kgstore.decode_extraction(kgstore.encode_extraction(empty)) == empty


def test_state_lines_are_the_json_of_the_rows() -> None:
    """encode_extraction writes mention rows by hand (and reuses the JSON of names it has met):
    the line must be exactly what json makes of the version 2 rows."""
    art = _distinct_values(Article, 1)
    assert isinstance(art, Article)
    own = dataclasses.replace(_distinct_values(Mention, 2), article_id=art.id)
    other = _distinct_values(Mention, 3)
    assert isinstance(other, Mention)
    ext = Extraction(art, (own, other, own, Mention(art.id, 0, 0, "", "", "")),
                     (_distinct_values(Event, 4), Event("")))

    def row(record: object, skip: str = "") -> list[object]:
        values = [getattr(record, f.name) for f in dataclasses.fields(record)  # type: ignore
                  if f.name != skip]
        return [[row(x) if dataclasses.is_dataclass(x) else x for x in v]
                if isinstance(v, tuple) else v for v in values]

    mentions = [row(m, skip="article_id") if m.article_id == art.id else row(m)
                for m in ext.mentions]
    expected = json.dumps({"extraction": [row(art), mentions, [row(e) for e in ext.events]]},
                          ensure_ascii=False, separators=(",", ":"))
    for _ in range(2):  # names met before come from the cache
        assert kgstore.encode_extraction(ext) == expected


def test_decoded_mentions_skip_no_post_init() -> None:
    """decode_extraction sets a Mention's slots without calling its __init__."""
    assert not hasattr(Mention, "__post_init__")
    assert Mention.__slots__ == tuple(f.name for f in dataclasses.fields(Mention))


def test_state_writer_streams_lines_read_state_reads_back(tmp_path: Path) -> None:
    exts = [Extraction(Article(f"a{i}", "p.txt", i, "t", "", 0, 1)) for i in range(3)]
    with kgstore.StateWriter(tmp_path / kgstore.STATE_FILE) as writer:
        writer.page("abc", "p.txt")
        for ext in exts:
            writer.extraction_line(kgstore.encode_extraction(ext))
        writer.extraction(exts[0])  # an article read again replaces its extraction in place
    state = kgstore.read_state(tmp_path)
    assert state.pages == {"abc": "p.txt"}
    assert list(state.extractions.values()) == exts


# A state file written by kg before state version 2 (records as JSON objects).
V1_STATE = """\
{"kg-state": 1}
{"page": {"sha1": "abc", "path": "p.txt"}}
{"extraction": {"article": {"id": "a1", \
"source_file": "p.txt", "index": 0, "title": "苏林会见洪森", \
"text": "苏林会见洪森。", "start": 0, "end": 7, \
"date": "2025-09-01", "url": "", "outlet": "", \
"script": "simplified"}, "mentions": [{"article_id": "a1", \
"start": 0, "end": 2, "text": "苏林", "kind": "person", \
"key": "苏林", "latin": "", "titles": ["总书记"], \
"country": "VN"}], "events": [{"kind": "meeting", \
"participants": ["洪森", "苏林"], "visitor": "", \
"destination": "", "inviter": "", "start": "2025-09-01", \
"end": "", "visit_kind": "", "place": "", "planned": false, \
"articles": ["a1"], "evidence": [{"article_id": "a1", \
"start": 0, "end": 7, "text": "苏林会见洪森。"}], "key": ""}]}}
"""


def test_a_version_1_state_is_still_read(tmp_path: Path) -> None:
    (tmp_path / kgstore.STATE_FILE).write_text(V1_STATE, encoding="utf-8")
    state = kgstore.read_state(tmp_path)
    text = "苏林会见洪森。"
    art = Article(id="a1", source_file="p.txt", index=0, title="苏林会见洪森", text=text,
                  start=0, end=7, date="2025-09-01")
    assert state.pages == {"abc": "p.txt"}
    assert state.extractions == {"a1": Extraction(
        art, (Mention("a1", 0, 2, "苏林", "person", "苏林", titles=("总书记",), country="VN"),),
        (Event("meeting", participants=("洪森", "苏林"), start="2025-09-01", articles=("a1",),
               evidence=(Evidence("a1", 0, 7, text),)),))}
    kgstore.write_state(state, tmp_path / kgstore.STATE_FILE)  # rewritten as the new version
    assert (tmp_path / kgstore.STATE_FILE).read_text(encoding="utf-8").startswith(
        '{"kg-state": 2}')
    assert kgstore.read_state(tmp_path).extractions == state.extractions


def test_a_state_from_a_newer_kg_is_refused(tmp_path: Path) -> None:
    (tmp_path / kgstore.STATE_FILE).write_text('{"kg-state": 99}\n', encoding="utf-8")
    with pytest.raises(kgstore.StoreError, match="newer kg"):
        kgstore.read_state(tmp_path)


# --- transactions ---------------------------------------------------------------------------------

def test_transaction_commits_everything_or_nothing(tmp_path: Path) -> None:
    out = tmp_path / "b"
    with kgstore.Transaction(out) as txn:
        shutil.copy(MINI, txn.path("graph.ttl"))
        assert txn.load_store(txn.path("graph.ttl")) == 179
        txn.commit()
    assert kgstore.count(out) == 179
    before = (out / "graph.ttl").read_bytes()
    with pytest.raises(RuntimeError), kgstore.Transaction(out) as txn:
        txn.path("graph.ttl").write_text("", encoding="utf-8")
        raise RuntimeError("killed midway")
    assert (out / "graph.ttl").read_bytes() == before
    assert kgstore.count(out) == 179
    assert not (out / kgstore.STAGING).exists()


def test_a_change_interrupted_after_its_commit_point_is_rolled_forward(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "b"
    with kgstore.Transaction(out) as txn:
        shutil.copy(MINI, txn.path("graph.ttl"))
        txn.load_store(txn.path("graph.ttl"))
        txn.commit()
    real_apply = kgstore._apply

    def crash(_out: Path) -> None:
        raise KeyboardInterrupt  # the process dies right after writing COMMIT

    monkeypatch.setattr(kgstore, "_apply", crash)
    small = tmp_path / "small.ttl"
    small.write_text('<https://w3id.org/dipkg/resource/person/苏林> '
                     '<http://www.w3.org/2000/01/rdf-schema#label> "苏林"@zh .\n',
                     encoding="utf-8")
    with pytest.raises(KeyboardInterrupt), kgstore.Transaction(out) as txn:
        shutil.copy(small, txn.path("graph.ttl"))
        txn.load_store(small)
        txn.commit()
    assert (out / kgstore.STAGING / kgstore.COMMIT_FILE).is_file()
    monkeypatch.setattr(kgstore, "_apply", real_apply)
    assert kgstore.count(out) == 1  # the reader finishes the committed change first
    assert (out / "graph.ttl").read_bytes() == small.read_bytes()
    assert not (out / kgstore.STAGING).exists()


# --- kg add ---------------------------------------------------------------------------------------

def test_adding_pages_already_added_changes_nothing(seeds_build: Path, tmp_path: Path) -> None:
    out = _copy(seeds_build, tmp_path)
    before = (out / "graph.ttl").read_bytes()
    n = _count(out)
    report = add([SEED1, SEED2], out, progress=False)
    assert report.counts["pages_added"] == 0 and report.counts["pages_known"] == 2
    assert "nothing new" in report.summary()
    assert _count(out) == n
    assert (out / "graph.ttl").read_bytes() == before


def test_add_equals_a_build_of_all_pages(tmp_path: Path) -> None:
    one = tmp_path / "one"
    build([SEED1], one, progress=False, validate=False)
    before = _count(one)
    report = add([SEED1, SEED2], one, progress=False)
    assert report.counts["pages_added"] == 1 and report.counts["pages_known"] == 1
    both = tmp_path / "both"
    build([SEED1, SEED2], both, progress=False, validate=False)
    assert (one / "graph.ttl").read_bytes() == (both / "graph.ttl").read_bytes()
    assert _count(one) == _count(both) > before
    # graph.html is refreshed too
    assert (one / "graph.html").read_bytes() == (both / "graph.html").read_bytes()


def test_a_new_page_reporting_a_known_event_adds_its_source(tmp_path: Path) -> None:
    """苏林's state visit to Laos is told in both seed pages: one node, reported by both."""
    out = tmp_path / "b"
    build([SEED1], out, progress=False, validate=False)
    q = """SELECT ?visit (COUNT(DISTINCT ?file) AS ?files) WHERE {
             ?visit a dip:Visit ; dip:visitor ?p ;
                    dip:destination <https://w3id.org/dipkg/resource/country/LA> ;
                    dip:reportedIn/dip:sourceFile ?file .
             ?p rdfs:label "苏林"@zh } GROUP BY ?visit"""
    first = run_query(out, q)
    assert len(first.rows) == 1 and first.rows[0][1].value == "1"
    add([SEED2], out, progress=False)
    after = run_query(out, q)
    assert len(after.rows) == 1, "the visit must stay one node"
    # (its IRI may change: the second page gives the year, and the event key holds the date)
    assert after.rows[0][1].value == "2"
    persons = run_query(out, 'SELECT ?p WHERE { ?p a dip:Person ; rdfs:label "苏林"@zh }')
    assert len(persons.rows) == 1


def test_kg_add_cli_on_a_new_folder_builds_it(tmp_path: Path,
                                            capsys: pytest.CaptureFixture) -> None:
    out = tmp_path / "new"
    assert main(["add", str(SEED1), "--out", str(out), "--no-progress"]) == 0
    assert "added 1 new page(s)" in capsys.readouterr().out
    assert kgstore.count(out) > 100


def _kg(*args: str) -> subprocess.Popen:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.Popen([sys.executable, "-m", "kg", *args], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            start_new_session=True)  # its own group: kill workers with it


def _wait_for(condition, proc: subprocess.Popen, what: str, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if proc.poll() is not None:
            raise AssertionError(f"kg add ended before {what}: "
                                 + (proc.stderr.read().decode() if proc.stderr else ""))
        assert time.monotonic() < deadline, f"no {what} after {seconds} s"
        time.sleep(0.002)


@pytest.mark.parametrize("when", ["while extracting", "while writing the new store"])
def test_an_add_killed_midway_leaves_the_build_intact(seeds_build: Path, tmp_path: Path,
                                                    when: str) -> None:
    import psutil

    out = _copy(seeds_build, tmp_path)
    ttl, state = (out / "graph.ttl").read_bytes(), (out / "state.jsonl").read_bytes()
    n = _count(out)
    staging = out / kgstore.STAGING
    if when == "while extracting":
        # 200 realistic pages: extraction runs in worker processes for several seconds
        corpus = tmp_path / "corpus"
        subprocess.run([sys.executable, str(ROOT.parent / "shared" / "bench" / "make_corpus.py"),
                        "200", str(corpus)], check=True, stdout=subprocess.DEVNULL)
        proc = _kg("add", str(corpus), "--out", str(out), "--no-progress")
        parent = psutil.Process(proc.pid)
        _wait_for(lambda: parent.children(recursive=True), proc, "extraction workers")
        time.sleep(0.5)
        assert not (staging / kgstore.COMMIT_FILE).exists()  # the new state is half-written
    else:
        proc = _kg("add", str(SOURCES), "--out", str(out), "--no-progress")
        # the transaction has begun: the new graph and store are being written
        _wait_for(staging.exists, proc, "staging folder")
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    assert not (staging / kgstore.COMMIT_FILE).exists()
    assert (out / "graph.ttl").read_bytes() == ttl
    assert (out / "state.jsonl").read_bytes() == state
    assert _count(out) == n
    # the next add throws the half-made staging folder away and works
    report = add([SOURCES], out, progress=False, validate=False)
    assert report.counts["pages_added"] == 22
    assert not staging.exists()
    assert _count(out) > n


def test_store_reads_a_file_in_every_rdf_syntax(tmp_path: Path) -> None:
    store = kgstore.load_file(MINI)
    for fmt, ext in ((ox.RdfFormat.N_TRIPLES, ".nt"), (ox.RdfFormat.RDF_XML, ".rdf")):
        path = tmp_path / ("g" + ext)
        path.write_bytes(ox.serialize([q.triple for q in store], format=fmt))
        assert len(kgstore.load_file(path)) == len(store) == 179


def test_the_store_is_loaded_by_pieces_and_holds_every_triple(seeds_build: Path,
                                                            tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch
                                                            ) -> None:
    graph = seeds_build / "graph.ttl"
    pieces = list(kgstore._turtle_pieces(graph, size=2_000))
    assert len(pieces) > 5
    assert all(p.startswith(b"@prefix") for p in pieces)
    monkeypatch.setattr(kgstore, "LOAD_PIECE_BYTES", 2_000)
    whole = kgstore.load_file(graph)
    with kgstore.Transaction(tmp_path) as txn:
        assert txn.load_store(graph) == len(whole)
        assert set(ox.Store(str(txn.path(kgstore.STORE_DIR)))) == set(whole)


def test_turtle_with_blank_nodes_is_loaded_whole(tmp_path: Path) -> None:
    path = tmp_path / "b.ttl"
    path.write_text("@prefix ex: <http://ex.org/> .\nex:a ex:p _:x .\n_:x ex:q ex:b .\n",
                    encoding="utf-8")
    assert len(list(kgstore._turtle_pieces(path, size=1))) == 1
