"""The command as users run it: exit codes, bad input, options, subcommands (subprocess, real files)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import ROOT, SEED, run_cli, shared_path

SEED_TEXT = SEED.read_text(encoding="utf-8")
CLEAN_DE = "Der Stadtrat hat am Dienstag den Haushalt beschlossen. Die Opposition stimmte dagegen. (dpa)\n"


def _write(folder: Path, name: str, text: str | bytes) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def test_missing_path_exits_2_and_other_files_are_still_reported(tmp_path: Path) -> None:
    good = _write(tmp_path, "good.txt", CLEAN_DE)
    result = run_cli("--isolated", "--format", "json", str(tmp_path / "missing.txt"), str(good))
    assert result.returncode == 2
    assert result.stderr.strip() == f"{tmp_path / 'missing.txt'}: no such file or folder"
    report = json.loads(result.stdout)
    assert [f["path"] for f in report["files"]] == [str(good)]
    assert report["errors"] == [{"path": str(tmp_path / "missing.txt"), "message": "no such file or folder"}]


def test_invalid_utf8_names_the_byte_offset(tmp_path: Path) -> None:
    bad = _write(tmp_path, "latin1.txt", "Die Straße ist gesperrt.".encode("latin-1"))
    result = run_cli("--isolated", str(bad))
    assert result.returncode == 2
    assert result.stderr.strip() == f"{bad}: not valid UTF-8 at byte 8 (try --encoding)"
    assert "Traceback" not in result.stderr


def test_encoding_option_reads_legacy_files(tmp_path: Path) -> None:
    legacy = _write(tmp_path, "alt.txt", CLEAN_DE.encode("cp1252"))
    result = run_cli("--isolated", "--encoding", "cp1252", str(legacy))
    assert result.returncode == 0, result.stderr


def test_broken_regex_in_rule_file_exits_2_before_linting(tmp_path: Path) -> None:
    pack = tmp_path / "pack"
    _write(
        pack,
        "broken.yaml",
        "id: broken\ntype: forbid\nseverity: warning\nlanguages: [any]\nscope: body\n"
        "pattern: '(unclosed'\nmessage: x.\nrationale: r\nreference: r\n"
        "examples: {pass: [a], fail: [b]}\n",
    )
    result = run_cli("--isolated", "--rules", str(pack), str(SEED))
    assert result.returncode == 2
    first = result.stderr.splitlines()[0]
    assert first.startswith(f"{pack / 'broken.yaml'}:6: rule 'broken': 'pattern': bad regex '(unclosed': missing )")
    assert result.stdout == ""


def test_unknown_key_is_named_with_its_line(tmp_path: Path) -> None:
    pack = tmp_path / "pack"
    _write(
        pack,
        "house.yaml",
        "id: house\ntype: forbid\nseverity: info\nlanguages: [de]\npatern: x\n"
        "pattern: x\nmessage: m\nrationale: r\nreference: r\nexamples: {pass: [a], fail: [x]}\n",
    )
    result = run_cli("--isolated", "--rules", str(pack), str(SEED))
    assert result.returncode == 2
    assert f"{pack / 'house.yaml'}:5: rule 'house': unknown key 'patern'" in result.stderr


def test_one_bad_file_does_not_stop_the_others(tmp_path: Path) -> None:
    _write(tmp_path, "a.txt", CLEAN_DE)
    _write(tmp_path, "b.txt", b"Die Stra\xdfe ist gesperrt.")
    _write(tmp_path, "c.md", "Kim soll Munition angeboten haben. (dpa)\n")
    result = run_cli("--isolated", str(tmp_path))
    assert result.returncode == 2
    assert "c.md:1:5: warning unattributed-claim" in result.stdout
    assert "in 2 files." in result.stdout


def test_exit_codes_follow_fail_on(tmp_path: Path) -> None:
    warned = _write(tmp_path, "w.txt", "Kim soll Munition angeboten haben. (dpa)\n")
    assert run_cli("--isolated", str(warned)).returncode == 0
    assert run_cli("--isolated", "--fail-on", "warning", str(warned)).returncode == 1
    assert run_cli("--isolated", "--fail-on", "warning", "--min-severity", "error", str(warned)).returncode == 1
    assert run_cli("--isolated", "--fail-on", "never", str(warned)).returncode == 0


def test_select_ignore_and_extend_select(tmp_path: Path) -> None:
    article = _write(tmp_path, "a.txt", "Kim soll Munition angeboten haben. Experten zufolge ist das neu.\n")
    only = run_cli("--isolated", "--select", "vague-attribution", "--format", "json", str(article))
    assert {f["rule"] for f in json.loads(only.stdout)["files"][0]["findings"]} == {"vague-attribution"}
    ignored = run_cli("--isolated", "--ignore", "agency-credit,vague-attribution", "--format", "json", str(article))
    assert {f["rule"] for f in json.loads(ignored.stdout)["files"][0]["findings"]} == {"unattributed-claim"}
    assert run_cli("--isolated", "--ignore", "no-such-rule", str(article)).returncode == 2


def test_stdin_with_filename(tmp_path: Path) -> None:
    result = run_cli(
        "--isolated", "--stdin-filename", "news/story.md", "-", stdin="Kim soll Munition angeboten haben.\n"
    )
    assert result.returncode == 1
    assert result.stdout.startswith("news/story.md:1:")


def test_lang_option_overrides_detection(tmp_path: Path) -> None:
    article = _write(tmp_path, "a.txt", "Kim soll Munition angeboten haben. (dpa)\n")
    result = run_cli("--isolated", "--lang", "en", "--format", "json", str(article))
    report = json.loads(result.stdout)["files"][0]
    assert report["language"] == "en" and report["findings"] == []
    assert run_cli("--isolated", "--lang", "xx", str(article)).returncode == 2


def test_unknown_language_runs_only_language_independent_rules(tmp_path: Path) -> None:
    article = _write(tmp_path, "a.txt", "12345 67890 +++ 555\n")
    report = json.loads(run_cli("--isolated", "--format", "json", str(article)).stdout)["files"][0]
    assert report["language"] is None
    assert {f["rule"] for f in report["findings"]} == {"agency-credit", "unknown-language"}


def test_subcommand_names_and_paths_with_those_names(tmp_path: Path) -> None:
    folder = tmp_path / "rules"
    _write(folder, "a.txt", CLEAN_DE)
    assert run_cli("--isolated", "./rules", cwd=tmp_path).returncode == 0
    assert run_cli("--", "rules", cwd=tmp_path).returncode == 0
    assert "agency-credit" in run_cli("rules", cwd=tmp_path).stdout


def test_rules_explain() -> None:
    result = run_cli("rules", "--explain", "unattributed-claim")
    assert result.returncode == 0
    assert "Rationale:" in result.stdout and "Pressekodex Ziffer 2" in result.stdout
    assert "fail [de]: Kim soll zudem Munition angeboten haben." in result.stdout
    assert run_cli("rules", "--explain", "nope").returncode == 2


@pytest.mark.slow
def test_test_rules_exit_codes(tmp_path: Path) -> None:
    assert run_cli("test-rules", "-q").returncode == 0
    good = tmp_path / "good"
    _write(
        good,
        "house-word.yaml",
        "id: house-word\ntype: forbid\nseverity: info\nlanguages: [de]\n"
        "pattern: Hausmeister\nmessage: m\nrationale: r\nreference: r\n"
        "examples: {pass: [Der Pförtner kam.], fail: [Der Hausmeister kam.]}\n",
    )
    result = run_cli("test-rules", str(good))
    assert result.returncode == 0, result.stdout
    assert result.stdout.strip().endswith("2 passed, 0 failed")
    wrong = tmp_path / "wrong"
    _write(
        wrong,
        "house-word.yaml",
        "id: house-word\ntype: forbid\nseverity: info\nlanguages: [de]\n"
        "pattern: Hausmeister\nmessage: m\nrationale: r\nreference: r\n"
        "examples: {pass: [Der Hausmeister kam.], fail: [Der Pförtner kam.],\n"
        "  todo: [{text: Der Hausmeisterin kam., note: should not fire}]}\n",
    )
    result = run_cli("test-rules", str(wrong))
    assert result.returncode == 1
    assert "FAIL house-word::pass[0]" in result.stdout and "FAIL house-word::fail[0]" in result.stdout
    invalid = tmp_path / "invalid"
    _write(invalid, "x.yaml", "id: y\n")
    assert run_cli("test-rules", str(invalid)).returncode == 2


def test_house_pack_extends_a_default_rule(tmp_path: Path) -> None:
    pack = tmp_path / "house"
    _write(pack, "vague-attribution.yaml", "id: vague-attribution\nextends: vague-attribution\nseverity: warning\n")
    article = _write(tmp_path, "a.txt", "Experten zufolge ist das neu. (dpa)\n")
    result = run_cli("--isolated", "--rules", str(pack), str(article))
    assert result.returncode == 0
    assert "warning vague-attribution" in result.stdout
    duplicate = tmp_path / "dup"
    _write(duplicate, "vague-attribution.yaml", (ROOT / "rules" / "vague-attribution.yaml").read_text(encoding="utf-8"))
    result = run_cli("--isolated", "--rules", str(duplicate), str(article))
    assert result.returncode == 2 and "duplicate id" in result.stderr


def test_json_report_validates_against_both_schemas(tmp_path: Path) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    article = _write(tmp_path, "a.md", "---\ntitle: T\ndate: 2.5.2024\n---\nKim soll Munition angeboten haben.\n")
    report = json.loads(run_cli("--isolated", "--format", "json", str(article), str(SEED)).stdout)
    jsonschema.validate(report, json.loads((ROOT / "lint" / "schemas" / "report-v1.schema.json").read_text()))
    jsonschema.validate(report, json.loads(shared_path("schemas", "report-v1.schema.json").read_text()))
    by_path = {f["path"]: f for f in report["files"]}
    assert by_path[str(article)]["facts"]["date"] == "2024-05-02"


def test_excerpts_equal_the_source_at_their_positions(tmp_path: Path) -> None:
    text = (
        "---\ntitle: Test\n---\n# Überschrift\n\nKim soll Munition angeboten haben. Experten zufolge "
        "ist das **neu**.\n\n„Das ist ein schwarzer Tag für uns alle.“\n\n![Bild](a.jpg)\n"
    )
    article = _write(tmp_path, "a.md", text)
    report = json.loads(run_cli("--isolated", "--format", "json", str(article)).stdout)["files"][0]
    lines = text.splitlines(keepends=True)
    assert len(report["findings"]) == 5
    for finding in report["findings"]:
        start = sum(len(x) for x in lines[: finding["line"] - 1]) + finding["column"] - 1
        end = sum(len(x) for x in lines[: finding["end_line"] - 1]) + finding["end_column"] - 1
        assert text[start:end] == finding["excerpt"]


def test_version() -> None:
    result = run_cli("--version")
    assert result.returncode == 0 and result.stdout.startswith("editorial-lint 0.")
