"""Where credits stand in the document model: plain-text image credit lines and agency credits (datelines where
a story or ticker item starts, byline and source lines under the title, credit lines in the tail). The shapes are
the pack's vocabularies, compiled in ``lint.document.credits``; this module decides where to look for them."""

from __future__ import annotations

import regex

from lint.document.credits import CreditKit, CreditReader
from lint.document.model import CreditLine, Document, Span, trimmed

TAIL_SEARCH_BLOCKS = 4  # credits are looked for in the last blocks of the story and what follows it
DATELINE_BLOCKS = 3
DATELINE_CHARS = 400
MAX_CREDIT_CHARS = 200
CAPTION_MAX_WORDS = 12  # a caption line is as short as a heading (analysis.HEADING_MAX_WORDS)
_LINK_TAG = regex.compile(r"<(/?)a(?=[\s>])", regex.IGNORECASE)


def find_image_lines(
    doc: Document, credits: CreditReader, kit: CreditKit, text_range: tuple[int, int]
) -> list[tuple[Span, str]]:
    """Plain-text image credits, blanked from the story: ``Foto: …`` lines and captions ending in one, the
    unlabelled holder shapes of image_credit_shapes.yaml, and a source line under an uncredited caption."""
    found: list[tuple[Span, str]] = []
    masked = doc.masked
    low, high = text_range
    start = max(low, doc.front_matter_span.end if doc.front_matter_span else 0)
    for match in kit.image_shapes.finditer(masked, start, high):
        groups = match.groupdict()
        span = Span(match.start("label") if groups.get("label") else match.start("holder"), match.end())
        if any(span.overlaps(other) for other, _ in found):
            continue
        if groups.get("caption_only") is not None:
            continue  # bracketed caption ends: markup captions only
        if doc.format == "html" and _in_link_text(doc.text, match.start(), match.end()):
            continue
        if groups.get("story_only") is not None and not _story_follows(masked, match.end(), high):
            continue  # "© holder" after the story is a site footer or the text's own credit line
        found.append((trimmed(doc.text, span.start, span.end), doc.text[match.start("holder") : match.end("holder")]))
    for label, holder, line_end in credits.image_lines(masked, start, high):
        line_start = masked.rfind("\n", 0, label) + 1
        line_end = min(line_end, holder + MAX_CREDIT_CHARS)  # a credit is short; archives may lack line breaks
        at_line_start = not masked[line_start:label].strip()
        shape = kit.tail_shapes.search(masked, line_start, line_end) if at_line_start else None
        if shape is not None and shape.start() <= label:  # "Quelle: dpa": the label is the credit's own
            continue
        end = line_end
        while end > label and doc.text[end - 1].isspace():
            end -= 1
        if doc.format == "html" and _in_link_text(doc.text, label, end, holder):
            continue  # "<a …>Photos: Weather around the world</a>": a link to a gallery or graphic, not a credit
        if any(Span(label, end).overlaps(other) for other, _ in found):
            continue  # "(Picture: Getty Images)": the bracketed shape was found first, without its ")"
        found.append((Span(label, end), doc.text[holder:line_end].strip()))
    for match in kit.head_shapes.finditer(masked, start, high):
        if match.groupdict().get("source_label") is None or any(
            match.start() < o.end and o.start < match.end() for o, _ in found
        ):
            continue
        if _under_uncredited_caption(masked, match.start(), found) and _story_follows(masked, match.end(), high):
            holder = match.start("source_label")
            colon = masked.find(":", holder, match.end())
            span = trimmed(doc.text, holder, match.end())
            found.append((span, doc.text[colon + 1 if colon >= 0 else holder : match.end()].strip()))
    found.sort(key=lambda item: item[0].start)
    return found


STORY_LINE_WORDS = 8
LINK_LOOKBACK = 2000


def _in_link_text(text: str, start: int, end: int, holder: int | None = None) -> bool:
    """Markup: the label stands inside an <a> element, or a link opens within the line (a teaser of a gallery or
    a graphic: "<a …>Photos: …</a>", "(Graphic: … <a …>here</a>)")."""
    tags = list(_LINK_TAG.finditer(text, max(0, start - LINK_LOOKBACK), start))
    if tags and not tags[-1].group(1):
        return True
    opening = [m for m in _LINK_TAG.finditer(text, start, end) if not m.group(1)]
    if opening and holder is not None and not text[holder : opening[0].start()].strip():
        return False  # "Foto: <a …>Name</a> / Bildagentur": the holder links to the photographer's page
    return bool(opening)


def _story_follows(masked: str, pos: int, high: int) -> bool:
    """Story text (a line of at least eight words ending a sentence) after ``pos``: the place is above the
    story's end, not in the tail."""
    for line in masked[pos:high].split("\n"):
        words = line.split()
        if len(words) >= STORY_LINE_WORDS and line.rstrip()[-1:] in '.!?"“”»«…':
            return True
    return False


def _under_uncredited_caption(masked: str, line_start: int, found: list[tuple[Span, str]]) -> bool:
    """The line before (no blank line between) is a short caption-like line without a credit of its own."""
    line_start = (
        masked.rfind("\n", 0, line_start + 1) + 1 if masked[line_start - 1 : line_start] != "\n" else line_start
    )
    if line_start == 0:
        return False
    previous_start = masked.rfind("\n", 0, line_start - 1) + 1
    previous = masked[previous_start : line_start - 1].strip()
    if not previous or len(previous.split()) > CAPTION_MAX_WORDS or previous[-1] in ".!?:…":
        return False
    return not any(s.start < line_start - 1 and previous_start < s.end for s, _ in found)


def find_agency_credits(
    doc: Document, reader: CreditReader, masked: str, kit: CreditKit, text_range: tuple[int, int]
) -> list[CreditLine]:
    """Agency credits where a story or ticker item starts, under the title and in the tail (DESIGN.md, Credits)."""
    candidates = [b for b in doc.blocks if b.kind not in ("heading", "caption")]  # captions: HTML figures
    credits: list[CreditLine] = []

    def add(match: regex.Match[str]) -> None:
        credit = reader.credit_line(doc.plain, match, kit)
        if credit.agencies and not any(c.span.overlaps(credit.span) for c in credits):
            credits.append(credit)

    # A dateline opens a story or a ticker item: the start of any block, or a line in its first characters (a
    # block may begin with a title, kicker, date or byline line, or hold all of them on one line).
    for block in candidates:
        for match in kit.dateline_shapes.finditer(
            masked, block.span.start, min(block.span.end, block.span.start + DATELINE_CHARS)
        ):
            add(match)
    low, high = text_range
    # Byline and source lines stand under the title: before the third paragraph of story text.
    long_blocks = [b for b in candidates if len(masked[b.span.start : b.span.end].split()) >= STORY_LINE_WORDS]
    head_end = long_blocks[DATELINE_BLOCKS - 1].span.end if len(long_blocks) >= DATELINE_BLOCKS else high
    for match in kit.head_shapes.finditer(masked, low, min(head_end, high)):
        add(match)
    tail_from = candidates[-TAIL_SEARCH_BLOCKS].span.start if len(candidates) >= TAIL_SEARCH_BLOCKS else 0
    if candidates:
        tail_from = max(tail_from, candidates[0].span.start)
    for match in kit.tail_shapes.finditer(masked, max(tail_from, low), high):
        add(match)
    credits.sort(key=lambda c: c.span.start)
    return credits
