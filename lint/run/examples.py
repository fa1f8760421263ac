"""Running the examples embedded in rule files (used by `test-rules` and by the test suite)."""

from __future__ import annotations

from dataclasses import dataclass

from lint.checks.finding import Finding
from lint.pack.ruleset import Example, RulePack
from lint.run.linter import Linter, Settings


@dataclass
class Outcome:
    example: Example
    ok: bool
    detail: str
    findings: list[Finding]


def run_example(pack: RulePack, example: Example) -> Outcome:
    """Lint the example's text with its rule alone; pass → no finding, fail → findings where expected."""
    rule = pack.rules[example.rule]
    fallback = next((lang for lang in rule.languages if lang != "any"), None)
    settings = Settings(select=[rule.id], language=example.lang, default_language=None)
    linter = Linter(pack, [rule], settings)
    if not example.lang:
        linter.context.default_language = None
    result = linter.lint_text(example.text, f"<{example.id}>", example.format)
    if result.errors:
        return Outcome(example, False, "; ".join(e["message"] for e in result.errors), [])
    if result.language is None and fallback:  # too short to detect: read it as the rule's first language
        linter = Linter(pack, [rule], Settings(select=[rule.id], language=fallback))
        result = linter.lint_text(example.text, f"<{example.id}>", example.format)
    findings = [f for f in result.findings if f.rule == rule.id]
    ok, detail = _judge(example, findings)
    if example.kind == "todo":
        ok, detail = not ok, ("todo example now behaves as its note wants: move it to pass or fail" if ok else detail)
    return Outcome(example, ok, detail, findings)


def _judge(example: Example, findings: list[Finding]) -> tuple[bool, str]:
    shown = "; ".join(f"{f.line}:{f.column} {f.excerpt!r}" for f in findings)
    if example.kind == "pass" or (example.kind == "todo" and not example.expect):  # a todo without expect wants a pass
        return (not findings, f"expected no finding, got {len(findings)}: {shown}")
    if not findings:
        return False, "expected a finding, got none"
    if example.expect:
        got = sorted((f.line, f.column) for f in findings)
        for want in example.expect:
            if not any(line == want["line"] and ("column" not in want or col == want["column"]) for line, col in got):
                return False, f"expected a finding at {want}, got {shown}"
        if len(findings) != len(example.expect):
            return False, f"expected {len(example.expect)} finding(s), got {len(findings)}: {shown}"
    return True, ""
