"""Module-level regexes compiled on first use.

Compiling a `regex` pattern takes 0.2–2 ms; the package has about sixty at module level, most of them
for one input format. Compiling them at import cost more start-up than a one-file run's linting.
"""

from __future__ import annotations

from typing import Any

import regex


class LazyRegex:
    """Stands in for a compiled pattern: compiles on the first attribute access, then delegates."""

    __slots__ = ("_args", "_compiled")

    def __init__(self, pattern: str | bytes, flags: int = 0, **named: Any) -> None:
        self._args = (pattern, flags, named)
        self._compiled: regex.Pattern[Any] | None = None

    def __getattr__(self, name: str) -> Any:
        compiled = self._compiled
        if compiled is None:
            pattern, flags, named = self._args
            compiled = self._compiled = regex.compile(pattern, flags, **named)
        return getattr(compiled, name)


def lazy(pattern: str | bytes, flags: int = 0, **named: Any) -> Any:
    """A pattern compiled on first use (typed as Any: it behaves as a ``regex.Pattern``)."""
    return LazyRegex(pattern, flags, **named)
