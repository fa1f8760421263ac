"""The audit page's chart of compliance per month, drawn so that it cannot mislead on time or small numbers.

A time axis to scale (a point's x is its month; months without articles are crossed by a dashed line,
not by the same solid step as neighbouring months), the article count beside each point (the largest
months first where points crowd), hollow points for months under MIN_N articles, and a caption that says
how many articles are undated and so not drawn. Numbers come from the audit dict, as everywhere on the page.
"""

from __future__ import annotations

from html import escape
from typing import Any

from lint.report.audit_text import pct


def _e(value: Any) -> str:
    return escape("" if value is None else str(value))


MIN_N = 5  # a month with fewer articles is drawn hollow: one article swings its rate between 0 and 100 %


def _month_number(key: str) -> int | None:
    """``2019-02`` -> months since year 0, so the axis can be drawn to scale; None for other keys."""
    year, _, month = key.partition("-")
    if not (year.isdigit() and month.isdigit() and 1 <= int(month) <= 12):
        return None
    return int(year) * 12 + int(month) - 1


def month_chart(months: list[dict[str, Any]]) -> str:
    """Overall compliance per dated month on a time axis to scale: the gap between two points is the time
    between them, a stretch without articles is a dashed line, each point carries its article count (months
    under MIN_N articles hollow), and the caption says how many articles are undated and not drawn."""
    dated = [
        (number, m)
        for m in months
        if m["compliance_percent"] is not None and (number := _month_number(str(m["key"]))) is not None
    ]
    dated.sort(key=lambda item: item[0])
    left, right, top, bottom, plot_h, width = 48, 28, 24, 48, 220, 780
    plot_w = width - left - right
    height = top + plot_h + bottom
    out = [
        f'<svg id="chart-months" class="chart" role="img" viewBox="0 0 {width} {height}" width="{width}" '
        f'height="{height}" xmlns="http://www.w3.org/2000/svg"><title>Compliance per month</title>'
    ]
    for tick in (0, 25, 50, 75, 100):
        y = top + plot_h * (1 - tick / 100)
        out.append(
            f'<line class="grid" x1="{left}" y1="{y:.1f}" x2="{width - right}" y2="{y:.1f}"/>'
            f'<text class="muted" x="{left - 6}" y="{y + 4:.1f}" text-anchor="end">{tick} %</text>'
        )
    out.append(f'<line class="axis" x1="{left}" y1="{top + plot_h}" x2="{width - right}" y2="{top + plot_h}"/>')
    if not dated:
        out.append(f'<text class="muted" x="{left + 10}" y="{top + plot_h / 2}">no dated articles</text></svg>')
        return "".join(out)
    first, last = dated[0][0], dated[-1][0]
    span = max(last - first, 1)

    def x_of(number: int) -> float:
        return left + (plot_w * (number - first) / span if last > first else plot_w / 2)

    out += _time_ticks(first, last, x_of, top + plot_h)
    points = [(x_of(number), top + plot_h * (1 - m["compliance_percent"] / 100), number, m) for number, m in dated]
    run: list[tuple[float, float]] = []
    for index, (x, y, number, _month) in enumerate(points):
        if index and number - points[index - 1][2] > 1:  # months without articles: no line through them
            if len(run) > 1:
                out.append(_polyline(run))
            px, py = points[index - 1][0], points[index - 1][1]
            out.append(f'<line class="gap" x1="{px:.1f}" y1="{py:.1f}" x2="{x:.1f}" y2="{y:.1f}"/>')
            run = []
        run.append((x, y))
    if len(run) > 1:
        out.append(_polyline(run))
    labelled = _labelled(points)
    for index, (x, y, _number, month) in enumerate(points):
        few = month["articles"] < MIN_N
        out.append(
            f'<circle class="point{" few" if few else ""}" cx="{x:.1f}" cy="{y:.1f}" r="4.5" '
            f'data-month="{_e(month["key"])}" data-value="{month["compliance_percent"]}" '
            f'data-articles="{month["articles"]}"><title>{_e(month["key"])}: '
            f"{pct(month['compliance_percent'])} ({month['compliant']} of {month['articles']} articles)</title></circle>"
        )
        if index in labelled:
            label_y = y - 9 if y > top + 14 else y + 18
            out.append(
                f'<text class="count" x="{x:.1f}" y="{label_y:.1f}" text-anchor="middle">{month["articles"]}</text>'
            )
    out.append("</svg>")
    return "".join(out)


LABEL_ROOM = 16  # px between the article counts of two points, so the numbers stay readable


def _labelled(points: list[tuple[float, float, int, dict[str, Any]]]) -> set[int]:
    """Which points get their article count written beside them: all when there is room, else the
    largest months first, each at least LABEL_ROOM from the counts already placed (the rest keep it in
    their tooltip, and hollow points still mark the small months)."""
    placed: list[tuple[float, float]] = []
    chosen: set[int] = set()
    for index in sorted(range(len(points)), key=lambda i: (-points[i][3]["articles"], i)):
        x, y = points[index][0], points[index][1]
        if all(abs(x - px) >= LABEL_ROOM or abs(y - py) >= LABEL_ROOM for px, py in placed):
            placed.append((x, y))
            chosen.add(index)
    return chosen


def _polyline(run: list[tuple[float, float]]) -> str:
    return '<polyline class="line" points="' + " ".join(f"{x:.1f},{y:.1f}" for x, y in run) + '"/>'


def _time_ticks(first: int, last: int, x_of: Any, axis_y: float) -> list[str]:
    """Labels under the axis at real dates: every month for short periods, else January of every n-th year."""
    months = last - first
    if months <= 12:
        ticks = list(range(first, last + 1))
    else:
        years = max(1, -(-months // 12 // 8))  # at most about 8 year labels
        start_year = -(-first // 12)
        ticks = [year * 12 for year in range(start_year, last // 12 + 1) if (year - start_year) % years == 0]
        if not ticks:
            ticks = [first]
    out = []
    for number in ticks:
        year, month = divmod(number, 12)
        label = f"{year}-{month + 1:02d}" if months <= 12 else str(year)
        x = x_of(number)
        out.append(
            f'<line class="tick" x1="{x:.1f}" y1="{axis_y}" x2="{x:.1f}" y2="{axis_y + 5}"/>'
            f'<text class="muted" x="{x:.1f}" y="{axis_y + 19}" text-anchor="middle">{label}</text>'
        )
    return out


def month_caption(months: list[dict[str, Any]], undated: int, total: int) -> str:
    """What the chart leaves out and how to read it, in numbers."""
    dated = sum(m["articles"] for m in months if _month_number(str(m["key"])) is not None)
    parts = [f"{dated} of {total} articles are dated and drawn"]
    if undated:
        share = 100 * undated / total if total else 0
        parts.append(f"{undated} ({share:.0f} %) are undated and not in the chart")
    text = "; ".join(parts) + "."
    text += (
        f" The axis is to scale: a dashed line crosses months without articles. The number beside a point is its "
        "article count (where points crowd, only the largest months are numbered; every point's tooltip has "
        f"its count); hollow points stand for fewer than {MIN_N} articles, whose rate swings widely."
    )
    return f'<p class="note" id="months-caption">{_e(text)}</p>'
