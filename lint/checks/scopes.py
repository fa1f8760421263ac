"""Scopes: the parts of a document a rule looks at, as spans of a haystack string."""

from __future__ import annotations

from dataclasses import dataclass

from lint.document.blanking import blank
from lint.document.model import Document, Image, Span
from lint.pack.names import IMAGE_SCOPES, SCOPES
from lint.pack.textindex import TokenIndex

__all__ = ["IMAGE_SCOPES", "SCOPES", "Unit", "anchor_span", "image_text", "units", "unquoted"]


@dataclass(frozen=True, slots=True)
class Unit:
    """Search ``haystack[span.start:span.end]``; ``mapped`` is False when the haystack is not the file text
    (e.g. an image credit from front matter), so matches cannot be located and findings point at ``span``."""

    span: Span
    haystack: str
    mapped: bool = True


def units(doc: Document, scope: str, outside_quotes: bool = False) -> list[Unit]:
    """The units of ``scope``; with ``outside_quotes`` speech quotations are blanked from the haystack."""
    found = _units(doc, scope)
    if not outside_quotes:
        return found
    return [Unit(u.span, unquoted(doc, u.haystack), u.mapped) if u.mapped else u for u in found]


def unquoted(doc: Document, haystack: str) -> str:
    """``haystack`` (doc.masked or doc.plain) with every speech quotation blanked, same length; cached."""

    def compute() -> str:
        blanked = blank(haystack, ((q.span.start, q.span.end) for q in doc.quotes if q.speech))
        TokenIndex.alias(blanked, doc.plain)  # blanking only removes words: the text's word set serves
        return blanked

    return doc.derived(("unquoted", id(haystack)), compute)


def image_text(doc: Document, image: Image) -> str:
    """What labels an image: its caption, its credit line as written and a front-matter credit."""
    parts = [image.caption or ""]
    span = image.credit_span
    if span is not None and span.end > span.start:
        parts.append(doc.text[span.start : span.end])
    elif span is not None and doc.front_matter_span and span.end <= doc.front_matter_span.end:
        parts.append(str(doc.front_matter.get("image_credit") or ""))
    if image.credit:
        parts.append(image.credit)
    return "\n".join(p for p in parts if p)


def _units(doc: Document, scope: str) -> list[Unit]:
    body_start = doc.front_matter_span.end if doc.front_matter_span else 0
    if scope == "document":
        return [Unit(Span(body_start, len(doc.text)), doc.plain)]
    if scope == "body":
        return [Unit(Span(b.span.start, min(b.span.end, doc.body_end)), doc.masked) for _, b in doc.body_blocks]
    if scope == "lead":
        story = doc.body_blocks
        return [Unit(story[0][1].span, doc.masked)] if story else []
    if scope == "opening":
        # Everything before the end of the first story paragraph: a title heading, a kicker or label
        # line ("Anzeige", "Kommentar"), the dateline and the lead itself.
        story = doc.body_blocks
        first = next((b for b in doc.blocks if b.span.start >= body_start), None)
        if first is None:
            return []
        end = story[0][1].span.end if story else first.span.end
        return [Unit(Span(first.span.start, max(end, first.span.end)), doc.masked)]
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
    if scope == "image-text":
        return [Unit(Span(0, len(text)), text, mapped=False) for text in (image_text(doc, i) for i in doc.images)]
    if scope == "captions":
        return [
            Unit(Span(0, len(image.caption or "")), image.caption or "", mapped=False)
            for image in doc.images
            if image.caption
        ]
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
    found = units(doc, scope) if scope not in IMAGE_SCOPES else []
    for unit in found:
        if unit.mapped:
            return Span(unit.span.start, unit.span.start)
    start = doc.front_matter_span.end if doc.front_matter_span else 0
    while start < len(doc.text) and doc.text[start].isspace():
        start += 1
    return Span(min(start, len(doc.text)), min(start, len(doc.text)))
