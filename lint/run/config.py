"""Configuration files: ``.editorial-lint.yaml`` or ``[tool.editorial-lint]`` in ``pyproject.toml``.

Found from the working directory upward (the nearest folder holding either wins; in one folder the
YAML file beats pyproject.toml, and a pyproject.toml without the table is passed over, as ruff does),
or named with ``--config``; ``--isolated`` reads none. Keys mirror the command-line options; every
problem (unknown key, bad value, unknown rule id) is a ConfigError naming the file, the key and, when
known, the line. Paths (``rules``, ``exclude``, ``overrides[].files``) are relative to the file.

``extends: PATH`` (relative to the file naming it) reads another configuration first, so that one desk's
file serves many content repositories; chains are allowed, a cycle is an error naming the files. The
extending file wins key by key; ``severity`` and ``front-matter-keys`` are merged entry by entry and the
base's ``overrides`` come before the file's own. A base's ``rules`` stay relative to the base; globs
(``include``, ``exclude``, ``overrides[].files``) describe the content repository and so are relative
to the configuration in use (the file found or named with --config), wherever they were written.
"""

from __future__ import annotations

import codecs
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from lint.checks.finding import SEVERITIES
from lint.pack.yamlio import YamlError, load_file
from lint.report import FORMATS

YAML_NAMES = (".editorial-lint.yaml", ".editorial-lint.yml")
TOML_TABLE = ("tool", "editorial-lint")
LIST_KEYS = ("select", "extend-select", "ignore")
OVERRIDE_KEYS = {"files", "select", "extend-select", "ignore", "severity", "lang"}


class ConfigError(Exception):
    def __init__(self, path: Path | str, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.path, self.message, self.line = str(path), message, line

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}" if self.line else f"{self.path}: {self.message}"


@dataclass
class Override:
    """``overrides: [{files: "archive/**", ignore: [agency-credit]}]``: settings for matching paths."""

    files: list[str]
    select: list[str] | None = None
    extend_select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    severity: dict[str, str] = field(default_factory=dict)
    lang: str | None = None
    line: int | None = None
    lines: dict[str, int] = field(default_factory=dict)  # line of each key, when known (YAML)
    origin: Path | None = None  # the file that wrote it, when a base configuration (extends) did
    index: int = 0  # its place in the file that wrote it


@dataclass
class Config:
    path: Path
    values: dict[str, Any]  # validated top-level keys, kebab-case as written
    lines: dict[str, int] = field(default_factory=dict)
    overrides: list[Override] = field(default_factory=list)
    origins: dict[str, Path] = field(default_factory=dict)  # key -> the base file that set it (extends)

    @property
    def root(self) -> Path:
        return self.path.resolve().parent

    def get(self, key: str, default: Any = None) -> Any:
        return self.values.get(key, default)

    def error(self, key: str, message: str, line: int | None = None, origin: Path | None = None) -> ConfigError:
        return ConfigError(
            origin or self.origins.get(key, self.path), f"'{key}': {message}", line or self.lines.get(key)
        )

    def rule_ids(self) -> Iterable[tuple[str, str, int | None, Path | None]]:
        """(key, rule id, line, file) for every rule the file names, to check against the loaded pack."""
        for key in LIST_KEYS:
            for rule_id in self.values.get(key) or []:
                yield key, rule_id, self.lines.get(key), self.origins.get(key)
        for rule_id in self.values.get("severity", {}):
            yield "severity", rule_id, self.lines.get("severity"), self.origins.get("severity")
        for override in self.overrides:
            index = override.index
            for key, ids in (
                ("select", override.select or []),
                ("extend-select", override.extend_select),
                ("ignore", override.ignore),
                ("severity", list(override.severity)),
            ):
                for rule_id in ids:
                    yield f"overrides[{index}].{key}", rule_id, override.lines.get(key, override.line), override.origin


# --- finding and reading ----------------------------------------------------------------------


def discover(start: Path) -> Path | None:
    """The nearest configuration file in ``start`` or a folder above it."""
    for folder in [start.resolve(), *start.resolve().parents]:
        for name in YAML_NAMES:
            if (folder / name).is_file():
                return folder / name
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file() and _has_table(pyproject):
            return pyproject
    return None


def _has_table(path: Path) -> bool:
    try:
        return "[tool.editorial-lint" in path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False


def load(path: Path, _chain: tuple[Path, ...] = ()) -> Config:
    """Read and validate one configuration file, and the files it ``extends``."""
    if not path.is_file():
        raise ConfigError(path, "no such configuration file")
    if path.suffix == ".toml":
        data, lines = _read_toml(path)
    else:
        data, lines = _read_yaml(path)
    extends = data.get("extends")
    config = _validate(path, {key: value for key, value in data.items() if key != "extends"}, lines)
    if extends is None:
        return config
    if not isinstance(extends, str) or not extends.strip():
        raise config.error("extends", f"must be the path of a configuration file (got {extends!r})")
    chain = (*_chain, path)
    base_path = path.resolve().parent / extends
    if any(base_path.resolve() == named.resolve() for named in chain):
        cycle = " -> ".join(str(named) for named in (*chain, base_path))
        raise config.error("extends", f"configuration files extend each other in a cycle: {cycle}")
    if not base_path.is_file():
        raise config.error("extends", f"no such configuration file: {base_path}")
    return _extended(load(base_path, chain), config)


def _extended(base: Config, config: Config) -> Config:
    """``config`` over its base: key by key, maps entry by entry, the base's overrides first."""
    values: dict[str, Any] = {}
    origins: dict[str, Path] = {}
    lines: dict[str, int] = {}
    for key, value in base.values.items():
        if key == "rules":  # rule packs named by the base are relative to the base
            value = [str(base.root / rule_path) for rule_path in value]
        values[key] = value
        origins[key] = base.origins.get(key, base.path)
        if key in base.lines:
            lines[key] = base.lines[key]
    for key, value in config.values.items():
        if key in ("severity", "front-matter-keys") and key in values:
            value = {**values[key], **value}
        values[key] = value
        origins.pop(key, None)
        if key in config.lines:
            lines[key] = config.lines[key]
        else:
            lines.pop(key, None)
    for key in ("extends", *(key for key in config.lines if key.startswith("overrides"))):
        if key in config.lines:
            lines[key] = config.lines[key]
    overrides = [override if override.origin else replace(override, origin=base.path) for override in base.overrides]
    return Config(config.path, values, lines, [*overrides, *config.overrides], origins)


def _read_yaml(path: Path) -> tuple[dict[str, Any], dict[str, int]]:
    try:
        data = load_file(path)
    except YamlError as exc:
        raise ConfigError(exc.path, exc.message, exc.line) from None
    if data is None:
        return {}, {}
    if not isinstance(data, dict):
        raise ConfigError(path, "a configuration file must be a mapping of keys to values", 1)
    return data, dict(getattr(data, "lines", {}))


def _read_toml(path: Path) -> tuple[dict[str, Any], dict[str, int]]:
    try:
        text = path.read_text(encoding="utf-8")
        import tomllib  # only when a pyproject.toml is read

        document = tomllib.loads(text)
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(path, f"cannot read: {exc}") from None
    except ValueError as exc:  # tomllib.TOMLDecodeError
        raise ConfigError(path, f"not valid TOML: {exc}") from None
    data = document.get(TOML_TABLE[0], {}).get(TOML_TABLE[1], {})
    if not isinstance(data, dict):
        raise ConfigError(path, "[tool.editorial-lint] must be a table")
    return data, _toml_lines(text)


def _toml_lines(text: str) -> dict[str, int]:
    """Lines of the keys of [tool.editorial-lint] (tomllib keeps none); overrides as 'overrides.<n>'."""
    lines: dict[str, int] = {}
    table = ""
    overrides = 0
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if line.startswith("["):
            table = line.strip("[] ").replace('"', "")
            if table == "tool.editorial-lint.overrides":
                lines[f"overrides.{overrides}"] = number
                overrides += 1
            continue
        if table == "tool.editorial-lint" and "=" in line and not line.startswith("#"):
            lines.setdefault(line.split("=", 1)[0].strip().strip('"'), number)
    return lines


# --- validation --------------------------------------------------------------------------------


def _strings(value: Any) -> list[str] | None:
    """A list of strings, or one comma-separated string (as on the command line)."""
    if isinstance(value, str):
        return [part.strip() for part in value.split(",") if part.strip()]
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return [item.strip() for item in value]
    return None


def _choice(*allowed: str) -> Callable[[Any], Any]:
    def check(value: Any) -> Any:
        return value if value in allowed else None

    check.__doc__ = f"one of {', '.join(allowed)}"
    return check


def _positive_int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) and value > 0 else None


def _size(value: Any) -> int | None:
    from lint.pack.sizes import SizeError, parse_size

    try:
        return parse_size(value) if isinstance(value, (int, str)) else None
    except SizeError:
        return None


def _jobs(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) and value >= 0 else None


def _encoding(value: Any) -> str | None:
    try:
        return value if isinstance(value, str) and codecs.lookup(value) else None
    except LookupError:
        return None


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) and value.strip() else None


def _bool(value: Any) -> bool | None:
    return value if isinstance(value, bool) else None


def _severity_map(value: Any) -> dict[str, str] | None:
    if isinstance(value, dict) and all(isinstance(k, str) and v in SEVERITIES for k, v in value.items()):
        return dict(value)
    return None


def _key_map(value: Any) -> dict[str, str] | None:
    if isinstance(value, dict) and all(isinstance(k, str) and isinstance(v, str) and v for k, v in value.items()):
        return dict(value)
    return None


_SEVERITY_WORDS = ", ".join(SEVERITIES)
# key -> (check returning the value or None when bad, what a good value is)
KEYS: dict[str, tuple[Callable[[Any], Any], str]] = {
    "select": (_strings, "a list of rule ids"),
    "extend-select": (_strings, "a list of rule ids"),
    "ignore": (_strings, "a list of rule ids"),
    "rules": (_strings, "a list of rule files or pack folders"),
    "no-default-rules": (_bool, "true or false"),
    "lang": (_text, "a language code (a profile's) or auto"),
    "min-severity": (_choice(*SEVERITIES), f"one of {_SEVERITY_WORDS}"),
    "fail-on": (_choice(*SEVERITIES, "never"), f"one of {_SEVERITY_WORDS}, never"),
    "include": (_strings, "a list of file-name globs"),
    "exclude": (_strings, "a list of path globs"),
    "force-exclude": (_bool, "true or false"),
    "jobs": (_jobs, "a whole number >= 0"),
    "encoding": (_encoding, "a known text encoding, e.g. utf-8 or cp1252"),
    "max-file-size": (_size, "a size in bytes, or a number with KB/MB (e.g. 500KB, 10MB)"),
    "format": (_choice(*FORMATS), f"one of {', '.join(FORMATS)}"),
    "severity": (_severity_map, f"a map of rule id to {_SEVERITY_WORDS}"),
    "front-matter-keys": (_key_map, "a map of field to dotted front-matter path"),
    "show-source": (_bool, "true or false"),
    "color": (_choice("auto", "always", "never"), "one of auto, always, never"),
    "statistics": (_bool, "true or false"),
    "quiet": (_bool, "true or false"),
    "cache": (_bool, "true or false"),
    "cache-dir": (_text, "a folder for the caches (relative to this file)"),
    "rule-docs-url": (_text, "the base URL of the rule documentation (e.g. https://docs.example.org/rules.html)"),
}


def _unknown(key: Any, known: Iterable[str]) -> str:
    import difflib  # only for the message about an unknown key

    hint = difflib.get_close_matches(str(key), list(known), n=1)
    return f"unknown key '{key}'" + (f" (did you mean '{hint[0]}'?)" if hint else "")


def _validate(path: Path, data: dict[str, Any], lines: dict[str, int]) -> Config:
    config = Config(path, {}, lines)
    for key, value in data.items():
        if key == "overrides":
            config.overrides = _overrides(config, value)
            continue
        if key not in KEYS:
            raise ConfigError(path, _unknown(key, [*KEYS, "overrides"]), lines.get(key))
        check, wanted = KEYS[key]
        checked = check(value)
        if checked is None:
            raise config.error(key, f"must be {wanted} (got {value!r})")
        config.values[key] = checked
    return config


def _overrides(config: Config, value: Any) -> list[Override]:
    if not isinstance(value, list):
        raise config.error("overrides", "must be a list of {files: glob, ...} entries")
    overrides = []
    for index, item in enumerate(value):
        line = getattr(item, "line", None) or config.lines.get(f"overrides.{index}") or config.lines.get("overrides")
        where = f"overrides[{index}]"
        if not isinstance(item, dict):
            raise config.error(where, "must be a mapping with 'files' and settings", line)
        item_lines: dict[str, int] = getattr(item, "lines", {})
        for key in item:
            if key not in OVERRIDE_KEYS:
                raise config.error(
                    where,
                    _unknown(key, OVERRIDE_KEYS) + " (allowed: " + ", ".join(sorted(OVERRIDE_KEYS)) + ")",
                    item_lines.get(key, line),
                )
        if "files" not in item:
            raise config.error(where, "needs 'files' (a glob or a list of globs)", line)
        override = Override(files=[], line=line, lines=dict(item_lines), index=index)
        for key in item:
            check, wanted = KEYS.get(key, (_strings, "a glob or a list of globs"))
            checked = check(item[key])
            if checked is None or (key == "files" and not checked):
                raise config.error(f"{where}.{key}", f"must be {wanted} (got {item[key]!r})", item_lines.get(key, line))
            setattr(override, key.replace("-", "_"), checked)
        overrides.append(override)
    return overrides


def check_rule_ids(config: Config, known: Iterable[str]) -> None:
    """Every rule id the file names must be loaded (a typo would silently check nothing)."""
    known = set(known)
    for key, rule_id, line, origin in config.rule_ids():
        if rule_id not in known and rule_id.lower() != "all":
            from lint.pack.hints import unknown_rule

            raise config.error(key, unknown_rule(rule_id, known), line, origin)


def check_languages(config: Config, languages: Iterable[str]) -> None:
    allowed = {*languages, "auto"}
    entries: list[tuple[str, str | None, int | None, Path | None]] = [
        ("lang", config.get("lang"), None, config.origins.get("lang"))
    ]
    entries += [(f"overrides[{o.index}].lang", o.lang, o.lines.get("lang", o.line), o.origin) for o in config.overrides]
    for key, value, line, origin in entries:
        if value is not None and value not in allowed:
            raise config.error(key, f"no language profile '{value}' (have: {', '.join(sorted(allowed))})", line, origin)
