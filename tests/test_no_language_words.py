"""No language word, language code or rule id is named in the Python of ``lint/`` (issue 11).

Every word the document model or a check needs lives in ``rules/`` (a language profile, a vocabulary or
the rule that uses it), so a newsroom adding a language reads YAML, not Python. The check reads each
module's string constants with ``ast`` (docstrings and comments are prose about the code and are left
out) and looks for three things:

* a constant that *is* a word of a shipped profile or vocabulary (``"der"``, ``"photo"``), a language
  code of a shipped profile (``"de"``) or a shipped rule id (``"agency-credit"``);
* in a regex literal (a constant with regex syntax), a word of an alternation or a literal run that is
  such a word (``(?:von|van|de)``, ``\\b(?:Updated|Aktualisiert)\\b``);
* the same for the parts of f-strings.

``ALLOWED`` lists the constants that match a word by coincidence but name something of the rule
format, the report format or HTML — each with the reason it is no language word.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import regex
import yaml

ROOT = Path(__file__).resolve().parent.parent
LINT = ROOT / "lint"
RULES = ROOT / "rules"

# Constants that equal a language word by coincidence. Each names a thing of a format, not of a language.
ALLOWED: dict[str, str] = {
    # Keys and values of the rule, profile and vocabulary format (docs/rules.md, docs/languages.md).
    "source": "rule key (attribution cues) and profile/vocabulary key",
    "sources": "rule key (forbid: the source kinds reported) and profile key (the source model's lists)",
    "quote": "value of the rule key claim (claim: quote)",
    "name": "profile key (the language's name) and JSON/SARIF key",
    "title": "scope name and document field",
    "any": "language value of the rule format (languages: [any])",
    "all": "condition key (all: [...]) and the suppression of every rule",
    "not": "condition key (not: ...)",
    "if": "conditional rule key",
    "then": "conditional rule key",
    "per": "require rule key (per: image)",
    "document": "scope name and value of per",
    "image": "value of per and an HTML element role",
    "unit": "value of per",
    "body": "scope name",
    "case": "rule and vocabulary key (case: sensitive)",
    "fields": "metadata rule key",
    "values": "metadata field key",
    "type": "rule key and metadata field key",
    "pattern": "rule key",
    "terms": "vocabulary key",
    "patterns": "vocabulary key",
    "canonical": "vocabulary key",
    "examples": "rule key",
    "pass": "examples key",
    "fail": "examples key",
    "todo": "examples key",
    "expect": "examples key",
    "text": "examples key and report field",
    "note": "examples key and severity of a SARIF level",
    "line": "report and examples key",
    "column": "report and examples key",
    "reason": "suppression record key",
    "message": "rule key",
    "summary": "rule key",
    "reference": "rule key",
    "rationale": "rule key",
    "severity": "rule key",
    "scope": "rule key",
    "anchor": "rule key",
    "paragraph": "condition scope (paragraph: ...)",
    "sentence": "condition scope (sentence: ...)",
    "impersonal": "rule key and source kind",
    "person": "source kind",
    "organisation": "source kind",
    "vague": "source kind",
    "anonymous": "source kind",
    "error": "severity",
    "warning": "severity",
    "info": "severity",
    "credit": "scope name and HTML role",
    "caption": "scope name and HTML role",
    "alt": "scope name and HTML attribute",
    "images": "scope name",
    "lead": "scope name",
    "tail": "scope name",
    "head": "scope name and HTML element",
    "kicker": "HTML role",
    "byline": "document field and scope name",
    "author": "front-matter field and HTML meta name",
    "lang": "front-matter field and HTML attribute",
    "date": "front-matter field",
    "format": "examples key",
    "markdown": "document format",
    "html": "document format",
    "plain": "document format",
    "json": "report format",
    "text/html": "media type",
    "rules": "sub-command and configuration key",
    "check": "sub-command",
    "audit": "sub-command",
    "serve": "sub-command",
    "path": "report key",
    "file": "report key",
    "count": "report key",
    "used": "suppression record key",
    "suppressed": "suppression record key",
    "kind": "suppression record key",
    "rule": "report key",
    "id": "rule key",
    "to": "report key (a range's end)",
    "from": "report key (a range's start)",
    "a": "HTML element (a link)",
    "p": "HTML element",
    "b": "HTML element",
    "i": "HTML element",
    "s": "HTML element",
    "u": "HTML element",
    "q": "HTML element (an inline quotation)",
    "em": "HTML element",
    "time": "HTML element",
    "figure": "HTML element",
    "picture": "HTML element",
    "main": "HTML element",
    "article": "HTML element",
    "section": "HTML element and front-matter field",
    "header": "HTML element",
    "footer": "HTML element",
    "aside": "HTML element",
    "nav": "HTML element",
    "content": "HTML attribute (meta content)",
    "property": "HTML attribute",
    "class": "HTML attribute",
    "style": "HTML element",
    "label": "regex group name and HTML attribute",
    "holder": "regex group name (the credit holder)",
    "names": "regex group name",
    "on": "YAML 1.1 boolean that the loader reads as a string key",
    "when": "old rule key, still read (kinds.normalise)",
    "also": "rule key (further checks under one id)",
    "headline": "schema.org property and document field (HTML metadata), not the label word",
    "level": "SARIF result property and log-level name",
    "part": "key of a pack-cache record (what was built from the pack)",
    "named": "attribute name in __slots__ (the named lists a compiled pattern takes)",
    "no": "Unicode property name No (Number, other) in a regex",
    "unknown": "report value of an undetected language (facts, audit summary)",
    "und": "BCP 47 code of an undetermined language (the fallback profile), not the German word",
    "agency": "audit grouping key (--group-by agency) and a report column",
    "by": "audit report key (the grouping of a table)",
    "search": "name of a regex method (lazy patterns)",
    "post": "HTTP method",
    "other": "metrics label of an unknown server endpoint",
    "opinion": "value of the genre field (the rule format), mapped from schema.org types",
    "analysis": "value of the genre field (the rule format), mapped from schema.org types",
    "report": "schema.org type name (Report)",
    "attribution": "rule kind (type: attribution)",
    "hit": "Python class name (Hit) in __all__",
    "articlebody": "schema.org microdata property (itemprop=articleBody)",
    "img": "HTML element",
    "editorial": "SARIF tag of every rule (the tool's domain)",
    "tags": "SARIF property name",
    "w": "file mode (write)",
    "r": "file mode (read)",
    "x": "file mode (exclusive create)",
}

# Names of the document facts conditions read (`{agency-credit: true}`): facts of the document, named like
# the rules that read them; allowed only where the facts are defined.
FACTS_AT = {"lint/checks/conditions.py", "lint/pack/ruleset.py"}
FACT_NAMES = {"agency-credit", "image-credit"}

# A list word or vocabulary term of one letter or two is too short to tell: the check looks at whole
# constants for those (``"de"`` as a constant), and at longer words inside regex literals.
MIN_REGEX_WORD = 3
_REGEX_SYNTAX = regex.compile(r"\(\?[:=!<iPa-z-]|\\[bpwsdL]|\w\|\w")
# Prose with regex syntax in it (a description naming \\L<name>) is not a regex: four words in a row.
_PROSE = regex.compile(r"(?:\p{L}+[ ,]+){4}")
# The tool's own name is no language word ("editorial-lint-disable" in directive patterns).
_TOOL_NAME = regex.compile(r"editorial-lint", regex.IGNORECASE)
# Regex parts that are syntax, not words: escapes, named groups and lists, flags, classes.
_REGEX_NOISE = regex.compile(
    r"\\[pPL]\{[^}]*\}|\\L<[^>]*>|\(\?P<[^>]*>|\(\?P=[^)]*\)|\(\?[a-zA-Z-]*[:)]|\\[a-zA-Z]|\[\^?(?:\\.|[^\]])*\]"
)
_WORD = regex.compile(r"\p{L}+")


def _words_of(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, list):
        for item in value:
            yield from _words_of(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from _words_of(item)


def _language_words() -> tuple[set[str], set[str]]:
    """(every folded word of the shipped profiles' lists and vocabularies' terms, the language codes)."""
    words: set[str] = set()
    codes: set[str] = set()
    for path in sorted((RULES / "languages").glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        codes.add(data["language"])
        for key, value in data.items():
            if key in ("language", "name", "source", "ordinal-dot", "title-case-titles"):
                continue
            if key == "quotes":
                continue  # punctuation, not words
            words.update(_fold(w) for w in _words_of(value))
    for path in sorted((RULES / "vocabularies").glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        words.update(_fold(w) for w in _words_of(data.get("terms") or {}))
        # A pattern that is a plain word (html_*.yaml lists "caption" as a pattern) is a word too.
        words.update(_fold(p) for p in _words_of(data.get("patterns") or {}) if _WORD.fullmatch(p))
    return {w for w in words if _WORD.fullmatch(w)}, codes


def _fold(word: str) -> str:
    return word.strip().casefold()


def _rule_ids() -> set[str]:
    return {path.stem for path in RULES.glob("*.yaml")}


def _docstrings(tree: ast.AST) -> set[int]:
    found: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                found.add(id(body[0].value))
        # A bare string statement anywhere is a comment written as a string.
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant):
            found.add(id(node.value))
    return found


def _constants(path: Path) -> Iterator[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    skip = _docstrings(tree)
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skip:
            yield node.lineno, node.value


def offences(path: Path, words: set[str], codes: set[str], ids: set[str], name: str) -> list[str]:
    """Every offending constant of one module, as ``name:line: what``.

    A constant with white space around it (``" and "``, ``"wrote "``) is a piece of an interface message,
    which is English like the tool's whole interface, not a word the model reads.
    """
    found = []
    for line, value in _constants(path):
        whole = _fold(value)
        if whole in ALLOWED or (value != value.strip() and value.strip()):
            continue
        if whole in FACT_NAMES and name in FACTS_AT:
            continue
        listed = [part for part in regex.split(r"[|,/\s]+", whole) if part]
        if len(listed) > 1 and any(part in codes for part in listed):  # "de|en|auto"
            found.append(f"{name}:{line}: language codes in {value!r}")
        elif whole in codes:
            found.append(f"{name}:{line}: language code {value!r}")
        elif whole in ids:
            found.append(f"{name}:{line}: rule id {value!r}")
        elif whole in words:
            found.append(f"{name}:{line}: language word {value!r}")
        elif _REGEX_SYNTAX.search(value) and not _PROSE.search(value):
            bare = _REGEX_NOISE.sub(" ", _TOOL_NAME.sub(" ", value))
            hits = sorted(
                {
                    w
                    for w in (_fold(m) for m in _WORD.findall(bare))
                    if len(w) >= MIN_REGEX_WORD and w in words and w not in ALLOWED
                }
            )
            if hits:
                found.append(f"{name}:{line}: language words in a regex: {', '.join(hits)}")
    return found


def _modules() -> list[Path]:
    return sorted(p for p in LINT.rglob("*.py") if "__pycache__" not in p.parts)


def test_the_check_sees_words_codes_ids_and_regex_words(tmp_path: Path) -> None:
    """The check itself: each kind of offence in a module written for the test is found."""
    module = tmp_path / "sample.py"
    module.write_text(
        '"""Docstrings may say der, die, das."""\n'
        'ARTICLE = "der"\n'
        'CODE = "de"\n'
        'RULE = "vague-attribution"\n'
        'PARTICLES = r"(?:von|zu)[ \\t]+\\p{Lu}"\n'
        'KEY = "source"\n',
        encoding="utf-8",
    )
    found = offences(module, {"der", "von"}, {"de"}, {"vague-attribution"}, "sample.py")
    assert [f.split(": ", 1)[1] for f in found] == [
        "language word 'der'",
        "language code 'de'",
        "rule id 'vague-attribution'",
        "language words in a regex: von",
    ]


def test_no_language_word_code_or_rule_id_in_lint() -> None:
    words, codes = _language_words()
    assert len(words) > 500 and codes >= {"de", "en"}  # the lists were read
    # Words that were in Python before issue 11 are in the word set, so putting one back is caught.
    assert {"der", "their", "von", "bildunterschrift", "dachzeile", "aktualisiert", "foto", "quelle"} <= words
    ids = _rule_ids()
    found = [
        offence
        for module in _modules()
        for offence in offences(module, words, codes, ids, str(module.relative_to(ROOT)))
    ]
    assert not found, "move these to rules/ (a profile, a vocabulary or the rule):\n" + "\n".join(found)
