"""Looking up the sentence that holds an offset."""

from __future__ import annotations

from lint.document.model import Document, Span


def sentence_index(doc: Document, offset: int) -> int | None:
    return doc.sentence_index(offset)


def sentence_at(doc: Document, offset: int) -> Span | None:
    i = sentence_index(doc, offset)
    return doc.sentences[i].span if i is not None else None
