"""The `audit` subcommand: lint an archive and aggregate it (lint/report/audit.py) into --json / --html and a summary."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from lint.cli.check import input_names, prepare, run_options
from lint.run.inputs import lint_inputs
from lint.run.outcome import EXIT_ERROR, EXIT_FINDINGS, exit_code, print_errors, print_lines
from lint.run.progress import Progress


def audit_command(args: argparse.Namespace) -> int:
    """Lint an archive and aggregate it (lint/audit.py); write --json / --html, else a summary on stdout."""
    from lint.report import audit, audit_html, audit_text
    from lint.report.output import write_atomic

    try:
        since = audit.parse_since(args.since) if args.since else None
    except audit.AuditError as exc:
        print_lines([f"editorial-lint: {exc}"])
        return EXIT_ERROR
    session = prepare(run_options(args, record_applicable=True))  # pass rates need the denominators
    if session is None:
        return EXIT_ERROR
    pack, resolver = session.pack, session.resolver
    progress = Progress(enabled={"auto": None, "always": True, "never": False}[args.progress])
    results = lint_inputs(
        resolver.linter_for("."), args.paths or ["."], None, resolver.linter_for, resolver.option("jobs"), progress
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
    from lint.report.escape import for_json
    from lint.report.output import is_stdout, refusal

    for target in (args.json, args.html):
        problem = refusal(target, input_names(args.paths or ["."], results)) if target else None
        if problem:
            print_lines([f"{target}: {problem}; nothing was written"])
            return EXIT_ERROR
    outputs = []
    if args.json:
        outputs.append((args.json, for_json(json.dumps(result, ensure_ascii=False, indent=2)) + "\n"))
    if args.html:
        base = Path(args.html).resolve().parent
        headings = {r["id"]: r["audit_phrases"]["heading"] for r in rules if r.get("audit_phrases")}
        outputs.append((args.html, audit_html.render(result, link_base=base, headings=headings)))
    for target, text in outputs:
        if is_stdout(target):
            sys.stdout.write(text)
            continue
        try:
            write_atomic(target, text)
        except OSError as exc:
            print_lines([f"{target}: cannot write the audit: {exc.strerror or exc}"])
            status = EXIT_ERROR
    if not (args.json and is_stdout(args.json)):  # the summary, unless stdout carries the JSON
        sys.stdout.write(audit_text.render(result))
    sys.stdout.flush()
    if args.fail_under is not None and audit.below(result, args.fail_under):
        print_lines(
            [
                f"editorial-lint: overall compliance {result['summary']['compliance_percent']} % is under "
                f"--fail-under {args.fail_under:g} %"
            ]
        )
        status = max(status, EXIT_FINDINGS)
    return status
