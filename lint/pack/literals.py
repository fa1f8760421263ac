"""The literals every match of a regex must contain, read conservatively from the pattern's source.

``required_literals(source, lists)`` returns a set of case-folded strings of which any match contains at
least one, or None when that cannot be proven (the pattern must then always run). A scanner finds which
literals a text holds in one pass; a pattern none of whose literals occur cannot match there and is
neither run nor compiled. Being wrong in the safe direction only costs time: anything this reader does not
understand (verbose or V1 syntax, fuzzy matching, conditionals, recursion) makes the whole pattern
"always run", and optional or repeated-zero parts, classes, lookarounds and backreferences contribute no
literal. Everything is case-folded (``str.casefold``) and compared against the case-folded text, which is
a superset test for case-sensitive and case-insensitive patterns alike: where a pattern matches, the
folded text holds the folded literal.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

MAX_EXACT = 64  # at most this many alternatives are multiplied out when literals are concatenated
MIN_LITERAL = 2  # a set holding a shorter literal filters nothing worth a scan: the pattern always runs
_SIMPLE_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "f": "\f", "v": "\v", "a": "\a"}
_ANY_ESCAPES = frozenset("dDwWsSpPXNhHvVRK")  # one character (or a cluster) of a kind: no literal
_ZERO_WIDTH_ESCAPES = frozenset("bBAZzGmM")
_PLAIN_RUN = re.compile(r"[^\\()\[\]{}|?*+.^$]+")  # characters that stand for themselves (not verbose mode)


class Unsupported(Exception):
    """Syntax this reader does not model; the pattern always runs."""


Requirement = tuple[frozenset[str], ...]  # every set must be met, each by any one of its strings


@dataclass(frozen=True, slots=True)
class Info:
    """What one piece of a pattern matches: exactly one of a few strings (``exact``), or something that
    holds, for each set in ``required``, one of its strings (an empty tuple: nothing is known)."""

    exact: frozenset[str] | None
    required: Requirement = ()

    def requirement(self) -> Requirement:
        if self.exact is not None:
            return () if "" in self.exact else (self.exact,)
        return self.required


EMPTY = Info(frozenset({""}))
ANY = Info(None)
MAX_SETS = 4  # a requirement keeps its most selective sets


def _score(literals: frozenset[str]) -> int:
    return min((len(s) for s in literals), default=0)


def _selective(literals: frozenset[str]) -> bool:
    """Whether testing for the set filters anything: no empty string, no single letter or digit."""
    return bool(literals) and all(len(s) >= MIN_LITERAL or (len(s) == 1 and not s.isalnum()) for s in literals)


def _conjunction(sets: Sequence[frozenset[str]]) -> Requirement:
    kept = sorted(dict.fromkeys(s for s in sets if _selective(s)), key=lambda s: (-_score(s), len(s), sorted(s)))
    return tuple(kept[:MAX_SETS])


def _sequence(items: Sequence[Info]) -> Info:
    """Pieces one after another: runs of exact pieces multiply out into longer strings ("f", "oto", ":" →
    "foto:"); the result is exact if every piece is, else every run and requirement found on the way."""
    candidates: list[frozenset[str]] = []
    run: frozenset[str] = frozenset({""})
    exact_throughout = True
    for item in items:
        if item.exact is not None and len(run) * len(item.exact) <= MAX_EXACT:
            run = frozenset(a + b for a in run for b in item.exact)
            continue
        exact_throughout = False
        candidates.append(run)
        if item.exact is not None:
            run = item.exact
        else:
            run = frozenset({""})
            candidates += item.required
    if exact_throughout:
        return Info(run)
    candidates.append(run)
    return Info(None, _conjunction(candidates))


def _alternate(branches: Sequence[Info]) -> Info:
    if all(b.exact is not None for b in branches):
        union = frozenset().union(*(b.exact for b in branches if b.exact is not None))
        if len(union) <= MAX_EXACT:
            return Info(union)
    # One of the branches matched: its most selective set is met; the union of those sets is required.
    required: set[str] = set()
    for branch in branches:
        requirement = branch.requirement()
        if not requirement:
            return ANY
        required |= requirement[0]
    return Info(None, _conjunction([frozenset(required)]))


class _Reader:
    def __init__(self, source: str, lists: Mapping[str, Sequence[str]]) -> None:
        self.source = source
        self.lists = lists
        self.pos = 0

    def peek(self, length: int = 1) -> str:
        return self.source[self.pos : self.pos + length]

    def alternation(self) -> Info:
        branches = [self.sequence()]
        while self.peek() == "|":
            self.pos += 1
            branches.append(self.sequence())
        return branches[0] if len(branches) == 1 else _alternate(branches)

    def sequence(self) -> Info:
        items = []
        while self.pos < len(self.source) and self.peek() not in "|)":
            items.append(self.quantified(self.atom()))
        return _sequence(items)

    def quantified(self, info: Info) -> Info:
        char = self.peek()
        if char == "?":
            self.pos += 1
            info = Info(info.exact | {""}) if info.exact is not None else ANY
        elif char == "*":
            self.pos += 1
            info = ANY
        elif char == "+":
            self.pos += 1
            info = Info(None, info.requirement())
        elif char == "{":
            bounds = self._bounds()
            if bounds is None:
                return info
            low, high = bounds
            if low == 0:
                info = ANY
            elif not (low == 1 and high == 1):
                info = Info(None, info.requirement())
        else:
            return info
        if self.peek() in ("?", "+"):  # lazy or possessive: the same strings
            self.pos += 1
        return info

    def _bounds(self) -> tuple[int, int | None] | None:
        end = self.source.find("}", self.pos)
        if end < 0:
            return None
        body = self.source[self.pos + 1 : end]
        low_text, comma, high_text = body.partition(",")
        if not (low_text.isdigit() or (comma and not low_text)) or (high_text and not high_text.isdigit()):
            if body[:1] in "eidsEIDS" and body[:1].isalpha():
                raise Unsupported("fuzzy matching")
            return None  # a literal "{"
        self.pos = end + 1
        low = int(low_text) if low_text else 0
        high = (int(high_text) if high_text else None) if comma else low
        return low, high

    def atom(self) -> Info:
        char = self.peek()
        if char == "(":
            return self.group()
        if char == "[":
            return self.char_class()
        if char == "\\":
            return self.escape()
        run = _PLAIN_RUN.match(self.source, self.pos)
        if run is not None and run.end() - self.pos > 1:
            # A run of plain characters is one string; its last character stays apart if it is quantified.
            end = run.end() - 1 if self.source[run.end() : run.end() + 1] in ("?", "*", "+", "{") else run.end()
            self.pos = end
            return Info(frozenset({run.group()[: end - run.start()].casefold()}))
        self.pos += 1
        if char in "^$":
            return EMPTY
        if char == ".":
            return ANY
        if char in "*+?":
            raise Unsupported("nothing to repeat")
        if char == "{" and self._looks_like_bounds():
            raise Unsupported("nothing to repeat")
        return Info(frozenset({char.casefold()}))

    def _looks_like_bounds(self) -> bool:
        self.pos -= 1
        saved = self.pos
        try:
            return self._bounds() is not None
        finally:
            self.pos = saved + 1

    def group(self) -> Info:
        self.pos += 1
        if self.peek() != "?":
            return self._group_body()
        self.pos += 1
        kind = self.peek()
        if kind == ":":
            self.pos += 1
            return self._group_body()
        if kind in "=!" or (kind == "<" and self.peek(2)[1:] in ("=", "!")):
            self.pos += 1 if kind in "=!" else 2
            self._group_body()  # a lookaround consumes nothing: what it sees adds no required literal
            return EMPTY
        if (kind == "P" and self.peek(2) == "P<") or kind == "<":
            close = self.source.find(">", self.pos)
            if close < 0:
                raise Unsupported("unclosed group name")
            self.pos = close + 1
            return self._group_body()
        if kind == "P" and self.peek(2) == "P=":
            close = self.source.find(")", self.pos)
            if close < 0:
                raise Unsupported("unclosed backreference")
            self.pos = close + 1
            return ANY
        if kind == ">":  # atomic group: matches a subset of what its body matches
            self.pos += 1
            return self._group_body()
        if kind == "#":
            close = self.source.find(")", self.pos)
            if close < 0:
                raise Unsupported("unclosed comment")
            self.pos = close + 1
            return EMPTY
        return self._flags()

    def _flags(self) -> Info:
        start = self.pos
        while self.pos < len(self.source) and (self.peek().isalpha() or self.peek() in "-0123456789"):
            self.pos += 1
        flags = self.source[start : self.pos]
        if not flags or any(f in flags for f in ("x", "V1", "X")) or not all(c in "aiLmsuwf-V0" for c in flags):
            raise Unsupported(f"group (?{flags}")
        if self.peek() == ")":
            self.pos += 1
            return EMPTY
        if self.peek() == ":":
            self.pos += 1
            return self._group_body()
        raise Unsupported("flags")

    def _group_body(self) -> Info:
        info = self.alternation()
        if self.peek() != ")":
            raise Unsupported("unbalanced parenthesis")
        self.pos += 1
        return info

    def char_class(self) -> Info:
        self.pos += 1
        negated = self.peek() == "^"
        if negated:
            self.pos += 1
        members: set[str] = set()
        known = not negated
        first = True
        while True:
            if self.pos >= len(self.source):
                raise Unsupported("unclosed class")
            char = self.peek()
            if char == "]" and not first:
                self.pos += 1
                break
            first = False
            if char == "[":
                if self.peek(2) in ("[:", "[=", "[."):
                    close = self.source.find(self.peek(2)[1] + "]", self.pos + 2)
                    if close < 0:
                        raise Unsupported("unclosed POSIX class")
                    self.pos = close + 2
                    known = False
                    continue
                self.pos += 1
                members.add("[")
                continue
            if char == "\\":
                escaped = self.peek(2)[1:]
                self.pos += 2
                if escaped in _SIMPLE_ESCAPES:
                    members.add(_SIMPLE_ESCAPES[escaped])
                elif escaped.isalnum():
                    known = False
                    if escaped in "pPN":
                        self._skip_property(escaped)
                    elif escaped in "xuU":
                        self._skip_code(escaped)
                else:
                    members.add(escaped)
                continue
            if self.peek(2)[1:] == "-" and self.source[self.pos + 2 : self.pos + 3] not in ("]", ""):
                self.pos += 3
                known = False  # a range: too many characters to list
                if self.source[self.pos - 1] == "\\":
                    self.pos += 1
                continue
            members.add(char)
            self.pos += 1
        folded = frozenset(m.casefold() for m in members)
        if known and members and len(folded) <= 8:
            return Info(folded)
        return ANY

    def _skip_property(self, kind: str) -> None:
        """Step over the name of ``\\p{…}``/``\\pL``/``\\N{…}`` (a property or a named character)."""
        if kind not in "pPN":
            return
        if self.peek() == "{":
            close = self.source.find("}", self.pos)
            if close < 0:
                raise Unsupported("unclosed property")
            self.pos = close + 1
        elif kind != "N":
            self.pos += 1

    def _skip_code(self, kind: str) -> None:
        """Step over the digits of ``\\xhh``, ``\\x{…}``, ``\\uhhhh`` or ``\\Uhhhhhhhh`` (inside a class)."""
        if kind == "x" and self.peek() == "{":
            close = self.source.find("}", self.pos)
            if close < 0:
                raise Unsupported("unclosed code escape")
            self.pos = close + 1
            return
        self.pos += {"x": 2, "u": 4, "U": 8}[kind]

    def escape(self) -> Info:
        escaped = self.peek(2)[1:]
        self.pos += 2
        if not escaped:
            raise Unsupported("trailing backslash")
        if escaped in _SIMPLE_ESCAPES:
            return Info(frozenset({_SIMPLE_ESCAPES[escaped]}))
        if escaped in _ZERO_WIDTH_ESCAPES:
            return EMPTY
        if escaped == "L" and self.peek() == "<":
            close = self.source.find(">", self.pos)
            name = self.source[self.pos + 1 : close]
            if close < 0 or name not in self.lists:
                raise Unsupported("unknown named list")
            self.pos = close + 1
            terms = frozenset(t.casefold() for t in self.lists[name])
            return Info(terms) if len(terms) <= MAX_EXACT or "" in terms else Info(None, (terms,))
        if escaped in _ANY_ESCAPES:
            self._skip_property(escaped)
            return ANY
        if escaped in "xuU":
            start = self.pos
            self._skip_code(escaped)
            digits = self.source[start : self.pos].strip("{}")
            return Info(frozenset({chr(int(digits, 16)).casefold()}))
        if escaped.isdigit() or escaped == "g":
            raise Unsupported("backreference or octal escape")
        if escaped.isalnum():
            raise Unsupported(f"escape \\{escaped}")
        return Info(frozenset({escaped.casefold()}))


def required_literals(source: str, lists: Mapping[str, Sequence[str]] | None = None) -> Requirement | None:
    """Sets of case-folded strings such that every match of ``source`` lies in a text whose folded form
    holds, for each set, one of its strings; None when nothing can be proven (the pattern always runs).

    ``lists`` holds the named lists a ``\\L<name>`` in the source refers to, as the pattern is compiled.
    """
    reader = _Reader(source, lists or {})
    try:
        info = reader.alternation()
        if reader.pos != len(source):
            return None  # an unbalanced ")"
    except (Unsupported, IndexError, ValueError):
        return None
    requirement = _conjunction(info.requirement())
    return requirement or None
