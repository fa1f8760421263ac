"""The audit summary printed on the terminal: the headline numbers and the per-rule pass rates."""

from __future__ import annotations

from typing import Any


def pct(value: float | None) -> str:
    """A percentage as every audit view shows it (one decimal, from the JSON); "n/a" for an empty base."""
    return "n/a" if value is None else f"{value:.1f} %"


def render(audit: dict[str, Any]) -> str:
    summary = audit["summary"]
    lines = [
        f"Articles: {summary['articles']}  (input errors: {summary['input_errors']}, "
        f"left out by --since: {summary['excluded_by_since']}, undated: {summary['undated']})",
        f"Overall compliance: {pct(summary['compliance_percent'])} "
        f"({summary['compliant']} of {summary['articles']} without an error-level finding)",
        f"Findings: {summary['findings']} ({summary['error']} error, {summary['warning']} warning, "
        f"{summary['info']} info); suppressed: {summary['suppressed']}",
        "",
        f"{'rule':<26} {'applies':>7} {'passing':>7} {'pass rate':>9} {'findings':>8}",
    ]
    for row in audit["rules"]:
        lines.append(
            f"{row['id']:<26} {row['applicable']:>7} {row['passing']:>7} {pct(row['pass_percent']):>9} "
            f"{row['findings']:>8}"
        )
    kinds = audit.get("source_kinds") or {}
    if kinds.get("month"):
        names = ("person", "organisation", "vague", "anonymous", "impersonal")
        lines += ["", f"{'month':<10} {'claims':>6} " + " ".join(f"{n:>12}" for n in names)]
        for row in kinds["month"]:
            shares = " ".join(f"{pct(row['percent'][n]):>12}" for n in names)
            lines.append(f"{row['key']:<10} {row['claims']:>6} {shares}")
    return "\n".join(lines) + "\n"
