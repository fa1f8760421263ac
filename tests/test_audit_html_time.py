"""The audit page's month chart and tables, without a browser: a time axis to scale, article counts on
points, hollow small months, the undated share, rules as rows and error lines grouped per article.
(tests/test_audit_browser.py renders the whole page in Chromium.)"""

from __future__ import annotations

import itertools
import re
from typing import Any

from lint.report.audit_html import GROUPS_PER_TABLE, _locations, grouped_tables
from lint.report.audit_time import _labelled, month_caption, month_chart


def month(key: str, articles: int, compliant: int) -> dict[str, Any]:
    return {
        "key": key,
        "articles": articles,
        "compliant": compliant,
        "compliance_percent": round(100 * compliant / articles, 1) if articles else None,
    }


MONTHS = [month("2017-11", 1, 1), month("2019-02", 10, 5), month("2019-06", 8, 8), month("unknown", 30, 3)]


def points(svg: str) -> list[tuple[float, str, int, bool]]:
    found = re.findall(
        r'<circle class="(point[^"]*)" cx="([\d.]+)".*?data-month="([^"]+)".*?data-articles="(\d+)"', svg
    )
    return [(float(cx), key, int(n), "few" in klass) for klass, cx, key, n in found]


def test_time_axis_is_to_scale() -> None:
    drawn = points(month_chart(MONTHS))
    assert [key for _x, key, _n, _few in drawn] == ["2017-11", "2019-02", "2019-06"]
    first, second, third = (x for x, *_ in drawn)
    # 2017-11 -> 2019-02 is 15 months, 2019-02 -> 2019-06 four: the distances say so.
    assert abs((second - first) / (third - second) - 15 / 4) < 0.01


def test_gaps_are_dashed_and_neighbours_joined() -> None:
    svg = month_chart([month("2020-01", 6, 3), month("2020-02", 6, 6), month("2020-05", 6, 0)])
    assert svg.count('<polyline class="line"') == 1 and len(re.findall(r"<polyline[^>]*points=\"[^\"]*\"", svg)) == 1
    assert re.search(r'<polyline class="line" points="\S+ \S+"/>', svg)  # January and February only
    assert svg.count('<line class="gap"') == 1  # February -> May


def test_counts_on_points_and_hollow_small_months() -> None:
    svg = month_chart(MONTHS)
    assert [few for *_rest, few in points(svg)] == [True, False, False]  # one article is not a trend
    assert re.findall(r'<text class="count"[^>]*>(\d+)</text>', svg) == ["1", "10", "8"]
    assert "(1 of 1 articles)" in svg


def test_crowded_points_number_the_largest_months() -> None:
    crowded = [(100.0 + 10 * i, 50.0, 0, {"articles": n}) for i, n in enumerate([2, 9, 3, 1, 40, 2])]
    chosen = _labelled(crowded)
    assert 4 in chosen and 1 in chosen  # the 40- and the 9-article months
    xs = sorted(crowded[i][0] for i in chosen)
    assert all(b - a >= 16 for a, b in itertools.pairwise(xs))
    apart = [(100.0 + 30 * i, 50.0, 0, {"articles": 1}) for i in range(5)]
    assert _labelled(apart) == set(range(5))


def test_undated_share_is_stated() -> None:
    caption = month_caption(MONTHS, undated=30, total=49)
    assert "19 of 49 articles are dated and drawn; 30 (61 %) are undated and not in the chart." in caption
    assert "fewer than 5 articles" in caption
    assert "undated" not in month_caption(MONTHS[:3], undated=0, total=19).split(".")[0]


def test_pass_rates_by_group_have_rules_as_rows_and_few_columns() -> None:
    rules = [f"rule-{i}" for i in range(15)]
    groups = [
        {
            "key": f"section-{g}",
            "articles": 10 + g,
            "compliance_percent": 50.0,
            "rules": {r: {"applicable": 0 if g == 0 else 4, "pass_percent": None if g == 0 else 75.0} for r in rules},
        }
        for g in range(15)
    ]
    html = "".join(grouped_tables({"by": "section", "groups": groups}, rules))
    tables = html.split('<table class="grouped">')[1:]
    assert len(tables) == 3  # 15 groups, six to a table
    for table in tables:
        header = table.split("</thead>")[0]
        assert len(re.findall(r"<th[ >]", header)) <= GROUPS_PER_TABLE + 1
        assert table.count("<tr><td><code>") == 15  # every rule a row
    assert "section-0<br><small>10 art.</small>" in tables[0] and "–" in tables[0] and "75.0 %" in tables[0]


def test_error_locations_are_grouped_per_article() -> None:
    errors = [{"rule": "image-credit", "line": 40, "column": 1, "location": "a.md:40"} for _ in range(9)]
    errors += [{"rule": "image-credit", "line": 57, "column": 1, "location": "a.md:57"}]
    errors += [{"rule": "agency-credit", "line": 60, "column": 3, "location": "a.md:60"}]
    html = _locations({"path": "a.md", "errors": errors}, None)
    assert html.count(">a.md</a>") == 1 and "a.md:40" not in html
    assert "<code>image-credit</code> lines 40 ×9, 57</li>" in html
    assert "<code>agency-credit</code> line 60</li>" in html
