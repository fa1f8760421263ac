"""File sizes as people write and read them: ``--max-file-size 500KB`` in, ``12 KB over the limit of 10 KB`` out.

Units are binary (1 KB = 1024 bytes, 1 MB = 1024 KB), as file managers and ``ls -h`` count them; a bare
number is bytes.
"""

from __future__ import annotations

import re

UNITS = {"": 1, "b": 1, "kb": 1024, "k": 1024, "kib": 1024, "mb": 1024**2, "m": 1024**2, "mib": 1024**2}
UNITS.update({"gb": 1024**3, "g": 1024**3, "gib": 1024**3})
_SIZE = re.compile(r"\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*", re.IGNORECASE)


class SizeError(ValueError):
    """Not a size: the message says what one looks like."""


def parse_size(value: str | int) -> int:
    """Bytes from ``10485760``, ``"500KB"``, ``"1.5 MB"``; SizeError for anything else or for 0."""
    if isinstance(value, bool):
        raise SizeError(f"a size in bytes or with KB/MB (e.g. 500KB, 10MB), not {value!r}")
    if isinstance(value, int):
        number = value
    else:
        match = _SIZE.fullmatch(value)
        unit = match.group(2).lower() if match else ""
        if match is None or unit not in UNITS:
            raise SizeError(f"a size in bytes or with KB/MB (e.g. 500KB, 10MB), not {value!r}")
        number = round(float(match.group(1)) * UNITS[unit])
    if number <= 0:
        raise SizeError(f"a size above 0, not {value!r}")
    return number


def readable_size(size: int) -> str:
    """``512 bytes``, ``12 KB``, ``1.5 MB``: whole numbers from 10 up, one decimal below (trailing .0 dropped)."""
    if size < 1024:
        return f"{size} byte{'' if size == 1 else 's'}"
    for unit, factor in (("GB", 1024**3), ("MB", 1024**2), ("KB", 1024)):
        if size >= factor:
            value = size / factor
            text = f"{value:.0f}" if value >= 10 else f"{value:.1f}".removesuffix(".0")
            return f"{text} {unit}"
    raise AssertionError("unreachable")  # pragma: no cover


def over_limit(what: str, size: int, limit: int, key: str = "max-file-size") -> str:
    """The refusal message: ``file is 12 KB, 2 KB over the limit of 10 KB (max-file-size); refused``;
    ``key`` names the limit (an option, or e.g. "the size limit of rule files")."""
    return (
        f"{what} is {readable_size(size)}, {readable_size(size - limit)} over the limit of {readable_size(limit)} "
        f"({key}); refused"
    )


def past_limit(what: str, limit: int, key: str = "max-file-size") -> str:
    """The refusal message for a stream read only up to the limit (stdin, a pipe, a JSONL line): its whole
    size is not known, so none is claimed."""
    return f"{what} is over the limit of {readable_size(limit)} ({key}); refused"
