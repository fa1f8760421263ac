"""Report formats: each module renders the JSON report dict; imported only when its format is asked for."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

FORMATS = {
    "text": "lint.report.text",
    "json": "lint.report.json_report",
    "sarif": "lint.report.sarif",
    "github": "lint.report.github",
    "junit": "lint.report.junit",
}

Renderer = Callable[[dict[str, Any], list[dict[str, Any]]], str]


def renderer(name: str) -> Renderer:
    return importlib.import_module(FORMATS[name]).render  # type: ignore[no-any-return]
