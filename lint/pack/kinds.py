"""Each rule kind owns its fields (as Vale's check types do): one typed definition per kind.

The definitions here are the single source of truth for rule keys: the loader validates a rule against
the keys of its kind (a key of another kind is an error naming the kind it belongs to), and
``lint/schemas/rule.schema.json`` is generated from them (``python -m lint.pack.rule_schema``).

Three meanings that one key ``when`` used to carry have their own names now: ``applies-when`` (a
document precondition, any kind), ``if`` (the trigger of a ``conditional``) and ``images-where`` (the
per-image filter of a ``per: image`` rule). ``unless`` is judged once per document; ``unless-match``
once per match (with ``sentence``/``paragraph`` conditions). A ``contains`` condition searches ``body``
unless it names a scope, like every rule. Old keys keep working: :func:`normalise` rewrites them and
returns a note naming the new key.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from lint.pack.names import IMAGE_SCOPES, SCOPES, SEVERITIES
from lint.pack.yamlio import LineDict

RULE_TYPES = ("require", "forbid", "conditional", "attribution", "metadata")
DEFAULT_SCOPE = "body"  # of a rule and of a `contains` condition alike
ANCHORS = ("scope", "body-end", "title", "front-matter", "if")
PERS = ("document", "image", "unit")


@dataclass(frozen=True)
class Key:
    """One rule key: its name, the JSON Schema of its value, what it means, and whether a rule needs it."""

    name: str
    schema: Mapping[str, Any]
    description: str
    required: bool = False
    per_check: bool = True  # may differ between the checks of one rule (an entry of `also`)


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/$defs/{name}"}


_BOOL = {"type": "boolean"}
_CASE = {"enum": ["sensitive", "insensitive"]}

# Keys every kind has. `per_check=False`: the same for all checks of one rule (`also` cannot change them).
COMMON: tuple[Key, ...] = (
    Key("id", {"type": "string", "pattern": "^[a-z0-9][a-z0-9-]*$"}, "the rule id; equals the file name", True, False),
    Key("type", {"enum": list(RULE_TYPES)}, "the rule kind: " + ", ".join(RULE_TYPES), True),
    Key("severity", {"enum": list(SEVERITIES)}, "error, warning or info", True, False),
    Key(
        "languages",
        {"type": "array", "items": {"type": "string", "pattern": "^(any|[a-z]{2,3})$"}, "minItems": 1},
        "languages with a profile (rules/languages/<code>.yaml), or [any]",
        True,
        False,
    ),
    Key("scope", _ref("scope"), f"where the rule looks (default {DEFAULT_SCOPE})"),
    Key("case", _CASE, "patterns are case-insensitive unless case: sensitive"),
    Key("message", _ref("text"), "the finding's message ({match} is the matched text)", True),
    Key("summary", _ref("text"), "one line for rule lists (default: the message)", False, False),
    Key("rationale", _ref("text"), "why the rule exists", True, False),
    Key("reference", _ref("text"), "the standard it enforces", True, False),
    Key(
        "help-uri",
        {"type": "string", "format": "uri", "pattern": "^[A-Za-z][A-Za-z0-9+.-]*:\\S+$"},
        "link to this rule's documentation, shown in --show-source, GitHub annotations, JUnit and SARIF "
        "(helpUri); by default rule-docs-url (config) or --rule-docs-url, else docs/rules.md, plus '#<rule id>'",
        False,
        False,
    ),
    Key("examples", _ref("examples"), "pass, fail and todo examples (editorial-lint test-rules)", True, False),
    Key("applies-when", _ref("condition"), "a document precondition: the rule runs only where this holds"),
    Key("unless", _ref("condition"), "the rule does not run on a document where this holds"),
    Key("yields-to", {"type": "array", "items": {"type": "string"}}, "ids of rules whose findings win on overlap"),
    Key("opt-in", _BOOL, "off unless selected", False, False),
    Key("extends", {"type": "string"}, "a house rule changing a loaded rule of this id", False, False),
    Key("also", {"type": "array", "items": _ref("check")}, "further checks under this id", False, False),
    Key(
        "audit-phrases",
        {
            "type": "object",
            "properties": {"heading": {"type": "string", "minLength": 1}, "order": {"type": "integer"}},
            "required": ["heading"],
            "additionalProperties": False,
        },
        "the audit lists the most frequent excerpts of this rule's findings (source phrases) in a table under "
        "heading; tables in ascending order",
        False,
        False,
    ),
    Key(
        "quick-fix",
        {"enum": ["credit-line"]},
        "the fix the editor integration (LSP) offers for this rule's findings: credit-line (insert an agency "
        "credit line)",
        False,
        False,
    ),
    Key(
        "reported-by",
        {"enum": ["suppressions"]},
        "a pass after the rules makes this rule's findings (suppressions: unused, unknown and malformed "
        "suppressions); its own check never fires",
        False,
        False,
    ),
    Key(
        "reasons",
        {"type": "object", "additionalProperties": _ref("text")},
        "with reported-by: the named texts the pass fills into the message's {why}",
        False,
        False,
    ),
)
_UNLESS_MATCH = Key(
    "unless-match",
    _ref("condition"),
    "a match is no finding where this holds (sentence/paragraph conditions look around the match)",
)
_OUTSIDE_QUOTES = Key("outside-quotes", _BOOL, "look only outside quotations")
_PATTERN = Key("pattern", _ref("pattern"), "what to look for", True)
_SOURCE = Key("source", _ref("pattern"), "cues that attribute a claim", True)
_IMPERSONAL = Key(
    "impersonal",
    _ref("pattern"),
    'cues that are impersonal formulas ("hieß es"): their source is of kind impersonal',
)
SOURCE_KINDS = ("person", "organisation", "vague", "anonymous", "impersonal")
_ANCHOR = Key(
    "anchor",
    {"enum": [*ANCHORS, "when"]},
    "where a finding about something missing points (if: at what triggered it; 'when' is its old name)",
)

# How an `attribution` claim may be sourced: the routes of DESIGN.md, Attribution, each a named way out of
# "claim without a source", tried in the order a rule lists them in `sourced-by`.
ROUTES: dict[str, str] = {
    "same-sentence": "a cue in the claim's sentence (a cue only inside a literal hedge, 'is said to', is none)",
    "introducer": "a speaker named before a colon just before the claim (the rule's `introducer`)",
    "quotation-runs-on": "a quotation opening a paragraph after one whose quotation ran on (British style)",
    "introducing-paragraph": "a quotation opening a paragraph after one ending in a colon with a cue",
    "chain": "the sentence before is sourced; over a paragraph break only reported speech runs on",
    "closer": "a short sentence with a cue right after the quotation ('…', Sanborn said.)",
    "following-sentence": "the next sentence of the paragraph names who said it ('Das teilte die Polizei mit.')",
    "sustained": "a claim matching `sustains` is sourced by sourced reported speech earlier in its paragraph",
}


@dataclass(frozen=True)
class ClaimKind:
    """What the claims of an `attribution` rule are: `claim: quote` (speech quotations) or a pattern."""

    record: str  # the claim's kind in the source model (facts.sources)
    reported_speech: bool  # a quotation is reported speech itself: it runs on over a paragraph break
    routes: tuple[str, ...]  # the default of `sourced-by`


CLAIM_KINDS = {
    "quote": ClaimKind("quote", True, tuple(ROUTES)),
    "pattern": ClaimKind("claim", False, ("same-sentence", "introducer", "chain", "following-sentence", "sustained")),
}


def claim_kind(spec: Any) -> ClaimKind:
    """The kind of claim an `attribution` rule's `claim` value names."""
    return CLAIM_KINDS["quote" if spec == "quote" else "pattern"]


KINDS: dict[str, tuple[Key, ...]] = {
    "require": (
        _PATTERN,
        Key("per", {"enum": list(PERS)}, "document (default), or each image or unit on its own"),
        Key("images-where", _ref("condition"), "per: image: the images the rule is about (image-symbolic)"),
        _ANCHOR,
        _OUTSIDE_QUOTES,
    ),
    "forbid": (
        _PATTERN,
        _UNLESS_MATCH,
        _OUTSIDE_QUOTES,
        Key(
            "sources",
            {"type": "array", "items": {"enum": list(SOURCE_KINDS)}},
            "also report every cue (from `source`) whose source phrase is of one of these kinds",
        ),
        Key("source", _ref("pattern"), "with `sources`: the cues whose source phrases are judged"),
        _IMPERSONAL,
    ),
    "conditional": (
        Key("if", _ref("condition"), "the trigger: when it holds, `then` must hold too"),
        Key("then", _ref("condition"), "what must hold", True),
        _ANCHOR,
    ),
    "attribution": (
        Key("claim", {"anyOf": [{"const": "quote"}, _ref("pattern")]}, "quote (speech quotations) or a pattern", True),
        _SOURCE,
        _IMPERSONAL,
        Key(
            "continues",
            _ref("pattern"),
            "sentences that keep a chain of reported speech going without needing a source (Konjunktiv II)",
        ),
        Key(
            "introducer",
            _ref("pattern"),
            'claim: quote: text that introduces a quotation just before it, as a speaker ("Name, role:")',
        ),
        Key(
            "sustains",
            _ref("pattern"),
            "claims matching this are sourced by sourced reported speech anywhere earlier in their paragraph",
        ),
        Key(
            "sourced-by",
            {"type": "array", "items": {"enum": list(ROUTES)}, "uniqueItems": True, "minItems": 1},
            "the ways a claim may be sourced, tried in this order: "
            + "; ".join(f"{name}: {meaning}" for name, meaning in ROUTES.items())
            + ". Default for claim: quote: all; for a pattern: "
            + ", ".join(CLAIM_KINDS["pattern"].routes),
        ),
        _UNLESS_MATCH,
    ),
    "metadata": (
        Key("fields", {"type": "object", "additionalProperties": _ref("field")}, "front-matter fields", True),
    ),
}

# The fields of a pattern item that carries its exceptions as data (lint/pack/exemptions.py): the regex,
# and the words that, right before or after a match, make it no match. An editor reads and extends the
# lists; the loader writes them out as look-arounds of the same regex, so matching is what it was.
_WORDS = _ref("wordList")
PATTERN_FIELDS: tuple[Key, ...] = (
    Key("regex", {"type": "string"}, "the pattern (a regex, as a plain pattern string)", True),
    Key(
        "not-after",
        _WORDS,
        "no match right after one of these words and a space (a word written with a final '-' also "
        "when joined by a hyphen: 'Gott-'); a list of words or {vocabulary: name}",
    ),
    Key(
        "not-before",
        _WORDS,
        "no match right before a space and one of these words (end the regex at a word boundary, or a "
        "shorter match slips past the list); a list of words or {vocabulary: name}",
    ),
)

# Old keys: still read, with a note naming the new one. `when` maps by kind (see `normalise`).
DEPRECATED = {"when": "applies-when, if or images-where", "match": "contains"}
PATTERN_KEYS = ("pattern", "claim", "source", "continues", "introducer", "sustains", "impersonal")
CONDITION_KEYS = ("applies-when", "unless", "unless-match", "if", "then", "images-where")


def keys_of(kind: str) -> dict[str, Key]:
    return {key.name: key for key in (*COMMON, *KINDS.get(kind, ()))}


def owner_of(name: str) -> list[str]:
    """The kinds that have a key (for the message about a key of another kind)."""
    return [kind for kind, keys in KINDS.items() if any(k.name == name for k in keys)]


def part_keys(kind: str) -> set[str]:
    return {name for name, key in keys_of(kind).items() if key.per_check}


def _per_match(cond: Any) -> bool:
    if isinstance(cond, dict):
        return "sentence" in cond or "paragraph" in cond or any(_per_match(v) for v in cond.values())
    if isinstance(cond, list):
        return any(_per_match(v) for v in cond)
    return False


def _rename_match(cond: Any) -> tuple[Any, bool]:
    """``match`` (scope default document) → ``contains`` with the scope written out; whether one changed."""
    if isinstance(cond, list):
        items = [_rename_match(c) for c in cond]
        return [c for c, _ in items], any(changed for _, changed in items)
    if not isinstance(cond, dict):
        return cond, False
    changed = "match" in cond
    out: dict[str, Any] = {}
    for name, value in cond.items():
        if name == "match":
            out["contains"] = value
            out.setdefault("scope", cond.get("scope", "document"))
            continue
        if name in ("any", "all", "not"):
            value, inner = _rename_match(value)
            changed = changed or inner
        out[name] = value
    return out, changed


def normalise(data: LineDict, inherited: Mapping[str, Any] | None = None) -> tuple[LineDict, list[tuple[int, str]]]:
    """The rule with old keys rewritten to the new ones, and a (line, note) for each rewrite.

    ``inherited`` is the rule an ``extends`` file changes: its type, per and scope decide what a
    ``when`` of the house file means.
    """
    base = {**(inherited or {}), **data}
    kind, lines = base.get("type"), dict(getattr(data, "lines", {}))
    notes: list[tuple[int, str]] = []
    out = LineDict()
    for name, value in data.items():
        line = lines.get(name, data.line or 1)
        if name == "when":
            image_filter = base.get("per", "document") != "document" and base.get("scope") in IMAGE_SCOPES
            new = "if" if kind == "conditional" else "images-where" if image_filter else "applies-when"
            if image_filter:  # before: checked for the document and for each image
                out["applies-when"], lines["applies-when"] = value, line
            notes.append((line, f"'when' is deprecated here: write '{new}'"))
            name = new
        elif name == "unless" and _per_match(value):
            notes.append(
                (line, "'unless' with sentence/paragraph conditions is judged per match: write 'unless-match'")
            )
            name = "unless-match"
        elif name == "anchor" and value == "when":
            notes.append((line, "'anchor: when' is deprecated: write 'anchor: if'"))
            value = "if"
        elif name == "also" and isinstance(value, list):
            parts = []
            for item in value:
                if isinstance(item, dict):
                    # Before, an entry inherited the rule's `when` and `unless`; now each check has its own.
                    copied = {k: base[k] for k in ("when", "unless") if k in base and k not in item}
                    written = set(item)
                    item, part_notes = normalise(LineDict({**copied, **item}), {**base, "when": None, "also": None})
                    own = part_keys(str(item.get("type", kind)))
                    # An inherited condition the entry's kind never read (a forbid's per-match `unless` on a
                    # conditional) stays behind.
                    item = LineDict({k: v for k, v in item.items() if k in own or k in written})
                    notes += [(line, note) for _, note in part_notes]
                parts.append(item)
            value = parts
        if name in CONDITION_KEYS:
            value, renamed = _rename_match(value)
            if renamed:
                notes.append((line, f"condition 'match' in '{name}' is deprecated: write 'contains' (with scope)"))
        out[name] = value
        lines[name] = line
    out.lines, out.line = lines, data.line
    return out, notes


__all__ = [
    "ANCHORS",
    "DEFAULT_SCOPE",
    "KINDS",
    "PATTERN_FIELDS",
    "PERS",
    "RULE_TYPES",
    "SCOPES",
    "Key",
    "keys_of",
    "normalise",
]
