"""What every linting command sets up before it reads an input: configuration, rule pack, language,
rule selection and baseline — checked in that order, so a bad setup stops the run before any file.

Shared by `check`, `audit` and the library API (lint/api.py); the commands print the problem lines and
exit 2, the API raises them.
"""

from __future__ import annotations

import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from lint.pack.loader import load_pack
from lint.pack.ruleset import RuleError, RulePack
from lint.run import baseline
from lint.run.baseline import BaselineError
from lint.run.config import Config, ConfigError
from lint.run.linter import SelectionError
from lint.run.options import RunOptions
from lint.run.resolve import Resolver, load_config, rule_sources


class SetupError(Exception):
    """The run cannot start; ``lines`` are the messages for stderr (``path[:line]: message``)."""

    def __init__(self, lines: list[str]) -> None:
        super().__init__("\n".join(lines))
        self.lines = lines


@dataclass
class Session:
    config: Config | None
    pack: RulePack
    resolver: Resolver
    baseline: Counter[baseline.Key] | None = None
    cache_results: bool = True  # --no-cache / config `cache: false` turn the result cache off


def _choose_cache(options: RunOptions, config: Config | None) -> bool:
    """--cache-dir (else the configuration's cache-dir, relative to it) for every cache of the run;
    whether results are cached (--no-cache, config ``cache: false``)."""
    from lint.pack import cache_store

    folder = options.cache_dir
    if folder is None and config is not None and config.get("cache-dir"):
        folder = str(config.root / config.get("cache-dir"))
    cache_store.choose_folder(Path(folder) if folder is not None else None)  # None: the environment's
    return not options.no_cache and not (config is not None and config.get("cache") is False)


def load_rules(paths: list[Path], include_default: bool) -> RulePack:
    """The rule pack, or SetupError with every problem of it (the one wording of a pack that does not validate)."""
    try:
        pack = load_pack(paths, include_default=include_default)
    except RuleError as exc:
        raise SetupError(
            [
                *exc.lines(),
                f"editorial-lint: the rule pack does not validate ({len(exc.problems)} problem(s)); nothing was linted",
            ]
        ) from None
    for note in pack.notes():
        print(note, file=sys.stderr)
    return pack


def open_session(options: RunOptions) -> Session:
    """Configuration, pack, --lang, selection and baseline of a run; SetupError when one is wrong."""
    try:
        config = load_config(options)
    except ConfigError as exc:
        raise SetupError([str(exc)]) from None
    cache_results = _choose_cache(options, config)
    paths, include_default = rule_sources(options, config)
    pack = load_rules(paths, include_default)
    if options.encoding is not None and not _known_encoding(options.encoding):
        # One usage error before any file is read, not the same error once per file.
        raise SetupError(
            [f"editorial-lint: --encoding {options.encoding}: unknown encoding (e.g. utf-8, cp1252, latin-1)"]
        )
    lang = options.lang
    if lang not in (None, "auto") and lang not in pack.profiles:
        raise SetupError(
            [f"editorial-lint: --lang {lang}: no language profile (have: {', '.join(sorted(pack.profiles))}, auto)"]
        )
    try:
        resolver = Resolver(options, config, pack)
        path = options.baseline
        entries = baseline.load(path) if path else None
    except (ConfigError, BaselineError) as exc:
        raise SetupError([str(exc)]) from None
    except SelectionError as exc:
        raise SetupError([f"editorial-lint: {exc}"]) from None
    return Session(config, pack, resolver, entries, cache_results)


def _known_encoding(name: str) -> bool:
    import codecs

    try:
        codecs.lookup(name)
    except LookupError:
        return False
    return True
