"""One pass over each text finds which required literals (lint/pack/literals.py) it holds.

Every pattern a run builds registers the literals any of its matches must contain; per text, one
Aho-Corasick pass over the case-folded text (``pyahocorasick``, a C automaton with binary wheels;
measured against Hyperscan, pyahocorasick and plain substring tests in bench/scanner.py) yields the set
of those literals that occur. A pattern none of whose literals occur is skipped, and a pattern that is
always skipped is never compiled. Patterns that may match are run over the text as before, so findings
are the same whichever way the literals were found.

Without the library (or with ``EDITORIAL_LINT_PURE_SCANNER=1``) the same question is answered by plain
substring tests on the folded text, one per literal and only for the literals a pattern asks about:
slower per text, the same answer. ``EDITORIAL_LINT_VERIFY_SCANNER=1`` runs every skipped pattern anyway
and fails loudly if it matches (a check of the literal extraction, for development).
"""

from __future__ import annotations

import bisect
import os
from collections.abc import Iterable
from typing import Any

from lint.pack.literals import Requirement

_ahocorasick: Any = None
try:  # optional: binary wheels for CPython 3.11–3.13 on Linux x86-64/aarch64 and macOS (pyproject.toml)
    import ahocorasick  # type: ignore[import-not-found, import-untyped, unused-ignore]

    _ahocorasick = ahocorasick
except ImportError:  # pragma: no cover - depends on the platform
    pass

PURE = bool(os.environ.get("EDITORIAL_LINT_PURE_SCANNER")) or _ahocorasick is None
VERIFY = bool(os.environ.get("EDITORIAL_LINT_VERIFY_SCANNER"))
_CACHE_SIZE = 8

# A requirement as the scanner tests it: per set, the literals the automaton finds and the short ones
# tested directly when asked for (measured on the corpus: literals of two or three letters — "er", "der",
# "ein" — made nine tenths of the automaton's reports, each a Python object).
Need = tuple[tuple[frozenset[str], tuple[str, ...]], ...]
SHORT = 3


class Scanner:
    """The literals of every pattern built so far, and an automaton over them rebuilt when more arrive."""

    def __init__(self, literals: Iterable[str] = (), pure: bool | None = None) -> None:
        self.pure = PURE if pure is None else pure
        self.literals: dict[str, None] = dict.fromkeys(literals)  # insertion-ordered, for stable data
        self._automaton: Any = None
        self._built_for = -1
        self._recent: list[tuple[str, Presence]] = []
        self.builds = 0  # how often the automaton was built (once a run has built its matchers, no more)

    def register(self, requirement: Requirement | None) -> Need | None:
        """Learn the literals of a pattern's requirement; what ``Presence.meets`` takes for that pattern."""
        if requirement is None:
            return None
        need = []
        for literals in requirement:
            long = frozenset(literal for literal in literals if len(literal) > SHORT)
            for literal in long:
                self.literals.setdefault(literal)
            need.append((long, tuple(sorted(literal for literal in literals if len(literal) <= SHORT))))
        return tuple(need)

    def _build(self) -> None:
        if self._built_for != len(self.literals):
            self._automaton = _automaton(self.literals) if self.literals else None
            self._built_for = len(self.literals)
            self.builds += 1

    def presence(self, text: str) -> Presence:
        """Which registered literals ``text`` holds (computed once per text, kept for the last few)."""
        for known, presence in self._recent:
            if known is text:
                return presence
        presence = Presence(text, None if self.pure else self)
        self._recent.insert(0, (text, presence))
        del self._recent[_CACHE_SIZE:]
        return presence

    def scan(self, folded: str) -> set[str]:
        """The registered literals that occur in ``folded`` (one automaton pass)."""
        self._build()
        if self._automaton is None:
            return set()
        # Every occurrence is reported, also one inside another ("dpa" in "dpa-afx").
        return {literal for _, literal in self._automaton.iter(folded)}

    def lines(self, folded: str) -> dict[str, set[int]]:
        """Per registered literal that occurs in ``folded``, the numbers of the lines that hold it."""
        self._build()
        if self._automaton is None:
            return {}
        breaks = _breaks(folded)
        found: dict[str, set[int]] = {}
        for end, literal in self._automaton.iter(folded):
            found.setdefault(literal, set()).add(bisect.bisect_right(breaks, end - len(literal) + 1))
        return found


def _automaton(literals: Iterable[str]) -> Any:
    automaton = _ahocorasick.Automaton()
    for literal in literals:
        automaton.add_word(literal, literal)
    automaton.make_automaton()
    return automaton


class Presence:
    """The literals of one text: found in one pass on first use (or tested one by one, pure Python)."""

    __slots__ = (
        "_folded_breaks",
        "_found",
        "_found_for",
        "_lines_for",
        "_long_lines",
        "_scanner",
        "_spans",
        "_tested",
        "_tested_lines",
        "_text_breaks",
        "folded",
        "text",
    )

    def __init__(self, text: str, scanner: Scanner | None) -> None:
        self.text = text
        self.folded = text.casefold()
        self._long_lines: dict[str, set[int]] = {}  # automaton literal -> the lines (by number) holding it
        self._tested_lines: dict[str, set[int]] = {}  # the same for literals found by substring search
        self._lines_for = -1
        self._spans: dict[Need, list[tuple[int, int]]] = {}
        self._text_breaks: list[int] | None = None
        self._folded_breaks: list[int] | None = None
        self._scanner = scanner
        self._found: set[str] = set()
        self._found_for = -1  # how many literals the scanner knew when ``_found`` was computed
        self._tested: dict[str, bool] = {}

    def meets(self, need: Need) -> bool:
        """Whether the text holds, for every set of the requirement, one of its strings."""
        for long, short in need:
            if not (long and self._any_long(long)) and not any(self._has(literal) for literal in short):
                return False
        return True

    def _has(self, literal: str) -> bool:
        hit = self._tested.get(literal)
        if hit is None:
            hit = self._tested[literal] = literal in self.folded
        return hit

    def _any_long(self, literals: frozenset[str]) -> bool:
        scanner = self._scanner
        if scanner is not None:
            if self._found_for != len(scanner.literals):  # patterns built since brought new literals
                self._found = scanner.scan(self.folded)
                self._found_for = len(scanner.literals)
            return not literals.isdisjoint(self._found)
        return any(self._has(literal) for literal in literals)

    def lines_meeting(self, need: Need) -> list[tuple[int, int]]:
        """(start, end) of every line of the text that holds, for every set, one of its strings; ``end`` is
        the line break's index (or the text's end). Case folding keeps line breaks, so line numbers agree."""
        spans = self._spans.get(need)
        if spans is not None and self._lines_for == self._known():
            return spans
        self._refresh_long()
        lines: set[int] | None = None
        for long, short in need:
            found: set[int] = set()
            if self._scanner is not None:
                for literal in long.intersection(self._long_lines):
                    found |= self._long_lines[literal]
            else:
                short = (*long, *short)
            for literal in short:
                found |= self._short_lines(literal)
            lines = found if lines is None else lines & found
            if not lines:
                break
        if self._text_breaks is None:
            self._text_breaks = _breaks(self.text)
        breaks = self._text_breaks
        spans = [
            (breaks[number - 1] + 1 if number else 0, breaks[number] if number < len(breaks) else len(self.text))
            for number in sorted(lines or ())
        ]
        self._spans[need] = spans
        return spans

    def _known(self) -> int:
        return len(self._scanner.literals) if self._scanner is not None else 0

    def _refresh_long(self) -> None:
        """Lines of the automaton's literals, found in one pass (again if patterns brought new literals)."""
        if self._lines_for == self._known() and self._lines_for >= 0:
            return
        self._spans.clear()
        if self._scanner is not None:
            self._long_lines = self._scanner.lines(self.folded)
        self._lines_for = self._known()

    def _short_lines(self, literal: str) -> set[int]:
        """Lines holding a literal the automaton does not report (short ones, or all on the pure path)."""
        lines = self._tested_lines.get(literal)
        if lines is None:
            if self._folded_breaks is None:
                self._folded_breaks = _breaks(self.folded)
            lines = self._tested_lines[literal] = set()
            at = self.folded.find(literal)
            while at >= 0:
                lines.add(bisect.bisect_right(self._folded_breaks, at))
                at = self.folded.find(literal, at + 1)
        return lines


def _breaks(text: str) -> list[int]:
    """The index of every line break."""
    found = []
    at = text.find("\n")
    while at >= 0:
        found.append(at)
        at = text.find("\n", at + 1)
    return found
