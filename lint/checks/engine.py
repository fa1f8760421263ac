"""Running rules over a document: selection by language, findings stamped with position and fingerprint."""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Iterable

from lint.checks import CHECKS, Env
from lint.checks.base import Hit
from lint.checks.finding import Finding
from lint.document.model import Document, Span
from lint.document.sentences import sentence_at
from lint.pack.digest import sha256
from lint.pack.kinds import DEFAULT_SCOPE
from lint.pack.patterns import PatternTimeout
from lint.pack.ruleset import Rule


class _Safe(dict):  # type: ignore[type-arg]
    """Message placeholders that a hit does not provide stay as written."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def _message(rule: Rule, language: str | None, values: dict[str, str]) -> str:
    template = rule.text_for("message", language).strip()
    try:
        return template.format_map(_Safe(values))
    except (ValueError, IndexError):
        return template


def _context(doc: Document, span: Span, hit: Hit, rule: Rule) -> str:
    """What a fingerprint hashes: the sentence holding the match, or the scope for a missing thing."""
    if hit.missing:
        return "missing:" + str(rule.get("scope", DEFAULT_SCOPE))
    sentence = sentence_at(doc, span.start)
    if sentence is not None:
        return " ".join(doc.text[sentence.start : sentence.end].split())
    line_start = doc.text.rfind("\n", 0, span.start) + 1
    line_end = doc.text.find("\n", span.start)
    line_end = line_end if line_end >= 0 else len(doc.text)
    if line_end - line_start > MAX_CONTEXT_LINE:  # minified or hostile: a window, not the whole line per finding
        line_start, line_end = max(line_start, span.start - CONTEXT_WINDOW), min(line_end, span.end + CONTEXT_WINDOW)
    return " ".join(doc.text[line_start:line_end].split())


# Lines longer than this (one-line HTML, hostile files) give a finding's fingerprint a window of its line;
# hashing the whole line for every finding made a file of many findings on one line quadratic.
MAX_CONTEXT_LINE = 20_000
CONTEXT_WINDOW = 400


def lint_document(
    doc: Document, rules: Iterable[Rule], env: Env, timed_out: list[tuple[str, str]] | None = None
) -> list[Finding]:
    """Every finding of the given rules on one document, in position order.

    A rule whose pattern times out on this document is left out and named in ``timed_out`` (rule id,
    pattern), so the other rules' findings still count and the run can report it and exit 2.
    """
    hits: list[tuple[Rule, Hit]] = []
    for rule in rules:
        if not rule.applies_to(doc.language):
            continue
        try:
            for check in (rule, *rule.parts):  # `also` checks report under the rule's id with their own message
                hits += [(check, hit) for hit in CHECKS[check.type](check, doc, env)]
        except PatternTimeout as exc:
            if timed_out is None:
                raise
            timed_out.append((rule.id, str(exc)))
    hits = _drop_yielding(hits)
    seen: Counter[tuple[str, str]] = Counter()
    ordered = sorted(hits, key=lambda rh: (rh[1].span.start, rh[1].span.end, rh[0].id))
    return [stamp(doc, rule, hit, seen) for rule, hit in ordered]


def stamp(doc: Document, rule: Rule, hit: Hit, seen: Counter[tuple[str, str]]) -> Finding:
    """A hit as a finding: position, message and fingerprint; ``seen`` counts identical contexts per document.

    Public so that passes after the rules (lint/suppress.py) stamp their findings the same way.
    """
    context = _context(doc, hit.span, hit, rule)
    occurrence = seen[(rule.id, context)]
    seen[(rule.id, context)] += 1
    digest = sha256(f"{rule.id}\0{context}\0{occurrence}".encode()).hexdigest()[:32]
    start, end = doc.source_span(hit.span.start, hit.span.end)  # the reader maps its own positions
    line, column = doc.line_col(start)
    end_line, end_column = doc.line_col(end)
    note = None
    if hit.missing:
        from lint.checks.where import missing_note

        note = missing_note(doc, rule)
    return Finding(
        rule=rule.id,
        severity=rule.severity,
        message=_message(rule, doc.language, hit.values),
        line=line,
        column=column,
        end_line=end_line,
        end_column=end_column,
        excerpt=doc.text[start:end],
        fingerprint=digest,
        start=start,
        end=end,
        note=note,
        document_level=hit.missing,
    )


def _drop_yielding(hits: list[tuple[Rule, Hit]]) -> list[tuple[Rule, Hit]]:
    """One span, one finding: a rule yields to the rules in its ``yields-to`` where their spans overlap."""
    by_rule: dict[str, tuple[list[int], list[int]]] = {}  # rule id -> sorted starts, ends in the same order
    for rule, hit in sorted(hits, key=lambda rh: rh[1].span.start):
        starts, ends = by_rule.setdefault(rule.id, ([], []))
        starts.append(hit.span.start)
        ends.append(hit.span.end)
    longest = {
        rule_id: max((e - s for s, e in zip(*spans, strict=True)), default=0) for rule_id, spans in by_rule.items()
    }

    def overlapped(rule_id: str, span: Span) -> bool:
        if rule_id not in by_rule:
            return False
        starts, ends = by_rule[rule_id]
        # Only hits starting after span.start - longest can reach into the span.
        first = bisect.bisect_left(starts, span.start - longest[rule_id])
        last = bisect.bisect_left(starts, span.end)
        return any(ends[k] > span.start for k in range(first, last))

    kept = []
    for rule, hit in hits:
        if any(overlapped(stronger, hit.span) for stronger in rule.get("yields-to", [])):
            continue
        kept.append((rule, hit))
    return kept
