"""The audit as one self-contained HTML page: inline CSS and SVG, no scripts, fonts or network.

Every number is taken from the audit dict (the JSON audit) and formatted the same way everywhere, so
the page and ``--json`` agree; nothing is recomputed here.
"""

from __future__ import annotations

import os
from html import escape
from pathlib import Path
from typing import Any
from urllib.parse import quote

from lint.report.audit_text import pct
from lint.report.audit_time import month_caption, month_chart

CSS = """
:root { --ink: #1d2430; --muted: #5b6573; --line: #d5dae1; --good: #2f7d4f; --fair: #c08a1e; --poor: #b33a3a; }
* { box-sizing: border-box; }
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
       color: var(--ink); margin: 0 auto; max-width: 1080px; padding: 24px 28px 48px; background: #fff; }
h1 { font-size: 26px; margin: 0 0 4px; } h2 { font-size: 19px; margin: 32px 0 8px; border-bottom: 2px solid var(--ink); }
h3 { font-size: 16px; margin: 18px 0 6px; }
p.meta, p.note { color: var(--muted); margin: 2px 0; font-size: 13px; }
table { border-collapse: collapse; width: 100%; margin: 6px 0 12px; font-size: 14px; }
th, td { text-align: left; padding: 4px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { background: #f2f4f7; font-weight: 600; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
table.summary td:first-child { width: 55%; }
.cols { display: grid; grid-template-columns: repeat(auto-fit, minmax(300px, 1fr)); gap: 0 24px; }
svg { display: block; max-width: 100%; height: auto; }
svg text { font: 12px system-ui, sans-serif; fill: var(--ink); }
svg .track { fill: #eef0f3; } svg .bar.good { fill: var(--good); } svg .bar.fair { fill: var(--fair); }
svg .bar.poor { fill: var(--poor); } svg .axis { stroke: var(--muted); stroke-width: 1; }
svg .grid { stroke: var(--line); stroke-width: 1; } svg .line { fill: none; stroke: #2b5fa6; stroke-width: 2.5; }
svg .point { fill: #2b5fa6; stroke: #fff; stroke-width: 1.5; } svg text.muted { fill: var(--muted); }
svg .point.few { fill: #fff; stroke: #2b5fa6; stroke-width: 2; } svg .gap { stroke: #2b5fa6; stroke-width: 1.5;
stroke-dasharray: 4 4; } svg .tick { stroke: var(--muted); } svg text.count { font-size: 10px; fill: var(--muted); paint-order: stroke; stroke: #fff; stroke-width: 3px; }
table.grouped { table-layout: fixed; } table.grouped th { white-space: normal; overflow-wrap: anywhere; }
table.grouped td:first-child, table.grouped th:first-child { width: 30%; }
ul.where { margin: 0; padding-left: 0; list-style: none; } ul.where li { margin: 0; }
a { color: #2b5fa6; } code { font-size: 13px; }
@media print {
  body { max-width: none; padding: 0; font-size: 10.5pt; }
  h2 { break-after: avoid; } table, figure, svg { break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
  th { background: #eee !important; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  svg .bar, svg .line, svg .point { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
@page { margin: 16mm 14mm; }
"""


def _e(value: Any) -> str:
    return escape("" if value is None else str(value))


def _rate_class(value: float | None) -> str:
    if value is None:
        return "none"
    return "good" if value >= 90 else "fair" if value >= 70 else "poor"


def _table(headers: list[str], rows: list[list[Any]], numeric: set[int], css: str = "") -> str:
    """A table; cells are escaped unless given as ``("html", markup)``."""
    head = "".join(
        f'<th class="num">{_e(h)}</th>' if i in numeric else f"<th>{_e(h)}</th>" for i, h in enumerate(headers)
    )
    body = []
    for row in rows:
        cells = []
        for i, cell in enumerate(row):
            text = cell[1] if isinstance(cell, tuple) else _e(cell)
            cells.append(f'<td class="num">{text}</td>' if i in numeric else f"<td>{text}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    if not rows:
        body.append(f'<tr><td colspan="{len(headers)}"><em>none</em></td></tr>')
    klass = f' class="{css}"' if css else ""
    return f"<table{klass}><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def rule_chart(rules: list[dict[str, Any]]) -> str:
    """Horizontal bars: each rule's pass rate among the articles it applies to."""
    label_w, bar_w, row_h, top = 210, 520, 24, 22
    width = label_w + bar_w + 130
    height = top + row_h * max(len(rules), 1) + 8
    out = [
        f'<svg id="chart-rules" class="chart" role="img" viewBox="0 0 {width} {height}" width="{width}" '
        f'height="{height}" xmlns="http://www.w3.org/2000/svg"><title>Pass rate per rule</title>'
    ]
    for tick in (0, 25, 50, 75, 100):
        x = label_w + bar_w * tick / 100
        out.append(
            f'<line class="grid" x1="{x:.1f}" y1="{top - 6}" x2="{x:.1f}" y2="{height - 6}"/>'
            f'<text class="muted" x="{x:.1f}" y="{top - 10}" text-anchor="middle">{tick} %</text>'
        )
    for index, rule in enumerate(rules):
        y = top + index * row_h
        value = rule["pass_percent"]
        out.append(
            f'<g class="bar-row" data-rule="{_e(rule["id"])}">'
            f'<text x="{label_w - 8}" y="{y + 16}" text-anchor="end">{_e(rule["id"])}</text>'
            f'<rect class="track" x="{label_w}" y="{y + 4}" width="{bar_w}" height="{row_h - 8}"/>'
        )
        if value is None:
            out.append(f'<text class="muted" x="{label_w + 6}" y="{y + 16}">applies to no article</text></g>')
            continue
        w = bar_w * value / 100
        out.append(
            f'<rect class="bar {_rate_class(value)}" x="{label_w}" y="{y + 4}" width="{w:.1f}" '
            f'height="{row_h - 8}" data-value="{value}"><title>{_e(rule["id"])}: {pct(value)} '
            f"({rule['passing']} of {rule['applicable']})</title></rect>"
            f'<text x="{label_w + bar_w + 8}" y="{y + 16}">{pct(value)} ({rule["passing"]}/{rule["applicable"]})'
            f"</text></g>"
        )
    out.append("</svg>")
    return "".join(out)


def _href(path: str, link_base: Path | None) -> str:
    """A link to the article's file (JSONL records: the export), relative to the report's folder."""
    file_part, _, record = path.partition("#")
    target = Path(file_part)
    if link_base is not None and target.exists():
        try:
            file_part = os.path.relpath(target.resolve(), link_base)
        except ValueError:  # another drive (Windows)
            file_part = target.resolve().as_uri()
    return quote(file_part.replace(os.sep, "/")) + (f"#{quote(record)}" if record else "")


def _group_rows(rows: list[dict[str, Any]]) -> list[list[Any]]:
    return [
        [r["key"], r["articles"], r["compliant"], pct(r["compliance_percent"]), r["error"], r["warning"], r["info"]]
        for r in rows
    ]


GROUP_HEAD = ["", "articles", "compliant", "compliance", "errors", "warnings", "info"]
NUM_GROUP = {1, 2, 3, 4, 5, 6}


GROUPS_PER_TABLE = 6  # columns that fit the page beside the rule names without scrolling


def grouped_tables(grouped: dict[str, Any], rule_ids: list[str]) -> list[str]:
    """Pass rates by group with the rules as rows (there are ~15 of them) and the groups as columns, at
    most GROUPS_PER_TABLE to a table, so every table fits the page width."""
    groups = grouped["groups"]
    by = _e(grouped["by"])
    out = [
        f'<section id="grouped"><h2>Pass rates by {by}</h2>',
        '<p class="note">Rules as rows, one column per group (its article count in the header); "–": the rule '
        "applies to no article of the group.</p>",
    ]
    if not groups:
        out.append('<p class="note"><em>no groups</em></p>')
    for start in range(0, len(groups), GROUPS_PER_TABLE):
        chunk = groups[start : start + GROUPS_PER_TABLE]
        head = "".join(f'<th class="num">{_e(g["key"])}<br><small>{g["articles"]} art.</small></th>' for g in chunk)
        rows = [
            "<tr><td>overall compliance</td>"
            + "".join(f'<td class="num">{pct(g["compliance_percent"])}</td>' for g in chunk)
            + "</tr>"
        ]
        for rule_id in rule_ids:
            cells = []
            for group in chunk:
                cell = group["rules"].get(rule_id)
                text = pct(cell["pass_percent"]) if cell and cell["applicable"] else "–"
                cells.append(f'<td class="num">{_e(text)}</td>')
            rows.append(f"<tr><td><code>{_e(rule_id)}</code></td>{''.join(cells)}</tr>")
        out.append(
            f'<table class="grouped"><thead><tr><th>rule</th>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'
        )
    out.append("</section>")
    return out


def _locations(article: dict[str, Any], link_base: Path | None) -> str:
    """The article's file once, then each rule's error lines (a line with several errors as ``40 ×9``)."""
    by_rule: dict[str, dict[int, int]] = {}
    for error in article["errors"]:
        lines = by_rule.setdefault(error["rule"], {})
        lines[error["line"]] = lines.get(error["line"], 0) + 1
    items = []
    for rule_id, lines in by_rule.items():
        where = ", ".join(f"{line}" + (f" ×{count}" if count > 1 else "") for line, count in lines.items())
        word = "line" if len(lines) == 1 else "lines"
        items.append(f"<li><code>{_e(rule_id)}</code> {word} {_e(where)}</li>")
    link = f'<a href="{_e(_href(article["path"], link_base))}">{_e(article["path"])}</a>'
    return f'{link}<ul class="where">{"".join(items)}</ul>'


def render(audit: dict[str, Any], link_base: Path | None = None, headings: dict[str, str] | None = None) -> str:
    """The audit as one HTML page; ``headings``: the title of each rule's phrase table (the rule's
    ``audit-phrases`` heading), else the rule id."""
    s = audit["summary"]
    tool = audit.get("tool", {})
    options = audit.get("options", {})
    period = f"{s['first_date']} to {s['last_date']}" if s["first_date"] else "no dated articles"
    meta = [
        f"{_e(tool.get('name', 'editorial-lint'))} {_e(tool.get('version', ''))}",
        f"rules {_e(str(tool.get('rules_hash', ''))[:19])}",
        f"articles dated {_e(period)}",
    ]
    if options.get("since"):
        meta.append(f"since {_e(options['since'])}")
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        "<title>Editorial compliance audit</title>",
        f"<style>{CSS}</style></head><body>",
        "<header><h1>Editorial compliance audit</h1>",
        f'<p class="meta">{" · ".join(meta)}</p></header>',
        '<section id="summary"><h2>Summary</h2>',
        _table(
            ["", "value"],
            [
                ["Articles read", s["articles"]],
                ["Overall compliance (articles without an error-level finding)", pct(s["compliance_percent"])],
                ["Compliant articles", s["compliant"]],
                ["Articles with errors", s["articles_with_errors"]],
                ["Findings", s["findings"]],
                ["— errors", s["error"]],
                ["— warnings", s["warning"]],
                ["— info", s["info"]],
                ["Suppressed findings", s["suppressed"]],
                ["Undated articles", s["undated"]],
                ["Left out by --since", s["excluded_by_since"]],
                ["Inputs that could not be read", s["input_errors"]],
                ["Rules audited", s["rules"]],
                ["Languages", ", ".join(f"{k}: {v}" for k, v in s["languages"].items()) or "–"],
            ],
            {1},
            "summary",
        ),
        "</section>",
        '<section id="rules"><h2>Pass rate per rule</h2>',
        '<p class="note">Share of the articles a rule applies to (language and conditions) without a finding of it.</p>',
        f"<figure>{rule_chart(audit['rules'])}</figure>",
        _table(
            ["rule", "severity", "applies to", "passing", "pass rate", "findings"],
            [
                [
                    ("html", f"<code>{_e(r['id'])}</code>"),
                    r.get("severity") or "",
                    r["applicable"],
                    r["passing"],
                    pct(r["pass_percent"]),
                    r["findings"],
                ]
                for r in audit["rules"]
            ],
            {2, 3, 4, 5},
        ),
        "</section>",
        '<section id="months"><h2>Compliance per month</h2>',
        f"<figure>{month_chart(audit['months'])}</figure>",
        month_caption(audit["months"], s["undated"], s["articles"]),
        _table(["month", *GROUP_HEAD[1:]], _group_rows(audit["months"]), NUM_GROUP),
        "</section>",
        '<section id="breakdowns"><h2>Breakdowns</h2>',
    ]
    for by, title in (("section", "By section"), ("author", "By author"), ("agency", "By credited agency")):
        parts.append(f'<h3 id="by-{by}">{title}</h3>')
        parts.append(_table([by, *GROUP_HEAD[1:]], _group_rows(audit["breakdowns"][by]), NUM_GROUP))
    parts.append("</section>")
    parts += grouped_tables(audit["grouped"], [r["id"] for r in audit["rules"]])
    parts += [
        '<section id="sourcing"><h2>Agencies and sources</h2><div class="cols"><div>',
        "<h3>Agencies credited</h3>",
        _table(["agency", "articles"], [[a["agency"], a["articles"]] for a in audit["agencies"]], {1}),
        "</div>",
    ]
    for rule_id, found in audit["phrases"].items():
        label = (headings or {}).get(rule_id, rule_id)
        parts += [
            f"<div><h3>{_e(label)}</h3>",
            _table(
                ["phrase", "findings", "articles"], [[p["phrase"], p["count"], p["articles"]] for p in found], {1, 2}
            ),
            "</div>",
        ]
    parts.append("</div></section>")
    kinds = audit.get("source_kinds") or {}
    if kinds:
        names = ["person", "organisation", "vague", "anonymous", "impersonal"]
        # One table under the other: side by side, seven columns each do not fit the page.
        parts.append('<section id="source-kinds"><h2>Who speaks: claims by kind of source</h2><div>')
        for by in ("month", "section"):
            rows = [[r["key"], r["claims"], *(pct(r["percent"][k]) for k in names)] for r in kinds.get(by, [])]
            parts += [f"<div><h3>By {_e(by)}</h3>", _table([by, "claims", *names], rows, set(range(1, 7))), "</div>"]
        parts.append("</div></section>")
    sup = audit["suppressions"]
    parts += [
        '<section id="suppressions"><h2>Suppressions</h2>',
        f'<p class="note">{sup["suppressed"]} finding(s) suppressed in {sup["articles_with_suppressions"]} '
        "article(s); waivers by rule and reason.</p>",
        _table(
            ["rule", "reason", "directives", "findings suppressed", "unused", "articles"],
            [
                [
                    r["rule"],
                    r["reason"] or "(no reason given)",
                    r["directives"],
                    r["suppressed"],
                    r["unused"],
                    r["articles"],
                ]
                for r in sup["entries"]
            ],
            {2, 3, 4, 5},
        ),
        "</section>",
    ]
    top_rows = [
        [("html", _locations(a, link_base)), a["title"] or "", a["error"], a["warning"], a["info"]]
        for a in audit["top_articles"]
    ]
    parts += [
        '<section id="top-articles"><h2>Articles with the most errors</h2>',
        _table(["article and error lines", "title", "errors", "warnings", "info"], top_rows, {2, 3, 4}),
        "</section>",
    ]
    if audit["errors"]:
        parts += [
            '<section id="input-errors"><h2>Inputs that could not be read</h2>',
            _table(
                ["input", "problem"],
                [[f"{e['path']}:{e['line']}" if e.get("line") else e["path"], e["message"]] for e in audit["errors"]],
                set(),
            ),
            "</section>",
        ]
    parts.append("</body></html>\n")
    return "\n".join(parts)
