"""Rule packs: loading rule files, validating them precisely, and compiling their patterns once."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from lint.pack.kinds import (
    ANCHORS,
    CONDITION_KEYS,
    DEFAULT_SCOPE,
    KINDS,
    PATTERN_KEYS,
    PERS,
    ROUTES,
    RULE_TYPES,
    SOURCE_KINDS,
    keys_of,
    owner_of,
    part_keys,
)
from lint.pack.names import IMAGE_SCOPES, SCOPES, SEVERITIES, is_absolute_uri
from lint.pack.patterns import PatternCompiler, PatternError, is_language_map
from lint.pack.profiles import LanguageProfile
from lint.pack.templates import check_field_spec, check_templates
from lint.pack.vocab import Vocabulary
from lint.pack.yamlio import LineDict

# The keys of each kind, which of them a rule needs and which an `also` entry may change: lint/pack/kinds.py.
# `also` lists further checks under the same id, severity, languages and examples (opinion-label: a
# forbid for news plus a conditional for labelled genres). Each entry overrides keys of its own kind.
FACTS = {
    "byline",
    "agency-credit",
    "images",
    "image-credit",
    "image-symbolic",
    "quotes",
    "language",
    "format",
    "language-known",
}
EXAMPLE_KEYS = {"text", "lang", "format", "expect", "note"}


class RuleError(Exception):
    """A rule pack that does not validate: one entry per problem, each naming file, line and rule."""

    def __init__(self, problems: list[tuple[str, int | None, str]]) -> None:
        super().__init__(problems[0][2] if problems else "invalid rule pack")
        self.problems = problems

    def lines(self) -> list[str]:
        return [f"{path}:{line}: {message}" if line else f"{path}: {message}" for path, line, message in self.problems]


@dataclass
class Example:
    rule: str
    kind: str  # pass | fail | todo
    index: int
    text: str
    lang: str | None = None
    format: str = "text"
    expect: list[dict[str, int]] = field(default_factory=list)
    note: str = ""

    @property
    def id(self) -> str:
        return f"{self.rule}::{self.kind}[{self.index}]"


@dataclass
class Rule:
    id: str
    type: str
    severity: str
    languages: list[str]
    data: dict[str, Any]  # the validated YAML, keys as written
    path: str
    line: int = 1
    examples: list[Example] = field(default_factory=list)
    parts: list[Rule] = field(default_factory=list)  # the `also` checks, each a Rule with this id
    notes: list[str] = field(default_factory=list)  # deprecation notes ("path:line: note: …"), kept in the cache
    default_language: str | None = None  # the pack's (profiles.default_language): texts missing in a language

    def get(self, key: str, default: Any = None) -> Any:
        return self.data.get(key, default)

    @property
    def opt_in(self) -> bool:
        return bool(self.data.get("opt-in", False))

    def applies_to(self, language: str | None) -> bool:
        return "any" in self.languages or (language is not None and language in self.languages)

    def text_for(self, key: str, language: str | None = None) -> str:
        """A text of the rule in ``language``, else in the pack's default language, else ``any``, else the first;
        without a language (rule lists, docs), in the default language."""
        return self.in_language(self.data.get(key, ""), language)

    def in_language(self, value: Any, language: str | None = None) -> str:
        """A text value of the rule (a string, or a mapping from language to string) in ``language``."""
        if isinstance(value, dict):
            for lang in (language, self.default_language, "any"):
                if lang and lang in value:
                    return str(value[lang])
            return str(next(iter(value.values()), ""))
        return str(value)

    def summary(self) -> str:
        summary = self.text_for("summary") or self.text_for("message")
        return summary.split("\n")[0].strip()


@dataclass
class RulePack:
    rules: dict[str, Rule]
    vocabularies: dict[str, Vocabulary]
    profiles: dict[str, LanguageProfile]
    compiler: PatternCompiler
    digest: str
    cache_key: str = ""  # the validated pack's content key in the pack cache ("" when it was not cached)

    def notes(self) -> list[str]:
        """Deprecation notes of the pack's rules (old keys that still work), for stderr."""
        return [note for rule in sorted(self.rules.values(), key=lambda r: r.id) for note in rule.notes]

    def info(self) -> list[dict[str, Any]]:
        """Rule metadata for reporters (SARIF rule descriptions, `rules`)."""
        return [
            {
                "id": r.id,
                "severity": r.severity,
                "languages": r.languages,
                "summary": r.summary(),
                "message": r.text_for("message"),
                "rationale": r.text_for("rationale").strip(),
                "reference": r.text_for("reference").strip(),
                "help_uri": r.get("help-uri"),
                "opt_in": r.opt_in,
                **({"audit_phrases": r.get("audit-phrases")} if r.get("audit-phrases") else {}),
            }
            for r in sorted(self.rules.values(), key=lambda r: r.id)
        ]


def _validate(
    rule: Rule,
    rules: dict[str, Rule],
    compiler: PatternCompiler,
    languages: set[str],
    problems: list[tuple[str, int | None, str]],
    part: bool = False,
) -> None:
    data = rule.data
    lines: dict[str, int] = getattr(data, "lines", {})

    def problem(key: str | None, message: str) -> None:
        problems.append((rule.path, lines.get(key, rule.line) if key else rule.line, f"rule '{rule.id}': {message}"))

    allowed = keys_of(rule.type)
    for key in data:
        if key in allowed:
            continue
        owners = owner_of(key)
        if owners:
            problem(key, f"key '{key}' belongs to {' and '.join(owners)} rules, not to a '{rule.type}' rule")
        else:
            problem(key, f"unknown key '{key}'")
    for name, spec in allowed.items():
        if spec.required and name not in data and not (part and not spec.per_check):
            kind_key = spec in KINDS.get(rule.type, ())
            problem(None, f"a '{rule.type}' rule needs '{name}'" if kind_key else f"missing required key '{name}'")
    if rule.type not in RULE_TYPES:
        problem("type", f"'type' must be one of {', '.join(RULE_TYPES)} (got '{rule.type}')")
    if rule.severity not in SEVERITIES:
        problem("severity", f"'severity' must be one of {', '.join(SEVERITIES)} (got '{rule.severity}')")
    if not rule.languages or not all(isinstance(x, str) and (x in languages or x == "any") for x in rule.languages):
        problem(
            "languages", f"'languages' must list languages with a profile ({', '.join(sorted(languages))}) or 'any'"
        )
    scope = data.get("scope", DEFAULT_SCOPE)
    if scope not in SCOPES:
        problem("scope", f"unknown scope '{scope}' (one of {', '.join(SCOPES)})")
    if data.get("per", "document") not in PERS:
        problem("per", f"'per' must be one of {', '.join(PERS)}")
    if "images-where" in data and not (data.get("per", "document") != "document" and scope in IMAGE_SCOPES):
        problem("images-where", "'images-where' picks images: it needs 'per: image' and an image scope")
    kinds = data.get("sources", [])
    if not isinstance(kinds, list) or not all(k in SOURCE_KINDS for k in kinds):
        problem("sources", f"'sources' must list source kinds ({', '.join(SOURCE_KINDS)})")
    routes = data.get("sourced-by", [*ROUTES])
    if not isinstance(routes, list) or not routes or not all(isinstance(r, str) and r in ROUTES for r in routes):
        problem("sourced-by", f"'sourced-by' must list routes of attribution ({', '.join(ROUTES)})")
    elif len(set(routes)) != len(routes):
        problem("sourced-by", "'sourced-by' lists a route twice")
    if data.get("anchor", "scope") not in ANCHORS:
        problem("anchor", f"'anchor' must be one of {', '.join(ANCHORS)}")
    if data.get("case", "insensitive") not in ("sensitive", "insensitive"):
        problem("case", "'case' must be 'sensitive' or 'insensitive'")
    for key in ("message", "rationale", "reference", "summary"):
        value = data.get(key)
        if value is not None and not (
            isinstance(value, str)
            or (is_language_map(value, languages) and all(isinstance(v, str) for v in value.values()))
        ):
            problem(key, f"'{key}' must be a string or a map of language to string")
    if "help-uri" in data and not is_absolute_uri(data["help-uri"]):
        problem("help-uri", "'help-uri' must be an absolute URL (https://…), the page documenting this rule")
    yields = data.get("yields-to", [])
    if not isinstance(yields, list) or not all(isinstance(y, str) and y in rules for y in yields):
        problem("yields-to", "'yields-to' must list ids of loaded rules")
    case_sensitive = data.get("case") == "sensitive"
    for key in PATTERN_KEYS:
        if key in data and not (key == "claim" and data[key] == "quote"):
            _check_pattern(data[key], key, rule, compiler, languages, case_sensitive, problem)
    for key in CONDITION_KEYS:
        if key in data:
            _check_condition(data[key], key, rule, compiler, languages, problem)
    if not isinstance(data.get("outside-quotes", False), bool):
        problem("outside-quotes", "'outside-quotes' must be true or false")
    _check_fields(rule, compiler, problem)
    check_templates(rule.data.get("message"), problem)
    if not part:  # `also` parts share the rule's examples
        rule.examples = _examples(rule, languages, problem)
        rule.parts = _parts(rule, rules, compiler, languages, problems, problem)


def _parts(
    rule: Rule,
    rules: dict[str, Rule],
    compiler: PatternCompiler,
    languages: set[str],
    problems: list[tuple[str, int | None, str]],
    problem: Any,
) -> list[Rule]:
    """The rule's `also` checks, each validated like a rule of its own."""
    also = rule.data.get("also")
    if also is None:
        return []
    if not isinstance(also, list) or not all(isinstance(item, dict) for item in also):
        problem("also", "'also' must be a list of mappings (further checks under this rule's id)")
        return []
    parts = []
    for index, item in enumerate(also):
        kind = str(item.get("type", rule.type))
        # A check inherits the keys its own kind has (not a forbid's pattern), but not the conditions:
        # each check states its own (old `when`/`unless` were copied into the entry by kinds.normalise).
        inherited = part_keys(kind) - set(CONDITION_KEYS)
        base = {k: v for k, v in rule.data.items() if k in inherited}
        allowed = part_keys(kind)
        unknown = sorted(set(item) - allowed)
        if unknown:
            problem(
                "also",
                f"'also[{index}]': key '{unknown[0]}' cannot differ between checks of one rule "
                f"(allowed for a '{kind}' check: {', '.join(sorted(allowed))})",
            )
            continue
        merged = LineDict({**base, **item})
        merged.lines = dict(getattr(rule.data, "lines", {}))
        part = Rule(
            id=rule.id,
            type=str(merged.get("type")),
            severity=rule.severity,
            languages=rule.languages,
            data=merged,
            path=rule.path,
            line=merged.lines.get("also", rule.line),
            default_language=rule.default_language,
        )
        _validate(part, rules, compiler, languages, problems, part=True)
        parts.append(part)
    return parts


def _check_pattern(
    spec: Any, key: str, rule: Rule, compiler: PatternCompiler, languages: set[str], case_sensitive: bool, problem: Any
) -> None:
    for language in [*(sorted(languages) if "any" in rule.languages else rule.languages), None]:
        try:
            compiler.check(spec, language, case_sensitive)
        except PatternError as exc:
            problem(key, f"'{key}': {exc}")
            return


def _check_condition(
    cond: Any, key: str, rule: Rule, compiler: PatternCompiler, languages: set[str], problem: Any
) -> None:
    if not isinstance(cond, dict):
        problem(key, f"'{key}' must be a mapping of conditions")
        return
    for name, value in cond.items():
        if name in ("any", "all"):
            if not isinstance(value, list):
                problem(key, f"'{key}.{name}' must be a list of conditions")
                continue
            for item in value:
                _check_condition(item, key, rule, compiler, languages, problem)
        elif name == "not":
            _check_condition(value, key, rule, compiler, languages, problem)
        elif name == "front-matter":
            if not isinstance(value, dict):
                problem(key, f"'{key}.front-matter' must map fields to values")
        elif name in ("contains", "sentence", "paragraph"):
            _check_pattern(value, f"{key}.{name}", rule, compiler, languages, cond.get("case") == "sensitive", problem)
        elif name == "scope":
            if value not in SCOPES:
                problem(key, f"unknown scope '{value}' in '{key}'")
        elif name == "case":
            continue
        elif name not in FACTS:
            problem(
                key,
                f"unknown condition '{name}' in '{key}' (facts: {', '.join(sorted(FACTS))}; "
                "or any, all, not, front-matter, contains, sentence, paragraph)",
            )


def _check_fields(rule: Rule, compiler: PatternCompiler, problem: Any) -> None:
    fields = rule.data.get("fields")
    if fields is None:
        return
    if not isinstance(fields, dict):
        problem("fields", "'fields' must map front-matter fields to {required, pattern, values}")
        return
    for name, spec in fields.items():
        if check_field_spec(name, spec, problem) and "pattern" in spec:  # compiled now, not at a run
            _check_pattern(
                spec["pattern"], f"fields.{name}.pattern", rule, compiler, compiler.languages, False, problem
            )


def _examples(rule: Rule, languages: set[str], problem: Any) -> list[Example]:
    raw = rule.data.get("examples")
    if not isinstance(raw, dict):
        problem("examples", "'examples' must map pass/fail/todo to lists")
        return []
    examples: list[Example] = []
    for kind, items in raw.items():
        if kind not in ("pass", "fail", "todo"):
            problem("examples", f"unknown example kind '{kind}' (pass, fail, todo)")
            continue
        if not isinstance(items, list):
            problem("examples", f"'examples.{kind}' must be a list")
            continue
        for index, item in enumerate(items):
            example = _example(rule.id, kind, index, item, languages, problem)
            if example:
                examples.append(example)
    for kind in ("pass", "fail"):
        if not any(e.kind == kind for e in examples):
            problem("examples", f"needs at least one '{kind}' example")
    return examples


def _example(rule_id: str, kind: str, index: int, item: Any, languages: set[str], problem: Any) -> Example | None:
    if isinstance(item, str):
        return Example(rule_id, kind, index, item)
    if not isinstance(item, dict) or not isinstance(item.get("text"), str):
        problem("examples", f"example {kind}[{index}] must be a string or a mapping with 'text'")
        return None
    unknown = set(item) - EXAMPLE_KEYS
    if unknown:
        problem("examples", f"example {kind}[{index}]: unknown key '{sorted(unknown)[0]}'")
    lang = item.get("lang")
    if lang is not None and lang not in languages:
        problem("examples", f"example {kind}[{index}]: unknown lang '{lang}'")
    fmt = item.get("format", "text")
    if fmt not in ("text", "markdown", "html"):
        problem("examples", f"example {kind}[{index}]: format must be text, markdown or html")
    expect = item.get("expect", [])
    if not isinstance(expect, list) or not all(isinstance(e, dict) and isinstance(e.get("line"), int) for e in expect):
        problem("examples", f"example {kind}[{index}]: 'expect' must be a list of {{line, column?}}")
        expect = []
    return Example(rule_id, kind, index, item["text"], lang, fmt, expect, str(item.get("note", "")))
