"""Typed run options: what one run is asked to do, from the command line or the library API.

``None`` means "not given": the configuration file's value, else the default, applies (lint/run/resolve.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class RunOptions:
    rules: tuple[str, ...] = ()  # house packs, after the configuration file's
    no_default_rules: bool = False
    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    config: str | None = None  # a configuration file; None: discover one from the working directory
    isolated: bool = False  # read no configuration file
    lang: str | None = None
    input_format: str | None = None
    encoding: str | None = None
    max_file_size: int | None = None
    jobs: int | None = None
    baseline: str | None = None
    format: str | None = None
    min_severity: str | None = None
    fail_on: str | None = None
    record_applicable: bool = False  # audits: list the rules that apply to each input
    force_exclude: bool | None = None  # named files skip what a folder walk skips (lint/run/discovery.py)
    follow_symlinks: bool = False  # follow symlinks in walked folders that point outside them
    # The text format's layout (lint/report/text.py) and the rule documentation links (lint/report/links.py).
    show_source: bool | None = None
    color: str | None = None
    statistics: bool | None = None
    quiet: bool | None = None
    rule_docs_url: str | None = None
    # The result cache (lint/run/result_cache.py): --no-cache, --cache-dir (also the rule pack cache's folder).
    no_cache: bool = False
    cache_dir: str | None = None

    def option(self, key: str) -> Any:
        """An option by its configuration-file name (``min-severity``); None when not given."""
        return getattr(self, key.replace("-", "_"))
