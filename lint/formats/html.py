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
import html as html_lib
from dataclasses import dataclass, replace
from typing import Any

import regex

from lint.analysis import ReadContext, _language, complete, dotted
from lint.credits import CreditReader, holder_of
from lint.finding import Finding
from lint.formats import html_meta
from lint.formats.html_scan import (
    BYLINE,
    CAPTION,
    CREDIT,
    H1,
    HEADING,
    HIDDEN_IN_STORY,
    KICKER,
    LIST,
    PARA,
    QUOTE,
    TIME,
    Element,
    ImageTag,
    Run,
    Scan,
    is_article_candidate,
    scan,
)
from lint.lazyre import lazy
from lint.model import Block, CreditLine, Document, Image, Span, trimmed
from lint.profiles import FALLBACK

ROOT_SHARE = 0.75  # a smaller paragraph container wins when it holds this share of the densest one's text
WIDEN_SHARE = 1.34  # an enclosing <article>/articleBody is taken when it adds at most a third more text
WRAPPER_SHARE = 0.5  # a "sidebar"-classed element holding this share of all paragraph text is a page wrapper
MAX_BYLINE_WORDS = 16
_ENTITY = lazy(r"&(?:#[0-9]{1,7};?|#[xX][0-9a-fA-F]{1,6};?|[A-Za-z][A-Za-z0-9]{1,31};?)")
_WORD_WITH_ENTITY = lazy(r"\w*+(?:&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});\w*+)++")
_SPACES = str.maketrans({"\n": " ", "\t": " ", "\f": " ", "\v": " ", "\xa0": " ", "\u2007": " ", "\u202f": " "})
_SMALL_IMAGE = 100  # width or height attributes under this (pixels) mark icons, avatars, tracking pixels
_NOT_PHOTO = lazy(
    r"(?<![a-z])(?:logo|icon|avatar|sprite|pixel|spacer|tracking|tracker|badge|emoji|gravatar|"
    r"favicon|1x1|blank\.gif|transparent\.(?:gif|png)|spinner|loader|headshot|mugshot|player|/themes?/|"
    r"author[-_]?(?:image|photo|pic)|profile[-_]?(?:image|photo|pic))",
    regex.IGNORECASE,
)
_DATA_CREDIT = lazy(r"^data-[\w-]*(?:credit|copyright|photographer|rights|attribution)", regex.IGNORECASE)
_BYLINE_PREFIX = lazy(
    r"^\s*(?:(?:written\s+)?by|von|text(?:\s+von)?|autor(?:in)?|author|ein\s+\w+\s+von)"
    r"\s*:?\s+",
    regex.IGNORECASE,
)
_NAME_SPLIT = lazy(r"\s*(?:,|;|\||·|•|\band\b|\bund\b|&)\s*", regex.IGNORECASE)
_PERSON = lazy(r"^\p{Lu}[\p{L}\p{M}'’.-]*(?:\s+\p{L}[\p{L}\p{M}'’.-]*){0,4}$")
_SENTENCE_END = lazy(r"[.!?]\s")
_TAG = lazy(r"<[^<>]*>")
_TRAILING_NAME = lazy(r"\((\p{Lu}[\p{L}\p{M}.'’-]+(?:\s+\p{Lu}[\p{L}\p{M}.'’-]+){1,3})\)\s*$")
# Labels some sites put before the holder inside a credit element ("Credit Credit Name", "Bildrechte: X").
_CREDIT_LABEL = lazy(
    r"^(?:(?:credits?|photo|foto|bild|image|bildrechte|copyright|quelle|source)\b[\s.:…]*)+", regex.IGNORECASE
)
# Where a byline's date, time or counters begin.
_DATE_TAIL = lazy(
    r"\s*(?:\||•|·|(?<=\s)(?=\S*\d)|\b(?:Updated|Published|Aktualisiert|Veröffentlicht|Stand)\b)", regex.IGNORECASE
)


_CHARSET = lazy(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", regex.IGNORECASE)


def declared_charset(data: bytes) -> str | None:
    """The charset a page declares in its first 4 KB (``<meta charset>`` or the http-equiv form)."""
    match = _CHARSET.search(data, 0, 4096)
    return match.group(1).decode("ascii") if match else None


def decode(raw: str) -> str:
    """Entities decoded and white space made single-line, keeping the length (see the module docstring).

    A word written with letter entities ("B&uuml;rgermeister") is decoded whole and padded after the word
    ("Bürgermeister     "), so rules still see one word; padding at each entity would split it in two.
    """
    if "&" in raw:
        raw = _WORD_WITH_ENTITY.sub(_shift_word, raw)
        raw = _ENTITY.sub(_pad_entity, raw)
    return raw.translate(_SPACES)


def _shift_word(match: regex.Match[str]) -> str:
    source = match.group(0)
    value = html_lib.unescape(source)
    if len(value) > len(source) or not value.isalnum():
        return source  # not a plain word (e.g. "A&amp;B"): each entity is padded where it stands
    return value + " " * (len(source) - len(value))


_WORD_WINDOW = 256


def _word_end(text: str, end: int) -> int:
    """The end of a source word with letter entities that ``end`` cuts, else ``end`` itself."""
    start = end
    while start > 0 and (text[start - 1].isalnum() or text[start - 1] in "&#;"):
        start -= 1
    # An end position bounds the match: without one, the regex module's set-up costs time in proportion
    # to the whole text, for every finding (quadratic on a page of many images).
    match = _WORD_WITH_ENTITY.match(text, start, min(len(text), end + _WORD_WINDOW))
    return match.end() if match and match.start() < end < match.end() else end


def _entity_around(text: str, offset: int) -> tuple[int, int] | None:
    """The entity whose characters include ``offset`` (after its first character), if any."""
    amp = text.rfind("&", max(0, offset - 40), offset)
    if amp < 0:
        return None
    match = _ENTITY.match(text, amp, min(len(text), amp + 40))
    return (amp, match.end()) if match and amp < offset < match.end() else None


def snap_findings(doc: Document, findings: list[Finding]) -> list[Finding]:
    """A match that starts or ends inside an entity (``&quot;`` decodes to its first character) is
    widened to the whole entity, so the excerpt is the source text the reader sees as that character."""
    snapped = []
    for finding in findings:
        start, end = finding.start, finding.end
        around_start = _entity_around(doc.text, start)
        around_end = _entity_around(doc.text, end) if end > start else None
        if around_start is None and around_end is None and _word_end(doc.text, end) == end:
            snapped.append(finding)
            continue
        start = around_start[0] if around_start else start
        end = _word_end(doc.text, around_end[1] if around_end else end)
        line, column = doc.line_col(start)
        end_line, end_column = doc.line_col(end)
        snapped.append(
            replace(
                finding,
                line=line,
                column=column,
                end_line=end_line,
                end_column=end_column,
                excerpt=doc.text[start:end],
                start=start,
                end=end,
            )
        )
    return snapped


_QUOTE_MARKS = frozenset("\"'„“”«»‚‘’‹›")


def _pad_entity(match: regex.Match[str]) -> str:
    """The decoded character padded with spaces to the entity's length. An opening quotation mark
    (one that follows white space or a tag) is padded on the left, so it still touches its first word,
    which is how quotations are paired (lint/quotes.py)."""
    source = match.group(0)
    value = html_lib.unescape(source)
    if len(value) > len(source):
        return source
    padding = " " * (len(source) - len(value))
    before = match.string[match.start() - 1] if match.start() else " "
    if value in _QUOTE_MARKS and (before.isspace() or before == ">"):
        return padding + value
    return value + padding


def clean(raw: str) -> str:
    """A value as a person reads it: entities decoded, white space collapsed."""
    return " ".join(html_lib.unescape(raw).split())


@dataclass
class _Page:
    """What the reader worked out about the page before building the document."""

    text: str
    scan: Scan
    runs: list[Run]  # article text runs (kept, in the article region)
    region: tuple[int, int]
    lead: tuple[int, int]  # between the title and the article region: lead image, byline
    title_runs: list[Run]


def read_html(
    path: str,
    text: str,
    ctx: ReadContext,
    record: dict[str, Any] | None = None,
    record_keys: dict[str, str] | None = None,
) -> Document:
    """Build the document for one HTML page or fragment; ``record`` holds a CMS record's own fields."""
    page = _page(text)
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
    )
    doc.language = _language(doc, ctx)
    complete(doc, ctx, ctx.profiles.get(doc.language or "", FALLBACK), None, images)
    if title_span and doc.title and not (record and record.get("title")):
        doc.title_span = Span(title_span[0], title_span[1])
    _apply_byline(doc, byline, ctx.credits, keep_author=bool(record and record.get("author")))
    _as_read(doc, {id(image) for image in images})
    return doc


def _as_read(doc: Document, ours: set[int]) -> None:
    """The shared steps quote the source for a "By …" line or a "Foto: …" line; in HTML that source
    holds tags and entities, so the byline and those credits are taken as the reader sees them."""
    if doc.byline_span and doc.byline and ("<" in doc.byline or "&" in doc.byline):
        doc.byline = " ".join(doc.plain[doc.byline_span.start : doc.byline_span.end].split())
    for i, image in enumerate(doc.images):
        if id(image) not in ours and image.credit and ("<" in image.credit or "&" in image.credit):
            holder = holder_of(clean(_TAG.sub(" ", image.credit)))
            doc.images[i] = replace(image, credit=holder)


def _page(text: str) -> _Page:
    found = scan(text)
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
    root = _text_root(found.elements, kept, wrappers)
    region = _article_region(found.elements, root, len(text))
    title_runs = _title_runs(kept, region)
    if title_runs and title_runs[0].start < region[0]:
        # Byline, date, lead image and intro often stand between the title and the body container.
        region = (min(r.start for r in title_runs), region[1])
    lead = (region[0], region[0])
    in_region = [r for r in kept if region[0] <= r.start < region[1]]
    outside_title = [r for r in title_runs if not region[0] <= r.start < region[1]]
    page = _Page(text, found, in_region, region, lead, outside_title)
    page.scan.images[:] = [i for i in found.images if not i.soft or all(s in wrappers for s in i.soft)]
    return page


def _text_root(elements: list[Element], kept: list[Run], wrappers: set[int]) -> int:
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
            is_article_candidate(element)
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


def _is_photo(image: ImageTag) -> bool:
    """Article photos, not logos, icons, avatars or tracking pixels (by attributes and context)."""
    attrs = image.attrs
    if image.flags & BYLINE:
        return False
    for key in ("width", "height"):
        value = attrs.get(key, "").strip().lower().removesuffix("px")
        if value.isdigit() and int(value) < _SMALL_IMAGE:
            return False
    sources = [
        attrs.get(k, "")
        for k in ("src", "data-src", "data-lazy-src", "data-original", "srcset", "data-srcset", "data-lazy", "data-url")
    ]
    real = [s for s in sources if s.strip() and not s.strip().startswith("data:")]
    if not real:
        return False
    if attrs.get("role") == "presentation" or attrs.get("aria-hidden") == "true":
        return False
    return _NOT_PHOTO.search(" ".join([real[0], attrs.get("class", ""), attrs.get("id", "")])) is None


def find_credit(
    haystack: str, start: int, end: int, credits: CreditReader, credit_element: bool = False
) -> tuple[Span, str] | None:
    """The credit holder inside a caption, credit element or alt text: a marker, a parenthesised photo
    credit, or a photo-service name in the last words; a credit element's whole text is a credit."""
    match = credits.caption_credit.search(haystack, start, end)
    if match and match.group("paren") is not None:  # "(Foto: Name)": the marker inside, if any, decides
        match = credits.caption_credit.search(haystack, *match.span("paren")) or match
    if match:
        group = "holder" if match.group("holder") is not None else "paren"
        holder = holder_of(" ".join(match.group(group).split()))
        if holder and credit_element:
            holder = holder_of(_CREDIT_LABEL.sub("", holder)) or holder
        if holder:
            return Span(*match.span(group)), holder
        if not credit_element:
            return None
    if credit_element:
        holder = holder_of(_CREDIT_LABEL.sub("", " ".join(haystack[start:end].split())))
        return (trimmed(haystack, start, end), holder) if holder else None
    named = _TRAILING_NAME.search(haystack, start, end)  # "… (Tahir Della)": a name in brackets at the end
    if named and named.end() == trimmed(haystack, start, end).end:
        return Span(*named.span(1)), named.group(1)
    tail = start
    for sentence_end in _SENTENCE_END.finditer(haystack, start, end):
        tail = sentence_end.end()
    words = haystack[tail:end].split()
    if 0 < len(words) <= 10 and credits.photo_token.search(haystack, tail, end):
        return trimmed(haystack, tail, end), holder_of(" ".join(words)) or " ".join(words)
    return None


@dataclass
class _Group:
    """A caption or credit element: its runs, span and image container."""

    kind: int  # CAPTION or CREDIT
    runs: list[int]
    start: int
    end: int
    container: int
    used: bool = False


def _groups(page: _Page) -> list[_Group]:
    groups: dict[int, _Group] = {}
    for i, run in enumerate(page.runs):
        if not run.flags & (CAPTION | CREDIT) or run.special < 0:
            continue
        kind = CREDIT if run.flags & CREDIT else CAPTION
        group = groups.get(run.special)
        if group is None:
            groups[run.special] = _Group(kind, [i], run.start, run.end, run.container)
        else:
            group.runs.append(i)
            group.end = run.end
    return sorted(groups.values(), key=lambda g: g.start)


def _images(page: _Page, plain: str, credits: CreditReader) -> tuple[list[Image], set[int]]:
    """Every article photo with the one credit that serves it; returns the images and the indexes of
    plain paragraphs adopted as credits (``<p>Foto: …</p>`` right after an image)."""
    region, lead = page.region, page.lead
    tags = [
        t
        for t in page.scan.images
        if (region[0] <= t.start < region[1] or lead[0] <= t.start < lead[1]) and _is_photo(t)
    ]
    groups = _groups(page)
    adopted: set[int] = set()
    images: list[Image] = []
    by_container: dict[int, list[_Group]] = {}
    for group in groups:
        by_container.setdefault(group.container, []).append(group)
    run_starts = [r.start for r in page.runs]
    for tag in tags:
        credit: tuple[Span, str] | None = None
        caption: str | None = None
        near = (
            _enclosing(page.scan.elements, tag, by_container)
            if tag.container >= 0
            else _following(page, groups, tag, run_starts)
        )
        for group in near:
            if group.used or group.kind != CREDIT:
                continue
            found = find_credit(plain, group.start, group.end, credits, credit_element=True)
            if found:
                credit, group.used = found, True
                break
        for group in near:
            if group.kind != CAPTION or (group.used and credit is None):
                continue
            caption = " ".join(plain[group.start : group.end].split()) or None
            if credit is None:
                credit = find_credit(plain, group.start, group.end, credits)
                group.used = True
            break
        if credit is None and tag.container < 0:
            credit = _adopt_paragraph(page, plain, tag, credits, run_starts, adopted)
        if credit is None:
            credit = _attribute_credit(tag, credits)
        span = Span(tag.start, tag.end)
        alt = clean(tag.attrs.get("alt", ""))
        images.append(
            Image(
                span=span,
                credit=credit[1] if credit else None,
                credit_span=credit[0] if credit else None,
                caption=caption or alt or None,
            )
        )
    return images, adopted


def _enclosing(elements: list[Element], tag: ImageTag, by_container: dict[int, list[_Group]]) -> list[_Group]:
    """Caption and credit elements of the innermost image container around the image that has any (a
    figure may wrap an image link classed "img-container" while its caption sits in the figure)."""
    index = tag.element
    for _ in range(MAX_CONTAINER_DEPTH):  # bounded: a page of 50,000 unclosed <figure>s nests that deep
        if index < 0:
            break
        if index in by_container:
            return by_container[index]
        index = elements[index].parent
    return []


MAX_CONTAINER_DEPTH = 64


def _following(page: _Page, groups: list[_Group], tag: ImageTag, run_starts: list[int]) -> list[_Group]:
    """Caption and credit elements right after an image outside any figure (no story text between)."""
    next_run = bisect.bisect_left(run_starts, tag.end)
    found = []
    for group in groups:
        if group.start < tag.end or group.container >= 0:
            continue
        if group.runs[0] != next_run + len(found) and not found:
            break
        found.append(group)
        if len(found) == 2:
            break
    return found


def _adopt_paragraph(
    page: _Page, plain: str, tag: ImageTag, credits: CreditReader, run_starts: list[int], adopted: set[int]
) -> tuple[Span, str] | None:
    """``<p>Foto: Name</p>`` right after an image in CMS rich text credits that image."""
    index = bisect.bisect_left(run_starts, tag.end)
    if index >= len(page.runs):
        return None
    epoch = page.runs[index].epoch
    members = [i for i in range(index, len(page.runs)) if page.runs[i].epoch == epoch]
    start, end = page.runs[members[0]].start, page.runs[members[-1]].end
    span = trimmed(plain, start, end)
    match = credits.caption_credit.match(plain, span.start, span.end)
    if not match or page.runs[index].flags & HIDDEN_IN_STORY:
        return None
    found = find_credit(plain, span.start, span.end, credits)
    if found:
        adopted.update(members)
    return found


def _attribute_credit(tag: ImageTag, credits: CreditReader) -> tuple[Span, str] | None:
    """A credit in ``data-*`` credit attributes, or a marked credit inside ``alt``/``title``."""
    for name, value in tag.attrs.items():
        if _DATA_CREDIT.match(name) and value.strip():
            holder = holder_of(clean(value))
            if holder:
                return Span(*tag.attr_spans.get(name, (tag.start, tag.end))), holder
    for name in ("title", "alt", "data-caption"):
        value = clean(tag.attrs.get(name, ""))
        found = find_credit(value, 0, len(value), credits) if value else None
        if found:
            return Span(*tag.attr_spans.get(name, (tag.start, tag.end))), found[1]
    return None


# --- title, byline, kicker, date ------------------------------------------------------------------


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
    byline = _byline_group(page, plain)
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


def _byline_group(page: _Page, plain: str) -> tuple[Span, str] | None:
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
        written = _DATE_TAIL.split(" ".join(" ".join(plain[r.start : r.end].split()) for r in group), 1)[0].strip()
        if 0 < len(written.split()) <= MAX_BYLINE_WORDS:
            return span, written
    return None


def _names(written: str, credits: CreditReader, head: dict[str, Any]) -> list[str]:
    """Author names from a byline as written: prefix and agencies dropped, joiners split."""
    body = _BYLINE_PREFIX.sub("", written, count=1)
    names = []
    for part in _NAME_SPLIT.split(body):
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
