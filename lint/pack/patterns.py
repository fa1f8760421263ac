"""Pattern specs from rule files turned into matchers: compiled lazily, once per run, searched with a timeout.

A spec is a regex string, a language map ``{de: …, en: …, any: …}``, ``{vocabulary: name}`` (or a list of
names), or a list of these. Vocabulary terms are matched through a token index instead of one large
case-insensitive alternation (measured several times faster on real articles, see bench/README.md);
vocabulary patterns and plain regexes run as separate `regex` objects so each keeps its literal-prefix
scan. Results equal what the regex ``(?<!\\w)(?:\\L<name>)(?!\\w)|pattern|…`` would find, leftmost-longest.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

import regex

from lint.pack import requirements as literal_data
from lint.pack.lazyre import SEARCH_TIMEOUT, lazy  # one timeout for rule patterns and the readers' own
from lint.pack.literals import Requirement, required_literals
from lint.pack.scanner import VERIFY, Need, Scanner
from lint.pack.textindex import TokenIndex, tokenize
from lint.pack.vocab import Vocabulary

_IGNORECASE = int(regex.IGNORECASE)  # a plain int: RegexFlag's own "&" was 0.3 s of a corpus run
_LIST_REF = lazy(r"\\L<([A-Za-z_][A-Za-z0-9_]*)>")


class PatternError(Exception):
    """A pattern that does not compile or names an unknown vocabulary."""


class PatternTimeout(Exception):
    """A search took longer than SEARCH_TIMEOUT (catastrophic backtracking)."""


class MatchLike(Protocol):
    def start(self) -> int: ...
    def end(self) -> int: ...
    def group(self, index: int = 0) -> str: ...


@dataclass(frozen=True, slots=True)
class TermMatch:
    """A vocabulary term found through the token index; shaped like a regex match."""

    text: str
    begin: int
    finish: int

    def start(self) -> int:
        return self.begin

    def end(self) -> int:
        return self.finish

    def group(self, index: int = 0) -> str:
        return self.text[self.begin : self.finish]


class Matcher:
    """Finds matches of one spec for one language: term indexes and regexes, merged like one alternation."""

    def __init__(
        self, source: str, regexes: Sequence[RulePattern], terms: Sequence[TermSet], scanner: Scanner | None = None
    ) -> None:
        self.source = source  # the spec as written, for messages
        self.regexes = tuple(regexes)
        self.terms = tuple(terms)
        self.scanner = scanner
        self._recent: list[tuple[str, list[MatchLike], list[int]]] = []

    def _candidates(self, text: str) -> list[regex.Pattern[str]]:
        """The regexes that can match in ``text``: those with a required literal it holds, or none known."""
        if self.scanner is None:
            return [p.compiled for p in self.regexes]
        presence = self.scanner.presence(text) if any(p.literals for p in self.regexes) else None
        kept = []
        for pattern in self.regexes:
            if pattern.literals is None or (presence is not None and presence.meets(pattern.literals)):
                kept.append(pattern.compiled)
            elif VERIFY:
                pattern.verify_absent(text)
        return kept

    def _everywhere(self, text: str) -> tuple[list[MatchLike], list[int]]:
        """All matches in the whole text, sorted, with their starts; kept for the last few texts.

        Rules look at many small ranges of the same text (each paragraph, each sentence): searching the
        text once and slicing the result is far cheaper than a search per range.
        """
        for known, recent, starts in self._recent:
            if known is text:
                return recent, starts
        found: list[MatchLike] = []
        for term_set in self.terms:
            found += term_set.finditer(text, 0, len(text))
        index = TokenIndex.of(text) if self.regexes else None
        try:
            for pattern in self._candidates(text) if self.regexes else ():
                words = _leading_words(pattern)
                if words and index is not None and not index.contains_any(words, not pattern.flags & _IGNORECASE):
                    continue  # none of the words the pattern must start with occurs: it cannot match
                found += pattern.finditer(text, timeout=SEARCH_TIMEOUT)
        except TimeoutError:
            raise PatternTimeout(self.source) from None
        found.sort(key=lambda m: (m.start(), -m.end()))
        starts = [m.start() for m in found]
        self._recent.insert(0, (text, found, starts))
        del self._recent[4:]
        return found, starts

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None) -> Iterator[MatchLike]:
        """Non-overlapping matches inside ``[pos, endpos)``, leftmost first, longest among equal starts."""
        endpos = len(text) if endpos is None else endpos
        found, starts = self._everywhere(text)
        last_end = -1
        for i in range(bisect.bisect_left(starts, pos), bisect.bisect_left(starts, endpos)):
            match = found[i]
            if match.start() >= last_end and match.end() > match.start() and match.end() <= endpos:
                last_end = match.end()
                yield match

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> MatchLike | None:
        return next(self.finditer(text, pos, endpos), None)

    def search_within(self, text: str, pos: int, endpos: int) -> MatchLike | None:
        """A search that treats ``[pos, endpos)`` as the whole string (``$`` matches at ``endpos``), for
        patterns anchored to a range's edges; uncached, so only for a few small ranges."""
        found: list[MatchLike] = []
        for term_set in self.terms:
            found += term_set.finditer(text[:endpos], pos, endpos)
        try:
            found += (m for p in self._candidates(text) if (m := p.search(text, pos, endpos, timeout=SEARCH_TIMEOUT)))
        except TimeoutError:
            raise PatternTimeout(self.source) from None
        return min(found, key=lambda m: m.start()) if found else None


class RulePattern:
    """One regex of a rule pack and the literals its matches need; compiled on first use (maybe never)."""

    __slots__ = ("_compiled", "expanded", "flags", "literals", "named", "source")

    def __init__(self, source: str, expanded: str, flags: int, named: dict[str, Any], literals: Need | None) -> None:
        self.source = source
        self.expanded = expanded
        self.flags = flags
        self.named = named
        self.literals = literals
        self._compiled: regex.Pattern[str] | None = None

    @property
    def compiled(self) -> regex.Pattern[str]:
        if self._compiled is None:
            self._compiled = _compile(self.source, self.expanded, self.flags, self.named)
        return self._compiled

    def verify_absent(self, text: str) -> None:
        """Development check (EDITORIAL_LINT_VERIFY_SCANNER): a skipped pattern must not match."""
        if self.compiled.search(text, timeout=SEARCH_TIMEOUT) is not None:
            raise AssertionError(f"scanner skipped {self.source!r} (requirement {self.literals!r:.200})")


def _compile(source: str, expanded: str, flags: int, named: dict[str, Any]) -> regex.Pattern[str]:
    try:
        return regex.compile(expanded, flags, **named)
    except regex.error as exc:
        raise PatternError(f"bad regex {source!r}: {exc}") from None
    except ValueError as exc:  # e.g. an inline (?V1) against the VERSION0 the engine compiles with
        raise PatternError(f"bad regex {source!r}: {exc}") from None
    except (OverflowError, RecursionError, MemoryError):
        raise PatternError(f"bad regex {source!r}: too large") from None


FEW_STARTS = 500  # more places of a key than this (a long file): one scan of the text instead


class TermSet:
    """Literal phrases grouped by their first token; each group is one small regex, built on first use."""

    def __init__(self, terms: Sequence[str], case_sensitive: bool) -> None:
        self.case_sensitive = case_sensitive
        self.groups: dict[str, list[str]] = {}
        self.needs: dict[str, list[frozenset[str]]] = {}  # per first token: the words each phrase needs
        for term in terms:
            tokens = tokenize(term if case_sensitive else term.lower())
            if tokens:
                self.groups.setdefault(tokens[0], []).append(term if case_sensitive else term.lower())
                self.needs.setdefault(tokens[0], []).append(frozenset(t for t in tokens if t[:1].isalnum()))
        self._compiled: dict[tuple[str, bool], re.Pattern[str]] = {}
        self.word_keys = frozenset(k for k in self.groups if k[:1].isalnum() or k[:1] == "_")
        self.other_keys = tuple(k for k in self.groups if k not in self.word_keys)

    def _group(self, key: str, folded_haystack: bool) -> re.Pattern[str]:
        """One pattern for the phrases that start with ``key``. Literal phrases cannot backtrack, so the
        standard library's engine serves (it compiles several times faster than `regex`, and compiling
        is most of a one-file run); on a lower-cased haystack it needs no case folding either."""
        cache_key = (key, folded_haystack)
        compiled = self._compiled.get(cache_key)
        if compiled is None:
            # Longest phrase first, as the equivalent alternation would try them; any white space between words.
            phrases = sorted(self.groups[key], key=len, reverse=True)
            body = "|".join(r"\s+".join(re.escape(part) for part in phrase.split()) for phrase in phrases)
            flags = 0 if self.case_sensitive or folded_haystack else re.IGNORECASE
            compiled = self._compiled[cache_key] = re.compile(rf"(?<!\w)(?:{body})(?!\w)", flags)
        return compiled

    def finditer(self, text: str, pos: int, endpos: int) -> list[TermMatch]:
        index = TokenIndex.of(text)
        folded = not self.case_sensitive and index.aligned
        haystack = index.lowered if folded else text
        words = index.exact if self.case_sensitive else index.folded
        present = [*(self.word_keys & words), *(k for k in self.other_keys if index.has(k, self.case_sensitive))]
        found: list[TermMatch] = []
        for key in present:
            if not any(need <= words for need in self.needs[key]):
                continue  # "in" occurs, but no phrase starting with it has all its words in the text
            group = self._group(key, folded)
            if (folded or self.case_sensitive) and haystack.count(key, pos, endpos) <= FEW_STARTS:
                # Every match starts with the key as written in the haystack: try just those places
                # (what finditer finds, without its scan of every position behind a look-behind).
                last_end = -1
                at = haystack.find(key, pos, endpos)
                while at >= 0:
                    if at >= last_end and (match := group.match(haystack, at, endpos)):
                        found.append(TermMatch(text, match.start(), match.end()))
                        last_end = match.end()
                    at = haystack.find(key, at + 1, endpos)
                continue
            found += (TermMatch(text, m.start(), m.end()) for m in group.finditer(haystack, pos, endpos))
        return found


_PLAIN = r"[^\\()\[\]{}|?*+.^$]+"
_LEADING = lazy(rf"^(?:\\b)?(?:\(\?:(?P<alts>{_PLAIN}(?:\|{_PLAIN})*)\)|(?P<word>{_PLAIN}))(?:\\b|\\s|[\\(\[]|$)")
_LEADING_CACHE: dict[tuple[str, int], tuple[str, ...] | None] = {}


def _leading_words(pattern: regex.Pattern[str]) -> tuple[str, ...] | None:
    """The literal words a regex must start with (``\\b(?:aus|nach)\\s…`` → aus, nach), or None.

    Only for a pattern without a top-level alternation, so that every match begins with one of them.
    """
    key = (pattern.pattern, pattern.flags)
    if key in _LEADING_CACHE:
        return _LEADING_CACHE[key]
    words: tuple[str, ...] | None = None
    if not _top_level_bar(pattern.pattern):
        match = _LEADING.match(pattern.pattern)
        if match:
            alternatives = (match.group("alts") or match.group("word") or "").split("|")
            if all(a.strip() for a in alternatives):
                words = tuple(a.lower() if pattern.flags & _IGNORECASE else a for a in alternatives)
    _LEADING_CACHE[key] = words
    return words


def _top_level_bar(source: str) -> bool:
    depth, escaped, in_class = 0, False, False
    for char in source:
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            return True
    return False


def is_language_map(spec: Any, languages: set[str]) -> bool:
    return isinstance(spec, dict) and bool(spec) and all(k in languages or k == "any" for k in spec)


def select_language(spec: Any, language: str | None, languages: set[str]) -> Any:
    """The part of a per-language spec that applies to ``language`` (``any`` as the fallback)."""
    if is_language_map(spec, languages):
        if language in spec:
            return spec[language]
        return spec.get("any")
    return spec


class PatternCompiler:
    """Builds each (spec, language) matcher once per run, on first use, and shares it between rules."""

    def __init__(
        self, vocabularies: dict[str, Vocabulary], lists: dict[str, dict[str, list[str]]], languages: set[str]
    ) -> None:
        self.vocabularies = vocabularies
        self.profile_lists = lists  # language -> list name -> words (from language profiles)
        self.languages = languages
        self._by_spec: dict[tuple[int, str | None, bool], Matcher | None] = {}
        self._specs: list[Any] = []  # keeps specs alive, so their ids stay unique while cached
        self._regexes: dict[tuple[str, str | None, bool], RulePattern] = {}
        self.scanner = Scanner()
        self._known: dict[tuple[str, str | None, bool], Requirement | None] = {}  # from a pack cache
        self._requirements: dict[tuple[str, str | None, bool], Requirement | None] = {}

    def compile(self, spec: Any, language: str | None, case_sensitive: bool = False) -> Matcher | None:
        key = (id(spec), language, case_sensitive)
        if key in self._by_spec:
            return self._by_spec[key]
        matcher = self._build(spec, language, case_sensitive)
        self._specs.append(spec)
        self._by_spec[key] = matcher
        return matcher

    def _build(self, spec: Any, language: str | None, case_sensitive: bool) -> Matcher | None:
        sources: list[str] = []
        terms: dict[bool, list[str]] = {True: [], False: []}
        self._collect(spec, language, sources, terms)
        if not sources and not terms[True] and not terms[False]:
            return None
        regexes = [self.regex(source, language, case_sensitive) for source in dict.fromkeys(sources)]
        # Case-sensitive lists (agencies: "AP" is not "ap") keep their own index beside the folded one.
        term_sets = [TermSet(words, case_sensitive or sensitive) for sensitive, words in terms.items() if words]
        return Matcher(str(spec), regexes, term_sets, self.scanner)

    def _collect(self, spec: Any, language: str | None, sources: list[str], terms: dict[bool, list[str]]) -> None:
        spec = select_language(spec, language, self.languages)
        if spec is None:
            return
        if isinstance(spec, str):
            sources.append(spec)
        elif isinstance(spec, list):
            for item in spec:
                self._collect(item, language, sources, terms)
        elif isinstance(spec, dict) and set(spec) == {"vocabulary"}:
            names = spec["vocabulary"] if isinstance(spec["vocabulary"], list) else [spec["vocabulary"]]
            for name in names:
                vocabulary = self.vocabularies.get(name)
                if vocabulary is None:
                    raise PatternError(f"unknown vocabulary '{name}'")
                terms[vocabulary.case_sensitive] += vocabulary.terms_for(language)
                sources += vocabulary.patterns_for(language)
        else:
            raise PatternError(
                f"a pattern must be a string, a list, a language map or {{vocabulary: name}}, not {spec!r}"
            )

    def regex(self, source: str, language: str | None, case_sensitive: bool) -> RulePattern:
        """One regex with its ``\\L<name>`` lists filled in for ``language``; built once, compiled on first use."""
        key = (source, language, case_sensitive)
        cached = self._regexes.get(key)
        if cached is not None:
            return cached
        named: dict[str, Any] = {}  # regex named lists (keyword arguments of regex.compile)
        profile_lists = self.profile_lists.get(language or "", {})

        def expand(match: regex.Match[str]) -> str:
            name = match.group(1)
            if name in named:
                return match.group(0)
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
        requirement = self._known[key] if key in self._known else required_literals(expanded, named)
        literals = self.scanner.register(requirement)
        pattern = self._regexes[key] = RulePattern(source, expanded, flags, named, literals)
        self._requirements[key] = requirement
        return pattern

    def requirements_data(self) -> list[list[Any]]:
        """What the scanner needs for every regex built so far (after validation: all the pack has), as plain
        JSON data for the pack cache (``load_requirements`` takes it back)."""
        return literal_data.rows_to_data(self._requirements)

    def load_requirements(self, data: Any) -> None:
        """Requirements from a pack cache verified against the pack's content hash: no literal extraction at
        run time, and one automaton for the whole pack. ValueError if the data is malformed."""
        known = literal_data.rows_from_data(data)
        self._known.update(known)
        for requirement in known.values():
            self.scanner.register(requirement)

    def check(self, spec: Any, language: str | None, case_sensitive: bool = False) -> None:
        """Raise PatternError if the spec cannot be built (used when a pack is validated)."""
        matcher = self._build(spec, language, case_sensitive)
        for pattern in matcher.regexes if matcher is not None else ():
            pattern.compiled  # noqa: B018 - compiling is the check
