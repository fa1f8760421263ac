"""Reading files safely: only regular files are opened, and sizes are enforced while reading.

The lowest stage, so that every reader of files uses it — inputs (lint/document/source.py, JSONL exports),
rule packs, configurations, baselines, caches:

* a FIFO, socket or device is never opened (``stat`` first, then ``open`` with ``O_NONBLOCK`` and an
  ``fstat`` of the opened file, so a file swapped for a FIFO in between cannot block the run either);
* the size limit holds for what is actually read, not only for what ``stat`` claims (``/proc`` files,
  a file that grows, stdin, an endless JSONL line).
"""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

_CHUNK = 1 << 20
_KINDS = (
    (stat.S_ISFIFO, "a FIFO"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


class ReadRefused(Exception):
    """An input that is not read: not a regular file, or larger than the limit. ``message`` says which."""

    def __init__(self, message: str, size: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.size = size


def kind_of(mode: int) -> str:
    for test, name in _KINDS:
        if test(mode):
            return name
    return "a folder" if stat.S_ISDIR(mode) else "not a regular file"


def size_message(size: int, limit: int, what: str = "max-file-size") -> str:
    from lint.pack.sizes import over_limit

    return over_limit("file", size, limit, what)


def open_regular(path: Path | str) -> BinaryIO:
    """A binary stream of a regular file; ReadRefused for anything else, OSError as ``open`` raises it."""
    info = os.stat(path)  # follows a link the caller decided to follow
    if stat.S_ISDIR(info.st_mode):
        raise IsADirectoryError(21, "is a folder", str(path))
    if not stat.S_ISREG(info.st_mode):
        raise ReadRefused(f"{kind_of(info.st_mode)}, not a regular file; not read")
    descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    try:
        opened = os.fstat(descriptor)
        if not stat.S_ISREG(opened.st_mode):  # swapped between the stat and the open
            raise ReadRefused(f"{kind_of(opened.st_mode)}, not a regular file; not read")
        if hasattr(os, "set_blocking"):
            os.set_blocking(descriptor, True)
        return os.fdopen(descriptor, "rb")
    except BaseException:
        os.close(descriptor)
        raise


def read_bounded(stream: BinaryIO, limit: int) -> bytes:
    """All of ``stream``, or ReadRefused as soon as more than ``limit`` bytes arrive."""
    parts: list[bytes] = []
    total = 0
    while True:
        chunk = stream.read(min(_CHUNK, limit + 1 - total))
        if not chunk:
            return b"".join(parts)
        parts.append(chunk)
        total += len(chunk)
        if total > limit:
            from lint.pack.sizes import past_limit

            raise ReadRefused(past_limit("input", limit), total)  # only limit + 1 bytes were read


def read_regular(path: Path | str, limit: int, what: str = "max-file-size") -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes (checked before and while reading);
    ``what`` names the limit in the message."""
    with open_regular(path) as stream:
        size = os.fstat(stream.fileno()).st_size
        if size > limit:
            raise ReadRefused(size_message(size, limit, what), size)
        try:
            return read_bounded(stream, limit)
        except ReadRefused as exc:
            raise ReadRefused(size_message(exc.size or limit + 1, limit, what), exc.size) from None


def bounded_lines(stream: BinaryIO, limit: int) -> Iterator[bytes]:
    """The lines of ``stream``; a line longer than ``limit`` is yielded cut at ``limit + 1`` bytes (so the
    caller's size check refuses it) and the rest of it is skipped without being kept in memory."""
    while True:
        line = stream.readline(limit + 1)
        if not line:
            return
        if len(line) > limit and not line.endswith(b"\n"):
            while True:  # discard the remainder of the over-long line
                rest = stream.readline(_CHUNK)
                if not rest or rest.endswith(b"\n"):
                    break
        yield line


def read_stdin(limit: int) -> bytes:
    """Standard input, at most ``limit`` bytes (ReadRefused beyond)."""
    return read_bounded(sys.stdin.buffer, limit)
