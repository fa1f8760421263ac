"""`metadata`: front-matter fields that must be present, or match a pattern or a list of values."""

from __future__ import annotations

from collections.abc import Iterator

from lint.checks.base import Env, Hit, applies
from lint.document.model import Document, Span
from lint.pack.ruleset import Rule


def check(rule: Rule, doc: Document, env: Env) -> Iterator[Hit]:
    if not applies(rule, doc, env):
        return
    for name, spec in (rule.get("fields") or {}).items():
        value = doc.front_matter.get(name)
        at = doc.field_span(name) or Span(0, 0)
        if value in (None, "", []):
            if spec.get("required"):
                yield Hit(at, {"field": name, "value": ""}, missing=True)
            continue
        values = spec.get("values")
        if values is not None and str(value).lower() not in {str(v).lower() for v in values}:
            yield Hit(at, {"field": name, "value": str(value)})
            continue
        if "pattern" in spec:
            matcher = env.compiler.compile(spec["pattern"], doc.language)
            if matcher is not None and not matcher.search(str(value)):
                yield Hit(at, {"field": name, "value": str(value)})
