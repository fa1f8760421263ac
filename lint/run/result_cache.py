"""The result cache: what linting one file produced, kept so that an unchanged file is not linted again.

As ruff does it: an entry per file, keyed by everything that decides its result — the decoded text, the
name it is reported under and its format, the rule pack (content and files), the effective settings for
that path (rule selection, severities, language, …), the tool's code and the Python and ``regex``
versions. An entry holds the whole FileResult (findings, facts, suppressions, source lines), so every
reporter prints from a cached result exactly what it prints from a fresh one.

Storage follows DESIGN.md's Caches section through lint/pack/cache_store.py: JSON only (nothing on disk
can execute), a 0700 folder ``results/`` in the cache folder, owner and regular-file checks, atomic
writes; an entry is used only when its stored key equals the key computed now and its fields have the
types a FileResult holds — anything else is a miss (the file is linted), never a failure.

One entry file per source file (named by the file's path, so an edited file replaces its entry rather
than adding one): a pre-commit run touching three files reads and writes three small files, and the
worker processes write their own entries without a merge step. Stale entries (files deleted or renamed)
are pruned by age, at most once a day. Not cached: JSONL exports (one result per record), stdin, and
results with errors (a pattern timeout depends on the machine).
"""

from __future__ import annotations

import contextlib
import os
import sys
import time
from dataclasses import fields
from pathlib import Path
from typing import Any

from lint import __version__
from lint.checks.finding import FileResult, Finding
from lint.pack import cache_store
from lint.pack.digest import sha256

FORMAT = 1
FOLDER = "results"
PRUNE_AFTER = 30 * 24 * 3600  # an entry not rewritten for 30 days is dropped (its file may be gone)
PRUNE_EVERY = 24 * 3600
# Settings that decide which files are walked, not what a file's result is.
_WALK_ONLY = frozenset({"globs", "exclude", "root", "follow_symlinks"})
_FINDING_FIELDS = tuple(f.name for f in fields(Finding))
_FINDING_TYPES: tuple[tuple[type, ...], ...] = tuple(
    {"int": (int,), "str": (str,), "bool": (bool,), "str | None": (str, type(None))}.get(str(f.type), (object,))
    for f in fields(Finding)
)


class _Damaged(Exception):
    pass


def code_identity() -> str:
    """The tool's version and the size and time of each of its modules: an edited checkout (same
    version number, other code) does not reuse results of the code before."""
    root = Path(__file__).resolve().parent.parent
    parts = [__version__, sys.version, _regex_version()]
    for folder, _dirs, files in sorted(os.walk(root)):
        for name in sorted(files):
            if name.endswith((".py", ".yaml", ".json")):
                with contextlib.suppress(OSError):
                    info = os.stat(os.path.join(folder, name))
                    parts.append(f"{os.path.relpath(folder, root)}/{name}:{info.st_size}:{info.st_mtime_ns}")
    return sha256("\0".join(parts).encode("utf-8", "surrogateescape")).hexdigest()


def _regex_version() -> str:
    import regex

    return str(getattr(regex, "__version__", ""))


class ResultCache:
    """Lookups (in the parent process) and stores (wherever the file is linted) for one run."""

    def __init__(self, folder: Path, pack_identity: str) -> None:
        self.folder = folder
        self.base = sha256(f"{FORMAT}\0{code_identity()}\0{pack_identity}".encode()).hexdigest()
        self._settings: dict[int, str] = {}

    @classmethod
    def open(cls, pack: Any) -> ResultCache | None:
        """The run's cache, or None when caching is off or the folder cannot be used (with a note)."""
        folder = cache_store.subfolder(FOLDER, create=True)
        if folder is None:
            return None
        rule_files = "\0".join(sorted(rule.path for rule in pack.rules.values()))
        return cls(folder, f"{pack.digest}\0{rule_files}")

    def settings_key(self, linter: Any) -> str:
        """The effective settings of one linter (one per distinct per-path configuration)."""
        known = self._settings.get(id(linter))
        if known is None:
            settings = linter.settings
            parts = [f"{f.name}={getattr(settings, f.name)!r}" for f in fields(settings) if f.name not in _WALK_ONLY]
            parts.append("rules=" + ",".join(rule.id for rule in linter.rules))
            known = self._settings[id(linter)] = "\0".join(parts)
        return known

    def key(self, linter: Any, shown: str, fmt: str, text: str) -> str:
        digest = sha256(self.base.encode())
        for part in (self.settings_key(linter), shown, fmt):
            digest.update(b"\0" + part.encode("utf-8", "surrogatepass"))
        digest.update(b"\0" + text.encode("utf-8", "surrogatepass"))
        return digest.hexdigest()

    @staticmethod
    def entry_name(path: Path, shown: str) -> str:
        name = f"{os.path.abspath(path)}\0{shown}".encode("utf-8", "surrogateescape")
        return sha256(name).hexdigest()[:40] + ".json"

    def lookup(self, linter: Any, path: Path, shown: str) -> FileResult | None:
        """The cached result for this file as it is now, or None (a miss: lint it)."""
        from lint.document.source import InputError, read_file

        try:
            text = read_file(path, linter.settings.encoding, linter.settings.max_file_size)
        except InputError:
            return None  # linting reports it (or reads it in its declared charset)
        stored = cache_store.read_json_in(self.folder, self.entry_name(path, shown))
        if stored is None:
            return None
        try:
            if not isinstance(stored, dict) or stored.get("format") != FORMAT:
                raise _Damaged("another format")
            if stored.get("key") != self.key(linter, shown, linter.format_for(shown), text):
                return None  # the file, the pack, the settings or the tool changed: an ordinary miss
            return decode(stored.get("result"), shown)
        except (_Damaged, TypeError, ValueError, KeyError) as exc:
            cache_store.note(f"a result cache entry in {self.folder} is damaged ({exc})")
            return None

    def lint_and_store(self, linter: Any, path: Path, shown: str) -> list[FileResult]:
        """Lint one file (as Linter.lint_path does) and keep its result when it can be cached."""
        from lint.document.source import InputError, read_file

        fmt = linter.format_for(shown)
        if fmt == "jsonl":
            return list(linter.lint_path(path, shown))
        try:
            text = read_file(path, linter.settings.encoding, linter.settings.max_file_size)
        except InputError:
            return list(linter.lint_path(path, shown))
        result = linter.lint_text(text, shown, fmt)
        if not result.errors:
            encoded = encode(result)
            if encoded is not None:
                entry = {"format": FORMAT, "key": self.key(linter, shown, fmt, text), "result": encoded}
                cache_store.write_json_in(self.folder, self.entry_name(path, shown), entry)
        return [result]

    def prune(self, now: float | None = None) -> None:
        """Drop entries not rewritten for PRUNE_AFTER seconds; at most once per PRUNE_EVERY."""
        now = time.time() if now is None else now
        marker = self.folder / ".pruned"
        with contextlib.suppress(OSError):
            if now - os.stat(marker).st_mtime < PRUNE_EVERY:
                return
        with contextlib.suppress(OSError):
            with os.scandir(self.folder) as entries:
                for entry in entries:
                    if entry.name.endswith(".json") and entry.is_file(follow_symlinks=False):
                        with contextlib.suppress(OSError):
                            if now - entry.stat(follow_symlinks=False).st_mtime > PRUNE_AFTER:
                                os.unlink(entry.path)
            descriptor = os.open(marker, os.O_WRONLY | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0), 0o600)
            os.close(descriptor)
            os.utime(marker, (now, now))


def encode(result: FileResult) -> dict[str, Any] | None:
    """A FileResult as JSON data; None when it holds something JSON would not give back unchanged."""
    data = {
        "path": result.path,
        "language": result.language,
        "facts": result.facts,
        "findings": [[getattr(f, name) for name in _FINDING_FIELDS] for f in result.findings],
        "suppressed": result.suppressed,
        "baselined": result.baselined,
        "record_line": result.record_line,
        "suppressions": result.suppressions,
        "errors": result.errors,
        "applicable": result.applicable,
        "source_lines": [[line, text] for line, text in result.source_lines.items()],
    }
    import json

    try:
        again = decode(json.loads(json.dumps(data)), result.path)
    except (TypeError, ValueError, _Damaged, RecursionError):
        return None
    return data if again == result else None  # e.g. a tuple in the facts would come back as a list


def decode(data: Any, shown: str) -> FileResult:
    """A FileResult from an entry's JSON data, every field checked; _Damaged when one is not as written."""
    if not isinstance(data, dict) or data.get("path") != shown:
        raise _Damaged("not a result for this file")
    findings = []
    for item in _typed(data, "findings", list):
        if not isinstance(item, list) or len(item) != len(_FINDING_FIELDS):
            raise _Damaged("a finding of another shape")
        for value, allowed in zip(item, _FINDING_TYPES, strict=True):
            if not isinstance(value, allowed) or (bool not in allowed and isinstance(value, bool)):
                raise _Damaged("a finding field of the wrong type")
        findings.append(Finding(*item))
    source_lines: dict[int, str] = {}
    for item in _typed(data, "source_lines", list):
        if not (isinstance(item, list) and len(item) == 2 and _is_int(item[0]) and isinstance(item[1], str)):
            raise _Damaged("a source line of another shape")
        source_lines[item[0]] = item[1]
    applicable = data.get("applicable")
    if applicable is not None and not (isinstance(applicable, list) and all(isinstance(a, str) for a in applicable)):
        raise _Damaged("applicable rules of another shape")
    record_line = data.get("record_line")
    language = data.get("language")
    if (record_line is not None and not _is_int(record_line)) or not isinstance(language, (str, type(None))):
        raise _Damaged("a field of the wrong type")
    return FileResult(
        path=shown,
        language=language,
        facts=_typed(data, "facts", dict),
        findings=findings,
        suppressed=_count(data, "suppressed"),
        baselined=_count(data, "baselined"),
        record_line=record_line,
        suppressions=_records(data, "suppressions"),
        errors=_records(data, "errors"),
        applicable=applicable,
        source_lines=source_lines,
    )


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _typed(data: dict[str, Any], name: str, kind: type) -> Any:
    value = data.get(name)
    if not isinstance(value, kind):
        raise _Damaged(f"'{name}' is not a {kind.__name__}")
    return value


def _count(data: dict[str, Any], name: str) -> int:
    value = data.get(name)
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise _Damaged(f"'{name}' is not a count")
    return value


def _records(data: dict[str, Any], name: str) -> list[dict[str, Any]]:
    value = _typed(data, name, list)
    if not all(isinstance(item, dict) for item in value):
        raise _Damaged(f"'{name}' holds something other than records")
    return list(value)
