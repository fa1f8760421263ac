"""Item 1 of the hardening issue: the rule-pack cache holds data, never code, and any problem with it means
"rebuild the pack", never "run fewer rules" — planted pickles, forged or truncated JSON, files and folders of
another user or writable by others, FIFOs and symlinks in place of a cache file."""

from __future__ import annotations

import json
import os
import pickle
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import SEED

IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0
POSIX = os.name == "posix"


def _cli(cache: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "EDITORIAL_LINT_CACHE_DIR": str(cache)}
    env.pop("EDITORIAL_LINT_NO_CACHE", None)
    return subprocess.run(
        # --no-cache: every run lints with the pack it loaded (a cached result would hide a damaged pack)
        [sys.executable, "-m", "lint", "--isolated", "--no-cache", "--format", "json", *args, str(SEED)],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )


def _rules_run(result: subprocess.CompletedProcess[str]) -> list[str]:
    return sorted(f["rule"] for entry in json.loads(result.stdout)["files"] for f in entry["findings"])


@pytest.fixture
def warm(tmp_path: Path) -> tuple[Path, Path, list[str]]:
    """A cache folder after one run: (folder, its one pack file, the rules that found something)."""
    cache = tmp_path / "cache"
    first = _cli(cache)
    assert first.returncode in (0, 1), first.stderr
    # The validated pack, beside it its parts ("pack-KEY.patterns.json": what the scanner needs of it).
    files = [p for p in cache.glob("pack-*.json") if p.name.count(".") == 1]
    assert len(files) == 1
    return cache, files[0], _rules_run(first)


@pytest.mark.skipif(not POSIX, reason="modes and owners are POSIX")
def test_the_cache_is_json_in_a_private_folder(warm: tuple[Path, Path, list[str]]) -> None:
    cache, stored, expected = warm
    assert expected  # the seed article has findings: a run with fewer rules would show
    assert stat.S_IMODE(cache.stat().st_mode) == 0o700
    assert stat.S_IMODE(stored.stat().st_mode) & 0o077 == 0
    json.loads(stored.read_text(encoding="ascii"))  # plain data
    key = stored.name[: -len(".json")]
    names = sorted(p.name for p in cache.iterdir())
    assert names == sorted([stored.name, f"{key}.credit-shapes.json", f"{key}.patterns.json"])  # no temporary file
    second = _cli(cache)
    assert _rules_run(second) == expected and second.stderr == ""


def test_a_planted_pickle_never_runs(warm: tuple[Path, Path, list[str]], tmp_path: Path) -> None:
    cache, stored, expected = warm
    marker = tmp_path / "pwned"

    class Payload:
        def __reduce__(self) -> tuple[object, tuple[str]]:
            return (os.system, (f"touch {marker}",))

    stored.write_bytes(pickle.dumps(Payload()))
    result = _cli(cache)
    assert not marker.exists()
    assert _rules_run(result) == expected
    assert "note: cache file" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize(
    "forged",
    [
        [{}, {}, {}],  # the shape that once ran zero rules
        {"format": 2, "key": "0" * 40, "value": None},
        "truncated",
        "empty-pack",
        "wrong-type",
    ],
    ids=["bare-tuple", "other-key", "truncated", "empty-pack", "wrong-field-type"],
)
def test_forged_or_damaged_content_means_rebuild(warm: tuple[Path, Path, list[str]], forged: object) -> None:
    cache, stored, expected = warm
    envelope = json.loads(stored.read_text(encoding="ascii"))
    if forged == "truncated":
        stored.write_text(stored.read_text(encoding="ascii")[:1000], encoding="ascii")
    elif forged == "empty-pack":  # the right key, a valid encoding, no rules: still a damaged cache
        envelope["value"] = {"$": "tuple", "items": [{"$": "dict", "items": []}, *envelope["value"]["items"][1:]]}
        stored.write_text(json.dumps(envelope), encoding="ascii")
    elif forged == "wrong-type":  # a rule whose severity is a number
        text = stored.read_text(encoding="ascii")
        stored.write_text(text.replace('"severity":"info"', '"severity":7', 1), encoding="ascii")
        assert stored.read_text(encoding="ascii") != text
    else:
        stored.write_text(json.dumps(forged), encoding="ascii")
    result = _cli(cache)
    assert _rules_run(result) == expected, result.stderr
    assert "note:" in result.stderr and "Traceback" not in result.stderr
    assert _rules_run(_cli(cache)) == expected  # the rebuilt cache is good again


@pytest.mark.parametrize("part", ["patterns", "credit-shapes"])
@pytest.mark.parametrize("damage", ["malformed", "missing", "not-json"])
def test_a_damaged_scanner_part_is_never_trusted(warm: tuple[Path, Path, list[str]], part: str, damage: str) -> None:
    """The literal requirements beside the pack decide which patterns run: a bad part is rebuilt, and no
    finding is lost."""
    cache, stored, expected = warm
    part_file = stored.with_name(stored.name.replace(".json", f".{part}.json"))
    record = json.loads(part_file.read_text(encoding="ascii"))
    if damage == "missing":
        part_file.unlink()
    elif damage == "malformed":
        record["value"] = {"not": "rows"}
        part_file.write_text(json.dumps(record), encoding="ascii")
    else:
        part_file.write_text("[[[", encoding="ascii")
    result = _cli(cache)
    assert result.returncode in (0, 1) and "Traceback" not in result.stderr
    assert _rules_run(result) == expected, result.stderr
    assert _rules_run(_cli(cache)) == expected
    assert json.loads(part_file.read_text(encoding="ascii"))["value"] != {"not": "rows"}  # written again


@pytest.mark.skipif(not POSIX, reason="FIFOs are POSIX")
def test_a_fifo_in_place_of_the_cache_file_does_not_block(warm: tuple[Path, Path, list[str]]) -> None:
    cache, stored, expected = warm
    stored.unlink()
    os.mkfifo(stored)
    result = _cli(cache)  # the subprocess timeout fails the test if the open blocks
    assert _rules_run(result) == expected
    assert "not a regular file" in result.stderr
    assert stat.S_ISFIFO(os.lstat(stored).st_mode)  # and it was not replaced either


@pytest.mark.skipif(not POSIX, reason="symbolic links")
def test_a_symlink_in_place_of_the_cache_file_is_not_followed(
    warm: tuple[Path, Path, list[str]], tmp_path: Path
) -> None:
    cache, stored, expected = warm
    elsewhere = tmp_path / "elsewhere.json"
    elsewhere.write_bytes(stored.read_bytes())
    stored.unlink()
    stored.symlink_to(elsewhere)
    result = _cli(cache)
    assert _rules_run(result) == expected
    assert "cannot be opened" in result.stderr


@pytest.mark.skipif(not POSIX, reason="modes are POSIX")
def test_a_folder_writable_by_others_is_not_used(warm: tuple[Path, Path, list[str]]) -> None:
    cache, stored, expected = warm
    stored.write_text('{"forged": true}', encoding="ascii")
    cache.chmod(0o777)
    result = _cli(cache)
    assert _rules_run(result) == expected
    assert "writable by other users" in result.stderr
    assert stored.read_text(encoding="ascii") == '{"forged": true}'  # nothing written into it either


@pytest.mark.skipif(not IS_ROOT, reason="changing a file's owner needs root")
def test_files_and_folders_of_another_user_are_not_used(warm: tuple[Path, Path, list[str]]) -> None:
    cache, stored, expected = warm
    os.chown(stored, 4321, 4321)
    result = _cli(cache)
    assert _rules_run(result) == expected
    assert "belongs to another user (uid 4321)" in result.stderr
    os.chown(stored, os.getuid(), os.getgid())
    os.chown(cache, 4321, 4321)
    result = _cli(cache)
    assert _rules_run(result) == expected
    assert f"cache folder {cache} belongs to another user" in result.stderr


def test_a_file_in_place_of_the_cache_folder(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    cache.write_text("not a folder", encoding="utf-8")
    result = _cli(cache)
    assert result.returncode in (0, 1) and _rules_run(result)
    assert "is not a folder" in result.stderr
    assert cache.read_text(encoding="utf-8") == "not a folder"
