"""Vocabularies: named word lists (rules/vocabularies/<name>.yaml) that patterns refer to as ``\\L<name>``."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

from lint.pack.exemptions import written_out
from lint.pack.yamlio import LineDict, YamlError, load_file

_KEYS = {"source", "terms", "patterns", "case", "canonical"}
MAX_TERMS = 50_000  # a list this long is a mistake, and would make every pattern using it slow


@dataclass(frozen=True)
class Vocabulary:
    name: str
    path: str
    terms: dict[str, tuple[str, ...]]  # language (or "any") -> phrases
    patterns: dict[str, tuple[str, ...]] = field(default_factory=dict)
    case_sensitive: bool = False
    canonical: dict[str, str] = field(default_factory=dict)  # spelling -> canonical short name

    def terms_for(self, language: str | None) -> list[str]:
        found = list(self.terms.get("any", ()))
        if language:
            found += self.terms.get(language, ())
        else:
            for lang, words in self.terms.items():
                if lang != "any":
                    found += words
        return list(dict.fromkeys(found))

    def patterns_for(self, language: str | None) -> list[str]:
        found = list(self.patterns.get("any", ()))
        if language:
            found += self.patterns.get(language, ())
        return found

    def canonical_name(self, token: str) -> str:
        return self.canonical.get(token) or self.canonical.get(token.lower()) or token.lower()


def _by_language(data: Any, key: str, path: Path, line: int | None) -> dict[str, tuple[str, ...]]:
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise YamlError(str(path), f"'{key}' must map languages to lists", line)
    data = cast(LineDict, data)  # the line-counting loader's mappings know their key lines
    result: dict[str, tuple[str, ...]] = {}
    for lang, items in data.items():
        if not isinstance(items, list) or not all(isinstance(i, str) and i.strip() for i in items):
            raise YamlError(
                str(path), f"'{key}.{lang}' must be a list of non-empty strings", data.lines.get(lang, line)
            )
        if len(items) > MAX_TERMS:
            raise YamlError(str(path), f"'{key}.{lang}' has {len(items)} entries (at most {MAX_TERMS})", line)
        result[str(lang)] = tuple(dict.fromkeys(items))
    return result


def _exceptions_written_out(data: Any, path: Path) -> Any:
    """Patterns with their exceptions as data ({regex, not-after, not-before}) as regex strings."""
    if not isinstance(data, dict):
        return data
    lines = cast(LineDict, data).lines
    out = LineDict()
    for lang, items in data.items():
        line = lines.get(lang)

        def refuse(message: str, lang: Any = lang, line: int | None = line) -> None:
            raise YamlError(str(path), f"'patterns.{lang}': {message}", line)

        out[lang] = [written_out(item, refuse) for item in items] if isinstance(items, list) else items
    out.lines = dict(lines)
    return out


def load_vocabulary(path: Path) -> Vocabulary:
    data = load_file(path)
    if not isinstance(data, dict):
        raise YamlError(str(path), "a vocabulary must be a mapping with 'source' and 'terms'")
    data = cast(LineDict, data)  # the line-counting loader's mappings know their key lines
    for key in data:
        if key not in _KEYS:
            raise YamlError(str(path), f"unknown key '{key}' in vocabulary", data.lines.get(key))
    if not isinstance(data.get("source"), str) or not data["source"].strip():
        raise YamlError(str(path), "vocabulary needs 'source' (where the list comes from)", data.lines.get("source"))
    if "terms" not in data and "patterns" not in data:
        raise YamlError(str(path), "vocabulary needs 'terms' or 'patterns'")
    case = data.get("case", "insensitive")
    if case not in ("sensitive", "insensitive"):
        raise YamlError(str(path), "'case' must be 'sensitive' or 'insensitive'", data.lines.get("case"))
    canonical: dict[str, str] = {}
    raw_canonical = data.get("canonical") or {}
    if not isinstance(raw_canonical, dict):
        raise YamlError(str(path), "'canonical' must map names to spellings", data.lines.get("canonical"))
    for name, spellings in raw_canonical.items():
        if not isinstance(spellings, list) or not all(isinstance(s, str) for s in spellings):
            raise YamlError(
                str(path),
                f"'canonical.{name}' must be a list of spellings",
                cast(LineDict, raw_canonical).lines.get(name),
            )
        for spelling in spellings:
            canonical[spelling] = str(name)
    terms = _by_language(data.get("terms"), "terms", path, data.lines.get("terms"))
    if canonical:  # every spelling is a term, so a vocabulary cannot forget one of its aliases
        extra = [s for s in canonical if s not in {t for words in terms.values() for t in words}]
        if extra:
            terms["any"] = tuple(dict.fromkeys([*terms.get("any", ()), *extra]))
    return Vocabulary(
        name=path.stem,
        path=str(path),
        terms=terms,
        patterns=_by_language(
            _exceptions_written_out(data.get("patterns"), path), "patterns", path, data.lines.get("patterns")
        ),
        case_sensitive=case == "sensitive",
        canonical=canonical,
    )


def load_vocabularies(folders: list[Path]) -> dict[str, Vocabulary]:
    """Vocabularies of every pack; a later pack's list of the same name replaces the earlier one."""
    vocabularies: dict[str, Vocabulary] = {}
    for folder in folders:
        for path in sorted(folder.glob("*.yaml")):
            vocabulary = load_vocabulary(path)
            vocabularies[vocabulary.name] = vocabulary
    return vocabularies
