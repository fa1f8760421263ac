"""The subcommands: `check` (lint), `rules` (list / explain) and `test-rules` (validate and run examples)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from lint.cli import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, exit_code, print_errors
from lint.finding import FileResult
from lint.ruleset import RuleError, RulePack, load_pack
from lint.runner import Linter, SelectionError, Settings, discover, select_rules


def _load(args: argparse.Namespace) -> RulePack | None:
    try:
        return load_pack([Path(p) for p in args.rules], include_default=not args.no_default_rules)
    except RuleError as exc:
        for line in exc.lines():
            print(line, file=sys.stderr)
        print(f"editorial-lint: the rule pack does not validate ({len(exc.problems)} problem(s)); nothing was linted",
              file=sys.stderr)
        return None


def _settings(args: argparse.Namespace) -> Settings:
    settings = Settings(select=args.select, extend_select=args.extend_select, ignore=args.ignore)
    if getattr(args, "lang", None):
        settings.language = args.lang
    if getattr(args, "encoding", None):
        settings.encoding = args.encoding
    if getattr(args, "input_format", None):
        settings.input_format = args.input_format
    if getattr(args, "max_file_size", None):
        settings.max_file_size = args.max_file_size
    return settings


def check_command(args: argparse.Namespace) -> int:
    pack = _load(args)
    if pack is None:
        return EXIT_ERROR
    settings = _settings(args)
    if settings.language not in (None, "auto") and settings.language not in pack.profiles:
        print(f"editorial-lint: --lang {settings.language}: no language profile (have: "
              f"{', '.join(sorted(pack.profiles))}, auto)", file=sys.stderr)
        return EXIT_ERROR
    try:
        rules = select_rules(pack, settings)
    except SelectionError as exc:
        print(f"editorial-lint: {exc}", file=sys.stderr)
        return EXIT_ERROR
    linter = Linter(pack, rules, settings)
    results = lint_inputs(linter, args.paths or ["."], args.stdin_filename)
    from lint.report import renderer
    from lint.report.json_report import build

    report = build(results, pack.digest, args.min_severity)
    output = renderer(args.format)(report, pack.info())
    print_errors(results)
    if args.output:
        from lint.report.output import write_atomic

        try:
            write_atomic(args.output, output)
        except OSError as exc:
            print(f"{args.output}: cannot write the report: {exc.strerror or exc}", file=sys.stderr)
            return EXIT_ERROR
    else:
        sys.stdout.write(output)
        sys.stdout.flush()
    return exit_code(results, args.fail_on)


def lint_inputs(linter: Linter, paths: list[str], stdin_filename: str | None) -> list[FileResult]:
    results: list[FileResult] = []
    for path, shown, error in discover([p for p in paths if p != "-"], linter.settings):
        if error or path is None:
            results.append(FileResult(path=shown, errors=[{"path": shown, "message": error or "unreadable"}]))
        else:
            results += linter.lint_path(path, shown)
    if "-" in paths:
        results += linter.lint_stdin(sys.stdin.buffer.read(), stdin_filename or "-")
    # JSONL records keep their order in the export ("x.jsonl#10" after "x.jsonl#9").
    results.sort(key=lambda r: (r.path if r.record_line is None else r.path.rsplit("#", 1)[0], r.record_line or 0))
    return results


def rules_command(args: argparse.Namespace) -> int:
    pack = _load(args)
    if pack is None:
        return EXIT_ERROR
    if args.explain:
        rule = pack.rules.get(args.explain)
        if rule is None:
            print(f"editorial-lint: unknown rule id '{args.explain}'", file=sys.stderr)
            return EXIT_ERROR
        sys.stdout.write(explain(rule))
        return EXIT_OK
    rows = [(i["id"], i["severity"], ",".join(i["languages"]), ("opt-in " if i["opt_in"] else "") + i["summary"])
            for i in pack.info()]
    width = max(len(r[0]) for r in rows) if rows else 10
    for rule_id, severity, languages, summary in rows:
        print(f"{rule_id:<{width}}  {severity:<7}  {languages:<6}  {summary}")
    return EXIT_OK


def explain(rule: object) -> str:
    from lint.ruleset import Rule

    assert isinstance(rule, Rule)
    out = [f"{rule.id} ({rule.type}, {rule.severity}, languages: {', '.join(rule.languages)})"
           + (" — opt-in" if rule.opt_in else ""), ""]
    message = rule.get("message")
    if isinstance(message, dict):
        out += [f"Message ({lang}): {text.strip()}" for lang, text in message.items()]
    else:
        out.append(f"Message: {str(message).strip()}")
    out += ["", "Rationale:", rule.text_for("rationale", "en").strip(), "", f"Reference: {rule.text_for('reference', 'en').strip()}",
            "", f"Defined in: {rule.path}", "", "Examples:"]
    for example in rule.examples:
        lang = f" [{example.lang}]" if example.lang else ""
        text = example.text.strip().replace("\n", "\n      ")
        out.append(f"  {example.kind}{lang}: {text}")
        if example.note:
            out.append(f"      note: {example.note}")
    return "\n".join(out) + "\n"


def test_rules_command(args: argparse.Namespace) -> int:
    from lint.testing import run_example

    try:
        pack = load_pack([Path(p) for p in args.packs], include_default=not args.no_default_rules or not args.packs)
    except RuleError as exc:
        for line in exc.lines():
            print(line, file=sys.stderr)
        return EXIT_ERROR
    tested = [r for r in pack.rules.values()
              if not args.packs or any(Path(r.path).resolve().is_relative_to(Path(p).resolve()) for p in args.packs)]
    failures = 0
    count = 0
    for rule in sorted(tested, key=lambda r: r.id):
        for example in rule.examples:
            count += 1
            outcome = run_example(pack, example)
            if not outcome.ok:
                failures += 1
                print(f"FAIL {example.id}: {outcome.detail}  ({rule.path})")
            elif not args.quiet:
                print(f"ok   {example.id}")
    print(f"{count - failures} passed, {failures} failed")
    return EXIT_FINDINGS if failures else EXIT_OK
