"""Item 9 of the hardening issue: rule packs that used to crash a run are rejected at validation, naming
file, line and rule — templates that reach attributes or indexes or ask for huge widths, an unvalidated
metadata ``fields.pattern``, the inline flag ``(?V1)``, oversized rule and vocabulary files."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from helpers import write

from conftest import SEED, run_cli

RULE = (
    "id: x\ntype: forbid\nseverity: info\nlanguages: [de]\nscope: body\npattern: {pattern}\n"
    "message: {message}\nrationale: r\nreference: r\nexamples: {{pass: [gut], fail: [schlecht]}}\n"
)


def _refused(tmp_path: Path, text: str, name: str = "x.yaml") -> str:
    write(tmp_path / "pack", name, text)
    result = run_cli("--isolated", "--rules", str(tmp_path / "pack"), str(SEED))
    assert result.returncode == 2, result.stdout
    assert result.stdout == "" and "Traceback" not in result.stderr
    return result.stderr


@pytest.mark.parametrize(
    "template",
    ["'{match.__class__}'", "'{match[0]}'", "'{match:>2000000000}'", "'{match!r}'", "'{match:{match}}'", "'{'"],
    ids=["attribute", "index", "huge-width", "conversion", "nested-spec", "unbalanced"],
)
def test_unsafe_templates_are_rejected(tmp_path: Path, template: str) -> None:
    stderr = _refused(tmp_path, RULE.format(pattern="schlecht", message=template))
    assert f"{tmp_path / 'pack' / 'x.yaml'}:7: rule 'x': 'message'" in stderr


def test_safe_templates_still_work(tmp_path: Path) -> None:
    write(tmp_path / "pack", "x.yaml", RULE.format(pattern="schlecht", message="'Nicht {match:>10} {{so}}'"))
    article = write(tmp_path, "a.txt", "Titel\n\nDas ist schlecht gemacht.\n")
    result = run_cli(
        "--isolated", "--no-default-rules", "--lang", "de", "--rules", str(tmp_path / "pack"), str(article)
    )
    assert result.returncode == 0, result.stderr
    assert "info x Nicht schlecht {so}" in result.stdout  # (the text format folds the padding)


def test_inline_version_flag_is_a_validation_error(tmp_path: Path) -> None:
    stderr = _refused(tmp_path, RULE.format(pattern="'(?V1)schlecht'", message="m"))
    assert "rule 'x': 'pattern': bad regex" in stderr


def test_metadata_field_patterns_are_compiled(tmp_path: Path) -> None:
    text = (
        "id: x\ntype: metadata\nseverity: info\nlanguages: [de]\nfields:\n  author: {pattern: '([a-z'}\n"
        "message: m\nrationale: r\nreference: r\nexamples: {pass: [gut], fail: [schlecht]}\n"
    )
    stderr = _refused(tmp_path, text)
    assert "rule 'x': 'fields.author.pattern': bad regex" in stderr


def test_oversized_rule_and_vocabulary_files(tmp_path: Path) -> None:
    padding = "# " + "x" * 100 + "\n"
    started = time.monotonic()
    stderr = _refused(tmp_path, RULE.format(pattern="schlecht", message="m") + padding * 25_000)
    assert (
        "x.yaml: file is 2.5 MB, " in stderr
        and "over the limit of 2 MB (the size limit of rule files); refused" in stderr
    )
    (tmp_path / "pack" / "x.yaml").unlink()
    terms = ", ".join(f"wort{i:07d}" for i in range(250_000))
    write(tmp_path / "pack" / "vocabularies", "huge.yaml", f"source: generated\nterms: {{de: [{terms}]}}\n")
    stderr = _refused(
        tmp_path, RULE.format(pattern="'{vocabulary: huge}'", message="m").replace("id: x", "id: y"), "y.yaml"
    )
    assert "huge.yaml: file is 3.1 MB, " in stderr and "over the limit of 2 MB (the size limit of rule files)" in stderr
    assert time.monotonic() - started < 30  # refused by size, not after parsing it
