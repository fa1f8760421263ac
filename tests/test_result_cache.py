"""The result cache (lint/run/result_cache.py): cached and fresh reports are the same bytes in every
format, an entry is used only for the file, pack, settings and code it was made for, and a damaged,
foreign or unusable cache is passed over with a note — never a failure, never fewer findings."""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from lint.pack import cache_store
from lint.run import result_cache
from lint.run.linter import Linter

from conftest import run_cli

# Articles written for these tests: agency credits, quotes, an image line, a vague source, a suppression,
# so that findings, facts and suppression records all pass through the cache.
ARTICLES = {
    "de/rathaus.txt": (
        "Der Stadtrat vertagt die Entscheidung über das neue Hallenbad\n\n"
        "Nach Angaben aus Verwaltungskreisen fehlen noch zwei Gutachten.\n"
        '„Wir brauchen belastbare Zahlen", sagte die Kämmerin am Dienstag.\n'
        "Kritiker sprechen von einer Hängepartie.\n\n"
        "Foto: Stadtarchiv\n\n"
        "(dpa)\n"
    ),
    "de/ohne-quelle.md": (
        "---\ntitle: Brücke gesperrt\nsource: agency\n---\n\n"
        "# Brücke gesperrt\n\n"
        "Die Brücke über den Kanal bleibt bis Freitag gesperrt, hieß es.\n"
        "Experten halten die Schäden für gravierend.\n"
    ),
    "en/council.txt": (
        "Council delays vote on harbour plan\n\n"
        "By Jane Roe\n\n"
        '"We need more time to read the report," the mayor said on Monday.\n'
        "Critics say the delay will cost the city money.\n\n"
        "Photo: Reuters\n"
    ),
    "en/quiet.md": (
        "---\ntitle: Library opens late\n---\n\n"
        "The library opens at noon on Saturday, according to the city.\n"
        "<!-- editorial-lint-disable-next-line vague-attribution -- checked with the press office -->\n"
        "Sources said the roof repairs took longer.\n\n"
        "(AP)\n"
    ),
}
FORMATS = ("text", "json", "sarif", "github", "junit")


@pytest.fixture(autouse=True)
def _environment_folder_again() -> Iterator[None]:
    """--cache-dir chooses the folder for the process (the in-process runs here): the next test's own."""
    yield
    cache_store.choose_folder(None)


@pytest.fixture
def articles(tmp_path: Path) -> Path:
    root = tmp_path / "articles"
    for name, text in ARTICLES.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


@pytest.fixture
def cache_dir(tmp_path: Path) -> Path:
    return tmp_path / "cache"


def _run(articles: Path, cache_dir: Path, *options: str) -> Any:
    return run_cli("--isolated", "--cache-dir", str(cache_dir), *options, ".", cwd=articles)


def _entries(cache_dir: Path) -> list[Path]:
    return sorted((cache_dir / result_cache.FOLDER).glob("*.json"))


@pytest.fixture
def no_linting(monkeypatch: pytest.MonkeyPatch) -> None:
    """From here on, linting any text fails the test: every result must come from the cache."""

    def refuse(self: Linter, *args: object, **kwargs: object) -> object:
        raise AssertionError(f"linted although cached: {args[1] if len(args) > 1 else args}")

    monkeypatch.setattr(Linter, "lint_text", refuse)


@pytest.mark.parametrize("fmt", FORMATS)
def test_cached_report_is_byte_identical_in_every_format(
    fmt: str, articles: Path, cache_dir: Path, request: pytest.FixtureRequest
) -> None:
    fresh = _run(articles, cache_dir, "--format", fmt, "--no-cache")
    filling = _run(articles, cache_dir, "--format", fmt)
    assert len(_entries(cache_dir)) == len(ARTICLES)
    request.getfixturevalue("no_linting")
    cached = _run(articles, cache_dir, "--format", fmt)
    assert fresh.stdout, "the report is not empty"
    assert cached.stdout == filling.stdout == fresh.stdout
    assert cached.returncode == filling.returncode == fresh.returncode
    assert cached.stderr == fresh.stderr


@pytest.mark.parametrize("options", [("--show-source",), ("--statistics",), ("--min-severity", "warning")])
def test_text_layouts_from_the_cache(
    options: tuple[str, ...], articles: Path, cache_dir: Path, request: pytest.FixtureRequest
) -> None:
    fresh = _run(articles, cache_dir, *options, "--color", "never", "--no-cache")
    _run(articles, cache_dir, *options, "--color", "never")
    request.getfixturevalue("no_linting")
    assert _run(articles, cache_dir, *options, "--color", "never").stdout == fresh.stdout


def test_the_json_report_holds_findings_facts_and_suppressions(articles: Path, cache_dir: Path) -> None:
    _run(articles, cache_dir, "--format", "json")
    report = json.loads(_run(articles, cache_dir, "--format", "json").stdout)
    files = {entry["path"]: entry for entry in report["files"]}
    assert any(entry["findings"] for entry in files.values())
    assert files[os.path.join("en", "quiet.md")]["suppressed"] >= 0
    assert all("facts" in entry for entry in files.values())


def test_an_edited_file_is_linted_again(articles: Path, cache_dir: Path) -> None:
    _run(articles, cache_dir, "--format", "json")
    target = articles / "en" / "council.txt"
    target.write_text(ARTICLES["en/council.txt"].replace("Photo: Reuters\n", ""), encoding="utf-8")
    cached = _run(articles, cache_dir, "--format", "json")
    fresh = _run(articles, cache_dir, "--format", "json", "--no-cache")
    assert cached.stdout == fresh.stdout
    assert len(_entries(cache_dir)) == len(ARTICLES)  # the entry was replaced, not added


def test_other_settings_do_not_use_the_entry(articles: Path, cache_dir: Path) -> None:
    everything = _run(articles, cache_dir, "--format", "json")
    rules = {f["rule"] for entry in json.loads(everything.stdout)["files"] for f in entry["findings"]}
    dropped = sorted(rules)[0]
    fewer = _run(articles, cache_dir, "--format", "json", "--ignore", dropped)
    found = {f["rule"] for entry in json.loads(fewer.stdout)["files"] for f in entry["findings"]}
    assert dropped not in found
    assert fewer.stdout == _run(articles, cache_dir, "--format", "json", "--ignore", dropped, "--no-cache").stdout


def test_no_cache_and_the_config_switch_write_nothing(articles: Path, cache_dir: Path) -> None:
    _run(articles, cache_dir, "--no-cache")
    assert not _entries(cache_dir)
    config = articles / ".editorial-lint.yaml"
    config.write_text(f"cache: false\ncache-dir: {cache_dir}\n", encoding="utf-8")
    run_cli(".", cwd=articles)
    assert not _entries(cache_dir)
    config.write_text("cache-dir: relative-cache\n", encoding="utf-8")
    run_cli(".", cwd=articles)
    assert len(_entries(articles / "relative-cache")) == len(ARTICLES)


def test_the_folder_is_private(articles: Path, cache_dir: Path) -> None:
    _run(articles, cache_dir)
    for folder in (cache_dir, cache_dir / result_cache.FOLDER):
        assert stat.S_IMODE(os.lstat(folder).st_mode) == 0o700
    for entry in _entries(cache_dir):
        assert stat.S_IMODE(os.lstat(entry).st_mode) == 0o600
        assert json.loads(entry.read_text(encoding="utf-8"))["format"] == result_cache.FORMAT


def _same_as_fresh(articles: Path, cache_dir: Path) -> tuple[Any, Any]:
    cached = _run(articles, cache_dir, "--format", "json")
    fresh = _run(articles, cache_dir, "--format", "json", "--no-cache")
    assert cached.stdout == fresh.stdout
    assert cached.returncode == fresh.returncode
    return cached, fresh


@pytest.mark.parametrize("damage", ["not json", "truncated", "wrong types", "other path", "a list"])
def test_a_damaged_entry_is_a_miss_with_a_note(damage: str, articles: Path, cache_dir: Path) -> None:
    _run(articles, cache_dir, "--format", "json")
    entry = _entries(cache_dir)[0]
    stored = json.loads(entry.read_text(encoding="utf-8"))
    if damage == "not json":
        entry.write_bytes(b"\x80\x00 not json")
    elif damage == "truncated":
        entry.write_text(entry.read_text(encoding="utf-8")[:50], encoding="utf-8")
    elif damage == "wrong types":
        stored["result"]["findings"] = [["rule", 1, 2]] + stored["result"]["findings"]
        entry.write_text(json.dumps(stored), encoding="utf-8")
    elif damage == "other path":
        stored["result"]["path"] = "elsewhere.txt"
        entry.write_text(json.dumps(stored), encoding="utf-8")
    else:
        entry.write_text("[1, 2, 3]", encoding="utf-8")
    cached, _fresh = _same_as_fresh(articles, cache_dir)
    assert "note:" in cached.stderr and "the cache is not used" in cached.stderr


def test_an_entry_for_other_content_is_an_ordinary_miss(articles: Path, cache_dir: Path) -> None:
    _run(articles, cache_dir, "--format", "json")
    entry = _entries(cache_dir)[0]
    stored = json.loads(entry.read_text(encoding="utf-8"))
    stored["key"] = "0" * 64
    stored["result"]["findings"] = []  # a forged result under a key that does not match is never shown
    entry.write_text(json.dumps(stored), encoding="utf-8")
    cached, _fresh = _same_as_fresh(articles, cache_dir)
    assert "note:" not in cached.stderr


def test_a_symlinked_entry_is_not_followed(articles: Path, cache_dir: Path, tmp_path: Path) -> None:
    _run(articles, cache_dir, "--format", "json")
    entry = _entries(cache_dir)[0]
    decoy = tmp_path / "decoy.json"
    decoy.write_text(entry.read_text(encoding="utf-8"), encoding="utf-8")
    entry.unlink()
    entry.symlink_to(decoy)
    cached, _fresh = _same_as_fresh(articles, cache_dir)
    assert "cannot be opened" in cached.stderr
    assert entry.is_symlink()  # not replaced through the link either


def test_a_folder_others_can_write_is_not_used(articles: Path, cache_dir: Path) -> None:
    _run(articles, cache_dir, "--format", "json")
    os.chmod(cache_dir / result_cache.FOLDER, 0o777)
    cached, _fresh = _same_as_fresh(articles, cache_dir)
    assert "writable by other users" in cached.stderr


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="changing an owner needs root")
def test_a_folder_of_another_user_is_not_used(articles: Path, cache_dir: Path) -> None:
    _run(articles, cache_dir, "--format", "json")
    os.chown(cache_dir / result_cache.FOLDER, 54321, -1)
    cached, _fresh = _same_as_fresh(articles, cache_dir)
    assert "belongs to another user" in cached.stderr


def test_an_unusable_cache_folder_is_a_note_not_a_failure(articles: Path, tmp_path: Path) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder", encoding="utf-8")
    cached = _run(articles, blocked, "--format", "json")
    fresh = _run(articles, blocked, "--format", "json", "--no-cache")
    assert cached.stdout == fresh.stdout and cached.returncode == fresh.returncode
    assert "note:" in cached.stderr


def test_results_with_errors_and_exports_are_not_cached(articles: Path, cache_dir: Path) -> None:
    (articles / "broken.txt").write_bytes(b"caf\xe9 ohne utf-8\n")
    (articles / "export.jsonl").write_text(
        json.dumps({"id": "a1", "body": "Ein kurzer Text ohne Quelle, hieß es.\n"}) + "\n", encoding="utf-8"
    )
    first = _run(articles, cache_dir, "--format", "json")
    assert len(_entries(cache_dir)) == len(ARTICLES)
    again = _run(articles, cache_dir, "--format", "json")
    assert again.stdout == first.stdout and again.stderr == first.stderr and again.returncode == 2


def test_stale_entries_are_pruned(articles: Path, cache_dir: Path) -> None:
    _run(articles, cache_dir)
    folder = cache_dir / result_cache.FOLDER
    old = folder / ("f" * 40 + ".json")
    old.write_text("{}", encoding="utf-8")
    long_ago = 1_000_000_000
    os.utime(old, (long_ago, long_ago))
    os.utime(folder / ".pruned", (long_ago, long_ago))
    (articles / "de" / "rathaus.txt").write_text(ARTICLES["de/rathaus.txt"] + "\nNachtrag.\n", encoding="utf-8")
    _run(articles, cache_dir)
    assert not old.exists()
    assert len(_entries(cache_dir)) == len(ARTICLES)


def test_entries_round_trip_exactly(articles: Path, cache_dir: Path) -> None:
    """What the cache keeps is what came out of the linter, field for field."""
    _run(articles, cache_dir, "--show-source")
    for entry in _entries(cache_dir):
        stored = json.loads(entry.read_text(encoding="utf-8"))
        decoded = result_cache.decode(stored["result"], stored["result"]["path"])
        assert result_cache.encode(decoded) == stored["result"]


@pytest.mark.slow
def test_jobs_and_cache_give_the_same_report(tmp_path: Path, cache_dir: Path) -> None:
    """Enough files for worker processes: --jobs 1 and 2, cached and not, the same JSON."""
    root = tmp_path / "many"
    for number in range(60):
        name, text = list(ARTICLES.items())[number % len(ARTICLES)]
        path = root / f"{number:02d}-{Path(name).name}"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text.replace("Dienstag", f"Tag {number}"), encoding="utf-8")
    reports = [
        _run(root, cache_dir, "--format", "json", "--jobs", jobs, *extra).stdout
        for jobs, extra in (("1", ("--no-cache",)), ("2", ()), ("2", ()), ("1", ()), ("2", ("--no-cache",)))
    ]
    assert len(_entries(cache_dir)) == 60
    assert all(report == reports[0] for report in reports)


def test_pack_parts_are_kept_under_the_pack_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The place a scanner's JSON form is cached beside the pack: only under its own key and part."""
    from lint.pack import packcache

    monkeypatch.setenv("EDITORIAL_LINT_CACHE_DIR", str(tmp_path / "parts"))
    packcache.write_part("k1", "scanner", {"literals": ["dpa", "afp"]})
    assert packcache.read_part("k1", "scanner") == {"literals": ["dpa", "afp"]}
    assert packcache.read_part("k2", "scanner") is None
    assert packcache.read_part("k1", "other") is None
    stored = tmp_path / "parts" / "pack-k1.scanner.json"
    record = json.loads(stored.read_text(encoding="ascii"))
    record["key"] = "k2"
    stored.write_text(json.dumps(record), encoding="ascii")
    assert packcache.read_part("k1", "scanner") is None
