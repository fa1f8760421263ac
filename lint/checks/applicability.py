"""Which rules apply to a document: the denominator of an audit's pass rates.

A rule that never applies to an article (a German-only rule on an English one, `advertising-label` on an
article that is not paid content) must not count that article as passing, or pass rates drift towards
100 % as an archive grows. A rule applies when

* the article's language is one of the rule's languages (or the rule is ``any``),
* its document-level ``when`` holds and its document-level ``unless`` does not — for the rule itself or
  for one of its ``also`` checks (per-match conditions such as ``sentence`` only exempt single matches),
* and, for ``per: image`` rules over images, the article has at least one image (there is nothing to
  check otherwise).

The checks evaluate the same conditions while linting; this is computed only when asked for (audits,
the library API), so a plain ``check`` run pays nothing for it.
"""

from __future__ import annotations

from collections.abc import Iterable

from lint.checks.base import Env, applies
from lint.checks.conditions import holds
from lint.document.model import Document
from lint.pack.names import IMAGE_SCOPES
from lint.pack.patterns import PatternTimeout
from lint.pack.ruleset import Rule


def _check_applies(check: Rule, doc: Document, env: Env) -> bool:
    if not applies(check, doc, env):  # `when` (non-conditional kinds) and document-level `unless`
        return False
    if check.get("per", "document") != "document" and check.get("scope", "body") in IMAGE_SCOPES:
        if not doc.images:
            return False
        when = check.get("when")
        # A per-image `when` (image-symbolic) picks images: the rule applies when one of them is picked.
        return not when or any(holds(when, env.context(doc, image=image)) for image in doc.images)
    when = check.get("when")
    return check.type != "conditional" or not when or holds(when, env.context(doc))


def applicable_rules(doc: Document, rules: Iterable[Rule], env: Env) -> list[str]:
    """Ids of the rules that apply to ``doc``, sorted."""
    found = []
    for rule in rules:
        if not rule.applies_to(doc.language):
            continue
        try:
            if any(_check_applies(check, doc, env) for check in (rule, *rule.parts)):
                found.append(rule.id)
        except PatternTimeout:
            # The rule itself timed out on this document and is reported as skipped; counting it as
            # applicable keeps the article out of its "passing" share rather than silently in it.
            found.append(rule.id)
    return sorted(found)
