"""Exceptions as data: the words before or after a match that make it no match, written out at load.

A pattern item may be a mapping instead of a regex string::

    - regex: '(?-i:\\bI\\s+\\p{Ll})'
      not-after: {vocabulary: roman_numeral_nouns}   # "World War I memorials": the numeral
    - regex: '\\bsei\\b'
      not-after: [als, es, Gott-]                    # "als sei", "es sei", "Gott sei Dank"
      not-before: [denn]                             # "es sei denn"

The lists (declared in lint/pack/kinds.py, PATTERN_FIELDS) are what a standards editor reads and
extends, instead of a look-behind list inside a regex. At load each such item becomes the one regex a
rule author would have written by hand (``(?<!\\b(?:als\\s|es\\s|Gott[\\s-]))(?:…)(?!\\s+(?:denn)\\b)``),
so the pattern engine sees plain pattern strings and matching is exactly what the hand-written
look-arounds did.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import regex

from lint.pack.kinds import CONDITION_KEYS, PATTERN_FIELDS, PATTERN_KEYS
from lint.pack.yamlio import LineDict

_FIELDS = {key.name for key in PATTERN_FIELDS}
_CONDITION_PATTERNS = ("contains", "sentence", "paragraph")

Problem = Callable[[str, str], None]  # (rule key, message)


def compile_rule(data: LineDict, problem: Problem) -> LineDict:
    """The rule with every exception-carrying pattern item written out as a regex string.

    Patterns sit under the pattern keys, inside conditions (``contains``, ``sentence``, ``paragraph``),
    in metadata field specs and in the checks of ``also``; anything else is returned as it was.
    """
    out = LineDict()
    for name, value in data.items():
        if name in PATTERN_KEYS:
            value = _pattern(value, _about(problem, name))
        elif name in CONDITION_KEYS:
            value = _condition(value, _about(problem, name))
        elif name == "fields" and isinstance(value, dict):
            value = {
                field: {**spec, "pattern": _pattern(spec["pattern"], _about(problem, "fields", f"{field}: "))}
                if isinstance(spec, dict) and "pattern" in spec
                else spec
                for field, spec in value.items()
            }
        elif name == "also" and isinstance(value, list):
            value = [_part(item, problem) for item in value]
        out[name] = value
    out.lines, out.line = dict(data.lines), data.line
    return out


def _about(problem: Problem, key: str, prefix: str = "") -> Callable[[str], None]:
    def report(message: str) -> None:
        problem(key, prefix + message)

    return report


def _part(item: Any, problem: Problem) -> Any:
    """A check of ``also``, with its own line numbers where the loader kept them."""
    if isinstance(item, LineDict):
        return compile_rule(item, problem)
    return compile_rule(LineDict(item), problem) if isinstance(item, dict) else item


def _condition(cond: Any, problem: Callable[[str], None]) -> Any:
    if isinstance(cond, list):
        return [_condition(item, problem) for item in cond]
    if not isinstance(cond, dict):
        return cond
    out: dict[str, Any] = {}
    for name, value in cond.items():
        if name in _CONDITION_PATTERNS:
            value = _pattern(value, problem)
        elif name in ("any", "all", "not"):
            value = _condition(value, problem)
        out[name] = value
    return out


def _pattern(spec: Any, problem: Callable[[str], None]) -> Any:
    if isinstance(spec, list):
        return [_pattern(item, problem) for item in spec]
    if not isinstance(spec, dict) or set(spec) == {"vocabulary"}:
        return spec
    if "regex" not in spec:  # a language map: its values are patterns
        return {language: _pattern(value, problem) for language, value in spec.items()}
    unknown = sorted(set(spec) - _FIELDS)
    if unknown:
        problem(f"unknown field '{unknown[0]}' in a pattern item (fields: {', '.join(sorted(_FIELDS))})")
        return spec
    body = spec["regex"]
    if not isinstance(body, str):
        problem("'regex' in a pattern item must be a string")
        return spec
    before = _alternatives(spec.get("not-after"), "not-after", problem)
    after = _alternatives(spec.get("not-before"), "not-before", problem)
    text = f"(?:{body})"
    if before:
        text = rf"(?<!\b(?:{before}))" + text
    if after:
        text += rf"(?!\s+(?:{after})\b)"
    return text


def _alternatives(words: Any, field: str, problem: Callable[[str], None]) -> str:
    """The regex alternation for a word list (literal words) or ``{vocabulary: name|[names]}``.

    ``not-after`` alternatives carry their separator (a space, or also a hyphen for a word written
    with a final '-'), so that one look-behind holds words joined in both ways.
    """
    if words is None:
        return ""
    separator = r"\s" if field == "not-after" else ""
    if isinstance(words, dict) and set(words) == {"vocabulary"}:
        names = words["vocabulary"] if isinstance(words["vocabulary"], list) else [words["vocabulary"]]
        if names and all(isinstance(name, str) and name.isidentifier() for name in names):
            return "|".join(rf"\L<{name}>{separator}" for name in names)
    elif isinstance(words, list) and words and all(isinstance(word, str) and word.strip("- ") for word in words):
        parts = []
        for word in words:
            joined = field == "not-after" and word.endswith("-")
            literal = r"\s+".join(regex.escape(part) for part in word.rstrip("-").split())
            parts.append(literal + (r"[\s-]" if joined else separator))
        return "|".join(parts)
    problem(f"'{field}' must be a list of words or {{vocabulary: name}}")
    return ""
