"""The default text format: ``path:line:col: severity rule message`` and a closing summary line."""

from __future__ import annotations

from typing import Any

from lint.report.escape import for_terminal


def render(report: dict[str, Any], rules: list[dict[str, Any]]) -> str:
    lines = []
    for entry in report["files"]:
        for f in entry["findings"]:
            message = for_terminal(" ".join(f["message"].split()))
            lines.append(
                f"{for_terminal(entry['path'])}:{f['line']}:{f['column']}: {f['severity']} {for_terminal(f['rule'])} {message}"
            )
    summary = report["summary"]
    files = summary["files"]
    total = summary["findings"]
    lines.append(
        f"Found {total} finding{'' if total == 1 else 's'} ({summary['error']} error{'' if summary['error'] == 1 else 's'}, "
        f"{summary['warning']} warning{'' if summary['warning'] == 1 else 's'}, {summary['info']} info) "
        f"in {files} file{'' if files == 1 else 's'}."
    )
    return "\n".join(lines) + "\n"
