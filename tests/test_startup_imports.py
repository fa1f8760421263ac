"""Start-up: a one-file text run imports what it uses and nothing else (issue 17, item 4), and a run whose
results all come from the cache does not build the linting machinery at all."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

# A one-file Markdown run in the text format needs none of these: the HTML reader, the JSONL reader,
# worker processes, JSON Schema, the other reporters, the service and the language server, and the
# standard-library modules that only writing files or messages about typos need.
NOT_FOR_ONE_TEXT_FILE = (
    "lint.document.html",
    "lint.document.html_scan",
    "lint.document.jsonl",
    "lint.report.sarif",
    "lint.report.github",
    "lint.report.junit",
    "lint.report.audit",
    "lint.server",
    "lint.lsp",
    "lint.pack.rule_schema",
    "multiprocessing",
    "jsonschema",
    "xml.etree.ElementTree",
    "tempfile",
    "difflib",
    "shutil",  # the terminal width is read without it (lint/cli/check.py, the argparse metavar check)
    "lzma",
    "_hashlib",  # OpenSSL, loaded by hashlib: the digests come from lint/pack/digest.py
    "starlette",
    "pygls",
)

_PROBE = """
import contextlib, io, json, sys
from lint.cli.main import main
with contextlib.redirect_stdout(io.StringIO()):
    code = main(sys.argv[1:])
print(json.dumps({"code": code, "modules": sorted(sys.modules)}))
"""


def _modules_of_a_run(tmp_path: Path, *args: str) -> tuple[int, set[str]]:
    done = subprocess.run(
        [sys.executable, "-c", _PROBE, "--isolated", *args],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=120,
        env={**_environment(), "EDITORIAL_LINT_CACHE_DIR": str(tmp_path / "cache")},
    )
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout.strip().splitlines()[-1])
    return report["code"], set(report["modules"])


def _environment() -> dict[str, str]:
    import os

    return {k: v for k, v in os.environ.items() if k != "EDITORIAL_LINT_NO_CACHE"}


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "artikel.md"
    path.write_text(
        "---\ntitle: Probe\n---\n\n"
        '„Das Wasser steigt weiter", sagte der Sprecher der Feuerwehr am Morgen.\n'
        "Anwohner sollen die Keller räumen.\n\n(dpa)\n",
        encoding="utf-8",
    )
    return path


def test_a_one_file_text_run_imports_only_what_it_uses(tmp_path: Path, article: Path) -> None:
    _modules_of_a_run(tmp_path, "--no-cache", "--fail-on", "never", str(article))  # caches the rule pack
    code, modules = _modules_of_a_run(tmp_path, "--no-cache", "--fail-on", "never", str(article))
    assert code == 0
    assert "lint.checks.engine" in modules  # the probe did lint the file
    loaded = sorted(name for name in NOT_FOR_ONE_TEXT_FILE if name in modules)
    assert not loaded, f"imported by a one-file text run: {loaded}"


def test_a_run_served_by_the_cache_does_not_lint(tmp_path: Path, article: Path) -> None:
    _modules_of_a_run(tmp_path, "--fail-on", "never", str(article))  # fills the result cache
    code, modules = _modules_of_a_run(tmp_path, "--fail-on", "never", str(article))
    assert code == 0
    assert "lint.checks.engine" not in modules and "lint.document.analysis" not in modules
