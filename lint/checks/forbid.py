"""`forbid`: every match in the scope is a finding (unless a per-match `unless` exempts it)."""

from __future__ import annotations

from collections.abc import Iterator

from lint.checks.base import Env, Hit, applies, exempt
from lint.checks.scopes import units
from lint.document.model import Document, Span
from lint.document.sentences import sentence_at
from lint.pack.ruleset import Rule


def check(rule: Rule, doc: Document, env: Env) -> Iterator[Hit]:
    if not applies(rule, doc, env):
        return
    matcher = env.matcher(rule, "pattern", doc)
    if matcher is None:
        return
    for unit in units(doc, rule.get("scope", "body"), bool(rule.get("outside-quotes"))):
        for match in matcher.finditer(unit.haystack, unit.span.start, unit.span.end):
            if match.end() == match.start():
                continue
            span = Span(match.start(), match.end()) if unit.mapped else unit.span
            if exempt(rule, doc, env, sentence_at(doc, span.start), span):
                continue
            yield Hit(span, {"match": match.group(0)})
