"""Rule documentation links (``help-uri``): where a reader learns what a rule wants and why.

Every rule links to its section of docs/rules.md (``python -m lint.docs`` writes one heading, so one
anchor, per rule id). The base is configurable (``rule-docs-url`` in the configuration,
``--rule-docs-url`` on the command line) so a newsroom can point at its own docs site; a rule's own
``help-uri`` key overrides the derived link, for house rules documented elsewhere. Deriving the link
from the id keeps the rule files free of a URL that would have to change with every fork.
"""

from __future__ import annotations

from typing import Any

# The shipped page in this project's repository (the README's placeholder address for "your copy").
DEFAULT_RULE_DOCS_URL = "https://example.org/newsroom/editorial-lint/blob/main/docs/rules.md"


def help_uri(rule_id: str, own: str | None = None, base: str | None = None) -> str:
    """The rule's link: its own ``help-uri``, else ``base#rule-id`` (base: DEFAULT_RULE_DOCS_URL)."""
    if own:
        return own
    base = (base or DEFAULT_RULE_DOCS_URL).rstrip("#")
    return f"{base}#{rule_id}"


def with_help_uris(rules: list[dict[str, Any]], base: str | None = None) -> list[dict[str, Any]]:
    """Rule infos (RulePack.info()) with ``help_uri`` filled in for every rule."""
    return [{**info, "help_uri": help_uri(info["id"], info.get("help_uri"), base)} for info in rules]
