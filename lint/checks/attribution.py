"""`attribution`: each claim (a speech quotation, or a claim pattern) needs a source cue.

DESIGN.md, Attribution: a cue counts in the sentence holding the claim (outside quotations), or
through a chain: the previous sentence of the same paragraph is sourced reported speech, or the
paragraph continues reported speech begun with a cue in the previous paragraph's last sentence.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator
from dataclasses import dataclass

from lint.checks.base import Env, Hit, applies, exempt
from lint.checks.scopes import unquoted
from lint.document.model import STORY_KINDS, Document, Span
from lint.document.sentences import sentence_index
from lint.pack.patterns import Matcher, MatchLike, TermMatch
from lint.pack.ruleset import Rule

INTRODUCER_REACH = 160  # characters before a quotation searched for its introducer
CLOSING_WORDS = 8  # at most this many words in a sentence that names the speaker after a quotation


@dataclass
class SentenceFacts:
    cue: bool  # a source cue outside quotations
    reported: bool  # reported speech: a claim trigger or a speech quotation
    chained: bool = False  # sourced by the sentence (or paragraph) before it

    @property
    def sourced(self) -> bool:
        return self.cue or self.chained


def check(rule: Rule, doc: Document, env: Env) -> Iterator[Hit]:
    if not applies(rule, doc, env):
        return
    cue = env.matcher(rule, "source", doc)
    if cue is None:
        return
    claim_spec = rule.get("claim")
    claims = _quote_claims(doc) if claim_spec == "quote" else _pattern_claims(doc, env.matcher(rule, "claim", doc))
    if not claims:
        return
    trigger = None if claim_spec == "quote" else env.matcher(rule, "claim", doc)
    facts = _sentence_facts(doc, cue, trigger, env.matcher(rule, "continues", doc) if rule.get("continues") else None)
    introducer = env.matcher(rule, "introducer", doc) if rule.get("introducer") else None
    sustained = env.matcher(rule, "sustains", doc) if rule.get("sustains") else None
    for span, first, last, literal in claims:
        if first is None or last is None:
            continue
        if any(facts[i].cue and not (literal and _cue_only_inside(doc, cue, i, span)) for i in range(first, last + 1)):
            continue
        if introducer is not None and _introduced(doc, introducer, span):
            continue
        if facts[first].chained:
            continue
        if claim_spec == "quote" and _closed_by_speaker(doc, facts, last):
            continue
        if sustained is not None and _sustained(doc, facts, sustained, span if claim_spec != "quote" else None, first):
            continue
        if exempt(rule, doc, env, doc.sentences[first].span):
            continue
        yield Hit(span, {"match": _short(doc.text[span.start : span.end])})


def _short(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _in_body(doc: Document, span: Span) -> bool:
    return span.start < doc.body_end


def _closed_by_speaker(doc: Document, facts: list[SentenceFacts], last: int) -> bool:
    """A quotation that ends its sentence, followed in its paragraph by a short sentence with a cue
    ("…?“ Sanborn said." / "…“ Das sagte der Bürgermeister am Abend.")."""
    following = last + 1
    if following >= len(doc.sentences) or doc.sentences[following].paragraph != doc.sentences[last].paragraph:
        return False
    sentence = doc.sentences[following].span
    return facts[following].cue and len(doc.masked[sentence.start : sentence.end].split()) <= CLOSING_WORDS


def _sustained(doc: Document, facts: list[SentenceFacts], sustained: Matcher, span: Span | None, first: int) -> bool:
    """Reported speech that sustains itself (Konjunktiv I) is sourced by sourced reported speech anywhere
    earlier in its paragraph, not only in the sentence just before: indirect speech runs on across
    indicative sentences in real copy. ``span`` is the claim; for a quotation (None) its sentence,
    outside quotation marks, must be such reported speech ("Das sei „natürlich von Interesse“")."""
    if span is not None:
        if sustained.search_within(doc.masked, span.start, span.end) is None:
            return False
    else:
        sentence = doc.sentences[first].span
        if sustained.search_within(_outside_quotes(doc), sentence.start, sentence.end) is None:
            return False
    paragraph = doc.sentences[first].paragraph
    index = first - 1
    while index >= 0 and doc.sentences[index].paragraph == paragraph:
        if facts[index].sourced and facts[index].reported:
            return True
        index -= 1
    return False


def _introduced(doc: Document, introducer: Matcher, span: Span) -> bool:
    """A speaker named just before the quotation in its paragraph ("Sabine Muster, Präsidentin: „…“")."""
    block = doc.blocks[sentence_paragraph(doc, span.start)] if doc.sentences else None
    start = max(block.span.start if block else 0, span.start - INTRODUCER_REACH)
    return introducer.search_within(doc.masked, start, span.start) is not None


def sentence_paragraph(doc: Document, offset: int) -> int:
    index = sentence_index(doc, offset)
    return doc.sentences[index].paragraph if index is not None else 0


def _quote_claims(doc: Document) -> list[tuple[Span, int | None, int | None, bool]]:
    claims = []
    for quote in doc.quotes:
        if not quote.speech or not _in_body(doc, quote.span):
            continue
        first = sentence_index(doc, quote.span.start)
        last = sentence_index(doc, max(quote.span.end - 1, quote.span.start))
        claims.append((quote.span, first, last if last is not None else first, False))
    return claims


def _outside_quotes(doc: Document) -> str:
    """The masked text with every speech quotation blanked: claims and cues are read outside quotes."""
    return unquoted(doc, doc.masked)


def _body_matches(doc: Document, matcher: Matcher) -> tuple[list[MatchLike], list[int]]:
    """Every match in the story text outside quotations, and their starts; once per document and matcher."""

    def compute() -> tuple[list[MatchLike], list[int]]:
        matches = list(matcher.finditer(_outside_quotes(doc), 0, doc.body_end))
        return matches, [m.start() for m in matches]

    return doc.derived(("attribution-matches", matcher.source), compute)


def _within(matches: list[MatchLike], starts: list[int], span: Span) -> list[MatchLike]:
    lo = bisect.bisect_left(starts, span.start)
    hi = bisect.bisect_left(starts, span.end)
    return [m for m in matches[lo:hi] if m.end() <= span.end]


def _pattern_claims(doc: Document, trigger: Matcher | None) -> list[tuple[Span, int | None, int | None, bool]]:
    if trigger is None:
        return []
    claims: list[tuple[Span, int | None, int | None, bool]] = []
    for match in _body_matches(doc, trigger)[0]:
        if match.end() > match.start():
            index = sentence_index(doc, match.start())
            if index is not None and doc.blocks[doc.sentences[index].paragraph].kind in STORY_KINDS:
                # A literal hedge ("is said to") holds a speech verb that is no source; a pattern claim
                # ("sollen laut Augenzeugen … gewesen sein") may hold its source.
                claims.append((Span(match.start(), match.end()), index, index, isinstance(match, TermMatch)))
    return claims


def _cue_only_inside(doc: Document, cue: Matcher, index: int, claim: Span) -> bool:
    """True when every cue in the sentence lies inside the claim itself ("is said to" holds "said")."""
    inside = _within(*_body_matches(doc, cue), doc.sentences[index].span)
    return all(claim.start <= m.start() and m.end() <= claim.end for m in inside)


def _sentence_facts(
    doc: Document, cue: Matcher, trigger: Matcher | None, continuation: Matcher | None = None
) -> list[SentenceFacts]:
    cues, cue_starts = _body_matches(doc, cue)
    triggers, trigger_starts = _body_matches(doc, trigger) if trigger is not None else ([], [])
    carries, carry_starts = _body_matches(doc, continuation) if continuation is not None else ([], [])
    speech_starts = sorted(q.span.start for q in doc.quotes if q.speech)
    facts = []
    for sentence in doc.sentences:
        span = sentence.span
        has_quote = bisect.bisect_left(speech_starts, span.start) < bisect.bisect_left(speech_starts, span.end)
        reported = (
            has_quote or bool(_within(triggers, trigger_starts, span)) or bool(_within(carries, carry_starts, span))
        )
        facts.append(SentenceFacts(cue=bool(_within(cues, cue_starts, span)), reported=reported))
    _chain(doc, facts)
    return facts


def _chain(doc: Document, facts: list[SentenceFacts]) -> None:
    """Propagate sourcing along sentences of a paragraph, and into the next paragraph's start."""
    for i in range(1, len(doc.sentences)):
        before, sentence = facts[i - 1], doc.sentences[i]
        if doc.sentences[i - 1].paragraph == sentence.paragraph:
            facts[i].chained = before.cue or (before.chained and before.reported)
        elif _adjacent(doc, doc.sentences[i - 1].paragraph, sentence.paragraph):
            # The paragraph continues reported speech (or a quotation) sourced at the end of the last one.
            facts[i].chained = before.sourced and before.reported


def _adjacent(doc: Document, earlier: int, later: int) -> bool:
    """Two story paragraphs with nothing (no heading, caption or credit) between them."""
    if later != earlier + 1:
        return False
    return doc.blocks[earlier].kind in STORY_KINDS and doc.blocks[later].kind in STORY_KINDS
