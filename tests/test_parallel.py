"""kg.parallel: same extractions, same order, same Turtle bytes, whatever runs them.

In-process, two worker processes, and a Dask ``LocalCluster`` of two worker processes all
give the same result on the demo corpus (``sources/``). Chunks are made small here so that
the demo's few dozen articles really are spread over several tasks.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

import kg.parallel as parallel
from kg.cli import main
from kg.model import Article
from kg.parallel import available_cores, map_extract
from kg.pipeline import read_articles
from kg.store import decode_extraction

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "sources"


@pytest.fixture(scope="module")
def demo_articles() -> list[Article]:
    articles = list(read_articles([SOURCES]))
    assert len(articles) >= 10
    return articles


@pytest.fixture
def small_chunks(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Chunks of 3 articles, and a record of every process pool started (its worker count)."""
    monkeypatch.setattr(parallel, "DEFAULT_CHUNKSIZE", 3)
    pools: list[int] = []
    real = parallel._map_local

    def counting(chunks, workers, ref, state_lines):  # noqa: ANN001, ANN202
        pools.append(workers)
        return real(chunks, workers, ref, state_lines)

    monkeypatch.setattr(parallel, "_map_local", counting)
    return pools


def test_two_workers_give_the_same_extractions_in_order(demo_articles: list[Article],
                                                        small_chunks: list[int]) -> None:
    alone = list(map_extract(demo_articles, workers=1))
    two = list(map_extract(demo_articles, workers=2))
    assert small_chunks == [2]  # the pool really ran
    assert [x.article.id for x in two] == [a.id for a in demo_articles]
    assert two == alone


def test_extractions_can_come_back_as_state_lines(demo_articles: list[Article],
                                                   small_chunks: list[int]) -> None:
    full = list(map_extract(demo_articles, workers=1))
    lines = list(map_extract(demo_articles, workers=2, state_lines=True))
    assert small_chunks == [2]
    bare = [decode_extraction(line) for line in lines]
    assert all(x.article.text == "" for x in bare)  # the text stays behind
    assert [replace(x, article=replace(x.article, text="")) for x in full] == bare


@pytest.mark.parametrize("chunksize", [1, 2, 7, 1000])
def test_any_chunk_size_keeps_order(demo_articles: list[Article], chunksize: int) -> None:
    got = map_extract(demo_articles[:12], workers=2, chunksize=chunksize)
    assert [x.article.id for x in got] == [a.id for a in demo_articles[:12]]


def test_articles_stream_through_a_bounded_window(demo_articles: list[Article]) -> None:
    pulled = 0

    def endless() -> Iterator[Article]:
        nonlocal pulled
        for a in itertools.cycle(demo_articles):
            pulled += 1
            yield a

    results = map_extract(endless(), workers=2, chunksize=2)
    first = list(itertools.islice(results, 5))
    results.close()
    assert len(first) == 5
    # at most (workers x 3) chunks in flight, plus the one being cut: never the whole input
    assert pulled <= 2 * (2 * 3 + 2)


def test_bad_arguments_are_refused() -> None:
    with pytest.raises(ValueError, match="workers"):
        list(map_extract([], workers=0))
    with pytest.raises(ValueError, match="chunksize"):
        list(map_extract([], chunksize=0))
    assert available_cores() >= 1


def test_cli_workers_1_and_2_give_byte_identical_turtle(tmp_path: Path,
                                                        small_chunks: list[int]) -> None:
    assert main(["build", str(SOURCES), "--out", str(tmp_path / "w1"), "--workers", "1",
                 "--no-progress"]) == 0
    assert main(["build", str(SOURCES), "--out", str(tmp_path / "w2"), "--workers", "2",
                 "--no-progress"]) == 0
    assert small_chunks == [2]
    one = (tmp_path / "w1" / "graph.ttl").read_bytes()
    assert one and one == (tmp_path / "w2" / "graph.ttl").read_bytes()


def test_cli_refuses_zero_workers(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    assert main(["build", str(SOURCES), "--out", str(tmp_path), "--workers", "0"]) == 2
    assert "--workers" in capsys.readouterr().err


def test_dask_local_cluster_gives_the_same_turtle(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    import distributed
    monkeypatch.setattr(parallel, "DEFAULT_CHUNKSIZE", 3)
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  host="127.0.0.1", dashboard_address=None) as cluster:
        assert main(["build", str(SOURCES), "--out", str(tmp_path / "dask"), "--dask",
                     cluster.scheduler_address, "--no-progress"]) == 0
        with distributed.Client(cluster) as client:
            ran = client.run(lambda: __import__("kg.parallel").parallel.__name__)
        assert len(ran) == 2
    assert main(["build", str(SOURCES), "--out", str(tmp_path / "local"), "--workers", "1",
                 "--no-progress"]) == 0
    assert ((tmp_path / "dask" / "graph.ttl").read_bytes()
            == (tmp_path / "local" / "graph.ttl").read_bytes())


def test_dask_unreachable_scheduler_is_a_clear_error(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch,
                                                     capsys: pytest.CaptureFixture) -> None:
    import socket

    monkeypatch.setattr(parallel, "DASK_CONNECT_TIMEOUT", 2.0)

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    status = main(["build", str(SOURCES), "--out", str(tmp_path), "--dask",
                   f"tcp://127.0.0.1:{port}", "--no-progress"])
    assert status == 2
    assert f"127.0.0.1:{port}" in capsys.readouterr().err


def test_docstring_examples_run() -> None:
    import doctest

    result = doctest.testmod(parallel, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0
