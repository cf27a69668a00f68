"""The ``kg`` command end to end, as a user runs it: a real process, real files, real output."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from conftest import SEEDS
from rdflib import Graph
from rdflib.compare import isomorphic

BAD = Path(__file__).parent / "data" / "bad"


def kg(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """Run ``python -m kg ARGS`` and capture what it prints."""
    return subprocess.run([sys.executable, "-m", "kg", *args], capture_output=True,
                          text=True, encoding="utf-8", cwd=cwd, timeout=300)


@pytest.fixture(scope="module")
def seeds_cli_build(tmp_path_factory) -> tuple[Path, subprocess.CompletedProcess]:
    out = tmp_path_factory.mktemp("cli-seeds")
    return out, kg("build", *map(str, SEEDS), "--out", str(out), "--no-progress")


def test_build_prints_a_summary_and_writes_the_outputs(seeds_cli_build):
    out, run = seeds_cli_build
    assert run.returncode == 0, run.stderr
    for word in ("articles", "persons", "countries", "meetings", "visits"):
        assert word in run.stdout
    assert (out / "graph.ttl").stat().st_size > 0
    assert "苏林" in (out / "graph.html").read_text(encoding="utf-8")


def test_rebuilding_gives_byte_identical_turtle(seeds_cli_build, tmp_path):
    out, _ = seeds_cli_build
    again = kg("build", *map(str, SEEDS), "--out", str(tmp_path), "--no-progress")
    assert again.returncode == 0, again.stderr
    assert (tmp_path / "graph.ttl").read_bytes() == (out / "graph.ttl").read_bytes()


def test_query_inline_and_from_a_file(seeds_cli_build, tmp_path):
    out, _ = seeds_cli_build
    query = ('PREFIX dip: <https://w3id.org/dipkg/ontology#> '
             'PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> '
             'SELECT ?name WHERE { ?v a dip:Visit ; dip:visitor/rdfs:label ?name }')
    inline = kg("query", str(out), query)
    assert inline.returncode == 0, inline.stderr
    assert "潘文江" in inline.stdout and "苏林" in inline.stdout
    qfile = tmp_path / "q.rq"
    qfile.write_text(query, encoding="utf-8")
    from_file = kg("query", str(out / "graph.ttl"), "--file", str(qfile))
    assert from_file.returncode == 0, from_file.stderr
    assert set(from_file.stdout.split()) == set(inline.stdout.split())


def test_named_query_with_a_parameter(seeds_cli_build):
    out, _ = seeds_cli_build
    run = kg("query", str(out), "--name", "meetings-of", "--param", "person=苏林")
    assert run.returncode == 0, run.stderr
    assert "通伦·西苏里" in run.stdout and "洪森" in run.stdout


def test_a_malformed_query_is_a_clear_error(seeds_cli_build):
    out, _ = seeds_cli_build
    run = kg("query", str(out), "SELECT ?x WHERE { ?x ?y }")
    assert run.returncode != 0
    assert run.stderr.startswith("kg: ") and "Traceback" not in run.stderr


def test_bad_files_are_reported_and_the_good_ones_built(tmp_path):
    run = kg("build", str(BAD), "--out", str(tmp_path), "--no-progress")
    assert run.returncode == 1  # some inputs were skipped
    lines = [line for line in run.stderr.splitlines() if line.startswith("kg: ")]
    expected = {"empty.txt": "empty", "binary.txt": "binary", "undecodable.txt": "decoded",
                "no_text.html": "HTML", "lines.jsonl#2": "JSON"}
    for name, problem in expected.items():
        assert any(name in line and problem in line for line in lines), (name, lines)
    assert "skipped 11 input file(s)" in run.stdout
    g = Graph().parse(tmp_path / "graph.ttl")
    files = {str(f) for f in g.objects(None, None) if str(f).endswith((".txt", ".html"))}
    assert {"gbk.txt", "big5.txt", "utf16.txt", "crlf.txt"} <= files
    assert "Traceback" not in run.stderr


def test_strict_stops_at_the_first_bad_file_and_keeps_the_old_build(seeds_cli_build, tmp_path):
    out, _ = seeds_cli_build
    build = tmp_path / "build"
    first = kg("build", *map(str, SEEDS), "--out", str(build), "--no-progress")
    assert first.returncode == 0, first.stderr
    before = (build / "graph.ttl").read_bytes()
    run = kg("build", str(BAD), "--out", str(build), "--no-progress", "--strict")
    assert run.returncode == 2
    assert run.stderr.count("kg: ") == 1 and "--strict" in run.stderr
    assert (build / "graph.ttl").read_bytes() == before


def test_a_missing_source_folder_names_it(tmp_path):
    run = kg("build", str(tmp_path / "nowhere"), "--out", str(tmp_path / "o"), "--no-progress")
    assert run.returncode != 0
    assert "nowhere" in run.stderr and "Traceback" not in run.stderr


def test_build_through_the_library_matches_the_cli(seeds_cli_build, seeds_build):
    out, _ = seeds_cli_build
    assert isomorphic(Graph().parse(out / "graph.ttl"), Graph().parse(seeds_build / "graph.ttl"))
