"""Loading a rule pack: the default pack and house packs, files merged in order (extends), validated, cached."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, cast

from lint.pack import packcache
from lint.pack.digest import sha256
from lint.pack.exemptions import compile_rule
from lint.pack.kinds import normalise
from lint.pack.patterns import PatternCompiler
from lint.pack.profiles import LanguageProfile, default_language, load_profiles, with_name_particles
from lint.pack.ruleset import Rule, RuleError, RulePack, _validate
from lint.pack.vocab import Vocabulary, load_vocabularies
from lint.pack.yamlio import LineDict, YamlError, load_file

DEFAULT_PACK = Path(__file__).resolve().parent.parent / "rules"


SOURCE_PACK = Path(__file__).resolve().parent.parent.parent / "rules"


def default_pack() -> Path:
    """The shipped pack: inside the installed package, or the repository's ``rules/`` when run from source."""
    return DEFAULT_PACK if (DEFAULT_PACK / "languages").is_dir() else SOURCE_PACK


def pack_files(folder: Path) -> list[Path]:
    if folder.is_file():
        return [folder]
    # Anything but a folder is listed, so that a FIFO or device named *.yaml is refused by name, not skipped.
    return sorted(p for p in folder.glob("*.yaml") if not p.is_dir()) + sorted(
        p for p in folder.glob("*.yml") if not p.is_dir()
    )


def load_pack(folders: list[Path], include_default: bool = True) -> RulePack:
    """Load and validate every rule of the given packs (the default pack first); raise RuleError.

    A pack that validated once is kept in a cache keyed by the content of all its files, so the next
    run (every commit, with pre-commit) skips parsing YAML and validating patterns.
    """
    default = default_pack()
    data_folders = [default] + [f for f in folders if f.is_dir() and f.resolve() != default.resolve()]
    rule_folders = ([default] if include_default else []) + [f for f in folders if f.resolve() != default.resolve()]
    problems: list[tuple[str, int | None, str]] = [
        (str(folder), None, "no such rule file or folder") for folder in rule_folders if not folder.exists()
    ]
    rule_paths = [path for folder in rule_folders if folder.exists() for path in pack_files(folder)]
    # Without the default rules, house rules may still `extends` one: the default files are read as bases only.
    base_paths = [] if include_default else pack_files(default)
    data_paths = [
        path
        for folder in data_folders
        for sub in ("vocabularies", "languages")
        if (folder / sub).is_dir()
        for path in sorted((folder / sub).glob("*.yaml"))
    ]
    try:
        contents = {path: _read_pack_file(path) for path in [*rule_paths, *data_paths, *base_paths]}
    except _Refused as exc:
        raise RuleError([(exc.path, None, exc.message)]) from None
    except OSError as exc:
        raise RuleError(
            [(str(getattr(exc, "filename", "") or "rules"), None, f"cannot read: {exc.strerror or exc}")]
        ) from None
    hashed = [*rule_paths, *data_paths, *base_paths]
    digest = "sha256:" + sha256(b"".join(contents[p] for p in hashed)).hexdigest()
    key = packcache.key(digest, [str(p) for p in hashed])
    if not problems:
        cached = packcache.read(key)
        if cached is not None and _complete(cached, rule_paths, data_paths):
            # What is built from the validated pack (the scanner's literal requirements) is cached under the
            # same ``key`` with packcache.read_part/write_part: plain JSON, checked by its reader.
            rules, vocabularies, profiles = cached
            compiler = _compiler(vocabularies, profiles)
            if packcache.load_part(key, "patterns", compiler.load_requirements):  # else: validate, write again
                return RulePack(rules, vocabularies, profiles, compiler, digest, key)
    try:
        vocabularies = load_vocabularies([f / "vocabularies" for f in data_folders if (f / "vocabularies").is_dir()])
        profiles = load_profiles([f / "languages" for f in data_folders if (f / "languages").is_dir()])
        particles = vocabularies.get("name_particles")
        profiles = with_name_particles(profiles, particles.terms_for(None) if particles else ())
    except YamlError as exc:
        raise RuleError([(exc.path, exc.line, exc.message)]) from None
    for name in vocabularies:
        if not name.isidentifier():
            problems.append(
                (vocabularies[name].path, None, f"vocabulary name '{name}' must be a Python-style identifier")
            )
    compiler = _compiler(vocabularies, profiles)
    bases = _merge(_read_rules(base_paths, []), []) if base_paths else {}
    rules = _merge(_read_rules(rule_paths, problems), problems, bases)
    pack_language = default_language(profiles)
    for rule in rules.values():
        rule.default_language = pack_language  # before validation, which builds the `also` parts from the rule
        _validate(rule, rules, compiler, compiler.languages, problems)
    if problems:
        raise RuleError(problems)
    packcache.write(key, (rules, vocabularies, profiles))
    packcache.write_part(key, "patterns", compiler.requirements_data())  # validation built every pattern
    return RulePack(rules, vocabularies, profiles, compiler, digest, key)


class _Refused(Exception):
    def __init__(self, path: str, message: str) -> None:
        super().__init__(message)
        self.path, self.message = path, message


def _read_pack_file(path: Path) -> bytes:
    """A rule, vocabulary or profile file: a regular file within the size limit of YAML files."""
    from lint.pack.safe_read import ReadRefused, read_regular
    from lint.pack.yamlio import MAX_YAML_FILE

    try:
        return read_regular(path, MAX_YAML_FILE, "the size limit of rule files")
    except ReadRefused as exc:
        raise _Refused(str(path), exc.message) from None


def _complete(
    cached: tuple[dict[str, Any], dict[str, Any], dict[str, Any]], rule_paths: list[Path], data_paths: list[Path]
) -> bool:
    """A cached pack holds exactly one rule per rule file and every vocabulary and profile of the packs:
    a cache that would run fewer rules is a damaged cache (rebuilt), never a smaller pack."""
    rules, vocabularies, profiles = cached
    expected_rules = {(path.stem, str(path)) for path in rule_paths}
    complete = (
        len(rules) == len(rule_paths)
        and {(rule.id, rule.path) for rule in rules.values()} == expected_rules
        and set(vocabularies) == {p.stem for p in data_paths if p.parent.name == "vocabularies"}
        and set(profiles) == {p.stem for p in data_paths if p.parent.name == "languages"}
    )
    if not complete:
        packcache.note_incomplete()
    return complete


def _read_rules(rule_paths: list[Path], problems: list[tuple[str, int | None, str]]) -> list[tuple[Path, LineDict]]:
    raw: list[tuple[Path, LineDict]] = []
    for path in rule_paths:
        try:
            data = load_file(path)
        except YamlError as exc:
            problems.append((exc.path, exc.line, exc.message))
            continue
        if not isinstance(data, dict):
            problems.append((str(path), None, "a rule file must be a mapping (one rule per file)"))
            continue
        raw.append((path, cast(LineDict, data)))
    return raw


def _compiler(vocabularies: dict[str, Vocabulary], profiles: dict[str, LanguageProfile]) -> PatternCompiler:
    # The languages a pack knows are the profiles it has: a language is data (rules/languages/<code>.yaml).
    return PatternCompiler(vocabularies, {code: p.lists() for code, p in profiles.items()}, set(profiles))


def _reporter(
    problems: list[tuple[str, int | None, str]], path: str, rule_id: str, lines: dict[str, int], line: int
) -> Callable[[str, str], None]:
    """Where a problem with one key of a rule goes: the problem list, with the file and the key's line."""

    def report(key: str, message: str) -> None:
        problems.append((path, lines.get(key, line), f"rule '{rule_id}': {key}: {message}"))

    return report


def _merge(
    raw: list[tuple[Path, LineDict]],
    problems: list[tuple[str, int | None, str]],
    bases: dict[str, Rule] | None = None,
) -> dict[str, Rule]:
    """Apply ``extends`` (to a rule read before, else to one of ``bases``) and reject plain duplicate ids."""
    rules: dict[str, Rule] = {}
    for path, data in raw:
        rule_id = data.get("id")
        line = data.lines.get("id", 1)
        if not isinstance(rule_id, str) or not rule_id:
            problems.append((str(path), line, "rule needs an 'id'"))
            continue
        if path.stem != rule_id:
            problems.append((str(path), line, f"rule '{rule_id}': id must equal the file name ('{path.stem}')"))
            continue
        base_id = data.get("extends")
        base = (rules.get(base_id) or (bases or {}).get(base_id)) if isinstance(base_id, str) else None
        data, notes = normalise(data, base.data if base is not None else None)
        data = compile_rule(data, _reporter(problems, str(path), rule_id, dict(data.lines), line))
        if base_id is not None:
            if base is None:
                problems.append(
                    (str(path), data.lines.get("extends"), f"rule '{rule_id}': extends unknown rule '{base_id}'")
                )
                continue
            merged = LineDict({**base.data, **{k: v for k, v in data.items() if k != "extends"}})
            merged.lines = {**base.data.lines, **data.lines} if isinstance(base.data, LineDict) else dict(data.lines)
            data = merged
        elif rule_id in rules:
            problems.append(
                (
                    str(path),
                    line,
                    f"rule '{rule_id}': duplicate id (also in {rules[rule_id].path}); use 'extends' to change a rule",
                )
            )
            continue
        rules[rule_id] = Rule(
            id=rule_id,
            type=str(data.get("type")),
            severity=str(data.get("severity")),
            languages=list(data.get("languages") or []),
            data=data,
            path=str(path),
            line=data.line or 1,
            # The shipped pack is on the new keys (tests/test_shipped_rule_keys.py): a note is a house file's.
            notes=[f"{path}:{line}: note: {note}" for line, note in notes],
        )
    return rules
