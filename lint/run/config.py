"""Configuration files: ``.editorial-lint.yaml`` or ``[tool.editorial-lint]`` in ``pyproject.toml``.

Found from the working directory upward (the nearest folder holding either wins; in one folder the
YAML file beats pyproject.toml, and a pyproject.toml without the table is passed over, as ruff does),
or named with ``--config``; ``--isolated`` reads none. Keys mirror the command-line options; every
problem (unknown key, bad value, unknown rule id) is a ConfigError naming the file, the key and, when
known, the line. Paths (``rules``, ``exclude``, ``overrides[].files``) are relative to the file.
"""

from __future__ import annotations

import codecs
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
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


@dataclass
class Config:
    path: Path
    values: dict[str, Any]  # validated top-level keys, kebab-case as written
    lines: dict[str, int] = field(default_factory=dict)
    overrides: list[Override] = field(default_factory=list)

    @property
    def root(self) -> Path:
        return self.path.resolve().parent

    def get(self, key: str, default: Any = None) -> Any:
        return self.values.get(key, default)

    def error(self, key: str, message: str, line: int | None = None) -> ConfigError:
        return ConfigError(self.path, f"'{key}': {message}", line or self.lines.get(key))

    def rule_ids(self) -> Iterable[tuple[str, str, int | None]]:
        """(key, rule id, line) for every rule the file names, to check against the loaded pack."""
        for key in LIST_KEYS:
            for rule_id in self.values.get(key) or []:
                yield key, rule_id, self.lines.get(key)
        for rule_id in self.values.get("severity", {}):
            yield "severity", rule_id, self.lines.get("severity")
        for index, override in enumerate(self.overrides):
            for key, ids in (
                ("select", override.select or []),
                ("extend-select", override.extend_select),
                ("ignore", override.ignore),
                ("severity", list(override.severity)),
            ):
                for rule_id in ids:
                    yield f"overrides[{index}].{key}", rule_id, override.lines.get(key, override.line)


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


def load(path: Path) -> Config:
    """Read and validate one configuration file."""
    if not path.is_file():
        raise ConfigError(path, "no such configuration file")
    if path.suffix == ".toml":
        data, lines = _read_toml(path)
    else:
        data, lines = _read_yaml(path)
    return _validate(path, data, lines)


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
    "lang": (_text, "a language code (de, en, ...) or auto"),
    "min-severity": (_choice(*SEVERITIES), f"one of {_SEVERITY_WORDS}"),
    "fail-on": (_choice(*SEVERITIES, "never"), f"one of {_SEVERITY_WORDS}, never"),
    "include": (_strings, "a list of file-name globs"),
    "exclude": (_strings, "a list of path globs"),
    "jobs": (_jobs, "a whole number >= 0"),
    "encoding": (_encoding, "a known text encoding, e.g. utf-8 or cp1252"),
    "max-file-size": (_positive_int, "a size in bytes (> 0)"),
    "format": (_choice(*FORMATS), f"one of {', '.join(FORMATS)}"),
    "severity": (_severity_map, f"a map of rule id to {_SEVERITY_WORDS}"),
    "front-matter-keys": (_key_map, "a map of field to dotted front-matter path"),
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
        override = Override(files=[], line=line, lines=dict(item_lines))
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
    for key, rule_id, line in config.rule_ids():
        if rule_id not in known and rule_id.lower() != "all":
            raise config.error(key, f"unknown rule id '{rule_id}' (see 'editorial-lint rules')", line)


def check_languages(config: Config, languages: Iterable[str]) -> None:
    allowed = {*languages, "auto"}
    entries: list[tuple[str, str | None, int | None]] = [("lang", config.get("lang"), None)]
    entries += [(f"overrides[{i}].lang", o.lang, o.lines.get("lang", o.line)) for i, o in enumerate(config.overrides)]
    for key, value, line in entries:
        if value is not None and value not in allowed:
            raise config.error(key, f"no language profile '{value}' (have: {', '.join(sorted(allowed))})", line)
