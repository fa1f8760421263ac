"""The author byline of own reporting: an unpunctuated ``Von Name``/``By Name`` line near the top of the body.

The prefixes and name joiners are the language profile's (rules/languages/*.yaml), the name particles the
pack's vocabulary; a byline that names only an agency is a credit, not an author.
"""

from __future__ import annotations

import regex

from lint.document.credits import NAME, CreditReader
from lint.document.model import Span
from lint.pack.profiles import LanguageProfile

MIN_NAME_TOKENS = 2
_TOKEN = r"[\p{L}][\p{L}/-]{1,30}"  # an agency written in lower case after a byline ("Von Max Muster, dpa")


def find_byline(
    text: str, masked: str, start: int, profile: LanguageProfile, reader: CreditReader, lines: int = 5
) -> tuple[str, Span, list[str]] | None:
    """An unpunctuated ``Von Name``/``By Name`` line among the first lines of the body."""
    if not profile.byline_prefixes:
        return None
    prefixes = "|".join(regex.escape(p) for p in profile.byline_prefixes)
    # Word joiners ("und", "and") only as whole words: "Brand Studio" holds "and".
    joiners = (
        "|".join(
            rf"(?<!\w){regex.escape(j)}(?!\w)" if j[:1].isalnum() else regex.escape(j) for j in profile.name_joiners
        )
        or ","
    )
    line_pattern = regex.compile(
        rf"^[ \t]*(?:{prefixes})[ \t]+(?P<names>{NAME}(?:[ \t]*(?:{joiners})[ \t]*(?:{NAME}|{_TOKEN}))*)[ \t]*$",
        name_particles=reader.named["name_particles"],
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
        # A person is named with a first and a last name; a single capitalised word is a role ("Korrespondent")
        # or a noun: "Von Risiken und Nebenwirkungen" is a subheading, not a byline. An agency is never an author.
        if any(not reader.person_name.fullmatch(n) and not reader.agency_token.fullmatch(n) for n in names):
            continue  # a lower-case part that is no agency ("Von Anna und ihm"): not a byline
        authors = [n for n in names if len(n.split()) >= MIN_NAME_TOKENS and not reader.agency_token.search(n)]
        if authors:
            span = Span(line_start + match.start(), line_start + match.end())
            return text[span.start : span.end].strip(), span, authors
    return None
