"""The source model as the attribution rules see it: every cue's source in the story text, and the
document's record of who speaks (lint.document.sources holds the mechanism, the language profile the words).

``cue_sources`` is shared by the four sourcing rules: ``unattributed-quote`` and ``unattributed-claim``
route claims to these sources; ``vague-attribution`` and ``anonymous-source`` judge them.
"""

from __future__ import annotations

import bisect

from lint.checks.scopes import unquoted
from lint.document.model import Document
from lint.document.sentences import sentence_index
from lint.document.sources import SOURCE_MODEL, Source, SourceModel, names_body, refers_back, source_of
from lint.pack.patterns import Matcher, MatchLike
from lint.pack.source_words import SourceLexicon


def outside_quotes(doc: Document) -> str:
    """The masked text with every speech quotation blanked: claims and cues are read outside quotes."""
    return unquoted(doc, doc.masked)


def body_matches(doc: Document, matcher: Matcher) -> tuple[list[MatchLike], list[int]]:
    """Every match in the story text outside quotations, and their starts; once per document and matcher."""

    def compute() -> tuple[list[MatchLike], list[int]]:
        matches = list(matcher.finditer(outside_quotes(doc), 0, doc.body_end))
        return matches, [m.start() for m in matches]

    return doc.derived(("attribution-matches", matcher.source), compute)


def source_model(doc: Document) -> SourceModel:
    """The document's source model: who speaks, claim by claim (a derived view the document keeps)."""
    return doc.derived(SOURCE_MODEL, SourceModel)


def cue_sources(doc: Document, cue: Matcher, impersonal: Matcher | None) -> dict[int, Source]:
    """The source of every cue in the story text (by cue start); once per document and cue pattern."""
    model = source_model(doc)
    key = cue.source + "|" + (impersonal.source if impersonal is not None else "")
    memo: dict[str, dict[int, Source]] = doc.derived("cue-sources", dict)
    if key in memo:
        return memo[key]
    lexicon = doc.source_lexicon if isinstance(doc.source_lexicon, SourceLexicon) else SourceLexicon()
    text = outside_quotes(doc)
    formulas = [(m.start(), m.end()) for m in body_matches(doc, impersonal)[0]] if impersonal is not None else []
    formula_starts = [start for start, _ in formulas]
    found: dict[int, Source] = {}
    matches, _ = body_matches(doc, cue)
    cues = [(m.start(), m.end()) for m in matches]
    cue_starts = [start for start, _ in cues]
    for match in matches:
        index = sentence_index(doc, match.start())
        if index is None or match.end() <= match.start():
            continue
        sentence = doc.sentences[index].span
        is_formula = _overlaps(formulas, formula_starts, match.start(), match.end())
        found[match.start()] = source_of(
            text, (sentence.start, sentence.end), (match.start(), match.end()), is_formula, lexicon
        )
    for start, end in formulas:  # a formula the cue pattern does not hold still sources as impersonal
        index = sentence_index(doc, start)
        if index is not None and not _overlaps(cues, cue_starts, start, end):
            sentence = doc.sentences[index].span
            found[start] = source_of(text, (sentence.start, sentence.end), (start, end), True, lexicon)
    _resolve_back(doc, text, found, lexicon)
    _name_pronouns(found, lexicon)
    model.by_cue.update(found)
    memo[key] = found
    return found


def _resolve_back(doc: Document, text: str, found: dict[int, Source], lexicon: SourceLexicon) -> None:
    """A report noun with a definite article ("den Angaben zufolge") is named when its own sentence names a body before it or the previous
    sentence of the paragraph names its source; otherwise it stays vague (nobody named before it)."""
    for start, source in list(found.items()):
        if source.kind != "vague" or not refers_back(source, text, lexicon):
            continue
        index = sentence_index(doc, start)
        if index is None:
            continue
        sentence = doc.sentences[index]
        named = names_body(text, sentence.span.start, source.start, lexicon)
        if not named and index > 0 and doc.sentences[index - 1].paragraph == sentence.paragraph:
            earlier = doc.sentences[index - 1].span
            named = any(
                earlier.start <= s.start < earlier.end and s.kind in ("person", "organisation") for s in found.values()
            )
        if named:
            found[start] = Source(source.name, "organisation", source.start, source.end)


def _name_pronouns(found: dict[int, Source], lexicon: SourceLexicon) -> None:
    """A speaker given as a personal pronoun ("he said", "sagte er") is the person named last before it,
    so that facts.sources says who speaks; with nobody named before, the pronoun stays as written."""
    last: Source | None = None
    for start in sorted(found):
        source = found[start]
        if source.kind == "person" and source.name.lower() in lexicon.personal_pronouns:
            if last is not None:
                found[start] = Source(last.name, "person", source.start, source.end)
        elif source.kind == "person" and any(c.isupper() for c in source.name[:1]):
            last = source


def _overlaps(spans: list[tuple[int, int]], starts: list[int], start: int, end: int) -> bool:
    """Whether ``[start, end)`` overlaps one of ``spans`` (sorted by start; ``starts`` their starts)."""
    i = bisect.bisect_left(starts, end)
    return any(spans[j][1] > start for j in range(max(0, i - 3), i))
