"""Credits: agency credit lines, image credits and bylines, found with the pack's vocabularies."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import regex

from lint.document.html_words import HtmlWords, alternation
from lint.document.model import CreditLine, Span
from lint.pack import packcache
from lint.pack.lazyre import lazy
from lint.pack.linelocal import stays_on_one_line
from lint.pack.literals import Requirement, required_literals
from lint.pack.requirements import from_data, to_data
from lint.pack.scanner import VERIFY, Need, Scanner
from lint.pack.textindex import TokenIndex
from lint.pack.vocab import Vocabulary

_WORDS = lazy(r"\w+")
SMALL_KITS = 3
_LAST_WORDS = lazy(r"(?:(?<![\w/-])([\w/-]+)[ \t]+)?(?<![\w/-])([\w/-]+)[ \t]*$")
_SENTENCE_ENDS = frozenset('.!?…)]“”"»«')
_SEPARATORS = frozenset(";|•·")  # "dav; Foto: …", "Caption | Photo: …": a label after an author tag or a bar
# A person's name: capitalised words, with a particle between two of them (vocabularies/name_particles.yaml).
NAME = r"\p{Lu}[\p{L}\p{M}'’.-]*(?:[ \t]+(?:(?:\L<name_particles>)[ \t]+)?\p{Lu}[\p{L}\p{M}'’.-]*){0,3}"


def _empty() -> regex.Pattern[str]:
    return regex.compile(r"(?!)")


class Shape:
    """One credit shape: compiled on first use, and tried only on texts that hold its required literals."""

    __slots__ = ("_compiled", "line_local", "named", "requirement", "source")

    def __init__(self, source: str, named: dict[str, Any], requirement: Need | None, line_local: bool = False) -> None:
        self.source = source
        self.named = named
        self.requirement = requirement
        self.line_local = line_local  # matches stay inside one line: search only the lines with the literals
        self._compiled: regex.Pattern[str] | None = None

    @property
    def compiled(self) -> regex.Pattern[str]:
        if self._compiled is None:
            self._compiled = regex.compile(
                self.source, regex.MULTILINE | regex.VERSION0, ignore_unused=True, **self.named
            )
        return self._compiled


def _nonempty(matches: Iterable[regex.Match[str]]) -> list[regex.Match[str]]:
    return [m for m in matches if m.end() > m.start()]


class Shapes:
    """Credit shapes, each its own regex: one alternation of them all measured five times slower."""

    def __init__(self, shapes: list[Shape], scanner: Scanner | None = None) -> None:
        self.shapes = shapes
        self.scanner = scanner

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None) -> list[regex.Match[str]]:
        endpos = len(text) if endpos is None else endpos
        presence = self.scanner.presence(text) if self.scanner is not None else None
        found: list[regex.Match[str]] = []
        for shape in self.shapes:
            need = shape.requirement
            if need is None or presence is None:
                found += _nonempty(shape.compiled.finditer(text, pos, endpos))
            elif not presence.meets(need):
                if VERIFY and shape.compiled.search(text) is not None:
                    raise AssertionError(f"scanner skipped credit shape {shape.source!r}")
            elif shape.line_local:
                here = [
                    m
                    for start, end in presence.lines_meeting(need)
                    if end >= pos and start <= endpos
                    for m in _nonempty(shape.compiled.finditer(text, max(start, pos), min(end, endpos)))
                ]
                if VERIFY:
                    everywhere = _nonempty(shape.compiled.finditer(text, pos, endpos))
                    if [m.span() for m in here] != [m.span() for m in everywhere]:
                        raise AssertionError(f"line-by-line search differs for {shape.source!r}")
                found += here
            else:
                found += _nonempty(shape.compiled.finditer(text, pos, endpos))
        found.sort(key=lambda m: (m.start(), -m.end()))
        kept: list[regex.Match[str]] = []
        for match in found:
            if not kept or match.start() >= kept[-1].end():
                kept.append(match)
        return kept

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> regex.Match[str] | None:
        found = self.finditer(text, pos, endpos)
        return found[0] if found else None

    def compile_all(self) -> None:
        for shape in self.shapes:
            shape.compiled  # noqa: B018 - compiled now, before worker processes fork


@dataclass(frozen=True)
class CreditKit:
    """The credit shapes compiled for the agencies one text can contain."""

    tail_shapes: Shapes
    dateline_shapes: Shapes
    agency_token: regex.Pattern[str]
    head_shapes: Shapes = field(default_factory=lambda: Shapes([]))  # byline and source lines under a title
    image_shapes: Shapes = field(default_factory=lambda: Shapes([]))  # image credits without a "Label:" opening


@dataclass
class CreditReader:
    """Credit shapes and markers from the vocabularies; built once per run, compiled as texts need them.

    Compiling the shapes with the full agency list (a named list in about a dozen patterns) took most
    of a one-file run's start-up. A text can only match agencies whose words it contains, so each text
    gets the shapes compiled with just those (``kit``), cached by that set: the results are the same.
    """

    agencies: Vocabulary | None
    shape_sources: dict[str, list[str]]
    markers: frozenset[str] = frozenset()  # image credit labels, lower-cased ("foto", "photo credit")
    named: dict[str, Any] = field(default_factory=dict)  # every list, for the patterns built on first use
    _agency_words: list[tuple[str, tuple[str, ...]]] = field(default_factory=list)
    _kits: dict[tuple[str, ...], CreditKit] = field(default_factory=dict)
    _full: CreditKit | None = None
    vocabularies: dict[str, Vocabulary] = field(default_factory=dict)
    scanner: Scanner = field(default_factory=Scanner)
    _requirements: dict[str, tuple[Requirement | None, bool]] = field(default_factory=dict)
    _known: dict[str, tuple[Requirement | None, bool | None]] = field(default_factory=dict)  # from a cache

    @classmethod
    def build(cls, vocabularies: dict[str, Vocabulary]) -> CreditReader:
        agencies = vocabularies.get("agencies")
        named = {
            "agencies": sorted(agencies.terms_for(None), key=len, reverse=True) if agencies else ["\uffff"],
            "editor_initials": _terms(vocabularies.get("editor_initials")),
            "image_credit_markers": _terms(vocabularies.get("image_credit_markers")),
            "image_credit_holders_accepted": _terms(vocabularies.get("image_credit_holders_accepted")),
            # Words of the caption credit (HTML) and of names in bylines.
            **{
                name: _terms(vocabularies.get(name))
                for name in (
                    "image_credit_nouns",
                    "image_credit_bracket_words",
                    "credit_by_words",
                    "source_labels",
                    "name_particles",
                )
            },
        }
        photo = vocabularies.get("photo_agencies")
        named["photo_agencies"] = sorted(photo.terms_for(None), key=len, reverse=True) if photo else ["\uffff"]
        sources = {
            name: (vocabularies[name].patterns_for(None) if name in vocabularies and agencies else [])
            for name in ("credit_lines", "credit_datelines", "credit_bylines", "image_credit_shapes")
        }
        markers = frozenset(" ".join(m.lower().split()) for m in _terms(vocabularies.get("image_credit_markers")))
        words = [(term, tuple(_WORDS.findall(term))) for term in named["agencies"] if term != "\uffff"]
        return cls(agencies, sources, markers, named, words, vocabularies=vocabularies)

    def with_cached_requirements(self, pack_key: str) -> CreditReader:
        """Take the shapes' literal requirements from the pack cache (``pack_key``: the validated pack's content
        key), or extract them once and store them there; a malformed entry is rebuilt, never trusted."""
        if pack_key and not packcache.load_part(pack_key, "credit-shapes", self.load_requirements):
            packcache.write_part(pack_key, "credit-shapes", self.requirements_data())
        return self

    def kit(self, text: str) -> CreditKit:
        """The shapes for one text (any view of it: blanking only removes words).

        A run over many files meets many agency sets; after a few, one kit with the full list (compiled
        once, the cost a one-file run avoids) serves every text.
        """
        if self._full is not None:
            return self._full
        present = TokenIndex.of(text).exact
        key = tuple(term for term, words in self._agency_words if words and all(w in present for w in words))
        found = self._kits.get(key)
        if found is None:
            if len(self._kits) >= SMALL_KITS:
                self._full = self._compile(tuple(term for term, _ in self._agency_words))
                return self._full
            found = self._kits[key] = self._compile(key)
        return found

    def prepare_for_many(self) -> None:
        """Compile the full kit now (before worker processes fork, so they share it)."""
        if self._full is None:
            self._full = self._compile(tuple(term for term, _ in self._agency_words))
        kit = self._full
        for shapes in (kit.tail_shapes, kit.dateline_shapes, kit.head_shapes, kit.image_shapes):
            shapes.compile_all()

    def _compile(self, agencies: tuple[str, ...]) -> CreditKit:
        named = {**self.named, "agencies": list(agencies) or ["\uffff"]}

        def shapes(name: str) -> Shapes:
            return Shapes([self._shape(p, named) for p in self.shape_sources[name]], self.scanner)

        token = regex.compile(r"(?<![\w-])(?:\L<agencies>)(?!\w|-\w)", ignore_unused=True, **named)
        return CreditKit(
            shapes("credit_lines"),
            shapes("credit_datelines"),
            token,
            shapes("credit_bylines"),
            shapes("image_credit_shapes"),
        )

    def _shape(self, source: str, named: dict[str, Any]) -> Shape:
        """A shape with the literals it needs, read with every agency: a kit's shorter list needs a subset."""
        if source not in self._requirements:
            full = {**self.named, "agencies": [t for t, _ in self._agency_words] or ["\uffff"]}
            known = self._known.pop(source, None) or (required_literals(source, full), None)
            line_local = known[1] if known[1] is not None else stays_on_one_line(source, full)
            self._requirements[source] = (known[0], line_local)
        requirement, line_local = self._requirements[source]
        return Shape(source, named, self.scanner.register(requirement), requirement is not None and line_local)

    def requirements_data(self) -> list[list[Any]]:
        """Every shape's required literals and whether it stays on one line, as plain JSON data for the pack
        cache (``load_requirements`` takes it back): no extraction at run time."""
        for sources in self.shape_sources.values():
            for source in sources:
                self._shape(source, {})
        return [[source, to_data(req), local] for source, (req, local) in self._requirements.items()]

    def load_requirements(self, data: Any) -> None:
        """Take ``requirements_data`` back (a cache verified against the pack's hash); ValueError if malformed."""
        if not isinstance(data, list) or not all(
            isinstance(row, list) and len(row) == 3 and isinstance(row[0], str) and isinstance(row[2], bool)
            for row in data
        ):
            raise ValueError("shape requirements are [source, requirement, line_local] rows")
        self._known.update({row[0]: (from_data(row[1]), row[2]) for row in data})

    @cached_property
    def copyright_marks(self) -> regex.Pattern[str]:
        """What opens a holder without naming it ("©", "Credit:"): vocabularies/copyright_marks.yaml."""
        marks = self.vocabularies.get("copyright_marks")
        found = marks.patterns_for(None) if marks else []
        return regex.compile(rf"^(?:{'|'.join(found) or '(?!)'})\s*", regex.IGNORECASE)

    def holder(self, raw: str) -> str | None:
        """The credit holder as written (see `holder_of`)."""
        return holder_of(raw, self.copyright_marks)

    @cached_property
    def agency_token(self) -> regex.Pattern[str]:
        """Any agency token (bylines, HTML authors: "an agency is never a byline")."""
        return regex.compile(r"(?<![\w-])(?:\L<agencies>)(?!\w|-\w)", ignore_unused=True, **self.named)

    @cached_property
    def html(self) -> HtmlWords:
        """The HTML reader's class, attribute and label words (rules/vocabularies/html_*.yaml)."""
        return HtmlWords(self.vocabularies)

    @cached_property
    def person_name(self) -> regex.Pattern[str]:
        """A person's name as bylines write it ("Anna Schmidt", "Ursula von der Leyen")."""
        return regex.compile(NAME, name_particles=self.named["name_particles"])

    @cached_property
    def caption_credit(self) -> regex.Pattern[str]:
        """For markup readers (HTML): a credit inside a caption or alt text, a marker ("Foto:", "Photo by",
        "©") anywhere, not only at a line start. Built on first use: plain text never needs it."""
        return regex.compile(
            r"(?:(?<!\w)(?i:(?:\L<image_credit_nouns>)s?[ \t]+(?:\L<credit_by_words>)|(?:"
            + alternation(self.vocabularies.get("image_source_labels"))
            + r")[ \t]*,)"
            r"[ \t]*"
            r"|(?<!\w)(?i:\L<image_credit_markers>|\L<source_labels>)[ \t]*:[ \t]*|(?=©|\([cC]\)\s))(?P<holder>[^\n]*[^\s)])"
            r"|\((?P<paren>[^()\n]{0,60}?(?:\L<photo_agencies>|(?i:\L<image_credit_bracket_words>)\b)[^()\n]{0,60})\)",
            ignore_unused=True,
            **self.named,
        )

    @cached_property
    def not_photo(self) -> regex.Pattern[str] | None:
        """Page furniture by its address, class, id or alt words (vocabularies/non_article_images.yaml)."""
        vocabulary = self.vocabularies.get("non_article_images")
        if vocabulary is None:
            return None
        words = sorted(vocabulary.terms_for(None), key=len, reverse=True)
        parts = [r"(?<![\p{L}\p{N}])(?:\L<words>)(?![\p{L}\p{N}])"] if words else []
        parts += vocabulary.patterns_for(None)
        return regex.compile("|".join(parts), regex.IGNORECASE, words=words or ["\uffff"]) if parts else None

    @cached_property
    def caption_shapes(self) -> Shapes:
        """The image credit shapes with every agency, for captions and alt texts of markup (built on first use)."""
        full = {**self.named, "agencies": [t for t, _ in self._agency_words] or ["\uffff"]}
        sources = self.shape_sources.get("image_credit_shapes", [])
        return Shapes([self._shape(p, full) for p in sources], self.scanner)

    @cached_property
    def photo_token(self) -> regex.Pattern[str]:
        """A photo service or agency token: a credit without a marker (HTML captions)."""
        return regex.compile(r"(?<![\w-])(?:\L<photo_agencies>|\L<agencies>)(?!\w)", ignore_unused=True, **self.named)

    def image_lines(self, text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, int]]:
        """(label start, holder start, line end) of every image credit: a label and a colon at the start of
        a line, or after the last sentence of a caption ("… in Berlin. Foto: Name/dpa").

        Driven by the colons in the text, which are few, instead of a pattern tried at every position.
        """
        found = []
        end = len(text) if end is None else end
        pos = text.find(":", start, end)
        while pos != -1:
            line_start = text.rfind("\n", 0, pos) + 1
            words = _LAST_WORDS.search(text, max(line_start, pos - 60), pos)  # labels are short: look back a little
            if words:
                for label_start in (words.start(1), words.start(2)):
                    if label_start < 0:
                        continue
                    label = " ".join(text[label_start : words.end()].lower().split())
                    if label in self.markers and _label_position(text, line_start, label_start):
                        holder = pos + 1
                        line_end = text.find("\n", pos)
                        found.append((label_start, holder, len(text) if line_end < 0 else line_end))
                        break
            pos = text.find(":", pos + 1, end)
        return found

    def credit_line(self, text: str, match: regex.Match[str], kit: CreditKit) -> CreditLine:
        """A found credit shape with the agencies it names, canonical and in order of appearance."""
        names: list[str] = []
        for group, value in match.groupdict().items():
            if group.startswith("implies_") and value is not None:
                names.append(group.split("_")[1])
        for token in kit.agency_token.finditer(text, match.start(), match.end()):
            names.append(self.agencies.canonical_name(token.group(0)) if self.agencies else token.group(0).lower())
        span = Span(match.start(), match.end())
        # As a reader sees it: markup was blanked in ``text`` (HTML), so white space is folded.
        return CreditLine(span, " ".join(text[span.start : span.end].split()), tuple(dict.fromkeys(names)))


def _label_position(text: str, line_start: int, label_start: int) -> bool:
    """A label opens its line (after any white space: indentation, blanked markup), or follows the end of a
    sentence (a caption that ends in its credit)."""
    before = label_start
    while before > line_start and text[before - 1] in " \t":
        before -= 1
    return before == line_start or text[before - 1] in _SENTENCE_ENDS or text[before - 1] in _SEPARATORS


def _terms(vocabulary: Vocabulary | None) -> list[str]:
    terms = vocabulary.terms_for(None) if vocabulary else []
    return sorted(terms, key=len, reverse=True) or ["\uffff"]


_INVISIBLE = str.maketrans(
    {"\u200b": None, "\u200c": None, "\u200d": None, "\u2060": None, "\ufeff": None, "\xa0": " "}
)


def holder_of(raw: str, marks: regex.Pattern[str]) -> str | None:
    """The credit holder as written: the label, copyright marks (vocabularies/copyright_marks.yaml) and trailing punctuation stripped; zero-width characters
    (invisible to a reader) dropped and no-break spaces read as spaces."""
    holder = raw.translate(_INVISIBLE).strip()
    while True:
        stripped = marks.sub("", holder).strip()
        if stripped == holder:
            break
        holder = stripped
    holder = holder.strip(" \t,;")
    return holder or None
