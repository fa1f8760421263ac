"""Inline suppression: comment directives and front matter that waive findings, run after the rules.

Forms (Markdown, HTML, and plain text, whose HTML comments the reader blanks as well):

* ``<!-- editorial-lint-disable RULE[,RULE] [-- reason] -->`` … ``<!-- editorial-lint-enable [RULE,...] -->``:
  a region from the comment to the matching enable, or to the end of the file (so a finding about a
  missing thing, anchored at the end of the body, can be waived too).
* ``<!-- editorial-lint-disable-next-line RULE[,RULE] [-- reason] -->``: findings starting on the next line.
* front matter ``editorial-lint: {ignore: [RULE, ...], reason: ...}``: the whole file.

A directive without rule ids means every rule. Each (directive, rule) pair is one record in the JSON
report (``suppressions``: rule, line, reason, used), so an audit can list why sourcing rules were
waived. A record that suppresses nothing for a rule that ran on the file, names an unknown rule, or a
malformed directive becomes an ``unused-suppression`` finding, as ruff reports unused and unknown
``noqa`` codes. A rule that is loaded but did not run (not selected, other language) says nothing about
whether its suppression is needed, so that is not reported.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

import regex

from lint.checks.base import Hit
from lint.checks.engine import stamp
from lint.checks.finding import Finding
from lint.document.model import Document, Span
from lint.pack.lazyre import lazy
from lint.pack.ruleset import Rule

# The rule whose findings this pass makes says so: `reported-by: suppressions` (rules/unused-suppression.yaml),
# with the texts of its {why} placeholder under `reasons` (unused, unknown, directive, front-matter, closest).
REPORTED_BY = "suppressions"
ALL = "all"
_DIRECTIVE = lazy(r"\s*editorial-lint(?P<kind>-[\w-]*)?(?P<rest>.*?)\s*\Z", regex.DOTALL)
_KINDS = ("-disable", "-disable-next-line", "-enable")
_REASON = lazy(r"\s--(?:\s|\Z)")


def _why(why: str, name: str, reporter: Rule, language: str | None, known: set[str]) -> str:
    """The reason text; an unknown rule id names the closest loaded one, as the command line does."""
    reasons = reporter.get("reasons") or {}
    text = reporter.in_language(reasons.get(why, why), language)
    if why == "unknown":
        import difflib

        close = difflib.get_close_matches(name, sorted(known), n=1, cutoff=0.6)
        if close and "closest" in reasons:
            closest = reporter.in_language(reasons["closest"], language).replace("{name}", close[0])
            text = text.replace("(", "(" + closest + " ", 1)
    return text


@dataclass
class Suppression:
    """One rule waived by one directive, over ``[start, end)`` or on one line."""

    rule: str  # a rule id or ALL
    kind: str  # disable | disable-next-line | front-matter
    at: Span  # the directive itself: where an unused-suppression finding points
    reason: str | None
    start: int = 0
    end: int = 0
    line: int | None = None  # disable-next-line: the line it covers
    count: int = 0

    def covers(self, finding: Finding) -> bool:
        if self.rule not in (ALL, finding.rule):
            return False
        if self.line is not None:
            return finding.line == self.line
        return self.start <= finding.start < self.end

    def record(self, doc: Document) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "kind": self.kind,
            "line": doc.line_col(self.at.start)[0],
            "reason": self.reason,
            "used": self.count > 0,
            "suppressed": self.count,
        }


@dataclass
class Outcome:
    findings: list[Finding]
    suppressed: int = 0
    records: list[dict[str, Any]] = field(default_factory=list)


def apply(doc: Document, findings: list[Finding], rules: Iterable[Rule], known: Iterable[str]) -> Outcome:
    """Drop suppressed findings; add unused-suppression findings when that rule is among ``rules``."""
    rules = list(rules)
    known_ids = set(known)
    problems: list[tuple[Span, str, str]] = []  # span, rule named, why
    suppressions = _front_matter(doc, problems) + _comments(doc, problems)
    if not suppressions and not problems:
        return Outcome(findings)
    kept, suppressed = _filter(findings, suppressions)
    ran = {rule.id for rule in rules if rule.applies_to(doc.language)}
    reporter = next((rule for rule in rules if rule.get("reported-by") == REPORTED_BY and rule.id in ran), None)
    if reporter is not None:
        for s in suppressions:
            if s.count or s.rule == reporter.id:
                continue
            if s.rule != ALL and s.rule not in known_ids:
                problems.append((s.at, s.rule, "unknown"))
            elif s.rule == ALL or s.rule in ran:
                problems.append((s.at, s.rule, "unused"))
        seen: Counter[tuple[str, str]] = Counter()
        extra = [
            stamp(
                doc,
                reporter,
                Hit(span, {"rule": name, "why": _why(why, name, reporter, doc.language, known_ids)}),
                seen,
            )
            for span, name, why in sorted(problems, key=lambda p: (p[0].start, p[1]))
        ]
        # unused-suppression findings can themselves be waived (front matter, a region).
        extra, more = _filter(extra, suppressions)
        kept = sorted(kept + extra, key=lambda f: (f.start, f.end, f.rule))
        suppressed += more
    return Outcome(kept, suppressed, [s.record(doc) for s in suppressions])


def _filter(findings: list[Finding], suppressions: list[Suppression]) -> tuple[list[Finding], int]:
    kept: list[Finding] = []
    for finding in findings:
        covering = [s for s in suppressions if s.covers(finding)]
        for s in covering:
            s.count += 1
        if not covering:
            kept.append(finding)
    return kept, len(findings) - len(kept)


def _ids(text: str) -> list[str]:
    return [part for part in regex.split(r"[\s,]+", text.strip()) if part] or [ALL]


class _Comment:
    """A closed ``<!-- … -->`` comment, shaped like the match the directive code reads."""

    __slots__ = ("_end", "_start", "_text")

    def __init__(self, text: str, start: int, end: int) -> None:
        self._text, self._start, self._end = text, start, end

    def start(self) -> int:
        return self._start

    def end(self) -> int:
        return self._end

    def group(self, index: int = 0) -> str:
        return self._text[self._start + 4 : self._end - 3] if index == 1 else self._text[self._start : self._end]


def _closed_comments(text: str, begin: int) -> Iterator[_Comment]:
    """Every ``<!-- … -->`` from ``begin``, in one pass: a regex ``<!--(.*?)-->`` rescans to the end of the
    file from every unclosed ``<!--`` (quadratic on a file of them); once no ``-->`` follows, none can."""
    pos = begin
    while True:
        start = text.find("<!--", pos)
        if start < 0:
            return
        end = text.find("-->", start + 4)
        if end < 0:
            return
        yield _Comment(text, start, end + 3)
        pos = end + 3


def _comments(doc: Document, problems: list[tuple[Span, str, str]]) -> list[Suppression]:
    """Directives in HTML comments after the front matter, regions closed by their enable."""
    found: list[Suppression] = []
    open_regions: list[Suppression] = []
    begin = doc.front_matter_span.end if doc.front_matter_span else 0
    for comment in _closed_comments(doc.text, begin):
        directive = _DIRECTIVE.match(comment.group(1))
        if directive is None or directive.group("kind") is None:  # a comment that merely names the tool
            continue
        span = Span(comment.start(), comment.end())
        kind = directive.group("kind")
        if kind not in _KINDS:
            problems.append((span, "editorial-lint" + kind, "directive"))
            continue
        rest = " " + directive.group("rest")  # the space lets "-- reason" directly after the kind match
        cut = _REASON.search(rest)
        ids_text, reason = (rest[: cut.start()], rest[cut.end() :].strip() or None) if cut else (rest, None)
        if kind == "-enable":
            names = set(_ids(ids_text))
            for region in [r for r in open_regions if ALL in names or r.rule in names]:
                region.end = span.start
                open_regions.remove(region)
            continue
        for name in _ids(ids_text):
            if kind == "-disable":
                region = Suppression(name, "disable", span, reason, start=span.start, end=len(doc.text) + 1)
                open_regions.append(region)
                found.append(region)
            else:
                next_line = doc.line_col(span.end)[0] + 1
                found.append(Suppression(name, "disable-next-line", span, reason, line=next_line))
    return found


def _front_matter(doc: Document, problems: list[tuple[Span, str, str]]) -> list[Suppression]:
    """``editorial-lint: {ignore: [...], reason: ...}`` in the front matter: the whole file."""
    value = doc.front_matter.get("editorial-lint")
    if value is None or doc.front_matter_span is None:
        return []
    head = doc.text[: doc.front_matter_span.end]
    pos = head.find("\neditorial-lint:")
    at = Span(pos + 1, pos + 1 + len("editorial-lint")) if pos >= 0 else Span(0, 0)
    ignore = value.get("ignore") if isinstance(value, dict) else None
    if isinstance(ignore, str):
        ignore = _ids(ignore)
    reason = value.get("reason") if isinstance(value, dict) else None
    if (
        not isinstance(value, dict)
        or set(value) - {"ignore", "reason"}
        or not isinstance(ignore, list)
        or not all(isinstance(i, str) for i in ignore)
        or not isinstance(reason, str | None)
    ):
        problems.append((at, "editorial-lint", "front-matter"))
        return []
    return [Suppression(name, "front-matter", at, reason, start=0, end=len(doc.text) + 1) for name in ignore]
