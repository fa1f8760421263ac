"""A plain, non-editable install (the way pre-commit installs hooks) lints with the shipped rule pack."""

from __future__ import annotations

import os
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest
import regex
import yaml

from conftest import ROOT


def _build_wheel(out: Path) -> Path:
    # No build isolation: the build backend comes from the test environment, so no network is needed.
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(out), str(ROOT)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    return next(out.glob("editorial_lint-*.whl"))


@pytest.mark.slow
def test_wheel_ships_rules_and_schemas(tmp_path: Path) -> None:
    names = zipfile.ZipFile(_build_wheel(tmp_path)).namelist()
    assert "lint/rules/agency-credit.yaml" in names
    assert "lint/rules/vocabularies/agencies.yaml" in names
    assert "lint/rules/languages/de.yaml" in names
    assert "lint/schemas/report-v1.schema.json" in names


@pytest.mark.slow
def test_fresh_virtualenv_lints_the_seeds_with_the_installed_pack(tmp_path: Path) -> None:
    wheel = _build_wheel(tmp_path / "dist")
    env_dir = tmp_path / "env"
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    subprocess.run(
        [str(python), "-m", "pip", "install", "--no-deps", "--no-index", "-q", str(wheel)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    # The runtime dependencies come from this environment (no network); the project itself only from the wheel.
    deps = {str(Path(yaml.__file__).parent.parent), str(Path(regex.__file__).parent.parent)}
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sorted(deps))}
    work = tmp_path / "elsewhere"
    work.mkdir()
    result = subprocess.run(
        [str(env_dir / "bin" / "editorial-lint"), "--isolated", str(ROOT / "seeds")],
        capture_output=True,
        text=True,
        cwd=work,
        env=env,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "vague-attribution" in result.stdout
    located = subprocess.run(
        [str(python), "-c", "import lint.pack.loader as r; print(r.default_pack())"],
        capture_output=True,
        text=True,
        cwd=work,
        env=env,
        timeout=60,
    )
    assert located.stdout.strip().startswith(str(env_dir)), located.stdout + located.stderr
