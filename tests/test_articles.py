"""Whole articles written for the tests: English agency copy (AP, Reuters) and German own reporting."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from lint.checks.finding import FileResult

FIXTURES = Path(__file__).parent / "fixtures"


def _lint(lint_text: Callable[..., FileResult], name: str) -> FileResult:
    return lint_text((FIXTURES / name).read_text(encoding="utf-8"), name)


def test_ap_story_is_clean_with_dateline_byline_and_quotes(lint_text: Callable[..., FileResult]) -> None:
    result = _lint(lint_text, "ap_wire.txt")
    assert result.language == "en"
    assert result.findings == []
    assert result.facts["agency_credits"] == ["ap"]
    assert result.facts["credit_line"] == "SPRINGFIELD, Ill. (AP) —"
    assert result.facts["authors"] == ["MARIA LOPEZ", "DAVID CHEN"]
    assert result.facts["quotes"] == 3


def test_reuters_story_is_clean_and_credits_reuters_once(lint_text: Callable[..., FileResult]) -> None:
    result = _lint(lint_text, "reuters_wire.txt")
    assert result.findings == []
    assert result.facts["agency_credits"] == ["reuters"]
    assert result.facts["quotes"] == 1


def test_english_unsourced_copy_fires_each_rule_once(lint_text: Callable[..., FileResult]) -> None:
    result = _lint(lint_text, "en_unattributed.txt")
    found = {(f.rule, f.excerpt) for f in result.findings}
    assert found == {
        ("agency-credit", ""),
        ("unattributed-claim", "reportedly"),
        ("unattributed-quote", '"This city deserves better than what happened in that room today."'),
        ("anonymous-source", "people familiar with the matter"),
    }


def test_anonymity_with_reason_is_accepted_but_critics_are_vague(lint_text: Callable[..., FileResult]) -> None:
    result = _lint(lint_text, "en_anonymity_reason.txt")
    assert [(f.rule, f.excerpt) for f in result.findings] == [("vague-attribution", "Critics say")]


def test_german_own_reporting_in_markdown(lint_text: Callable[..., FileResult]) -> None:
    result = _lint(lint_text, "de_eigenbericht.md")
    assert result.findings == []
    facts = result.facts
    assert facts["byline"] == "Anna Schmidt" and facts["authors"] == ["Anna Schmidt"]
    assert facts["image_credits"] == ["Max Muster", "Lea Berg/dpa"]
    assert (facts["title"], facts["date"], facts["section"], facts["type"]) == (
        "Stadtrat beschließt Haushalt",
        "2024-05-02",
        "lokales",
        "news",
    )
    assert facts["agency_credits"] == []  # the photo agency of an image credit is not an agency credit


def test_own_reporting_without_author_fires_agency_credit(lint_text: Callable[..., FileResult]) -> None:
    text = (FIXTURES / "de_eigenbericht.md").read_text(encoding="utf-8").replace("author: Anna Schmidt\n", "")
    assert [f.rule for f in lint_text(text, "x.md").findings] == ["agency-credit"]


def test_front_matter_keys_are_mapped(lint_text: Callable[..., FileResult]) -> None:
    text = "---\nmeta:\n  byline_name: Jan Roth\n---\nDer Stadtrat hat den Haushalt beschlossen.\n"
    result = lint_text(text, "x.md", front_matter_keys={"author": "meta.byline_name"})
    assert result.facts["byline"] == "Jan Roth"
    assert "agency-credit" not in [f.rule for f in result.findings]


def test_placeholder_dates_are_no_dates(lint_text: Callable[..., FileResult]) -> None:
    for date in ("0001-01-01", "1.1.0001"):
        text = f"---\ndate: '{date}'\n---\nDer Stadtrat hat den Haushalt beschlossen. (dpa)\n"
        assert lint_text(text, "x.md").facts["date"] is None
    assert lint_text("---\ndate: 2.5.2024\n---\nDer Rat tagte. (dpa)\n", "x.md").facts["date"] == "2024-05-02"
