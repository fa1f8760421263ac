"""The HTML reader's images: which <img> is a photo, and the caption or credit that serves it."""

from __future__ import annotations

import bisect
import itertools
from dataclasses import dataclass

from lint.document.credits import CreditReader
from lint.document.html_credit_text import MAX_HOLDER_WORDS, find_credit, read_caption
from lint.document.html_roles import BYLINE, CAPTION, CREDIT, HIDDEN_IN_STORY, Element
from lint.document.html_scan import ImageTag, Run
from lint.document.html_text import _Page, clean
from lint.document.model import Image, Span, trimmed
from lint.pack.lazyre import lazy

SHORT_ALT_WORDS = 3
LINK_DEPTH = 4  # an <a> this close around an image makes it a link (the image is the link's content)
_ZERO_SIZE = lazy(r"(?:^|;)(?:width|height):0(?:px)?(?:;|$)")
_IMAGE_FILE = lazy(r"\.(?:jpe?g|png|gif|webp|avif|tiff?)(?:[?#]|$)")
_SMALL_IMAGE = 100  # width or height attributes under this (pixels) mark icons, avatars, tracking pixels


_SOURCE_ATTRIBUTES = (
    "data-src",
    "data-lazy-src",
    "data-original",
    "src",
    "srcset",
    "data-srcset",
    "data-lazy",
    "data-url",
)


def _is_photo(image: ImageTag, credits: CreditReader | None = None, elements: list[Element] | None = None) -> bool:
    """Article photos, not logos, icons, avatars, rating stars, share buttons, tracking pixels or teasers of
    other stories (by attributes, words kept as data, and context)."""
    attrs = image.attrs
    style = attrs.get("style", "").replace(" ", "").lower()
    if _ZERO_SIZE.search(style):
        return False
    if elements is not None and image.container < 0 and _in_link(elements, image.element):
        return False
    not_photo = credits.not_photo if credits is not None else None
    if not_photo is not None:
        alt = attrs.get("alt", "")
        words = [attrs.get("src", ""), attrs.get("data-src", ""), attrs.get("class", ""), attrs.get("id", "")]
        if len(alt.split()) <= SHORT_ALT_WORDS:  # "rating", "search icon", "Facebook": a label, not a caption
            words.append(alt)
        if elements is not None and 0 <= image.element < len(elements):
            # the wrapper names what the picture is ("author-img", "share-box"), when the <img> is bare
            words.append(_class_words(elements[image.element].attrs))
        if any(not_photo.search(w) for w in words if w):
            return False
    if image.flags & BYLINE:
        return False
    for key in ("width", "height"):
        value = attrs.get(key, "").strip().lower().removesuffix("px")
        if value.isdigit() and int(value) < _SMALL_IMAGE:
            return False
    sources = [attrs.get(k, "") for k in _SOURCE_ATTRIBUTES]
    real = [s for s in sources if s.strip() and not s.strip().startswith("data:")]
    if not real:
        return False
    if attrs.get("role") == "presentation" or attrs.get("aria-hidden") == "true":
        return False
    furniture = credits.html.not_photo if credits is not None else None  # parts of names: "site-logo2.png"
    return (
        furniture is None or furniture.search(" ".join([real[0], attrs.get("class", ""), attrs.get("id", "")])) is None
    )


def _class_words(attrs: dict[str, str]) -> str:
    return f"{attrs.get('class', '')} {attrs.get('id', '')}".strip() if attrs else ""


def _distinct(tags: list[ImageTag]) -> list[ImageTag]:
    """One picture once: a lazy-loading <img> and its <noscript> copy in the same figure (or with the same
    address) are one image."""
    kept: list[ImageTag] = []
    containers: set[int] = set()
    addresses: set[str] = set()
    for tag in tags:
        address = (_source_of(tag) or "").split("?")[0].rsplit("/", 1)[-1]
        if (tag.container >= 0 and tag.container in containers) or (address and address in addresses):
            continue
        kept.append(tag)
        if tag.container >= 0:
            containers.add(tag.container)
        if address:
            addresses.add(address)
    return kept


def _in_link(elements: list[Element], index: int) -> bool:
    """An image outside a figure inside a link to another page is a teaser of another story (a link to the
    picture itself, a zoom, is not; a figure's image is the article's even when it links to a gallery)."""
    for _ in range(LINK_DEPTH):
        if index < 0:
            return False
        element = elements[index]
        if element.name == "a":
            href = element.attrs.get("href", "").strip().lower()
            return bool(href) and not href.startswith(("#", "javascript:")) and not _IMAGE_FILE.search(href)
        index = element.parent
    return False


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
        if (region[0] <= t.start < region[1] or lead[0] <= t.start < lead[1])
        and _is_photo(t, credits, page.scan.elements)
    ]
    tags = _distinct(tags)
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
        if not near and _in_link(page.scan.elements, tag.element):
            continue  # a linked picture without a caption of its own: a teaser of another story
        for group in near:
            if group.used or group.kind != CREDIT:
                continue
            found = find_credit(plain, group.start, group.end, credits, credit_element=True)
            if found:
                credit, group.used = found, True
                break
        for group in near:  # the first caption is the caption; the credit may stand in a later caption element
            if group.kind != CAPTION or (group.used and credit is None):
                continue
            if caption is None:
                caption = " ".join(plain[group.start : group.end].split()) or None
            if credit is None:
                credit = find_credit(plain, group.start, group.end, credits)
                group.used = True
            if credit is not None:
                break
        if credit is None and tag.container < 0:
            credit = _adopt_paragraph(page, plain, tag, credits, run_starts, adopted)
        if credit is None:
            credit = _attribute_credit(tag, credits)
        if credit is None and not near:
            credit = _credit_after(page, plain, tag, credits, run_starts, adopted)
        if credit is None:
            credit = _credit_outside(page, tag, credits)
        span = Span(tag.start, tag.end)
        alt = clean(tag.attrs.get("alt", ""))
        images.append(
            Image(
                span=span,
                credit=credit[1] if credit else None,
                credit_span=credit[0] if credit else None,
                caption=caption or alt or None,
                src=_source_of(tag),
            )
        )
    return images, adopted


def _source_of(tag: ImageTag) -> str | None:
    """The picture's address as written: the first real ``src``-like attribute (lazy loaders move it)."""
    for key in _SOURCE_ATTRIBUTES:
        value = tag.attrs.get(key, "").strip()
        if value and not value.startswith("data:"):
            return clean(value.split(",")[0].split()[0]) if "srcset" in key else clean(value)
    return None


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


CAPTION_WORDS = 80  # a caption block is short; a story paragraph is not read as one
LABEL_WORDS = 3  # a field label before its value ("Photo by:")
CAPTION_REACH = 600  # characters after an image where a caption without markup may stand


def _credit_after(
    page: _Page, plain: str, tag: ImageTag, credits: CreditReader, run_starts: list[int], adopted: set[int]
) -> tuple[Span, str] | None:
    """A caption without caption markup right after an image (no caption element of its own): the next text
    block, when it ends in a credit shape ("… (AP Photo/Name)", "Photo by: AGENCY")."""
    index = bisect.bisect_left(run_starts, tag.end)
    if index >= len(page.runs) or page.runs[index].start - tag.end > CAPTION_REACH:
        return None
    epoch = page.runs[index].epoch
    members = [i for i in range(index, min(len(page.runs), index + 8)) if page.runs[i].epoch == epoch]
    if page.runs[index].flags & (CAPTION | CREDIT) and not _sibling_caption(page.runs[index], tag, page.scan.elements):
        return None  # the next figure's own caption
    if page.runs[index].flags & (CAPTION | CREDIT):  # caption markup outside the image's container
        members = list(
            itertools.takewhile(lambda i: page.runs[i].flags & (CAPTION | CREDIT), range(index, len(page.runs)))
        )
    span = trimmed(plain, page.runs[members[0]].start, page.runs[members[-1]].end)
    label = plain[span.start : span.end].split()
    after = members[-1] + 1
    labelled = 0 < len(label) <= LABEL_WORDS and label[-1].endswith(":") and after < len(page.runs)
    if labelled:  # "Photo by:" as a field label: its value is the next block, a short one
        epoch = page.runs[after].epoch
        following = [i for i in range(after, min(len(page.runs), after + 4)) if page.runs[i].epoch == epoch]
        value = trimmed(plain, page.runs[following[0]].start, page.runs[following[-1]].end)
        labelled = len(plain[value.start : value.end].split()) <= MAX_HOLDER_WORDS
        if labelled:
            span = Span(span.start, value.end)
            members = members + following
    if len(plain[span.start : span.end].split()) > CAPTION_WORDS:
        return None  # a story paragraph, not a caption
    found = find_credit(plain, span.start, span.end, credits, credit_element=labelled)
    if found is None:
        return None
    where = found[0]
    bracketed = plain[where.start - 1 : where.start] == "("
    if bracketed and credits.kit(plain).tail_shapes.search(plain, where.start - 1, where.end + 1):
        return None  # "… zwei Millionen Euro. (dpa)": the story's own agency credit, not a photo credit
    if labelled:
        adopted.update(members)  # label and value are the image's credit, no story text
    return found


def _attribute_credit(tag: ImageTag, credits: CreditReader) -> tuple[Span, str] | None:
    """A credit in ``data-*`` credit attributes, or a marked credit inside ``alt``/``title``."""
    for name, value in tag.attrs.items():
        if credits.html.data_credit.match(name) and value.strip():
            holder = credits.holder(clean(value))
            if holder:
                return Span(*tag.attr_spans.get(name, (tag.start, tag.end))), holder
    for name in ("title", "alt", "data-caption", "aria-label"):
        value = clean(tag.attrs.get(name, ""))
        found = find_credit(value, 0, len(value), credits) if value else None
        if found:
            return Span(*tag.attr_spans.get(name, (tag.start, tag.end))), found[1]
    return None


SIBLING_GAP = 400  # characters of markup between an image's figure and a caption element standing after it


def _credit_outside(page: _Page, tag: ImageTag, credits: CreditReader) -> tuple[Span, str] | None:
    """Caption markup the article text does not hold: a caption element right after the image's figure,
    outside it (a hero image's caption, often above the article region), or the caption of another copy of
    the same picture in a figure (a gallery set aside as furniture while a caption-less copy was kept)."""
    every = page.scan.runs
    starts = [r.start for r in every]
    elements = page.scan.elements
    end = elements[tag.container].end if tag.container >= 0 else tag.end
    index = bisect.bisect_left(starts, end)
    if index < len(every) and every[index].start - end <= SIBLING_GAP and _sibling_caption(every[index], tag, elements):
        later = [t.start for t in page.every_image if t.start > every[index].start]
        found = read_caption(page.text, every, index, credits, limit=min(later, default=len(page.text)))
        if found:
            return found
    address = _address(tag)
    if not address:
        return None
    for other in page.every_image:
        if other is tag or other.container < 0 or other.container == tag.container or _address(other) != address:
            continue
        members = [i for i, r in enumerate(every) if r.container == other.container and r.flags & (CAPTION | CREDIT)]
        if members:
            found = read_caption(page.text, every, members[0], credits, members)
            if found:
                return found
    return None


def _sibling_caption(run: Run, tag: ImageTag, elements: list[Element]) -> bool:
    """A caption or credit run that is no other figure's own (its container, if any, holds the image)."""
    if not run.flags & (CAPTION | CREDIT):
        return False
    if run.container < 0:
        return True
    holder = elements[run.container]
    return holder.start <= tag.start < holder.end


def _address(tag: ImageTag) -> str:
    """The picture's file name without query: copies of one picture in other sizes share it."""
    return (_source_of(tag) or "").split("?")[0].split("#")[0].rsplit("/", 1)[-1]
