"""Rule kinds: each is a function ``check(rule, doc, env) -> Iterator[Hit]``; the engine stamps findings.

The kinds are imported on first use (``CHECKS``, ``Env``, ``Hit``), not with the package: the records
every reporter reads (lint/checks/finding.py) live in this package too, and a run whose results all come
from the result cache (lint/run/result_cache.py) checks nothing, so it should not import the checks.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from lint.checks.base import Env, Hit
    from lint.document.model import Document
    from lint.pack.ruleset import Rule

    Check = Callable[[Rule, Document, Env], Iterator[Hit]]
    CHECKS: dict[str, Check]


def _checks() -> dict[str, Any]:
    from lint.checks import attribution, conditional, forbid, metadata, require

    return {
        "require": require.check,
        "forbid": forbid.check,
        "conditional": conditional.check,
        "attribution": attribution.check,
        "metadata": metadata.check,
    }


def __getattr__(name: str) -> Any:
    if name == "CHECKS":
        value: Any = _checks()
    elif name in ("Env", "Hit"):
        from lint.checks import base

        value = getattr(base, name)
    elif name == "Check":
        value = Callable
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    globals()[name] = value
    return value


__all__ = ["CHECKS", "Check", "Env", "Hit"]
