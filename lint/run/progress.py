"""A progress line on stderr for long runs: files done / total, rate and ETA.

Only when stderr is a terminal: in CI logs, pipes and files a redrawn line is noise, so the indicator is
silent there. Redraws are throttled, so a fast run over small files does not spend its time printing.
"""

from __future__ import annotations

import sys
import time
from typing import TextIO

REDRAW_SECONDS = 0.1


def _clock(seconds: float) -> str:
    seconds = int(seconds + 0.5)
    hours, rest = divmod(seconds, 3600)
    return f"{hours}:{rest // 60:02d}:{rest % 60:02d}" if hours else f"{rest // 60}:{rest % 60:02d}"


class Progress:
    """``start(total)``, then ``advance(n)`` as files finish, then ``close()`` (clears the line)."""

    def __init__(self, stream: TextIO | None = None, enabled: bool | None = None, label: str = "files") -> None:
        self.stream = stream if stream is not None else sys.stderr
        if enabled is None:
            isatty = getattr(self.stream, "isatty", None)
            enabled = bool(isatty and isatty())
        self.enabled = enabled
        self.label = label
        self.total = 0
        self.done = 0
        self._began = 0.0
        self._drawn = 0.0
        self._width = 0

    def start(self, total: int) -> None:
        self.total, self.done = total, 0
        self._began = time.monotonic()
        self._draw(force=True)

    def advance(self, count: int = 1) -> None:
        self.done += count
        self._draw(force=self.done >= self.total)

    def line(self, now: float | None = None) -> str:
        """The text shown: ``  120/1220 files  48.0 files/s  ETA 0:23``."""
        now = time.monotonic() if now is None else now
        elapsed = max(now - self._began, 1e-9)
        rate = self.done / elapsed
        text = f"{self.done}/{self.total} {self.label}"
        if self.done:
            text += f"  {rate:.1f} {self.label}/s"
            if self.done < self.total:
                text += f"  ETA {_clock((self.total - self.done) / rate)}"
        return text

    def _draw(self, force: bool = False) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if not force and now - self._drawn < REDRAW_SECONDS:
            return
        self._drawn = now
        text = self.line(now)
        self.stream.write("\r" + text.ljust(self._width))
        self._width = len(text)
        self.stream.flush()

    def close(self) -> None:
        if self.enabled and self._width:
            self.stream.write("\r" + " " * self._width + "\r")
            self.stream.flush()
            self._width = 0
