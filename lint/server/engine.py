"""The service's one door into the linter: every import of engine internals is in this module.

The library API (lint/api.py) lints text, but a service needs more per request — a per-request language,
front-matter fields given beside the text, and one pack shared by every option set — so this adapter
opens the run's setup once (lint/session.py) and builds a Linter per (path settings, language).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from lint import __version__
from lint.checks.finding import FileResult
from lint.document.analysis import map_fields
from lint.document.readers import format_of
from lint.document.source import DEFAULT_MAX_FILE_SIZE
from lint.report.json_report import build
from lint.run.linter import Linter
from lint.run.options import RunOptions
from lint.run.session import SetupError, open_session
from lint.server.offsets import OffsetMap
from lint.server.requests import Article

__all__ = ["Checker", "CheckerOptions", "SetupError", "open_checker"]


@dataclass(frozen=True)
class CheckerOptions:
    """What the operator chose at start-up; nothing a request sends can change it."""

    rules: tuple[str, ...] = ()
    no_default_rules: bool = False
    config: str | None = None
    isolated: bool = False
    max_file_size: int | None = None

    def as_json(self) -> dict[str, Any]:
        return {
            "rules": list(self.rules),
            "no_default_rules": self.no_default_rules,
            "config": self.config,
            "isolated": self.isolated,
            "max_file_size": self.max_file_size,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> CheckerOptions:
        return cls(
            rules=tuple(data.get("rules", ())),
            no_default_rules=bool(data.get("no_default_rules")),
            config=data.get("config"),
            isolated=bool(data.get("isolated")),
            max_file_size=data.get("max_file_size"),
        )


class Checker:
    """One loaded pack and configuration; lints submitted articles into report records."""

    def __init__(self, options: CheckerOptions) -> None:
        self.session = open_session(
            RunOptions(
                rules=tuple(options.rules),
                no_default_rules=options.no_default_rules,
                config=options.config,
                isolated=options.isolated,
                max_file_size=options.max_file_size,
            )
        )
        self.pack = self.session.pack
        self.resolver = self.session.resolver
        self.languages = tuple(sorted(self.pack.profiles))
        self.max_file_size = int(self.resolver.option("max-file-size") or DEFAULT_MAX_FILE_SIZE)
        self.config_path = str(self.session.config.path) if self.session.config else None
        self._linters: dict[tuple[int, str | None], Linter] = {}
        self.tool = {"name": "editorial-lint", "version": __version__, "rules_hash": self.pack.digest}

    def linter(self, path: str, lang: str | None) -> Linter:
        base = self.resolver.linter_for(path)
        if lang is None:
            return base
        key = (id(base), lang)
        if key not in self._linters:
            self._linters[key] = Linter(self.pack, base.rules, replace(base.settings, language=lang))
        return self._linters[key]

    def lint(self, article: Article) -> FileResult:
        linter = self.linter(article.path, article.lang)
        fmt = article.format or format_of(article.path)
        fields = map_fields(article.front_matter, linter.settings.front_matter_keys) if article.front_matter else None
        return linter.lint_text(article.text, article.path, fmt, fields)

    def record(self, article: Article, result: FileResult) -> dict[str, Any]:
        """The JSON report's record for one article, findings with offsets into the submitted text."""
        if not result.linted:
            return {"path": result.path, "errors": list(result.errors)}
        entry: dict[str, Any] = build([result], self.pack.digest)["files"][0]
        entry["errors"] = list(result.errors)
        positions = OffsetMap(article.text)
        for finding in entry["findings"]:
            positions.annotate(finding)
        return entry

    def check(self, article: Article) -> dict[str, Any]:
        return self.record(article, self.lint(article))

    def check_many(self, articles: list[Article]) -> dict[str, Any]:
        """A JSON report (report-v1) over the articles, in request order, findings with offsets."""
        results = [self.lint(article) for article in articles]
        report = build(results, self.pack.digest)
        records = iter(report["files"])
        report["files"] = []
        for article, result in zip(articles, results, strict=True):
            if not result.linted:
                continue
            entry = next(records)
            positions = OffsetMap(article.text)
            for finding in entry["findings"]:
                positions.annotate(finding)
            entry["errors"] = list(result.errors)
            report["files"].append(entry)
        return report

    def rules(self) -> list[dict[str, Any]]:
        """Every loaded rule: the pack's metadata, whether the default selection runs it, its examples."""
        chosen = {rule.id for rule in self.resolver.linter_for(".").rules}
        listed = []
        for info in self.pack.info():
            rule = self.pack.rules[info["id"]]
            info = {**info, "selected": info["id"] in chosen}
            info["examples"] = [
                {k: v for k, v in (("kind", e.kind), ("text", e.text), ("lang", e.lang), ("note", e.note)) if v}
                for e in rule.examples
            ]
            listed.append(info)
        return listed


def open_checker(options: CheckerOptions) -> Checker:
    """The checker for these options; SetupError (with stderr lines) when the setup is wrong."""
    return Checker(options)
