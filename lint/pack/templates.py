"""Rule message templates (only named placeholders with a small, safe format spec) and metadata field specs.

A template is filled with ``str.format_map`` (lint/checks/engine.py); validated here, at pack load, so a
rule pack cannot reach into Python objects or allocate gigabytes through a placeholder.
"""

from __future__ import annotations

import string
from collections.abc import Callable
from typing import Any

import regex

# Message templates name the values a check provides ({match}, {field}, {value}); nothing else. Attribute
# and index lookups ({match.__class__}, {match[0]}) would reach into Python objects, and a width such as
# {match:>2000000000} would allocate gigabytes: only an alignment and a width up to 200 are allowed.
_TEMPLATE_SPEC = regex.compile(r"(?:[<>^]?[0-9]{1,3})?")
MAX_TEMPLATE_WIDTH = 200


def check_templates(value: Any, problem: Callable[[str, str], None]) -> None:
    """Report (``problem(key, message)``) every placeholder of a rule's message that is not plain."""
    texts = value.values() if isinstance(value, dict) else [value]
    for text in texts:
        if not isinstance(text, str):
            continue  # reported as a type problem above
        try:
            parsed = list(string.Formatter().parse(text))
        except ValueError as exc:
            problem("message", f"'message' is not a valid template ({exc}; write '{{{{' for a literal brace)")
            continue
        for _, name, spec, conversion in parsed:
            if name is None:
                continue
            if not name.isidentifier():
                problem("message", f"'message': placeholder {{{name}}} must be a plain name such as {{match}}")
            elif conversion is not None:
                problem("message", f"'message': placeholder {{{name}!{conversion}}}: no conversions")
            elif spec and (not _TEMPLATE_SPEC.fullmatch(spec) or _width(spec) > MAX_TEMPLATE_WIDTH):
                problem(
                    "message",
                    f"'message': placeholder {{{name}:{spec}}}: only an alignment and a width up to "
                    f"{MAX_TEMPLATE_WIDTH} are allowed",
                )


def _width(spec: str) -> int:
    digits = spec.lstrip("<>^")
    return int(digits) if digits else 0


def check_field_spec(name: str, spec: Any, problem: Callable[[str, str], None]) -> bool:
    """A metadata rule's ``fields.<name>``: known keys, ``required`` a boolean, ``values`` a list of plain
    values; False when it is not a mapping of known keys (nothing more to check)."""
    if not isinstance(spec, dict) or not set(spec) <= {"required", "pattern", "values", "type"}:
        problem("fields", f"field '{name}': use required, pattern, values or type")
        return False
    if "required" in spec and not isinstance(spec["required"], bool):
        problem("fields", f"field '{name}': 'required' must be true or false")
    values = spec.get("values")
    if values is not None and not (
        isinstance(values, list) and all(isinstance(v, (str, int, float, bool)) for v in values)
    ):
        problem("fields", f"field '{name}': 'values' must be a list of plain values")
    return True
