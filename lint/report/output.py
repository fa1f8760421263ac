"""Write a finished report to a file atomically (``--output FILE``).

A CI job or an editor watching the file must never see half a report, and a crash mid-write
must not destroy the previous one: so the text goes to a temporary file in the same folder
(``os.replace`` is only atomic within one file system), is flushed to disk, and then replaces the
target in one step.
"""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Iterable
from pathlib import Path

STDOUT_NAMES = ("-", "/dev/stdout")


def is_stdout(path: str | Path) -> bool:
    """``-`` and ``/dev/stdout`` name standard output (written as a stream, never replaced by a file)."""
    return str(path) in STDOUT_NAMES


def refusal(path: str | Path, inputs: Iterable[str | Path]) -> str | None:
    """Why ``path`` may not be written by this run, or None: it is (or links to) one of the inputs, or it
    exists and is not a regular file (a FIFO, a device, a folder). Inputs are never modified."""
    if is_stdout(path):
        return None
    target = os.path.realpath(path)
    try:
        info = os.stat(target)
    except FileNotFoundError:
        info = None
    except OSError as exc:
        return f"cannot write there: {exc.strerror or exc}"
    if info is not None and not stat.S_ISREG(info.st_mode):
        return "not a regular file; reports are written only to regular files ('-' for stdout)"
    for name in inputs:
        name = str(name)
        if os.path.realpath(name) == target or (info is not None and _same_file(name, info)):
            return f"is an input of this run ({name}); inputs are never overwritten"
    return None


def _same_file(name: str, info: os.stat_result) -> bool:
    try:
        other = os.stat(name)
    except OSError:
        return False
    return (other.st_dev, other.st_ino) == (info.st_dev, info.st_ino)  # a hard link to the input


def write_atomic(path: str | Path, text: str) -> None:
    """Replace ``path`` with ``text`` (UTF-8) so readers see either the old or the new content."""
    write_atomic_pieces(path, (text,))


def write_atomic_pieces(path: str | Path, pieces: Iterable[str]) -> None:
    """Replace ``path`` with the concatenated ``pieces`` (UTF-8), each written as it comes (a streamed
    report is never held whole), so that readers see either the old or the new content.

    The existing file's permission bits are kept; a new file gets the usual ``0o666 & ~umask``
    (``mkstemp`` alone would leave it ``0o600``).  On any failure the temporary file is removed and
    the exception propagates, leaving the old file untouched.
    """
    # Through a symlink, update the file it points to instead of replacing the link itself.
    target = Path(os.path.realpath(path))
    with contextlib.suppress(FileNotFoundError):
        if not stat.S_ISREG(os.stat(target).st_mode):  # never replace a FIFO or a device by a file
            raise IsADirectoryError(21, "not a regular file", str(path))
    mode = _target_mode(target)
    import tempfile  # only when a file is written: a report to stdout does not need it

    fd, tmp_name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            for piece in pieces:
                # A lone surrogate (a non-UTF-8 file name the reporter did not escape) is written as a
                # visible \udcXX rather than failing the whole report.
                handle.write(piece.encode("utf-8", "backslashreplace"))
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp_name, mode)
        os.replace(tmp_name, target)
    except BaseException:
        _remove_quietly(tmp_name)
        raise
    _fsync_directory(target.parent)


def _target_mode(target: Path) -> int:
    """Permission bits the written file should end up with."""
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except FileNotFoundError:
        return 0o666 & ~_current_umask()


def _current_umask() -> int:
    # The only portable way to read the umask is to set it and put it back.
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _remove_quietly(name: str) -> None:
    with contextlib.suppress(FileNotFoundError):
        os.unlink(name)


def _fsync_directory(folder: Path) -> None:
    """Make the rename itself durable; not possible (nor needed) on every platform."""
    if os.name != "posix":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        with contextlib.suppress(OSError):
            os.fsync(fd)
    finally:
        os.close(fd)
