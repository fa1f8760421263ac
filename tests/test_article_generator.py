"""The shared article generator (tests/article_generator.py): seeded, the HTML share it promises, and one
story reads alike whichever of the three formats it is written in."""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Callable
from pathlib import PurePath

import article_generator as generator
import pytest

from lint.checks.finding import FileResult


def test_same_seed_same_bytes_and_an_exact_html_share() -> None:
    corpus = generator.generate_corpus(40, seed=7)
    assert corpus == generator.generate_corpus(40, seed=7)
    assert corpus != generator.generate_corpus(40, seed=8)
    formats = Counter(PurePath(a.relpath).suffix for a in corpus)
    assert formats[".html"] == 12  # 30 % of 40
    assert formats[".txt"] > 0 and formats[".md"] > 0
    assert all(a.text.startswith("<!DOCTYPE html>") for a in corpus if a.relpath.endswith(".html"))


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("lang", ["de", "en"])
def test_one_story_reads_alike_as_text_markdown_and_html(
    lint_text: Callable[..., FileResult], seed: int, lang: str
) -> None:
    story = generator.story(random.Random(seed), lang, "html", 3000)
    seen = []
    for fmt in generator.FORMATS:
        result = lint_text(generator.render(story, fmt), f"article.{generator.EXTENSION[fmt]}")
        seen.append((result.language, result.facts["authors"], result.facts["agency_credits"]))
    assert seen[0][0] == lang
    assert seen[0][1] == ([story.byline] if story.byline else [])
    assert seen[1] == seen[0] and seen[2] == seen[0], seen
