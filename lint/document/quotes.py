"""Quotations: pairing quotation marks inside a block, and telling speech from quoted terms."""

from __future__ import annotations

import regex

from lint.document.model import Quote, Span
from lint.pack.profiles import LanguageProfile

MIN_SPEECH_WORDS = 5
_INITIALISM = regex.compile(r"^(?:\w\.){2,}$")
_SENTENCE_PUNCTUATION = frozenset(".!?…")


def find_quotes(
    text: str,
    start: int,
    end: int,
    paragraph: int,
    profile: LanguageProfile,
    exempt: bool = False,
    continued: bool = False,
) -> list[Quote]:
    """Quotations in one block; pairing resets at the block's end.

    An unclosed quotation is dropped, unless ``continued``: the next paragraph opens with a quotation
    mark, the convention for a quotation that runs over several paragraphs.
    """
    openers, marks, spaced = _marks(profile)
    quotes: list[Quote] = []
    open_at = -1
    closers = spaces = ""
    titles: set[int] = set()  # where quotations named as titles open
    for match in marks.finditer(text, start, end):
        pos = match.start()
        char = text[pos]
        # An opening mark sticks to the word after it, a closing mark to the word before it: this keeps
        # straight quotes (the same character both ways) from pairing a closer with the next opener.
        attached_after = pos + 1 < end and not text[pos + 1].isspace()
        attached_before = pos > start and not text[pos - 1].isspace()
        if (
            open_at >= 0
            and char in closers
            and (attached_before or not attached_after or _set_off(text, pos, -1, start, spaces, marks))
        ):
            inner = Span(open_at + 1, pos)
            title = _named_as_title(text, start, open_at, profile) or _listed_with_title(
                text, quotes, titles, open_at, profile
            )
            if title:
                titles.add(open_at)
            speech = not exempt and is_speech(text[inner.start : inner.end], profile) and not title
            quotes.append(Quote(Span(open_at, pos + 1), inner, paragraph, speech=speech))
            open_at = -1
        elif (
            open_at < 0
            and char in openers
            and (attached_after or _set_off(text, pos, 1, end, spaced.get(char, ""), marks))
        ):
            open_at, closers, spaces = pos, openers[char], spaced.get(char, "")
    if open_at >= 0 and continued:
        inner = Span(open_at + 1, end)
        quotes.append(
            Quote(
                Span(open_at, end),
                inner,
                paragraph,
                speech=not exempt and is_speech(text[inner.start : inner.end], profile),
                runs_on=True,
            )
        )
    return quotes


def _set_off(text: str, pos: int, step: int, limit: int, spaces: str, marks: regex.Pattern[str]) -> bool:
    """The mark at ``pos`` stands one of the pair's ``spaces`` apart from a word (``step`` 1: after it, -1:
    before it): "« Nous" and "ici »" in French typesetting; "« »" quotes nothing."""
    space, word = pos + step, pos + 2 * step
    inside = (word < limit) if step > 0 else (word >= limit)
    return (
        bool(spaces) and inside and text[space] in spaces and not text[word].isspace() and not marks.match(text, word)
    )


_MARKS: dict[tuple[object, ...], tuple[dict[str, str], regex.Pattern[str], dict[str, str]]] = {}


def _marks(profile: LanguageProfile) -> tuple[dict[str, str], regex.Pattern[str], dict[str, str]]:
    key = (profile.quotes, profile.quote_spaces)
    cached = _MARKS.get(key)
    if cached is None:
        openers: dict[str, str] = {}
        for opening, closing in profile.quotes:
            openers.setdefault(opening, closing)
        chars = set(openers) | {c for closing in openers.values() for c in closing}
        pattern = regex.compile("[" + regex.escape("".join(sorted(chars))) + "]")
        cached = _MARKS[key] = (openers, pattern, dict(profile.quote_spaces))
    return cached


_WORD_BEFORE = regex.compile(r"(\w+)[\s,]*$")


def _named_as_title(text: str, block_start: int, open_at: int, profile: LanguageProfile) -> bool:
    """A quotation right after a word that names a work ("Buch", "Tagung", "Forschungsprojekt", "titled")
    is that work's title, however long."""
    if not profile.title_words:
        return False
    before = text[max(block_start, open_at - 60) : open_at]
    for _ in range(2):  # the word itself, or the one before an article or possessive
        match = _WORD_BEFORE.search(before)
        if not match:
            return False
        word = match.group(1).lower()
        if any(word.endswith(title) for title in profile.title_words):
            return True
        if word not in profile.title_determiners:
            return False
        before = before[: match.start()]
    return False


def _listed_with_title(
    text: str, quotes: list[Quote], titles: set[int], open_at: int, profile: LanguageProfile
) -> bool:
    """A quotation joined to a title just before it ("die Filme „A“ und „B“", "the songs "A", "B" and
    "C"") is a title too: the word naming the works stands before the first one only."""
    if not quotes or quotes[-1].span.start not in titles:
        return False
    between = text[quotes[-1].span.end : open_at].strip().lower()
    return between in profile.name_joiners or between in {j.strip().lower() for j in profile.name_joiners}


def is_speech(inner: str, profile: LanguageProfile) -> bool:
    """Speech has at least five words or sentence punctuation; shorter quotes are terms or titles.

    Not sentence punctuation: a full stop of an abbreviation ("Max Jüdel & Co.") or an initialism
    ("N.A.G."), and a final full stop or comma, which American style puts inside the marks of any quoted
    term ("the words "downside risks.""). In languages that do not capitalise nouns a quotation in title
    case ("Takin' It to the Streets.") is a title.
    """
    words = inner.split()
    if profile.title_case_titles and _title_case(words):
        return False
    if len(words) >= MIN_SPEECH_WORDS:
        return True
    for index, word in enumerate(words):
        if not any(c in _SENTENCE_PUNCTUATION for c in word):
            continue
        if any(c in "!?…" for c in word):
            return True
        bare = word.strip("\"'“”»«’‘()[],;")
        if bare in profile.abbreviations or _INITIALISM.match(bare):
            continue
        if index == len(words) - 1 and bare.endswith(".") and "." not in bare[:-1]:
            continue  # the sentence's own full stop, inside the marks
        if not bare.endswith((".", "…")):
            continue  # a full stop inside a word is no sentence end ("D.Live", "www.example.org", "3.5")
        return True
    return False


def _title_case(words: list[str]) -> bool:
    """Every word of four or more letters capitalised, and at least two of them."""
    long_words = [w.strip("\"'“”‘’.,!?…:;()") for w in words]
    long_words = [w for w in long_words if len(w) >= 4 and w[:1].isalpha()]
    return len(long_words) >= 2 and all(w[0].isupper() for w in long_words)
