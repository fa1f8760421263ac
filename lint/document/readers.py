"""The one registry of readers: which reader a path gets (by its extension) and the reader of each format.

Every reader returns a Document that maps its own positions (``Document.source_span``)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import PurePath
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the readers themselves are imported when a document is read, not with the registry
    from lint.document.analysis import ReadContext
    from lint.document.model import Document

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


def read_document(path: str, text: str, fmt: str, ctx: ReadContext, record: dict[str, Any] | None = None) -> Document:
    """The reader for a format: HTML has its own; text and Markdown share the markup reader."""
    if fmt == "html":
        from lint.document.html import read_html  # imported only when an HTML input comes

        return read_html(path, text, ctx, record)
    from lint.document.analysis import build_document

    return build_document(path, text, fmt, ctx, record)


def charset_declaration(fmt: str) -> Callable[[bytes], str | None] | None:
    """A format whose files may declare their own charset (HTML's <meta charset>): the function reading it."""
    if fmt == "html":
        from lint.document.html_text import declared_charset

        return declared_charset
    return None
