"""Safe storage of cache files: data that cannot execute, in a private folder, checked before it is trusted.

Every cache of the tool (validated rule packs now, per-file results later) goes through here, so the
rules of DESIGN.md's Caches section hold for all of them:

* the content is JSON (``json.loads`` builds only dicts, lists, strings, numbers, booleans and None:
  nothing on disk can run code when it is read); the caller validates the shape it gets back;
* the folder is created with mode 0700, and is not used when it (or a cache file) belongs to another
  user, is writable by group or others, or is not a folder (a file); a symlink, FIFO or device in
  place of a cache file is never opened for reading or writing;
* a file is written to a temporary name in the same folder and renamed over the old one, so a reader
  sees the old content or the new, never half of it;
* every problem means "no cache" (the caller rebuilds), never an exception; problems that suggest
  tampering or a misconfiguration are reported once per process as a note on stderr.
"""

from __future__ import annotations

import contextlib
import json
import os
import stat
import sys
from pathlib import Path
from typing import Any

MAX_CACHE_FILE = 64 * 1024 * 1024  # far above any real pack; a larger file is not read into memory
_noted: set[str] = set()
_chosen_folder: Path | None = None  # --cache-dir / config cache-dir: beats the environment's folder


def note(message: str) -> None:
    """A cache problem on stderr, once per message and process (the run goes on without the cache)."""
    if message in _noted:
        return
    _noted.add(message)
    with contextlib.suppress(OSError, ValueError):
        print(f"editorial-lint: note: {_visible(message)}; the cache is not used (rebuilt)", file=sys.stderr)


def _visible(text: str) -> str:
    """Paths in a note with control characters, bidi controls and lone surrogates shown as escapes (the
    pack stage cannot use lint/report/escape.py; this is the same rule, spelt with repr)."""
    return "".join(char if char.isprintable() else repr(char)[1:-1] for char in text)


def cache_folder() -> Path | None:
    """The cache folder from the environment, or None when caching is off.

    ``$EDITORIAL_LINT_CACHE_DIR``, else ``$XDG_CACHE_HOME/editorial-lint``, else ``~/.cache/editorial-lint``;
    ``EDITORIAL_LINT_NO_CACHE=1`` turns every cache off.
    """
    if os.environ.get("EDITORIAL_LINT_NO_CACHE"):
        return None
    if _chosen_folder is not None:
        return _chosen_folder
    explicit = os.environ.get("EDITORIAL_LINT_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "editorial-lint"


def choose_folder(folder: Path | None) -> None:
    """Use ``folder`` for every cache of this process (``--cache-dir``); None: the environment's again."""
    global _chosen_folder
    _chosen_folder = folder


def subfolder(name: str, create: bool) -> Path | None:
    """A trusted folder ``name`` inside the cache folder (both created 0700 when ``create``), or None when
    caching is off or either folder cannot be trusted or created (then with a note, when writing)."""
    folder = cache_folder()
    if folder is None:
        return None
    inner = folder / name
    if _trusted_folder(folder, create) and _trusted_folder(inner, create):
        return inner
    if create and not _noted_about(folder):
        note(f"cache folder {inner} cannot be created or used")
    return None


def _noted_about(folder: Path) -> bool:
    return any(str(folder) in message for message in _noted)


def _uid() -> int | None:
    getuid = getattr(os, "getuid", None)
    return getuid() if getuid else None  # no owners to compare on Windows


def _trusted_folder(folder: Path, create: bool) -> bool:
    """The folder exists (or was created, mode 0700), is a real folder, ours, and not writable by others."""
    try:
        info = os.lstat(folder)
    except FileNotFoundError:
        if not create:
            return False
        try:
            folder.parent.mkdir(parents=True, exist_ok=True)
            os.mkdir(folder, 0o700)
            info = os.lstat(folder)
        except OSError:
            return False
    except OSError:
        return False
    if not stat.S_ISDIR(info.st_mode):
        note(f"cache folder {folder} is not a folder")
        return False
    uid = _uid()
    if uid is not None and info.st_uid != uid:
        note(f"cache folder {folder} belongs to another user (uid {info.st_uid})")
        return False
    if uid is not None and info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        note(f"cache folder {folder} is writable by other users (mode {stat.S_IMODE(info.st_mode):o})")
        return False
    return True


def read_json(name: str) -> Any | None:
    """The JSON value stored under ``name``, or None (no cache, a miss, or a file that is not trusted)."""
    folder = cache_folder()
    if folder is None or not _trusted_folder(folder, create=False):
        return None
    return read_json_in(folder, name)


def read_json_in(folder: Path, name: str) -> Any | None:
    """``read_json`` for a folder already checked with ``subfolder`` (one check for many files)."""
    path = folder / name
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        descriptor = os.open(path, flags)
    except FileNotFoundError:
        return None
    except OSError as exc:  # a symlink (O_NOFOLLOW: ELOOP), no permission, …
        note(f"cache file {path} cannot be opened ({exc.strerror or exc})")
        return None
    try:
        with os.fdopen(descriptor, "rb") as handle:
            info = os.fstat(handle.fileno())
            problem = _untrusted_file(info)
            if problem:
                note(f"cache file {path} {problem}")
                return None
            data = handle.read(MAX_CACHE_FILE + 1)
    except OSError as exc:
        note(f"cache file {path} cannot be read ({exc.strerror or exc})")
        return None
    if len(data) > MAX_CACHE_FILE:
        note(f"cache file {path} is larger than {MAX_CACHE_FILE // 1048576} MB")
        return None
    try:
        return json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        note(f"cache file {path} is not valid JSON")
        return None


def _untrusted_file(info: os.stat_result) -> str | None:
    if not stat.S_ISREG(info.st_mode):
        return "is not a regular file"
    uid = _uid()
    if uid is not None and info.st_uid != uid:
        return f"belongs to another user (uid {info.st_uid})"
    if uid is not None and info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        return f"is writable by other users (mode {stat.S_IMODE(info.st_mode):o})"
    return None


def write_json(name: str, value: Any) -> None:
    """Store ``value`` (plain JSON data) under ``name`` atomically; any failure leaves no cache, silently."""
    folder = cache_folder()
    if folder is None or not _trusted_folder(folder, create=True):
        return
    write_json_in(folder, name, value)


def write_json_in(folder: Path, name: str, value: Any) -> None:
    """``write_json`` into a folder already checked with ``subfolder``."""
    import tempfile  # only when writing: a run whose caches all hit does not need it

    try:
        data = json.dumps(value, ensure_ascii=True, separators=(",", ":")).encode("ascii")
    except (TypeError, ValueError, RecursionError):
        return
    target = folder / name
    with contextlib.suppress(FileNotFoundError, OSError):
        existing = os.lstat(target)
        if not stat.S_ISREG(existing.st_mode):  # never replace a FIFO, device or link someone put there
            note(f"cache file {target} is not a regular file")
            return
    try:
        descriptor, temporary = tempfile.mkstemp(dir=folder, prefix=f".{name}.", suffix=".tmp")  # mode 0600
    except OSError:
        return
    try:
        with os.fdopen(descriptor, "wb") as out:
            out.write(data)
        os.replace(temporary, target)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
