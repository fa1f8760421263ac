"""A cache of validated rule packs, keyed by the content of every rule, vocabulary and profile file.

Loading the default pack means parsing about thirty YAML files and compiling every pattern once to
validate it; on a pre-commit run that is most of the start-up time. The cache holds the parsed,
validated rules as plain JSON data (patterns are compiled later, only those a run needs), stored
through lint/pack/cache_store.py (private folder, owner checks, atomic writes; never pickle). What is
read back is checked field by field against the dataclasses it claims to be — any surprise is a miss,
so a damaged or forged cache makes the pack be rebuilt, never a run with fewer rules.

The folder: ``$EDITORIAL_LINT_CACHE_DIR``, else ``$XDG_CACHE_HOME/editorial-lint``, else
``~/.cache/editorial-lint``; ``EDITORIAL_LINT_NO_CACHE=1`` turns it off.
"""

from __future__ import annotations

import dataclasses
import datetime
import functools
import sys
import types
import typing
from collections.abc import Callable
from typing import Any

from lint import __version__
from lint.pack import cache_store
from lint.pack.digest import sha256

FORMAT = 5  # 1 was pickle; 3: rules hold normalised keys (lint/pack/kinds.py) and deprecation notes; 4: profiles
# and source lexicons gained fields (issue 11); 5: the scanner's literal requirements are parts beside the pack


class _Invalid(Exception):
    """The cached data does not have the shape it must have."""


def key(digest: str, paths: list[str]) -> str:
    """Content digest, the files' paths (messages name them), this version and this Python."""
    material = "\0".join([digest, __version__, sys.version, str(FORMAT), *paths])
    return sha256(material.encode("utf-8", "surrogateescape")).hexdigest()[:40]


def _file_name(cache_key: str) -> str:
    return f"pack-{cache_key}.json"


@functools.cache
def _hints(cls: type) -> dict[str, Any]:
    """A dataclass's field annotations, resolved once per class (``get_type_hints`` evaluates the string
    annotations with ``compile`` on every call: per decoded object it was most of the read)."""
    return typing.get_type_hints(cls)


@functools.cache
def _field_names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(cls))


def _classes() -> dict[str, type]:
    from lint.pack.profiles import LanguageProfile
    from lint.pack.ruleset import Example, Rule
    from lint.pack.vocab import Vocabulary

    # The roots, and every dataclass their fields hold (a profile's SourceLexicon, …): a new nested
    # dataclass is cached without a change here, and nothing outside these types can be named.
    found: dict[str, type] = {}
    pending: list[Any] = [Rule, Example, Vocabulary, LanguageProfile]
    while pending:
        hint = pending.pop()
        if dataclasses.is_dataclass(hint) and isinstance(hint, type):
            if hint.__name__ not in found:
                found[hint.__name__] = hint
                pending += _hints(hint).values()
        else:
            pending += typing.get_args(hint)
    return found


def read(cache_key: str) -> tuple[dict[str, Any], dict[str, Any], dict[str, Any]] | None:
    """(rules, vocabularies, profiles) from the cache, or None on a miss or any problem with the file."""
    stored = cache_store.read_json(_file_name(cache_key))
    if stored is None:
        return None
    try:
        if not isinstance(stored, dict) or stored.get("format") != FORMAT or stored.get("key") != cache_key:
            raise _Invalid("written for another pack or version")
        value = _decode(stored.get("value"), _classes())
        return _check_shape(value)
    except (_Invalid, TypeError, ValueError, RecursionError) as exc:
        cache_store.note(f"cache file {_file_name(cache_key)} is damaged ({exc})")
        return None


def write(cache_key: str, value: tuple[dict[str, Any], dict[str, Any], dict[str, Any]]) -> None:
    try:
        encoded = _encode(value)
    except (_Invalid, RecursionError):
        return  # a value the format cannot hold (an unusual YAML type): simply not cached
    cache_store.write_json(_file_name(cache_key), {"format": FORMAT, "key": cache_key, "value": encoded})


def read_part(cache_key: str, part: str) -> Any | None:
    """Plain JSON data cached beside a pack under the same content key, e.g. the JSON form of a scanner
    built from its patterns (issue 17: a compiled multi-pattern scanner is cached only keyed by the pack's
    content hash, under these checks). None on a miss or a file written for another key or part; the
    caller checks the shape of what it gets and rebuilds on any surprise."""
    stored = cache_store.read_json(f"pack-{cache_key}.{part}.json")
    if not isinstance(stored, dict) or stored.get("format") != FORMAT or stored.get("key") != cache_key:
        return None
    return stored.get("value") if stored.get("part") == part else None


def load_part(cache_key: str, part: str, load: Callable[[Any], None]) -> bool:
    """Hand ``part`` of the pack ``cache_key`` to ``load``; False on a miss or when ``load`` finds it malformed
    (ValueError) — the caller then builds the part again and writes it, never trusting what it read."""
    try:
        data = read_part(cache_key, part)
        if data is None:
            return False
        load(data)
    except ValueError:
        return False
    return True


def write_part(cache_key: str, part: str, value: Any) -> None:
    """Store ``value`` (dicts, lists, strings, numbers, booleans, None) as ``part`` of the pack ``cache_key``."""
    record = {"format": FORMAT, "key": cache_key, "part": part, "value": value}
    cache_store.write_json(f"pack-{cache_key}.{part}.json", record)


# Plain data <-> JSON. Every JSON object in the encoding is a tagged container ("$"), so strings, numbers,
# booleans, None and lists stand for themselves.


def _encode(value: Any) -> Any:
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, list):
        return [_encode(v) for v in value]
    if isinstance(value, tuple):
        return {"$": "tuple", "items": [_encode(v) for v in value]}
    if isinstance(value, frozenset):
        return {"$": "frozenset", "items": [_encode(v) for v in value]}
    if isinstance(value, dict):
        encoded: dict[str, Any] = {"$": "dict", "items": [[_encode(k), _encode(v)] for k, v in value.items()]}
        lines = getattr(value, "lines", None)
        if lines is not None:  # a LineDict from the YAML loader: the lines of its keys name problems
            encoded["$"] = "linedict"
            encoded["lines"] = [[_encode(k), n] for k, n in lines.items()]
            encoded["line"] = value.line  # type: ignore[attr-defined]
        return encoded
    if isinstance(value, datetime.datetime):
        return {"$": "datetime", "iso": value.isoformat()}
    if isinstance(value, datetime.date):
        return {"$": "date", "iso": value.isoformat()}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        fields = {f.name: _encode(getattr(value, f.name)) for f in dataclasses.fields(value)}
        return {"$": type(value).__name__, "fields": fields}
    raise _Invalid(f"cannot store {type(value).__name__}")


# JSON gives exactly these types (never a subclass), so a type lookup stands for the isinstance tests.
_SCALARS = frozenset({str, int, float, bool, type(None)})


def _decode(value: Any, classes: dict[str, type]) -> Any:
    if type(value) in _SCALARS:
        return value
    if type(value) is list:
        return [v if type(v) in _SCALARS else _decode(v, classes) for v in value]
    if not isinstance(value, dict) or not isinstance(value.get("$"), str):
        raise _Invalid("untagged object")
    tag = value["$"]
    if tag in ("tuple", "frozenset"):
        items = _list(value, "items")
        decoded = [_decode(v, classes) for v in items]
        return tuple(decoded) if tag == "tuple" else frozenset(decoded)
    if tag in ("dict", "linedict"):
        from lint.pack.yamlio import LineDict

        pairs = [_pair(item, classes) for item in _list(value, "items")]
        if tag == "dict":
            return dict(pairs)
        result = LineDict(pairs)
        result.lines = {}
        for item in _list(value, "lines"):
            name, line = _pair(item, classes)
            if type(line) is not int:
                raise _Invalid("a key line is not a number")
            result.lines[name] = line
        line = value.get("line")
        if type(line) is not int:
            raise _Invalid("a mapping line is not a number")
        result.line = line
        return result
    if tag in ("date", "datetime"):
        iso = value.get("iso")
        if not isinstance(iso, str):
            raise _Invalid("a date without text")
        return datetime.datetime.fromisoformat(iso) if tag == "datetime" else datetime.date.fromisoformat(iso)
    cls = classes.get(tag)
    if cls is None:
        raise _Invalid(f"unknown tag {tag!r}")
    fields = value.get("fields")
    names = _field_names(cls)
    if not isinstance(fields, dict) or len(fields) != len(names) or not all(name in fields for name in names):
        raise _Invalid(f"{tag} with fields other than {', '.join(names)}")
    decoded_fields = {}
    for name, conforms in _field_checkers(cls):
        decoded = _decode(fields[name], classes)
        if not conforms(decoded):
            raise _Invalid(f"{tag}.{name} has the wrong type")
        decoded_fields[name] = decoded
    return cls(**decoded_fields)


def _list(value: dict[str, Any], name: str) -> list[Any]:
    items = value.get(name)
    if not isinstance(items, list):
        raise _Invalid(f"'{name}' is not a list")
    return items


def _pair(item: Any, classes: dict[str, type]) -> tuple[Any, Any]:
    if type(item) is not list or len(item) != 2:
        raise _Invalid("a mapping entry is not a pair")
    name, value = item
    if type(name) not in _SCALARS:
        name = _decode(name, classes)
        if isinstance(name, (dict, list)):
            raise _Invalid("an unhashable mapping key")
    return name, value if type(value) in _SCALARS else _decode(value, classes)


@functools.cache
def _field_checkers(cls: type) -> tuple[tuple[str, Callable[[Any], bool]], ...]:
    """(field name, test of a decoded value against the field's annotation) per field of a cached class."""
    hints = _hints(cls)
    return tuple((name, _checker(hints[name])) for name in _field_names(cls))


def _checker(hint: Any) -> Callable[[Any], bool]:
    """The test whether a decoded value fits ``hint`` (the annotations the cached classes use), built once
    per field so that decoding does not take the annotation apart again for every value."""
    if hint is Any:
        return lambda value: True
    origin = typing.get_origin(hint)
    args = typing.get_args(hint)
    if origin is typing.Union or origin is types.UnionType:
        arms = tuple(_checker(arg) for arg in args)
        return lambda value: any(arm(value) for arm in arms)
    if hint is type(None):
        return lambda value: value is None
    if origin is None:
        if hint is int:
            return lambda value: isinstance(value, int) and not isinstance(value, bool)
        if hint is float:
            return lambda value: isinstance(value, (int, float)) and not isinstance(value, bool)
        return lambda value: isinstance(value, hint)
    if origin is list or origin is frozenset:
        item = _checker(args[0])
        return lambda value: isinstance(value, origin) and all(item(v) for v in value)
    if origin is tuple:
        if len(args) == 2 and args[1] is Ellipsis:
            item = _checker(args[0])
            return lambda value: isinstance(value, tuple) and all(item(v) for v in value)
        items = tuple(_checker(arg) for arg in args)
        return lambda value: (
            isinstance(value, tuple)
            and len(items) == len(value)
            and all(check(v) for v, check in zip(value, items, strict=True))
        )
    if origin is dict:
        key, item = _checker(args[0]), _checker(args[1])
        if args[1] is Any:
            return lambda value: isinstance(value, dict) and all(key(k) for k in value)
        return lambda value: isinstance(value, dict) and all(key(k) and item(v) for k, v in value.items())
    return lambda value: False


def _check_shape(value: Any) -> tuple[dict[str, Any], dict[str, Any], dict[str, Any]]:
    classes = _classes()
    if not isinstance(value, tuple) or len(value) != 3 or not all(isinstance(part, dict) for part in value):
        raise _Invalid("not (rules, vocabularies, profiles)")
    rules, vocabularies, profiles = value
    for part, cls, attribute in (
        (rules, classes["Rule"], "id"),
        (vocabularies, classes["Vocabulary"], "name"),
        (profiles, classes["LanguageProfile"], "code"),
    ):
        for name, item in part.items():
            if not isinstance(item, cls) or getattr(item, attribute) != name:
                raise _Invalid(f"{cls.__name__} '{name}' is filed under another name")
    return rules, vocabularies, profiles


def note_incomplete() -> None:
    cache_store.note("a cached rule pack does not match the rule files (fewer or other rules)")
