"""Blanking parts of a text in place: same length, line breaks kept, so every offset stays valid."""

from __future__ import annotations

from collections.abc import Iterable

from lint.pack.lazyre import lazy

_NOT_NEWLINE = lazy(r"[^\n]")


def blank(text: str, spans: Iterable[tuple[int, int]]) -> str:
    """``text`` with every character inside the spans (except line breaks) replaced by a space."""
    pieces: list[str] = []
    last = 0
    for start, end in sorted(spans):
        start = max(start, last)
        if end <= start:
            continue
        pieces.append(text[last:start])
        pieces.append(_NOT_NEWLINE.sub(" ", text[start:end]))
        last = end
    if not pieces:
        return text
    pieces.append(text[last:])
    return "".join(pieces)
