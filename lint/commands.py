"""The subcommands: `check` (lint), `rules` (list / explain) and `test-rules` (validate and run examples)."""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

from lint import baseline
from lint.cli import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, exit_code, print_errors
from lint.config import Config, ConfigError
from lint.finding import FileResult
from lint.progress import Progress
from lint.resolve import load_config, rule_sources
from lint.ruleset import RuleError, RulePack, load_pack
from lint.runner import Linter, discover
from lint.session import Session, SetupError, open_session


def _load(args: argparse.Namespace, config: Config | None = None) -> RulePack | None:
    paths, include_default = rule_sources(args, config)
    try:
        return load_pack(paths, include_default=include_default)
    except RuleError as exc:
        for line in exc.lines():
            print(line, file=sys.stderr)
        print(
            f"editorial-lint: the rule pack does not validate ({len(exc.problems)} problem(s)); nothing was linted",
            file=sys.stderr,
        )
        return None


def _config(args: argparse.Namespace) -> tuple[bool, Config | None]:
    """(ok, configuration); a bad file is reported here, before anything is linted."""
    try:
        return True, load_config(args)
    except ConfigError as exc:
        print(exc, file=sys.stderr)
        return False, None


def prepare(args: argparse.Namespace) -> Session | None:
    """The run's setup (lint/session.py), or None after printing why it cannot start (exit 2)."""
    try:
        return open_session(args)
    except SetupError as exc:
        for line in exc.lines:
            print(line, file=sys.stderr)
        return None


def check_command(args: argparse.Namespace) -> int:
    session = prepare(args)
    if session is None:
        return EXIT_ERROR
    pack, resolver, entries = session.pack, session.resolver, session.baseline
    text_options = _text_options(args, resolver) if resolver.option("format") == "text" else None
    if text_options is not None and text_options.show_source:
        resolver.base.keep_source_lines = True  # before any linter is built
    results = lint_inputs(
        resolver.linter_for("."), args.paths or ["."], args.stdin_filename, resolver.linter_for, resolver.option("jobs")
    )
    status = _baselines(args, entries, results)
    from lint.report import renderer
    from lint.report.json_report import build
    from lint.report.links import with_help_uris

    report = build(results, pack.digest, resolver.option("min-severity"))
    rules = with_help_uris(pack.info(), resolver.option("rule-docs-url"))
    if text_options is not None:
        from lint.report import text

        sources = {result.path: result.source_lines for result in results if result.source_lines}
        output = text.render(report, rules, text_options, sources)
    else:
        output = renderer(resolver.option("format"))(report, rules)
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
    return max(status, exit_code(results, resolver.option("fail-on")))


def _text_options(args: argparse.Namespace, resolver: Any) -> Any:
    """--show-source, --color, --statistics, --quiet (or the configuration's), with terminal defaults."""
    import os
    import shutil

    from lint.report.text import TextOptions, color_wanted

    to_terminal = not args.output and sys.stdout.isatty()
    show_source = resolver.option("show-source")
    columns = shutil.get_terminal_size((100, 24)).columns  # COLUMNS, else the terminal, else 100
    return TextOptions(
        show_source=to_terminal if show_source is None else bool(show_source),
        color=color_wanted(resolver.option("color") or "auto", to_terminal, os.environ),
        statistics=bool(resolver.option("statistics")),
        quiet=bool(resolver.option("quiet")),
        width=columns - 8,  # the gutter: line number, " | "
    )


def audit_command(args: argparse.Namespace) -> int:
    """Lint an archive and aggregate it (lint/audit.py); write --json / --html, else a summary on stdout."""
    from lint import audit
    from lint.report import audit_html, audit_text
    from lint.report.output import write_atomic

    try:
        since = audit.parse_since(args.since) if args.since else None
    except audit.AuditError as exc:
        print(f"editorial-lint: {exc}", file=sys.stderr)
        return EXIT_ERROR
    session = prepare(args)
    if session is None:
        return EXIT_ERROR
    pack, resolver = session.pack, session.resolver
    resolver.base.record_applicable = True  # before any linter is built: pass rates need the denominators
    progress = Progress(enabled={"auto": None, "always": True, "never": False}[args.progress])
    results = lint_inputs(
        resolver.linter_for("."), args.paths, None, resolver.linter_for, resolver.option("jobs"), progress
    )
    from lint.report.json_report import build

    report = build(results, pack.digest)
    selected = {rule.id for rule in resolver.linter_for(".").rules}
    selected |= {rule_id for record in report["files"] for rule_id in record.get("rules_applied", [])}
    rules = [info for info in pack.info() if info["id"] in selected]
    options = audit.Options(since=since, group_by=args.group_by, fail_under=args.fail_under)
    result = audit.build_audit(report["files"], rules, options, report["errors"], report["tool"])
    print_errors(results)
    status = exit_code(results, "never")
    outputs = []
    if args.json:
        outputs.append((args.json, json.dumps(result, ensure_ascii=False, indent=2) + "\n"))
    if args.html:
        base = Path(args.html).resolve().parent
        outputs.append((args.html, audit_html.render(result, link_base=base)))
    for target, text in outputs:
        if target == "-":
            sys.stdout.write(text)
            continue
        try:
            write_atomic(target, text)
        except OSError as exc:
            print(f"{target}: cannot write the audit: {exc.strerror or exc}", file=sys.stderr)
            status = EXIT_ERROR
    if args.json != "-":  # the summary, unless stdout carries the JSON
        sys.stdout.write(audit_text.render(result))
    sys.stdout.flush()
    if args.fail_under is not None and audit.below(result, args.fail_under):
        print(
            f"editorial-lint: overall compliance {result['summary']['compliance_percent']} % is under "
            f"--fail-under {args.fail_under:g} %",
            file=sys.stderr,
        )
        status = max(status, EXIT_FINDINGS)
    return status


def _baselines(args: argparse.Namespace, entries: Counter[baseline.Key] | None, results: list[FileResult]) -> int:
    """--write-baseline records the findings (which are then baselined); --baseline hides recorded ones."""
    if args.write_baseline:
        try:
            count = baseline.write(args.write_baseline, results)
        except OSError as exc:
            print(f"{args.write_baseline}: cannot write the baseline: {exc.strerror or exc}", file=sys.stderr)
            return EXIT_ERROR
        print(f"editorial-lint: wrote {count} finding(s) to the baseline {args.write_baseline}", file=sys.stderr)
        entries, path = baseline.load(args.write_baseline), args.write_baseline
    else:
        path = args.baseline
    if entries is not None:
        applied = baseline.apply(path, entries, results)
        if applied.stale:
            entries_occur = "entry no longer occurs" if applied.stale == 1 else "entries no longer occur"
            print(
                f"editorial-lint: {applied.stale} baseline {entries_occur} in {path} (fixed or reworded); "
                "refresh it with --write-baseline",
                file=sys.stderr,
            )
    return EXIT_OK


def lint_inputs(
    linter: Linter,
    paths: list[str],
    stdin_filename: str | None,
    linter_for: Callable[[str], Linter] | None = None,
    jobs: int = 1,
    progress: Progress | None = None,
) -> list[FileResult]:
    """Lint every input; ``linter_for(path)`` picks a path's linter when per-path overrides apply;
    ``progress`` is told the number of files, then each one done."""
    from lint.parallel import MIN_FILES_PER_WORKER, lint_many

    pick = linter_for or (lambda _shown: linter)
    results: list[FileResult] = []
    files: list[tuple[Path, str]] = []
    for path, shown, error in discover([p for p in paths if p != "-"], linter.settings):
        if error or path is None:
            results.append(FileResult(path=shown, errors=[{"path": shown, "message": error or "unreadable"}]))
        else:
            files.append((path, shown))
    many = len(files) >= MIN_FILES_PER_WORKER
    for _, shown in files:  # build every linter before any worker is forked, so workers inherit them
        chosen = pick(shown)
        if many:
            chosen.context.credits.prepare_for_many()
    if progress is not None:
        progress.start(len(files))
    for batch in lint_many(
        files, lambda item: pick(item[1]).lint_path(*item), jobs, progress.advance if progress is not None else None
    ):
        results += batch
    if progress is not None:
        progress.close()
    if "-" in paths:
        shown = stdin_filename or "-"
        results += pick(shown).lint_stdin(sys.stdin.buffer.read(), shown)
    # JSONL records keep their order in the export ("x.jsonl#10" after "x.jsonl#9").
    results.sort(key=lambda r: (r.path if r.record_line is None else r.path.rsplit("#", 1)[0], r.record_line or 0))
    return results


def rules_command(args: argparse.Namespace) -> int:
    ok, config = _config(args)
    pack = _load(args, config) if ok else None
    if pack is None:
        return EXIT_ERROR
    if args.explain:
        rule = pack.rules.get(args.explain)
        if rule is None:
            from lint.pack.hints import unknown_rule

            print(f"editorial-lint: --explain: {unknown_rule(args.explain, pack.rules)}", file=sys.stderr)
            return EXIT_ERROR
        from lint.report.links import help_uri

        docs_base = args.rule_docs_url or (config.get("rule-docs-url") if config else None)
        sys.stdout.write(explain(rule, help_uri(rule.id, rule.get("help-uri"), docs_base)))
        return EXIT_OK
    rows = [
        (i["id"], i["severity"], ",".join(i["languages"]), ("opt-in " if i["opt_in"] else "") + i["summary"])
        for i in pack.info()
    ]
    width = max(len(r[0]) for r in rows) if rows else 10
    for rule_id, severity, languages, summary in rows:
        print(f"{rule_id:<{width}}  {severity:<7}  {languages:<6}  {summary}")
    return EXIT_OK


def explain(rule: object, docs_url: str | None = None) -> str:
    from lint.ruleset import Rule

    assert isinstance(rule, Rule)
    out = [
        f"{rule.id} ({rule.type}, {rule.severity}, languages: {', '.join(rule.languages)})"
        + (" — opt-in" if rule.opt_in else ""),
        "",
    ]
    for index, check in enumerate([rule, *rule.parts]):  # `also` checks have messages of their own
        label = f" [check {index + 1}, {check.type}]" if rule.parts else ""
        message = check.get("message")
        if isinstance(message, dict):
            out += [f"Message{label} ({lang}): {text.strip()}" for lang, text in message.items()]
        else:
            out.append(f"Message{label}: {str(message).strip()}")
    out += [
        "",
        "Rationale:",
        rule.text_for("rationale", "en").strip(),
        "",
        f"Reference: {rule.text_for('reference', 'en').strip()}",
        "",
        f"Defined in: {rule.path}",
        *([f"Documentation: {docs_url}"] if docs_url else []),
        "",
        "Examples:",
    ]
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
    tested = [
        r
        for r in pack.rules.values()
        if not args.packs or any(Path(r.path).resolve().is_relative_to(Path(p).resolve()) for p in args.packs)
    ]
    for rule in sorted(tested, key=lambda r: r.id):
        for pattern, why in risky_patterns(rule, pack):
            print(
                f"warning: {rule.path}: rule '{rule.id}': {pattern!r} may backtrack catastrophically ({why})",
                file=sys.stderr,
            )
    schema_problems = schema_check(sorted({r.path for r in tested}))
    for line in schema_problems:
        print(line, file=sys.stderr)
    if schema_problems:
        return EXIT_ERROR
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


def risky_patterns(rule: object, pack: RulePack) -> list[tuple[str, str]]:
    """Regexes a rule uses (its own and its vocabularies') whose shape is known to backtrack badly."""
    from lint.backtrack import risky
    from lint.ruleset import Rule

    assert isinstance(rule, Rule)
    sources: list[str] = []

    def collect(value: object) -> None:
        if isinstance(value, str):
            sources.append(value)
        elif isinstance(value, list):
            for item in value:
                collect(item)
        elif isinstance(value, dict):
            names = value.get("vocabulary")
            if names is not None:
                for name in names if isinstance(names, list) else [names]:
                    vocabulary = pack.vocabularies.get(name)
                    if vocabulary:
                        sources.extend(p for ps in vocabulary.patterns.values() for p in ps)
            else:
                for key, item in value.items():
                    if key not in ("front-matter", "scope", "case"):
                        collect(item)

    for key in ("pattern", "claim", "source", "when", "unless", "then"):
        if key in rule.data and rule.data[key] != "quote":
            collect(rule.data[key])
    found = []
    for source in dict.fromkeys(sources):
        why = risky(source)
        if why:
            found.append((source, why))
    return found


RULE_SCHEMA = Path(__file__).resolve().parent / "schemas" / "rule.schema.json"


def schema_check(paths: list[str]) -> list[str]:
    """Problems of rule files against lint/schemas/rule.schema.json, as ``path:line: message``.

    The loader already validated the pack; the schema is what editors see, so `test-rules` keeps the two in
    step. jsonschema is a test dependency, not a runtime one: without it the check is skipped.
    """
    try:
        import json

        import jsonschema
    except ImportError:
        return []
    from lint.yamlio import load_file

    validator = jsonschema.Draft202012Validator(json.loads(RULE_SCHEMA.read_text(encoding="utf-8")))
    problems = []
    for path in paths:
        data = load_file(Path(path))
        for error in sorted(validator.iter_errors(data), key=lambda e: list(e.absolute_path)):
            where = "/".join(str(p) for p in error.absolute_path) or "(top)"
            key = error.absolute_path[0] if error.absolute_path else None
            line = getattr(data, "lines", {}).get(key) if key is not None else None
            prefix = f"{path}:{line}" if line else path
            problems.append(f"{prefix}: schema: {where}: {error.message[:200]}")
    return problems
