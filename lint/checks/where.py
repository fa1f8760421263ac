"""Where a missing thing was looked for, in words: the note under a missing-thing finding.

A finding about something absent points at an empty span (the end of the story, the start of the
lead), so its excerpt is empty and its position alone does not tell a reader what the tool read. The
note names the part of the article the rule searched and where it starts ("nothing found in the tail,
which starts at 24:1"), and the front-matter fields the rule reads that the article sets, which are
often why the thing is required (``source: agency``).
"""

from __future__ import annotations

from typing import Any

from lint.checks.scopes import IMAGE_SCOPES, units
from lint.document.model import Document
from lint.pack.ruleset import Rule

# The tool's own English wording for its scope names (DESIGN.md, Rule files); not article language.
SCOPE_WORDS = {
    "document": "the article",
    "body": "the story",
    "title": "the title",
    "kicker": "the kicker",
    "headings": "the headings",
    "lead": "the lead",
    "opening": "the opening (title, kicker, dateline and first paragraph)",
    "tail": "the tail",
    "captions": "the image captions",
    "images": "the image credits",
    "image-text": "the image captions and credits",
    "quotes": "the quotations",
    "front-matter": "the front matter",
}


def missing_note(doc: Document, rule: Rule) -> str | None:
    """The note, or None when there is nothing to add (a document-wide fact such as the language)."""
    scope = str(rule.get("scope", "body"))
    parts = []
    if scope != "document" or _searches(rule):
        words = SCOPE_WORDS.get(scope, f"the {scope}")
        where = f"nothing found in {words}"
        start = _scope_start(doc, scope)
        if start is not None:
            line, column = doc.line_col(start)
            where += f", which starts at {line}:{column}"
        elif scope not in ("document", *IMAGE_SCOPES):
            where += ", which this article does not have"
        parts.append(where)
    fields = _front_matter_fields(doc, rule)
    if fields:
        parts.append("front matter " + ", ".join(f"{key}: {_shown(value)}" for key, value in fields))
    return "; ".join(parts) or None


def _searches(rule: Rule) -> bool:
    """The rule looks for text (a pattern, or a ``match`` in its condition), not only at facts."""
    if rule.type == "require":
        return True

    def has_match(value: Any) -> bool:
        if isinstance(value, dict):
            return "match" in value or any(has_match(item) for item in value.values())
        if isinstance(value, list):
            return any(has_match(item) for item in value)
        return False

    return has_match(rule.get("then"))


def _scope_start(doc: Document, scope: str) -> int | None:
    if scope == "document" or scope in IMAGE_SCOPES:
        return None
    if scope == "tail":
        return doc.tail_start
    for unit in units(doc, scope):
        if unit.mapped:
            return unit.span.start
    return None


def _front_matter_fields(doc: Document, rule: Rule) -> list[tuple[str, Any]]:
    """Front-matter keys the rule's conditions name that the article sets, in the rule's order."""
    names: list[str] = []

    def collect(value: Any) -> None:
        if isinstance(value, dict):
            for key, item in value.items():
                if key == "front-matter" and isinstance(item, dict):
                    names.extend(str(name) for name in item)
                else:
                    collect(item)
        elif isinstance(value, list):
            for item in value:
                collect(item)

    for key in ("when", "unless", "then"):
        collect(rule.get(key))
    return [(name, doc.front_matter[name]) for name in dict.fromkeys(names) if doc.front_matter.get(name) is not None]


def _shown(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)
