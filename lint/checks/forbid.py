"""`forbid`: every match in the scope is a finding (unless a per-match `unless` exempts it).

With ``sources`` (a list of source kinds) the rule also reports every cue of its ``source`` pattern whose
source phrase is of one of those kinds, judged by the document's source model (DESIGN.md, Attribution):
"officials said", "den Angaben zufolge", "one of the sources said", whatever the verb.
"""

from __future__ import annotations

from collections.abc import Iterator

from lint.checks.base import Env, Hit, applies, exempt
from lint.checks.scopes import units
from lint.checks.sourcing import cue_sources
from lint.document.model import Document, Span
from lint.document.sentences import sentence_at
from lint.pack.ruleset import Rule


def check(rule: Rule, doc: Document, env: Env) -> Iterator[Hit]:
    if not applies(rule, doc, env):
        return
    matcher = env.matcher(rule, "pattern", doc)
    if matcher is None:
        return
    seen: list[Span] = []
    for unit in units(doc, rule.get("scope", "body"), bool(rule.get("outside-quotes"))):
        for match in matcher.finditer(unit.haystack, unit.span.start, unit.span.end):
            if match.end() == match.start():
                continue
            span = Span(match.start(), match.end()) if unit.mapped else unit.span
            if exempt(rule, doc, env, sentence_at(doc, span.start), span):
                continue
            seen.append(span)
            yield Hit(span, {"match": match.group(0)})
    kinds = rule.get("sources")
    cue = env.matcher(rule, "source", doc) if kinds else None
    if cue is None:
        return
    impersonal = env.matcher(rule, "impersonal", doc) if rule.get("impersonal") else None
    for source in sorted(cue_sources(doc, cue, impersonal).values(), key=lambda s: s.start):
        span = Span(source.start, source.end)
        if source.kind not in kinds or source.start >= doc.body_end or any(span.overlaps(s) for s in seen):
            continue
        if exempt(rule, doc, env, sentence_at(doc, span.start), span):
            continue
        seen.append(span)
        yield Hit(span, {"match": doc.text[span.start : span.end]})
