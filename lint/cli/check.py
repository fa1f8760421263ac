"""The `check` subcommand (lint inputs, report, exit code) and the setup every linting subcommand shares."""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Iterable
from dataclasses import fields
from typing import TYPE_CHECKING, Any

from lint.checks.finding import FileResult
from lint.pack.ruleset import RulePack
from lint.run import baseline
from lint.run.config import Config, ConfigError
from lint.run.inputs import lint_inputs
from lint.run.linter import discovery_for
from lint.run.options import RunOptions
from lint.run.outcome import EXIT_ERROR, EXIT_OK, exit_code, print_errors, print_lines
from lint.run.resolve import Resolver, load_config, rule_sources
from lint.run.session import Session, SetupError, load_rules, open_session

if TYPE_CHECKING:
    from lint.run.diffbase import Changes
    from lint.run.discovery import Discovery


def run_options(args: argparse.Namespace, **given: Any) -> RunOptions:
    """The parsed command line as typed run options (a subcommand without an option leaves it unset)."""
    values: dict[str, Any] = {}
    for option in fields(RunOptions):
        if hasattr(args, option.name):
            value = getattr(args, option.name)
            values[option.name] = tuple(value) if isinstance(value, list) else value
    return RunOptions(**{**values, **given})


def _load(args: argparse.Namespace, config: Config | None = None) -> RulePack | None:
    paths, include_default = rule_sources(run_options(args), config)
    try:
        return load_rules(paths, include_default)
    except SetupError as exc:
        print_lines(exc.lines)
        return None


def _config(args: argparse.Namespace) -> tuple[bool, Config | None]:
    """(ok, configuration); a bad file is reported here, before anything is linted."""
    try:
        return True, load_config(run_options(args))
    except ConfigError as exc:
        print_lines([str(exc)])
        return False, None


def prepare(options: RunOptions) -> Session | None:
    """The run's setup (lint/run/session.py), or None after printing why it cannot start (exit 2)."""
    try:
        return open_session(options)
    except SetupError as exc:
        print_lines(exc.lines)
        return None


def check_command(args: argparse.Namespace) -> int:
    session = prepare(run_options(args))
    if session is None:
        return EXIT_ERROR
    pack, resolver, entries = session.pack, session.resolver, session.baseline
    text_options = _text_options(args, resolver) if resolver.option("format") == "text" else None
    if text_options is not None and text_options.show_source:
        resolver.base.keep_source_lines = True  # before any linter is built
    paths = args.paths or ["."]
    chosen = _discovery(args, resolver, paths)
    if chosen is None:
        return EXIT_ERROR
    discovery, changed = chosen
    cache = None
    if session.cache_results:
        from lint.run.result_cache import ResultCache

        cache = ResultCache.open(pack)
    results = lint_inputs(
        resolver.linter_for("."),
        paths,
        args.stdin_filename,
        resolver.linter_for,
        resolver.option("jobs"),
        discovery=discovery,
        cache=cache,
    )
    if changed is not None:
        results = changed.filter(results)
    _nothing_linted_note(args, discovery, results)
    from lint.report.output import is_stdout, refusal

    for target in (args.output, args.write_baseline):
        problem = refusal(target, input_names(paths, results)) if target else None
        if problem:
            print_errors(results)
            print_lines([f"{target}: {problem}; nothing was written"])
            return EXIT_ERROR
    status = _baselines(args, entries, results)
    from lint.report import renderer, streamer
    from lint.report.links import with_help_uris

    min_severity = resolver.option("min-severity")
    rules = with_help_uris(pack.info(), resolver.option("rule-docs-url"))
    stream = streamer(resolver.option("format"))
    output: Iterable[str]
    if stream is not None:  # written file by file: the whole report is never held (issue 17)
        output = stream(results, pack.digest, min_severity, rules)
    elif text_options is not None:
        from lint.report import text

        sources = {result.path: result.source_lines for result in results if result.source_lines}
        output = text.stream(results, pack.digest, min_severity, rules, text_options, sources)
    else:
        from lint.report.json_report import build

        output = (renderer(resolver.option("format"))(build(results, pack.digest, min_severity), rules),)
    print_errors(results)
    if args.output and not is_stdout(args.output):
        from lint.report.output import write_atomic_pieces

        try:
            write_atomic_pieces(args.output, output)
        except OSError as exc:
            print_lines([f"{args.output}: cannot write the report: {exc.strerror or exc}"])
            return EXIT_ERROR
    else:
        for piece in output:
            sys.stdout.write(piece)
        sys.stdout.flush()
    return max(status, exit_code(results, resolver.option("fail-on")))


def input_names(named: list[str], results: list[FileResult]) -> list[str]:
    """Every file this run read (a JSONL record's container file), and the paths as named: what no output
    of the run may replace."""
    names = [p for p in named if p != "-"]
    names += [r.path.rsplit("#", 1)[0] if r.record_line is not None else r.path for r in results]
    return names


def _text_options(args: argparse.Namespace, resolver: Any) -> Any:
    """--show-source, --color, --statistics, --quiet (or the configuration's), with terminal defaults."""
    import os

    from lint.report.text import TextOptions, color_wanted

    to_terminal = not args.output and sys.stdout.isatty()
    show_source = resolver.option("show-source")
    columns = _terminal_columns(100)
    return TextOptions(
        show_source=to_terminal if show_source is None else bool(show_source),
        color=color_wanted(resolver.option("color") or "auto", to_terminal, os.environ),
        statistics=bool(resolver.option("statistics")),
        quiet=bool(resolver.option("quiet")),
        width=columns - 8,  # the gutter: line number, " | "
    )


def _terminal_columns(fallback: int) -> int:
    """COLUMNS, else the terminal's width, else ``fallback``: the columns of ``shutil.get_terminal_size``
    without importing shutil (and the compression modules it pulls in) on every run."""
    import os

    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns > 0:
        return columns
    try:
        size = os.get_terminal_size(sys.__stdout__.fileno())  # type: ignore[union-attr]
    except (AttributeError, ValueError, OSError):
        return fallback
    return size.columns or fallback


def _discovery(
    args: argparse.Namespace, resolver: Resolver, paths: list[str]
) -> tuple[Discovery, Changes | None] | None:
    """What this run walks (lint/run/discovery.py), with --force-exclude and --diff-base; None after
    printing why the run cannot start."""
    discovery = discovery_for(resolver.base, bool(resolver.option("force-exclude")))
    if args.diff_base is None:
        return discovery, None
    from lint.run.diffbase import DiffBaseError, changes

    problem = None
    if "-" in paths:
        problem = "--diff-base compares files with git; it cannot be combined with '-' (stdin)"
    elif args.write_baseline:
        problem = "--write-baseline records every finding; it cannot be combined with --diff-base"
    changed = None
    if problem is None:
        try:
            changed = changes(args.diff_base)
        except DiffBaseError as exc:
            problem = str(exc)
    if problem is not None or changed is None:
        print_lines([f"editorial-lint: {problem}"])
        return None
    discovery.changed = changed.files
    return discovery, changed


def _nothing_linted_note(args: argparse.Namespace, discovery: Discovery, results: list[FileResult]) -> None:
    """DESIGN.md: no file to lint is fine (exit 0) when every named file is excluded by configuration,
    or when a --diff-base run finds no changed article; say so, since the report is empty."""
    if results or "-" in (args.paths or []):
        return
    if discovery.changed is not None:
        print_lines(
            [
                f"editorial-lint: no article changed since {args.diff_base} "
                f"({discovery.unchanged} unchanged file(s) not linted); nothing to lint"
            ]
        )
    elif discovery.skipped_named:
        print_lines(
            [
                "editorial-lint: nothing to lint: every file named is excluded (exclude globs, or with "
                f"--force-exclude ignore files and skipped folders) ({', '.join(discovery.skipped_named)})"
            ]
        )


def _baselines(args: argparse.Namespace, entries: Counter[baseline.Key] | None, results: list[FileResult]) -> int:
    """--write-baseline records the findings (which are then baselined); --baseline hides recorded ones."""
    if args.write_baseline:
        try:
            count = baseline.write(args.write_baseline, results)
        except OSError as exc:
            print_lines([f"{args.write_baseline}: cannot write the baseline: {exc.strerror or exc}"])
            return EXIT_ERROR
        print_lines([f"editorial-lint: wrote {count} finding(s) to the baseline {args.write_baseline}"])
        entries, path = baseline.load(args.write_baseline), args.write_baseline
    else:
        path = args.baseline
    if entries is not None:
        applied = baseline.apply(path, entries, results)
        if applied.stale:
            entries_occur = "entry no longer occurs" if applied.stale == 1 else "entries no longer occur"
            print_lines(
                [
                    f"editorial-lint: {applied.stale} baseline {entries_occur} in {path} (fixed or reworded); "
                    "refresh it with --write-baseline"
                ]
            )
    return EXIT_OK
