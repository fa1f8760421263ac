"""The words of one language that tell sources apart: the ``sources`` section of a language profile.

The source model (lint.document.sources) reads them; nothing here knows a language.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Any


def _words(data: dict[str, Any], key: str) -> frozenset[str]:
    value = data.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValueError(f"'sources.{key}' must be a list of strings")
    return frozenset(v.lower() for v in value)


_FROM_VOCABULARIES = {"name_particles"}


@dataclass(frozen=True)
class SourceLexicon:
    """The words of one language that tell sources apart (rules/languages/<code>.yaml, ``sources``)."""

    role_nouns: frozenset[str] = frozenset()  # a role or report without a named body: officials, Ermittler, Angaben
    role_endings: frozenset[str] = frozenset()  # compound heads that are roles ("SZ-Leser", "Polizeibericht")
    anonymous_nouns: frozenset[str] = frozenset()  # undisclosed by themselves: sources, Quellen, Insider
    partial_markers: frozenset[str] = frozenset()  # a determiner leaving a role partial: a, one, ein, mehrere
    partial_phrases: tuple[str, ...] = ()  # "one of the", "einer der"
    body_words: frozenset[str] = frozenset()  # named bodies by their common noun: police, Polizei, ministry
    body_endings: frozenset[str] = frozenset()  # compound heads of bodies: -ministerium, -polizei, -amt
    link_words: frozenset[str] = frozenset()  # words before a complement that may name the body: of, des, von
    phrase_words: frozenset[str] = frozenset()  # lower-case words inside a source phrase: the, der, senior
    stop_words: frozenset[str] = frozenset()  # words that end a source phrase: that, who, dass, und
    auxiliaries: frozenset[str] = frozenset()  # between a subject and its speech verb: has, have, hat
    forward_words: frozenset[str] = frozenset()  # a cue ending in one of these names its source after it
    backward_words: frozenset[str] = frozenset()  # a cue ending in one of these names its source before it
    pronouns: frozenset[str] = frozenset()  # a person named earlier: he, she, er, sie
    modifier_endings: tuple[str, ...] = ()  # endings of lower-case adjectives inside a phrase (de: -ischen)
    anaphors: frozenset[str] = frozenset()  # a following sentence opening with one refers back: Das, This
    possessives: frozenset[str] = frozenset()  # "seinen Angaben zufolge": the person named before
    personal_pronouns: frozenset[str] = frozenset()  # "he said": the person named last (he, she, er)
    anaphoric_nouns: frozenset[str] = frozenset()  # "den Angaben zufolge": the source named just before, if any
    document_words: frozenset[str] = frozenset()  # "In einem Brief … hieß es": a document as the source
    anaphoric_determiners: frozenset[str] = frozenset()  # "the official said": one introduced before
    singular_roles: frozenset[str] = frozenset()  # roles that are singular after such a determiner
    # After a bare name, one of these opens whom the person spoke to, not more of the source: "sagte Kim der
    # Nachrichtenagentur Interfax" (de: the dative der/dem; a name takes no article, so it is no genitive).
    addressee_determiners: frozenset[str] = frozenset()
    # Particles inside names ("Van der Bellen": no addressee after "Van"), from vocabularies/name_particles.yaml
    # (filled in at pack load, not a profile key: one list for the whole pack).
    name_particles: frozenset[str] = frozenset()
    lowercase_nouns: bool = False  # nouns are written in lower case (en): any word but a stop word may be in a phrase

    @cached_property
    def roles(self) -> frozenset[str]:
        return self.role_nouns | self.anonymous_nouns

    @cached_property
    def phrase_nouns(self) -> frozenset[str]:
        return self.role_nouns | self.anonymous_nouns | self.body_words

    @classmethod
    def from_data(cls, data: Any) -> SourceLexicon:
        if data is None:
            return cls()
        if not isinstance(data, dict):
            raise ValueError("'sources' must be a mapping")
        known = {f.replace("_", "-") for f in cls.__dataclass_fields__ if f not in _FROM_VOCABULARIES}
        for key in data:
            if key not in known:
                raise ValueError(f"unknown key 'sources.{key}'")
        values: dict[str, Any] = {}
        for name in cls.__dataclass_fields__:
            if name in _FROM_VOCABULARIES:
                continue
            key = name.replace("_", "-")
            if name == "lowercase_nouns":
                values[name] = bool(data.get(key, False))
            elif name in ("partial_phrases", "modifier_endings"):
                values[name] = tuple(sorted(_words(data, key), key=len, reverse=True))
            else:
                values[name] = _words(data, key)
        return cls(**values)
