"""Exceptions as data (issue 11, item 2) and the shipped rules on the new keys (item 1).

The words that make a match no match (not-after, not-before) are lists in the rule or vocabularies,
written out at load as look-arounds; they must match exactly as the hand-written look-behinds they
replace, and a malformed list is a load error naming the file and key.
"""

from __future__ import annotations

from pathlib import Path

import jsonschema
import pytest
from test_rule_kinds import BASE

from lint.api import lint_text
from lint.pack.exemptions import compile_rule
from lint.pack.kinds import normalise
from lint.pack.loader import default_pack, load_pack, pack_files
from lint.pack.rule_schema import build_schema
from lint.pack.ruleset import RuleError
from lint.pack.yamlio import LineDict, load_file

SHIPPED = pack_files(default_pack())
VALIDATOR = jsonschema.Draft202012Validator(build_schema())


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.stem)
def test_shipped_rule_file_uses_no_deprecated_key(path: Path) -> None:
    _, notes = normalise(load_file(path))
    assert notes == []


def test_loading_the_shipped_pack_gives_no_deprecation_note() -> None:
    pack = load_pack([])
    assert {rule.id: rule.notes for rule in pack.rules.values() if rule.notes} == {}


def test_a_house_rule_with_the_old_per_match_unless_still_loads_with_a_note(tmp_path: Path) -> None:
    (tmp_path / "house-anon.yaml").write_text(
        "id: house-anon\ntype: forbid\nseverity: info\nlanguages: [de]\npattern: 'Kreise'\n"
        "unless: {sentence: 'weil'}\nmessage: m\nrationale: r\nreference: ref\n"
        "examples: {pass: ['Ruhig.'], fail: ['Aus Kreisen hieß es.']}\n",
        encoding="utf-8",
    )
    rule = load_pack([tmp_path], include_default=False).rules["house-anon"]
    assert rule.get("unless-match") == {"sentence": "weil"}
    assert any("house-anon.yaml:6: note:" in note and "write 'unless-match'" in note for note in rule.notes)


OLD_FIRST_PERSON = (
    r"(?-i:(?<!\b(?:War|Phase|Title|Class|Type|Stage|Part|Chapter|Section|Article|Act|Level|Division|League|Round"
    r"|Henry|Elizabeth|Charles|George|Louis|James|William|Edward|Mary|Richard|John|Paul|Pius|Leo|Benedict|Nicholas"
    r"|Alexander|Wilhelm|Franz)\s)\bI(?:[\x27’](?:m|ve|d|ll))?\s+\p{Ll}|\bme\b)"
)


def test_opinion_first_person_matches_as_the_old_look_behind() -> None:
    pack = load_pack([])
    by_language = [item for item in pack.rules["opinion-label"].get("pattern") if "en" in item]
    texts = [
        "I think the new road is a mistake, and it bothers me a lot.",
        "The memorial honours soldiers of World War I who died in the valley.",
        "Phase I trials begin in May; war i was lower case and I am sure of it.",
        "Under Title I funds the school hired staff. Henry I ruled long ago, I'm told.",
        "She told me that Pius I was a pope, and i guess WAR I matters too.",
    ]
    spec = by_language[0]["en"]
    new = pack.compiler.compile(spec, "en")
    old = pack.compiler.compile(OLD_FIRST_PERSON, "en")
    assert new is not None and old is not None
    for text in texts:
        assert [m.span() for m in new.finditer(text)] == [m.span() for m in old.finditer(text)], text
    assert [m.group() for m in new.finditer(texts[1])] == []  # the numeral is no first person


OLD_KONJUNKTIV = (
    r"(?<!\bals\s)(?<!\bes\s)(?<!\bGott[\s-])(?-i:\b\L<konjunktiv_i>\b)(?!\s+(?:denn|es)\b)"
    r"(?<!\b\L<konjunktiv_i_blockers>\b[^,.;:!?\n]{0,70})(?!\s+\L<konjunktiv_i_blockers>\b)"
)


def test_konjunktiv_claim_matches_as_the_old_look_behinds() -> None:
    pack = load_pack([])
    spec = pack.rules["unattributed-claim"].get("claim")["de"][1]
    assert isinstance(spec, str)  # written out at load
    new = pack.compiler.compile(spec, "de")
    old = pack.compiler.compile(OLD_KONJUNKTIV, "de")
    assert new is not None and old is not None
    texts = [
        "Der Plan sei gescheitert, und die Kasse habe kein Geld mehr.",
        "Er tat so, als sei nichts geschehen. Es sei denn, der Rat entscheidet anders.",
        "Gott sei Dank kam der Bus. Gott-sei-Dank-Rufe waren zu hören. Sei es drum.",
        "Das Buch, das ich geschrieben habe, sei teuer gewesen. Habe ich das gesagt?",
        "Als sei es Sommer, werde sie baden gehen; es sei schön, habe er gesagt.",
    ]
    for text in texts:
        assert [m.span() for m in new.finditer(text)] == [m.span() for m in old.finditer(text)], text


def _house_rule(tmp_path: Path, pattern: str) -> Path:
    (tmp_path / "house-word.yaml").write_text(
        "id: house-word\ntype: forbid\nseverity: warning\nlanguages: [de]\n"
        f"pattern:\n{pattern}"
        "message: 'Hauswort: {match}'\nrationale: r\nreference: ref\n"
        "examples:\n  pass: ['Die Stadt baut eine Brücke.']\n  fail: ['Die Stadt plant ein Bauwerk.']\n",
        encoding="utf-8",
    )
    return tmp_path


def test_a_house_rule_lists_its_exceptions_before_and_after(tmp_path: Path) -> None:
    folder = _house_rule(
        tmp_path, "  - regex: '\\bBauwerk\\b'\n    not-after: [altes, Groß-]\n    not-before: [von Weltrang]\n"
    )
    text = (
        "Das Bauwerk steht. Ein altes Bauwerk fällt. Das Groß-Bauwerk ruht. "
        "Ein Groß Bauwerk wankt. Ein Bauwerk von Weltrang glänzt."
    )
    found = lint_text(text, lang="de", rules=[folder], default_rules=False)["findings"]
    # Only the plain one: after "altes", after "Groß-" and "Groß " ('Groß-' lists both), before "von Weltrang" not.
    assert [(f["rule"], f["column"]) for f in found] == [("house-word", 5)]


def test_the_schema_takes_the_exception_fields_and_rejects_an_unknown_one() -> None:
    base = {"id": "x", "type": "forbid", **BASE}
    good = {**base, "pattern": [{"regex": "a", "not-after": ["b"], "not-before": {"vocabulary": "hedges"}}]}
    assert list(VALIDATOR.iter_errors(good)) == []
    assert list(VALIDATOR.iter_errors({**base, "pattern": {"regex": "a", "not-aftr": ["b"]}}))
    assert list(VALIDATOR.iter_errors({**base, "pattern": {"regex": "a", "not-after": []}}))
    # A key of another kind is still refused with the new pattern form in the rule.
    assert list(VALIDATOR.iter_errors({**good, "claim": "quote"}))


def test_the_loader_names_file_and_key_of_a_malformed_exception_list(tmp_path: Path) -> None:
    folder = _house_rule(tmp_path, "  - regex: '\\bBauwerk\\b'\n    not-after: 'altes'\n")
    with pytest.raises(RuleError) as caught:
        load_pack([folder], include_default=False)
    [(path, line, message)] = caught.value.problems
    assert path.endswith("house-word.yaml") and line == 5
    assert message == "rule 'house-word': pattern: 'not-after' must be a list of words or {vocabulary: name}"


def test_compile_rule_leaves_plain_patterns_and_conditions_alone() -> None:
    data = LineDict({"pattern": ["a", {"vocabulary": "hedges"}, {"de": "b"}], "unless-match": {"sentence": "c"}})
    assert dict(compile_rule(data, lambda key, message: pytest.fail(message))) == dict(data)


def test_vocabulary_patterns_carry_their_exceptions_as_data() -> None:
    pack = load_pack([])
    vague = pack.vocabularies["vague_sources"].patterns["de"]
    # Written out as the very regex the list replaced (so the engine's prefilter reads its leading words).
    assert (
        r"\b(?:viele|manche|einige)\s+(?:Experten|Fachleute|Kritiker|Beobachter|Analysten|Wissenschaftler|Forscher"
        r"|Ökonomen)\b(?!\s+(?:wie|des|der|vom|von|aus)\b)"
    ) in vague
    formula = pack.compiler.compile({"vocabulary": "impersonal_formulas"}, "de")
    assert formula is not None
    texts = ["Was heißt es, arm zu sein?", "Der Zug fällt aus, hieß es.", "Wie gesagt: heißt es dazu, nein."]
    assert [[m.group() for m in formula.finditer(text)] for text in texts] == [[], ["hieß es"], ["heißt es"]]


def test_a_house_vocabulary_pattern_with_a_malformed_list_names_file_and_line(tmp_path: Path) -> None:
    folder = _house_rule(tmp_path, "  - {vocabulary: house_words}\n")
    (folder / "vocabularies").mkdir()
    (folder / "vocabularies" / "house_words.yaml").write_text(
        "source: written for this test\npatterns:\n  de:\n    - regex: '\\bBauwerk\\b'\n      not-before: 7\n",
        encoding="utf-8",
    )
    with pytest.raises(RuleError) as caught:
        load_pack([folder], include_default=False)
    [(path, line, message)] = caught.value.problems
    assert path.endswith("house_words.yaml") and line == 3
    assert "'patterns.de': 'not-before' must be a list of words" in message


def test_an_alternation_is_grouped_before_its_exceptions_apply(tmp_path: Path) -> None:
    folder = _house_rule(tmp_path, "  - regex: 'Bauwerk|Brücke'\n    not-after: [alte]\n")
    text = "Die alte Brücke steht. Das alte Bauwerk auch. Eine Brücke fällt."
    found = lint_text(text, lang="de", rules=[folder], default_rules=False)["findings"]
    assert [f["column"] for f in found] == [52]  # both alternatives exempt after "alte"
