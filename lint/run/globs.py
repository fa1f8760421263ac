"""Path globs for ``exclude`` and per-path ``overrides``, relative to the configuration's folder.

Semantics users know from .gitignore and ruff: a pattern without ``/`` matches any path component
(``drafts`` skips every ``drafts`` folder, ``*.bak.md`` any such file); a pattern with ``/`` is anchored
at the root and also matches everything below a folder it names (``archive/**`` = ``archive``).
``*`` and ``?`` stay within one component, ``**`` crosses folders.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from fnmatch import fnmatchcase
from functools import lru_cache
from pathlib import Path

import regex


def relative(path: str, root: Path | None) -> str:
    """``path`` relative to ``root`` (POSIX separators); as given when it lies outside the root."""
    base = root if root is not None else Path.cwd()
    rel = os.path.relpath(os.path.abspath(path), base)
    if rel == ".." or rel.startswith(".." + os.sep):
        rel = path
    return rel.replace(os.sep, "/")


@lru_cache(maxsize=256)
def _anchored(pattern: str) -> regex.Pattern[str]:
    out = []
    i = 0
    text = pattern.strip("/")
    while i < len(text):
        if text.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif text.startswith("**", i):
            out.append(".*")
            i += 2
        elif text[i] == "*":
            out.append("[^/]*")
            i += 1
        elif text[i] == "?":
            out.append("[^/]")
            i += 1
        else:
            out.append(regex.escape(text[i]))
            i += 1
    return regex.compile("".join(out))


def matches(path: str, patterns: Iterable[str], root: Path | None) -> bool:
    """Whether ``path`` (as shown) matches any of ``patterns`` taken relative to ``root``."""
    rel = relative(path, root)
    parts = [p for p in rel.split("/") if p not in ("", ".")]
    prefixes = ["/".join(parts[: i + 1]) for i in range(len(parts))]
    for pattern in patterns:
        if "/" in pattern.strip("/"):
            compiled = _anchored(pattern)
            if any(compiled.fullmatch(prefix) for prefix in prefixes):
                return True
        elif any(fnmatchcase(part, pattern.strip("/")) for part in parts):
            return True
    return False
