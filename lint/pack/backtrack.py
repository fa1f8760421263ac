"""Spotting regex shapes known to backtrack catastrophically, so `test-rules` can warn before a pipeline hangs.

A heuristic, not a proof: every search also runs under a timeout. It flags a quantified group whose
body is itself quantified (``(a+)+``, ``(\\w+\\s?)*``) and a quantified alternation where one literal
branch is a prefix of another (``(a|aa)+``), the two classic exponential shapes.
"""

from __future__ import annotations

from lint.pack.lazyre import lazy

_NESTED = lazy(r"\((?:\?:)?(?P<body>(?:[^()\\]|\\.)*(?<!\\)[+*](?:[^()\\]|\\.)*)\)(?:[+*]|\{\d*,\})")
_ALTERNATION = lazy(r"\((?:\?:)?(?P<body>(?:[^()\\]|\\.)*\|(?:[^()\\]|\\.)*)\)(?:[+*]|\{\d*,\})")
_LITERAL = lazy(r"^[\w ]+$")


def risky(pattern: str) -> str | None:
    """Why the pattern may backtrack badly, or None."""
    for nested in _NESTED.finditer(pattern):
        if "|" not in nested.group("body"):  # branches of distinct words ("(?:senior\\s+|acting\\s+)*") are linear
            return f"nested quantifier in {nested.group(0)!r}"
    for match in _ALTERNATION.finditer(pattern):
        branches = [b for b in match.group("body").split("|") if _LITERAL.match(b)]
        for i, a in enumerate(branches):  # by position: identical branches ("(a|a)*") overlap too
            if any(j != i and b.startswith(a) for j, b in enumerate(branches)):
                return f"quantified alternation with overlapping branches in {match.group(0)!r}"
    return None
