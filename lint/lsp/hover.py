"""The hover text of a finding: Markdown with the rule id and its link, the message, the rule's
rationale and reference, and a passing and a failing example from the rule file."""

from __future__ import annotations

from lint.lsp.engine import Finding, RuleHelp


def hover_text(finding: Finding, help_: RuleHelp | None) -> str:
    """Markdown: rule id with its link, the message, why, the reference, a passing and a failing example."""
    title = f"**{finding.rule}**" + (f" — [rule reference]({help_.help_uri})" if help_ and help_.help_uri else "")
    out = [f"{title} · {finding.severity}", "", finding.message]
    if help_ is not None:
        out += ["", f"**Why.** {help_.rationale}", "", f"**Reference.** {help_.reference}"]
        if help_.passing:
            out += ["", "**Passes:**", _fenced(help_.passing)]
        if help_.failing:
            out += ["", "**Fails:**", _fenced(help_.failing)]
    return "\n".join(out)


def _fenced(text: str) -> str:
    fence = "````" if "```" in text else "```"
    return f"{fence}text\n{text.rstrip()}\n{fence}"
