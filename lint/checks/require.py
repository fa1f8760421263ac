"""`require`: the scope must contain a match (``per: image`` checks each image on its own)."""

from __future__ import annotations

from collections.abc import Iterator

from lint.checks.base import Env, Hit, applies, missing
from lint.checks.conditions import holds
from lint.checks.scopes import IMAGE_SCOPES, image_text, units
from lint.document.model import Document, Span
from lint.pack.ruleset import Rule


def check(rule: Rule, doc: Document, env: Env) -> Iterator[Hit]:
    if not applies(rule, doc, env):
        return
    matcher = env.matcher(rule, "pattern", doc)
    if matcher is None:
        return
    scope = rule.get("scope", "body")
    if rule.get("per", "document") != "document":
        yield from _each(rule, doc, env, scope)
        return
    found = units(doc, scope, bool(rule.get("outside-quotes")))
    if not any(matcher.search(u.haystack, u.span.start, u.span.end) for u in found):
        yield missing(rule, doc)


def _each(rule: Rule, doc: Document, env: Env, scope: str) -> Iterator[Hit]:
    matcher = env.matcher(rule, "pattern", doc)
    assert matcher is not None
    if scope in IMAGE_SCOPES:
        when = rule.get("when")
        for image in doc.images:
            # A per-image `when` (image-symbolic) picks the images the rule is about.
            if when and not holds(when, env.context(doc, image=image)):
                continue
            if scope == "image-text":
                text = image_text(doc, image)
            else:
                text = image.credit_text if scope == "images" else (image.caption or "")
            if not matcher.search(text):
                # A missing credit points at the image's own tag (<img>, the Markdown image, the image line);
                # a missing label in caption or credit points at the credit that should carry it.
                anchor = image.span if scope == "images" else image.credit_span or image.span
                yield Hit(Span(anchor.start, anchor.end), {"match": doc.text[anchor.start : anchor.end]})
        return
    for unit in units(doc, scope):
        if not matcher.search(unit.haystack, unit.span.start, unit.span.end):
            yield Hit(unit.span if unit.mapped else Span(0, 0))
