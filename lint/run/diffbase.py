"""``--diff-base REF``: lint what changed since REF, report what the change touched (DESIGN.md, Command line).

The files are those that differ between REF and the working tree as ``git diff REF`` sees them: tracked
files, edited, staged or committed since REF (an untracked article counts once it is added), renames
followed, deleted files left out. Of their findings only those on a changed line are reported, plus the
document-level ones (something missing from the article, e.g. its agency credit), since a change
anywhere can cause those. A finding counts as on a changed line when any line of its span changed, so a
quotation over several lines is reported when one of its lines is edited. Where lines were only removed,
the lines on either side of the gap count as changed: removing an attribution changes what the quotation
next to it means. A JSONL export's record is changed when its line is.
"""

from __future__ import annotations

import codecs
import os
import re
import subprocess
from dataclasses import dataclass, replace
from pathlib import Path

from lint.checks.finding import FileResult

HUNK = re.compile(r"^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@")
GIT_TIMEOUT = 120  # seconds; a diff of a content repository takes well under one


class DiffBaseError(Exception):
    """--diff-base cannot be answered (no git, not a repository, unknown REF); the message says which."""


@dataclass
class Changes:
    """Changed files (resolved absolute paths) and, per file, its changed lines; None: every line."""

    ref: str
    lines: dict[Path, set[int] | None]

    @property
    def files(self) -> set[Path]:
        return set(self.lines)

    def filter(self, results: list[FileResult]) -> list[FileResult]:
        """Keep findings on changed lines and document-level findings; errors are always kept."""
        return [self._filter(result) for result in results]

    def _filter(self, result: FileResult) -> FileResult:
        if not result.findings:
            return result
        shown = result.path if result.record_line is None else result.path.rsplit("#", 1)[0]
        changed = self.lines.get(Path(os.path.abspath(shown)).resolve(), set())
        if changed is None:
            return result
        if result.record_line is not None:  # a JSONL record: positions are in its body; its line decides
            return result if result.record_line in changed else replace(result, findings=[])
        kept = [
            finding
            for finding in result.findings
            if finding.document_level or any(line in changed for line in range(finding.line, finding.end_line + 1))
        ]
        return replace(result, findings=kept)


def _git(args: list[str], cwd: Path) -> str:
    try:
        done = subprocess.run(
            ["git", *args], cwd=cwd, capture_output=True, timeout=GIT_TIMEOUT, check=False, stdin=subprocess.DEVNULL
        )
    except FileNotFoundError:
        raise DiffBaseError("git is not installed (--diff-base asks git what changed)") from None
    except subprocess.TimeoutExpired:
        raise DiffBaseError(f"git did not answer within {GIT_TIMEOUT} s") from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise DiffBaseError(f"git {args[0]} failed: {message[-1] if message else f'exit {done.returncode}'}")
    return done.stdout.decode("utf-8", "surrogateescape")


def changes(ref: str, cwd: Path | None = None) -> Changes:
    """What changed between ``ref`` and the working tree of the repository holding ``cwd``."""
    where = cwd or Path.cwd()
    try:
        top = Path(_git(["rev-parse", "--show-toplevel"], where).strip()).resolve()
    except DiffBaseError as exc:
        raise DiffBaseError(f"--diff-base needs a git repository here ({exc})") from None
    if ref.startswith("-"):
        raise DiffBaseError(f"--diff-base {ref}: not a revision")
    try:
        _git(["rev-parse", "--verify", "--quiet", "--end-of-options", f"{ref}^{{commit}}"], top)
    except DiffBaseError:
        raise DiffBaseError(
            f"--diff-base {ref}: no such commit, branch or tag in {top} (in CI, fetch it first, e.g. "
            "'git fetch origin main' with a full clone)"
        ) from None
    common = ["-c", "core.quotePath=false", "diff", "--no-color", "--no-ext-diff", "--no-textconv", "--find-renames"]
    status = _git([*common, "--name-status", "-z", "--diff-filter=d", ref, "--"], top)
    patch = _git([*common, "--unified=0", "--diff-filter=d", ref, "--"], top)
    hunks = _changed_lines(patch)
    lines: dict[Path, set[int] | None] = {}
    fields = status.split("\0")
    index = 0
    while index < len(fields) - 1:
        code = fields[index]
        if not code:
            break
        if code[0] in "RC":  # renamed or copied: old name, then new name
            name, pure = fields[index + 2], code[1:] == "100"
            index += 3
        else:
            name, pure = fields[index + 1], False
            index += 2
        path = (top / name).resolve()
        # A pure rename has no changed line; a file without hunks (binary) counts as changed throughout.
        lines[path] = hunks.get(name, set() if pure else None)
    return Changes(ref, lines)


def _changed_lines(patch: str) -> dict[str, set[int]]:
    """Changed line numbers (in the new version) per path, from a ``--unified=0`` patch."""
    found: dict[str, set[int]] = {}
    current: set[int] | None = None
    for line in patch.split("\n"):
        if line.startswith("diff --git "):
            current = None
        elif line.startswith("+++ "):
            name = _unquote(line[4:])
            current = found.setdefault(name[2:], set()) if name.startswith("b/") else None
        elif line.startswith("@@") and current is not None:
            match = HUNK.match(line)
            if match is None:
                continue
            start, count = int(match.group(1)), int(match.group(2) or "1")
            if count:
                current.update(range(start, start + count))
            else:  # lines removed after line `start`: its neighbours changed meaning
                current.update((start, start + 1))
    return found


def _unquote(name: str) -> str:
    """git's C-style quoting of unusual names (``"b/caf\\303\\251.md"``)."""
    name = name.rstrip("\t")
    if len(name) < 2 or not (name.startswith('"') and name.endswith('"')):
        return name
    raw = codecs.escape_decode(name[1:-1].encode("utf-8", "surrogateescape"))[0]
    assert isinstance(raw, bytes)
    return raw.decode("utf-8", "surrogateescape")
