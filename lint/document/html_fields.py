"""The HTML reader's visible fields: the title and the byline as the page shows them."""

from __future__ import annotations

from typing import Any

from lint.document import html_meta
from lint.document.credits import CreditReader
from lint.document.html_roles import BYLINE, H1, KICKER, TIME
from lint.document.html_scan import Run
from lint.document.html_text import _Page, clean
from lint.document.model import CreditLine, Document, Span, trimmed
from lint.pack.lazyre import lazy

MAX_BYLINE_WORDS = 16


_PERSON = lazy(r"^\p{Lu}[\p{L}\p{M}'’.-]*(?:\s+\p{L}[\p{L}\p{M}'’.-]*){0,4}$")


def _visible_fields(page: _Page, plain: str, head: dict[str, Any], credits: CreditReader) -> dict[str, Any]:
    """Fields read from the page body; ``_`` carries (title span, from-head flag) and the byline group."""
    fields: dict[str, Any] = {}
    text, found = page.text, page.scan
    title_span: tuple[int, int, bool] | None = None
    heading = page.title_runs or [r for r in page.runs if r.flags & H1 and not r.flags & KICKER]
    if heading:
        first = min(r.start for r in heading if r.special == heading[0].special)
        last = max(r.end for r in heading if r.special == heading[0].special)
        span = trimmed(plain, first, last)
        fields["title"] = " ".join(plain[span.start : span.end].split())
        title_span = (span.start, span.end, False)
    else:
        where = html_meta.meta_span(found, ("og:title", "twitter:title"))
        if where is None and found.title:
            where = found.title
        value = clean(text[where[0] : where[1]]) if where else head.get("headline")
        if value:
            fields["title"] = value
        if where:
            title_span = (*where, True)
    kicker = [r for r in page.runs if r.flags & KICKER]
    if kicker:
        fields["kicker"] = " ".join(plain[kicker[0].start : kicker[-1].end].split())
    byline = _byline_group(page, plain, credits)
    if byline is not None:
        span, written = byline
        names = _names(written, credits, head)
        if names:
            fields["author"] = names
    if "date" not in head:
        for element_index in {r.special for r in page.runs if r.flags & TIME}:
            value = found.elements[element_index].attrs.get("datetime")
            if value:
                fields["date"] = value.strip()
                break
    site = {head.get("meta", {}).get(k, "").lower() for k in ("og:site_name", "application-name")}
    for source in (fields, head):  # the site's name or an agency is never a byline
        if "author" in source:
            names = [
                a
                for a in source["author"]
                if a.lower() not in site and not credits.agency_token.fullmatch(a) and _PERSON.match(a)
            ]
            if names:
                source["author"] = names
            else:
                del source["author"]
    fields["_"] = (title_span, byline)
    return fields


def _byline_group(page: _Page, plain: str, credits: CreditReader) -> tuple[Span, str] | None:
    """The first run of consecutive byline text in the article (times and avatars left out)."""
    groups: list[list[Run]] = []
    previous = -2
    for i, run in enumerate(page.runs):
        if not run.flags & BYLINE or run.flags & TIME:
            continue
        if groups and previous == i - 1:
            groups[-1].append(run)
        else:
            groups.append([run])
        previous = i
    for group in groups:
        span = trimmed(plain, group[0].start, group[-1].end)
        written = credits.html.date_tail.split(" ".join(" ".join(plain[r.start : r.end].split()) for r in group), 1)[
            0
        ].strip()
        if 0 < len(written.split()) <= MAX_BYLINE_WORDS:
            return span, written
    return None


def _names(written: str, credits: CreditReader, head: dict[str, Any]) -> list[str]:
    """Author names from a byline as written: prefix and agencies dropped, joiners split."""
    body = credits.html.byline_prefix.sub("", written, count=1)
    names = []
    for part in credits.html.name_split.split(body):
        part = part.strip(" .:-–—")
        if (
            part
            and _PERSON.match(part)
            and not credits.agency_token.fullmatch(part)
            and not credits.agency_token.search(part)
        ):
            names.append(part)
    return names


def _apply_byline(doc: Document, byline: tuple[Span, str] | None, credits: CreditReader, keep_author: bool) -> None:
    """The byline as written and where it stands; an agency in it is a credit (``By Jane Doe, AP``)."""
    if byline is None:
        return
    span, written = byline
    agencies = [
        credits.agencies.canonical_name(m.group(0)) if credits.agencies else m.group(0).lower()
        for m in credits.agency_token.finditer(doc.plain, span.start, span.end)
    ]
    if agencies and not any(c.span.overlaps(span) for c in doc.credit_lines):
        doc.credit_lines.append(CreditLine(span, written, tuple(dict.fromkeys(agencies))))
        doc.credit_lines.sort(key=lambda c: c.span.start)
    if doc.authors and not keep_author:
        doc.byline, doc.byline_span = written, span
