"""Rule kinds: each is a function ``check(rule, doc, env) -> Iterator[Hit]``; the engine stamps findings."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from lint.checks import attribution, conditional, forbid, metadata, require
from lint.checks.base import Env, Hit
from lint.document.model import Document
from lint.pack.ruleset import Rule

Check = Callable[[Rule, Document, Env], Iterator[Hit]]

CHECKS: dict[str, Check] = {
    "require": require.check,
    "forbid": forbid.check,
    "conditional": conditional.check,
    "attribution": attribution.check,
    "metadata": metadata.check,
}

__all__ = ["CHECKS", "Check", "Env", "Hit"]
