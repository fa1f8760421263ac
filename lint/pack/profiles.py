"""Language profiles: the per-language grammar data (rules/languages/<code>.yaml) the model reads."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import cast

from lint.pack.source_words import SourceLexicon
from lint.pack.yamlio import LineDict, YamlError, load_file

_KEYS = {
    "language",
    "name",
    "source",
    "function-words",
    "abbreviations",
    "ordinal-dot",
    "ordinal-context",
    "months",
    "quotes",
    "byline-prefixes",
    "name-joiners",
    "konjunktiv-i",
    "konjunktiv-i-blockers",
    "konjunktiv-ii",
    "tail-markers",
    "title-case-titles",
    "title-words",
    "sources",
}


@dataclass(frozen=True)
class LanguageProfile:
    code: str
    name: str
    function_words: frozenset[str]
    abbreviations: frozenset[str]  # without spaces: "z.B."
    ordinal_dot: bool
    ordinal_context: frozenset[str]
    months: frozenset[str]
    quotes: tuple[tuple[str, str], ...]  # (opening mark, closing marks)
    byline_prefixes: tuple[str, ...]
    name_joiners: tuple[str, ...]
    konjunktiv_i: tuple[str, ...]
    konjunktiv_i_blockers: tuple[str, ...]
    konjunktiv_ii: tuple[str, ...]
    tail_markers: tuple[str, ...]
    title_case_titles: bool = False  # quotations in title case are titles (languages without capitalised nouns)
    title_words: tuple[str, ...] = ()  # words (or compound endings) that name a work: its quotation is a title
    sources: SourceLexicon = field(
        default_factory=SourceLexicon
    )  # the words that tell a named source from a vague or anonymous one

    def lists(self) -> dict[str, list[str]]:
        """The profile's word lists, usable in patterns as named lists (``\\L<konjunktiv_i>``)."""
        return {
            "konjunktiv_i": list(self.konjunktiv_i),
            "konjunktiv_i_blockers": list(self.konjunktiv_i_blockers),
            "konjunktiv_ii": list(self.konjunktiv_ii),
            "months": sorted(self.months),
        }


def _strings(data: LineDict, key: str, path: Path) -> list[str]:
    value = data.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise YamlError(str(path), f"'{key}' must be a list of strings", data.lines.get(key))
    return value


def load_profile(path: Path) -> LanguageProfile:
    data = load_file(path)
    if not isinstance(data, dict):
        raise YamlError(str(path), "a language profile must be a mapping")
    data = cast(LineDict, data)  # the line-counting loader's mappings know their key lines
    for key in data:
        if key not in _KEYS:
            raise YamlError(str(path), f"unknown key '{key}' in language profile", data.lines.get(key))
    code = data.get("language")
    if not isinstance(code, str) or code != path.stem:
        raise YamlError(str(path), f"'language' must equal the file name ('{path.stem}')", data.lines.get("language"))
    quotes = data.get("quotes", [])
    if not isinstance(quotes, list) or not all(
        isinstance(q, list) and len(q) == 2 and all(isinstance(m, str) and m for m in q) for q in quotes
    ):
        raise YamlError(str(path), "'quotes' must be a list of [opening, closing] pairs", data.lines.get("quotes"))
    try:
        sources = SourceLexicon.from_data(data.get("sources"))
    except ValueError as error:
        raise YamlError(str(path), str(error), data.lines.get("sources")) from None
    return LanguageProfile(
        code=code,
        name=str(data.get("name", code)),
        function_words=frozenset(w.lower() for w in _strings(data, "function-words", path)),
        abbreviations=frozenset(a.replace(" ", "") for a in _strings(data, "abbreviations", path)),
        ordinal_dot=bool(data.get("ordinal-dot", False)),
        ordinal_context=frozenset(w.lower() for w in _strings(data, "ordinal-context", path)),
        months=frozenset(_strings(data, "months", path)),
        quotes=tuple((q[0], q[1]) for q in quotes),
        byline_prefixes=tuple(_strings(data, "byline-prefixes", path)),
        name_joiners=tuple(_strings(data, "name-joiners", path)),
        konjunktiv_i=tuple(dict.fromkeys(_strings(data, "konjunktiv-i", path))),
        konjunktiv_i_blockers=tuple(_strings(data, "konjunktiv-i-blockers", path)),
        konjunktiv_ii=tuple(_strings(data, "konjunktiv-ii", path)),
        tail_markers=tuple(_strings(data, "tail-markers", path)),
        title_case_titles=bool(data.get("title-case-titles", False)),
        title_words=tuple(w.lower() for w in _strings(data, "title-words", path)),
        sources=sources,
    )


def load_profiles(folders: list[Path]) -> dict[str, LanguageProfile]:
    """Profiles from each pack's ``languages/`` folder; a later pack's profile replaces an earlier one."""
    profiles: dict[str, LanguageProfile] = {}
    for folder in folders:
        for path in sorted(folder.glob("*.yaml")):
            profile = load_profile(path)
            profiles[profile.code] = profile
    return profiles


FALLBACK = LanguageProfile(
    code="und",
    name="unknown",
    function_words=frozenset(),
    abbreviations=frozenset(),
    ordinal_dot=False,
    ordinal_context=frozenset(),
    months=frozenset(),
    quotes=(("„", "“”"), ("“", "”"), ('"', '"'), ("»", "«"), ("«", "»")),
    byline_prefixes=(),
    name_joiners=(),
    konjunktiv_i=(),
    konjunktiv_i_blockers=(),
    konjunktiv_ii=(),
    tail_markers=(),
)
