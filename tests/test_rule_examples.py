"""Every example embedded in every rule of the default pack, one test each (`pytest -k agency-credit`)."""

from __future__ import annotations

import pytest

from lint.ruleset import Example, RulePack, load_pack
from lint.testing import run_example

PACK = load_pack([])
EXAMPLES = [example for rule in PACK.rules.values() for example in rule.examples]


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda e: e.id)
def test_rule_example(example: Example) -> None:
    outcome = run_example(PACK, example)
    assert outcome.ok, f"{example.id} ({PACK.rules[example.rule].path}): {outcome.detail}"


def test_every_rule_has_pass_and_fail_examples(pack: RulePack) -> None:
    for rule in pack.rules.values():
        kinds = {example.kind for example in rule.examples}
        assert {"pass", "fail"} <= kinds, rule.id


def test_every_rule_has_message_rationale_and_reference(pack: RulePack) -> None:
    for rule in pack.rules.values():
        for key in ("message", "rationale", "reference"):
            assert rule.text_for(key, "en").strip(), f"{rule.id} lacks {key}"


def test_language_specific_rules_have_examples_in_each_language(pack: RulePack) -> None:
    for rule in pack.rules.values():
        if "any" in rule.languages:
            continue
        for language in rule.languages:
            langs = {e.lang for e in rule.examples if e.kind == "fail"}
            assert language in langs, f"{rule.id} has no failing example in {language}"
