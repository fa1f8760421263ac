"""CMS exports as JSON Lines: one record per line, every body format, bad lines named by number."""

from __future__ import annotations

import json
from pathlib import Path

from lint.pack.ruleset import RulePack
from lint.run.linter import Linter, Settings, select_rules
from tests.conftest import run_cli

RECORDS = [
    {
        "id": "html-1",
        "title": "Brücke eröffnet",
        "body_format": "html",
        "lang": "de",
        "body": '<p>Der Bürgermeister eröffnete die Brücke.</p>\n<figure><img src="b.jpg">'
        "<figcaption>Die Brücke</figcaption></figure>\n<p>Angeblich kostete sie zu viel.</p>",
    },
    {
        "id": 17,
        "title": "Council meets",
        "body_format": "markdown",
        "lang": "en",
        "byline_name": "Jane Example",
        "body": "The council met on Monday.\r\n\r\n![The hall](hall.jpg)\r\n\r\nThe budget was reportedly cut.\r\n",
    },
    {"id": "txt", "body_format": "text", "lang": "de", "body": "Die Bahn erhöht die Preise.\n\n(dpa)"},
]


def write_export(folder: Path, lines: list[str]) -> Path:
    path = folder / "export.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def export_lines() -> list[str]:
    lines = [json.dumps(r, ensure_ascii=False) for r in RECORDS]
    lines.insert(2, '{"id": "broken", "body": "no closing quote}')
    return lines


def test_all_body_formats_and_a_malformed_line(tmp_path: Path) -> None:
    export = write_export(tmp_path, export_lines())
    completed = run_cli("--isolated", "--format", "json", str(export))
    assert completed.returncode == 2  # the malformed line, though the other records were linted
    assert completed.stderr.strip() == f"{export}:3: not valid JSON: Unterminated string starting at column 26"
    report = json.loads(completed.stdout)
    files = {f["path"].split("#")[1]: f for f in report["files"]}
    assert list(files) == ["html-1", "17", "txt"]  # record order, not string order
    assert [f["record_line"] for f in report["files"]] == [1, 2, 4]
    assert report["errors"] == [{"path": str(export), "message": report["errors"][0]["message"], "line": 3}]

    html = files["html-1"]
    assert html["facts"]["title"] == "Brücke eröffnet"
    assert sorted(f["rule"] for f in html["findings"]) == ["agency-credit", "image-credit", "unattributed-claim"]
    markdown = files["17"]
    # byline_name is not mapped here (no front-matter-keys), so the record has no byline.
    assert [f["rule"] for f in markdown["findings"]] == ["image-credit", "unattributed-claim", "agency-credit"]
    assert markdown["language"] == "en"
    text = files["txt"]
    assert text["facts"]["agency_credits"] == ["dpa"] and text["findings"] == []

    # Positions are within the decoded body (CRLF folded), as for a file holding just the body.
    for record, entry in ((RECORDS[0], html), (RECORDS[1], markdown)):
        body_lines = record["body"].replace("\r\n", "\n").split("\n")
        for finding in entry["findings"]:
            line = body_lines[finding["line"] - 1]
            if finding["end_line"] == finding["line"]:
                assert line[finding["column"] - 1 : finding["end_column"] - 1] == finding["excerpt"]
    claim = next(f for f in markdown["findings"] if f["rule"] == "unattributed-claim")
    assert (claim["line"], claim["column"], claim["excerpt"]) == (5, 16, "reportedly")


def test_front_matter_keys_map_record_fields(pack: RulePack) -> None:
    settings = Settings(front_matter_keys={"author": "byline_name", "body": "content.text", "id": "uid"})
    linter = Linter(pack, select_rules(pack, settings), settings)
    record = {
        "uid": "a-9",
        "lang": "en",
        "byline_name": "Jane Example",
        "content": {"text": "The council met on Monday and passed the budget."},
    }
    results = linter.lint_records([json.dumps(record).encode()], "cms.jsonl")
    assert [r.path for r in results] == ["cms.jsonl#a-9"]
    assert results[0].facts["byline"] == "Jane Example"
    assert results[0].findings == []  # the mapped author satisfies agency-credit


def test_bad_records_are_named_by_line(pack: RulePack) -> None:
    settings = Settings()
    linter = Linter(pack, select_rules(pack, settings), settings)
    lines = [
        b'["not", "an", "object"]',
        b"",
        b'{"id": 1}',
        b'{"id": 2, "body": 5}',
        b'{"id": 3, "body": "x", "body_format": "pdf"}',
        b"\xff\xfe",
        b'{"id": 4, "body": "Fine text here."}',
    ]
    results = linter.lint_records(lines, "x.jsonl")
    errors = [(r.errors[0]["line"], r.errors[0]["message"]) for r in results if r.errors]
    assert [line for line, _ in errors] == [1, 3, 4, 5, 6]
    assert "JSON object" in errors[0][1] and "no 'body'" in errors[1][1] and "int" in errors[2][1]
    assert "body_format 'pdf'" in errors[3][1] and "not valid utf-8" in errors[4][1]
    assert [r.path for r in results if not r.errors] == ["x.jsonl#4"]


def test_stdin_with_input_format(tmp_path: Path) -> None:
    stdin = json.dumps({"id": "s", "lang": "de", "body": "Die Bahn erhöht die Preise.\n\n(dpa)"}) + "\n"
    completed = run_cli("--isolated", "--input-format", "jsonl", "--format", "json", "-", stdin=stdin)
    assert completed.returncode == 0, completed.stderr
    assert json.loads(completed.stdout)["files"][0]["path"] == "-#s"
