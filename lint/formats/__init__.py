"""Input formats: which reader a path gets, by its extension."""

from __future__ import annotations

from pathlib import PurePath

EXTENSIONS = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".jsonl": "jsonl",
}
INPUT_FORMATS = ("auto", "text", "markdown", "html", "jsonl")
DEFAULT_GLOBS = ("*.txt", "*.md", "*.markdown", "*.html", "*.htm", "*.jsonl")  # folders walked for these


def format_of(path: str) -> str:
    """The reader for a file name; anything unknown is read as plain text."""
    return EXTENSIONS.get(PurePath(path).suffix.lower(), "text")
