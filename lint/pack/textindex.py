"""A per-text word index shared by every vocabulary lookup on that text.

Vocabulary terms are found by first asking which of their first words occur in the text at all (a set
intersection), then scanning only for those, which is much cheaper than running one large
case-insensitive alternation over every position of every article.
"""

from __future__ import annotations

from typing import ClassVar

from lint.pack.lazyre import lazy

_WORD = lazy(r"\w+")
_TOKEN = lazy(r"\w+|[^\w\s]")
_CACHE_SIZE = 8


def tokenize(text: str) -> list[str]:
    """Words and single punctuation characters, as a term is split into tokens."""
    return _TOKEN.findall(text)


class TokenIndex:
    """The words of one text, lower-cased and as written; built once per text and cached."""

    _recent: ClassVar[list[tuple[str, TokenIndex]]] = []
    _aliases: ClassVar[list[tuple[str, str]]] = []

    def __init__(self, text: str, words_from: TokenIndex | None = None) -> None:
        self.text = text
        self.lowered = text.lower()
        # Lower-casing can change the length of a few characters (e.g. "İ"); then offsets would drift.
        self.aligned = len(self.lowered) == len(text)
        self._words_from = words_from
        self._folded: set[str] | None = None
        self._exact: set[str] | None = None

    @classmethod
    def of(cls, text: str) -> TokenIndex:
        for known, index in cls._recent:
            if known is text:
                return index
        root = next((r for derived, r in cls._aliases if derived is text), None)
        index = cls(text, cls.of(root) if root is not None else None)
        cls._recent.insert(0, (text, index))
        del cls._recent[_CACHE_SIZE:]
        return index

    @classmethod
    def alias(cls, derived: str, root: str) -> None:
        """``derived`` is ``root`` with parts blanked out: its words are a subset of root's, so root's word
        sets serve as its prefilter (a superset only lets through a few more scans, never fewer)."""
        if derived is not root:
            cls._aliases.insert(0, (derived, root))
            del cls._aliases[_CACHE_SIZE:]

    @property
    def folded(self) -> set[str]:
        if self._words_from is not None:
            return self._words_from.folded
        if self._folded is None:
            self._folded = set(_WORD.findall(self.lowered))
        return self._folded

    @property
    def exact(self) -> set[str]:
        if self._words_from is not None:
            return self._words_from.exact
        if self._exact is None:
            self._exact = set(_WORD.findall(self.text))
        return self._exact

    def has(self, token: str, case_sensitive: bool) -> bool:
        """Whether a term's first token can occur: a word in the word set, or punctuation in the text."""
        if token[:1].isalnum() or token[:1] == "_":
            return token in (self.exact if case_sensitive else self.folded)
        return token in (self.text if case_sensitive or not self.aligned else self.lowered)

    def contains_any(self, words: tuple[str, ...], case_sensitive: bool) -> bool:
        """Whether any of the strings occurs anywhere in the text (a necessary condition for a match)."""
        haystack = self.text if case_sensitive or not self.aligned else self.lowered
        return any(word in haystack for word in words)
