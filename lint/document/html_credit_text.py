"""The credit holder inside one piece of HTML caption text: a caption, a credit element or an alt text."""

from __future__ import annotations

import itertools

from lint.document.credits import CreditReader
from lint.document.html_roles import CAPTION, CREDIT
from lint.document.html_scan import Run
from lint.document.html_text import decode
from lint.document.model import Span, trimmed
from lint.pack.lazyre import lazy

MAX_HOLDER_WORDS = 10
MAX_CAPTION_RUNS = 12  # runs of one caption block read outside the article text


_SENTENCE_END = lazy(r"[.!?]\s")


_TRAILING_NAME = lazy(r"\((\p{Lu}[\p{L}\p{M}.'’-]+(?:\s+\p{Lu}[\p{L}\p{M}.'’-]+){1,3})\)\s*$")


def find_credit(
    haystack: str, start: int, end: int, credits: CreditReader, credit_element: bool = False
) -> tuple[Span, str] | None:
    """The credit holder inside a caption, credit element or alt text: a marker, a parenthesised photo
    credit, or a photo-service name in the last words; a credit element's whole text is a credit."""
    match = credits.caption_credit.search(haystack, start, end)
    if match and match.group("paren") is not None:  # "(Foto: Name)": the marker inside, if any, decides
        match = credits.caption_credit.search(haystack, *match.span("paren")) or match
    if match:
        group = "holder" if match.group("holder") is not None else "paren"
        holder = credits.holder(" ".join(match.group(group).split()))
        if holder and not any(c.isalnum() for c in holder):
            holder = None  # "Photo by: " with the name in the next element: only punctuation is left
        if holder and credit_element:
            holder = credits.holder(credits.html.credit_label.sub("", holder)) or holder
        sentence = holder is not None and not credit_element and len(holder.split()) > MAX_HOLDER_WORDS
        if holder and not sentence:
            return Span(*match.span(group)), holder
        if not credit_element and not sentence:
            return None  # a marker with nothing after it ("Photo:") credits nobody
        # "Image: The house in which …": a label before a caption sentence; its credit may end the sentence
    if credit_element:
        holder = credits.holder(credits.html.credit_label.sub("", " ".join(haystack[start:end].split())))
        return (trimmed(haystack, start, end), holder) if holder else None
    shape = credits.caption_shapes.search(haystack, start, end)  # image_credit_shapes.yaml: "[File: X]", "| X"
    if shape is not None:
        holder = credits.holder(" ".join(shape.group("holder").split()))
        if holder:
            return Span(*shape.span("holder")), holder
    named = _TRAILING_NAME.search(haystack, start, end)  # "… (Tahir Della)": a name in brackets at the end
    if named and named.end() == trimmed(haystack, start, end).end:
        return Span(*named.span(1)), named.group(1)
    tail = start
    for sentence_end in _SENTENCE_END.finditer(haystack, start, end):
        tail = sentence_end.end()
    inner = trimmed(haystack, start, end)
    tail = max(tail, haystack.rfind("\n", inner.start, inner.end) + 1)  # a caption's last element ("<p>X</p>")
    words = haystack[tail:end].split()
    if 0 < len(words) <= 10 and credits.photo_token.search(haystack, tail, end):
        return trimmed(haystack, tail, end), credits.holder(" ".join(words)) or " ".join(words)
    return None


def read_caption(
    text: str,
    every: list[Run],
    first: int,
    credits: CreditReader,
    members: list[int] | None = None,
    limit: int | None = None,
) -> tuple[Span, str] | None:
    """The credit in one caption block read from the page's runs: credit elements first, then captions."""
    if members is None:  # the caption element and the credit elements nested in it, up to the next image
        end = len(text) if limit is None else limit
        members = list(
            itertools.takewhile(
                lambda i: every[i].flags & (CAPTION | CREDIT) and every[i].start < end,
                range(first, min(len(every), first + MAX_CAPTION_RUNS)),
            )
        )
    for wanted in (CREDIT, CAPTION):
        runs = [every[i] for i in members if wanted == CAPTION or every[i].flags & CREDIT]
        if not runs:
            continue
        haystack = "\n".join(decode(text[r.start : r.end]) for r in runs)
        found = find_credit(haystack, 0, len(haystack), credits, credit_element=wanted == CREDIT)
        if found:
            return Span(runs[-1].start, runs[-1].end), found[1]
    return None
