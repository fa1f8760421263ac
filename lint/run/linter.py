"""Linting inputs: choosing rules, reading files, building documents, collecting results."""

from __future__ import annotations

import io
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from lint.checks.finding import FileResult, Finding
from lint.document.readers import DEFAULT_GLOBS, charset_declaration, format_of
from lint.document.source import DEFAULT_MAX_FILE_SIZE, InputError, decode, normalize, read_file
from lint.pack.patterns import SEARCH_TIMEOUT, PatternTimeout
from lint.pack.ruleset import Rule, RulePack
from lint.run import walk_safety

if TYPE_CHECKING:
    from lint.checks.base import Env
    from lint.document.analysis import ReadContext
    from lint.run.discovery import Discovery


class SelectionError(Exception):
    """--select, --extend-select or --ignore names a rule that is not loaded."""


@dataclass
class Settings:
    select: list[str] | None = None
    extend_select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    language: str | None = None  # --lang (None or "auto": detect)
    default_language: str | None = None
    encoding: str = "utf-8"
    max_file_size: int = DEFAULT_MAX_FILE_SIZE
    front_matter_keys: dict[str, str] = field(default_factory=dict)
    globs: tuple[str, ...] = DEFAULT_GLOBS
    exclude: tuple[str, ...] = ()
    severity: dict[str, str] = field(default_factory=dict)  # rule id -> severity (config)
    root: Path | None = None  # exclude globs are relative to it (the config file's folder; None: cwd)
    input_format: str | None = None  # --input-format: auto (None), text, markdown, html or jsonl
    record_applicable: bool = False  # audits: list the rules that apply to each input (lint/applicability.py)
    follow_symlinks: bool = False  # --follow-symlinks: also links that leave the walked folder
    keep_source_lines: bool = False  # --show-source: keep the lines findings are on (the reporter has no file)


@dataclass(frozen=True)
class Layer:
    """One layer of rule selection (configuration file, an override, the command line)."""

    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()

    def check_ids(self, pack: RulePack) -> None:
        from lint.pack.hints import unknown_rule

        for option, names in (
            ("--select", self.select or ()),
            ("--extend-select", self.extend_select),
            ("--ignore", self.ignore),
        ):
            for name in names:
                if name not in pack.rules and name.lower() != "all":
                    raise SelectionError(f"{option}: {unknown_rule(name, pack.rules)}")


def selection(pack: RulePack, layers: list[Layer]) -> list[str]:
    """The one rule-selection path: the default set (every rule not opt-in), then each layer in order;
    a layer with ``select`` starts afresh, ``extend_select`` adds and ``ignore`` removes ("all": every rule)."""
    every = set(pack.rules)
    chosen = {rule_id for rule_id, rule in pack.rules.items() if not rule.opt_in}
    for layer in layers:
        if layer.select is not None:
            chosen = every if "all" in layer.select else set(layer.select)
        chosen |= every if "all" in layer.extend_select else set(layer.extend_select)
        chosen -= set(layer.ignore)
    return sorted(chosen)


def select_rules(pack: RulePack, settings: Settings) -> list[Rule]:
    """The rules one Settings selects (a single layer; tests, benchmarks and the example runner)."""
    layer = Layer(
        tuple(settings.select) if settings.select is not None else None,
        tuple(settings.extend_select),
        tuple(settings.ignore),
    )
    layer.check_ids(pack)
    return [pack.rules[rule_id] for rule_id in selection(pack, [layer])]


class Linter:
    """One loaded pack and rule selection, ready to lint any number of inputs.

    What linting needs (the checks' environment, the readers' context, and the modules behind them) is
    built on first use: a run whose results all come from the cache (lint/run/result_cache.py) needs none.
    """

    def __init__(self, pack: RulePack, rules: list[Rule], settings: Settings) -> None:
        self.pack = pack
        self.rules = rules
        self.settings = settings

    @cached_property
    def env(self) -> Env:
        from lint.checks.base import Env

        return Env(self.pack.compiler)

    @cached_property
    def context(self) -> ReadContext:
        from lint.document.analysis import ReadContext
        from lint.document.credits import CreditReader

        settings = self.settings
        language = settings.language if settings.language not in (None, "auto") else None
        return ReadContext(
            profiles=self.pack.profiles,
            credits=CreditReader.build(self.pack.vocabularies).with_cached_requirements(self.pack.cache_key),
            front_matter_keys=settings.front_matter_keys,
            forced_language=language,
            default_language=settings.default_language,
        )

    def format_for(self, shown: str) -> str:
        """--input-format, else the format the name's extension names."""
        chosen = self.settings.input_format
        return chosen if chosen not in (None, "auto") else format_of(shown)

    def lint_text(
        self,
        text: str,
        path: str,
        fmt: str | None = None,
        record: dict[str, Any] | None = None,
        record_line: int | None = None,
    ) -> FileResult:
        """Lint decoded text; ``fmt`` defaults to the format the path's extension names.

        An empty or blank input has no article to check: it is read (so it is reported) but no rule runs.
        """
        from lint.checks import suppress
        from lint.checks.engine import lint_document
        from lint.document.readers import read_document
        from lint.report.facts import facts

        fmt = fmt or format_of(path)
        text = normalize(text)
        try:
            doc = read_document(path, text, fmt, self.context, record)
            if not text.strip() and not record:
                return FileResult(path=path, language=None, facts=facts(doc), record_line=record_line)
            doc.record_line = record_line
            timed_out: list[tuple[str, str]] = []
            findings = lint_document(doc, self.rules, self.env, timed_out)
            waived = suppress.apply(doc, findings, self.rules, self.pack.rules)
        except InputError as exc:
            return _failed(path, exc.message, exc.line)
        except PatternTimeout as exc:  # a pattern of the reading itself (credit shapes, profiles)
            return _failed(path, f"a pattern timed out after {SEARCH_TIMEOUT:g} s (catastrophic backtracking?): {exc}")
        except TimeoutError:  # one of the readers' own regexes (lint/pack/lazyre.py)
            return _failed(
                path, f"reading took longer than {SEARCH_TIMEOUT:g} s in one search; the file was not linted"
            )
        except RecursionError:
            return _failed(path, "structure nested too deeply to read")
        result = FileResult(
            path=path,
            language=doc.language,
            facts=facts(doc),
            findings=self._severities(waived.findings),
            suppressed=waived.suppressed,
            suppressions=waived.records,
            record_line=record_line,
        )
        if self.settings.keep_source_lines:
            result.source_lines = source_lines(doc.text, result.findings)
        if self.settings.record_applicable:
            from lint.checks.applicability import applicable_rules

            result.applicable = applicable_rules(doc, self.rules, self.env)
        result.errors = [
            {
                "path": path,
                "message": f"rule '{rule_id}': pattern timed out after {SEARCH_TIMEOUT:g} s "
                f"(catastrophic backtracking?); the rule was skipped: {pattern}",
            }
            for rule_id, pattern in timed_out
        ]
        return result

    def _severities(self, findings: list[Finding]) -> list[Finding]:
        """Per-rule severity changes from the configuration (``severity: {rule-id: warning}``)."""
        changes = self.settings.severity
        if not changes:
            return findings
        return [replace(f, severity=changes[f.rule]) if f.rule in changes else f for f in findings]

    def lint_path(self, path: Path, shown: str | None = None) -> list[FileResult]:
        """One result per article: one for a file, one per record for a JSONL export."""
        shown = shown or str(path)
        if self.format_for(shown) != "jsonl":
            return [self.lint_file(path, shown)]
        try:
            with walk_safety.open_regular(path) as stream:
                return self.lint_records(_export_lines(stream, self.settings.max_file_size), shown)
        except walk_safety.ReadRefused as exc:
            return [_failed(shown, exc.message)]
        except UnicodeError as exc:
            return [_failed(shown, f"not valid UTF-16: {exc}")]
        except OSError as exc:
            return [_failed(shown, f"cannot read: {exc.strerror or exc}")]

    def lint_file(self, path: Path, shown: str | None = None) -> FileResult:
        shown = shown or str(path)
        fmt = self.format_for(shown)
        try:
            text = read_file(path, self.settings.encoding, self.settings.max_file_size)
        except InputError as exc:
            declared = self._declared_charset(path, fmt, exc)
            if declared is None:
                return _failed(shown, exc.message, exc.line)
            text = declared
        return self.lint_text(text, shown, fmt)

    def _declared_charset(self, path: Path, fmt: str, error: InputError) -> str | None:
        """An HTML page that is not UTF-8 is read in the charset it declares, as browsers do (only when
        no --encoding was given)."""
        charset_of = charset_declaration(fmt)
        if (
            charset_of is None
            or self.settings.encoding.lower() not in ("utf-8", "utf8")
            or "not valid" not in error.message
        ):
            return None
        try:
            data = path.read_bytes()
            charset = charset_of(data)
            return decode(data, str(path), charset) if charset else None
        except (OSError, InputError):
            return None

    def lint_bytes(self, data: bytes, shown: str) -> FileResult:
        try:
            text = decode(data, shown, self.settings.encoding)
        except InputError as exc:
            return _failed(shown, exc.message, exc.line)
        return self.lint_text(text, shown, self.format_for(shown))

    def lint_stdin(self, data: bytes, shown: str) -> list[FileResult]:
        if self.format_for(shown) == "jsonl":
            return self.lint_records(_export_lines(io.BytesIO(data), len(data) + 1), shown)
        return [self.lint_bytes(data, shown)]

    def lint_records(self, lines: Iterable[bytes], shown: str) -> list[FileResult]:
        """A CMS export: every record linted as ``shown#id``; a bad line is an error naming its line."""
        results = []
        settings = self.settings
        from lint.document.jsonl import records

        for record in records(lines, shown, settings.encoding, settings.front_matter_keys, settings.max_file_size):
            if isinstance(record, InputError):
                failed = _failed(shown, record.message, record.line)
                failed.record_line = record.line
                results.append(failed)
                continue
            results.append(
                self.lint_text(record.body, f"{shown}#{record.id}", record.body_format, record.fields, record.line)
            )
        return results


def _export_lines(stream: Any, limit: int) -> Iterator[bytes]:
    """The lines of a JSONL export, each at most ``limit`` bytes kept in memory; an export that starts
    with a UTF-16 byte-order mark (as some Windows tools write them) is decoded as UTF-16 and its lines
    passed on in UTF-8 (the reader's --encoding then does not apply to it)."""
    head = stream.read(2)
    if head in (b"\xff\xfe", b"\xfe\xff"):
        text = io.TextIOWrapper(io.BufferedReader(_Prefixed(head, stream)), encoding="utf-16", newline="")
        while True:
            line = text.readline(limit + 1)
            if not line:
                return
            if len(line) > limit and not line.endswith("\n"):
                while (rest := text.readline(1 << 20)) and not rest.endswith("\n"):
                    pass  # the remainder of an over-long record, not kept
            yield line.encode("utf-8", "surrogatepass")
    yield from walk_safety.bounded_lines(io.BufferedReader(_Prefixed(head, stream)), limit)


class _Prefixed(io.RawIOBase):
    """A raw stream: the bytes already peeked, then the rest of the underlying stream."""

    def __init__(self, head: bytes, stream: Any) -> None:
        self.head, self.stream = head, stream

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        if self.head:
            count = min(len(buffer), len(self.head))
            buffer[:count] = self.head[:count]
            self.head = self.head[count:]
            return count
        data = self.stream.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)


def source_lines(text: str, findings: list[Finding]) -> dict[int, str]:
    """The text of each line a finding starts on (positions count lines of the decoded text)."""
    wanted = {finding.line for finding in findings}
    if not wanted:
        return {}
    lines = text.split("\n")
    return {number: lines[number - 1] for number in sorted(wanted) if number <= len(lines)}


def _failed(path: str, message: str, line: int | None = None) -> FileResult:
    error: dict[str, Any] = {"path": path, "message": message}
    if line:
        error["line"] = line
    return FileResult(path=path, errors=[error])


def discover(
    paths: list[str], settings: Settings, discovery: Discovery | None = None
) -> Iterator[tuple[Path | None, str, str | None]]:
    """(path, shown name, error) for every file to lint, folders walked in sorted order; what is taken is
    lint/run/discovery.py's decision. A path that yields no file at all is an error naming it."""
    from lint.run.discovery import no_file_message

    chosen = discovery or discovery_for(settings)
    taken: set[str] = set()  # a file named and also inside a named folder is linted once

    def first(file: Path) -> bool:
        key = os.path.abspath(file)
        if key in taken:
            return False
        taken.add(key)
        return True

    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = 0
            problems: list[OSError] = []  # folders the walk could not list: errors, never silent skips
            for file in _walk(path, chosen, settings.follow_symlinks, problems.append):
                shown = str(file)
                if not chosen.excluded(shown):
                    found += 1
                    if chosen.keep_changed(file) and first(file):
                        yield file, shown, None
            yield from (walk_safety.folder_error(problem) for problem in problems)
            if not found and not problems:
                yield None, raw, no_file_message(chosen.include)
        elif path.exists() or path.is_symlink():
            if not chosen.named_file_skipped(raw) and chosen.keep_changed(path) and first(path):
                yield path, raw, None
        else:
            yield None, raw, "no such file or folder"


def discovery_for(settings: Settings, force_exclude: bool = False) -> Discovery:
    from lint.run.discovery import Discovery

    return Discovery(settings.globs, settings.exclude, settings.root, force_exclude)


def _walk(
    folder: Path,
    discovery: Discovery,
    follow_symlinks: bool = False,
    onerror: Callable[[OSError], None] | None = None,
) -> Iterator[Path]:
    seen: set[tuple[int, int]] = set()
    top = discovery.top_for(folder)
    tree = [folder.resolve()]  # symlinks leading out of it are skipped with a note (lint/run/walk_safety.py)
    for root, dirs, files in os.walk(folder, followlinks=True, onerror=onerror):
        try:
            stat = os.stat(root)
        except OSError:
            dirs[:] = []
            continue
        if (stat.st_dev, stat.st_ino) in seen:  # a symlink loop
            dirs[:] = []
            continue
        seen.add((stat.st_dev, stat.st_ino))
        dirs[:] = [
            d
            for d in discovery.folders(root, dirs, top)
            if not walk_safety.link_leaves_tree(Path(root) / d, tree, follow_symlinks)
        ]
        for name in discovery.files(root, files, top):
            if not walk_safety.link_leaves_tree(Path(root) / name, tree, follow_symlinks):
                yield Path(root) / name
