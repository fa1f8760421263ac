"""A house rule whose pattern backtracks catastrophically: the run finishes, names rule and file, exits 2,
and `test-rules` warns about the pattern before it is ever run."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from helpers import ARTICLE, write


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "EDITORIAL_LINT_PATTERN_TIMEOUT": "0.3"}  # keep the test short
    return subprocess.run([sys.executable, "-m", "lint", *args], capture_output=True, text=True, env=env, timeout=120)


RULE = (
    "id: slow\ntype: forbid\nseverity: warning\nlanguages: [any]\nscope: body\npattern: '(a|aa)+$'\n"
    "message: m\nrationale: r\nreference: r\nexamples: {pass: [b], fail: [a]}\n"
)


def test_timeout_is_reported_with_rule_and_file(tmp_path: Path) -> None:
    pack = tmp_path / "pack"
    write(pack, "slow.yaml", RULE)
    trap = write(tmp_path, "trap.txt", ARTICLE + "\n" + "a" * 60 + "!\n")
    other = write(tmp_path, "other.txt", ARTICLE)
    result = _cli("--isolated", "--rules", str(pack), "--format", "json", str(trap), str(other))
    assert result.returncode == 2
    assert result.stderr.startswith(f"{trap}: rule 'slow': pattern timed out after 0.3 s")
    report = json.loads(result.stdout)
    assert [f["path"] for f in report["files"]] == [str(other), str(trap)]
    trap_findings = {f["rule"] for f in report["files"][1]["findings"]}
    assert "unattributed-claim" in trap_findings and "slow" not in trap_findings  # the other rules still ran


def test_test_rules_warns_about_the_shape(tmp_path: Path) -> None:
    pack = tmp_path / "pack"
    write(pack, "slow.yaml", RULE)
    result = _cli("test-rules", str(pack))
    assert "rule 'slow': '(a|aa)+$' may backtrack catastrophically" in result.stderr
