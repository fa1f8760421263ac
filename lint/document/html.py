"""HTML articles and CMS rich text: the same document model as text and Markdown, positions in the source.

``Document.text`` is the HTML source. ``plain`` keeps only article text (captions and credits included),
``masked`` only story text: everything else -- tags, head, scripts, navigation, page furniture, related
teasers -- is blanked in place with spaces, so every offset is an offset into the source. Entities are
decoded in place as well: ``&amp;`` becomes ``&`` followed by four spaces, so rules see ``&`` while the
finding's position and excerpt are those of the source. Source line breaks inside a paragraph become
spaces and each block boundary (a blanked tag) gets one line break, so line-anchored credit shapes
(``(dpa)`` at a line end, ``Foto: …`` at a line start) read HTML paragraphs as they read text lines.

Which part of the page is the article: the smallest candidate (``<article>``, ``<main>``,
``itemprop=articleBody``, a body-like class, or the parent/grandparent of paragraphs) that holds at
least three quarters of the best candidate's paragraph text; figures and the byline are read from the
enclosing ``<article>`` as well.
"""

from __future__ import annotations

import bisect
from dataclasses import replace
from typing import Any

from lint.document import html_meta
from lint.document.analysis import ReadContext, _language, complete, dotted
from lint.document.credits import CreditReader
from lint.document.html_fields import _apply_byline, _visible_fields
from lint.document.html_images import _images
from lint.document.html_roles import (
    H1,
    HEADING,
    HIDDEN_IN_STORY,
    KICKER,
    LIST,
    PARA,
    QUOTE,
    Element,
    is_article_candidate,
)
from lint.document.html_scan import Run, scan
from lint.document.html_text import _TAG, _Page, clean, decode, snap_span
from lint.document.html_words import HtmlWords
from lint.document.model import Block, Document, Span
from lint.pack.profiles import FALLBACK

ROOT_SHARE = 0.75  # a smaller paragraph container wins when it holds this share of the densest one's text
WIDEN_SHARE = 1.34  # an enclosing <article>/articleBody is taken when it adds at most a third more text
WRAPPER_SHARE = 0.5  # a "sidebar"-classed element holding this share of all paragraph text is a page wrapper


def read_html(
    path: str,
    text: str,
    ctx: ReadContext,
    record: dict[str, Any] | None = None,
    record_keys: dict[str, str] | None = None,
) -> Document:
    """Build the document for one HTML page or fragment; ``record`` holds a CMS record's own fields."""
    page = _page(text, ctx.credits.html)
    decoded = [decode(text[r.start : r.end]) for r in page.runs]
    title_decoded = [decode(text[r.start : r.end]) for r in page.title_runs]
    plain = _assemble(text, page.runs + page.title_runs, decoded + title_decoded, hide=None)
    images, adopted = _images(page, plain, ctx.credits)
    hidden = {i for i, r in enumerate(page.runs) if r.flags & HIDDEN_IN_STORY} | adopted
    masked = _assemble(text, page.runs, decoded, hide=hidden)
    fields = html_meta.head_fields(text, page.scan)
    visible = _visible_fields(page, plain, fields, ctx.credits)
    raw = {**fields, **{k: v for k, v in visible.items() if k != "_"}}
    title_span, byline = visible["_"]
    if title_span and title_span[2]:  # a title from the head: put its text where the title scope reads it
        start, end = title_span[0], title_span[1]
        plain = plain[:start] + decode(text[start:end]) + plain[end:]
    for name, path_ in ctx.front_matter_keys.items():  # mapped keys win where the page has them
        value = dotted(raw, path_)
        if value is not None:
            raw[name] = value
    if record:
        raw.update({k: v for k, v in record.items() if v is not None})
    doc = Document(
        path=path,
        text=text,
        format="html",
        masked=masked,
        plain=plain,
        front_matter=raw,
        blocks=_blocks(page, masked, hidden),
        position_map=snap_span,
    )
    doc.language = _language(doc, ctx)
    complete(doc, ctx, ctx.profiles.get(doc.language or "", FALLBACK), None, images)
    if title_span and doc.title and not (record and record.get("title")):
        doc.title_span = Span(title_span[0], title_span[1])
    _apply_byline(doc, byline, ctx.credits, keep_author=bool(record and record.get("author")))
    _as_read(doc, {id(image) for image in images}, ctx.credits)
    return doc


def _as_read(doc: Document, ours: set[int], credits: CreditReader) -> None:
    """The shared steps quote the source for a "By …" line or a "Foto: …" line; in HTML that source
    holds tags and entities, so the byline and those credits are taken as the reader sees them."""
    if doc.byline_span and doc.byline and ("<" in doc.byline or "&" in doc.byline):
        doc.byline = " ".join(doc.plain[doc.byline_span.start : doc.byline_span.end].split())
    for i, image in enumerate(doc.images):
        if id(image) not in ours and image.credit and ("<" in image.credit or "&" in image.credit):
            holder = credits.holder(clean(_TAG.sub(" ", image.credit)))
            doc.images[i] = replace(image, credit=holder)


def _page(text: str, words: HtmlWords) -> _Page:
    found = scan(text, words)
    runs = found.runs
    para = [r for r in runs if r.flags & PARA]
    total = sum(r.end - r.start for r in para) or sum(r.end - r.start for r in runs)
    inside: dict[int, int] = {}
    for run in runs:
        if run.soft and (run.flags & PARA or not para):
            for index in run.soft:
                inside[index] = inside.get(index, 0) + run.end - run.start
    wrappers = {i for i, n in inside.items() if total and n >= WRAPPER_SHARE * total}
    kept = [r for r in runs if not r.soft or all(i in wrappers for i in r.soft)]
    root = _text_root(found.elements, kept, wrappers, words)
    region = _article_region(found.elements, root, len(text))
    title_runs = _title_runs(kept, region)
    if title_runs and title_runs[0].start < region[0]:
        # Byline, date, lead image and intro often stand between the title and the body container.
        region = (min(r.start for r in title_runs), region[1])
    lead = _lead_figure(found.elements, region[0])
    in_region = [r for r in kept if region[0] <= r.start < region[1]]
    outside_title = [r for r in title_runs if not region[0] <= r.start < region[1]]
    page = _Page(text, found, in_region, region, lead, outside_title, list(found.images))
    page.scan.images[:] = [i for i in found.images if not i.soft or all(s in wrappers for s in i.soft)]
    return page


LEAD_FIGURE_GAP = 1500  # characters of markup between a lead figure's end and the article body's start


def _lead_figure(elements: list[Element], start: int) -> tuple[int, int]:
    """A <figure> ending just above the article body is its lead image (hero pictures stand before the
    body container): where the reader also takes article images from."""
    found = [e for e in elements if e.name == "figure" and start - LEAD_FIGURE_GAP <= e.end <= start]
    return (min(e.start for e in found), start) if found else (start, start)


def _text_root(elements: list[Element], kept: list[Run], wrappers: set[int], words: HtmlWords) -> int:
    """The element holding the article's paragraphs (-1: the whole document)."""
    para = [r for r in kept if r.flags & PARA]
    if not para:
        return -1
    starts = [r.start for r in para]
    sums = [0]
    for run in para:
        sums.append(sums[-1] + run.end - run.start)

    def score(index: int) -> int:
        if index < 0:
            return sums[-1]
        element = elements[index]
        return sums[bisect.bisect_left(starts, element.end)] - sums[bisect.bisect_left(starts, element.start)]

    dense: set[int] = set()  # parents and grandparents of paragraphs
    for run in para:
        parent = elements[run.paragraph].parent if run.paragraph >= 0 else -1
        dense.add(parent)
        if parent >= 0:
            dense.add(elements[parent].parent)

    def size(index: int) -> int:
        return elements[index].end - elements[index].start if index >= 0 else 1 << 62

    scored = [(score(i), i) for i in dense]
    best = max(s for s, _ in scored)
    if best == 0:
        return -1
    root = min((i for s, i in scored if s >= ROOT_SHARE * best), key=lambda i: (size(i), i))
    # Widen to an announced article body around it (articleBody, <article>) when that adds little.
    index, own = root, score(root)
    while index >= 0:
        element = elements[index]
        if (
            is_article_candidate(element, words)
            and element.name != "main"
            and element.attrs.get("role", "").lower() != "main"
            and score(index) <= WIDEN_SHARE * own
            and (not element.soft or all(s in wrappers for s in element.soft))
        ):
            root = index
        index = element.parent
    return root


def _article_region(elements: list[Element], root: int, length: int) -> tuple[int, int]:
    """The text root widened to its enclosing <article> (header, lead figure, footer credits)."""
    if root < 0:
        return 0, length
    index = root
    while index >= 0:
        element = elements[index]
        if element.name == "article" or "Article" in element.attrs.get("itemtype", ""):
            root = index
            break
        index = element.parent
    return elements[root].start, elements[root].end


def _title_runs(kept: list[Run], region: tuple[int, int]) -> list[Run]:
    """The runs of the article's <h1>: the first in the region, else the last one before it."""
    headings = [r for r in kept if r.flags & H1 and not r.flags & KICKER]
    if not headings:
        return []
    inside = [r for r in headings if region[0] <= r.start < region[1]]
    before = [r for r in headings if r.start < region[0]]
    chosen = inside[0].special if inside else before[-1].special if before else headings[0].special
    return [r for r in headings if r.special == chosen]


def _assemble(text: str, runs: list[Run], decoded: list[str], hide: set[int] | None) -> str:
    """Blank everything but the given runs (same length); a block boundary becomes a line break."""
    order = sorted(range(len(runs)), key=lambda i: runs[i].start)
    pieces: list[str] = []
    pos = 0
    previous: Run | None = None
    for i in order:
        run = runs[i]
        gap = run.start - pos
        if gap > 0:
            if previous is None or run.epoch != previous.epoch or run.break_before:
                pieces.append(_filler(gap))
            else:
                pieces.append(" " * gap)
        pieces.append(" " * (run.end - run.start) if hide is not None and i in hide else decoded[i])
        pos = run.end
        previous = run
    pieces.append(_filler(len(text) - pos))
    return "".join(pieces)


_FILLER_LINE = " " * 63 + "\n"


def _filler(length: int) -> str:
    """Blank space between blocks. It starts and ends with a line break, so a block's text is a line of
    its own (``^``/``$`` in credit shapes), and has one every 64 characters, since the shared credit
    patterns (``^[ \t]*…``) would otherwise retry quadratically across the long blanks of a page."""
    if length <= 2:
        return "\n" * length
    return "\n" + (_FILLER_LINE * (length // 64 + 1))[: length - 2] + "\n"


def _blocks(page: _Page, masked: str, hidden: set[int]) -> list[Block]:
    blocks: list[Block] = []
    group: list[int] = []

    def flush() -> None:
        if not group:
            return
        first, last = page.runs[group[0]], page.runs[group[-1]]
        start, end = first.start, last.end
        if group[0] not in hidden:
            while start < end and masked[start].isspace():
                start += 1
            while end > start and masked[end - 1].isspace():
                end -= 1
        else:
            start += len(page.text[start:end]) - len(page.text[start:end].lstrip())
            end -= len(page.text[start:end]) - len(page.text[start:end].rstrip())
        if end > start:
            blocks.append(Block(_kind(first.flags, group[0] in hidden), Span(start, end)))
        group.clear()

    for i, run in enumerate(page.runs):
        if group and (run.epoch != page.runs[group[-1]].epoch or (i in hidden) != (group[-1] in hidden)):
            flush()
        group.append(i)
    flush()
    return blocks


def _kind(flags: int, hidden: bool) -> str:
    if hidden or flags & HIDDEN_IN_STORY:
        return "caption"
    if flags & HEADING:
        return "heading"
    if flags & QUOTE:
        return "blockquote"
    if flags & LIST:
        return "list"
    return "paragraph"


# --- images and their credits ---------------------------------------------------------------------


# --- title, byline, kicker, date ------------------------------------------------------------------
