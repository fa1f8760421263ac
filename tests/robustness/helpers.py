"""Small builders shared by the robustness tests (files are written by tests/article_generator.py)."""

from __future__ import annotations

from article_generator import write

# One attributed quotation, one unsourced hearsay claim (its own paragraph), an agency credit.
ARTICLE = (
    "Der Stadtrat hat am Dienstag den Haushalt beschlossen. „Das ist ein guter Tag für die Stadt“, sagte "
    "die Bürgermeisterin.\n\nDie Sitzung dauerte bis Mitternacht.\n\nDer Kämmerer soll Einwände erhoben haben. (dpa)\n"
)

__all__ = ["ARTICLE", "offset", "write"]  # write: the shared generator's file writer (tests/article_generator.py)


def offset(text: str, line: int, column: int) -> int:
    """0-based offset of a 1-based line/column, with LF, CRLF and CR as line ends (as the linter counts)."""
    normalised = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = normalised.split("\n")
    return sum(len(x) + 1 for x in lines[: line - 1]) + column - 1
