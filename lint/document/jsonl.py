"""CMS exports as JSON Lines: one article per line, read as a stream so an archive needs no temporary files.

A record is a JSON object: ``{"id", "title", "body", "body_format": "html|markdown|text", "lang",
"author", "image_credit", …}``. Field names go through the same ``front-matter-keys`` mapping as front
matter (``body`` and ``id`` can be mapped too, e.g. ``body: content.html``). A line that is not a
record is an error naming its line; the other records are still read.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

import regex

from lint.document.analysis import map_fields
from lint.document.source import InputError
from lint.pack.lazyre import lazy

BODY_FORMATS = {
    "html": "html",
    "htm": "html",
    "markdown": "markdown",
    "md": "markdown",
    "text": "text",
    "txt": "text",
    "plain": "text",
}
_LOOKS_HTML = lazy(r"<(?:p|div|h[1-6]|figure|img|br|article|section|ul|ol|blockquote)\b", regex.IGNORECASE)


@dataclass
class Record:
    line: int  # 1-based line of the record in the export
    id: str
    body: str
    body_format: str
    fields: dict[str, Any]  # the record's fields under the pack's names (mapping applied)


def records(
    lines: Iterable[bytes], shown: str, encoding: str, keys: dict[str, str], max_size: int
) -> Iterator[Record | InputError]:
    """Each line's record, or the error that makes it unreadable (with its line number)."""
    for number, raw in enumerate(lines, start=1):
        if len(raw) > max_size:
            from lint.pack.sizes import past_limit

            # The reader keeps at most max_size + 1 bytes of a line: how long the record is, is not known.
            yield InputError(shown, past_limit("record", max_size), number)
            continue
        try:
            line = raw.decode(encoding)
        except UnicodeDecodeError as exc:
            yield InputError(shown, f"not valid {encoding} at byte {exc.start} of the line (try --encoding)", number)
            continue
        except LookupError:
            yield InputError(shown, f"unknown encoding '{encoding}'", number)
            return
        if number == 1:
            line = line.removeprefix("\ufeff")
        line = line.rstrip("\r\n")
        if not line.strip():
            continue
        try:
            yield parse(line, number, shown, keys)
        except InputError as exc:
            yield exc


_SURROGATE = regex.compile("[\ud800-\udfff]")


def _lone_surrogate(value: Any, name: str = "") -> str | None:
    """The dotted name of the first field whose text holds a lone surrogate (JSON allows "\\ud800"; no
    valid text contains one), or None."""
    if isinstance(value, str):
        return (name or "(record)") if _SURROGATE.search(value) else None
    items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
    for key, item in items:
        key_text = str(key)
        if _SURROGATE.search(key_text):
            return f"{name}.{key_text}" if name else key_text
        found = _lone_surrogate(item, f"{name}.{key_text}" if name else key_text)
        if found:
            return found
    return None


def parse(line: str, number: int, shown: str, keys: dict[str, str]) -> Record:
    try:
        data = json.loads(line)
    except json.JSONDecodeError as exc:
        where = "" if exc.msg.endswith(" at") else " at"
        raise InputError(shown, f"not valid JSON: {exc.msg}{where} column {exc.colno}", number) from None
    except RecursionError:
        raise InputError(shown, "not valid JSON: nested too deeply", number) from None
    except ValueError:  # an integer of thousands of digits (beyond Python's conversion limit)
        raise InputError(shown, "not a value this tool reads: a number of thousands of digits", number) from None
    if not isinstance(data, dict):
        raise InputError(shown, f"a record must be a JSON object, not {type(data).__name__}", number)
    broken = _lone_surrogate(data)
    if broken is not None:
        raise InputError(
            shown, f"record field '{broken}' holds a lone surrogate escape (\\ud800-\\udfff): not valid Unicode", number
        )
    fields = map_fields(data, keys)
    body = fields.get("body")
    if not isinstance(body, str):
        problem = "has no 'body'" if body is None else f"has a 'body' that is {type(body).__name__}, not text"
        raise InputError(shown, f"record {problem}", number)
    body = body.removeprefix("\ufeff")
    if "\r" in body:
        body = body.replace("\r\n", "\n").replace("\r", "\n")
    if "\x00" in body:
        raise InputError(shown, "record body contains NUL characters", number)
    declared = fields.get("body_format")
    if declared in (None, ""):
        body_format = "html" if _LOOKS_HTML.search(body) else "text"
    elif isinstance(declared, str) and declared.strip().lower() in BODY_FORMATS:
        body_format = BODY_FORMATS[declared.strip().lower()]
    else:
        raise InputError(shown, f"record has body_format {declared!r}; expected html, markdown or text", number)
    ident = fields.get("id")
    ident = str(ident).strip() if isinstance(ident, (str, int)) and str(ident).strip() else str(number)
    fields = {k: v for k, v in fields.items() if k not in ("body", "body_format")}
    return Record(number, ident, body, body_format, fields)
