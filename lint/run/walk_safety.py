"""The safety of the input walk: folders that cannot be read are errors, and symlinks that leave the
linted tree are not followed. Which files may be opened at all, and how much of them is read, is
lint/pack/safe_read.py (re-exported here for the run stage).

The walker (lint/run/linter.py, lint/run/discovery.py) decides WHAT is linted; these helpers decide what
may be walked:

* a folder the walk cannot list is reported (exit 2), never silently skipped — a CI gate must not pass
  on articles it never read;
* a symlink found in a walked folder whose target lies outside the folder given on the command line is
  skipped with a note (``--follow-symlinks`` follows it): a link to ``~/.ssh/id_rsa`` named ``x.txt`` must
  not put a secret into a CI log.
"""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path

from lint.pack.safe_read import (  # re-exported: the run stage's readers use them through this module
    ReadRefused,
    bounded_lines,
    open_regular,
    read_bounded,
    read_regular,
    read_stdin,
)

__all__ = [
    "ReadRefused",
    "bounded_lines",
    "folder_error",
    "inside",
    "link_leaves_tree",
    "note",
    "open_regular",
    "read_bounded",
    "read_regular",
    "read_stdin",
]


def note(message: str) -> None:
    """A note on stderr about an input that was deliberately not read (the run goes on)."""
    from lint.report.escape import for_stderr

    with contextlib.suppress(OSError, ValueError):
        print(f"editorial-lint: note: {for_stderr(message)}", file=sys.stderr)


def inside(path: Path, roots: list[Path]) -> bool:
    """Whether ``path`` (resolved) lies in one of ``roots`` (resolved)."""
    try:
        target = Path(os.path.realpath(path))  # a link loop resolves to itself: inside, and fails when read
    except (OSError, ValueError):
        return False
    return any(target == root or target.is_relative_to(root) for root in roots)


def link_leaves_tree(path: Path, roots: list[Path], follow: bool) -> bool:
    """A symlink found in a walk whose target is outside the walked tree (noted; skipped unless ``follow``)."""
    if follow or not path.is_symlink() or inside(path, roots):
        return False
    try:
        target = os.readlink(path)
    except OSError:
        target = "?"
    note(f"{path}: a symlink leaving the linted folder (to {target}); skipped (use --follow-symlinks)")
    return True


def folder_error(error: OSError) -> tuple[Path | None, str, str]:
    """The walker's error entry for a folder it cannot list."""
    name = str(error.filename) if error.filename is not None else "?"
    return None, name, f"cannot read the folder: {error.strerror or error}; its articles were not linted"
