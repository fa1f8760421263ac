"""`attribution`: each claim (a speech quotation, or a claim pattern) needs a source cue.

DESIGN.md, Attribution: a cue counts in the sentence holding the claim (outside quotations), by an
introducer (a speaker before a colon, or a paragraph ending in one), a closer, the following sentence
when it names who said it, or through a chain: the previous sentence of the same paragraph is sourced
reported speech, or the paragraph continues reported speech begun with a cue in the previous
paragraph's last sentence. Each claim records its source and route in the document's source model
(lint.document.sources), which facts.sources and the vague and anonymous rules read.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from lint.checks.base import Env, Hit, applies, exempt
from lint.checks.sourcing import body_matches as _body_matches
from lint.checks.sourcing import cue_sources, source_model
from lint.checks.sourcing import outside_quotes as _outside_quotes
from lint.document.model import STORY_KINDS, Document, Span
from lint.document.sentences import sentence_index
from lint.document.sources import ClaimRecord, Source
from lint.pack.kinds import ClaimKind, claim_kind
from lint.pack.patterns import Matcher, MatchLike, TermMatch
from lint.pack.ruleset import Rule
from lint.pack.source_words import SourceLexicon

INTRODUCER_REACH = 160  # characters before a quotation searched for its introducer
CLOSING_WORDS = 8  # at most this many words in a sentence that names the speaker after a quotation


@dataclass
class SentenceFacts:
    cue: bool  # a source cue outside quotations
    reported: bool  # reported speech: a claim trigger or a speech quotation
    chained: bool = False  # sourced by the sentence (or paragraph) before it
    source: Source | None = None  # the source its cue names, or the one its chain carries
    across: bool = False  # chained only from the previous paragraph

    @property
    def sourced(self) -> bool:
        return self.cue or self.chained


@dataclass
class Claim:
    """One claim being judged, with what its routes read."""

    doc: Document
    facts: list[SentenceFacts]
    cue: Matcher
    span: Span
    first: int
    last: int
    literal: bool  # a literal hedge ("is said to"): a cue inside it is no source
    kind: ClaimKind
    introducer: Matcher | None
    sustained: Matcher | None


Found = tuple[str, Source | None] | None  # the route (as facts.sources records it) and the source


def check(rule: Rule, doc: Document, env: Env) -> Iterator[Hit]:
    if not applies(rule, doc, env):
        return
    cue = env.matcher(rule, "source", doc)
    if cue is None:
        return
    kind = claim_kind(rule.get("claim"))
    trigger = None if kind.reported_speech else env.matcher(rule, "claim", doc)
    claims = _quote_claims(doc) if kind.reported_speech else _pattern_claims(doc, trigger)
    if not claims:
        return
    introducer = env.matcher(rule, "introducer", doc) if rule.get("introducer") else None
    sustained = env.matcher(rule, "sustains", doc) if rule.get("sustains") else None
    impersonal = env.matcher(rule, "impersonal", doc) if rule.get("impersonal") else None
    continuation = env.matcher(rule, "continues", doc) if rule.get("continues") else None
    sources = cue_sources(doc, cue, impersonal)
    # Konjunktiv I is reported speech for quotations too: a quotation after "Es gebe viel Unterstützung."
    # continues the speaker's report.
    carriers = [m for m in (continuation, sustained if kind.reported_speech else None) if m is not None]
    facts = _sentence_facts(doc, cue, trigger, carriers, sources)
    model = source_model(doc)
    routes = [ROUTE_CHECKS[name] for name in rule.get("sourced-by", kind.routes)]
    for span, first, last, literal in claims:
        if first is None or last is None:
            continue
        record = ClaimRecord(span.start, span.end, kind.record)
        claim = Claim(doc, facts, cue, span, first, last, literal, kind, introducer, sustained)
        found = next((result for route in routes if (result := route(claim)) is not None), None)
        if found is not None:
            record.route, record.source = found
            model.claims[(kind.record, span.start)] = record
            continue
        if exempt(rule, doc, env, doc.sentences[first].span):
            continue
        model.claims[(kind.record, span.start)] = record
        yield Hit(span, {"match": _short(doc.text[span.start : span.end])})


# The routes of `sourced-by` (lint/pack/kinds.py, ROUTES; tests keep the two in step), each: how the claim
# is sourced and by whom, or None.


def _same_sentence(c: Claim) -> Found:
    for i in range(c.first, c.last + 1):
        if c.facts[i].cue and not (c.literal and _cue_only_inside(c.doc, c.cue, i, c.span)):
            return "same sentence", c.facts[i].source
    return None


def _by_introducer(c: Claim) -> Found:
    speaker = _introduced(c.doc, c.introducer, c.span) if c.introducer is not None else None
    return ("introducer", speaker) if speaker is not None else None


def _quotation_runs_on(c: Claim) -> Found:
    carried = _carried_quote(c.doc, c.span)
    return ("paragraph continuation", carried.source) if carried is not None else None


def _introducing_paragraph(c: Claim) -> Found:
    introduced = _introduced_by_paragraph(c.doc, c.facts, c.first)
    return ("introducer", introduced) if introduced is not None else None


def _chain_route(c: Claim) -> Found:
    fact = c.facts[c.first]
    # Across a paragraph break only reported speech runs on (a quotation, Konjunktiv I): a hearsay
    # marker there ("The minister reportedly resigned.") is a claim about someone else.
    if fact.chained and (c.kind.reported_speech or not fact.across or _sustains(c.doc, c.sustained, c.span)):
        return ("paragraph continuation" if fact.across else "chain"), fact.source
    return None


def _closer(c: Claim) -> Found:
    return ("closer", c.facts[c.last + 1].source) if _closed_by_speaker(c.doc, c.facts, c.last) else None


def _following_sentence(c: Claim) -> Found:
    following = _following(c.doc, c.facts, c.last)
    return ("following sentence", following) if following is not None else None


def _sustained_route(c: Claim) -> Found:
    if c.sustained is None:
        return None
    own = None if c.kind.reported_speech else c.span  # a quotation: its sentence outside the marks
    origin = _sustained(c.doc, c.facts, c.sustained, own, c.first)
    return ("chain", origin) if origin is not None else None


ROUTE_CHECKS: dict[str, Callable[[Claim], Found]] = {
    "same-sentence": _same_sentence,
    "introducer": _by_introducer,
    "quotation-runs-on": _quotation_runs_on,
    "introducing-paragraph": _introducing_paragraph,
    "chain": _chain_route,
    "closer": _closer,
    "following-sentence": _following_sentence,
    "sustained": _sustained_route,
}


def _following(doc: Document, facts: list[SentenceFacts], last: int) -> Source | None:
    """The next sentence of the paragraph names who said it: it has a cue and refers back to the claim
    ("… Das teilte die Polizei mit.", "„…“, sagte Stadtrat Y." after a Konjunktiv sentence)."""
    following = last + 1
    if following >= len(doc.sentences) or doc.sentences[following].paragraph != doc.sentences[last].paragraph:
        return None
    if not facts[following].cue or facts[following].source is None:
        return None
    sentence = doc.sentences[following].span
    text = doc.masked[sentence.start : sentence.end].lstrip(' \t"„“”«»')
    lexicon = doc.source_lexicon if isinstance(doc.source_lexicon, SourceLexicon) else SourceLexicon()
    first_word = text.split(maxsplit=1)[0].lower().strip(".,") if text.split() else ""
    if first_word in lexicon.anaphors or facts[following].reported:
        return facts[following].source
    return None


def _carried_quote(doc: Document, span: Span) -> ClaimRecord | None:
    """A quotation opening a paragraph after a paragraph whose quotation ran on (British style: an opening
    mark on every paragraph, the closing mark on the last) is the same claim, with the same source."""
    index = sentence_index(doc, span.start)
    if index is None:
        return None
    paragraph = doc.sentences[index].paragraph
    block = doc.blocks[paragraph]
    if doc.masked[block.span.start : span.start].strip():
        return None
    model = source_model(doc)
    for quote in reversed(doc.quotes):
        if quote.paragraph < paragraph:
            if quote.paragraph == paragraph - 1 and quote.runs_on:
                record = model.claims.get(("quote", quote.span.start))
                return record if record is not None and record.route is not None else None
            return None
    return None


def _introduced_by_paragraph(doc: Document, facts: list[SentenceFacts], first: int) -> Source | None:
    """A quotation opening a paragraph after a paragraph that ends in an introducing colon with a cue
    ("… issued the following statement:")."""
    sentence = doc.sentences[first]
    block = doc.blocks[sentence.paragraph]
    if first == 0 or doc.masked[block.span.start : sentence.span.start].strip():
        return None
    before = doc.sentences[first - 1]
    if not _adjacent(doc, before.paragraph, sentence.paragraph):
        return None
    if not doc.masked[before.span.start : before.span.end].rstrip().endswith(":"):
        return None
    return facts[first - 1].source if facts[first - 1].cue else None


def _sustains(doc: Document, sustained: Matcher | None, span: Span) -> bool:
    return sustained is not None and sustained.search_within(doc.masked, span.start, span.end) is not None


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


def _sustained(
    doc: Document, facts: list[SentenceFacts], sustained: Matcher, span: Span | None, first: int
) -> Source | None:
    """Reported speech that sustains itself (Konjunktiv I) is sourced by sourced reported speech anywhere
    earlier in its paragraph, not only in the sentence just before: indirect speech runs on across
    indicative sentences in real copy; and by such speech ending the paragraph before (the report runs
    on over a paragraph break). ``span`` is the claim; for a quotation (None) its sentence, outside
    quotation marks, must be such reported speech ("Das sei „natürlich von Interesse“"). Returns the
    source carried."""
    if span is not None:
        if sustained.search_within(doc.masked, span.start, span.end) is None:
            return None
    else:
        sentence = doc.sentences[first].span
        if sustained.search_within(_outside_quotes(doc), sentence.start, sentence.end) is None:
            return None
    paragraph = doc.sentences[first].paragraph
    index = first - 1
    while index >= 0 and doc.sentences[index].paragraph == paragraph:
        if facts[index].sourced and facts[index].reported:
            return facts[index].source
        index -= 1
    previous = index >= 0 and _adjacent(doc, doc.sentences[index].paragraph, paragraph)
    if previous and facts[index].sourced and facts[index].reported:
        return facts[index].source
    return None


def _introduced(doc: Document, introducer: Matcher, span: Span) -> Source | None:
    """A speaker named just before the quotation in its paragraph ("Sabine Muster, Präsidentin: „…“")."""
    block = doc.blocks[sentence_paragraph(doc, span.start)] if doc.sentences else None
    start = max(block.span.start if block else 0, span.start - INTRODUCER_REACH)
    match = introducer.search_within(doc.masked, start, span.start)
    if match is None:
        return None
    name = " ".join(doc.masked[match.start() : match.end()].strip(" \t:").split(",")[0].split())
    return Source(name, "person", match.start(), match.end())


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
    doc: Document,
    cue: Matcher,
    trigger: Matcher | None,
    carriers: list[Matcher],
    sources: dict[int, Source],
) -> list[SentenceFacts]:
    cues, cue_starts = _body_matches(doc, cue)
    triggers, trigger_starts = _body_matches(doc, trigger) if trigger is not None else ([], [])
    carried = [_body_matches(doc, m) for m in carriers]
    speech_starts = sorted(q.span.start for q in doc.quotes if q.speech)
    facts = []
    for sentence in doc.sentences:
        span = sentence.span
        has_quote = bisect.bisect_left(speech_starts, span.start) < bisect.bisect_left(speech_starts, span.end)
        reported = (
            has_quote
            or bool(_within(triggers, trigger_starts, span))
            or any(_within(found, starts, span) for found, starts in carried)
        )
        inside = _within(cues, cue_starts, span)
        facts.append(SentenceFacts(cue=bool(inside), reported=reported, source=_pick(inside, sources)))
    _chain(doc, facts)
    return facts


def _pick(cues: list[MatchLike], sources: dict[int, Source]) -> Source | None:
    """The source a sentence names: the first cue with a source phrase of its own, else the first cue."""
    found = [sources[m.start()] for m in cues if m.start() in sources]
    named = [s for s in found if s.kind != "impersonal" or s.name]
    return named[0] if named else (found[0] if found else None)


def _chain(doc: Document, facts: list[SentenceFacts]) -> None:
    """Propagate sourcing along sentences of a paragraph, and into the next paragraph's start."""
    for i in range(1, len(doc.sentences)):
        before, sentence = facts[i - 1], doc.sentences[i]
        if doc.sentences[i - 1].paragraph == sentence.paragraph:
            facts[i].chained = before.cue or (before.chained and before.reported)
            facts[i].across = not before.cue and before.across
        elif _adjacent(doc, doc.sentences[i - 1].paragraph, sentence.paragraph):
            # The paragraph continues reported speech (or a quotation) sourced at the end of the last one.
            facts[i].chained = before.sourced and before.reported
            facts[i].across = facts[i].chained
        if facts[i].chained and facts[i].source is None:
            facts[i].source = before.source


def _adjacent(doc: Document, earlier: int, later: int) -> bool:
    """Two story paragraphs with nothing (no heading, caption or credit) between them."""
    if later != earlier + 1:
        return False
    return doc.blocks[earlier].kind in STORY_KINDS and doc.blocks[later].kind in STORY_KINDS
