"""The words the HTML reader reads in class names, attributes and labels, from the pack's vocabularies.

Class words ("caption", "bildunterschrift", "kicker", "dachzeile"), attribute names and the labels of
byline and credit elements are data (``rules/vocabularies/html_*.yaml``, ``non_article_image_parts.yaml``);
this module only puts each list into the look-arounds its role needs. Compiled once per pack, on first use.

A list's alternation is its terms (escaped, longest first, a space matching any white space) and then its
patterns, of every language: a page's language is not known while its markup is read. A list the pack
lacks matches nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

import regex

from lint.pack.vocab import Vocabulary

_NEVER = r"(?!)"


def alternation(vocabulary: Vocabulary | None) -> str:
    """The list as one regex alternation (no group around it), or a never-matching pattern."""
    if vocabulary is None:
        return _NEVER
    terms = sorted(vocabulary.terms_for(None), key=len, reverse=True)
    patterns = [p for patterns in vocabulary.patterns.values() for p in patterns]
    parts = [regex.escape(term).replace("\\ ", r"\s+") for term in terms] + list(dict.fromkeys(patterns))
    return "|".join(parts) or _NEVER


def _compile(pattern: str) -> regex.Pattern[str]:
    return regex.compile(pattern, regex.IGNORECASE)


_WHOLE = (r"(?<![a-z0-9])", r"(?![a-z0-9])")  # a class word on its own, no letter or digit on either side


class _Role:
    """One pattern of the reader: a vocabulary's alternation between ``before`` and ``after`` (and after
    the negation look-behind when ``negatable``), compiled on first use and kept on the instance."""

    def __init__(self, vocabulary: str, before: str = "", after: str = "", negatable: bool = False) -> None:
        self.vocabulary, self.before, self.after, self.negatable = vocabulary, before, after, negatable
        self.name = vocabulary

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __get__(self, words: HtmlWords, owner: type | None = None) -> regex.Pattern[str]:
        found = words.compiled.get(self.name)
        if found is None:
            negation = words.not_negated if self.negatable else ""
            found = _compile(self.before + negation + words.group(self.vocabulary) + self.after)
            words.compiled[self.name] = found
        return found


@dataclass
class HtmlWords:
    """The HTML reader's patterns, each built from its vocabulary the first time it is needed."""

    vocabularies: dict[str, Vocabulary] = field(default_factory=dict)
    compiled: dict[str, regex.Pattern[str]] = field(default_factory=dict)

    def group(self, name: str) -> str:
        return "(?:" + alternation(self.vocabularies.get(name)) + ")"

    @cached_property
    def not_negated(self) -> str:
        """A role word right after a negation ("no-caption", "without-credit") names what an element is not."""
        return r"(?<!" + self.group("html_negation_prefixes") + r"[-_])"

    # Class words of the roles: on their own, or anywhere in the class names ("wp-caption-text").
    furniture = _Role("html_furniture_classes", *_WHOLE, negatable=True)
    embed = _Role("html_embed_classes", *_WHOLE)
    credit_class = _Role("html_credit_classes", negatable=True)
    source_word = _Role("html_source_classes", *_WHOLE)
    caption_class = _Role("html_caption_classes", negatable=True)
    byline_class = _Role("html_byline_classes", *_WHOLE)
    byline_part = _Role("html_byline_parts")
    kicker_class = _Role("html_kicker_classes")
    container_class = _Role("html_image_container_classes", *_WHOLE)
    article_body = _Role("html_article_body_classes")
    # Page furniture by a part of an image's address, class or id ("site-logo2.png").
    not_photo = _Role("non_article_image_parts", r"(?<![a-z])")
    # A data-* attribute holding the image's credit ("data-photo-copyright").
    data_credit = _Role("html_credit_attributes", r"^data-[\w-]*")
    # The opening words of a byline element ("By", "Text von", "Autorin:").
    byline_prefix = _Role("html_byline_prefixes", r"^\s*", r"\s*:?\s+")
    # Where a byline's date, time or counters begin: a bar or dot, a word with a digit, a date label.
    date_tail = _Role("html_date_labels", r"\s*(?:\||•|·|(?<=\s)(?=\S*\d)|\b", r"\b)")
    # What separates the names of a byline element: punctuation, "&" and joining words ("und", "and").
    name_split = _Role("html_name_joiners", r"\s*(?:,|;|\||·|•|\b", r"\b|&)\s*")

    @cached_property
    def credit_label(self) -> regex.Pattern[str]:
        """Labels before the holder inside a credit element ("Credit Credit Name", "Bildrechte: X", "Photo by")."""
        return _compile(
            r"^(?:" + self.group("html_credit_labels") + r"(?:\s+" + self.group("credit_by_words") + r")?\b[\s.:…]*)+"
        )
