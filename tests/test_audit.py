"""The archive audit over a generated archive (tests/audit_archive.py): every number is recomputed here
from the archive's construction — never read back from the implementation — and compared."""

from __future__ import annotations

import io
import json
from collections import Counter, defaultdict
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

import lint.cli.main as cli
from lint.report.audit import AuditError, Options, build_audit, parse_since
from lint.run.progress import Progress

import audit_archive as archive

SCHEMA = Path(__file__).resolve().parent.parent / "lint" / "schemas" / "audit-v1.schema.json"


def pct(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = cli.main(argv)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[archive.Spec]]:
    root = tmp_path_factory.mktemp("audit")
    return root, archive.build(root)


@pytest.fixture(scope="module")
def audited(built: tuple[Path, list[archive.Spec]]) -> tuple[dict[str, Any], str, int]:
    """`audit` run once over the archive: (JSON audit, HTML text, exit code)."""
    root, _specs = built
    code = cli.main(
        [
            "audit",
            "--isolated",
            "--jobs",
            "1",
            "--progress",
            "never",
            str(root / "archive"),
            str(root / "export.jsonl"),
            "--json",
            str(root / "audit.json"),
            "--html",
            str(root / "report.html"),
        ]
    )
    return (
        json.loads((root / "audit.json").read_text(encoding="utf-8")),
        (root / "report.html").read_text(encoding="utf-8"),
        code,
    )


def group_expect(specs: list[archive.Spec], keys: Callable[[archive.Spec], list[str]]) -> dict[str, dict[str, Any]]:
    members: dict[str, list[archive.Spec]] = defaultdict(list)
    for spec in specs:
        for key in keys(spec):
            members[key].append(spec)
    return {
        key: {
            "key": key,
            "articles": len(m),
            "compliant": sum(1 for s in m if not s.errors),
            "compliance_percent": pct(sum(1 for s in m if not s.errors), len(m)),
            "error": sum(s.count("error") for s in m),
            "warning": sum(s.count("warning") for s in m),
            "info": sum(s.count("info") for s in m),
        }
        for key, m in members.items()
    }


def test_archive_is_large_and_varied(built: tuple[Path, list[archive.Spec]]) -> None:
    _root, specs = built
    assert len(specs) >= 50
    assert len({s.month for s in specs}) >= 6 and len({s.section for s in specs}) >= 4
    assert len({a for s in specs for a in s.authors}) >= 4 and len({a for s in specs for a in s.agencies}) >= 5
    assert sum(1 for s in specs if "#" in s.path) >= 3


def test_summary(audited: tuple[dict[str, Any], str, int], built: tuple[Path, list[archive.Spec]]) -> None:
    audit, _html, code = audited
    _root, specs = built
    compliant = sum(1 for s in specs if not s.errors)
    dated = sorted(s.month for s in specs if s.month)
    summary = audit["summary"]
    assert code == 0
    assert summary["articles"] == len(specs) == 60
    assert summary["compliant"] == compliant
    assert summary["articles_with_errors"] == len(specs) - compliant
    assert summary["compliance_percent"] == pct(compliant, len(specs))
    for severity in ("error", "warning", "info"):
        assert summary[severity] == sum(s.count(severity) for s in specs)
    assert summary["findings"] == sum(sum(s.findings.values()) for s in specs)
    assert summary["suppressed"] == sum(s.suppressed for s in specs)
    assert summary["undated"] == sum(1 for s in specs if s.month is None)
    assert summary["excluded_by_since"] == 0 and summary["input_errors"] == 0
    assert summary["first_date"][:7] == dated[0] and summary["last_date"][:7] == dated[-1]
    assert summary["languages"] == dict(Counter(s.lang for s in specs))
    assert summary["rules"] == len(archive.DEFAULT_RULES)


def test_rules(audited: tuple[dict[str, Any], str, int], built: tuple[Path, list[archive.Spec]]) -> None:
    audit, _html, _code = audited
    _root, specs = built
    rows = {row["id"]: row for row in audit["rules"]}
    assert sorted(rows) == archive.DEFAULT_RULES
    for rule_id in archive.DEFAULT_RULES:
        applying = [s for s in specs if rule_id in s.applies]
        passing = [s for s in applying if not s.findings.get(rule_id)]
        expected = {
            "applicable": len(applying),
            "passing": len(passing),
            "pass_percent": pct(len(passing), len(applying)),
            "findings": sum(s.findings.get(rule_id, 0) for s in specs),
        }
        assert {k: rows[rule_id][k] for k in expected} == expected, rule_id
    # A rule that applies to no article is not "100 % passing".
    assert rows["ai-disclosure"]["applicable"] == 0 and rows["ai-disclosure"]["pass_percent"] is None
    assert rows["advertising-label"]["applicable"] == sum(1 for s in specs if s.variant == "sponsored")
    assert rows["advertising-label"]["pass_percent"] == 0.0


def test_months_breakdowns_and_agencies(
    audited: tuple[dict[str, Any], str, int], built: tuple[Path, list[archive.Spec]]
) -> None:
    audit, _html, _code = audited
    _root, specs = built
    months = group_expect(specs, lambda s: [s.month or "unknown"])
    assert [m["key"] for m in audit["months"]] == [*sorted(k for k in months if k != "unknown"), "unknown"]
    assert {m["key"]: m for m in audit["months"]} == months
    expected = {
        "section": group_expect(specs, lambda s: [s.section or "(none)"]),
        "author": group_expect(specs, lambda s: s.authors or ["(none)"]),
        "agency": group_expect(specs, lambda s: s.agencies or ["(none)"]),
    }
    for by, groups in expected.items():
        assert {row["key"]: row for row in audit["breakdowns"][by]} == groups, by
        assert audit["breakdowns"][by][-1]["key"] == "(none)"  # the no-group bucket comes last
    credited = Counter(a for s in specs for a in s.agencies)
    assert audit["agencies"] == [
        {"agency": a, "articles": n} for a, n in sorted(credited.items(), key=lambda kv: (-kv[1], kv[0]))
    ]


def test_grouped_per_rule(audited: tuple[dict[str, Any], str, int], built: tuple[Path, list[archive.Spec]]) -> None:
    audit, _html, _code = audited
    _root, specs = built
    assert audit["grouped"]["by"] == "section"
    for group in audit["grouped"]["groups"]:
        members = [s for s in specs if (s.section or "(none)") == group["key"]]
        assert group["articles"] == len(members)
        for rule_id, cell in group["rules"].items():
            applying = [s for s in members if rule_id in s.applies]
            passing = sum(1 for s in applying if not s.findings.get(rule_id))
            assert (cell["applicable"], cell["passing"]) == (len(applying), passing), (group["key"], rule_id)


def test_phrases_suppressions_and_top_articles(
    audited: tuple[dict[str, Any], str, int], built: tuple[Path, list[archive.Spec]]
) -> None:
    audit, _html, _code = audited
    _root, specs = built
    for rule_id, variant in (("vague-attribution", "vague"), ("anonymous-source", "anon")):
        counted = Counter(archive.VARIANTS[variant].phrase[s.lang] for s in specs if s.variant == variant)
        assert audit["phrases"][rule_id] == [
            {"phrase": p, "count": n, "articles": n}
            for p, n in sorted(counted.items(), key=lambda kv: (-kv[1], kv[0].casefold()))
        ]
    reasons = Counter(s.reason for s in specs if s.suppressed)
    sup = audit["suppressions"]
    assert sup["suppressed"] == sum(reasons.values())
    assert sup["articles_with_suppressions"] == sum(reasons.values())
    assert {
        (e["rule"], e["reason"]): (e["directives"], e["suppressed"], e["unused"], e["articles"]) for e in sup["entries"]
    } == {("vague-attribution", r): (n, n, 0, n) for r, n in reasons.items()}
    worst = sorted((s for s in specs if s.errors), key=lambda s: (-s.errors, -s.count("warning"), s.path))[:10]
    assert [(a["path"], a["error"]) for a in audit["top_articles"]] == [(s.path, s.errors) for s in worst]
    for row in audit["top_articles"]:
        assert row["location"] == row["errors"][0]["location"] == f"{row['path']}:{row['errors'][0]['line']}"
        assert row["location"].rsplit(":", 1)[1].isdigit()


def test_schema(audited: tuple[dict[str, Any], str, int]) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    audit, _html, _code = audited
    jsonschema.Draft202012Validator(json.loads(SCHEMA.read_text(encoding="utf-8"))).validate(audit)


def test_since_excludes_earlier_and_undated(
    built: tuple[Path, list[archive.Spec]], capsys: pytest.CaptureFixture[str]
) -> None:
    root, specs = built
    code, out, _err = run(
        [
            "audit",
            "--isolated",
            "--jobs",
            "1",
            str(root / "archive"),
            str(root / "export.jsonl"),
            "--since",
            "01.03.2024",
            "--group-by",
            "month",
            "--json",
            "-",
        ],
        capsys,
    )
    audit = json.loads(out)
    kept = [s for s in specs if s.month and s.month >= "2024-03"]
    assert code == 0
    assert audit["summary"]["articles"] == len(kept)
    assert audit["summary"]["excluded_by_since"] == len(specs) - len(kept)
    assert audit["summary"]["undated"] == 0 and "unknown" not in [m["key"] for m in audit["months"]]
    assert audit["summary"]["compliant"] == sum(1 for s in kept if not s.errors)
    assert [g["key"] for g in audit["grouped"]["groups"]] == sorted({s.month for s in kept})
    assert audit["options"]["since"] == "2024-03-01"


def test_fail_under_gates_on_exact_compliance(
    built: tuple[Path, list[archive.Spec]], capsys: pytest.CaptureFixture[str]
) -> None:
    root, specs = built
    exact = 100 * sum(1 for s in specs if not s.errors) / len(specs)
    base = ["audit", "--isolated", "--jobs", "1", str(root / "archive"), str(root / "export.jsonl")]
    code, out, err = run([*base, "--fail-under", f"{exact + 0.01:.2f}"], capsys)
    assert code == 1 and "under --fail-under" in err
    assert f"Overall compliance: {pct(sum(1 for s in specs if not s.errors), len(specs)):.1f} %" in out
    code, _out, _err = run([*base, "--fail-under", f"{exact - 0.01:.2f}"], capsys)
    assert code == 0


def test_parallel_run_gives_the_same_audit(
    built: tuple[Path, list[archive.Spec]], audited: tuple[dict[str, Any], str, int], capsys: pytest.CaptureFixture[str]
) -> None:
    root, _specs = built
    code, out, _err = run(
        ["audit", "--isolated", "--jobs", "2", str(root / "archive"), str(root / "export.jsonl"), "--json", "-"], capsys
    )
    assert code == 0 and json.loads(out) == audited[0]


@pytest.mark.parametrize(
    "args, message",
    [
        (["--since", "yesterday"], "--since 'yesterday': not a date"),
        (["--fail-under", "120"], "a percentage from 0 to 100"),
        (["--group-by", "colour"], "invalid choice"),
    ],
)
def test_bad_options_exit_2_without_traceback(
    built: tuple[Path, list[archive.Spec]], args: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    root, _specs = built
    code, _out, err = run(["audit", "--isolated", str(root / "export.jsonl"), *args], capsys)
    assert code == 2 and message in err and "Traceback" not in err


def test_unreadable_input_exits_2_and_is_reported(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "ok.md").write_text(
        "---\nlang: de\nauthor: Anna Schmidt\n---\n\nDer Zoo hat ein neues Gehege. Die Besucher kamen.\n",
        encoding="utf-8",
    )
    (tmp_path / "broken.md").write_bytes(b"Caf\xe9 ohne UTF-8.\n")
    (tmp_path / "export.jsonl").write_text('{"id": "a", "body": "x"}\nnot json\n', encoding="utf-8")
    code, out, err = run(
        [
            "audit",
            "--isolated",
            "--jobs",
            "1",
            str(tmp_path),
            str(tmp_path / "export.jsonl"),
            "--input-format",
            "auto",
            "--json",
            "-",
        ],
        capsys,
    )
    audit = json.loads(out)
    assert code == 2 and "Traceback" not in err
    assert f"{tmp_path / 'broken.md'}: not valid utf-8" in err.lower()
    assert f"{tmp_path / 'export.jsonl'}:2: " in err
    assert audit["summary"]["input_errors"] == 2 and audit["summary"]["articles"] == 2
    code, _out, err = run(["audit", "--isolated", str(tmp_path / "missing")], capsys)
    assert code == 2 and "no such file or folder" in err


def test_html_numbers_equal_the_json(audited: tuple[dict[str, Any], str, int]) -> None:
    audit, html, _code = audited
    tables = _tables(html)
    summary = dict(tables["summary"])
    s = audit["summary"]
    assert summary["Articles read"] == str(s["articles"])
    assert summary["Overall compliance (articles without an error-level finding)"] == f"{s['compliance_percent']:.1f} %"
    assert summary["Suppressed findings"] == str(s["suppressed"])
    assert summary["— errors"] == str(s["error"]) and summary["— warnings"] == str(s["warning"])
    fmt = lambda v: "n/a" if v is None else f"{v:.1f} %"  # noqa: E731
    assert tables["rules"] == [
        [r["id"], r["severity"], str(r["applicable"]), str(r["passing"]), fmt(r["pass_percent"]), str(r["findings"])]
        for r in audit["rules"]
    ]
    assert tables["months"] == [
        [
            m["key"],
            str(m["articles"]),
            str(m["compliant"]),
            fmt(m["compliance_percent"]),
            str(m["error"]),
            str(m["warning"]),
            str(m["info"]),
        ]
        for m in audit["months"]
    ]
    assert tables["by-author"] == [
        [
            r["key"],
            str(r["articles"]),
            str(r["compliant"]),
            fmt(r["compliance_percent"]),
            str(r["error"]),
            str(r["warning"]),
            str(r["info"]),
        ]
        for r in audit["breakdowns"]["author"]
    ]
    # Bars and points carry the same values as the JSON.
    bars = [float(v) for v in _attr_values(html, "rect", "data-value")]
    assert bars == [r["pass_percent"] for r in audit["rules"] if r["pass_percent"] is not None]
    points = [float(v) for v in _attr_values(html, "circle", "data-value")]
    assert points == [m["compliance_percent"] for m in audit["months"] if m["key"] != "unknown"]


def test_html_is_self_contained(audited: tuple[dict[str, Any], str, int]) -> None:
    _audit, html, _code = audited
    lowered = html.lower()
    assert "<script" not in lowered and "@import" not in lowered and "@font-face" not in lowered
    assert "http://" not in lowered.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert "https://" not in lowered and "<link" not in lowered and "@media print" in lowered


def test_progress_only_on_a_terminal() -> None:
    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    quiet = io.StringIO()
    progress = Progress(quiet)
    progress.start(3)
    progress.advance(3)
    progress.close()
    assert quiet.getvalue() == ""
    shown = Tty()
    progress = Progress(shown)
    progress.start(4)
    progress.advance(2)
    progress._began -= 10  # as if the two files had taken ten seconds
    assert progress.line() == "2/4 files  0.2 files/s  ETA 0:10"
    progress.advance(2)
    progress.close()
    assert "\r0/4 files" in shown.getvalue() and "4/4 files" in shown.getvalue()
    assert shown.getvalue().endswith("\r")


def test_audit_of_records_is_pure() -> None:
    records = [
        {
            "path": "a.md",
            "language": "de",
            "facts": {"date": "2024-01-05", "section": "x", "authors": ["A"], "agency_credits": ["dpa"]},
            "findings": [{"rule": "r1", "severity": "error", "line": 3, "column": 1, "excerpt": ""}],
            "rules_applied": ["r1", "r2"],
            "suppressed": 0,
        },
        {"path": "b.md", "language": "en", "facts": {"date": None}, "findings": [], "rules_applied": ["r2"]},
        {"path": "c.md", "errors": [{"path": "c.md", "message": "not valid utf-8"}]},
    ]
    audit = build_audit(records, [{"id": "r1", "severity": "error"}, {"id": "r2", "severity": "info"}])
    assert audit["summary"]["articles"] == 2 and audit["summary"]["compliant"] == 1
    assert audit["summary"]["input_errors"] == 1
    assert [(r["id"], r["applicable"], r["passing"]) for r in audit["rules"]] == [("r1", 1, 0), ("r2", 2, 2)]
    with pytest.raises(AuditError):
        build_audit([{"path": "x", "facts": {}, "findings": []}])
    with pytest.raises(AuditError):
        build_audit(records, options=Options(group_by="colour"))
    assert parse_since("2024-05") == "2024-05-01" and parse_since("2.5.2024") == "2024-05-02"


class _TableReader(HTMLParser):
    """Rows of the tables under each section / h3 id: {id: [[cell, ...], ...]} (header rows left out)."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: dict[str, list[list[str]]] = {}
        self.current = ""
        self.row: list[str] | None = None
        self.cell: list[str] | None = None
        self.in_head = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        ident = dict(attrs).get("id")
        if tag in ("section", "h3") and ident:
            self.current = ident
        elif tag == "thead":
            self.in_head = True
        elif tag == "tr" and not self.in_head:
            self.row = []
        elif tag == "td" and self.row is not None:
            self.cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "thead":
            self.in_head = False
        elif tag == "td" and self.row is not None and self.cell is not None:
            self.row.append("".join(self.cell).strip())
            self.cell = None
        elif tag == "tr" and self.row is not None:
            self.tables.setdefault(self.current, []).append(self.row)
            self.row = None

    def handle_data(self, data: str) -> None:
        if self.cell is not None:
            self.cell.append(data)


def _tables(html: str) -> dict[str, list[list[str]]]:
    reader = _TableReader()
    reader.feed(html)
    return reader.tables


def _attr_values(html: str, tag: str, attr: str) -> list[str]:
    found: list[str] = []

    class Reader(HTMLParser):
        def handle_starttag(self, name: str, attrs: list[tuple[str, str | None]]) -> None:
            value = dict(attrs).get(attr)
            if name == tag and value is not None:
                found.append(value)

    Reader().feed(html)
    return found
