"""Rule files from many hands: malformed YAML, wrong types, huge vocabularies, alias bombs — each is
refused with a message naming the file, before anything is linted."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import write

from conftest import SEED, run_cli

RULE = (
    "id: {id}\ntype: forbid\nseverity: info\nlanguages: [de]\nscope: body\npattern: {pattern}\n"
    "message: m\nrationale: r\nreference: r\nexamples: {{pass: [gut], fail: [schlecht]}}\n"
)


def _refused(tmp_path: Path, name: str, text: str) -> str:
    write(tmp_path / "pack", name, text)
    result = run_cli("--isolated", "--rules", str(tmp_path / "pack"), str(SEED))
    assert result.returncode == 2, result.stdout
    assert result.stdout == "" and "Traceback" not in result.stderr
    return result.stderr


def test_malformed_yaml(tmp_path: Path) -> None:
    stderr = _refused(tmp_path, "x.yaml", "id: x\ntype: forbid\n  severity: [info\n")
    assert stderr.startswith(f"{tmp_path / 'pack' / 'x.yaml'}:3: invalid YAML")


def test_wrong_types(tmp_path: Path) -> None:
    text = (
        RULE.format(id="x", pattern="schlecht")
        .replace("languages: [de]", "languages: de")
        .replace("severity: info", "severity: 3")
    )
    stderr = _refused(tmp_path, "x.yaml", text)
    assert "rule 'x': 'severity' must be one of" in stderr and "rule 'x': 'languages' must list" in stderr


@pytest.mark.slow
def test_huge_vocabulary_is_refused(tmp_path: Path) -> None:
    terms = ", ".join(f"w{i}" for i in range(60_000))
    write(tmp_path / "pack" / "vocabularies", "huge.yaml", f"source: generated\nterms: {{de: [{terms}]}}\n")
    stderr = _refused(tmp_path, "x.yaml", RULE.format(id="x", pattern="{vocabulary: huge}"))
    assert "huge.yaml" in stderr and "60000 entries (at most 50000)" in stderr


def test_billion_laughs_is_refused(tmp_path: Path) -> None:
    bomb = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(9)
    )
    stderr = _refused(tmp_path, "x.yaml", bomb)
    assert "aliases (refused: alias expansion is bounded)" in stderr


def test_python_tags_are_not_loaded(tmp_path: Path) -> None:
    stderr = _refused(tmp_path, "x.yaml", "id: !!python/object/apply:os.system [echo hacked]\n")
    assert "invalid YAML" in stderr and "hacked" not in stderr
