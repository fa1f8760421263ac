"""Scopes: the parts of a document a rule looks at, as spans of a haystack string."""

from __future__ import annotations

from dataclasses import dataclass

from lint.model import Document, Span

SCOPES = ("document", "body", "title", "kicker", "headings", "lead", "tail", "captions", "images", "quotes",
          "front-matter")


@dataclass(frozen=True, slots=True)
class Unit:
    """Search ``haystack[span.start:span.end]``; ``mapped`` is False when the haystack is not the file text
    (e.g. an image credit from front matter), so matches cannot be located and findings point at ``span``."""

    span: Span
    haystack: str
    mapped: bool = True


def units(doc: Document, scope: str) -> list[Unit]:
    body_start = doc.front_matter_span.end if doc.front_matter_span else 0
    if scope == "document":
        return [Unit(Span(body_start, len(doc.text)), doc.plain)]
    if scope == "body":
        return [Unit(Span(b.span.start, min(b.span.end, doc.body_end)), doc.masked) for _, b in doc.body_blocks]
    if scope == "lead":
        story = doc.body_blocks
        return [Unit(story[0][1].span, doc.masked)] if story else []
    if scope == "tail":
        return [Unit(Span(doc.tail_start, len(doc.text)), doc.plain)]
    if scope == "headings":
        return [Unit(b.span, doc.masked) for b in doc.blocks if b.kind == "heading"]
    if scope in ("title", "kicker"):
        return _field_unit(doc, scope)
    if scope == "quotes":
        return [Unit(q.inner, doc.masked) for q in doc.quotes if q.speech]
    if scope == "images":
        return [Unit(Span(0, len(image.credit_text)), image.credit_text, mapped=False) for image in doc.images]
    if scope == "captions":
        return [Unit(Span(0, len(image.caption or "")), image.caption or "", mapped=False)
                for image in doc.images if image.caption]
    if scope == "front-matter":
        return [Unit(doc.front_matter_span, doc.text)] if doc.front_matter_span else []
    raise ValueError(f"unknown scope {scope!r}")


def _field_unit(doc: Document, name: str) -> list[Unit]:
    value = doc.title if name == "title" else doc.front_matter.get("kicker")
    if not isinstance(value, str) or not value.strip():
        return []
    if name == "title" and doc.title_span and doc.title_span.end > doc.title_span.start:
        return [Unit(doc.title_span, doc.masked if doc.format != "html" else doc.plain)]
    # A front-matter value: find it as written, else search the value itself (unmapped).
    region_end = doc.front_matter_span.end if doc.front_matter_span else 0
    found = doc.text.find(value.strip(), 0, region_end)
    if found >= 0:
        return [Unit(Span(found, found + len(value.strip())), doc.text)]
    return [Unit(Span(0, len(value)), value, mapped=False)]


def anchor_span(doc: Document, anchor: str, scope: str) -> Span:
    """Where a finding about something missing points (DESIGN.md, Positions)."""
    if anchor == "body-end":
        return Span(doc.body_end, doc.body_end)
    if anchor == "front-matter" and doc.front_matter_span:
        return Span(0, 0)
    if anchor == "title" and doc.title_span:
        return Span(doc.title_span.start, doc.title_span.start)
    found = units(doc, scope) if scope not in ("images", "captions") else []
    for unit in found:
        if unit.mapped:
            return Span(unit.span.start, unit.span.start)
    start = doc.front_matter_span.end if doc.front_matter_span else 0
    while start < len(doc.text) and doc.text[start].isspace():
        start += 1
    return Span(min(start, len(doc.text)), min(start, len(doc.text)))
