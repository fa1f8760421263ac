"""The rule snippets of docs/rule-format.md and the README work as written: they load and pass test-rules."""

from __future__ import annotations

from pathlib import Path

import pytest
import regex

from conftest import run_cli

ROOT = Path(__file__).resolve().parent.parent
# Complete rules in the docs (a first line "# <folder>/<id>.yaml"); fragments of rules are left out.
SNIPPETS = [
    (ROOT / "docs" / "rule-format.md", "rules/agency-credit.yaml"),
    (ROOT / "README.md", "house/no-einmalig.yaml"),
]


@pytest.mark.parametrize(("document", "name"), SNIPPETS, ids=[name for _, name in SNIPPETS])
def test_a_documented_rule_passes_its_examples(tmp_path: Path, document: Path, name: str) -> None:
    text = document.read_text(encoding="utf-8")
    found = regex.search(r"```yaml\n(# " + regex.escape(name) + r"\b.*?)```", text, regex.S)
    assert found is not None, f"{document.name} has no snippet {name}"
    (tmp_path / Path(name).name).write_text(found.group(1), encoding="utf-8")
    done = run_cli("test-rules", "--no-default-rules", str(tmp_path))
    assert done.returncode == 0, done.stdout + done.stderr
    assert " 0 failed" in done.stdout
