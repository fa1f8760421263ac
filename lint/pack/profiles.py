"""Language profiles: what the model knows of a language, from rules/languages/<code>.yaml.

A profile is a few settings (``quotes``, ``ordinal-dot``, ``title-case-titles``) and any number of
named word lists. A profile declares only the lists its language has: the document model asks for the
lists it reads (``MODEL_LISTS``; a missing one is empty), and every list is also usable in patterns as
``\\L<name>`` (``title-words`` → ``\\L<title_words>``; in a language without the list it never matches).
No list name of one language's grammar is known to this module.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, cast

from lint.pack.source_words import SourceLexicon
from lint.pack.yamlio import LineDict, YamlError, load_file

# Settings, not lists.
# `sources`: the words the source model reads (lint/pack/source_words.py), a mapping of lists.
# `default`: the pack's default language, for rule texts shown where no document's language applies
# (rule lists, docs, SARIF) and for a text a rule does not have in the document's language.
_SETTINGS = {"language", "name", "source", "quotes", "ordinal-dot", "title-case-titles", "sources", "default"}
_FLAGS = ("ordinal-dot", "title-case-titles", "default")
# The lists the document model reads, and what for (docs/languages.md explains each).
MODEL_LISTS = {
    "function-words": "frequent words that tell the language (detection)",
    "abbreviations": "abbreviations whose dot ends no sentence",
    "ordinal-context": "words before a number whose dot makes it an ordinal (ordinal-dot languages)",
    "months": "month names (a number and dot before one is a date, not a sentence end)",
    "byline-prefixes": "words that open a byline line ('By', 'Von')",
    "name-joiners": "words joining names in a byline (',', 'and')",
    "tail-markers": "phrases that open the tail of an article (transparency boxes)",
    "title-words": "words after which a quotation names a work, not speech",
    "title-determiners": "articles and possessives between a title word and its quotation ('the book \"…\"')",
}


@dataclass(frozen=True)
class LanguageProfile:
    code: str
    name: str
    quotes: tuple[tuple[str, str], ...]  # (opening mark, closing marks)
    # (opening mark, spaces): a pair that may stand apart from its words by one of these spaces, as French
    # typesetting sets "« Nous … »" with a (narrow) no-break space; from a third item of the pair.
    quote_spaces: tuple[tuple[str, str], ...] = ()
    ordinal_dot: bool = False
    title_case_titles: bool = False  # quotations in title case are titles (languages without capitalised nouns)
    default: bool = False  # the pack's default language (rule texts where no document language applies)
    named_lists: dict[str, tuple[str, ...]] = field(default_factory=dict)  # every list, by its YAML name
    # The model's lists, prepared once (sets, folded case) from named_lists.
    function_words: frozenset[str] = frozenset()
    abbreviations: frozenset[str] = frozenset()  # without spaces: "z.B."
    ordinal_context: frozenset[str] = frozenset()
    months: frozenset[str] = frozenset()
    byline_prefixes: tuple[str, ...] = ()
    name_joiners: tuple[str, ...] = ()
    tail_markers: tuple[str, ...] = ()
    title_words: tuple[str, ...] = ()  # words (or compound endings) that name a work: its quotation is a title
    title_determiners: frozenset[str] = frozenset()  # may stand between a title word and the quotation
    sources: SourceLexicon = field(
        default_factory=SourceLexicon
    )  # the words that tell a named source from a vague or anonymous one

    def words(self, name: str) -> tuple[str, ...]:
        """A named list of the profile; empty when the language has none of that name."""
        return self.named_lists.get(name, ())

    def lists(self) -> dict[str, list[str]]:
        """Every list, usable in patterns as a named list (``title-words`` as ``\\L<title_words>``)."""
        return {name.replace("-", "_"): list(words) for name, words in self.named_lists.items()}


def profile_from(
    code: str,
    name: str,
    quotes: tuple[tuple[str, str], ...],
    settings: Mapping[str, Any],
    quote_spaces: tuple[tuple[str, str], ...] = (),
) -> LanguageProfile:
    lists: dict[str, tuple[str, ...]] = {k: tuple(dict.fromkeys(v)) for k, v in settings.get("lists", {}).items()}

    def folded(key: str) -> frozenset[str]:
        return frozenset(w.lower() for w in lists.get(key, ()))

    return LanguageProfile(
        code=code,
        name=name,
        quotes=quotes,
        quote_spaces=quote_spaces,
        ordinal_dot=bool(settings.get("ordinal-dot", False)),
        title_case_titles=bool(settings.get("title-case-titles", False)),
        default=bool(settings.get("default", False)),
        named_lists=lists,
        function_words=folded("function-words"),
        abbreviations=frozenset(a.replace(" ", "") for a in lists.get("abbreviations", ())),
        ordinal_context=folded("ordinal-context"),
        months=frozenset(lists.get("months", ())),
        byline_prefixes=lists.get("byline-prefixes", ()),
        name_joiners=lists.get("name-joiners", ()),
        tail_markers=lists.get("tail-markers", ()),
        title_words=tuple(w.lower() for w in lists.get("title-words", ())),
        title_determiners=folded("title-determiners"),
        sources=settings.get("sources") or SourceLexicon(),
    )


def load_profile(path: Path) -> LanguageProfile:
    data = load_file(path)
    if not isinstance(data, dict):
        raise YamlError(str(path), "a language profile must be a mapping")
    data = cast(LineDict, data)  # the line-counting loader's mappings know their key lines
    code = data.get("language")
    if not isinstance(code, str) or code != path.stem:
        raise YamlError(str(path), f"'language' must equal the file name ('{path.stem}')", data.lines.get("language"))
    lists: dict[str, list[str]] = {}
    for key, value in data.items():
        if key in _SETTINGS:
            continue
        if not isinstance(key, str) or not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise YamlError(
                str(path),
                f"'{key}' must be a list of strings (a named list) or one of the settings "
                f"{', '.join(sorted(_SETTINGS))}",
                data.lines.get(key),
            )
        if not key.replace("-", "_").isidentifier():
            raise YamlError(str(path), f"list name '{key}' must be letters, digits, '-' or '_'", data.lines.get(key))
        import difflib  # only when a profile is read from YAML (not from the pack cache)

        near = difflib.get_close_matches(key, list(MODEL_LISTS), n=1, cutoff=0.85)
        if near and near[0] != key:  # a misspelt model list would silently leave the model's list empty
            raise YamlError(
                str(path), f"'{key}': did you mean '{near[0]}' (a list the model reads)?", data.lines.get(key)
            )
        lists[key] = value
    for key in _FLAGS:
        if not isinstance(data.get(key, False), bool):
            raise YamlError(str(path), f"'{key}' must be true or false", data.lines.get(key))
    quotes = data.get("quotes", [])
    if not isinstance(quotes, list) or not all(
        isinstance(q, list) and len(q) in (2, 3) and all(isinstance(m, str) and m for m in q) for q in quotes
    ):
        raise YamlError(
            str(path),
            "'quotes' must be a list of [opening, closing] pairs, each with an optional third item: the spaces "
            "that may stand between a mark and its words",
            data.lines.get("quotes"),
        )
    if any(len(q) == 3 and not q[2].isspace() for q in quotes):
        raise YamlError(
            str(path), "'quotes': the third item of a pair lists space characters only", data.lines.get("quotes")
        )
    try:
        sources = SourceLexicon.from_data(data.get("sources"))
    except ValueError as error:
        raise YamlError(str(path), str(error), data.lines.get("sources")) from None
    settings = {
        **{k: data[k] for k in _FLAGS if k in data},
        "lists": lists,
        "sources": sources,
    }
    pairs = tuple((q[0], q[1]) for q in quotes)
    spaces = tuple((q[0], q[2]) for q in quotes if len(q) == 3)
    return profile_from(code, str(data.get("name", code)), pairs, settings, spaces)


def load_profiles(folders: list[Path]) -> dict[str, LanguageProfile]:
    """Profiles from each pack's ``languages/`` folder; a later pack's profile replaces an earlier one."""
    profiles: dict[str, LanguageProfile] = {}
    for folder in folders:
        for path in sorted(folder.glob("*.yaml")):
            profile = load_profile(path)
            profiles[profile.code] = profile
    return profiles


def with_name_particles(profiles: dict[str, LanguageProfile], particles: Iterable[str]) -> dict[str, LanguageProfile]:
    """The profiles with the pack's name particles (vocabularies/name_particles.yaml) in their source words."""
    words = frozenset(p.lower() for p in particles)
    return {
        code: replace(profile, sources=replace(profile.sources, name_particles=words))
        for code, profile in profiles.items()
    }


def default_language(profiles: Mapping[str, LanguageProfile]) -> str | None:
    """The language marked ``default: true`` (a later pack's mark wins); None when no profile has it."""
    marked = [code for code, profile in profiles.items() if profile.default]
    return marked[-1] if marked else None


# A document of no known language: the quotation marks of the shipped profiles, and no lists.
FALLBACK = LanguageProfile(
    code="und",
    name="unknown",
    quotes=(("„", "“”"), ("“", "”"), ('"', '"'), ("»", "«"), ("«", "»")),
)
