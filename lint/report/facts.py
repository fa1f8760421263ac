"""The per-file facts of the JSON report: credits, byline, images, quotes and the known fields."""

from __future__ import annotations

import datetime as dt
from typing import Any

from lint.document.model import Document, Image
from lint.document.sources import SOURCE_MODEL, SourceModel
from lint.pack.lazyre import lazy

_GERMAN_DATE = lazy(r"^\s*(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4})")
_ISO_DATE = lazy(r"^\s*(\d{4}-\d{2}-\d{2}(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?)")


MIN_YEAR = 1800


def iso_date(value: Any) -> str | None:
    """ISO 8601 from a date, a datetime, ``2024-05-02…`` or ``2.5.2024``; None when unreadable."""
    if isinstance(value, (dt.datetime, dt.date)):
        return value.isoformat() if value.year >= MIN_YEAR else None
    if not isinstance(value, str):
        return None
    match = _ISO_DATE.match(value)
    if match:
        # CMS placeholders ("0001-01-01") are no dates: an audit would show them as a month of their own.
        return match.group(1).replace(" ", "T") if int(match.group(1)[:4]) >= MIN_YEAR else None
    match = _GERMAN_DATE.match(value)
    if match:
        day, month, year = (int(g) for g in match.groups())
        if year < MIN_YEAR:
            return None
        try:
            return dt.date(year, month, day).isoformat()
        except ValueError:
            return None
    return None


def _text(value: Any) -> str | None:
    if value is None or isinstance(value, (dict, list)):
        return None
    text = str(value).strip()
    return text or None


def _image(doc: Document, image: Image) -> dict[str, Any]:
    """One article image as the report shows it (DESIGN.md, JSON output): where it stands and its credit."""
    line, column = doc.line_col(image.span.start)
    return {"line": line, "column": column, "src": image.src, "caption": image.caption, "credit": image.credit}


def sources(doc: Document) -> list[dict[str, Any]]:
    """Who speaks in the article (DESIGN.md, Attribution): each source the attribution rules found for a
    claim, as written, with its kind and the number of claims it carries; in order of first claim."""
    model = doc.derived(SOURCE_MODEL, SourceModel)
    counts: dict[tuple[str, str], int] = {}
    for record in sorted(model.claims.values(), key=lambda r: r.start):
        if record.source is not None:
            key = (record.source.name, record.source.kind)
            counts[key] = counts.get(key, 0) + 1
    return [{"name": name, "kind": kind, "claims": n} for (name, kind), n in counts.items()]


def facts(doc: Document) -> dict[str, Any]:
    agencies: list[str] = []
    for credit in doc.credit_lines:
        agencies += credit.agencies
    return {
        "agency_credits": list(dict.fromkeys(agencies)),
        "credit_line": doc.credit_lines[0].text if doc.credit_lines else None,
        "byline": doc.byline,
        "authors": list(doc.authors),
        "image_credits": [image.credit for image in doc.images if image.credit],
        "images": [_image(doc, image) for image in doc.images],
        "quotes": sum(1 for q in doc.quotes if q.speech),
        "sources": sources(doc),
        "title": doc.title,
        "date": iso_date(doc.front_matter.get("date")),
        "section": _text(doc.front_matter.get("section")),
        "type": _text(doc.front_matter.get("type")),
    }
