"""Literal requirements (lint/pack/literals.py) as plain JSON data, for a cache of the validated pack.

No pickle: rows of strings, booleans and lists, read back field by field; anything else is a ValueError,
which a cache treats as a miss (the requirements are then extracted again).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from lint.pack.literals import Requirement


def to_data(requirement: Requirement | None) -> list[list[str]] | None:
    """A requirement as plain JSON data (sorted, so equal requirements give equal data)."""
    return None if requirement is None else [sorted(literals) for literals in requirement]


def from_data(data: object) -> Requirement | None:
    """A requirement read back from ``to_data``'s form; ValueError for anything else."""
    if data is None:
        return None
    if not isinstance(data, list) or not data:
        raise ValueError("a requirement is null or a non-empty list of sets")
    sets = []
    for literals in data:
        if not isinstance(literals, list) or not literals or not all(isinstance(s, str) and s for s in literals):
            raise ValueError("a requirement's set is a non-empty list of non-empty strings")
        sets.append(frozenset(literals))
    return tuple(sets)


Key = tuple[str, str | None, bool]  # a rule regex as written, its language, whether case-sensitive


def rows_to_data(requirements: Mapping[Key, Requirement | None]) -> list[list[Any]]:
    """Requirements by pattern as JSON rows: ``[source, language, case_sensitive, requirement]``."""
    return [[*key, to_data(requirement)] for key, requirement in requirements.items()]


def rows_from_data(data: object) -> dict[Key, Requirement | None]:
    if not isinstance(data, list):
        raise ValueError("requirements data must be a list")
    known: dict[Key, Requirement | None] = {}
    for row in data:
        if not (isinstance(row, list) and len(row) == 4 and isinstance(row[0], str)):
            raise ValueError("a requirement row is [source, language, case_sensitive, requirement]")
        if not (row[1] is None or isinstance(row[1], str)) or not isinstance(row[2], bool):
            raise ValueError("a requirement row's language is a string or null, its case a boolean")
        known[(row[0], row[1], row[2])] = from_data(row[3])
    return known
