"""The seed article: its golden report, and variants that must (and must not) fire."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from lint.checks.finding import FileResult

from conftest import ROOT, SEED, rules_of, run_cli

GOLDEN = ROOT / "tests" / "golden" / "seed.json"
SEED_TEXT = SEED.read_text(encoding="utf-8")
LAST_PARAGRAPH_END = "zu Waffenlieferungen aus Nordkorea für Russlands Offensive in der Ukraine führen."


def _report(result: FileResult) -> dict:
    return {"language": result.language, "facts": result.facts, "findings": [f.as_dict() for f in result.findings]}


def test_seed_matches_golden_report(lint_text: Callable[..., FileResult]) -> None:
    result = lint_text(SEED_TEXT, "seeds/000_89733a5d9f8c67a3.txt")
    if os.environ.get("EDITORIAL_LINT_UPDATE_GOLDEN"):
        GOLDEN.write_text(json.dumps(_report(result), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    assert _report(result) == json.loads(GOLDEN.read_text(encoding="utf-8"))


def test_seed_facts_as_the_contract_states(lint_text: Callable[..., FileResult]) -> None:
    facts = lint_text(SEED_TEXT).facts
    assert facts["agency_credits"] == ["dpa", "afp"]
    assert facts["credit_line"] == "(dpa/afp/fte)"
    assert facts["image_credits"] == ["Vladimir Smirnov/Pool Sputnik Kremlin/AP/dpa"]
    assert facts["quotes"] == 3


def test_seed_folder_lints_clean() -> None:
    result = run_cli("--isolated", str(ROOT / "seeds"))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "error" not in result.stdout.split("Found")[0]


def _insert_paragraph(paragraph: str) -> str:
    """The seed with one more paragraph before its last story paragraph."""
    anchor = "Zuvor hatten Nachrichtenagenturen berichtet"
    return SEED_TEXT.replace(anchor, paragraph + "\n\n" + anchor, 1)


def _line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


def test_without_credit_line_agency_credit_fires_after_the_last_paragraph(lint_text: Callable[..., FileResult]) -> None:
    text = SEED_TEXT.replace(" (dpa/afp/fte)", "")
    result = lint_text(text)
    found = [f for f in result.findings if f.rule == "agency-credit"]
    assert len(found) == 1
    assert (found[0].line, found[0].column) == (
        _line_of(text, LAST_PARAGRAPH_END),
        text.split("\n")[_line_of(text, LAST_PARAGRAPH_END) - 1].index(LAST_PARAGRAPH_END)
        + len(LAST_PARAGRAPH_END)
        + 1,
    )
    assert result.facts["agency_credits"] == []


def test_uncredited_markdown_image_fires_image_credit(lint_text: Callable[..., FileResult]) -> None:
    text = _insert_paragraph("![Putin und Kim in Wostotschny](bild.jpg)")
    result = lint_text(text, "seed.md")
    found = [f for f in result.findings if f.rule == "image-credit"]
    assert len(found) == 1 and found[0].excerpt == "![Putin und Kim in Wostotschny](bild.jpg)"
    assert found[0].line == _line_of(text, "![Putin")


def test_standalone_quotation_fires_unattributed_quote(lint_text: Callable[..., FileResult]) -> None:
    quotation = '"Wir werden diesen Weg gemeinsam bis zum Ende gehen."'
    result = lint_text(_insert_paragraph(quotation))
    found = [f for f in result.findings if f.rule == "unattributed-quote"]
    assert [f.excerpt for f in found] == [quotation]


def test_hearsay_without_source_fires_unattributed_claim(lint_text: Callable[..., FileResult]) -> None:
    result = lint_text(_insert_paragraph("Kim soll zudem Munition angeboten haben."))
    found = [f for f in result.findings if f.rule == "unattributed-claim"]
    assert len(found) == 1 and found[0].excerpt.startswith("soll")


@pytest.mark.parametrize(
    "sentence",
    [
        "Der Weltraumbahnhof soll Russlands Abhängigkeit von Kasachstan in der Raumfahrt verringern.",
        "Dies sei auch der Grund, weshalb der Weltraumbahnhof als Ort für das Treffen ausgewählt worden sei, "
        "berichtete die staatliche Nachrichtenagentur Ria Nowosti.",
        "Russland habe sich zum Schutz seiner Souveränität und Sicherheit erhoben, sagte Kim der Nachrichtenagentur "
        'Interfax zufolge. "Wir haben immer und werden weiter alle Entscheidungen Putins unterstützen."',
    ],
)
def test_the_seeds_own_constructions_do_not_fire(lint_text: Callable[..., FileResult], sentence: str) -> None:
    result = lint_text(_insert_paragraph(sentence))
    assert not [f for f in result.findings if f.severity in ("error", "warning")], result.findings


def test_seed_variants_each_fire_only_their_rule(lint_text: Callable[..., FileResult]) -> None:
    for paragraph, rule in [
        ("Kim soll zudem Munition angeboten haben.", "unattributed-claim"),
        ('"Wir werden diesen Weg gemeinsam bis zum Ende gehen."', "unattributed-quote"),
    ]:
        rules = set(rules_of(lint_text(_insert_paragraph(paragraph)))) - {"vague-attribution"}
        assert rules == {rule}


def test_seed_read_with_crlf_and_bom_gives_the_same_positions(tmp_path: Path) -> None:
    plain = tmp_path / "lf.txt"
    plain.write_text(SEED_TEXT, encoding="utf-8")
    windows = tmp_path / "crlf.txt"
    windows.write_bytes(b"\xef\xbb\xbf" + SEED_TEXT.replace("\n", "\r\n").encode("utf-8"))
    reports = [
        json.loads(run_cli("--isolated", "--format", "json", str(p)).stdout)["files"][0] for p in (plain, windows)
    ]
    assert reports[0]["findings"] == reports[1]["findings"]
    assert reports[0]["facts"] == reports[1]["facts"]
