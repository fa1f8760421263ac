"""The source model (issue 14): who each claim is attributed to, by which route, and of what kind.

Fixture sentences are written for these tests; real copy is measured with ../shared/eval/score.py.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from lint.checks.finding import FileResult
from lint.document.sources import source_of
from lint.pack.profiles import LanguageProfile, load_profile
from lint.pack.source_words import SourceLexicon
from lint.report.audit import build_audit
from tests.conftest import ROOT, SEED, rules_of, run_cli

Lint = Callable[..., FileResult]


@pytest.fixture(scope="module")
def profiles() -> dict[str, LanguageProfile]:
    return {code: load_profile(ROOT / "rules" / "languages" / f"{code}.yaml") for code in ("de", "en")}


def _kind(sentence: str, cue: str, lexicon: SourceLexicon, impersonal: bool = False) -> tuple[str, str]:
    start = sentence.lower().index(cue.lower())
    source = source_of(sentence, (0, len(sentence)), (start, start + len(cue)), impersonal, lexicon)
    return source.kind, source.name


@pytest.mark.parametrize(
    ("lang", "sentence", "cue", "kind"),
    [
        ("en", "Officials said the bridge would stay shut.", "said", "vague"),
        ("en", "Fire officials say the blaze is under control.", "say", "vague"),
        ("en", "A senior Turkish official said the attackers were foreigners.", "said", "anonymous"),
        ("en", "The talks are over, one of the sources said.", "said", "anonymous"),
        ("en", "The Home Office said the rules would change.", "said", "organisation"),
        ("en", "Officials of the Home Office said the rules would change.", "said", "organisation"),
        ("en", "Jane Example said the rules would change.", "said", "person"),
        ("de", "Laut US-Medien war der Vertrag fast fertig.", "laut U", "vague"),
        ("de", "Nach Angaben von Ermittlern war der Wagen gestohlen.", "nach Angaben", "vague"),
        ("de", "Nach Angaben der Polizei war der Wagen gestohlen.", "nach Angaben", "organisation"),
        ("de", "Der Wagen war seinen Angaben zufolge gestohlen.", "zufolge", "person"),
        ("de", "Der Schaden sei groß, sagte Stadtrat Jan Beispiel.", "sagte", "person"),
    ],
)
def test_source_kind_by_what_the_phrase_says(
    profiles: dict[str, LanguageProfile], lang: str, sentence: str, cue: str, kind: str
) -> None:
    assert _kind(sentence, cue, profiles[lang].sources)[0] == kind


def test_impersonal_formula_is_its_own_kind_unless_a_document_is_named(profiles: dict[str, LanguageProfile]) -> None:
    lexicon = profiles["de"].sources
    assert _kind("Der Einsatz dauerte bis zum Morgen, hieß es.", "hieß es", lexicon, impersonal=True)[0] == "impersonal"
    letter = "In einem Brief an den Minister hieß es, die Stadt brauche Geld."
    assert _kind(letter, "hieß es", lexicon, impersonal=True)[0] == "organisation"


def test_unknown_source_keys_in_a_profile_are_refused() -> None:
    with pytest.raises(ValueError, match=r"sources\.role-words"):
        SourceLexicon.from_data({"role-words": ["x"]})


# The three cases found by trying the tool as a new user would (issue 14, "Also found").


def test_a_reason_for_anonymity_in_another_form_is_judged_as_a_clause(lint_text: Lint) -> None:
    text = "The merger is close, said one executive, who asked not to be named because the plans are not yet public."
    assert "anonymous-source" not in rules_of(lint_text(text, language="en"))
    without_reason = "The merger is close, said one executive, who asked not to be named."
    assert "anonymous-source" in rules_of(lint_text(without_reason, language="en"))


def test_a_verb_of_judging_with_a_subject_introduces_reported_speech(lint_text: Lint) -> None:
    assert "unattributed-claim" not in rules_of(
        lint_text("Nietzsche befand, Demut gehöre zu den Idealen.", language="de")
    )
    assert "unattributed-claim" in rules_of(lint_text("Demut gehöre zu den gefährlichen Idealen.", language="de"))


def test_a_chain_does_not_carry_a_source_into_a_claim_about_someone_else(lint_text: Lint) -> None:
    alone = lint_text("The minister reportedly resigned.\n", language="en")
    after_quote = lint_text(
        '"We will appeal the ruling," he said.\n\nThe minister reportedly resigned.\n', language="en"
    )
    assert [f.rule for f in alone.findings if f.rule == "unattributed-claim"] == ["unattributed-claim"]
    claims = [f for f in after_quote.findings if f.rule == "unattributed-claim"]
    assert [(f.line, f.column) for f in claims] == [(3, 14)]


# Routes: each gives the claim a source, and facts.sources names it.


def _sources(result: FileResult) -> list[dict[str, object]]:
    return list(result.facts["sources"])


def test_following_sentence_names_the_speaker(lint_text: Lint) -> None:
    text = '"Wir lassen uns nicht einschüchtern und machen weiter." Das ließ die Bürgermeisterin mitteilen.\n'
    result = lint_text(text, language="de")
    assert "unattributed-quote" not in rules_of(result)
    assert _sources(result) == [{"name": "die Bürgermeisterin", "kind": "person", "claims": 1}]


def test_a_quotation_over_several_paragraphs_is_one_claim_with_one_source(lint_text: Lint) -> None:
    text = (
        'A council spokesperson said: "The road was closed at noon after a lorry shed its load.\n\n'
        '"Crews worked through the night to clear it. It will reopen by morning."\n'
    )
    result = lint_text(text, language="en")
    assert "unattributed-quote" not in rules_of(result)
    assert _sources(result) == [{"name": "A council spokesperson", "kind": "organisation", "claims": 2}]


def test_an_introducing_paragraph_sources_the_statement_after_it(lint_text: Lint) -> None:
    text = 'The club issued the following statement:\n\n"We are shocked and will help the police in every way."\n'
    assert "unattributed-quote" not in rules_of(lint_text(text, language="en"))
    unintroduced = 'The club was quiet on Sunday.\n\n"We are shocked and will help the police in every way."\n'
    assert "unattributed-quote" in rules_of(lint_text(unintroduced, language="en"))


def test_one_span_one_finding_for_an_impersonal_formula(lint_text: Lint) -> None:
    result = lint_text("Der Einsatz sei noch nicht beendet, hieß es.\n", language="de")
    assert [f.rule for f in result.findings if f.severity != "error"] == ["vague-attribution"]
    assert _sources(result) == [{"name": "hieß es", "kind": "impersonal", "claims": 1}]


def test_seed_reports_its_speech_quotations_with_their_sources(lint_text: Lint) -> None:
    result = lint_text(SEED.read_text(encoding="utf-8"), str(SEED))
    assert not [f for f in result.findings if f.severity in ("error", "warning")]
    names = {s["name"]: s["kind"] for s in _sources(result)}
    assert names.get("Putin") == "person"
    assert names.get("der russische Präsident") == "person"
    assert names.get("Kim") == "person"  # he spoke to the agency: Interfax is where, not who (issue 14)
    assert not any("Interfax" in name for name in names)
    assert result.facts["quotes"] == 3


def test_json_report_with_sources_validates(tmp_path: Path) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    proc = run_cli("--isolated", "--format", "json", str(SEED))
    report = json.loads(proc.stdout)
    schema = json.loads((ROOT / "lint" / "schemas" / "report-v1.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(report, schema)
    assert report["files"][0]["facts"]["sources"]


def test_audit_shares_claims_by_source_kind_per_month_and_section() -> None:
    def article(path: str, date: str, section: str, sources: list[dict[str, object]]) -> dict[str, object]:
        facts = {"date": date, "section": section, "sources": sources, "agency_credits": [], "authors": []}
        return {"path": path, "facts": facts, "findings": [], "rules_applied": []}

    records = [
        article("a.txt", "2024-05-02", "politik", [{"name": "Putin", "kind": "person", "claims": 3}]),
        article("b.txt", "2024-05-20", "politik", [{"name": "officials", "kind": "vague", "claims": 1}]),
        article("c.txt", "2024-06-01", "sport", [{"name": "hieß es", "kind": "impersonal", "claims": 2}]),
    ]
    audit = build_audit(records)
    may = next(r for r in audit["source_kinds"]["month"] if r["key"] == "2024-05")
    assert may["claims"] == 4 and may["kinds"]["person"] == 3 and may["percent"]["vague"] == 25.0
    sport = next(r for r in audit["source_kinds"]["section"] if r["key"] == "sport")
    assert sport["percent"]["impersonal"] == 100.0 and sport["percent"]["person"] == 0.0
    schema = json.loads((ROOT / "lint" / "schemas" / "audit-v1.schema.json").read_text(encoding="utf-8"))
    jsonschema = pytest.importorskip("jsonschema")
    jsonschema.validate(audit, schema)


def test_a_pronoun_speaker_is_the_person_named_last(lint_text: Lint) -> None:
    text = (
        '"We will rebuild every house on this street," Jane Example said on Monday.\n\n'
        "The storm reportedly destroyed 40 homes, she added.\n"
    )
    assert _sources(lint_text(text, language="en")) == [{"name": "Jane Example", "kind": "person", "claims": 2}]
    alone = _sources(lint_text("The storm reportedly destroyed 40 homes, she added.\n", language="en"))
    assert alone == [{"name": "she", "kind": "person", "claims": 1}]
