"""editorial-lint: an editorial compliance linter for news articles (credits, image credits, attribution).

Library API (lint/api.py; imported on first use, so ``import lint`` stays cheap)::

    import lint
    record = lint.lint_text(text, "story.md")          # one JSON-report record
    records = lint.lint_paths(["archive/"])            # one record per article
    audit = lint.build_audit(records, lint.rule_info())  # docs/audit.md
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from lint.api import lint_paths, lint_text, rule_info
    from lint.report.audit import build_audit

_LAZY = {"lint_text": "lint.api", "lint_paths": "lint.api", "rule_info": "lint.api", "build_audit": "lint.report.audit"}
__all__ = ["__version__", "build_audit", "lint_paths", "lint_text", "rule_info"]


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'lint' has no attribute {name!r}")
    from importlib import import_module

    return getattr(import_module(module), name)
