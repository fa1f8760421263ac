"""What a folder walk lints in a content repository (DESIGN.md, Command line).

The walker (lint/runner.py) owns how folders are read safely; this module decides what is taken:

- files whose names match the ``include`` globs (``*.txt *.md *.markdown *.html *.htm`` and ``*.jsonl``
  exports by default), never hidden files or folders;
- not the dependency and build folders of lint/run/skipped-folders.yaml (``node_modules``, ``vendor``,
  ``build``, ...);
- not what ``.gitignore`` and ``.editorial-lintignore`` files ignore, read as git reads them: every such
  file from the top of the repository (the nearest folder above holding ``.git``; outside a repository,
  the folder walked) down to the file's folder, patterns relative to the folder holding them, a deeper
  file winning over a shallower one and ``.editorial-lintignore`` over ``.gitignore`` in the same folder
  (so it can re-include with ``!``); ``.git/info/exclude`` counts as the top's lowest-ranked file;
- not the configuration's ``exclude`` globs.

Files named on the command line are linted unless ``exclude`` matches them; with ``--force-exclude``
(as ruff's) everything the walk would skip is skipped for them too, which is how the pre-commit hook,
given files one by one, agrees with a walk of the repository.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from fnmatch import fnmatch
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from lint.run import globs

if TYPE_CHECKING:
    import pathspec

IGNORE_FILES = (".gitignore", ".editorial-lintignore")  # in rising precedence within one folder
SKIPPED_FOLDERS_FILE = Path(__file__).with_name("skipped-folders.yaml")


@cache
def skipped_folders() -> frozenset[str]:
    """The folder names a walk does not enter (data: lint/run/skipped-folders.yaml)."""
    import yaml

    data = yaml.safe_load(SKIPPED_FOLDERS_FILE.read_text(encoding="utf-8"))
    return frozenset(str(name) for name in data["folders"])


def repository_top(start: Path) -> Path | None:
    """The nearest folder at or above ``start`` holding ``.git`` (a folder, or a file in a worktree)."""
    for folder in [start, *start.parents]:
        if (folder / ".git").exists():
            return folder
    return None


@dataclass
class Discovery:
    """The decisions of one run's walk; ``skipped_named`` collects named files it left out, and ``found``
    counts the files each path yielded before ``changed`` (a --diff-base run) filtered them."""

    include: tuple[str, ...]
    exclude: tuple[str, ...] = ()
    root: Path | None = None  # exclude globs are relative to it (the configuration's folder; None: cwd)
    force_exclude: bool = False
    changed: set[Path] | None = None  # absolute paths: only these are linted (None: every file found)
    skipped_named: list[str] = field(default_factory=list)
    unchanged: int = 0
    _specs: dict[Path, pathspec.GitIgnoreSpec | None] = field(default_factory=dict)
    _tops: dict[Path, Path] = field(default_factory=dict)
    _chains: dict[tuple[Path, Path], list[tuple[Path, pathspec.GitIgnoreSpec]]] = field(default_factory=dict)

    # --- what the walker asks -----------------------------------------------------------------

    def folders(self, root: str, names: Iterable[str], top: Path) -> list[str]:
        """The subfolders of ``root`` to enter, sorted."""
        skipped = skipped_folders()
        base = Path(os.path.abspath(root))
        return sorted(
            name
            for name in names
            if not name.startswith(".") and name not in skipped and not self._ignored(base / name, True, top)
        )

    def files(self, root: str, names: Iterable[str], top: Path) -> list[str]:
        """The files of ``root`` to lint, sorted."""
        base = Path(os.path.abspath(root))
        return sorted(
            name
            for name in names
            if not name.startswith(".")
            and any(fnmatch(name, pattern) for pattern in self.include)
            and not self._ignored(base / name, False, top)
        )

    def top_for(self, folder: Path) -> Path:
        """Where ignore files start counting for a walk of ``folder``."""
        start = Path(os.path.abspath(folder))
        if start not in self._tops:
            self._tops[start] = repository_top(start) or start
        return self._tops[start]

    def excluded(self, shown: str) -> bool:
        """The configuration's ``exclude`` globs (for walked and named files alike)."""
        return bool(self.exclude) and globs.matches(shown, self.exclude, self.root)

    def named_file_skipped(self, shown: str) -> bool:
        """Whether a file named on the command line is left out (and noted in ``skipped_named``)."""
        skip = self.excluded(shown) or (self.force_exclude and self._walk_skips(Path(os.path.abspath(shown))))
        if skip:
            self.skipped_named.append(shown)
        return skip

    def keep_changed(self, path: Path) -> bool:
        """In a --diff-base run, only changed files are linted; the rest are counted."""
        if self.changed is None or Path(os.path.abspath(path)).resolve() in self.changed:
            return True
        self.unchanged += 1
        return False

    # --- ignore files -----------------------------------------------------------------------

    def _walk_skips(self, path: Path) -> bool:
        """Whether a walk from the repository's top would have left ``path`` out."""
        top = repository_top(path.parent) or path.parent
        try:
            parts = path.relative_to(top).parts
        except ValueError:
            return False
        skipped = skipped_folders()
        for index, part in enumerate(parts):
            is_folder = index < len(parts) - 1
            if part.startswith(".") or (is_folder and part in skipped):
                return True
            if self._ignored(top.joinpath(*parts[: index + 1]), is_folder, top):
                return True
        return False

    def _ignored(self, path: Path, is_folder: bool, top: Path) -> bool:
        """git's answer for ``path``: the deepest ignore file with a matching pattern decides."""
        verdict: bool | None = None
        chain = self._chains.get((path.parent, top))
        if chain is None:  # the ignore files that apply in one folder: the same for all its files
            levels = ((folder, self._spec(folder, folder == top)) for folder in _levels(path.parent, top))
            chain = self._chains[(path.parent, top)] = [(folder, spec) for folder, spec in levels if spec is not None]
        for folder, spec in chain:
            relative = path.relative_to(folder).as_posix() + ("/" if is_folder else "")
            result = spec.check_file(relative)
            if result.include is not None:
                verdict = result.include
        return bool(verdict)

    def _spec(self, folder: Path, is_top: bool) -> pathspec.GitIgnoreSpec | None:
        if folder not in self._specs:
            lines: list[str] = []
            sources = [folder / ".git" / "info" / "exclude"] if is_top else []
            for source in [*sources, *(folder / name for name in IGNORE_FILES)]:
                try:
                    lines += source.read_text(encoding="utf-8", errors="replace").splitlines()
                except OSError:  # absent, or not readable: nothing to ignore from it
                    continue
            if lines:
                import pathspec  # only where an ignore file is: a one-file run without one never needs it

                self._specs[folder] = pathspec.GitIgnoreSpec.from_lines(lines)
            else:
                self._specs[folder] = None
        return self._specs[folder]


def _levels(folder: Path, top: Path) -> list[Path]:
    """``top`` and every folder below it down to ``folder`` (just ``folder`` when it is not under ``top``)."""
    try:
        depth = len(folder.relative_to(top).parts)
    except ValueError:
        return [folder]
    chain = [folder, *folder.parents][: depth + 1]
    return list(reversed(chain))


def no_file_message(include: Iterable[str]) -> str:
    """The error for a path that yields no file to lint (DESIGN.md: exit 2, the path named)."""
    return (
        f"no file to lint here (looked for {' '.join(include)}; hidden, git-ignored, excluded and "
        "dependency/build folders are skipped)"
    )
