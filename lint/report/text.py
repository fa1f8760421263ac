"""The default text format: ``path:line:col: severity rule message`` and a closing summary line.

With ``--show-source`` each finding is followed by its source line in a numbered gutter and a line of
``^`` under the span, as ruff and Vale show them; lines too long for the terminal (one-line wire
texts, HTML pages) are cut around the span with ``…``. A missing-thing finding (an empty span) gets a
single ``^`` where the thing belongs and a note saying what was searched; every finding of a known
rule ends with a link to the rule's documentation. ``--color`` paints severities and the gutter;
``--statistics`` prints counts per rule instead of the findings; ``--quiet`` drops the summary.

Every piece of input text (paths, messages, excerpts, source lines) is printed through ``shown`` — one
place, so terminal escaping applies to all of it.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from lint.report.escape import for_terminal

Json = dict[str, Any]

RESET = "\x1b[0m"
STYLES = {
    "error": "\x1b[1;31m",  # bold red
    "warning": "\x1b[1;33m",  # bold yellow
    "info": "\x1b[1;36m",  # bold cyan
    "path": "\x1b[1m",  # bold
    "gutter": "\x1b[34m",  # blue
    "dim": "\x1b[2m",
}
ELLIPSIS = "…"
TAB = "    "
MIN_WIDTH = 40  # narrower than this, cutting leaves too little context to recognise the line


@dataclass(frozen=True)
class TextOptions:
    show_source: bool = False
    color: bool = False
    statistics: bool = False
    quiet: bool = False
    width: int = 100  # columns a source line may take after the gutter


def color_wanted(choice: str, to_terminal: bool, environ: Mapping[str, str]) -> bool:
    """``always``/``never`` as said; ``auto``: on a terminal, unless NO_COLOR is set (no-color.org) or TERM=dumb."""
    if choice != "auto":
        return choice == "always"
    if environ.get("NO_COLOR"):
        return False
    if environ.get("FORCE_COLOR"):
        return True
    return to_terminal and environ.get("TERM") != "dumb"


def shown(text: str) -> str:
    """Input text as printed: control characters visible, so a file cannot drive the terminal (the
    terminal channel's escaping, lint/report/escape.py, plus the invisible format characters below)."""
    if text.isprintable():  # no tab, control, separator, format or private-use character: nothing to show
        return text
    return "".join(_shown_char(char) for char in text)


def _shown_char(char: str) -> str:
    if char == "\t":
        return TAB
    escaped = for_terminal(char)
    if escaped != char:
        return escaped
    if unicodedata.category(char) in ("Cf", "Co") and char not in "\u00ad\u200d":
        return f"\\u{ord(char):04x}"  # zero-width and other invisible format characters
    return char


def _width(text: str) -> int:
    """Terminal columns: wide East Asian characters take two, combining marks none."""
    total = 0
    for char in text:
        if unicodedata.combining(char):
            continue
        total += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
    return total


class _Paint:
    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled

    def __call__(self, style: str, text: str) -> str:
        if not self.enabled or not text:
            return text
        return f"{STYLES[style]}{text}{RESET}"


def render(
    report: Json,
    rules: list[Json],
    options: TextOptions | None = None,
    sources: dict[str, dict[int, str]] | None = None,
) -> str:
    """The text report; ``sources`` maps a path to the text of the lines its findings are on."""
    options = options or TextOptions()
    sources = sources or {}
    paint = _Paint(options.color)
    links = {rule["id"]: rule.get("help_uri") for rule in rules}
    lines: list[str] = []
    if options.statistics:
        lines += _statistics(report, rules, paint)
    else:
        for entry in report["files"]:
            for finding in entry["findings"]:
                lines.append(_headline(entry["path"], finding, paint))
                if options.show_source:
                    lines += _source_block(finding, sources.get(entry["path"], {}), links, options, paint)
    if not options.quiet:
        lines.append(_summary(report["summary"], paint))
    return "".join(line + "\n" for line in lines)


def stream(
    results: Sequence[Any],
    rules_hash: str,
    min_severity: str,
    rules: list[Json],
    options: TextOptions | None = None,
    sources: dict[str, dict[int, str]] | None = None,
) -> Iterator[str]:
    """``render`` of the report of ``results`` as pieces of text, one file at a time (issue 17)."""
    from lint.report.json_report import lazy

    report = lazy(results, rules_hash, min_severity)
    options = options or TextOptions()
    paint = _Paint(options.color)
    if options.statistics:
        yield "".join(line + "\n" for line in _statistics(report, rules, paint))
    else:
        links = {rule["id"]: rule.get("help_uri") for rule in rules}
        for entry in report["files"]:
            lines = []
            for finding in entry["findings"]:
                lines.append(_headline(entry["path"], finding, paint))
                if options.show_source:
                    lines += _source_block(finding, (sources or {}).get(entry["path"], {}), links, options, paint)
            yield "".join(line + "\n" for line in lines)
    if not options.quiet:
        yield _summary(report["files"].summary(), paint) + "\n"


def _headline(path: str, finding: Json, paint: _Paint) -> str:
    message = shown(" ".join(finding["message"].split()))
    where = paint("path", f"{shown(path)}:{finding['line']}:{finding['column']}:")
    severity = finding["severity"]
    return f"{where} {paint(severity, severity)} {finding['rule']} {message}"


def _source_block(
    finding: Json, source: dict[int, str], links: dict[str, str | None], options: TextOptions, paint: _Paint
) -> list[str]:
    number = finding["line"]
    text = source.get(number)
    footer = []
    if finding.get("note"):
        footer.append(("note", finding["note"]))
    if links.get(finding["rule"]):
        footer.append(("help", links[finding["rule"]]))
    gutter_width = len(str(number))
    bar = paint("gutter", " " * gutter_width + " |")
    out: list[str] = []
    if text is not None:
        code, carets = _excerpt(text, finding, max(options.width, MIN_WIDTH))
        out += [bar, f"{paint('gutter', f'{number} |')} {code}".rstrip(), f"{bar} {paint(finding['severity'], carets)}"]
        if finding["end_line"] > number:
            out[-1] += paint("dim", f" (continues to line {finding['end_line']})")
    for label, value in footer:
        out.append(f"{paint('gutter', ' ' * gutter_width + ' =')} {paint('dim', label + ':')} {shown(value)}")
    out.append("")
    return out


def _excerpt(line: str, finding: Json, budget: int) -> tuple[str, str]:
    """The line (cut to ``budget`` columns around the span) and the ``^`` line under the span."""
    pieces = [_shown_char(char) for char in line]
    widths = [_width(piece) for piece in pieces]
    start = min(finding["column"] - 1, len(pieces))
    end = finding["end_column"] - 1 if finding["end_line"] == finding["line"] else len(pieces)
    end = min(max(end, start), len(pieces))
    left, right = _window(widths, start, end, budget)
    code = ("" if left == 0 else ELLIPSIS) + "".join(pieces[left:right]) + ("" if right == len(pieces) else ELLIPSIS)
    lead = (1 if left else 0) + sum(widths[left:start])
    under = sum(widths[start : min(end, right)]) if end > start else 1
    return code, " " * lead + "^" * max(under, 1)


def _window(widths: list[int], start: int, end: int, budget: int) -> tuple[int, int]:
    """Characters ``[left, right)`` to print: all when they fit, else the span with context before and after
    (up to a third of the room before it, less when the span needs the room)."""
    if sum(widths) <= budget:
        return 0, len(widths)
    room = budget - 2  # the two ellipses
    span_width = sum(widths[start:end])
    context = min(room // 3, max(room - span_width, 0), sum(widths[:start]))
    left = start
    used = 0
    while left > 0 and used + widths[left - 1] <= context:
        left -= 1
        used += widths[left]
    right = start
    while right < len(widths) and used + widths[right] <= room:
        used += widths[right]
        right += 1
    while left > 0 and used + widths[left - 1] <= room:  # the span ended near the line end: more before it
        left -= 1
        used += widths[left]
    # An ellipsis not needed at one end leaves its column to the text.
    if left == 0 and right < len(widths) and used + widths[right] <= room + 1:
        right += 1
    elif right == len(widths) and left > 0 and used + widths[left - 1] <= room + 1:
        left -= 1
    # A span longer than the room is cut like the line: its carets stop at the ellipsis.
    return left, max(right, min(start + 1, len(widths)))


def _statistics(report: Json, rules: list[Json], paint: _Paint) -> list[str]:
    """Counts per rule and severity, most frequent first (ruff's --statistics)."""
    counts: Counter[tuple[str, str]] = Counter(
        (finding["rule"], finding["severity"]) for entry in report["files"] for finding in entry["findings"]
    )
    summaries = {rule["id"]: " ".join(str(rule.get("summary") or "").split()) for rule in rules}
    rows = sorted(counts.items(), key=lambda item: (-item[1], item[0][0], item[0][1]))
    count_width = max((len(str(count)) for _, count in rows), default=1)
    rule_width = max((len(rule) for (rule, _), _ in rows), default=1)
    lines = []
    for (rule, severity), count in rows:
        label = paint(severity, severity) + " " * (7 - len(severity))
        lines.append(
            f"{count:>{count_width}}  {label}  {rule:<{rule_width}}  {shown(summaries.get(rule, ''))}".rstrip()
        )
    return lines


def _summary(summary: Json, paint: _Paint) -> str:
    files, total = summary["files"], summary["findings"]
    parts = []
    for severity in ("error", "warning", "info"):
        count = summary[severity]
        word = severity if count == 1 or severity == "info" else severity + "s"
        parts.append(paint(severity, f"{count} {word}") if count else f"{count} {word}")
    return f"Found {total} finding{'' if total == 1 else 's'} ({', '.join(parts)}) in {files} file{'' if files == 1 else 's'}."
