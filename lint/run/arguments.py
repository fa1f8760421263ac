"""What every command line of the tool shares: usage errors instead of argparse's exit, and typed numbers.

`check`, `audit`, `serve` and `lsp` all parse their own arguments; each turns a `UsageError` into its
one-line message and exit 2 (DESIGN.md: bad usage), so the parsers raise instead of exiting.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import TypeVar

Number = TypeVar("Number", int, float)


class UsageError(Exception):
    """Bad usage: the message is printed after the command's name, and the run exits 2."""


class Parser(argparse.ArgumentParser):
    """An ArgumentParser that raises UsageError; a subclass may add a hint to the message."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(message + self.hint(message))

    def hint(self, message: str) -> str:
        return ""


def number(
    kind: Callable[[str], Number],
    what: str,
    *,
    low: float | None = None,
    high: float | None = None,
    positive: bool = False,
    bounds: str = "",
) -> Callable[[str], Number]:
    """An argparse type: ``kind(value)`` within ``[low, high]`` (above 0 with ``positive``); ``what`` and
    ``bounds`` say what is wanted."""

    def parse(value: str) -> Number:
        try:
            result = kind(value)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{what}, not {value!r}") from None
        below = (low is not None and result < low) or (positive and result <= 0)
        if below or (high is not None and result > high):
            raise argparse.ArgumentTypeError(f"{bounds or what}, not {value!r}")
        return result

    return parse
