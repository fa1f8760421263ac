"""What every rule kind shares: the hit record and the per-document environment."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from lint.checks.conditions import Context, holds
from lint.checks.scopes import anchor_span
from lint.document.model import Document, Image, Span
from lint.pack.patterns import Matcher, PatternCompiler
from lint.pack.ruleset import Rule


@dataclass(frozen=True, slots=True)
class Hit:
    """One problem a check found: where, and the values its message may use."""

    span: Span
    values: dict[str, str] = field(default_factory=dict)
    missing: bool = False  # a finding about something absent (fingerprinted by scope, not sentence)


@dataclass
class Env:
    compiler: PatternCompiler

    def matcher(self, rule: Rule, key: str, doc: Document) -> Matcher | None:
        return self.compiler.compile(rule.get(key), doc.language, rule.get("case") == "sensitive")

    def context(
        self, doc: Document, sentence: Span | None = None, at: Span | None = None, image: Image | None = None
    ) -> Context:
        return Context(doc, self.compiler, sentence, at, image)


def applies(rule: Rule, doc: Document, env: Env) -> bool:
    """The rule's ``when`` holds and its ``unless`` does not (document-level conditions)."""
    ctx = env.context(doc)
    when = rule.get("when")
    if rule.type != "conditional" and when and not holds(when, ctx):
        return False
    unless = rule.get("unless")
    return not (unless and not _per_match(unless) and holds(unless, ctx))


def _per_match(cond: Any) -> bool:
    """Conditions that name the sentence or paragraph are judged per match, not per document."""
    if isinstance(cond, dict):
        return "sentence" in cond or "paragraph" in cond or any(_per_match(v) for v in cond.values())
    if isinstance(cond, list):
        return any(_per_match(v) for v in cond)
    return False


def exempt(rule: Rule, doc: Document, env: Env, sentence: Span | None, at: Span | None = None) -> bool:
    """A per-match ``unless`` (e.g. the anonymity reason in the same sentence); ``at`` is the match."""
    unless = rule.get("unless")
    return bool(unless and _per_match(unless) and holds(unless, env.context(doc, sentence, at)))


def missing(rule: Rule, doc: Document, found: list[Span] | None = None) -> Hit:
    """A finding about something absent; ``anchor: when`` points it at the cue that made it required."""
    if rule.get("anchor") == "when" and found:
        cue = found[0]
        return Hit(cue, {"match": doc.text[cue.start : cue.end]})
    span = anchor_span(doc, rule.get("anchor", "scope"), rule.get("scope", "body"))
    return Hit(span, missing=True)
