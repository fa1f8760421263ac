"""The text of the code actions: where a suppression comment or front-matter entry goes, and the
credit line, computed on the editor's lines (0-based lines, code-point columns; lint/lsp/positions.py
converts them for the protocol).

Placement keeps the document's structure, so that the suppression waives the finding and changes no
other finding:

* Markdown: a directive on a line of its own is blanked to spaces, which would split a paragraph in
  two; so a finding inside a paragraph gets the comment at the end of the line before it (a
  ``disable-next-line`` covers the line after the one it ends on), and a finding on a paragraph's
  first line gets a line of its own above it. Front matter is YAML: a finding there can only be
  suppressed for the file.
* HTML: a comment line between two lines never changes the page's text, so it goes above the line,
  indented as that line is.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

import yaml

DIRECTIVE = "editorial-lint-disable-next-line"
FRONT_MATTER_KEY = "editorial-lint"
REASON_PLACEHOLDER = "TODO: say why"
AGENCY_PLACEHOLDER = "AGENCY"


@dataclass(frozen=True)
class Edit:
    """Replace lines/columns [start, end) (0-based line, code-point column) with ``text``."""

    start_line: int
    start_column: int
    end_line: int
    end_column: int
    text: str


def line_ending(text: str) -> str:
    return "\r\n" if "\r\n" in text else "\n"


def suppress_line(
    lines: list[str], line: int, rule_id: str, fmt: str, front_matter: tuple[int, int] | None, eol: str = "\n"
) -> Edit | None:
    """The ``disable-next-line`` comment that waives ``rule_id`` for findings starting on ``line`` (0-based)."""
    if fmt not in ("markdown", "html") or not 0 <= line <= len(lines):
        return None
    if front_matter is not None and line <= front_matter[1]:
        return None
    comment = f"<!-- {DIRECTIVE} {rule_id} -- {REASON_PLACEHOLDER} -->"
    previous = line - 1
    body_start = front_matter[1] + 1 if front_matter is not None else 0
    if fmt == "markdown" and previous >= body_start and lines[previous].strip():
        end = len(lines[previous])
        return Edit(previous, end, previous, end, " " + comment)
    here = lines[line] if line < len(lines) else ""
    indent = here[: len(here) - len(here.lstrip())] if fmt == "html" else ""
    return Edit(line, 0, line, 0, indent + comment + eol)


def suppress_file(
    lines: list[str], rule_id: str, fmt: str, front_matter: tuple[int, int] | None, eol: str = "\n"
) -> Edit | None:
    """Front matter ``editorial-lint: {ignore: [...], reason: ...}`` with ``rule_id`` added (Markdown)."""
    if fmt != "markdown":
        return None
    if front_matter is None:
        block = _entry([rule_id], None, eol)
        return Edit(0, 0, 0, 0, "---" + eol + block + "---" + eol)
    first, last = front_matter
    key_line = next(
        (i for i in range(first + 1, last) if lines[i].startswith(FRONT_MATTER_KEY + ":")),
        None,
    )
    if key_line is None:
        return Edit(last, 0, last, 0, _entry([rule_id], None, eol))
    end = key_line + 1  # the entry runs over the indented (or blank) lines below its key
    while end < last and (not lines[end].strip() or lines[end][:1] in (" ", "\t")):
        end += 1
    try:
        value = yaml.safe_load("\n".join(lines[key_line:end]))[FRONT_MATTER_KEY]
    except (yaml.YAMLError, TypeError, KeyError):
        return None
    if value is None:
        value = {}
    if not isinstance(value, dict) or set(value) - {"ignore", "reason"}:
        return None  # a malformed entry: unused-suppression reports it; do not guess how to mend it
    ignore = value.get("ignore") or []
    if isinstance(ignore, str):
        ignore = [part for part in ignore.replace(",", " ").split() if part]
    if not isinstance(ignore, list) or not all(isinstance(i, str) for i in ignore):
        return None
    if rule_id in ignore:
        return None
    reason = value.get("reason")
    return Edit(key_line, 0, end, 0, _entry([*ignore, rule_id], reason if isinstance(reason, str) else None, eol))


def _entry(ignore: list[str], reason: str | None, eol: str) -> str:
    return (
        f"{FRONT_MATTER_KEY}:{eol}  ignore: [{', '.join(ignore)}]{eol}"
        f"  reason: {json.dumps(reason or REASON_PLACEHOLDER, ensure_ascii=False)}{eol}"
    )


def credit_line(lines: list[str], fmt: str, agency: str, eol: str = "\n") -> Edit:
    """An agency credit ``(agency)`` after the last paragraph (HTML: the end of the article or body)."""
    if fmt == "html":
        for tag in ("</article>", "</main>", "</body>"):
            for index in range(len(lines) - 1, -1, -1):
                column = lines[index].lower().rfind(tag)
                if column >= 0:
                    return Edit(index, column, index, column, f"<p>({agency})</p>{eol}")
    last = len(lines) - 1
    while last > 0 and not lines[last].strip():
        last -= 1
    end_line, end_column = len(lines) - 1, len(lines[-1]) if lines else 0
    start = (last, len(lines[last])) if lines else (0, 0)
    # Replace the blank tail, so the credit is its own paragraph whatever the file ended with.
    return Edit(start[0], start[1], end_line, end_column, f"{eol}{eol}({agency}){eol}")


def snippet_choices(terms: list[str]) -> str:
    """A snippet choice placeholder ``${1|a,b|}`` of one-word agency spellings."""
    words = [t for t in terms if t and not any(ch.isspace() for ch in t)]
    escaped = [w.replace("\\", "\\\\").replace(",", "\\,").replace("|", "\\|") for w in words]
    return "${1|" + ",".join(escaped) + "|}" if escaped else "${1:" + AGENCY_PLACEHOLDER + "}"


def snippet_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("$", "\\$").replace("}", "\\}")
