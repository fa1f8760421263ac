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
            value = written_out(value, _about(problem, name))
        elif name in CONDITION_KEYS:
            value = _condition(value, _about(problem, name))
        elif name == "fields" and isinstance(value, dict):
            value = {
                field: {**spec, "pattern": written_out(spec["pattern"], _about(problem, "fields", f"{field}: "))}
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
            value = written_out(value, problem)
        elif name in ("any", "all", "not"):
            value = _condition(value, problem)
        out[name] = value
    return out


def written_out(spec: Any, problem: Callable[[str], None]) -> Any:
    if isinstance(spec, list):
        return [written_out(item, problem) for item in spec]
    if not isinstance(spec, dict) or set(spec) == {"vocabulary"}:
        return spec
    if "regex" not in spec:  # a language map: its values are patterns
        return {language: written_out(value, problem) for language, value in spec.items()}
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
    # Grouped only where a top-level "|" needs it: an ungrouped regex keeps the leading words the pattern
    # engine's prefilter reads ("\b(?:viele|manche)\s…").
    text = f"(?:{body})" if _alternation(body) else body
    if before:
        text = rf"(?<!\b(?:{before}))" + text
    if after:
        text += rf"(?!\s+(?:{after})\b)"
    return text


def _alternation(source: str) -> bool:
    """Whether the regex has a "|" outside every group and character class."""
    depth, index = 0, 0
    while index < len(source):
        char = source[index]
        if char == "\\":
            index += 2  # an escaped character, skipped with its backslash
            continue
        if char == "[":  # a class runs to its first unescaped "]" that is not its first character
            index += 1
            index += source.startswith("^", index)
            index += source.startswith("]", index)
            while index < len(source) and source[index] != "]":
                index += 2 if source[index] == "\\" else 1
        elif char in "()":
            depth += 1 if char == "(" else -1
        elif char == "|" and depth == 0:
            return True
        index += 1
    return False


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
