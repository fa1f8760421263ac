"""Finding positions (1-based lines and columns in code points, DESIGN.md) to LSP positions.

LSP counts a column in UTF-16 code units unless client and server agreed on UTF-8 or UTF-32
(``positionEncoding``): a character outside the Basic Multilingual Plane (most emoji) is two UTF-16
units, „ and “ are one, and in UTF-8 „ is three. Lines agree: the engine reads CRLF and CR as LF,
and LSP counts each of the three as one line break. A BOM the editor kept in the text is not counted
by the engine but is a character to the editor.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import regex

UTF8, UTF16, UTF32 = "utf-8", "utf-16", "utf-32"
_LINE_BREAK = regex.compile(r"\r\n|\r|\n")


def units(text: str, encoding: str = UTF16) -> int:
    """The length of ``text`` in the encoding's code units."""
    if encoding == UTF32:
        return len(text)
    if encoding == UTF8:
        return len(text.encode("utf-8", "surrogatepass"))
    return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)


def code_points(line: str, count: int, encoding: str = UTF16) -> int:
    """How many code points of ``line`` the first ``count`` code units cover (for hover and code actions)."""
    used = 0
    for index, ch in enumerate(line):
        if used >= count:
            return index
        used += units(ch, encoding)
    return len(line)


@dataclass(frozen=True)
class Lines:
    """The editor's text split as LSP splits it, for converting positions both ways."""

    lines: tuple[str, ...]
    bom: bool = False

    @classmethod
    def of(cls, text: str) -> Lines:
        bom = text.startswith("\ufeff")
        return cls(tuple(_LINE_BREAK.split(text[1:] if bom else text)), bom)

    def to_lsp(self, line: int, column: int, encoding: str = UTF16) -> tuple[int, int]:
        """(0-based line, character) of a 1-based line and code-point column; clamped to the text."""
        index = line - 1
        if index >= len(self.lines):  # past the last line (a finding at the very end): the end of the text
            index = len(self.lines) - 1
            column = len(self.lines[index]) + 1
        index = max(index, 0)
        text = self.lines[index]
        prefix = text[: max(column - 1, 0)]
        offset = units(prefix, encoding)
        if index == 0 and self.bom:
            offset += units("\ufeff", encoding)
        return index, offset

    def from_lsp(self, line: int, character: int, encoding: str = UTF16) -> tuple[int, int]:
        """(1-based line, 1-based code-point column) of an LSP position."""
        if not self.lines:
            return 1, 1
        index = min(max(line, 0), len(self.lines) - 1)
        if index == 0 and self.bom:
            character -= units("\ufeff", encoding)
        return index + 1, code_points(self.lines[index], max(character, 0), encoding) + 1


def overlaps(a: Any, b: Any) -> bool:
    """Whether two LSP ranges (``.start``/``.end`` with ``.line``/``.character``) share a position;
    an empty range touches what starts or ends at it."""

    def key(p: Any) -> tuple[int, int]:
        return (p.line, p.character)

    if key(a.start) == key(a.end):
        return key(b.start) <= key(a.start) <= key(b.end)
    if key(b.start) == key(b.end):
        return key(a.start) <= key(b.start) < key(a.end) or key(b.start) == key(a.start)
    return key(a.start) < key(b.end) and key(b.start) < key(a.end)
