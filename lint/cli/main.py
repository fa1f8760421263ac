"""The `editorial-lint` command: argument parsing, exit codes and output. No linting logic lives here."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NoReturn

from lint import __version__
from lint.checks.finding import SEVERITIES
from lint.document.readers import INPUT_FORMATS
from lint.pack.hints import did_you_mean
from lint.report import FORMATS
from lint.run.arguments import Parser, UsageError, number
from lint.run.outcome import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, exit_code, print_errors

SUBCOMMANDS = ("check", "rules", "test-rules", "audit", "serve", "lsp")
# One line per subcommand for the top-level --help (DESIGN.md, Command line).
COMMAND_LINES = (
    ("check", "lint files and folders (the default command; '-' reads stdin)"),
    ("rules", "list the loaded rules, or --explain one (message, rationale, reference, examples)"),
    ("test-rules", "validate rule packs and run their embedded examples"),
    ("audit", "aggregate compliance over an archive: pass rates, trends, worst articles (docs/audit.md)"),
    ("serve", "the checking service over HTTP, for CMS integrations (docs/service.md; the 'server' extra)"),
    ("lsp", "the language server for editors, over stdio (docs/editors.md; the 'lsp' extra)"),
)


class _Parser(Parser):
    _checking_metavar = False

    def add_argument(self, *args: Any, **kwargs: Any) -> argparse.Action:
        self._checking_metavar = True
        try:
            return super().add_argument(*args, **kwargs)
        finally:
            self._checking_metavar = False

    def _get_formatter(self) -> argparse.HelpFormatter:
        # add_argument only asks a formatter whether the metavar fits nargs; a formatter of a given width
        # answers that without reading the terminal size (and importing shutil) once per option.
        if self._checking_metavar:
            sized: Any = self.formatter_class  # typeshed's protocol for it omits `width`
            return sized(prog=self.prog, width=80)
        return super()._get_formatter()

    def hint(self, message: str) -> str:
        """An unknown option names the closest real one (`--colour` -> `--color`)."""
        prefix = "unrecognized arguments: "
        if not message.startswith(prefix):
            return ""
        known = [option for option in self._option_string_actions if option.startswith("--")]
        for word in message[len(prefix) :].split():
            if word.startswith("-"):
                hint = did_you_mean(word.split("=", 1)[0], known)
                if hint:
                    return hint
        return ""


_jobs = number(int, "a whole number of worker processes", low=0, bounds="at least 0 (0: all cores)")


def _size(value: str) -> int:
    from lint.pack.sizes import SizeError, parse_size

    try:
        return parse_size(value)
    except SizeError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _ids(value: str) -> list[str]:
    return [part.strip() for part in value.split(",") if part.strip()]


def _docs_url(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--rule-docs-url",
        metavar="URL",
        help="base of the rule documentation links (default: docs/rules.md of this project; '#rule-id' is added)",
    )


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--rules",
        action="append",
        default=[],
        metavar="PATH",
        help="a rule file or pack folder (repeatable); house packs may 'extends' default rules",
    )
    parser.add_argument("--no-default-rules", action="store_true", help="do not load the shipped rules")
    parser.add_argument("--select", type=_ids, metavar="ID,...", help="run only these rules ('all' for every rule)")
    parser.add_argument("--extend-select", type=_ids, default=[], metavar="ID,...", help="add rules, e.g. opt-in ones")
    parser.add_argument("--ignore", type=_ids, default=[], metavar="ID,...", help="do not run these rules")
    parser.add_argument("--config", metavar="FILE", help="configuration file (instead of discovery)")
    parser.add_argument("--isolated", action="store_true", help="ignore configuration files")


def _reading(parser: argparse.ArgumentParser) -> None:
    """How inputs are read: the options check and audit share."""
    parser.add_argument(
        "--input-format",
        choices=INPUT_FORMATS,
        default=None,
        help="how inputs are read (default: by extension; jsonl = one CMS record per line)",
    )
    parser.add_argument("--encoding", metavar="NAME", help="input encoding (default utf-8)")
    parser.add_argument("--jobs", type=_jobs, metavar="N", help="worker processes (default: all cores)")
    parser.add_argument(
        "--max-file-size", type=_size, metavar="SIZE", help="refuse larger files: bytes, or with KB/MB (default 10MB)"
    )
    _follow(parser)


def _follow(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--follow-symlinks",
        action="store_true",
        help="follow symlinks in walked folders that point outside them (default: skipped with a note)",
    )


def build_parser() -> argparse.ArgumentParser:
    commands = "\n".join(f"  {name:<11} {line}" for name, line in COMMAND_LINES)
    parser = _Parser(
        prog="editorial-lint",
        usage="editorial-lint [check] [OPTIONS] [PATH ...]\n       editorial-lint {rules,test-rules,audit,serve,lsp} ...",
        description=f"Editorial compliance linter for news articles.\n\ncommands:\n{commands}",
        epilog="'editorial-lint COMMAND --help' shows a command's options; the options above are those of check.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"editorial-lint {__version__}")
    _common(parser)
    _docs_url(parser)
    parser.add_argument("paths", nargs="*", metavar="PATH", help="files and folders to lint ('-' for stdin)")
    parser.add_argument("--format", choices=sorted(FORMATS), help="report format (default text)")
    parser.add_argument("--output", metavar="FILE", help="write the report to FILE (atomically)")
    parser.add_argument("--lang", metavar="CODE|auto", help="language of every input (a profile's code) or auto")
    parser.add_argument("--min-severity", choices=SEVERITIES, help="what is shown (default info)")
    parser.add_argument("--fail-on", choices=[*SEVERITIES, "never"], help="what makes exit 1 (default error)")
    parser.add_argument("--stdin-filename", metavar="NAME", help="the name (and format) of stdin input")
    _reading(parser)
    # Defaults above are None so that a configuration file can fill them (lint/resolve.py).
    parser.add_argument("--baseline", metavar="FILE", help="report only findings not recorded in FILE")
    parser.add_argument("--write-baseline", metavar="FILE", help="record today's findings in FILE")
    parser.add_argument(
        "--show-source",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="text format: the source line under each finding, '^' under the span (default: on a terminal)",
    )
    parser.add_argument(
        "--color",
        choices=("auto", "always", "never"),
        default=None,
        help="colour by severity (default auto: on a terminal, unless NO_COLOR is set)",
    )
    parser.add_argument(
        "--statistics",
        action="store_true",
        default=None,
        help="text format: counts per rule and severity instead of the findings",
    )
    parser.add_argument(
        "--quiet", "-q", action="store_true", default=None, help="text format: the findings only, no summary line"
    )
    parser.add_argument(
        "--force-exclude",
        action="store_true",
        default=None,
        help="skip named files that a folder walk would skip (git-ignored, dependency folders); the hook uses it",
    )
    parser.add_argument(
        "--no-cache",
        action="store_true",
        help="lint every file again: do not read or write the result cache (the rule pack cache stays)",
    )
    parser.add_argument(
        "--cache-dir",
        metavar="DIR",
        help="the folder of the caches (default: $EDITORIAL_LINT_CACHE_DIR, else $XDG_CACHE_HOME/editorial-lint)",
    )
    parser.add_argument(
        "--diff-base",
        metavar="REF",
        help="lint only files changed since REF (as 'git diff REF' sees them); report findings on changed lines",
    )
    return parser


def rules_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="editorial-lint rules", description="List the loaded rules, or explain one.")
    _common(parser)
    _docs_url(parser)
    parser.add_argument("--explain", metavar="RULE_ID", help="show one rule's message, rationale, reference, examples")
    return parser


def test_rules_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="editorial-lint test-rules", description="Validate rule packs and run their examples.")
    parser.add_argument("packs", nargs="*", metavar="PATH", help="rule packs (default: the shipped pack)")
    parser.add_argument("--no-default-rules", action="store_true", help="test only the given packs")
    parser.add_argument("--quiet", "-q", action="store_true", help="print failures only")
    return parser


def _percent(value: str) -> float:
    return number(float, "a percentage", low=0, high=100, bounds="a percentage from 0 to 100")(value.rstrip("%"))


def audit_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="editorial-lint audit",
        description="Archive audit: compliance aggregated over many articles (docs/audit.md).",
    )
    _common(parser)
    parser.add_argument(
        "paths", nargs="*", metavar="PATH", help="files, folders or JSONL exports to audit (default: .)"
    )
    parser.add_argument("--html", metavar="FILE", help="write the HTML report (one self-contained file)")
    parser.add_argument("--json", metavar="FILE", help="write the audit as JSON (audit-v1 schema; '-' for stdout)")
    parser.add_argument(
        "--since", metavar="DATE", help="only articles dated on or after DATE (undated ones are left out)"
    )
    parser.add_argument(
        "--group-by",
        choices=("section", "author", "agency", "month"),
        default="section",
        help="the grouping of the per-rule table by group (default section)",
    )
    parser.add_argument(
        "--fail-under", type=_percent, metavar="PERCENT", help="exit 1 when overall compliance is under PERCENT"
    )
    parser.add_argument("--lang", metavar="CODE|auto", help="language of every input (a profile's code) or auto")
    _reading(parser)
    parser.add_argument(
        "--progress",
        choices=("auto", "always", "never"),
        default="auto",
        help="progress on stderr (default auto: only when stderr is a terminal)",
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    command = "check"
    if args and args[0] in SUBCOMMANDS:
        command = args.pop(0)
    elif args and not args[0].startswith("-") and not Path(args[0]).exists():
        hint = did_you_mean(args[0], SUBCOMMANDS)
        if hint:  # `editorial-lint tset-rules`: a mistyped command, not a missing article
            from lint.report.escape import for_stderr

            print(f"editorial-lint: '{for_stderr(args[0])}' is neither a file nor a command{hint}", file=sys.stderr)
            return EXIT_ERROR
    # A leading "--" stays: argparse then takes everything after it as paths ("-- -draft.md", "-- rules").
    try:
        if command == "serve":  # the checking service (lint/server/; needs the 'server' extra)
            from lint.server.cli import serve_command

            return serve_command(args)
        if command == "rules":
            from lint.cli.rules import rules_command

            return rules_command(rules_parser().parse_args(args))
        if command == "test-rules":
            from lint.cli.test_rules import test_rules_command

            return test_rules_command(test_rules_parser().parse_args(args))
        if command == "lsp":
            from lint.lsp.command import run as lsp_command

            return lsp_command(args)
        if command == "audit":
            from lint.cli.audit import audit_command

            return audit_command(audit_parser().parse_args(args))
        from lint.cli.check import check_command

        return check_command(build_parser().parse_args(args))
    except UsageError as exc:
        from lint.report.escape import for_stderr

        print(f"editorial-lint: {for_stderr(exc)}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("editorial-lint: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_ERROR


def run() -> NoReturn:
    """The console entry point (``editorial-lint``, ``python -m lint``): ``main()``, then the process ends."""
    exit_now(main())


def exit_now(code: int) -> NoReturn:
    """End the process with ``code`` without tearing the interpreter down, when that is safe.

    Freeing every module, rule and compiled pattern at exit costs about 15 ms of CPU on a one-file run,
    a third of a bare ``import regex, yaml``. With only the main thread left, the output flushed and the
    exit handlers run (atexit: coverage, weakref finalizers), nothing else is lost by ending at once; in
    any other case the ordinary exit runs, and so does a failed flush, which it reports as it always did.
    """
    import threading

    if threading.active_count() != 1:
        raise SystemExit(code)
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):
        raise SystemExit(code) from None
    import atexit
    import os

    atexit._run_exitfuncs()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):
        os._exit(120)  # what the interpreter's own exit gives when stdout cannot be flushed
    os._exit(code)


def default_paths(paths: list[str]) -> list[str]:
    return paths or ["."]


__all__ = [
    "EXIT_ERROR",
    "EXIT_FINDINGS",
    "EXIT_OK",
    "Path",
    "default_paths",
    "exit_code",
    "exit_now",
    "main",
    "print_errors",
    "run",
]
