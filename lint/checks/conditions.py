"""Conditions (`when`, `unless`, `then`): facts, front-matter values and pattern matches, combined."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from lint.checks.scopes import units
from lint.document.model import Document, Image, Span
from lint.pack.patterns import PatternCompiler


@dataclass
class Context:
    """What a condition can look at.

    ``sentence`` and ``at`` (the match itself) are set for per-match conditions; ``image`` for per-image
    conditions (``per: image``). ``found`` collects the spans that ``match`` conditions matched, so a
    rule can point its finding at the cue that triggered it (``anchor: when``).
    """

    doc: Document
    compiler: PatternCompiler
    sentence: Span | None = None
    at: Span | None = None
    image: Image | None = None
    found: list[Span] = field(default_factory=list)


def facts_of(doc: Document) -> dict[str, Any]:
    return {
        "byline": bool(doc.byline),
        "agency-credit": any(c.agencies for c in doc.credit_lines),
        "images": bool(doc.images),
        "image-credit": bool(doc.images) and all(image.credit for image in doc.images),
        "image-symbolic": any(image.symbolic for image in doc.images),
        "quotes": any(q.speech for q in doc.quotes),
        "language": doc.language or "unknown",
        "language-known": doc.language is not None,
        "format": doc.format,
    }


def _value_matches(actual: Any, expected: Any) -> bool:
    if expected is True:
        return actual not in (None, False, "", [], {})
    if expected is False:
        return actual in (None, False, "", [], {})
    if expected is None:
        return actual is None
    if isinstance(expected, list):
        return any(_value_matches(actual, e) for e in expected)
    if isinstance(actual, str) and isinstance(expected, str):
        return actual.strip().lower() == expected.strip().lower()
    return bool(actual == expected)


def holds(cond: dict[str, Any], ctx: Context) -> bool:
    """All keys of a condition mapping must hold."""
    facts: dict[str, Any] | None = None
    for name, expected in cond.items():
        if name == "any":
            ok = any(holds(c, ctx) for c in expected)
        elif name == "all":
            ok = all(holds(c, ctx) for c in expected)
        elif name == "not":
            ok = not holds(expected, ctx)
        elif name == "front-matter":
            ok = all(_value_matches(ctx.doc.front_matter.get(field), value) for field, value in expected.items())
        elif name == "match":
            ok = _matches(expected, cond.get("scope", "document"), cond.get("case") == "sensitive", ctx)
        elif name == "sentence":
            ok = ctx.sentence is not None and _search(
                expected, ctx, ctx.doc.masked, ctx.sentence, cond.get("case") == "sensitive"
            )
        elif name == "paragraph":
            block = _block_at(ctx)
            # doc.plain keeps credit lines, so a date or note standing in such a line still counts.
            ok = block is not None and _search(expected, ctx, ctx.doc.plain, block, cond.get("case") == "sensitive")
        elif name in ("scope", "case"):
            continue
        elif name == "image-symbolic" and ctx.image is not None:
            # Per image (per: image): this image's flag, not "any image of the document".
            ok = _value_matches(ctx.image.symbolic, expected)
        else:
            facts = facts if facts is not None else facts_of(ctx.doc)
            ok = _value_matches(facts.get(name), expected)
        if not ok:
            return False
    return True


def _block_at(ctx: Context) -> Span | None:
    """The block (paragraph, heading, credit line …) holding the match or its sentence."""
    where = ctx.at or ctx.sentence
    if where is None:
        return None
    for block in ctx.doc.blocks:
        if block.span.start <= where.start < max(block.span.end, block.span.start + 1):
            return block.span
    return None


def _search(spec: Any, ctx: Context, haystack: str, span: Span, case_sensitive: bool) -> bool:
    matcher = ctx.compiler.compile(spec, ctx.doc.language, case_sensitive)
    return matcher is not None and matcher.search(haystack, span.start, span.end) is not None


def _matches(spec: Any, scope: str, case_sensitive: bool, ctx: Context) -> bool:
    matcher = ctx.compiler.compile(spec, ctx.doc.language, case_sensitive)
    if matcher is None:
        return False
    for unit in units(ctx.doc, scope):
        found = matcher.search(unit.haystack, unit.span.start, unit.span.end)
        if found is not None:
            if unit.mapped and found.end() > found.start():
                ctx.found.append(Span(found.start(), found.end()))
            return True
    return False
