"""From decoded text to the document model: blocks, credits, body and tail, sentences, quotes, images."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

import regex

from lint.document import language as language_detection
from lint.document import markup
from lint.document.blanking import blank
from lint.document.bylines import find_byline
from lint.document.credit_finding import find_agency_credits, find_image_lines
from lint.document.credits import CreditReader
from lint.document.model import STORY_KINDS, Block, Document, Image, Sentence, Span
from lint.document.quotes import find_quotes
from lint.document.segment import split_sentences
from lint.pack.profiles import FALLBACK, LanguageProfile
from lint.pack.textindex import TokenIndex

HEADING_MAX_WORDS = 12
_MARKDOWN_TARGET = regex.compile(r"\]\(\s*<?([^\s)>]+)")


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
    image_lines = find_image_lines(doc, ctx.credits, kit, _text_range(doc))
    without_images = blank(doc.masked, ((span.start, span.end) for span, _ in image_lines))
    doc.credit_lines = find_agency_credits(doc, ctx.credits, without_images, kit, _text_range(doc))
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
    The three …" in one block), and one with story paragraphs after it stands under the title: neither starts
    the tail."""
    for block in story:
        if block.span.start <= span.start < block.span.end:
            after = doc.masked[span.end : min(block.span.end, span.end + 40 * HEADING_MAX_WORDS)]
            if len(after.split()) > HEADING_MAX_WORDS:
                return True
    # A byline or source line under the title ("The Associated Press", "/ Source: AFP") has the story after it:
    # at least two paragraphs of text follow, so it does not start the tail.
    later = [b for b in story if b.span.start >= span.end]
    return sum(1 for b in later if len(doc.masked[b.span.start : b.span.end].split()) > HEADING_MAX_WORDS) >= 2


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
        target = _MARKDOWN_TARGET.search(doc.text, span.start, span.end)
        images.append(
            Image(
                span=span,
                credit=ctx.credits.holder(raw) if raw else None,
                credit_span=credit_span,
                caption=alt or None,
                credit_raw=raw,
                src=target.group(1) if target else None,
            )
        )
    loose: list[tuple[Span, str]] = []
    for span, raw in image_lines:
        if span in used_lines:
            continue
        before = _uncredited_image_before(doc, images, span)
        if before is not None:  # markup: "<img …><cite>Foto: Name</cite>": the credit line serves that image
            images[before] = replace(images[before], credit=ctx.credits.holder(raw), credit_span=span, credit_raw=raw)
            continue
        loose.append((span, raw))
    uncredited = [i for i, image in enumerate(images) if image.credit is None]
    if doc.format == "html" and len(loose) == 1 and len(uncredited) == 1:
        # a page's one credit line away from its images ("Foto: Name" closing the story) serves its one
        # uncredited image (the featured picture above the title)
        (span, raw), index = loose.pop(), uncredited[0]
        images[index] = replace(images[index], credit=ctx.credits.holder(raw), credit_span=span, credit_raw=raw)
    for span, raw in loose:
        images.append(Image(span=span, credit=ctx.credits.holder(raw), credit_span=span, credit_raw=raw))
    images.sort(key=lambda image: image.span.start)
    teaser = doc.front_matter.get("image")
    raw_field = doc.front_matter.get("image_credit")
    raw_field = str(raw_field).strip() if raw_field not in (None, "") else None
    field_credit = ctx.credits.holder(raw_field) if raw_field else None
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
                src=str(teaser).strip() or None,
            ),
        )
        field_credit = None
    if field_credit:
        for i, image in enumerate(images):
            if image.credit is None:
                images[i] = replace(
                    image, credit=field_credit, credit_span=_field_line_start(doc, "image_credit"), credit_raw=raw_field
                )
                break
    return images


CREDIT_LINE_REACH = 300  # visible characters between a markup image and a credit line that serves it


def _uncredited_image_before(doc: Document, images: list[Image], span: Span) -> int | None:
    """The markup image right before a credit line (no story text between) that has no credit yet."""
    if doc.format != "html":
        return None
    earlier = [i for i, image in enumerate(images) if image.span.end <= span.start]
    if not earlier:
        return None
    index = max(earlier, key=lambda i: images[i].span.end)
    between = doc.masked[images[index].span.end : span.start]
    if images[index].credit is not None or len(between.strip()) > CREDIT_LINE_REACH:
        return None
    return index


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
        # plain, not masked: a byline that names an agency ("By Ann Smith, Reuters") is also a credit line
        found = find_byline(doc.text, doc.plain, start, profile, ctx.credits)
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
