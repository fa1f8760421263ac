"""Reading input files: bytes to text, with clear errors for anything that cannot be decoded."""

from __future__ import annotations

import codecs
from pathlib import Path

DEFAULT_MAX_FILE_SIZE = 10 * 1024 * 1024


class InputError(Exception):
    """An input that cannot be linted; ``line`` is 1-based when known."""

    def __init__(self, path: str, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.path = path
        self.message = message
        self.line = line


def decode(data: bytes, path: str, encoding: str = "utf-8") -> str:
    """Decode bytes; a BOM picks UTF-8/UTF-16 itself. CRLF and CR become LF (positions are unchanged)."""
    if data.startswith(codecs.BOM_UTF8):
        data, encoding = data[3:], "utf-8"
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding = "utf-16"
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise InputError(path, f"not valid {_name(encoding)} at byte {exc.start} (try --encoding)") from None
    except LookupError:
        raise InputError(path, f"unknown encoding '{encoding}'") from None
    if "\x00" in text:
        raise InputError(path, f"contains NUL bytes at character {text.index(chr(0))} (binary file?)")
    return normalize(text)


def normalize(text: str) -> str:
    """No BOM, and LF for every line end: CRLF and CR give the positions LF gives (DESIGN.md, Positions)."""
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def _name(encoding: str) -> str:
    try:
        return codecs.lookup(encoding).name.upper().replace("UTF-8", "UTF-8")
    except LookupError:
        return encoding


def read_file(path: Path, encoding: str = "utf-8", max_size: int = DEFAULT_MAX_FILE_SIZE) -> str:
    """Read and decode one input file, never writing it."""
    from lint.pack.safe_read import ReadRefused, read_regular

    shown = str(path)
    try:
        data = read_regular(path, max_size)  # regular files only; the size limit holds while reading too
    except ReadRefused as exc:
        raise InputError(shown, exc.message) from None
    except FileNotFoundError:
        raise InputError(shown, "no such file or folder") from None
    except IsADirectoryError:
        raise InputError(shown, "is a folder, not a file") from None
    except PermissionError:
        raise InputError(shown, "permission denied") from None
    except OSError as exc:
        raise InputError(shown, f"cannot read: {exc.strerror or exc}") from None
    return decode(data, shown, encoding)
