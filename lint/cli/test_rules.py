"""The `test-rules` subcommand: validate rule files (schema, risky patterns) and run their examples."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from lint.pack.loader import load_pack
from lint.pack.ruleset import RuleError, RulePack
from lint.run.outcome import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, print_lines


def test_rules_command(args: argparse.Namespace) -> int:
    from lint.run.examples import run_example

    packs, include_default = [Path(p) for p in args.packs], not args.no_default_rules or not args.packs
    if not args.packs:  # no packs named: the rules a check here would load (the configuration's `rules:`)
        from lint.cli.check import _config

        ok, config = _config(args)
        if not ok:
            return EXIT_ERROR
        if config is not None:
            packs = [config.root / p for p in config.get("rules", [])]
            include_default = not (args.no_default_rules or config.get("no-default-rules")) or not packs
    try:
        pack = load_pack(packs, include_default=include_default)
    except RuleError as exc:
        print_lines(exc.lines())
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
    from lint.pack.backtrack import risky
    from lint.pack.ruleset import Rule

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


RULE_SCHEMA = Path(__file__).resolve().parent.parent / "schemas" / "rule.schema.json"


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
    from lint.pack.yamlio import load_file

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
