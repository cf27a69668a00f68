"""Atomic writes: nothing is ever half-written, and a failure leaves the old output."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from kg.io import atomic_path, atomic_write_bytes, atomic_write_text


def test_write_text_and_overwrite(tmp_path: Path):
    target = tmp_path / "graph.ttl"
    atomic_write_text(target, "苏林会见洪森\n")
    assert target.read_text(encoding="utf-8") == "苏林会见洪森\n"
    atomic_write_text(target, "第二版\n")
    assert target.read_text(encoding="utf-8") == "第二版\n"
    assert [p.name for p in tmp_path.iterdir()] == ["graph.ttl"]


def test_write_text_keeps_newlines_as_given(tmp_path: Path):
    target = tmp_path / "a.txt"
    atomic_write_text(target, "a\nb\n")
    assert target.read_bytes() == b"a\nb\n"


def test_write_bytes(tmp_path: Path):
    target = tmp_path / "a.bin"
    atomic_write_bytes(target, bytes(range(256)))
    assert target.read_bytes() == bytes(range(256))


def test_str_path_accepted(tmp_path: Path):
    target = str(tmp_path / "s.txt")
    atomic_write_text(target, "x")
    assert Path(target).read_text(encoding="utf-8") == "x"


@pytest.mark.parametrize("error", [RuntimeError("boom"), KeyboardInterrupt()])
def test_error_leaves_old_file_and_no_temporary(tmp_path: Path, error: BaseException):
    target = tmp_path / "graph.ttl"
    target.write_text("old\n", encoding="utf-8")
    with pytest.raises(type(error)), atomic_path(target) as tmp:
        tmp.write_text("new but half", encoding="utf-8")
        raise error
    assert target.read_text(encoding="utf-8") == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["graph.ttl"]


def test_temporary_is_in_the_same_folder_and_renamed(tmp_path: Path):
    target = tmp_path / "out.html"
    with atomic_path(target) as tmp:
        assert tmp.parent == tmp_path
        assert tmp != target
        assert not target.exists()
        tmp.write_text("<p>x</p>", encoding="utf-8")
    assert target.read_text(encoding="utf-8") == "<p>x</p>"
    assert not tmp.exists()


def test_nothing_written_is_an_error(tmp_path: Path):
    target = tmp_path / "x.txt"
    with pytest.raises(FileNotFoundError), atomic_path(target) as tmp:
        tmp.unlink()
    assert not target.exists()


def test_permissions_of_old_file_kept(tmp_path: Path):
    target = tmp_path / "x.txt"
    target.write_text("old", encoding="utf-8")
    os.chmod(target, 0o640)
    atomic_write_text(target, "new")
    assert target.stat().st_mode & 0o777 == 0o640


def test_new_file_is_not_private(tmp_path: Path):
    target = tmp_path / "x.txt"
    atomic_write_text(target, "new")
    assert target.stat().st_mode & 0o044  # readable by others, as with open()


def test_killed_midway_leaves_old_output(tmp_path: Path):
    """A writer killed (SIGKILL) in the middle of a write leaves the previous file intact."""
    target = tmp_path / "graph.ttl"
    target.write_text("old graph\n", encoding="utf-8")
    ready = tmp_path / "ready"
    script = textwrap.dedent(f"""
        import time, pathlib
        from kg.io import atomic_path
        with atomic_path({str(target)!r}) as tmp:
            with open(tmp, "w", encoding="utf-8") as fh:
                fh.write("half of a new graph")
                fh.flush()
                pathlib.Path({str(ready)!r}).write_text("1")
                time.sleep(60)
    """)
    root = Path(__file__).resolve().parent.parent
    proc = subprocess.Popen([sys.executable, "-c", script], cwd=root)
    try:
        deadline = time.monotonic() + 30
        while not ready.exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert ready.exists()
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert target.read_text(encoding="utf-8") == "old graph\n"


def test_docstring_examples_run():
    import doctest

    import kg.io

    result = doctest.testmod(kg.io, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0
