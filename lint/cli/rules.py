"""The `rules` subcommand: list the selected rules, or explain one."""

from __future__ import annotations

import argparse
import sys

from lint.cli.check import _config, _load
from lint.run.outcome import EXIT_ERROR, EXIT_OK


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
    from lint.pack.ruleset import Rule

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
        rule.text_for("rationale").strip(),
        "",
        f"Reference: {rule.text_for('reference').strip()}",
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
