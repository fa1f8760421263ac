"""Item 4 of the hardening issue: every reader is linear in its input. A hang guard per hostile shape (one
piece repeated to 1 MB, read within 5 s of CPU time: the quadratic readers took minutes), and the readers'
own regexes run under the pattern timeout. Growth ratios 100 KB -> 1 MB: ``python bench/speed.py --hostile``."""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest

from lint.checks.finding import FileResult
from lint.document import markup
from lint.pack import lazyre

SHAPES = {
    "md-link-open": ("[x](", "markdown"),
    "md-bracket": ("[", "markdown"),
    "md-image": ("![", "markdown"),
    "md-link-tail": ("](", "markdown"),
    "md-comment": ("<!--", "markdown"),
    "html-comment": ("<!--", "html"),
    "html-cdata": ("<![CDATA[", "html"),
    "html-figure": ("<figure>", "html"),
    "html-open-attribute": ("<a href=", "html"),
    "html-end-tag": ("</x", "html"),
    "text-brackets": ("[x](", "text"),
}
BOUND_S = 5.0
SIZE = 1_000_000


@pytest.mark.slow
@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_a_hostile_megabyte_is_read_in_linear_time(lint_text: Callable[..., FileResult], shape: str) -> None:
    piece, fmt = SHAPES[shape]
    text = piece * (SIZE // len(piece))
    started = time.process_time()  # CPU time: a busy machine does not make the guard flaky
    result = lint_text(
        text, f"hostile.{ {'markdown': 'md', 'html': 'html', 'text': 'txt'}[fmt] }".replace(" ", ""), fmt
    )
    spent = time.process_time() - started
    assert spent < BOUND_S, f"{shape}: {spent:.1f} s for 1 MB"
    assert not [e for e in result.errors if "timed out" in e["message"] or "longer than" in e["message"]]


def test_the_readers_regexes_run_under_the_pattern_timeout(
    lint_text: Callable[..., FileResult], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(lazyre, "SEARCH_TIMEOUT", 0.2)
    catastrophic = lazyre.lazy(r"(?:a|aa)+$")
    started = time.monotonic()
    with pytest.raises(TimeoutError):
        catastrophic.search("a" * 80 + "!")
    assert time.monotonic() - started < 10
    # A reader regex that backtracks makes that file an error (exit 2), not a hang or a traceback.
    monkeypatch.setattr(markup, "_TABLE_PIPE", lazyre.lazy(r"(?:a|aa)+\|"))
    result = lint_text("Titel\n\n" + "a" * 80 + "!\n", "a.md", "markdown")
    assert result.errors and "reading took longer than" in result.errors[0]["message"]
