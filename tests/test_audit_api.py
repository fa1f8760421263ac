"""The library API (lint.lint_text / lint.lint_paths): the JSON report's records, and the Dask recipe of
docs/audit.md run on a local cluster."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import lint
import lint.cli.main as cli
from lint.report.audit import build_audit

import audit_archive as archive


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[archive.Spec]]:
    root = tmp_path_factory.mktemp("api")
    return root, archive.build(root)


def _cli_audit(root: Path, capsys: pytest.CaptureFixture[str]) -> dict[str, Any]:
    assert (
        cli.main(
            ["audit", "--isolated", "--jobs", "1", str(root / "archive"), str(root / "export.jsonl"), "--json", "-"]
        )
        == 0
    )
    return json.loads(capsys.readouterr().out)


def test_import_lint_stays_cheap() -> None:
    code = "import sys, lint; print(sorted(m for m in sys.modules if m.startswith('lint')))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "['lint']"


def test_lint_text_returns_the_json_report_record(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = (
        "---\ntitle: Radweg\nlang: de\ndate: 2.5.2024\nsection: lokales\n---\n\nDie Stadt plant einen neuen "
        "Radweg. Medienberichten zufolge soll der Bau im Herbst beginnen.\n\nDer Stadtrat stimmt ab.\n"
    )
    (tmp_path / "radweg.md").write_text(text, encoding="utf-8")
    assert cli.main(["check", "--isolated", "--format", "json", str(tmp_path / "radweg.md")]) == 1
    expected = json.loads(capsys.readouterr().out)["files"][0]
    record = lint.lint_text(text, str(tmp_path / "radweg.md"))
    assert set(record["rules_applied"]) == archive.BASE_RULES and record["errors"] == []
    assert {k: v for k, v in record.items() if k not in ("rules_applied", "errors")} == expected
    assert [f["rule"] for f in record["findings"]] == ["vague-attribution", "agency-credit"]
    assert record["facts"]["date"] == "2024-05-02"
    # Options as on the command line; a bad one raises instead of exiting.
    assert lint.lint_text(text, "radweg.md", ignore=["agency-credit"])["findings"][0]["rule"] == "vague-attribution"
    with pytest.raises(lint.api.SetupError, match="unknown rule id 'nope'"):
        lint.lint_text(text, select=["nope"])


def test_lint_paths_audit_equals_the_cli(
    built: tuple[Path, list[archive.Spec]], capsys: pytest.CaptureFixture[str]
) -> None:
    root, specs = built
    records = lint.lint_paths([root / "archive", root / "export.jsonl"])
    assert [r["path"] for r in records] == sorted(s.path for s in specs if "#" not in s.path) + [
        s.path for s in specs if "#" in s.path
    ]
    expected = _cli_audit(root, capsys)
    assert build_audit(records, lint.rule_info(), tool=expected["tool"]) == expected
    broken = root / "broken.txt"
    broken.write_bytes(b"Caf\xe9 ohne UTF-8.\n")
    [failed] = lint.lint_paths([broken])
    assert set(failed) == {"path", "errors"} and "not valid" in failed["errors"][0]["message"]


@pytest.mark.slow
def test_dask_local_cluster_recipe(built: tuple[Path, list[archive.Spec]], capsys: pytest.CaptureFixture[str]) -> None:
    """The recipe of docs/audit.md: map lint.lint_paths over partitions of the archive on a Dask cluster."""
    pytest.importorskip("dask.bag", reason="dask is in the test extra: pip install -e '.[test]'")
    distributed = pytest.importorskip("distributed", reason="dask[distributed] is in the test extra")
    import dask.bag as db

    root, specs = built
    paths = [*sorted(str(p) for p in (root / "archive").rglob("*.md")), str(root / "export.jsonl")]
    # Two worker processes on loopback, no dashboard: nothing leaves the machine.
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None, host="127.0.0.1"
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        bag = db.from_sequence(paths, partition_size=8).map_partitions(lint.lint_paths)
        records = client.compute(bag).result()
        workers = len(client.scheduler_info()["workers"])
    assert workers == 2 and len(records) == len(specs)
    expected = _cli_audit(root, capsys)
    assert build_audit(records, lint.rule_info(), tool=expected["tool"]) == expected
