"""Property-based: for any text, linting never raises, every position lies inside the file, and every
excerpt with a width equals the source at its position; for any file name, every format reports it without
raw control characters or lone surrogates; for any front-matter value, the file is linted or refused with
a line inside its front matter."""

from __future__ import annotations

import json
import os
import re
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest
from helpers import offset
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lint.checks.finding import FileResult
from lint.pack.ruleset import RulePack
from lint.report import renderer
from lint.report.json_report import build
from lint.run.inputs import lint_inputs
from lint.run.linter import Linter, Settings, select_rules

# What may never reach a terminal or a CI log raw (lint/report/escape.py).
CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")

# Pieces that exercise the readers and rules: quotation marks, credits, markup, hearsay, line ends.
PIECES = st.sampled_from(
    [
        "Der Rat tagte.",
        " soll ",
        "angeblich",
        " haben.",
        " sei ",
        "sagte er",
        "zufolge",
        "Experten zufolge",
        "„",
        "“",
        '"',
        "»",
        "«",
        "‚",
        "‘",
        "'",
        "(dpa)",
        "(dpa/afp/fte)",
        "Foto:",
        "Foto: Max Muster",
        "©",
        "![Bild](a.jpg)",
        "# Titel",
        "---\n",
        "title: x\n",
        "<!-- editorial-lint-disable -->",
        "<p>",
        "</p>",
        "&amp;",
        "&quot;",
        "<img src=x>",
        "<figure>",
        "<figcaption>Foto: dpa</figcaption>",
        "\n",
        "\n\n",
        "\r\n",
        "\r",
        " ",
        "z. B.",
        "Dr.",
        "13.",
        "U.S.",
        "reportedly",
        "critics say",
        "WASHINGTON (AP) —",
        "Von Anna Schmidt\n",
        "\t",
        "…",
        "?",
        "!",
        ":",
        "ß",
        "İ",
        "\u2028",
        "😀",
    ]
)
TEXTS = st.one_of(st.lists(PIECES, max_size=40).map("".join), st.text(max_size=300))


def _check(result: FileResult, text: str) -> None:
    assert not result.errors or result.errors[0]["message"]
    normalised = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    lines = normalised.split("\n")
    for f in result.findings:
        assert 1 <= f.line <= len(lines) and 1 <= f.end_line <= len(lines)
        assert 1 <= f.column <= len(lines[f.line - 1]) + 1
        assert 1 <= f.end_column <= len(lines[f.end_line - 1]) + 1
        start = offset(normalised, f.line, f.column)
        end = offset(normalised, f.end_line, f.end_column)
        assert start <= end
        if end > start:
            assert normalised[start:end] == f.excerpt, (f.rule, f.excerpt)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=TEXTS, fmt=st.sampled_from(["text", "markdown", "html"]))
def test_any_text_lints_with_positions_inside_the_file(
    lint_text: Callable[..., FileResult], text: str, fmt: str
) -> None:
    _check(lint_text(text, f"a.{ {'text': 'txt', 'markdown': 'md', 'html': 'html'}[fmt] }".replace(" ", ""), fmt), text)


# --- file names: any bytes a POSIX file system allows (hardening issue, items 2, 7, 8) ----------------------

NAME_BYTES = st.binary(min_size=1, max_size=40).filter(
    lambda b: b"/" not in b and b"\0" not in b and b not in (b".", b"..")
)
# File names that keep the extension the walker looks for, with any bytes before it.
FILE_NAMES = NAME_BYTES.map(lambda b: b.lstrip(b".") or b"x").map(lambda b: b + b".md")


@pytest.mark.skipif(os.name != "posix" or sys.platform == "darwin", reason="file names of arbitrary bytes")
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=FILE_NAMES)
def test_any_file_name_is_reported_safely_in_every_format(pack: RulePack, tmp_path: Path, name: bytes) -> None:
    folder = Path(tempfile.mkdtemp(dir=tmp_path))
    article = folder / os.fsdecode(name)
    article.write_text("Titel\n\nDer Kämmerer soll Einwände erhoben haben.\n", encoding="utf-8")
    settings_ = Settings()
    linter = Linter(pack, select_rules(pack, settings_), settings_)
    results = lint_inputs(linter, [str(folder)], None, jobs=1)
    assert [r.path for r in results] == [str(article)]
    report = build(results, pack.digest, "info")
    text = renderer("text")(report, pack.info())
    github = renderer("github")(report, pack.info())
    for output in (text, github):
        output.encode("utf-8")  # no lone surrogate left: writable to any UTF-8 stream or file
        assert not CONTROL.search(output.replace("\n", ""))
    lines = github.splitlines()
    assert lines and all(line.startswith(("::notice ", "::warning ", "::error ")) for line in lines)
    assert len(text.splitlines()) == len(report["files"][0]["findings"]) + 1  # one line per finding + summary
    for fmt in ("json", "sarif"):
        rendered = renderer(fmt)(report, pack.info())
        rendered.encode("utf-8")
        json.loads(rendered)
    assert json.loads(renderer("json")(report, pack.info()))["files"][0]["path"] == str(article)


# --- front-matter values: whatever a CMS writes there, the file is linted or refused with its line --------

SCALARS = st.one_of(
    st.from_regex(r"\A[0-9]{4}-[0-9]{2}-[0-9]{2}\Z"),  # dates, impossible ones included
    st.from_regex(r"\A[0-9]{4}-[0-9]{2}-[0-9]{2}[ T][0-9]{2}:[0-9]{2}:[0-9]{2}\Z"),
    st.from_regex(r"\A[0-9]{2}:[0-9]{2}:[0-9]{2}\Z"),
    st.integers(min_value=1, max_value=6000).map(lambda n: "9" * n),  # up to 6,000 digits
    st.sampled_from(
        ["0000-00-00", "0001-01-01", "~", "null", "yes", "1e999", ".nan", "-.inf", "'\\ud800'", '"\\ud800"']
    ),
    st.text(max_size=40),
)
KEYS = st.sampled_from(["date", "title", "author", "type", "source", "sponsored", "lang", "image_credit", "x"])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(key=KEYS, value=SCALARS, fmt=st.sampled_from(["markdown", "text"]))
def test_any_front_matter_value_lints_or_names_its_line(
    lint_text: Callable[..., FileResult], key: str, value: str, fmt: str
) -> None:
    text = f"---\ntitle: Titel\n{key}: {value}\n---\nDer Rat tagte. Die Sitzung dauerte lange. (dpa)\n"
    result = lint_text(text, "a.md" if fmt == "markdown" else "a.txt", fmt)
    # The front matter runs to its closing "---" (a value may hold line breaks: "date: \n0" is two lines).
    closing_line = text[: text.index("\n---\n", 3)].count("\n") + 2
    for error in result.errors:
        assert error["message"] and error["path"]
        assert 1 <= error.get("line", 1) <= closing_line, error  # inside the front matter it names
    _check(result, text)
