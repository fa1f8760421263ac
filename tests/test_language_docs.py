"""docs/languages.md stays true: its profile, vocabulary and five rules (one per kind) form a pack that
loads and whose examples all pass."""

from __future__ import annotations

import re
from pathlib import Path

from lint.pack.kinds import RULE_TYPES
from lint.pack.loader import load_pack

from conftest import run_cli

DOC = Path(__file__).resolve().parent.parent / "docs" / "languages.md"
BLOCK = re.compile(r"```yaml\n# (?P<path>[\w/.-]+\.yaml)\n(?P<body>.*?)```", re.S)


def _pack(tmp_path: Path) -> Path:
    pack = tmp_path / "house"
    for match in BLOCK.finditer(DOC.read_text(encoding="utf-8")):
        target = pack / match["path"]
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(match["body"], encoding="utf-8")
    return pack


def test_the_page_shows_a_profile_and_one_rule_of_each_kind(tmp_path: Path) -> None:
    pack = _pack(tmp_path)
    assert (pack / "languages" / "fr.yaml").is_file()
    loaded = load_pack([pack])
    house = [r for r in loaded.rules.values() if Path(r.path).parent == pack]
    assert sorted(r.type for r in house) == sorted(RULE_TYPES)
    assert all(r.languages == ["fr"] for r in house)
    assert not loaded.notes()  # the page uses the current keys


def test_test_rules_passes_on_the_page_pack(tmp_path: Path) -> None:
    done = run_cli("test-rules", str(_pack(tmp_path)))
    assert done.returncode == 0, done.stdout + done.stderr
    assert "0 failed" in done.stdout + done.stderr
