"""The HTML reader's text layer: charset declarations, entity decoding, the position mapping of findings, and the scanned page."""

from __future__ import annotations

import html as html_lib
from dataclasses import dataclass, field

import regex

from lint.document.html_scan import (
    ImageTag,
    Run,
    Scan,
)
from lint.pack.lazyre import lazy

_ENTITY = lazy(r"&(?:#[0-9]{1,7};?|#[xX][0-9a-fA-F]{1,6};?|[A-Za-z][A-Za-z0-9]{1,31};?)")


_WORD_WITH_ENTITY = lazy(r"\w*+(?:&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});\w*+)++")


_SPACES = str.maketrans({"\n": " ", "\t": " ", "\f": " ", "\v": " ", "\xa0": " ", "\u2007": " ", "\u202f": " "})


_TAG = lazy(r"<[^<>]*>")


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


def snap_span(text: str, start: int, end: int) -> tuple[int, int]:
    """The HTML reader's position mapping: a match that starts or ends inside an entity (``&quot;``
    decodes to its first character) is widened to the whole entity, so the excerpt is the source text the
    reader sees as that character."""
    around_start = _entity_around(text, start)
    around_end = _entity_around(text, end) if end > start else None
    start = around_start[0] if around_start else start
    return start, _word_end(text, around_end[1] if around_end else end)


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
    every_image: list[ImageTag] = field(default_factory=list)  # before soft exclusion (gallery copies)
