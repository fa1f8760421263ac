"""docs/rules.md is generated from the rule files and must be current."""

from __future__ import annotations

from lint.docs import DOC, main, render
from lint.pack.loader import load_pack


def test_rules_doc_is_current() -> None:
    assert main(["--check"]) == 0, "docs/rules.md is out of date: run `python -m lint.docs`"


def test_rules_doc_covers_every_rule_with_reference_and_examples() -> None:
    pack = load_pack([])
    text = render(pack)
    for rule in pack.rules.values():
        assert f"\n## {rule.id}\n" in text
        assert " ".join(rule.text_for("reference", "en").split()) in text
    assert text.count("*pass") >= len(pack.rules) and text.count("*fail") >= len(pack.rules)


def test_check_fails_on_a_stale_doc(tmp_path) -> None:
    stale = tmp_path / "rules.md"
    stale.write_text(DOC.read_text(encoding="utf-8").replace("## agency-credit", "## agency-kredit"), encoding="utf-8")
    assert main(["--check", "--output", str(stale)]) == 1
