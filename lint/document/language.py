"""Language detection by counting each profile's function words."""

from __future__ import annotations

from lint.pack.profiles import LanguageProfile
from lint.pack.textindex import TokenIndex

MIN_HITS = 3
SHORT_TEXT_WORDS = 40


def detect(text: str, profiles: dict[str, LanguageProfile]) -> str | None:
    """The profile whose function words occur most often, when the evidence is clear enough."""
    words = TokenIndex.of(text).folded
    if not words or not profiles:
        return None
    # Distinct function words present: a set intersection per language, shared with the vocabulary index.
    scores = sorted(((len(profile.function_words & words), code) for code, profile in profiles.items()), reverse=True)
    best, code = scores[0]
    runner_up = scores[1][0] if len(scores) > 1 else 0
    if best >= MIN_HITS and best > runner_up * 1.5:
        return code
    if best >= MIN_HITS * 2 and best > runner_up:
        return code
    if len(words) <= SHORT_TEXT_WORDS and best >= 1 and runner_up == 0:  # a headline-sized text
        return code
    return None
