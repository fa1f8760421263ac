"""Conditions (`when`, `unless`, `then`): facts, front-matter values and pattern matches, combined."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from lint.model import Document, Span
from lint.patterns import PatternCompiler
from lint.scopes import units


@dataclass
class Context:
    """What a condition can look at; ``sentence`` is set for per-match conditions."""

    doc: Document
    compiler: PatternCompiler
    sentence: Span | None = None


def facts_of(doc: Document) -> dict[str, Any]:
    return {
        "byline": bool(doc.byline),
        "agency-credit": any(c.agencies for c in doc.credit_lines),
        "images": bool(doc.images),
        "image-credit": bool(doc.images) and all(image.credit for image in doc.images),
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
            ok = ctx.sentence is not None and _search(expected, ctx, ctx.doc.masked, ctx.sentence,
                                                      cond.get("case") == "sensitive")
        elif name in ("scope", "case"):
            continue
        else:
            facts = facts if facts is not None else facts_of(ctx.doc)
            ok = _value_matches(facts.get(name), expected)
        if not ok:
            return False
    return True


def _search(spec: Any, ctx: Context, haystack: str, span: Span, case_sensitive: bool) -> bool:
    matcher = ctx.compiler.compile(spec, ctx.doc.language, case_sensitive)
    return matcher is not None and matcher.search(haystack, span.start, span.end) is not None


def _matches(spec: Any, scope: str, case_sensitive: bool, ctx: Context) -> bool:
    return any(_search(spec, ctx, unit.haystack, unit.span, case_sensitive) for unit in units(ctx.doc, scope))
