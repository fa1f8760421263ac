"""Looking up the sentence that holds an offset."""

from __future__ import annotations

import bisect

from lint.document.model import Document, Span


def sentence_index(doc: Document, offset: int) -> int | None:
    if len(doc.sentence_starts) != len(doc.sentences):
        doc.sentence_starts = [s.span.start for s in doc.sentences]
    i = bisect.bisect_right(doc.sentence_starts, offset) - 1
    if i >= 0 and offset < doc.sentences[i].span.end:
        return i
    return None


def sentence_at(doc: Document, offset: int) -> Span | None:
    i = sentence_index(doc, offset)
    return doc.sentences[i].span if i is not None else None
