"""The source model (DESIGN.md, Attribution): for a cue, the phrase it attributes to and that source's kind.

Mechanism only: every word that decides a kind (role nouns, body words, anonymity markers, words that
end or continue a source phrase) comes from the language profile's ``sources`` section.

Kinds: ``person`` and ``organisation`` (named), ``vague`` (a role with no named body or person:
"officials said", "den Angaben zufolge"), ``anonymous`` (partial or undisclosed: "a senior official",
"one of the sources", "three sources") and ``impersonal`` ("hieß es", "it was said").
"""

from __future__ import annotations

from dataclasses import dataclass, field

import regex

from lint.pack.source_words import SourceLexicon

KINDS = ("person", "organisation", "vague", "anonymous", "impersonal")
SOURCE_MODEL = "source-model"  # the key of the document's derived SourceModel
ROUTES = ("same sentence", "introducer", "closer", "following sentence", "chain", "paragraph continuation")
PHRASE_WORDS = (
    10  # a source phrase is at most this many words on one side of its cue ("An official in the office of …")
)
REACH = 240  # characters searched on each side of a cue (a sentence may be a megabyte long)
_WORD = regex.compile(r"[\p{L}\p{N}][\p{L}\p{M}\p{N}'’.\-]*")
_BOUNDARY = regex.compile(r"[,;:()\[\]–—!?\"„“”«»]|\s{3,}")  # three blanks: a blanked quotation


@dataclass(frozen=True, slots=True)
class Source:
    """Who a claim is attributed to: the phrase as written (offsets into the text) and its kind."""

    name: str
    kind: str
    start: int
    end: int


@dataclass(slots=True)
class ClaimRecord:
    """One claim (quotation, hearsay, Konjunktiv I span), the source that carries it and by which route."""

    start: int
    end: int
    kind: str  # quote | claim
    source: Source | None = None
    route: str | None = None


@dataclass
class SourceModel:
    """Per document: the source of every cue (by cue start) and the claims the attribution rules read."""

    by_cue: dict[int, Source] = field(default_factory=dict)
    claims: dict[tuple[str, int], ClaimRecord] = field(default_factory=dict)


def _tokens(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group(0)) for m in _WORD.finditer(text, start, end)]


def _clause(text: str, start: int, end: int, at: int, forward: bool) -> tuple[int, int]:
    """The stretch of ``text[start:end]`` on one side of ``at`` up to the nearest clause boundary."""
    if forward:
        end = min(end, at + REACH)
        match = _BOUNDARY.search(text, at, end)
        return at, match.start() if match else end
    start = max(start, at - REACH)
    last = start
    for match in _BOUNDARY.finditer(text, start, at):
        last = match.end()
    return last, at


def _is_name(word: str) -> bool:
    return word[:1].isupper()


_ENDINGS: dict[frozenset[str], tuple[str, ...]] = {}


def _head(word: str, lexicon: SourceLexicon, nouns: frozenset[str], endings: frozenset[str]) -> bool:
    if not lexicon.lowercase_nouns and not _is_name(word):
        return False  # where nouns are capitalised, "berichten" is a verb, "Berichten" the noun
    low = word.lower().rstrip(".")
    if low in nouns:
        return True
    tail = low.rsplit("-", 1)[-1]
    if tail in nouns:
        return True
    if not endings:
        return False
    suffixes = _ENDINGS.get(endings)
    if suffixes is None:
        suffixes = _ENDINGS[endings] = tuple(endings)
    return low.endswith(suffixes) and low not in endings  # a compound head, not the bare word


def _in_phrase(word: str, lexicon: SourceLexicon) -> bool:
    low = word.lower()
    if low in lexicon.stop_words or low in lexicon.anaphors:
        return False
    return (
        _is_name(word)
        or low in lexicon.phrase_words
        or low in lexicon.link_words
        or low in lexicon.partial_markers
        or low in lexicon.pronouns
        or low in lexicon.possessives
        or _head(word, lexicon, lexicon.phrase_nouns, lexicon.role_endings)
        or (bool(lexicon.modifier_endings) and low.endswith(lexicon.modifier_endings))
    )


def phrase(
    text: str, sentence: tuple[int, int], cue: tuple[int, int], lexicon: SourceLexicon
) -> list[tuple[int, int, str]]:
    """The words of the source phrase a cue attributes to: before it (``Die Polizei teilte mit``,
    ``Experten zufolge``, ``officials said``) or after it (``sagte der Sprecher``, ``laut US-Medien``,
    ``according to the sources``, ``said one of the sources``)."""
    cue_words = _tokens(text, *cue)
    for index, word in enumerate(cue_words):
        if word[2].lower() in lexicon.forward_words:  # "laut US-Medien", "nach Angaben der Polizei", "citing"
            inside = [w for w in cue_words[index + 1 :] if _in_phrase(w[2], lexicon)]
            return inside + _forward(text, cue[1], sentence[1], lexicon)
    last = cue_words[-1][2].lower() if cue_words else ""
    before = _backward(text, sentence[0], cue[0], lexicon)
    if last in lexicon.backward_words:  # "Experten zufolge", "den Angaben zufolge"
        inside = [w for w in cue_words[:-1] if _in_phrase(w[2], lexicon)]
        return before + inside
    roles = lexicon.roles
    held = [i for i, w in enumerate(cue_words) if _head(w[2], lexicon, roles, lexicon.role_endings)]
    if held and (held[0] == 0 or not before):
        # the cue holds its source ("Experten befürchten", "sources said", "teilten Ermittler mit"); in a
        # split verb after a subject before it, a role inside is the object ("China wirft Diplomaten vor")
        return before + [w for w in cue_words if _in_phrase(w[2], lexicon)]
    return before or _forward(text, cue[1], sentence[1], lexicon) or _held(cue_words, lexicon)


def _held(cue_words: list[tuple[int, int, str]], lexicon: SourceLexicon) -> list[tuple[int, int, str]]:
    """The subject inside a split verb ("teilte die Polizei mit", "ließ die Kanzlerin … ausrichten")."""
    taken: list[tuple[int, int, str]] = []
    for word in cue_words[1:]:
        if _in_phrase(word[2], lexicon):
            taken.append(word)
        elif taken:
            break
    while taken and taken[-1][2].lower() in lexicon.link_words | lexicon.phrase_words:
        taken.pop()
    return taken


def _backward(text: str, start: int, at: int, lexicon: SourceLexicon) -> list[tuple[int, int, str]]:
    low, high = _clause(text, start, at, at, forward=False)
    words = _tokens(text, low, high)
    while words and words[-1][2].lower() in lexicon.auxiliaries:
        words.pop()
    taken: list[tuple[int, int, str]] = []
    for word in reversed(words[-PHRASE_WORDS:]):
        open_word = lexicon.lowercase_nouns and word[2].lower() not in lexicon.stop_words
        if not (open_word or _in_phrase(word[2], lexicon)):
            break
        taken.insert(0, word)
    if taken and taken[0][2].lower() in lexicon.link_words:
        taken.pop(0)
    return taken


def _forward(text: str, at: int, end: int, lexicon: SourceLexicon) -> list[tuple[int, int, str]]:
    low, high = _clause(text, at, end, at, forward=True)
    taken: list[tuple[int, int, str]] = []
    for word in _tokens(text, low, high)[:PHRASE_WORDS]:
        if not _in_phrase(word[2], lexicon):
            break
        lower = word[2].lower()
        if taken and _is_name(taken[-1][2]) and lower in lexicon.phrase_words and lower not in lexicon.link_words:
            break  # a determiner after a noun opens the next phrase ("laut der Studie die Zahl …")
        if lower in lexicon.addressee_determiners and _bare_name(taken, lexicon):
            break  # the outlet the person spoke to ("sagte Kim der Nachrichtenagentur Interfax"): not the source
        taken.append(word)
    while taken and (taken[-1][2].lower() in lexicon.link_words or taken[-1][2].lower() in lexicon.phrase_words):
        taken.pop()
    return taken


def _bare_name(taken: list[tuple[int, int, str]], lexicon: SourceLexicon) -> bool:
    """A person's name without article, role or body ("Kim", "Anna Berger"), not "Ermittler der Polizei";
    a name particle last is the middle of a name ("Van der Bellen")."""
    return (
        bool(taken)
        and taken[-1][2].lower() not in lexicon.name_particles
        and all(
            _is_name(w[2])
            and w[2].lower() not in lexicon.phrase_words
            and not _head(w[2], lexicon, lexicon.phrase_nouns, lexicon.role_endings)
            and not _head(w[2], lexicon, lexicon.body_words, lexicon.body_endings)
            for w in taken
        )
    )


def judge(words: list[tuple[int, int, str]], lexicon: SourceLexicon) -> str:
    """The kind of a source phrase, by what it says: a role with no named body or person is vague, a
    partial identification anonymous; everything else is named (a body word: an organisation)."""
    lows = [w[2].lower() for w in words]
    joined = " ".join(lows)
    if any(w in lexicon.possessives for w in lows):  # "seinen Angaben zufolge", "eigenen Angaben zufolge"
        return "person"
    roles = [i for i, w in enumerate(words) if _head(w[2], lexicon, lexicon.roles, lexicon.role_endings)]
    if roles:
        head = roles[0]
        if lows[0] in lexicon.anaphoric_determiners and lows[head].rstrip(".") in lexicon.singular_roles:
            return "person"  # the source introduced earlier ("a senior official … the official said"), judged there
        partial = (lows[0] in lexicon.partial_markers and head <= 4) or any(
            joined.startswith(p + " ") or f" {p} " in f" {joined} " for p in lexicon.partial_phrases
        )
        if partial or _head(words[head][2], lexicon, lexicon.anonymous_nouns, frozenset()):
            return "anonymous"
        if not _named_after(words, head, lexicon):
            return "vague"
    if any(_head(w[2], lexicon, lexicon.body_words, lexicon.body_endings) for w in words):
        return "organisation"
    return "person"


def _named_after(words: list[tuple[int, int, str]], head: int, lexicon: SourceLexicon) -> bool:
    """A complement or apposition after the role that names a body or person ("officials of the Home
    Office", "nach Angaben der Polizei", "Experte Hans Muster")."""
    roles = lexicon.roles
    for word in words[head + 1 :]:
        low = word[2].lower()
        if _head(word[2], lexicon, lexicon.body_words, lexicon.body_endings):
            return True
        if _is_name(word[2]) and not _head(word[2], lexicon, roles, lexicon.role_endings):
            return True
        if low in lexicon.stop_words:
            return False
    return False


def _document_before(text: str, start: int, at: int, lexicon: SourceLexicon) -> str | None:
    """The document an impersonal formula quotes ("In einem Brief an …, hieß es"), named earlier in its
    sentence."""
    words = _tokens(text, max(start, at - REACH), at)
    for index, word in enumerate(words):
        if _head(word[2], lexicon, lexicon.document_words, lexicon.document_words):
            return " ".join(w[2] for w in words[max(0, index - 2) : index + 4])
    return None


def refers_back(source: Source, text: str, lexicon: SourceLexicon) -> bool:
    """A vague source that is only a report noun with a definite article ("den Angaben zufolge") refers
    to the source named just before; callers decide whether one was."""
    words = [w[2].lower() for w in _tokens(text, source.start, source.end)]
    return any(w in lexicon.anaphoric_nouns for w in words) and not any(w in lexicon.partial_markers for w in words)


def names_body(text: str, start: int, end: int, lexicon: SourceLexicon) -> bool:
    """A body word in ``text[start:end]`` ("Die Polizei stellte … sicher, … den Angaben zufolge")."""
    start = max(start, end - 2 * REACH)
    return any(_head(w[2], lexicon, lexicon.body_words, lexicon.body_endings) for w in _tokens(text, start, end))


def _snap(text: str, start: int, end: int) -> tuple[int, int]:
    """A cue cut inside a word ("laut U" of "laut US-Medien") is widened to whole words."""
    while end < len(text) and (text[end].isalnum() or text[end] in "-'’") and end > 0 and text[end - 1].isalnum():
        end += 1
    return start, end


def source_of(
    text: str, sentence: tuple[int, int], cue: tuple[int, int], impersonal: bool, lexicon: SourceLexicon
) -> Source:
    """The source a cue attributes to; ``impersonal``: the cue is an impersonal formula ("hieß es")."""
    cue = _snap(text, *cue)
    cue_words = _tokens(text, *cue)
    roles = lexicon.roles
    if cue_words and all(_is_name(w[2]) and _head(w[2], lexicon, roles, lexicon.role_endings) for w in cue_words):
        # a noun read as a speech verb ("nach Berichten über …"): no source phrase of its own
        return Source(" ".join(text[cue[0] : cue[1]].split()), "person", cue[0], cue[1])
    if impersonal:
        document = _document_before(text, sentence[0], cue[0], lexicon)
        if document is not None:
            return Source(document, "organisation", cue[0], cue[1])
        if not any(w[2].lower() in lexicon.forward_words for w in cue_words):  # "hieß es in einer Mitteilung …"
            return Source(" ".join(text[cue[0] : cue[1]].split()), "impersonal", cue[0], cue[1])
    words = phrase(text, sentence, cue, lexicon)
    if not words:
        kind = "impersonal" if impersonal else "person"
        return Source(" ".join(text[cue[0] : cue[1]].split()), kind, cue[0], cue[1])
    start, end = words[0][0], words[-1][1]
    kind = judge(words, lexicon)
    name = " ".join(text[start:end].split()).rstrip(".")
    start, end = min(start, cue[0]), max(end, cue[1])
    if impersonal and kind in ("person", "organisation") and all(w[2].lower() in lexicon.pronouns for w in words):
        kind = "impersonal"
    return Source(name, kind, start, end)
