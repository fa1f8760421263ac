"""Character offsets of findings in the text a client submitted, from the report's lines and columns.

Report positions (DESIGN.md, Positions) are 1-based lines and columns in code points, a BOM not counted
and CRLF counted as one line end. A CMS highlights by offsets into the very string it sent, so the
mapping runs over that string as it was: its line ends (LF, CRLF or CR) and a leading BOM are kept in the
count. JavaScript indexes strings in UTF-16 code units, so those offsets are given as well.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from typing import Any

_LINE_END = re.compile(r"\r\n|\r|\n")
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


class OffsetMap:
    """Maps (line, column) of a report to offsets into the submitted text."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.bom = 1 if text.startswith("\ufeff") else 0
        starts = [self.bom]
        starts += [match.end() for match in _LINE_END.finditer(text)]
        if len(starts) > 1 and starts[-1] >= len(text):  # a final line end starts no line
            starts.pop()
        self.line_starts = starts
        # Positions of characters outside the Basic Multilingual Plane: two UTF-16 code units each.
        self.astral = [] if text.isascii() else [match.start() for match in _ASTRAL.finditer(text)]

    def offset(self, line: int, column: int) -> int:
        """The code-point offset of a 1-based line and column, clamped to the text."""
        if line < 1:
            return 0
        if line > len(self.line_starts):
            return len(self.text)
        start = self.line_starts[line - 1]
        line_end = self.line_starts[line] if line < len(self.line_starts) else len(self.text)
        return min(start + max(column, 1) - 1, line_end, len(self.text))

    def utf16(self, offset: int) -> int:
        return offset + bisect_left(self.astral, offset)

    def annotate(self, finding: dict[str, Any]) -> dict[str, Any]:
        """``finding`` with ``start``/``end`` (code points) and ``start_utf16``/``end_utf16`` added."""
        start = self.offset(finding["line"], finding["column"])
        end = max(start, self.offset(finding["end_line"], finding["end_column"]))
        finding["start"], finding["end"] = start, end
        finding["start_utf16"], finding["end_utf16"] = self.utf16(start), self.utf16(end)
        return finding
