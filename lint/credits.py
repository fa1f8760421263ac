"""Credits: agency credit lines, image credits and bylines, found with the pack's vocabularies."""

from __future__ import annotations

from dataclasses import dataclass, field

import regex

from lint.model import CreditLine, Span
from lint.profiles import LanguageProfile
from lint.vocab import Vocabulary

_COPYRIGHT = regex.compile(r"^(?:©|\(c\)|Copyright\b|Credit\s*:)\s*", regex.IGNORECASE)
_NAME = r"\p{Lu}[\p{L}\p{M}'’.-]*(?:[ \t]+(?:(?:von|van|de|der|den|del|da|di|du|le|la|bin|al|zu)[ \t]+)?\p{Lu}[\p{L}\p{M}'’.-]*){0,3}"


def _empty() -> regex.Pattern[str]:
    return regex.compile(r"(?!)")


@dataclass
class CreditReader:
    """Compiled credit shapes; built once per run from the vocabularies."""

    tail_shapes: regex.Pattern[str]
    dateline_shapes: regex.Pattern[str]
    agency_token: regex.Pattern[str]
    image_line: regex.Pattern[str]
    agencies: Vocabulary | None
    # Markup readers (HTML) find credits inside captions and alt texts: a marker ("Foto:", "Photo by",
    # "©") anywhere, not only at a line start; and photo-service tokens for credits without a marker.
    caption_credit: regex.Pattern[str] = field(default_factory=_empty)
    photo_token: regex.Pattern[str] = field(default_factory=_empty)

    @classmethod
    def build(cls, vocabularies: dict[str, Vocabulary]) -> CreditReader:
        agencies = vocabularies.get("agencies")
        named = {
            "agencies": sorted(agencies.terms_for(None), key=len, reverse=True) if agencies else ["\uffff"],
            "editor_initials": _terms(vocabularies.get("editor_initials")),
            "image_credit_markers": _terms(vocabularies.get("image_credit_markers")),
        }

        def compile_shapes(name: str) -> regex.Pattern[str]:
            vocabulary = vocabularies.get(name)
            patterns = vocabulary.patterns_for(None) if vocabulary else []
            if not patterns or not agencies:
                return _empty()
            # Each alternative gets its own implies_ groups renamed apart, so names stay unique.
            parts = [regex.sub(r"\(\?P<implies_(\w+)>\)", rf"(?P<implies_\g<1>_{i}>)", p) for i, p in enumerate(patterns)]
            return regex.compile("|".join(f"(?:{p})" for p in parts), regex.MULTILINE | regex.VERSION0, ignore_unused=True, **named)

        token = regex.compile(r"(?<![\w-])(?:\L<agencies>)(?!\w|-\w)", ignore_unused=True, **named) if agencies else _empty()
        image_line = regex.compile(
            r"(?:^|(?<=[.!?)\]“”\"]\s{1,3}))[ \t]*(?:(?i:\L<image_credit_markers>)[ \t]*:|(?=©|\([cC]\)\s))[ \t]*(?P<holder>[^\n]*)",
            regex.MULTILINE, ignore_unused=True, **named,
        )
        photo = vocabularies.get("photo_agencies")
        named["photo_agencies"] = sorted(photo.terms_for(None), key=len, reverse=True) if photo else ["\uffff"]
        caption_credit = regex.compile(
            r"(?:(?<!\w)(?i:(?:photo(?:graph)?|picture|image|foto|bild)s?[ \t]+(?:by|von)|image[ \t]+source[ \t]*,)"
            r"[ \t]*"
            r"|(?<!\w)(?i:\L<image_credit_markers>)[ \t]*:[ \t]*|(?=©|\([cC]\)\s))(?P<holder>[^\n]*[^\s)])"
            r"|\((?P<paren>[^()\n]{0,60}?(?:\L<photo_agencies>|(?i:photo|foto)\b)[^()\n]{0,60})\)",
            ignore_unused=True, **named,
        )
        photo_token = regex.compile(r"(?<![\w-])(?:\L<photo_agencies>|\L<agencies>)(?!\w)", ignore_unused=True,
                                    **named)
        return cls(compile_shapes("credit_lines"), compile_shapes("credit_datelines"), token, image_line, agencies,
                   caption_credit, photo_token)

    def credit_line(self, text: str, match: regex.Match[str]) -> CreditLine:
        """A found credit shape with the agencies it names, canonical and in order of appearance."""
        names: list[str] = []
        for group, value in match.groupdict().items():
            if group.startswith("implies_") and value is not None:
                names.append(group.split("_")[1])
        for token in self.agency_token.finditer(text, match.start(), match.end()):
            names.append(self.agencies.canonical_name(token.group(0)) if self.agencies else token.group(0).lower())
        span = Span(match.start(), match.end())
        return CreditLine(span, text[span.start : span.end].strip(), tuple(dict.fromkeys(names)))

    def has_agency(self, text: str) -> bool:
        return self.agency_token.search(text) is not None


def _terms(vocabulary: Vocabulary | None) -> list[str]:
    terms = vocabulary.terms_for(None) if vocabulary else []
    return sorted(terms, key=len, reverse=True) or ["\uffff"]


def holder_of(raw: str) -> str | None:
    """The credit holder as written: the label, ``©`` and trailing punctuation stripped."""
    holder = raw.strip()
    while True:
        stripped = _COPYRIGHT.sub("", holder).strip()
        if stripped == holder:
            break
        holder = stripped
    holder = holder.strip(" \t,;")
    return holder or None


def find_byline(text: str, masked: str, start: int, profile: LanguageProfile, reader: CreditReader,
                lines: int = 5) -> tuple[str, Span, list[str]] | None:
    """An unpunctuated ``Von Name``/``By Name`` line among the first lines of the body."""
    if not profile.byline_prefixes:
        return None
    prefixes = "|".join(regex.escape(p) for p in profile.byline_prefixes)
    joiners = "|".join(regex.escape(j) for j in profile.name_joiners) or ","
    line_pattern = regex.compile(
        rf"^[ \t]*(?:{prefixes})[ \t]+(?P<names>{_NAME}(?:[ \t]*(?:{joiners})[ \t]*{_NAME})*)[ \t]*$"
    )
    seen = 0
    pos = start
    for line in masked[start:].split("\n"):
        line_start = pos
        pos += len(line) + 1
        if not line.strip():
            continue
        seen += 1
        if seen > lines:
            break
        match = line_pattern.match(line)
        if not match:
            continue
        names = [n.strip() for n in regex.split(rf"[ \t]*(?:{joiners})[ \t]*", match.group("names")) if n.strip()]
        authors = [n for n in names if not reader.agency_token.fullmatch(n)]
        if authors:
            span = Span(line_start + match.start(), line_start + match.end())
            return text[span.start : span.end].strip(), span, authors
    return None
