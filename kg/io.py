"""Atomic writes: an output is either the old file or the complete new one, never half of it.

Every output of ``kg`` goes through here: the data is written to a temporary file in the same
folder, flushed and fsynced, then renamed over the target (``os.replace`` is atomic on POSIX and
Windows). If anything fails, or the process is interrupted, the temporary file is removed and
the previous output stays as it was.

>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> atomic_write_text(folder / "graph.ttl", "<a> <b> <c> .\\n")
>>> (folder / "graph.ttl").read_text(encoding="utf-8")
'<a> <b> <c> .\\n'
>>> with atomic_path(folder / "out.bin") as tmp:
...     _ = tmp.write_bytes(b"\\x00\\x01")
>>> (folder / "out.bin").read_bytes(), sorted(p.name for p in folder.iterdir())
(b'\\x00\\x01', ['graph.ttl', 'out.bin'])
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

__all__ = ["atomic_write_text", "atomic_write_bytes", "atomic_path", "fsync"]


def fsync(path: Path) -> None:
    """Flush a file, or a folder after a rename, to disk (a no-op where it cannot be opened,
    e.g. a folder on Windows)."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


@contextlib.contextmanager
def atomic_path(path: str | os.PathLike[str]) -> Iterator[Path]:
    """Yield a temporary path beside ``path``; on success it is renamed to ``path``.

    Whatever the block writes to the yielded path (a file, by any library) becomes ``path``
    only when the block ends without an exception; on an exception (or ``KeyboardInterrupt``)
    the temporary file is removed and ``path`` is untouched. The folder must exist.

    >>> import tempfile, pathlib
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "a.txt"
    >>> try:
    ...     with atomic_path(target) as tmp:
    ...         _ = tmp.write_text("half", encoding="utf-8")
    ...         raise RuntimeError("killed midway")
    ... except RuntimeError:
    ...     pass
    >>> target.exists(), list(target.parent.iterdir())
    (False, [])
    """
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    os.close(fd)
    tmp = Path(name)
    try:
        yield tmp
        if tmp.exists():
            fsync(tmp)
            if target.exists():  # keep the old file's permissions
                with contextlib.suppress(OSError):
                    os.chmod(tmp, target.stat().st_mode & 0o7777)
            else:
                with contextlib.suppress(OSError):
                    umask = os.umask(0)
                    os.umask(umask)
                    os.chmod(tmp, 0o666 & ~umask)
            os.replace(tmp, target)
            fsync(folder)
        else:
            raise FileNotFoundError(f"{target}: nothing was written to the temporary file")
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise


def atomic_write_bytes(path: str | os.PathLike[str], data: bytes) -> None:
    """Write ``data`` to ``path`` atomically (temporary file, fsync, rename).

    >>> import tempfile, pathlib
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "b.bin"
    >>> atomic_write_bytes(target, b"abc"); target.read_bytes()
    b'abc'
    """
    with atomic_path(path) as tmp, open(tmp, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())


def atomic_write_text(path: str | os.PathLike[str], text: str, encoding: str = "utf-8") -> None:
    """Write ``text`` to ``path`` atomically, UTF-8 by default, newlines as given (no CRLF).

    >>> import tempfile, pathlib
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "c.txt"
    >>> atomic_write_text(target, "苏林会见洪森\\n"); target.read_text(encoding="utf-8")
    '苏林会见洪森\\n'
    """
    atomic_write_bytes(path, text.encode(encoding))
