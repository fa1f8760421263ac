"""Helpers every report format shares when reading the JSON report's records (stdlib only)."""

from __future__ import annotations

from typing import Any


def split_record(entry: dict[str, Any]) -> tuple[str, str | None]:
    """(file path, record id) — the id only for JSONL records, which carry ``record_line``."""
    path = entry["path"]
    if "record_line" not in entry or "#" not in path:
        return path, None
    marker = path.find(".jsonl#")
    cut = marker + len(".jsonl") if marker >= 0 else path.rfind("#")
    return path[:cut], path[cut + 1 :]
