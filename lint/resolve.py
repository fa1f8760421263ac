"""Command line + configuration file -> what one run uses: output options, rule sources, per-path Settings.

Precedence (DESIGN.md): the command line wins over the file. Rule selection is layered the way ruff
does it: the default set (every rule not opt-in), then the file's select/extend-select/ignore, then
each matching ``overrides`` entry in order, then the command line; a layer with ``select`` starts
afresh, ``extend-select`` adds and ``ignore`` removes. Languages: ``--lang`` forces one; the file's
``lang`` (and an override's) is only the default for files whose front matter names none.
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from lint import config as configfile
from lint import globs
from lint.config import Config, ConfigError
from lint.formats import DEFAULT_GLOBS
from lint.pack.hints import unknown_rule
from lint.ruleset import RulePack
from lint.runner import Linter, SelectionError, Settings

DEFAULTS = {"format": "text", "min-severity": "info", "fail-on": "error", "jobs": 0}


@dataclass(frozen=True)
class Layer:
    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()


def load_config(args: argparse.Namespace) -> Config | None:
    """The configuration this run reads: --config, else discovery from the working directory; --isolated: none."""
    if getattr(args, "isolated", False):
        return None
    if getattr(args, "config", None):
        return configfile.load(Path(args.config))
    found = configfile.discover(Path.cwd())
    return configfile.load(found) if found else None


def rule_sources(args: argparse.Namespace, config: Config | None) -> tuple[list[Path], bool]:
    """Rule packs to load (the file's, relative to it, then --rules) and whether the default pack is one."""
    paths = [config.root / p for p in config.get("rules", [])] if config else []
    paths += [Path(p) for p in args.rules]
    no_default = args.no_default_rules or bool(config and config.get("no-default-rules"))
    return paths, not no_default


def selection(pack: RulePack, layers: list[Layer]) -> list[str]:
    every = set(pack.rules)
    chosen = {rule_id for rule_id, rule in pack.rules.items() if not rule.opt_in}
    for layer in layers:
        if layer.select is not None:
            chosen = every if "all" in layer.select else set(layer.select)
        chosen |= every if "all" in layer.extend_select else set(layer.extend_select)
        chosen -= set(layer.ignore)
    return sorted(chosen)


class Resolver:
    """Options for the whole run and a Linter per distinct per-path setting (overrides), built once each."""

    def __init__(self, args: argparse.Namespace, config: Config | None, pack: RulePack) -> None:
        self.args, self.config, self.pack = args, config, pack
        if config:
            configfile.check_rule_ids(config, pack.rules)
            configfile.check_languages(config, pack.profiles)
        cli = Layer(
            tuple(args.select) if args.select is not None else None, tuple(args.extend_select), tuple(args.ignore)
        )
        for name in [*(cli.select or ()), *cli.extend_select, *cli.ignore]:
            if name not in pack.rules and name.lower() != "all":
                raise SelectionError(f"{option_of(name, cli)}: {unknown_rule(name, pack.rules)}")
        self.cli_layer = cli
        self.base = self._base_settings()
        self._linters: dict[Any, Linter] = {}

    def option(self, key: str) -> Any:
        """A run-wide option: the command line's, else the file's, else the default."""
        value = getattr(self.args, key.replace("-", "_"), None)
        if value is None and self.config:
            value = self.config.get(key)
        return DEFAULTS.get(key) if value is None else value

    def _base_settings(self) -> Settings:
        config = self.config
        settings = Settings(root=config.root if config else None)
        if self.args.lang:
            settings.language = self.args.lang
        encoding = self.option("encoding")
        if encoding:
            settings.encoding = encoding
        max_size = self.option("max-file-size")
        if max_size:
            settings.max_file_size = max_size
        settings.input_format = getattr(self.args, "input_format", None)
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
        return replace(
            self.base,
            select=selection(self.pack, layers),
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


def option_of(name: str, layer: Layer) -> str:
    """The command-line option that named ``name``, for the message."""
    if name in layer.ignore:
        return "--ignore"
    return "--extend-select" if name in layer.extend_select else "--select"


def _tuple(value: list[str] | None) -> tuple[str, ...] | None:
    return tuple(value) if value is not None else None


__all__ = ["ConfigError", "Layer", "Resolver", "load_config", "rule_sources", "selection"]
