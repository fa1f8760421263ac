"""Sentence segmentation for German and English, driven by the language profile's data."""

from __future__ import annotations

from lint.document.model import Span, trimmed
from lint.pack.lazyre import lazy
from lint.pack.profiles import LanguageProfile

# A candidate end: terminal punctuation, optionally closing quotes/brackets, then white space.
_CANDIDATE = lazy(r"[.!?…]+[\"“”»«'’)\]]*(?=\s)")
_TOKEN_BEFORE = lazy(r"(\S+)\s*$")
_OPENERS = "\"„“”»«'‚‘([¿¡*_"


def _next_token(text: str, pos: int, end: int) -> str:
    while pos < end and text[pos].isspace():
        pos += 1
    while pos < end and text[pos] in _OPENERS:
        pos += 1
    stop = pos
    while stop < end and not text[stop].isspace():
        stop += 1
    return text[pos:stop]


def _previous_tokens(text: str, start: int, dot: int) -> tuple[str, str]:
    """The token ending at ``dot`` (inclusive) and the one before it."""
    window = text[max(start, dot - 60) : dot + 1]
    parts = window.split()
    token = parts[-1] if parts else ""
    before = parts[-2] if len(parts) > 1 else ""
    return token.lstrip(_OPENERS), before.lstrip(_OPENERS)


def _is_abbreviation(token: str, before: str, following: str, profile: LanguageProfile) -> bool:
    abbreviations = profile.abbreviations
    if token in abbreviations or token[:1].lower() + token[1:] in abbreviations:
        return True
    if before.endswith(".") and before + token in abbreviations:
        return True
    if following.endswith(".") and (
        token + following in abbreviations or token + following.rstrip(".") + "." in abbreviations
    ):
        return True
    return len(token) == 2 and token[0].isupper() and token[0].isalpha()  # an initial: "John F. Kennedy"


def _continues(text: str, token: str, before: str, following: str, profile: LanguageProfile) -> bool:
    """True when the full stop after ``token`` does not end the sentence."""
    if not following:
        return False
    first = following[0]
    if first.islower():
        return True
    if _is_abbreviation(token, before, following, profile):
        return True
    digits = token[:-1]
    if digits.isdigit() and profile.ordinal_dot and len(digits) <= 2:
        if first.isdigit() or following.rstrip(".,") in profile.months or following in profile.months:
            return True
        if before.lower() in profile.ordinal_context:
            return True
    return False


def split_sentences(text: str, start: int, end: int, profile: LanguageProfile) -> list[Span]:
    """Sentence spans inside ``text[start:end]`` (one block): never crossing the block's edges."""
    spans: list[Span] = []
    sentence_start = start
    for match in _CANDIDATE.finditer(text, start, end):
        punct_end = match.end()
        following = _next_token(text, punct_end, end)
        if not following:
            continue
        marks = match.group(0)
        if "." in marks and not any(c in marks for c in "!?…"):
            dot = match.start() + marks.index(".")
            token, before = _previous_tokens(text, sentence_start, dot)
            if _continues(text, token, before, following, profile):
                continue
        elif following[0].islower():  # "Wirklich?" fragte er.
            continue
        spans.append(trimmed(text, sentence_start, punct_end))
        sentence_start = punct_end
    if sentence_start < end:
        spans.append(trimmed(text, sentence_start, end))
    return [s for s in spans if s.end > s.start]
