"""The streamed reports (json, sarif, junit written file by file, issue 17) are byte-identical to the
whole-document form, ``render(build(results))``, on generated articles with findings, clean files, run
errors, JSONL records and a --min-severity floor; and the check command writes them the same way to stdout
and to --output."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from article_generator import generate_corpus, write, write_articles

from lint.api import _open
from lint.checks.finding import FileResult
from lint.report import STREAMED, renderer, streamer, text
from lint.report.json_report import build
from lint.report.text import TextOptions
from lint.run.inputs import lint_inputs

from conftest import run_cli


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("streamed")
    write_articles(root, generate_corpus(30, seed=17))
    record = {
        "id": "a1",
        "body": "Berlin - Experten zufolge sei alles gut, hieß es. Kritiker sagen, der Plan werde scheitern.",
        "lang": "de",
    }
    write(root, "export/records.jsonl", json.dumps(record) + "\n" + json.dumps({**record, "id": "a2"}) + "\n")
    write(root, "de/broken.txt", b"\xff\xfe\x00 not text \x00\x00")  # unreadable as an article: a run error
    return root


def _results(paths: list[str]) -> tuple[list[FileResult], str, list[dict[str, object]]]:
    session = _open((), True, None, (), (), None, None, None, None)
    resolver = session.resolver
    results = lint_inputs(resolver.linter_for("."), paths, None, resolver.linter_for, 1)
    return results, session.pack.digest, session.pack.info()


@pytest.mark.parametrize("fmt", STREAMED)
@pytest.mark.parametrize("min_severity", ["info", "error"])
def test_streamed_equals_the_whole_document(generated: Path, fmt: str, min_severity: str) -> None:
    results, digest, rules = _results([str(generated), str(generated / "missing.md")])
    assert any(r.findings for r in results) and any(r.errors for r in results)
    assert any(r.findings for r in results if r.record_line is not None)  # SARIF's record locations
    stream = streamer(fmt)
    assert stream is not None
    whole = renderer(fmt)(build(results, digest, min_severity), rules)
    pieces = list(stream(results, digest, min_severity, rules))
    assert len(pieces) > 3  # written in pieces, not one document made first
    assert "".join(pieces) == whole


@pytest.mark.parametrize("fmt", STREAMED)
@pytest.mark.parametrize("inputs", [["missing.md"], ["empty"]])
def test_streamed_equals_the_whole_document_without_findings(generated: Path, fmt: str, inputs: list[str]) -> None:
    (generated.parent / "empty").mkdir(exist_ok=True)
    results, digest, rules = _results([str(generated.parent / name) for name in inputs])
    stream = streamer(fmt)
    assert stream is not None
    assert "".join(stream(results, digest, "info", rules)) == renderer(fmt)(build(results, digest), rules)


def test_github_is_not_streamed() -> None:
    # text is streamed too, but through text.stream (it takes the text options); github renders whole
    assert streamer("text") is None and streamer("github") is None


@pytest.mark.parametrize("fmt", STREAMED)
def test_check_writes_the_stream_to_stdout_and_to_output(generated: Path, tmp_path: Path, fmt: str) -> None:
    options = ["--isolated", "--no-cache", "--format", fmt, "--fail-on", "never"]
    printed = run_cli("check", *options, str(generated))
    target = tmp_path / f"report.{fmt}"
    written = run_cli("check", *options, "--output", str(target), str(generated))
    assert printed.stdout.count("article-0029") >= 1 and printed.stdout.endswith("\n")
    assert written.stdout == "" and target.read_text(encoding="utf-8") == printed.stdout


@pytest.mark.parametrize(
    "options",
    [
        TextOptions(),
        TextOptions(statistics=True),
        TextOptions(quiet=True),
        TextOptions(show_source=True, color=True, width=40),
    ],
    ids=["plain", "statistics", "quiet", "source-colour"],
)
def test_text_streamed_equals_the_whole_document(generated: Path, options: TextOptions) -> None:
    results, digest, rules = _results([str(generated), str(generated / "missing.md")])
    sources = {r.path: {line: f"line {line} of {r.path}" for line in range(1, 40)} for r in results}
    whole = text.render(build(results, digest, "info"), rules, options, sources)
    pieces = list(text.stream(results, digest, "info", rules, options, sources))
    assert len(pieces) > 3 or options.statistics
    assert "".join(pieces) == whole
