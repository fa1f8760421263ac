"""`conditional`: when `when` holds (facts, front matter or a match), `then` must hold too."""

from __future__ import annotations

from collections.abc import Iterator

from lint.checks.base import Env, Hit, applies, missing
from lint.checks.conditions import holds
from lint.document.model import Document
from lint.pack.ruleset import Rule


def check(rule: Rule, doc: Document, env: Env) -> Iterator[Hit]:
    if not applies(rule, doc, env):
        return
    ctx = env.context(doc)
    when = rule.get("when")
    if when and not holds(when, ctx):
        return
    if not holds(rule.get("then"), env.context(doc)):
        yield missing(rule, doc, ctx.found)
