"""Quotations: pairing quotation marks inside a block, and telling speech from quoted terms."""

from __future__ import annotations

import regex

from lint.model import Quote, Span
from lint.profiles import LanguageProfile

MIN_SPEECH_WORDS = 5
_SENTENCE_PUNCTUATION = frozenset(".!?…")


def find_quotes(text: str, start: int, end: int, paragraph: int, profile: LanguageProfile,
                exempt: bool = False) -> list[Quote]:
    """Quotations in one block; pairing resets at the block's end (an unclosed quote is dropped)."""
    openers, marks = _marks(profile)
    quotes: list[Quote] = []
    open_at = -1
    closers = ""
    for match in marks.finditer(text, start, end):
        pos = match.start()
        char = text[pos]
        if open_at >= 0 and char in closers:
            inner = Span(open_at + 1, pos)
            quotes.append(Quote(Span(open_at, pos + 1), inner, paragraph,
                                speech=not exempt and is_speech(text[inner.start : inner.end])))
            open_at = -1
        elif open_at < 0 and char in openers:
            open_at, closers = pos, openers[char]
    return quotes


_MARKS: dict[tuple[tuple[str, str], ...], tuple[dict[str, str], regex.Pattern[str]]] = {}


def _marks(profile: LanguageProfile) -> tuple[dict[str, str], regex.Pattern[str]]:
    cached = _MARKS.get(profile.quotes)
    if cached is None:
        openers: dict[str, str] = {}
        for opening, closing in profile.quotes:
            openers.setdefault(opening, closing)
        chars = set(openers) | {c for closing in openers.values() for c in closing}
        cached = _MARKS[profile.quotes] = (openers, regex.compile("[" + regex.escape("".join(sorted(chars))) + "]"))
    return cached


def is_speech(inner: str) -> bool:
    """Speech has at least five words or sentence punctuation; shorter quotes are terms or titles."""
    if any(c in _SENTENCE_PUNCTUATION for c in inner):
        return True
    return len(inner.split()) >= MIN_SPEECH_WORDS
