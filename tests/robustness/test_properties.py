"""Property-based: for any text, linting never raises, every position lies inside the file, and every
excerpt with a width equals the source at its position."""

from __future__ import annotations

from collections.abc import Callable

from helpers import offset
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lint.checks.finding import FileResult

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
