"""One escaping function per output channel, for every path, record id, message and excerpt the tool prints.

File names, JSONL ids and article text are data from outside: a newline in a file name would start a
line of its own in a CI log (``::error file=…::FORGED`` is a GitHub workflow command), an ESC starts a
terminal control sequence (colours, cursor moves, OSC 52 clipboard writes), a backspace or a bidi
override hides or reorders what a reader sees. So nothing of theirs reaches a log or a terminal raw:

* ``for_terminal`` / ``for_stderr`` — the text format on stdout, and every ``path[:line]: message`` on
  stderr: control characters (C0, DEL, C1), line and paragraph separators, bidi controls and lone
  surrogates are shown as visible escapes (``\\n``, ``\\x1b``, ``\\u202e``); a byte of a non-UTF-8 file name
  (read by Python as a surrogate ``\\udcXX``) is shown as ``\\xXX``, the byte it is.
* ``for_github_data`` / ``for_github_property`` — workflow-command messages and property values:
  the runner's own escapes for ``%``, CR and LF (and ``:``/``,`` in properties), every other control
  character made visible as above.
* ``for_json`` — JSON text (json, sarif, baselines, audits): lone surrogates become the JSON escape
  ``\\udcXX`` so the file is valid UTF-8, and a JSON reader (Python's) gets the very same name back.

Ordinary text — letters of any script, quotation marks, emoji, a backslash — is left alone.
"""

from __future__ import annotations

import re

# C0 controls, DEL and C1 controls; LINE/PARAGRAPH SEPARATOR and NEL start lines in some terminals and
# editors; ALM, LRM/RLM, the embeddings/overrides (U+202A-U+202E) and isolates (U+2066-U+2069) reorder text;
# lone surrogates come from non-UTF-8 file names (surrogateescape) and JSON "\ud800" escapes.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_UNSAFE_BUT_LINE_ENDS = re.compile(
    "[\x00-\x09\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)
_SURROGATE = re.compile("[\ud800-\udfff]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _visible(match: re.Match[str]) -> str:
    char = match.group()
    named = _NAMED.get(char)
    if named:
        return named
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:  # surrogateescape: the undecodable byte of a file name
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str) -> str:
    """``text`` with every character that could steer a terminal or a log shown as an escape."""
    return _UNSAFE.sub(_visible, text)


def for_terminal(text: object) -> str:
    """A path, id, message or excerpt in the text format on stdout."""
    return visible(str(text))


def for_stderr(text: object) -> str:
    """A path, id or message in a diagnostic line on stderr (``path[:line]: message``)."""
    return visible(str(text))


def for_github_data(text: str) -> str:
    """A workflow command's message: the runner unescapes %25, %0D and %0A; nothing else may be raw."""
    cleaned = _UNSAFE_BUT_LINE_ENDS.sub(_visible, text)
    return cleaned.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def for_github_property(text: str) -> str:
    """A workflow command's property value (``file=…``, ``title=…``): also ``:`` and ``,`` escaped."""
    return for_github_data(text).replace(":", "%3A").replace(",", "%2C")


def for_json(json_text: str) -> str:
    """JSON text with each lone surrogate written as its ``\\uXXXX`` escape (valid UTF-8, same value)."""
    return _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", json_text)
