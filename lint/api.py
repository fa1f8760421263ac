"""The library API: lint text or paths and get the JSON report's per-article records.

Made for mapping the checks over an archive with a distributed engine (Dask, Spark): the functions are
plain, take plain options, return plain dicts (picklable, JSON-serialisable), and load the rule pack once
per process and option set. ``lint.report.audit.build_audit`` turns the gathered records into an audit.

A record is a ``files[]`` entry of the JSON report (report-v1) — ``path``, ``language``, ``facts``,
``findings``, ``suppressed``, ``baselined``, ``suppressions`` when any, ``record_line`` for JSONL — plus
``rules_applied`` (the rules whose pass rates the article counts in) and ``errors`` (problems of this
input; an input that could not be read at all has only ``path`` and ``errors``).
"""

from __future__ import annotations

import functools
import os
from collections.abc import Iterable, Sequence
from typing import Any

from lint.checks.finding import FileResult
from lint.run.options import RunOptions
from lint.run.session import Session, SetupError, open_session

Record = dict[str, Any]
StrPath = str | os.PathLike[str]

__all__ = ["Record", "SetupError", "lint_paths", "lint_text", "rule_info"]


@functools.lru_cache(maxsize=8)
def _session(
    rules: tuple[str, ...],
    default_rules: bool,
    select: tuple[str, ...] | None,
    extend_select: tuple[str, ...],
    ignore: tuple[str, ...],
    lang: str | None,
    input_format: str | None,
    encoding: str | None,
    config: str | None,
) -> Session:
    # Without a config file the API is isolated: a worker's working directory must not change results.
    options = RunOptions(
        rules=rules,
        no_default_rules=not default_rules,
        select=select,
        extend_select=extend_select,
        ignore=ignore,
        config=config,
        isolated=config is None,
        lang=lang,
        input_format=input_format,
        encoding=encoding,
        record_applicable=True,
    )
    return open_session(options)


def _open(
    rules: Sequence[StrPath],
    default_rules: bool,
    select: Sequence[str] | None,
    extend_select: Sequence[str],
    ignore: Sequence[str],
    lang: str | None,
    input_format: str | None,
    encoding: str | None,
    config: StrPath | None,
) -> Session:
    return _session(
        tuple(map(str, rules)),
        default_rules,
        tuple(select) if select is not None else None,
        tuple(extend_select),
        tuple(ignore),
        lang,
        input_format,
        encoding,
        str(config) if config is not None else None,
    )


def record(result: FileResult, rules_hash: str) -> Record:
    """One FileResult as the JSON report's record (plus ``errors``)."""
    from lint.report.json_report import build

    if not result.linted:
        return {"path": result.path, "errors": list(result.errors)}
    entry: Record = build([result], rules_hash)["files"][0]
    entry["errors"] = list(result.errors)
    return entry


def lint_text(
    text: str,
    path: str = "<text>",
    *,
    lang: str | None = None,
    input_format: str | None = None,
    select: Sequence[str] | None = None,
    extend_select: Sequence[str] = (),
    ignore: Sequence[str] = (),
    rules: Sequence[StrPath] = (),
    default_rules: bool = True,
    config: StrPath | None = None,
) -> Record:
    """Lint one article given as text; ``path`` names it (and, by its extension, its format).

    Options mirror the command line: ``lang`` (de, en, auto), ``input_format`` (text, markdown, html),
    ``select`` / ``extend_select`` / ``ignore`` (rule ids), ``rules`` (house packs), ``default_rules``,
    ``config`` (a configuration file; none is discovered). Raises SetupError for a bad setup.
    """
    if input_format == "jsonl":
        raise ValueError("lint_text reads one article; use lint_paths for a JSONL export")
    session = _open(rules, default_rules, select, extend_select, ignore, lang, input_format, None, config)
    linter = session.resolver.linter_for(path)
    result = linter.lint_text(text, path, linter.format_for(path))
    return record(result, session.pack.digest)


def lint_paths(
    paths: Iterable[StrPath],
    *,
    lang: str | None = None,
    input_format: str | None = None,
    select: Sequence[str] | None = None,
    extend_select: Sequence[str] = (),
    ignore: Sequence[str] = (),
    rules: Sequence[StrPath] = (),
    default_rules: bool = True,
    config: StrPath | None = None,
    encoding: str | None = None,
    jobs: int = 1,
) -> list[Record]:
    """Lint files and folders (JSONL exports give one record per article), in the order `check` reports.

    ``jobs`` > 1 forks local worker processes; under a distributed engine leave it at 1 and let the engine
    spread the paths. Options as for lint_text, plus ``encoding``.
    """
    from lint.run.inputs import lint_inputs

    session = _open(rules, default_rules, select, extend_select, ignore, lang, input_format, encoding, config)
    resolver = session.resolver
    results = lint_inputs(
        resolver.linter_for("."), [str(p) for p in paths if str(p) != "-"], None, resolver.linter_for, jobs
    )
    return [record(result, session.pack.digest) for result in results]


def rule_info(
    *,
    select: Sequence[str] | None = None,
    extend_select: Sequence[str] = (),
    ignore: Sequence[str] = (),
    rules: Sequence[StrPath] = (),
    default_rules: bool = True,
    config: StrPath | None = None,
) -> list[dict[str, Any]]:
    """Metadata (id, severity, languages, summary …) of the rules these options select: the ``rules``
    argument of lint.report.audit.build_audit."""
    session = _open(rules, default_rules, select, extend_select, ignore, None, None, None, config)
    chosen = {rule.id for rule in session.resolver.linter_for(".").rules}
    return [info for info in session.pack.info() if info["id"] in chosen]
