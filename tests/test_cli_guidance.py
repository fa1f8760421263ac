"""Help that guides: the top-level help lists the commands, a mistyped rule id, option or command gets
"did you mean …", and --max-file-size reads and prints sizes as people write them."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

import lint.cli.main as cli
from lint.pack.sizes import SizeError, over_limit, parse_size, readable_size

ARTICLE = "Der Stadtrat hat am Dienstag den Haushalt beschlossen. Die Opposition stimmte dagegen. (dpa)\n"


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = cli.main(args)
    out, err = capsys.readouterr()
    return code, out, err


def test_top_level_help_lists_every_command_with_a_line(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "120")
    with pytest.raises(SystemExit) as exited:
        cli.main(["--help"])
    assert exited.value.code == 0
    out = capsys.readouterr().out
    commands = out.split("commands:\n", 1)[1].split("\n\n", 1)[0].splitlines()
    assert [line.split()[0] for line in commands] == ["check", "rules", "test-rules", "audit", "serve", "lsp"]
    assert all(len(line.split()) > 3 for line in commands)  # each with a description
    assert out.index("commands:") < out.index("options:")  # seen before the long option list
    for option in ("--show-source", "--color", "--statistics", "--quiet", "--rule-docs-url", "--max-file-size"):
        assert option in out


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--select", "agency-credits"], "--select: unknown rule id 'agency-credits' (did you mean 'agency-credit'?)"),
        (
            ["--ignore", "vague-atribution"],
            "--ignore: unknown rule id 'vague-atribution' (did you mean 'vague-attribution'?)",
        ),
        (["--extend-select", "bylines"], "--extend-select: unknown rule id 'bylines' (did you mean 'byline'?)"),
        (["--colour", "never"], "unrecognized arguments: --colour (did you mean '--color'?)"),
        (["--statistcs"], "(did you mean '--statistics'?)"),
        (["--show-sources"], "(did you mean '--show-source'?)"),
    ],
)
def test_did_you_mean_on_check(
    args: list[str], expected: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    code, out, err = run(["--isolated", *args, str(article)], capsys)
    assert code == 2 and out == ""
    assert expected in err


def test_did_you_mean_for_explain_config_and_commands(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _out, err = run(["rules", "--isolated", "--explain", "agency-credits"], capsys)
    assert code == 2 and "--explain: unknown rule id 'agency-credits' (did you mean 'agency-credit'?)" in err
    config = tmp_path / "lint.yaml"
    config.write_text("ignore: [unattributed-quotes]\n", encoding="utf-8")
    code, _out, err = run(["--config", str(config), str(tmp_path)], capsys)
    assert code == 2 and "'ignore': unknown rule id 'unattributed-quotes' (did you mean 'unattributed-quote'?)" in err
    config.write_text("show-sources: true\n", encoding="utf-8")
    code, _out, err = run(["--config", str(config), str(tmp_path)], capsys)
    assert code == 2 and "unknown key 'show-sources' (did you mean 'show-source'?)" in err
    code, _out, err = run(["tset-rules"], capsys)
    assert code == 2 and "'tset-rules' is neither a file nor a command (did you mean 'test-rules'?)" in err
    code, _out, err = run(["rules", "--isolated", "--explian", "byline"], capsys)
    assert code == 2 and "(did you mean '--explain'?)" in err


def test_no_suggestion_when_nothing_is_close(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _out, err = run(["--isolated", "--select", "zzzz", str(tmp_path)], capsys)
    assert code == 2 and "unknown rule id 'zzzz' (see 'editorial-lint rules')" in err and "did you mean" not in err


def test_a_path_named_like_a_command_typo_that_exists_is_linted(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "rule"
    folder.mkdir()
    (folder / "a.txt").write_text(ARTICLE, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, out, _err = run(["--isolated", "rule"], capsys)
    assert code == 0 and "in 1 file" in out


# --- sizes -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "size"),
    [
        ("100", 100),
        ("500KB", 512_000),
        ("500 kb", 512_000),
        ("10MB", 10 * 1024 * 1024),
        ("1.5M", 1_572_864),
        ("2k", 2048),
    ],
)
def test_parse_size(text: str, size: int) -> None:
    assert parse_size(text) == size


@pytest.mark.parametrize("text", ["", "ten", "10 TB", "-5", "0", "0KB", "1.5.2MB"])
def test_parse_size_refuses(text: str) -> None:
    with pytest.raises(SizeError):
        parse_size(text)


def test_readable_sizes() -> None:
    assert readable_size(1) == "1 byte" and readable_size(1023) == "1023 bytes"
    assert readable_size(12 * 1024) == "12 KB" and readable_size(1536) == "1.5 KB" and readable_size(2048) == "2 KB"
    assert readable_size(10 * 1024 * 1024) == "10 MB" and readable_size(50 * 1024 * 1024) == "50 MB"
    assert over_limit("file", 12 * 1024, 10 * 1024) == (
        "file is 12 KB, 2 KB over the limit of 10 KB (max-file-size); refused"
    )


def test_max_file_size_with_units(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    big = tmp_path / "big.txt"
    big.write_text(ARTICLE * 140, encoding="utf-8")  # about 13 KB
    size = big.stat().st_size
    code, _out, err = run(["--isolated", "--max-file-size", "10KB", str(big)], capsys)
    assert code == 2
    assert err.strip() == f"{big}: {over_limit('file', size, 10 * 1024)}"
    assert "13 KB, 2.7 KB over the limit of 10 KB" in err
    code, _out, _err = run(["--isolated", "--max-file-size", "1MB", str(big)], capsys)
    assert code == 0
    code, _out, err = run(["--isolated", "--max-file-size", "lots", str(big)], capsys)
    assert code == 2 and "--max-file-size: a size in bytes or with KB/MB (e.g. 500KB, 10MB), not 'lots'" in err


def test_max_file_size_in_the_configuration(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    big = tmp_path / "big.txt"
    big.write_text(ARTICLE * 140, encoding="utf-8")
    config = tmp_path / "lint.yaml"
    config.write_text("max-file-size: 10KB\n", encoding="utf-8")
    code, _out, err = run(["--config", str(config), str(big)], capsys)
    assert code == 2 and "over the limit of 10 KB" in err
    config.write_text("max-file-size: 20000\n", encoding="utf-8")
    assert run(["--config", str(config), str(big)], capsys)[0] == 0
    config.write_text("max-file-size: huge\n", encoding="utf-8")
    code, _out, err = run(["--config", str(config), str(big)], capsys)
    assert code == 2 and "'max-file-size': must be a size in bytes, or a number with KB/MB" in err


def test_jsonl_record_over_the_limit(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    export = tmp_path / "export.jsonl"
    export.write_text('{"id": "1", "body": "' + "x" * 3000 + '"}\n', encoding="utf-8")
    code, _out, err = run(["--isolated", "--max-file-size", "2KB", str(export)], capsys)
    assert code == 2 and f"{export}:1: record is over the limit of 2 KB (max-file-size)" in err


def test_stdout_is_not_touched_by_usage_errors(monkeypatch: pytest.MonkeyPatch) -> None:
    out = io.StringIO()
    monkeypatch.setattr(sys, "stdout", out)
    assert cli.main(["--isolated", "--color", "purple", "."]) == 2
    assert out.getvalue() == ""


def test_did_you_mean_in_a_suppression_comment(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    article = tmp_path / "a.md"
    article.write_text(
        "<!-- editorial-lint-disable-next-line vague-atribution -- checked -->\n"
        "Experts say the plan works well for the town. (AP)\n",
        encoding="utf-8",
    )
    _code, out, _err = run(["--isolated", "--lang", "en", str(article)], capsys)
    assert (
        'unused-suppression Unused suppression "vague-atribution": no such rule '
        "(did you mean 'vague-attribution'? see 'editorial-lint rules')" in out
    )
