"""Archive audit: aggregates over the JSON report's per-article records (docs/audit.md defines each one).

Pure functions over plain dicts — the records `check --format json`, `audit` and the library API
(``lint.lint_text`` / ``lint.lint_paths``) produce — so an audit can be computed from records gathered
anywhere (forked workers, a Dask or Spark cluster) and tested without linting anything.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from lint.report.facts import iso_date

AUDIT_VERSION = 1
GROUP_BYS = ("section", "author", "agency", "month")
BREAKDOWNS = ("section", "author", "agency")
SOURCE_KINDS = ("person", "organisation", "vague", "anonymous", "impersonal")  # facts.sources kinds
SOURCE_GROUPS = ("month", "section")
NONE_KEY = "(none)"  # an article with no section / author / agency credit
UNKNOWN_MONTH = "unknown"
TOP_ARTICLES = 10
TOP_PHRASES = 15
SEVERITIES = ("error", "warning", "info")
Record = dict[str, Any]


class AuditError(ValueError):
    """Records or options an audit cannot be computed from."""


def percent(part: int, whole: int) -> float | None:
    """A share in percent, rounded to one decimal (as every report shows it); None for an empty base."""
    return round(100 * part / whole, 1) if whole else None


def parse_since(value: str) -> str:
    """``--since``: ``2024-05-02``, ``2024-05`` (the first of the month) or ``2.5.2024`` -> ISO date."""
    text = value.strip()
    if len(text) == 7 and text[4] == "-" and text[:4].isdigit() and text[5:].isdigit():
        text += "-01"
    iso = iso_date(text)
    if iso is None:
        raise AuditError(f"--since {value!r}: not a date (use YYYY-MM-DD, YYYY-MM or DD.MM.YYYY)")
    try:
        return dt.date.fromisoformat(iso[:10]).isoformat()
    except ValueError:
        raise AuditError(f"--since {value!r}: not a date (use YYYY-MM-DD, YYYY-MM or DD.MM.YYYY)") from None


def article_date(record: Record) -> str | None:
    """The article's ISO date (YYYY-MM-DD) from its facts, or None when undated or unreadable."""
    date = (record.get("facts") or {}).get("date")
    if not isinstance(date, str):
        return None
    try:
        return dt.date.fromisoformat(date[:10]).isoformat()
    except ValueError:
        return None


def month_of(record: Record) -> str:
    date = article_date(record)
    return date[:7] if date else UNKNOWN_MONTH


def keys_of(record: Record, by: str) -> list[str]:
    """The groups an article belongs to: one section or month; every author and every credited agency."""
    facts = record.get("facts") or {}
    if by == "month":
        return [month_of(record)]
    if by == "section":
        section = facts.get("section")
        return [section.strip()] if isinstance(section, str) and section.strip() else [NONE_KEY]
    field = {"author": "authors", "agency": "agency_credits"}[by]
    values = list(dict.fromkeys(str(v).strip() for v in facts.get(field) or [] if str(v).strip()))
    return values or [NONE_KEY]


def severity_counts(record: Record) -> Counter[str]:
    return Counter(f["severity"] for f in record.get("findings", []))


def compliant(record: Record) -> bool:
    """No (unsuppressed, unbaselined) error-level finding."""
    return not any(f["severity"] == "error" for f in record.get("findings", []))


def applied(record: Record) -> set[str]:
    """Rules that apply to the article: the recorded ones, and any rule with a finding in it."""
    rules = record.get("rules_applied")
    if rules is None:
        raise AuditError(
            f"{record.get('path', '?')}: record has no 'rules_applied' (produce records with "
            "'editorial-lint audit' or lint.lint_text / lint.lint_paths)"
        )
    return set(rules) | {f["rule"] for f in record.get("findings", [])}


@dataclass
class Options:
    since: str | None = None  # ISO date; earlier and undated articles are left out
    group_by: str = "section"
    fail_under: float | None = None


def select(records: Iterable[Record], since: str | None) -> tuple[list[Record], int]:
    """(articles the audit counts, number left out by --since)."""
    kept, dropped = [], 0
    for record in records:
        date = article_date(record)
        if since is not None and (date is None or date < since):
            dropped += 1
        else:
            kept.append(record)
    return kept, dropped


def rule_table(articles: Sequence[Record], rules: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Per rule: articles it applies to, those without a finding of it, its pass rate and findings."""
    rows = []
    for rule in rules:
        rule_id = rule["id"]
        applicable = passing = findings = 0
        for record in articles:
            if rule_id not in applied(record):
                continue
            applicable += 1
            count = sum(1 for f in record.get("findings", []) if f["rule"] == rule_id)
            findings += count
            passing += count == 0
        rows.append(
            {
                "id": rule_id,
                "severity": rule.get("severity"),
                "summary": rule.get("summary", ""),
                "applicable": applicable,
                "passing": passing,
                "pass_percent": percent(passing, applicable),
                "findings": findings,
            }
        )
    return rows


def group_row(key: str, members: Sequence[Record]) -> dict[str, Any]:
    counts: Counter[str] = Counter()
    for record in members:
        counts += severity_counts(record)
    ok = sum(1 for r in members if compliant(r))
    return {
        "key": key,
        "articles": len(members),
        "compliant": ok,
        "compliance_percent": percent(ok, len(members)),
        "error": counts["error"],
        "warning": counts["warning"],
        "info": counts["info"],
    }


def groups(articles: Sequence[Record], by: str) -> dict[str, list[Record]]:
    found: dict[str, list[Record]] = defaultdict(list)
    for record in articles:
        for key in keys_of(record, by):
            found[key].append(record)
    return found


def _sorted_keys(found: dict[str, list[Record]], by: str) -> list[str]:
    if by == "month":  # chronological, the unknown bucket last
        return sorted(found, key=lambda k: (k == UNKNOWN_MONTH, k))
    # largest groups first; "(none)" last, since it is not a group of its own
    return sorted(found, key=lambda k: (k == NONE_KEY, -len(found[k]), k.casefold(), k))


def breakdown(articles: Sequence[Record], by: str) -> list[dict[str, Any]]:
    found = groups(articles, by)
    return [group_row(key, found[key]) for key in _sorted_keys(found, by)]


def grouped_rules(articles: Sequence[Record], by: str, rules: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """--group-by: compliance and per-rule pass rates within each group."""
    found = groups(articles, by)
    rows = []
    for key in _sorted_keys(found, by):
        row = group_row(key, found[key])
        row["rules"] = {
            r["id"]: {k: r[k] for k in ("applicable", "passing", "pass_percent", "findings")}
            for r in rule_table(found[key], rules)
        }
        rows.append(row)
    return {"by": by, "groups": rows}


def agencies(articles: Sequence[Record]) -> list[dict[str, Any]]:
    counts: Counter[str] = Counter()
    for record in articles:
        counts.update(set((record.get("facts") or {}).get("agency_credits") or []))
    return [{"agency": name, "articles": n} for name, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]


def phrase_rules(rules: Sequence[dict[str, Any]]) -> list[str]:
    """The rules whose excerpts are source phrases: those whose metadata says ``audit_phrases`` (the rule
    key ``audit-phrases``), in its ``order``."""
    marked = [(r["audit_phrases"].get("order", 0), r["id"]) for r in rules if r.get("audit_phrases")]
    return [rule_id for _, rule_id in sorted(marked)]


def phrases(
    articles: Sequence[Record], rule_ids: Sequence[str], top: int = TOP_PHRASES
) -> dict[str, list[dict[str, Any]]]:
    """The most frequent excerpts of the source-phrase rules, compared case- and space-insensitively and
    shown in their most frequent written form."""
    result: dict[str, list[dict[str, Any]]] = {}
    for rule_id in rule_ids:
        counts: Counter[str] = Counter()
        forms: dict[str, Counter[str]] = defaultdict(Counter)
        where: dict[str, set[str]] = defaultdict(set)
        for record in articles:
            for finding in record.get("findings", []):
                if finding["rule"] != rule_id:
                    continue
                written = " ".join(str(finding.get("excerpt", "")).split())
                key = written.casefold()
                counts[key] += 1
                forms[key][written] += 1
                where[key].add(record["path"])
        ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:top]
        result[rule_id] = [
            {"phrase": forms[key].most_common(1)[0][0], "count": n, "articles": len(where[key])} for key, n in ranked
        ]
    return result


def source_kinds(articles: Sequence[Record]) -> dict[str, list[dict[str, Any]]]:
    """Per month and per section: the claims of its articles by the kind of their source (facts.sources),
    as counts and as shares of all sourced claims."""
    result: dict[str, list[dict[str, Any]]] = {}
    for by in SOURCE_GROUPS:
        found = groups(articles, by)
        rows = []
        for key in _sorted_keys(found, by):
            counts: Counter[str] = Counter()
            for record in found[key]:
                for source in (record.get("facts") or {}).get("sources") or []:
                    if source.get("kind") in SOURCE_KINDS:
                        counts[source["kind"]] += int(source.get("claims") or 0)
            total = sum(counts.values())
            rows.append(
                {
                    "key": key,
                    "claims": total,
                    "kinds": {kind: counts[kind] for kind in SOURCE_KINDS},
                    "percent": {kind: percent(counts[kind], total) for kind in SOURCE_KINDS},
                }
            )
        result[by] = rows
    return result


def suppressions(articles: Sequence[Record]) -> dict[str, Any]:
    """Waivers by rule and reason: directives, findings they suppressed, directives that waived nothing."""
    table: dict[tuple[str, str], dict[str, Any]] = {}
    for record in articles:
        for entry in record.get("suppressions", []):
            reason = " ".join(str(entry.get("reason") or "").split()) or None
            key = (str(entry.get("rule")), reason or "")
            row = table.setdefault(
                key,
                {"rule": key[0], "reason": reason, "directives": 0, "suppressed": 0, "unused": 0, "articles": set()},
            )
            row["directives"] += 1
            row["suppressed"] += int(entry.get("suppressed") or 0)
            row["unused"] += not entry.get("used")
            row["articles"].add(record["path"])
    rows = [
        {**row, "articles": len(row["articles"])}
        for _key, row in sorted(table.items(), key=lambda kv: (-kv[1]["suppressed"], kv[0]))
    ]
    return {
        "suppressed": sum(int(r.get("suppressed") or 0) for r in articles),
        "articles_with_suppressions": sum(1 for r in articles if r.get("suppressions")),
        "entries": rows,
    }


def top_articles(articles: Sequence[Record], top: int = TOP_ARTICLES) -> list[dict[str, Any]]:
    """The articles with the most error-level findings (then warnings, then path)."""
    scored = []
    for record in articles:
        counts = severity_counts(record)
        if counts["error"]:
            scored.append((-counts["error"], -counts["warning"], record["path"], record, counts))
    scored.sort(key=lambda t: t[:3])
    rows = []
    for *_order, record, counts in scored[:top]:
        errors = [
            {"rule": f["rule"], "line": f["line"], "column": f["column"], "location": f"{record['path']}:{f['line']}"}
            for f in record.get("findings", [])
            if f["severity"] == "error"
        ]
        rows.append(
            {
                "path": record["path"],
                "title": (record.get("facts") or {}).get("title"),
                "error": counts["error"],
                "warning": counts["warning"],
                "info": counts["info"],
                "location": errors[0]["location"],
                "errors": errors,
            }
        )
    return rows


def rules_seen(articles: Sequence[Record]) -> list[dict[str, Any]]:
    """Rule rows when no rule metadata is given: every rule that applied to or fired in an article."""
    ids = sorted({rule_id for record in articles for rule_id in applied(record)})
    return [{"id": rule_id} for rule_id in ids]


def build_audit(
    records: Iterable[Record],
    rules: Sequence[dict[str, Any]] | None = None,
    options: Options | None = None,
    errors: Sequence[dict[str, Any]] = (),
    tool: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """The audit (audit-v1.schema.json) of the articles in ``records`` (JSON-report file records with
    ``rules_applied``); ``rules`` is rule metadata (``RulePack.info()`` of the selected rules), ``errors``
    the inputs that could not be read (they are not articles)."""
    options = options or Options()
    if options.group_by not in GROUP_BYS:
        raise AuditError(f"--group-by {options.group_by!r}: use one of {', '.join(GROUP_BYS)}")
    records = list(records)
    # Library records carry their input's problems; one without facts could not be read: not an article.
    errors = [*errors, *(e for r in records for e in r.get("errors", []))]
    articles, dropped = select((r for r in records if "facts" in r), options.since)
    rules = list(rules) if rules is not None else rules_seen(articles)
    counts: Counter[str] = Counter()
    for record in articles:
        counts += severity_counts(record)
    ok = sum(1 for r in articles if compliant(r))
    dates = sorted(d for d in (article_date(r) for r in articles) if d)
    languages = Counter(r.get("language") or "unknown" for r in articles)
    summary = {
        "articles": len(articles),
        "compliant": ok,
        "compliance_percent": percent(ok, len(articles)),
        "articles_with_errors": len(articles) - ok,
        "findings": sum(counts[s] for s in SEVERITIES),
        "error": counts["error"],
        "warning": counts["warning"],
        "info": counts["info"],
        "suppressed": sum(int(r.get("suppressed") or 0) for r in articles),
        "baselined": sum(int(r.get("baselined") or 0) for r in articles),
        "undated": sum(1 for r in articles if article_date(r) is None),
        "excluded_by_since": dropped,
        "first_date": dates[0] if dates else None,
        "last_date": dates[-1] if dates else None,
        "languages": dict(sorted(languages.items())),
        "input_errors": len(errors),
        "rules": len(rules),
    }
    return {
        "version": AUDIT_VERSION,
        "tool": tool or {"name": "editorial-lint"},
        "options": {"since": options.since, "group_by": options.group_by, "fail_under": options.fail_under},
        "summary": summary,
        "rules": rule_table(articles, rules),
        "months": breakdown(articles, "month"),
        "breakdowns": {by: breakdown(articles, by) for by in BREAKDOWNS},
        "grouped": grouped_rules(articles, options.group_by, rules),
        "agencies": agencies(articles),
        "phrases": phrases(articles, phrase_rules(rules)),
        "source_kinds": source_kinds(articles),
        "suppressions": suppressions(articles),
        "top_articles": top_articles(articles),
        "errors": list(errors),
    }


def below(audit: dict[str, Any], fail_under: float) -> bool:
    """Whether overall compliance is under ``fail_under`` percent — exactly, not after rounding.
    An audit of no articles has no compliance and does not fail the gate."""
    summary = audit["summary"]
    return bool(summary["articles"]) and summary["compliant"] * 100 < fail_under * summary["articles"]
