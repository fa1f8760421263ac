"""Output is identical for any --jobs (worker processes start only when there are enough files)."""

from __future__ import annotations

from pathlib import Path

from helpers import ARTICLE, write

from conftest import run_cli_process as run_cli


def test_same_report_for_one_and_two_jobs(tmp_path: Path) -> None:
    for i in range(80):
        extra = f"Der Minister sei am {i % 28 + 1}. Mai erkrankt.\n\n" if i % 3 else ""
        write(tmp_path, f"{['lokal', 'politik'][i % 2]}/artikel-{i:03d}.{['txt', 'md'][i % 2]}", extra + ARTICLE)
    one = run_cli("--isolated", "--format", "json", "--jobs", "1", str(tmp_path))
    two = run_cli("--isolated", "--format", "json", "--jobs", "2", str(tmp_path))
    assert one.returncode == two.returncode == 1 - 1  # warnings only: below the default --fail-on error
    assert one.stdout == two.stdout
    assert one.stdout.count('"path"') == 80
