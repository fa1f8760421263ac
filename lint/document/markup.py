"""Plain text and Markdown: front matter, markup blanked in place, and paragraph-level blocks.

Markdown syntax is replaced by spaces in ``masked`` (never removed), so every offset the rules see
is an offset into the original file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import regex

from lint.document.model import Block, Span, trimmed
from lint.document.source import InputError
from lint.pack.lazyre import lazy
from lint.pack.yamlio import YamlError, load_data

_FRONT_MATTER = lazy(r"\A---[ \t]*\n(.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|\Z)", regex.DOTALL)
_FENCE = lazy(r"^[ \t]{0,3}(`{3,}|~{3,})[^\n]*\n.*?(?:^[ \t]{0,3}\1[ \t]*$|\Z)", regex.MULTILINE | regex.DOTALL)
_COMMENT = lazy(r"<!--.*?(?:-->|\Z)", regex.DOTALL)
_TAG = lazy(r"</?[A-Za-z][^<>\n]*>")
_INLINE_CODE = lazy(r"`[^`\n]+`")
# Link and image parts never contain a bracket of their own: every attempt stops at the next '[' or ']',
# so a file of nothing but '[x](' or '![' is read in linear time (unbounded classes made it quadratic).
IMAGE = lazy(
    r"!\[(?P<alt>[^\[\]\n]*)\]\(\s*(?P<src><[^<>\n]*>|[^\s)\[\]]+)"
    r"(?:\s+(?:\"(?P<t1>[^\"\n]*)\"|'(?P<t2>[^'\n]*)'))?\s*\)"
)
_LINK_OPEN = lazy(r"(?<!!)\[(?=[^\[\]\n]*\]\([^)\[\]\n]*\))")
_LINK_TAIL = lazy(r"\]\([^)\[\]\n]*\)")
_REF_DEF = lazy(r"^[ \t]{0,3}\[[^\]\n]+\]:[^\n]*$", regex.MULTILINE)
_EMPHASIS = lazy(r"(?<![\w*_])[*_]{1,3}(?=[^\s*_])|(?<=[^\s*_])[*_]{1,3}(?![\w*_])")
_ESCAPE = lazy(r"\\(?=[\\`*_{}\[\]()#+\-.!>])")
_HEADING = lazy(r"^[ \t]{0,3}(#{1,6})(?:[ \t]+|$)", regex.MULTILINE)
_QUOTE_MARK = lazy(r"^[ \t]{0,3}(?:>[ \t]?)+", regex.MULTILINE)
_BULLET = lazy(r"^[ \t]*(?:[-*+]|\d{1,3}[.)])[ \t]+", regex.MULTILINE)
_RULE_LINE = lazy(r"^[ \t]{0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$", regex.MULTILINE)
_TABLE_PIPE = lazy(r"\|")


@dataclass
class Markup:
    """What the markup pass gives the document builder."""

    masked: str
    front_matter: dict[str, Any] = field(default_factory=dict)
    front_matter_span: Span | None = None
    blocks: list[Block] = field(default_factory=list)
    markdown_images: list[tuple[Span, str, str]] = field(default_factory=list)  # span, alt, title
    comments: list[Span] = field(default_factory=list)


def _blank(chars: list[str], start: int, end: int) -> None:
    for i in range(start, end):
        if chars[i] != "\n":
            chars[i] = " "


def _front_matter(text: str, path: str, chars: list[str]) -> tuple[dict[str, Any], Span | None]:
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, None
    try:
        data = load_data(match.group(1) or "", path)
    except YamlError as exc:
        line = (exc.line or 0) + 1  # the YAML starts on line 2
        raise InputError(path, f"front matter: {exc.message}", line) from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise InputError(path, "front matter must be a mapping of fields", 2)
    _blank(chars, 0, match.end())
    return dict(data), Span(0, match.end())


def parse(text: str, path: str, markdown: bool) -> Markup:
    """Front matter (both formats), Markdown markup blanked (Markdown only) and blocks."""
    chars = list(text)
    front_matter, fm_span = _front_matter(text, path, chars)
    body_start = fm_span.end if fm_span else 0
    markup = Markup(masked="", front_matter=front_matter, front_matter_span=fm_span)
    for match in _COMMENT.finditer(text, body_start):
        markup.comments.append(Span(match.start(), match.end()))
        _blank(chars, match.start(), match.end())
    if markdown:
        _mask_markdown(text, body_start, chars, markup)
    markup.masked = "".join(chars)
    markup.blocks = _blocks(text, markup.masked, body_start, markdown)
    return markup


def _mask_markdown(text: str, start: int, chars: list[str], markup: Markup) -> None:
    for pattern in (_FENCE, _REF_DEF, _INLINE_CODE):
        for match in pattern.finditer(text, start):
            _blank(chars, match.start(), match.end())
    current = "".join(chars)
    for match in IMAGE.finditer(current, start):
        title = match.group("t1") or match.group("t2") or ""
        markup.markdown_images.append((Span(match.start(), match.end()), match.group("alt"), title))
        _blank(chars, match.start(), match.end())
    current = "".join(chars)
    for pattern in (_TAG, _LINK_OPEN, _LINK_TAIL, _ESCAPE, _EMPHASIS, _TABLE_PIPE):
        for match in pattern.finditer(current, start):
            _blank(chars, match.start(), match.end())
        current = "".join(chars)
    for pattern in (_RULE_LINE, _HEADING, _QUOTE_MARK, _BULLET):
        for match in pattern.finditer(current, start):
            _blank(chars, match.start(), match.end())


def _line_kind(line: str, markdown: bool) -> str:
    if markdown:
        if _HEADING.match(line):
            return "heading"
        if _QUOTE_MARK.match(line):
            return "blockquote"
        if _BULLET.match(line):
            return "list"
    return "paragraph"


def _blocks(text: str, masked: str, start: int, markdown: bool) -> list[Block]:
    """Blocks are runs of non-blank lines; Markdown headings and list items stand alone."""
    blocks: list[Block] = []
    current: tuple[str, int, int] | None = None  # kind, start, end
    pos = start
    for line in text[start:].split("\n"):
        line_start, line_end = pos, pos + len(line)
        pos = line_end + 1
        visible = masked[line_start:line_end]
        if not visible.strip():
            if current:
                blocks.append(_make_block(masked, *current))
                current = None
            continue
        kind = _line_kind(line, markdown)
        starts_new = (
            kind in ("heading", "list")
            or (current is not None and current[0] != kind)
            or (current is not None and current[0] == "heading")
        )
        if current and starts_new:
            blocks.append(_make_block(masked, *current))
            current = None
        current = (kind, current[1], line_end) if current else (kind, line_start, line_end)
    if current:
        blocks.append(_make_block(masked, *current))
    return [b for b in blocks if b.span.end > b.span.start]


def _make_block(masked: str, kind: str, start: int, end: int) -> Block:
    return Block(kind, trimmed(masked, start, end))
