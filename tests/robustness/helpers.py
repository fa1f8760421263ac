"""Small builders shared by the robustness tests."""

from __future__ import annotations

from pathlib import Path

# One attributed quotation, one unsourced hearsay claim (its own paragraph), an agency credit.
ARTICLE = (
    "Der Stadtrat hat am Dienstag den Haushalt beschlossen. „Das ist ein guter Tag für die Stadt“, sagte "
    "die Bürgermeisterin.\n\nDie Sitzung dauerte bis Mitternacht.\n\nDer Kämmerer soll Einwände erhoben haben. (dpa)\n"
)


def write(folder: Path, name: str, data: str | bytes) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, bytes):
        path.write_bytes(data)
    else:
        path.write_text(data, encoding="utf-8")
    return path


def offset(text: str, line: int, column: int) -> int:
    """0-based offset of a 1-based line/column, with LF, CRLF and CR as line ends (as the linter counts)."""
    normalised = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = normalised.split("\n")
    return sum(len(x) + 1 for x in lines[: line - 1]) + column - 1
