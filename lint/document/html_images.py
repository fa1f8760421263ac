"""The HTML reader's images: which <img> is a photo, and the caption or credit that serves it."""

from __future__ import annotations

import bisect
from dataclasses import dataclass

import regex

from lint.document.credits import CreditReader, holder_of
from lint.document.html_roles import BYLINE, CAPTION, CREDIT, HIDDEN_IN_STORY, Element
from lint.document.html_scan import ImageTag
from lint.document.html_text import _Page, clean
from lint.document.model import Image, Span, trimmed
from lint.pack.lazyre import lazy

_SMALL_IMAGE = 100  # width or height attributes under this (pixels) mark icons, avatars, tracking pixels


_NOT_PHOTO = lazy(
    r"(?<![a-z])(?:logo|icon|avatar|sprite|pixel|spacer|tracking|tracker|badge|emoji|gravatar|"
    r"favicon|1x1|blank\.gif|transparent\.(?:gif|png)|spinner|loader|headshot|mugshot|player|/themes?/|"
    r"author[-_]?(?:image|photo|pic)|profile[-_]?(?:image|photo|pic))",
    regex.IGNORECASE,
)


_DATA_CREDIT = lazy(r"^data-[\w-]*(?:credit|copyright|photographer|rights|attribution)", regex.IGNORECASE)


_SENTENCE_END = lazy(r"[.!?]\s")


_TRAILING_NAME = lazy(r"\((\p{Lu}[\p{L}\p{M}.'’-]+(?:\s+\p{Lu}[\p{L}\p{M}.'’-]+){1,3})\)\s*$")


# Labels some sites put before the holder inside a credit element ("Credit Credit Name", "Bildrechte: X").
_CREDIT_LABEL = lazy(
    r"^(?:(?:credits?|photo|foto|bild|image|bildrechte|copyright|quelle|source)\b[\s.:…]*)+", regex.IGNORECASE
)


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
    while index >= 0:
        if index in by_container:
            return by_container[index]
        index = elements[index].parent
    return []


def _following(page: _Page, groups: list[_Group], tag: ImageTag, run_starts: list[int]) -> list[_Group]:
    """Caption and credit elements right after an image outside any figure (no story text between)."""
    next_run = bisect.bisect_left(run_starts, tag.end)
    found: list[_Group] = []
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
