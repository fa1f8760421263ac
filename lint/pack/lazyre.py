"""Module-level regexes compiled on first use.

Compiling a `regex` pattern takes 0.2–2 ms; the package has about sixty at module level, most of them
for one input format. Compiling them at import cost more start-up than a one-file run's linting.

Every search through one of them runs under the same timeout as rule patterns (``SEARCH_TIMEOUT``): the
readers' own regexes see hostile input too, and a run must end with an error naming the file, not hang.
A timeout raises ``TimeoutError``; the linter reports it for that file (exit 2).
"""

from __future__ import annotations

import functools
import os
from typing import Any

import regex

# Seconds per search; a pattern slower than this on one file is a broken pattern. The variable exists
# for tests, which need a short limit.
SEARCH_TIMEOUT = float(os.environ.get("EDITORIAL_LINT_PATTERN_TIMEOUT") or 2.0)
_SEARCHES = frozenset({"search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split", "splititer"})


class LazyRegex:
    """Stands in for a compiled pattern: compiles on the first attribute access, then delegates."""

    __slots__ = ("_args", "_compiled", "_timed")

    def __init__(self, pattern: str | bytes, flags: int = 0, **named: Any) -> None:
        self._args = (pattern, flags, named)
        self._compiled: regex.Pattern[Any] | None = None
        self._timed: dict[str, Any] = {}

    def __getattr__(self, name: str) -> Any:
        timed = self._timed.get(name)
        if timed is not None:
            return timed
        compiled = self._compiled
        if compiled is None:
            pattern, flags, named = self._args
            compiled = self._compiled = regex.compile(pattern, flags, **named)
        attribute = getattr(compiled, name)
        if name in _SEARCHES:
            attribute = self._timed[name] = functools.partial(attribute, timeout=SEARCH_TIMEOUT)
        return attribute


def lazy(pattern: str | bytes, flags: int = 0, **named: Any) -> Any:
    """A pattern compiled on first use (typed as Any: it behaves as a ``regex.Pattern``)."""
    return LazyRegex(pattern, flags, **named)
