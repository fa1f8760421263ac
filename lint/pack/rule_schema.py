"""The JSON Schema for rule files, generated from the kind definitions (lint/pack/kinds.py).

``python -m lint.pack.rule_schema`` writes ``lint/schemas/rule.schema.json``; a test keeps the shipped
file equal to what this module builds, so the loader and the schema editors use cannot drift apart.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from lint.pack.kinds import COMMON, DEFAULT_SCOPE, KINDS, PATTERN_FIELDS, RULE_TYPES, Key, keys_of, part_keys
from lint.pack.names import SCOPES
from lint.pack.ruleset import FACTS

SCHEMA_PATH = Path(__file__).resolve().parent.parent / "schemas" / "rule.schema.json"
_LANGUAGE_KEY = {"type": "string", "pattern": "^(any|[a-z]{2,3})$"}
# Old keys a rule may still use (the loader rewrites them with a note naming the new key).
_DEPRECATED_WHEN: dict[str, Any] = {
    "$ref": "#/$defs/condition",
    "deprecated": True,
    "description": "deprecated: applies-when (a document precondition), if (conditional) or images-where (per: image)",
}
_FORMATS = ["text", "markdown", "html", "jsonl"]


def _defs() -> dict[str, Any]:
    pattern_item = {
        "description": "A regex (regex module, case-insensitive unless case: sensitive; \\L<name> = a vocabulary or "
        "a list of the language profile), {vocabulary: name|[names]}, {regex: …, not-after: …, not-before: …}, a "
        "language map of these, or a list of these.",
        "oneOf": [
            {"type": "string"},
            {"$ref": "#/$defs/vocabularyRef"},
            {
                "type": "object",
                "description": "A regex with its exceptions as data: "
                + "; ".join(f"{key.name}: {key.description}" for key in PATTERN_FIELDS),
                "properties": {key.name: key.schema for key in PATTERN_FIELDS},
                "required": [key.name for key in PATTERN_FIELDS if key.required],
                "additionalProperties": False,
            },
            {
                "type": "object",
                "propertyNames": _LANGUAGE_KEY,
                "not": {"required": ["vocabulary"]},
                "minProperties": 1,
                "additionalProperties": {"$ref": "#/$defs/pattern"},
            },
        ],
    }
    facts: dict[str, Any] = {name: {"type": "boolean"} for name in sorted(FACTS)}
    facts["language"] = {"oneOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]}
    facts["format"] = {"oneOf": [{"enum": _FORMATS}, {"type": "array", "items": {"enum": _FORMATS}}]}
    condition = {
        "description": "All keys must hold. any/all/not combine; front-matter compares fields (true = present and "
        f"truthy); facts; contains (+scope, default {DEFAULT_SCOPE}; case) searches a scope; sentence/paragraph "
        "search the sentence/paragraph of each match (in unless-match).",
        "type": "object",
        "properties": {
            "any": {"type": "array", "items": {"$ref": "#/$defs/condition"}},
            "all": {"type": "array", "items": {"$ref": "#/$defs/condition"}},
            "not": {"$ref": "#/$defs/condition"},
            "front-matter": {"type": "object"},
            "contains": {"$ref": "#/$defs/pattern"},
            "match": {
                "$ref": "#/$defs/pattern",
                "deprecated": True,
                "description": "deprecated: contains (match searched the document unless it named a scope)",
            },
            "sentence": {"$ref": "#/$defs/pattern"},
            "paragraph": {"$ref": "#/$defs/pattern"},
            "scope": {"$ref": "#/$defs/scope"},
            "case": {"enum": ["sensitive", "insensitive"]},
            **facts,
        },
        "additionalProperties": False,
    }
    example = {
        "oneOf": [
            {"type": "string"},
            {
                "type": "object",
                "properties": {
                    "text": {"type": "string"},
                    "lang": {"type": "string"},
                    "format": {"enum": ["text", "markdown", "html"]},
                    "expect": {"type": "array", "items": {"$ref": "#/$defs/expect"}},
                    "note": {"type": "string"},
                },
                "required": ["text"],
                "additionalProperties": False,
            },
        ]
    }
    examples = {
        "type": "object",
        "properties": {
            kind: {"type": "array", "items": {"$ref": "#/$defs/example"}} for kind in ("pass", "fail", "todo")
        },
        "additionalProperties": False,
    }
    return {
        "text": {
            "description": "A string, or a map from language (a profile's code, or any) to string.",
            "oneOf": [
                {"type": "string"},
                {
                    "type": "object",
                    "propertyNames": _LANGUAGE_KEY,
                    "additionalProperties": {"type": "string"},
                    "minProperties": 1,
                },
            ],
        },
        "patternItem": pattern_item,
        "vocabularyRef": {
            "type": "object",
            "properties": {
                "vocabulary": {
                    "oneOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}, "minItems": 1}]
                }
            },
            "required": ["vocabulary"],
            "additionalProperties": False,
        },
        "wordList": {
            "description": "Words (literal, matched as the pattern's case), or {vocabulary: name|[names]}.",
            "oneOf": [
                {"type": "array", "items": {"type": "string", "minLength": 1}, "minItems": 1},
                {"$ref": "#/$defs/vocabularyRef"},
            ],
        },
        "pattern": {
            "oneOf": [
                {"$ref": "#/$defs/patternItem"},
                {"type": "array", "items": {"$ref": "#/$defs/patternItem"}, "minItems": 1},
            ]
        },
        "scope": {"enum": list(SCOPES)},
        "condition": condition,
        "expect": {
            "type": "object",
            "properties": {"line": {"type": "integer", "minimum": 1}, "column": {"type": "integer", "minimum": 1}},
            "required": ["line"],
            "additionalProperties": False,
        },
        "example": example,
        "examples": examples,
        "field": {
            "type": "object",
            "properties": {
                "required": {"type": "boolean"},
                "pattern": {"$ref": "#/$defs/pattern"},
                "values": {"type": "array"},
                "type": {"type": "string"},
            },
            "additionalProperties": False,
        },
        "check": _check(),
    }


def _property(key: Key, kinds: list[str]) -> dict[str, Any]:
    where = "" if len(kinds) == len(RULE_TYPES) else " (" + ", ".join(kinds) + ")"
    return {**key.schema, "description": key.description + where}


def _all_keys(per_check_only: bool) -> dict[str, dict[str, Any]]:
    keys: dict[str, tuple[Key, list[str]]] = {}
    for kind in RULE_TYPES:
        for name, key in keys_of(kind).items():
            if per_check_only and not key.per_check:
                continue
            keys.setdefault(name, (key, []))[1].append(kind)
    properties = {name: _property(key, kinds) for name, (key, kinds) in keys.items()}
    properties["when"] = _DEPRECATED_WHEN
    return properties


def _kind_rules(names: Any) -> list[dict[str, Any]]:
    """One if/then per kind: a rule of that kind may use only its own keys (and the old ``when``)."""
    return [
        {
            "if": {"properties": {"type": {"const": kind}}, "required": ["type"]},
            "then": {"propertyNames": {"enum": sorted({*names(kind), "when"})}},
        }
        for kind in RULE_TYPES
    ]


def _check() -> dict[str, Any]:
    return {
        "description": "A further check under the rule's id (an entry of `also`): keys of its own kind; it "
        "inherits the rule's keys of that kind but not its conditions.",
        "type": "object",
        "properties": _all_keys(per_check_only=True),
        "additionalProperties": False,
        "allOf": _kind_rules(part_keys),
    }


def build_schema() -> dict[str, Any]:
    required_common = [key.name for key in COMMON if key.required]
    requirements = [
        {
            "if": {"properties": {"type": {"const": kind}}, "required": ["type"], "not": {"required": ["extends"]}},
            "then": {"required": [key.name for key in KINDS[kind] if key.required]},
        }
        for kind in RULE_TYPES
    ]
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://editorial-lint.invalid/schemas/rule.schema.json",
        "title": "editorial-lint rule file",
        "description": "One rule per file, rules/<id>.yaml (DESIGN.md, Rule files). Generated from "
        "lint/pack/kinds.py by `python -m lint.pack.rule_schema`; do not edit. Each kind has its own keys. "
        "The loader validates more (patterns compile, vocabularies exist, ids in yields-to are loaded).",
        "type": "object",
        "$defs": _defs(),
        "properties": _all_keys(per_check_only=False),
        "additionalProperties": False,
        "allOf": [*_kind_rules(lambda kind: set(keys_of(kind))), *requirements],
        "if": {"required": ["extends"]},
        "then": {"required": ["id"]},
        "else": {
            "required": required_common,
            "properties": {
                "examples": {
                    "required": ["pass", "fail"],
                    "properties": {"pass": {"minItems": 1}, "fail": {"minItems": 1}},
                }
            },
        },
    }


def render() -> str:
    return json.dumps(build_schema(), indent=2, ensure_ascii=False) + "\n"


def main() -> int:
    SCHEMA_PATH.write_text(render(), encoding="utf-8")
    print(f"wrote {SCHEMA_PATH}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
