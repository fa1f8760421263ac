"""Report formats: each module renders the JSON report dict; imported only when its format is asked for."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from lint.checks.finding import FileResult

FORMATS = {
    "text": "lint.report.text",
    "json": "lint.report.json_report",
    "sarif": "lint.report.sarif",
    "github": "lint.report.github",
    "junit": "lint.report.junit",
}

Renderer = Callable[[dict[str, Any], list[dict[str, Any]]], str]
# (results, rules hash, min severity, rules) -> the report's text in pieces, one file at a time
Streamer = Callable[["Iterable[FileResult]", str, str, list[dict[str, Any]]], Iterator[str]]
# Formats written file by file as results come (peak memory flat in the number of files); the others
# render the whole report dict.
STREAMED = ("json", "sarif", "junit")


def renderer(name: str) -> Renderer:
    return importlib.import_module(FORMATS[name]).render  # type: ignore[no-any-return]


def streamer(name: str) -> Streamer | None:
    """The format's ``stream`` (byte-identical to its ``render`` of the whole report), or None."""
    if name not in STREAMED:
        return None
    return importlib.import_module(FORMATS[name]).stream  # type: ignore[no-any-return]
