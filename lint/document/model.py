"""The document model: what a reader (text, Markdown, HTML, JSONL) produces and what rules read.

Every span is a pair of 0-based offsets into ``Document.text``: the decoded source with its BOM
removed and CRLF folded to LF, so offsets map one-to-one onto the code points of the original file
(DESIGN.md, Positions).  Markup is never removed from ``text``; readers blank it out in
``Document.masked`` instead (same length), so patterns never see it and positions stay valid.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from typing import Any, TypeVar

T = TypeVar("T")

STORY_KINDS = ("paragraph", "list", "blockquote")  # the blocks that carry the story
_FIELD_KEY: dict[str, re.Pattern[str]] = {}


@dataclass(frozen=True, slots=True)
class Span:
    """A half-open range ``[start, end)`` of ``Document.text``."""

    start: int
    end: int

    def contains(self, other: Span) -> bool:
        return self.start <= other.start and other.end <= self.end

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end


def trimmed(text: str, start: int, end: int) -> Span:
    """``[start, end)`` without the white space at either edge."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end)


@dataclass(frozen=True, slots=True)
class Block:
    """A paragraph-level unit: ``kind`` is paragraph, heading, credit, list, blockquote or caption."""

    kind: str
    span: Span


@dataclass(frozen=True, slots=True)
class Sentence:
    span: Span
    paragraph: int  # index into Document.blocks


@dataclass(frozen=True, slots=True)
class Quote:
    """A quotation: ``span`` includes the quotation marks, ``inner`` excludes them."""

    span: Span
    inner: Span
    paragraph: int
    speech: bool  # False for quoted terms and titles
    runs_on: bool = False  # unclosed: the quotation runs on into the next paragraph (opening mark on each)


@dataclass(frozen=True, slots=True)
class Image:
    """An image in the article and the credit that serves it (``credit`` is None when it has none)."""

    span: Span
    credit: str | None = None
    credit_span: Span | None = None
    caption: str | None = None
    symbolic: bool = False
    credit_raw: str | None = None  # the credit as written after its label, "©" included
    src: str | None = None  # where the picture comes from (an <img> src, a Markdown target, front-matter image)

    @property
    def credit_text(self) -> str:
        """What a holder check reads: the credit as written, or nothing."""
        return self.credit_raw if self.credit_raw is not None else (self.credit or "")


@dataclass(frozen=True, slots=True)
class CreditLine:
    """An agency credit as written (``(dpa/afp/fte)``, ``WASHINGTON (AP) —``) and its agencies."""

    span: Span
    text: str
    agencies: tuple[str, ...]


@dataclass
class Document:
    """One article, read and segmented; rules only ever read this."""

    path: str
    text: str
    format: str  # text | markdown | html | jsonl
    masked: str = ""  # text with markup and credit lines blanked out (same length): what story rules read
    plain: str = ""  # text with markup blanked out but credits kept: what tail and document rules read
    front_matter: dict[str, Any] = field(default_factory=dict)
    front_matter_span: Span | None = None
    language: str | None = None
    blocks: list[Block] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    images: list[Image] = field(default_factory=list)
    credit_lines: list[CreditLine] = field(default_factory=list)
    title: str | None = None
    title_span: Span | None = None
    byline: str | None = None
    byline_span: Span | None = None
    authors: list[str] = field(default_factory=list)
    body_end: int = 0  # offset just after the last body sentence; the tail starts at that sentence
    tail_start: int = 0
    record_line: int | None = None  # JSONL input: the line of the record
    source_lexicon: Any = None  # the language profile's SourceLexicon (lint.document.sources)
    # the reader's mapping of a span over ``text`` to the span a finding shows (None: as it is)
    position_map: Callable[[str, int, int], tuple[int, int]] | None = field(default=None, repr=False)
    _line_starts: list[int] = field(default_factory=list, repr=False)
    _sentence_starts: list[int] = field(default_factory=list, repr=False)
    _derived: dict[Hashable, Any] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        if not self.masked:
            self.masked = self.text
        if not self.plain:
            self.plain = self.masked
        starts = [0]
        find = self.text.find
        pos = find("\n")
        while pos != -1:
            starts.append(pos + 1)
            pos = find("\n", pos + 1)
        self._line_starts = starts

    def line_col(self, offset: int) -> tuple[int, int]:
        """1-based line and column (code points) of a 0-based offset."""
        line = bisect.bisect_right(self._line_starts, offset) - 1
        return line + 1, offset - self._line_starts[line] + 1

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """Where a match over the reader's text is shown: the reader's own position mapping."""
        return self.position_map(self.text, start, end) if self.position_map else (start, end)

    def sentence_index(self, offset: int) -> int | None:
        """The index of the sentence holding ``offset``, if one does (sentence starts memoised)."""
        if len(self._sentence_starts) != len(self.sentences):
            self._sentence_starts = [s.span.start for s in self.sentences]
        i = bisect.bisect_right(self._sentence_starts, offset) - 1
        if i >= 0 and offset < self.sentences[i].span.end:
            return i
        return None

    def derived(self, key: Hashable, compute: Callable[[], T]) -> T:
        """A view derived from the read document (the unquoted text, a pattern's matches), computed once.

        The document owns the memo; checks never write into the document."""
        if key not in self._derived:
            self._derived[key] = compute()
        return self._derived[key]  # type: ignore[no-any-return]

    def field_span(self, name: str) -> Span | None:
        """Where the front matter writes the top-level key ``name`` (the key's own span), so a finding
        about a field points at it; None when the front matter does not write it."""
        if not self.front_matter_span:
            return None
        match = _FIELD_KEY.get(name) or _FIELD_KEY.setdefault(name, re.compile(rf"(?m)^{re.escape(name)}[ \t]*:"))
        found = match.search(self.text, 0, self.front_matter_span.end)
        return Span(found.start(), found.start() + len(name)) if found else None

    def slice(self, span: Span) -> str:
        return self.text[span.start : span.end]

    @property
    def body_blocks(self) -> list[tuple[int, Block]]:
        """Paragraph blocks of the story (not headings, credits or the tail)."""
        return [(i, b) for i, b in enumerate(self.blocks) if b.kind in STORY_KINDS and b.span.start < self.body_end]

    def field(self, name: str) -> Any:
        return self.front_matter.get(name)
