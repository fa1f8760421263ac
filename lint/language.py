"""Language detection by counting each profile's function words."""

from __future__ import annotations

import regex

from lint.profiles import LanguageProfile

_WORD = regex.compile(r"\p{L}+")
SAMPLE_CHARS = 6000
MIN_HITS = 3
SHORT_TEXT_WORDS = 40


def detect(text: str, profiles: dict[str, LanguageProfile]) -> str | None:
    """The profile whose function words occur most often, when the evidence is clear enough."""
    words = [w.lower() for w in _WORD.findall(text[:SAMPLE_CHARS])]
    if not words or not profiles:
        return None
    scores = sorted(
        ((sum(1 for w in words if w in profile.function_words), code) for code, profile in profiles.items()),
        reverse=True,
    )
    best, code = scores[0]
    runner_up = scores[1][0] if len(scores) > 1 else 0
    if best >= MIN_HITS and best > runner_up * 1.5:
        return code
    if best >= MIN_HITS and best >= len(words) * 0.08 and best > runner_up:
        return code
    if len(words) <= SHORT_TEXT_WORDS and best >= 1 and runner_up == 0:  # a headline-sized text
        return code
    return None
