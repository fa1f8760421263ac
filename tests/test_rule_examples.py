"""Every embedded example of the default pack, one test each: `pytest -k agency-credit` runs one rule's."""

from __future__ import annotations

import pytest

from lint.pack.loader import load_pack
from lint.pack.ruleset import Example
from lint.run.examples import run_example

PACK = load_pack([])
EXAMPLES: list[Example] = [e for rule_id in sorted(PACK.rules) for e in PACK.rules[rule_id].examples]


@pytest.mark.parametrize("example", EXAMPLES, ids=[e.id for e in EXAMPLES])
def test_rule_example(example: Example) -> None:
    outcome = run_example(PACK, example)
    assert outcome.ok, f"{example.id}: {outcome.detail}\n{example.text}"


def test_every_rule_has_pass_and_fail_examples_in_each_of_its_languages() -> None:
    for rule in PACK.rules.values():
        languages = [lang for lang in rule.languages if lang != "any"]
        for kind in ("pass", "fail"):
            got = {e.lang for e in rule.examples if e.kind == kind}
            assert got, f"{rule.id} has no {kind} example"
            missing = [lang for lang in languages if lang not in got]
            assert not missing, f"{rule.id}: no {kind} example in {missing}"


def test_every_rule_has_a_message_per_language_and_a_reference() -> None:
    for rule in PACK.rules.values():
        for check in (rule, *rule.parts):
            message = check.get("message")
            languages = [lang for lang in rule.languages if lang != "any"]
            if isinstance(message, dict):
                assert set(languages) <= set(message), f"{rule.id}: message lacks {set(languages) - set(message)}"
            else:
                assert not languages, f"{rule.id}: a rule for {languages} needs a message per language"
        assert rule.text_for("reference", "en").strip(), rule.id
