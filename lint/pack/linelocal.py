"""Whether a regex can only match inside one line, so that it may be searched line by line.

A pattern whose matches and look-aheads can never take a line break (``\\n``) has every match inside one
line; such a line holds the pattern's required literals (lint/pack/literals.py), so searching just the
lines that hold them, each as ``finditer(text, line_start, line_end)``, finds exactly the matches of a
search over the whole range: a look-behind still sees the text before ``line_start`` (pos is not a
slice), and at ``line_end`` — the line break or the range's own end — ``$``, ``\\b`` and a look-ahead
that cannot take a line break answer as they do before the line break.

Conservative: anything that may match a line break outside a look-behind (``\\s``, ``\\W``, ``\\D``, a
negated class without ``\\n``, most properties, ``(?s)``, ``\\Z``, a named list with a line break, …)
or syntax not modelled here gives False: the pattern is then searched over the whole range as before.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

# Escapes that may match a line break or depend on the string's real ends.
_UNSAFE_ESCAPES = frozenset("sWDXRvNnxuUAZzGgK0123456789")
# Letter, mark and number properties never hold a line break.
_SAFE_PROPERTIES = frozenset(
    {"L", "Lu", "Ll", "Lt", "Lm", "Lo", "M", "Mn", "Mc", "Me", "N", "Nd", "Nl", "No", "Alpha", "Alphabetic"}
)


class _Unsafe(Exception):
    pass


def stays_on_one_line(source: str, lists: Mapping[str, Sequence[str]] | None = None, flags: int = 0) -> bool:
    """True only if no match (nor look-ahead) of ``source`` can take a ``\\n``. ``flags`` are ``regex`` flags."""
    import regex

    if flags & (regex.DOTALL | regex.VERBOSE):
        return False
    try:
        _scan(source, lists or {})
    except (_Unsafe, IndexError, ValueError):
        return False
    return True


def _scan(source: str, lists: Mapping[str, Sequence[str]]) -> None:
    behind: list[bool] = []  # per open group: whether it is a look-behind (which may see anything)
    i = 0
    while i < len(source):
        char = source[i]
        inside_behind = any(behind)
        if char == "\\":
            i = _escape(source, i, lists, inside_behind)
        elif char == "[":
            i = _char_class(source, i, inside_behind)
        elif char == "(":
            i = _open_group(source, i, behind)
        elif char == ")":
            if not behind:
                raise _Unsafe("unbalanced")
            behind.pop()
            i += 1
        else:
            if char == "\n" and not inside_behind:
                raise _Unsafe("a line break")
            i += 1
    if behind:
        raise _Unsafe("unbalanced")


def _property_end(source: str, i: int) -> tuple[str, int]:
    """The property name after ``\\p`` at ``i`` (index of the letter after the backslash), and where it ends."""
    if source[i + 1 : i + 2] == "{":
        close = source.index("}", i + 2)
        return source[i + 2 : close], close + 1
    return source[i + 1 : i + 2], i + 2


def _escape(source: str, i: int, lists: Mapping[str, Sequence[str]], inside_behind: bool) -> int:
    escaped = source[i + 1]
    if escaped in "pP":
        name, end = _property_end(source, i + 1)
        if (escaped == "P" or name not in _SAFE_PROPERTIES) and not inside_behind:
            raise _Unsafe(f"property {name}")
        return end
    if escaped == "L" and source[i + 2 : i + 3] == "<":
        close = source.index(">", i + 3)
        name = source[i + 3 : close]
        if name not in lists or (not inside_behind and any("\n" in term for term in lists[name])):
            raise _Unsafe(f"list {name}")
        return close + 1
    if escaped in _UNSAFE_ESCAPES and not inside_behind:
        raise _Unsafe(f"escape {escaped}")
    return i + 2


def _char_class(source: str, i: int, inside_behind: bool) -> int:
    j = i + 1
    negated = source[j : j + 1] == "^"
    if negated:
        j += 1
    has_newline = False
    unsafe = False
    first = True
    while True:
        char = source[j]
        if char == "]" and not first:
            break
        first = False
        if char == "[" and source[j + 1 : j + 2] in (":", "=", "."):
            j = source.index(source[j + 1] + "]", j + 2) + 2
            unsafe = True
            continue
        if char == "\\":
            escaped = source[j + 1]
            if escaped == "n":
                has_newline = True
            elif escaped in "pP":
                name, j = _property_end(source, j + 1)
                unsafe = unsafe or escaped == "P" or name not in _SAFE_PROPERTIES
                continue
            elif escaped in _UNSAFE_ESCAPES or escaped in "S":
                unsafe = True
            j += 2
            continue
        if char == "\n":
            has_newline = True
        if source[j + 1 : j + 2] == "-" and source[j + 2 : j + 3] not in ("]", ""):
            high = source[j + 2]
            if high == "\\" or char <= "\n" <= high:
                unsafe = True
            j += 3
            continue
        j += 1
    if inside_behind:
        return j + 1
    if negated and not has_newline:
        raise _Unsafe("a negated class without \\n")
    if not negated and (unsafe or has_newline):
        raise _Unsafe("a class that may hold \\n")
    return j + 1


def _open_group(source: str, i: int, behind: list[bool]) -> int:
    if source.startswith(("(?<=", "(?<!"), i):
        behind.append(True)
        return i + 4
    if source.startswith("(?#", i):
        return source.index(")", i) + 1
    if not source.startswith("(?", i):
        behind.append(False)
        return i + 1
    kind = source[i + 2 : i + 3]
    if kind in (":", "=", "!", ">"):
        behind.append(False)
        return i + 3
    if source.startswith(("(?P<", "(?<"), i):
        behind.append(False)
        return source.index(">", i) + 1
    j = i + 2
    while source[j].isalpha() or source[j] in "-0123456789":
        j += 1
    flags = source[i + 2 : j]
    if not flags or "s" in flags or "x" in flags or "V1" in flags or source[j] not in ":)":
        raise _Unsafe(f"group (?{flags}")
    if source[j] == ":":
        behind.append(False)
    return j + 1
