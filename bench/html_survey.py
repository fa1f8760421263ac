"""What the HTML reader finds on a folder of real pages: a table per corpus, and per-page details.

    python bench/html_survey.py [FOLDER] [--pages]     (default: ../shared/corpus/html)

Columns: pages read without error, and the share with a detected title, a byline, at least one
article image, at least one image credit, and an agency credit; plus the time per page. Groups are
the file name prefixes (aeb-, newspaper-, readability-, trafilatura-).
"""

from __future__ import annotations

import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lint.pack.loader import load_pack  # noqa: E402
from lint.run.linter import Linter, Settings, select_rules  # noqa: E402

COLUMNS = ("title", "byline", "image", "image credit", "agency credit")


def _folder(argv: list[str]) -> Path:
    given = [a for a in argv if not a.startswith("--")]
    if given:
        return Path(given[0])
    for parent in ROOT.parents:
        if (parent / "shared" / "corpus" / "html").is_dir():
            return parent / "shared" / "corpus" / "html"
    return ROOT.parent / "shared" / "corpus" / "html"


def main(argv: list[str]) -> int:
    folder = _folder(argv)
    pages = sorted(folder.glob("*.htm*"))
    if not pages:
        print(f"no HTML pages in {folder}", file=sys.stderr)
        return 2
    pack = load_pack([])
    settings = Settings()
    linter = Linter(pack, select_rules(pack, settings), settings)
    rows: dict[str, list[dict[str, object]]] = defaultdict(list)
    for page in pages:
        started = time.perf_counter()
        result = linter.lint_file(page)
        elapsed = time.perf_counter() - started
        facts = result.facts
        images = sum(1 for f in result.findings if f.rule == "image-credit") + len(facts.get("image_credits", []))
        row = {
            "page": page.name,
            "error": result.errors[0]["message"] if result.errors else None,
            "seconds": elapsed,
            "title": bool(facts.get("title")),
            "byline": bool(facts.get("byline")),
            "image": images > 0,
            "image credit": bool(facts.get("image_credits")),
            "agency credit": bool(facts.get("agency_credits")),
            "facts": facts,
            "findings": len(result.findings),
            "images": images,
        }
        rows[page.name.split("-")[0]].append(row)
        rows["all"].append(row)
    print(f"| corpus | pages | read | {' | '.join(COLUMNS)} | ms/page |")
    print("|---|---:|---:|" + "---:|" * len(COLUMNS) + "---:|")
    for group in sorted(rows, key=lambda g: (g == "all", g)):
        found = rows[group]
        share = [f"{100 * sum(bool(r[c]) for r in found) / len(found):.0f} %" for c in COLUMNS]
        read = sum(r["error"] is None for r in found)
        ms = 1000 * sum(float(r["seconds"]) for r in found) / len(found)  # type: ignore[arg-type]
        print(f"| {group} | {len(found)} | {read} | {' | '.join(share)} | {ms:.0f} |")
    if "--pages" in argv:
        print()
        for row in rows["all"]:
            facts = row["facts"]
            assert isinstance(facts, dict)
            print(
                f"{row['page'][:48]:48} img={row['images']:<2} credits={facts.get('image_credits')} "
                f"agency={facts.get('agency_credits')} byline={facts.get('byline')!r} "
                f"title={str(facts.get('title'))[:50]!r} error={row['error']}"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
