"""What a client may send: the check request's fields, validated with messages that say what is wrong.

A request names an article and how to read it — nothing else. It cannot name a file on the server, a rule
pack or a configuration: unknown fields are refused, and ``path`` is only a name (per-path configuration,
the format by extension, the record's ``path``); nothing is ever read from it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

FORMATS = ("text", "markdown", "html")
CHECK_FIELDS = ("text", "format", "lang", "path", "front_matter")
MAX_PATH_LENGTH = 1024
DEFAULT_PATH = "<text>"


class RequestError(Exception):
    """A request the service refuses; ``status`` is the HTTP status to answer with."""

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.message = message
        self.status = status


@dataclass
class Article:
    text: str
    format: str | None = None  # None: by the path's extension, else text
    lang: str | None = None  # None or "auto": front matter, configuration, detection
    path: str = DEFAULT_PATH
    front_matter: dict[str, Any] = field(default_factory=dict)


def parse_json(body: bytes) -> Any:
    """The request body as JSON, or RequestError naming where it is broken."""
    try:  # JSON over HTTP is UTF-8 (RFC 8259); json.loads would guess UTF-16 from a byte pattern
        return json.loads(body.decode("utf-8").removeprefix("\ufeff"))
    except UnicodeDecodeError as exc:
        raise RequestError(f"request body is not valid UTF-8 at byte {exc.start}") from None
    except json.JSONDecodeError as exc:
        raise RequestError(
            f"request body is not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}"
        ) from None
    except RecursionError:
        raise RequestError("request body is not valid JSON: nested too deeply") from None


def article(data: Any, languages: tuple[str, ...], where: str = "") -> Article:
    """One article of a check request; ``where`` prefixes messages (``articles[2].``) in a batch."""
    if not isinstance(data, dict):
        raise RequestError(f"{where or 'the request body'} must be a JSON object, not {_kind(data)}")
    for key in data:
        if key not in CHECK_FIELDS:
            raise RequestError(f"{where}{key}: unknown field (a request has {', '.join(CHECK_FIELDS)})")
    text = data.get("text")
    if not isinstance(text, str):
        raise RequestError(f"{where}text: required, a string" + ("" if text is None else f", not {_kind(text)}"))
    if "\x00" in text:
        raise RequestError(f"{where}text: contains a NUL character at offset {text.index(chr(0))}")
    fmt = data.get("format")
    if fmt is not None and fmt not in FORMATS:
        raise RequestError(f"{where}format: unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")
    lang = data.get("lang")
    if lang is not None and lang != "auto" and lang not in languages:
        raise RequestError(f"{where}lang: unknown language {lang!r}; expected one of {', '.join([*languages, 'auto'])}")
    path = data.get("path", DEFAULT_PATH)
    if not isinstance(path, str) or not path.strip() or len(path) > MAX_PATH_LENGTH or "\x00" in path:
        raise RequestError(f"{where}path: a non-empty name of at most {MAX_PATH_LENGTH} characters")
    front_matter = data.get("front_matter", {})
    if front_matter is None:
        front_matter = {}
    if not isinstance(front_matter, dict):
        raise RequestError(f"{where}front_matter: must be an object, not {_kind(front_matter)}")
    return Article(text=text, format=fmt, lang=None if lang == "auto" else lang, path=path, front_matter=front_matter)


def batch(data: Any, languages: tuple[str, ...], max_articles: int) -> list[Article]:
    if not isinstance(data, dict):
        raise RequestError(f"the request body must be a JSON object, not {_kind(data)}")
    for key in data:
        if key != "articles":
            raise RequestError(f"{key}: unknown field (a batch request has articles)")
    items = data.get("articles")
    if not isinstance(items, list) or not items:
        raise RequestError("articles: required, a non-empty list of check requests")
    if len(items) > max_articles:
        raise RequestError(f"articles: {len(items)} articles, more than this service's limit of {max_articles}")
    return [article(item, languages, f"articles[{index}].") for index, item in enumerate(items)]


def _kind(value: Any) -> str:
    return {dict: "an object", list: "a list", str: "a string", bool: "a boolean", type(None): "null"}.get(
        type(value), "a number"
    )
