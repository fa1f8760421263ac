"""From decoded text to the document model: blocks, credits, body and tail, sentences, quotes, images."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from lint.document import language as language_detection
from lint.document import markup
from lint.document.blanking import blank
from lint.document.credits import CreditKit, CreditReader, find_byline, holder_of
from lint.document.model import STORY_KINDS, Block, CreditLine, Document, Image, Sentence, Span
from lint.document.quotes import find_quotes
from lint.document.segment import split_sentences
from lint.pack.profiles import FALLBACK, LanguageProfile
from lint.pack.textindex import TokenIndex

HEADING_MAX_WORDS = 12
TAIL_SEARCH_BLOCKS = 4  # credits are looked for in the last blocks of the story and what follows it
DATELINE_BLOCKS = 3
MAX_CREDIT_CHARS = 200


@dataclass
class ReadContext:
    """What reading needs besides the text: profiles, credit shapes, field mapping and language choice."""

    profiles: dict[str, LanguageProfile]
    credits: CreditReader
    front_matter_keys: dict[str, str] = field(default_factory=dict)
    forced_language: str | None = None
    default_language: str | None = None


def dotted(data: dict[str, Any], path: str) -> Any:
    value: Any = data
    for part in path.split("."):
        if not isinstance(value, dict) or part not in value:
            return None
        value = value[part]
    return value


def map_fields(raw: dict[str, Any], keys: dict[str, str]) -> dict[str, Any]:
    """Front matter under the pack's field names, with each CMS's key mapping applied."""
    fields = dict(raw)
    if "lang" not in raw and "language" in raw and "lang" not in keys:
        fields["lang"] = raw["language"]
    for name, path in keys.items():
        fields[name] = dotted(raw, path)
    return fields


def build_document(path: str, text: str, fmt: str, ctx: ReadContext, record: dict[str, Any] | None = None) -> Document:
    """A text or Markdown document; ``record`` holds fields given beside the text (a CMS export record)."""
    parsed = markup.parse(text, path, markdown=fmt == "markdown")
    fields = map_fields({**(record or {}), **parsed.front_matter}, ctx.front_matter_keys)
    doc = Document(
        path=path,
        text=text,
        format=fmt,
        masked=parsed.masked,
        plain=parsed.masked,
        front_matter=fields,
        front_matter_span=parsed.front_matter_span,
        blocks=parsed.blocks,
    )
    doc.language = _language(doc, ctx)
    profile = ctx.profiles.get(doc.language or "", FALLBACK)
    complete(doc, ctx, profile, parsed.markdown_images)
    return doc


def _language(doc: Document, ctx: ReadContext) -> str | None:
    if ctx.forced_language:
        return ctx.forced_language
    declared = doc.front_matter.get("lang")
    if isinstance(declared, str) and declared.strip():
        return declared.strip().lower().replace("_", "-").split("-")[0]
    if ctx.default_language:
        return ctx.default_language
    return language_detection.detect(doc.masked, ctx.profiles)


def complete(
    doc: Document,
    ctx: ReadContext,
    profile: LanguageProfile,
    markdown_images: list[tuple[Span, str, str]] | None = None,
    images: list[Image] | None = None,
) -> None:
    """Fill in everything derived from blocks; shared by every reader (text, Markdown, HTML, JSONL)."""
    kit = ctx.credits.kit(doc.text)
    doc.source_lexicon = profile.sources
    image_lines = _image_lines(doc, ctx, kit)
    without_images = blank(doc.masked, ((span.start, span.end) for span, _ in image_lines))
    doc.credit_lines = _find_agency_credits(doc, ctx, without_images, kit)
    doc.masked = blank(without_images, ((c.span.start, c.span.end) for c in doc.credit_lines))
    TokenIndex.alias(doc.masked, doc.plain)
    doc.blocks = _classify(doc)
    _body_and_tail(doc, profile)
    _segment(doc, profile)
    doc.images = _images(doc, image_lines, markdown_images or [], ctx, images or [])
    _byline_and_title(doc, ctx, profile)


def _text_range(doc: Document) -> tuple[int, int]:
    """From the first block's line start to its last block's line end: where matches can be. An HTML
    page is mostly blank (head, navigation, footer), and scanning that costs more than the article."""
    if not doc.blocks:
        return 0, len(doc.masked)
    end = doc.masked.find("\n", doc.blocks[-1].span.end)
    return doc.masked.rfind("\n", 0, doc.blocks[0].span.start) + 1, len(doc.masked) if end < 0 else end


def _image_lines(doc: Document, ctx: ReadContext, kit: CreditKit) -> list[tuple[Span, str]]:
    """Plain-text image credits: ``Foto: …`` lines and captions ending in one; blanked from the story."""
    found: list[tuple[Span, str]] = []
    masked = doc.masked
    low, high = _text_range(doc)
    start = max(low, doc.front_matter_span.end if doc.front_matter_span else 0)
    for label, holder, line_end in ctx.credits.image_lines(masked, start, high):
        line_start = masked.rfind("\n", 0, label) + 1
        line_end = min(line_end, holder + MAX_CREDIT_CHARS)  # a credit is short; archives may lack line breaks
        at_line_start = not masked[line_start:label].strip()
        if at_line_start and kit.tail_shapes.search(masked, line_start, line_end):  # "Quelle: dpa"
            continue
        end = line_end
        while end > label and doc.text[end - 1].isspace():
            end -= 1
        found.append((Span(label, end), doc.text[holder:line_end].strip()))
    return found


def _find_agency_credits(doc: Document, ctx: ReadContext, masked: str, kit: CreditKit) -> list[CreditLine]:
    candidates = [b for b in doc.blocks if b.kind not in ("heading", "caption")]  # captions: HTML figures
    credits: list[CreditLine] = []
    # A dateline opens a line near the start of the story (a block may begin with a title line). Blocks of
    # a few words (share links, a date line, a credit) come before it on web pages and do not count.
    openers = [b for b in candidates if b.kind != "credit" and len(masked[b.span.start : b.span.end].split()) >= 8]
    for block in openers[:DATELINE_BLOCKS]:
        match = kit.dateline_shapes.search(masked, block.span.start, min(block.span.end, block.span.start + 400))
        if match:
            credits.append(ctx.credits.credit_line(doc.plain, match, kit))
            break
    tail_from = candidates[-TAIL_SEARCH_BLOCKS].span.start if len(candidates) >= TAIL_SEARCH_BLOCKS else 0
    if candidates:
        tail_from = max(tail_from, candidates[0].span.start)
    low, high = _text_range(doc)
    for match in kit.tail_shapes.finditer(masked, max(tail_from, low), high):
        credit = ctx.credits.credit_line(doc.plain, match, kit)
        if credit.agencies and not any(c.span.overlaps(credit.span) for c in credits):
            credits.append(credit)
    return credits


def _classify(doc: Document) -> list[Block]:
    """Blocks left empty by blanking are credits; short unpunctuated one-liners in plain text are headings."""
    blocks = []
    for block in doc.blocks:
        visible = doc.masked[block.span.start : block.span.end]
        if not visible.strip():
            blocks.append(Block("credit", block.span))
        elif block.kind == "paragraph" and doc.format == "text" and _looks_like_heading(visible):
            blocks.append(Block("heading", block.span))
        else:
            blocks.append(block)
    return blocks


def _looks_like_heading(visible: str) -> bool:
    stripped = visible.strip()
    return (
        "\n" not in stripped
        and len(stripped.split()) <= HEADING_MAX_WORDS
        and stripped[-1] not in ".!?:…"
        and not stripped.endswith(('."', ".“", ".”", '!"', '?"'))
    )


def _body_and_tail(doc: Document, profile: LanguageProfile) -> None:
    story = [b for b in doc.blocks if b.kind in STORY_KINDS]
    tail_credits = [
        c
        for c in doc.credit_lines
        if (not story or c.span.start > story[0].span.start + 2) and not _story_follows(doc, story, c.span)
    ]
    if not story:
        doc.body_end = doc.tail_start = 0
        return
    if tail_credits:
        first = min(c.span.start for c in tail_credits)
        before = [
            b for b in story if b.span.start < first and doc.masked[b.span.start : min(b.span.end, first)].strip()
        ]
        end = min(before[-1].span.end, first) if before else story[-1].span.end
    else:
        kept = list(story)
        while len(kept) > 1 and _is_furniture(doc.masked[kept[-1].span.start : kept[-1].span.end], profile):
            kept.pop()
        end = kept[-1].span.end
    while end > 0 and doc.masked[end - 1].isspace():
        end -= 1
    doc.body_end = end


def _story_follows(doc: Document, story: list[Block], span: Span) -> bool:
    """A credit with story sentences after it in its block is a dateline ("Title line / ISTANBUL (AP) -
    The three …" in one block), not the start of the tail."""
    for block in story:
        if block.span.start <= span.start < block.span.end:
            after = doc.masked[span.end : min(block.span.end, span.end + 40 * HEADING_MAX_WORDS)]
            return len(after.split()) > HEADING_MAX_WORDS
    return False


def _is_furniture(visible: str, profile: LanguageProfile) -> bool:
    lowered = visible.lower()
    return any(marker.lower() in lowered for marker in profile.tail_markers)


def _segment(doc: Document, profile: LanguageProfile) -> None:
    sentences: list[Sentence] = []
    quotes = []
    openers = {opening for opening, _ in profile.quotes}
    for index, block in enumerate(doc.blocks):
        if block.kind == "credit":
            continue
        start, end = block.span.start, block.span.end
        following = doc.blocks[index + 1] if index + 1 < len(doc.blocks) else None
        continued = (
            following is not None and following.kind in STORY_KINDS and doc.masked[following.span.start] in openers
        )
        quotes += find_quotes(
            doc.masked, start, end, index, profile, exempt=block.kind == "heading", continued=continued
        )
        if block.kind in STORY_KINDS:
            sentences += [Sentence(span, index) for span in split_sentences(doc.masked, start, end, profile)]
    doc.sentences = sentences
    doc.quotes = quotes
    last = [s for s in sentences if s.span.end <= doc.body_end]
    doc.tail_start = last[-1].span.start if last else doc.body_end


def _images(
    doc: Document,
    image_lines: list[tuple[Span, str]],
    markdown_images: list[tuple[Span, str, str]],
    ctx: ReadContext,
    found: list[Image],
) -> list[Image]:
    """Every image with the one credit that serves it (DESIGN.md, Credits); ``found``: a reader's own (HTML)."""
    images: list[Image] = list(found)
    used_lines: set[Span] = set()
    for span, alt, title in markdown_images:
        labelled = ctx.credits.image_lines(title)  # a title "Foto: Name/dpa" holds the label too
        written = title[labelled[0][1] :] if labelled and not title[: labelled[0][0]].strip() else title
        raw, credit_span = (written.strip() or None), None
        if raw:
            credit_span = span
        else:
            following = _next_line_credit(doc, span, image_lines)
            if following:
                credit_span, raw = following
                used_lines.add(credit_span)
        images.append(
            Image(
                span=span,
                credit=holder_of(raw) if raw else None,
                credit_span=credit_span,
                caption=alt or None,
                credit_raw=raw,
            )
        )
    for span, raw in image_lines:
        if span not in used_lines:
            images.append(Image(span=span, credit=holder_of(raw), credit_span=span, credit_raw=raw))
    images.sort(key=lambda image: image.span.start)
    teaser = doc.front_matter.get("image")
    raw_field = doc.front_matter.get("image_credit")
    raw_field = str(raw_field).strip() if raw_field not in (None, "") else None
    field_credit = holder_of(raw_field) if raw_field else None
    symbolic = doc.front_matter.get("image_symbolic") is True
    if teaser and doc.front_matter_span:
        images.insert(
            0,
            Image(
                span=_field_line_start(doc, "image"),
                credit=field_credit,
                symbolic=symbolic,
                credit_span=_field_line_start(doc, "image_credit") if field_credit else None,
                credit_raw=raw_field,
            ),
        )
        field_credit = None
    if field_credit:
        for i, image in enumerate(images):
            if image.credit is None:
                images[i] = Image(
                    image.span,
                    field_credit,
                    _field_line_start(doc, "image_credit"),
                    image.caption,
                    credit_raw=raw_field,
                )
                break
    return images


def _next_line_credit(doc: Document, span: Span, image_lines: list[tuple[Span, str]]) -> tuple[Span, str] | None:
    """A credit line on the next non-blank line after a Markdown image."""
    after = doc.text[span.end :]
    skipped = len(after) - len(after.lstrip())
    if after[:skipped].count("\n") > 2:
        return None
    start = span.end + skipped
    for line_span, holder in image_lines:
        if line_span.start >= span.end and doc.text[start : line_span.start].strip(" \t*_") == "":
            return line_span, holder
        if line_span.start > start:
            break
    return None


def _field_line_start(doc: Document, name: str) -> Span:
    """The start of the front-matter line of a field (empty), so a finding about it points at it."""
    key = doc.field_span(name)
    return Span(key.start, key.start) if key else Span(0, 0)


def _byline_and_title(doc: Document, ctx: ReadContext, profile: LanguageProfile) -> None:
    author = doc.front_matter.get("author")
    if isinstance(author, str) and author.strip():
        doc.byline, doc.authors = author.strip(), [author.strip()]
    elif isinstance(author, list) and any(isinstance(a, str) and a.strip() for a in author):
        doc.authors = [a.strip() for a in author if isinstance(a, str) and a.strip()]
        doc.byline = ", ".join(doc.authors)
    else:
        start = doc.front_matter_span.end if doc.front_matter_span else 0
        found = find_byline(doc.text, doc.masked, start, profile, ctx.credits)
        if found:
            doc.byline, doc.byline_span, doc.authors = found
    title = doc.front_matter.get("title")
    if isinstance(title, str) and title.strip():
        doc.title = title.strip()
        doc.title_span = _field_line_start(doc, "title")
    elif doc.format == "markdown" and doc.blocks and doc.blocks[0].kind == "heading":
        first = doc.blocks[0]
        if doc.text[first.span.start : first.span.end].lstrip().startswith("# "):
            doc.title = doc.masked[first.span.start : first.span.end].strip()
            doc.title_span = first.span
