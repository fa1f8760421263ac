"""Pattern specs from rule files compiled to `regex` objects, once per run, with named lists and timeouts."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import regex

from lint.vocab import Vocabulary

LANG_KEYS = ("de", "en", "any")  # extended at load time by the languages that have profiles
SEARCH_TIMEOUT = 2.0  # seconds per search; a pattern slower than this on one file is a broken pattern
_LIST_REF = regex.compile(r"\\L<([A-Za-z_][A-Za-z0-9_]*)>")


class PatternError(Exception):
    """A pattern that does not compile or names an unknown vocabulary."""


class PatternTimeout(Exception):
    """A search took longer than SEARCH_TIMEOUT (catastrophic backtracking)."""


@dataclass(frozen=True)
class Matcher:
    """A compiled pattern for one language; ``source`` is the regex as written, for messages."""

    source: str
    compiled: regex.Pattern[str]

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None) -> Iterator[regex.Match[str]]:
        try:
            yield from self.compiled.finditer(text, pos, len(text) if endpos is None else endpos,
                                              timeout=SEARCH_TIMEOUT)
        except TimeoutError:
            raise PatternTimeout(self.source) from None

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> regex.Match[str] | None:
        try:
            return self.compiled.search(text, pos, len(text) if endpos is None else endpos, timeout=SEARCH_TIMEOUT)
        except TimeoutError:
            raise PatternTimeout(self.source) from None


def is_language_map(spec: Any, languages: set[str]) -> bool:
    return isinstance(spec, dict) and bool(spec) and all(k in languages or k == "any" for k in spec)


def select_language(spec: Any, language: str | None, languages: set[str]) -> Any:
    """The part of a per-language spec that applies to ``language`` (``any`` as the fallback)."""
    if is_language_map(spec, languages):
        if language in spec:
            return spec[language]
        return spec.get("any")
    return spec


def regex_source(spec: Any, language: str | None, vocabularies: dict[str, Vocabulary], languages: set[str]) -> str | None:
    """Turn a spec (string, language map, ``{vocabulary: name}`` or a list of these) into one regex."""
    spec = select_language(spec, language, languages)
    if spec is None:
        return None
    if isinstance(spec, str):
        return spec
    if isinstance(spec, list):
        parts = [regex_source(item, language, vocabularies, languages) for item in spec]
        parts = [p for p in parts if p]
        return "|".join(f"(?:{p})" for p in parts) if parts else None
    if isinstance(spec, dict) and set(spec) == {"vocabulary"}:
        names = spec["vocabulary"] if isinstance(spec["vocabulary"], list) else [spec["vocabulary"]]
        parts = []
        for name in names:
            vocabulary = vocabularies.get(name)
            if vocabulary is None:
                raise PatternError(f"unknown vocabulary '{name}'")
            if vocabulary.terms_for(language):
                parts.append(rf"(?<!\w)(?:\L<{name}>)(?!\w)")
            parts += vocabulary.patterns_for(language)
        return "|".join(f"(?:{p})" for p in parts) if parts else None
    raise PatternError(f"a pattern must be a string, a list, a language map or {{vocabulary: name}}, not {spec!r}")


class PatternCompiler:
    """Compiles each (pattern, language) once per run and shares the result between rules."""

    def __init__(self, vocabularies: dict[str, Vocabulary], lists: dict[str, dict[str, list[str]]],
                 languages: set[str]) -> None:
        self.vocabularies = vocabularies
        self.profile_lists = lists  # language -> list name -> words (from language profiles)
        self.languages = languages
        self._cache: dict[tuple[str, str | None, bool], Matcher] = {}

    def compile(self, spec: Any, language: str | None, case_sensitive: bool = False) -> Matcher | None:
        source = regex_source(spec, language, self.vocabularies, self.languages)
        if source is None:
            return None
        key = (source, language, case_sensitive)
        cached = self._cache.get(key)
        if cached is None:
            cached = self._cache[key] = Matcher(source, self._compile(source, language, case_sensitive))
        return cached

    def _compile(self, source: str, language: str | None, case_sensitive: bool) -> regex.Pattern[str]:
        named: dict[str, list[str]] = {}
        profile_lists = self.profile_lists.get(language or "", {})

        def expand(match: regex.Match[str]) -> str:
            name = match.group(1)
            vocabulary = self.vocabularies.get(name)
            if vocabulary is not None:
                named[name] = sorted(vocabulary.terms_for(language), key=len, reverse=True) or ["\uffff"]
                # A case-sensitive list keeps its case inside a case-insensitive pattern ("AP" is not "ap").
                return rf"(?-i:\L<{name}>)" if vocabulary.case_sensitive and not case_sensitive else match.group(0)
            if name in profile_lists or any(name in lists for lists in self.profile_lists.values()):
                named[name] = profile_lists.get(name) or ["\uffff"]
                return match.group(0)
            raise PatternError(f"unknown vocabulary '{name}' in \\L<{name}>")

        expanded = _LIST_REF.sub(expand, source)
        flags = regex.VERSION0 | regex.MULTILINE | (0 if case_sensitive else regex.IGNORECASE)
        try:
            return regex.compile(expanded, flags, **named)
        except regex.error as exc:
            raise PatternError(f"bad regex {source!r}: {exc}") from None
        except (OverflowError, RecursionError, MemoryError):
            raise PatternError(f"bad regex {source!r}: too large") from None
