"""Command line + configuration file -> what one run uses: output options, rule sources, per-path Settings.

Precedence (DESIGN.md): the command line wins over the file. Rule selection is layered the way ruff
does it: the default set (every rule not opt-in), then the file's select/extend-select/ignore, then
each matching ``overrides`` entry in order, then the command line; a layer with ``select`` starts
afresh, ``extend-select`` adds and ``ignore`` removes. Languages: ``--lang`` forces one; the file's
``lang`` (and an override's) is only the default for files whose front matter names none.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from lint.document.readers import DEFAULT_GLOBS
from lint.pack.ruleset import RulePack
from lint.run import config as configfile
from lint.run import globs
from lint.run.config import Config, ConfigError
from lint.run.linter import Layer, Linter, Settings, selection
from lint.run.options import RunOptions

DEFAULTS = {"format": "text", "min-severity": "info", "fail-on": "error", "jobs": 0}


def load_config(options: RunOptions) -> Config | None:
    """The configuration this run reads: --config, else discovery from the working directory; --isolated: none."""
    if options.isolated:
        return None
    if options.config:
        return configfile.load(Path(options.config))
    found = configfile.discover(Path.cwd())
    return configfile.load(found) if found else None


def rule_sources(options: RunOptions, config: Config | None) -> tuple[list[Path], bool]:
    """Rule packs to load (the file's, relative to it, then --rules) and whether the default pack is one."""
    paths = [config.root / p for p in config.get("rules", [])] if config else []
    paths += [Path(p) for p in options.rules]
    no_default = options.no_default_rules or bool(config and config.get("no-default-rules"))
    return paths, not no_default


class Resolver:
    """Options for the whole run and a Linter per distinct per-path setting (overrides), built once each."""

    def __init__(self, options: RunOptions, config: Config | None, pack: RulePack) -> None:
        self.options, self.config, self.pack = options, config, pack
        if config:
            configfile.check_rule_ids(config, pack.rules)
            configfile.check_languages(config, pack.profiles)
        cli = Layer(
            tuple(options.select) if options.select is not None else None,
            tuple(options.extend_select),
            tuple(options.ignore),
        )
        cli.check_ids(pack)
        self.cli_layer = cli
        self.base = self._base_settings()
        self._linters: dict[Any, Linter] = {}
        self._selections: dict[tuple[Layer, ...], list[str]] = {}  # most paths share their layers

    def option(self, key: str) -> Any:
        """A run-wide option: the command line's, else the file's, else the default."""
        value = self.options.option(key)
        if value is None and self.config:
            value = self.config.get(key)
        return DEFAULTS.get(key) if value is None else value

    def _base_settings(self) -> Settings:
        config = self.config
        settings = Settings(root=config.root if config else None)
        if self.options.lang:
            settings.language = self.options.lang
        encoding = self.option("encoding")
        if encoding:
            settings.encoding = encoding
        max_size = self.option("max-file-size")
        if max_size:
            settings.max_file_size = max_size
        settings.input_format = self.options.input_format
        settings.record_applicable = self.options.record_applicable
        settings.follow_symlinks = self.options.follow_symlinks
        _check_encoding(settings.encoding)
        if config:
            settings.front_matter_keys = dict(config.get("front-matter-keys", {}))
            settings.globs = tuple(config.get("include", DEFAULT_GLOBS))
            settings.exclude = tuple(config.get("exclude", ()))
        return settings

    def settings_for(self, shown: str) -> Settings:
        """The settings for one input: the file's layer, its matching overrides, then the command line."""
        layers: list[Layer] = []
        severity: dict[str, str] = {}
        default_language: str | None = None
        config = self.config
        if config:
            layers.append(
                Layer(
                    _tuple(config.get("select")),
                    tuple(config.get("extend-select", ())),
                    tuple(config.get("ignore", ())),
                )
            )
            severity.update(config.get("severity", {}))
            default_language = config.get("lang")
            for override in config.overrides:
                if globs.matches(shown, override.files, config.root):
                    layers.append(Layer(_tuple(override.select), tuple(override.extend_select), tuple(override.ignore)))
                    severity.update(override.severity)
                    default_language = override.lang or default_language
        layers.append(self.cli_layer)
        chosen = self._selections.get(tuple(layers))
        if chosen is None:
            chosen = self._selections[tuple(layers)] = selection(self.pack, layers)
        return replace(
            self.base,
            select=list(chosen),
            severity=severity,
            default_language=None if default_language == "auto" else default_language,
        )

    def linter_for(self, shown: str) -> Linter:
        settings = self.settings_for(shown)
        key = (tuple(settings.select or ()), settings.default_language, tuple(sorted(settings.severity.items())))
        if key not in self._linters:
            chosen = [self.pack.rules[rule_id] for rule_id in settings.select or []]
            self._linters[key] = Linter(self.pack, chosen, settings)
        return self._linters[key]


def _check_encoding(name: str) -> None:
    """An encoding that can decode text: ``undefined``, ``rot13`` or ``hex`` are codecs, not text encodings."""
    import codecs

    try:
        info = codecs.lookup(name)
        "a".encode(info.name).decode(info.name)
        if not getattr(info, "_is_text_encoding", True):
            raise LookupError(name)
    except (LookupError, UnicodeError, TypeError, ValueError):
        raise ConfigError("--encoding", f"'{name}' is not a text encoding (e.g. utf-8, cp1252, latin-1)") from None


def _tuple(value: list[str] | None) -> tuple[str, ...] | None:
    return tuple(value) if value is not None else None


__all__ = ["ConfigError", "Layer", "Resolver", "load_config", "rule_sources", "selection"]
