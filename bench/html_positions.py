"""Compare two ways of reading HTML with source positions, on a folder of real pages.

A: lint.document.html_scan -- one regex tokenizer pass, offsets straight from the match objects.
B: the standard library's html.parser -- getpos() (line, column) turned into offsets with a
   line-start table; convert_charrefs=False so entities arrive as their own events.

For each page: time per pass, and position correctness -- the share of text chunks and start tags
whose reported offset points at exactly that text / a "<name" in the source. A and B are also compared
with each other: the share of B's start-tag offsets that A found too.

    python bench/html_positions.py [FOLDER]     (default: ../shared/corpus/html)
"""

from __future__ import annotations

import sys
import time
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lint.document.html_scan import _TOKEN, VOID, scan  # noqa: E402

_RAW = {"script", "style", "textarea", "title", "noscript", "template", "xmp", "iframe", "noembed", "noframes"}


class _Positions(HTMLParser):
    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=False)
        self.text = text
        self.starts = [0]
        pos = text.find("\n")
        while pos != -1:
            self.starts.append(pos + 1)
            pos = text.find("\n", pos + 1)
        self.tags: list[tuple[int, str]] = []
        self.data: list[tuple[int, str]] = []

    def where(self) -> int:
        line, column = self.getpos()
        return self.starts[line - 1] + column

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((self.where(), tag))

    def handle_data(self, data: str) -> None:
        if data.strip():
            self.data.append((self.where(), data))


def run_b(text: str) -> _Positions:
    parser = _Positions(text)
    parser.feed(text)
    parser.close()
    return parser


def main() -> int:
    # ../shared beside the clone, or one level further up from a git worktree.
    default = next(
        (p / "shared" / "corpus" / "html" for p in ROOT.parents if (p / "shared" / "corpus" / "html").is_dir()),
        ROOT.parent / "shared" / "corpus" / "html",
    )
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else default
    files = sorted(folder.glob("*.htm*"))
    if not files:
        print(f"no HTML files in {folder}")
        return 2
    total_bytes = 0
    time_a = time_b = time_t = 0.0
    inside_raw = 0
    a_ok = a_all = b_ok = b_all = agree = b_tags = 0
    b_failed = 0
    for path in files:
        text = path.read_bytes().decode("utf-8", errors="replace").replace("\r\n", "\n").replace("\r", "\n")
        total_bytes += len(text.encode())
        started = time.perf_counter()
        found = scan(text)
        time_a += time.perf_counter() - started
        for run in found.runs:  # a run lies between the end of one token and the start of the next
            a_all += 1
            a_ok += (run.start == 0 or text[run.start - 1] == ">") and (run.end == len(text) or text[run.end] == "<")
        for element in found.elements:
            a_all += 1
            a_ok += (
                text.startswith("<" + element.name, element.start)
                or text[element.start : element.start + len(element.name) + 1].lower() == "<" + element.name
            )
        started = time.perf_counter()
        tokens = sum(1 for _ in _TOKEN.finditer(text))
        time_t += time.perf_counter() - started
        starts_a = {e.start for e in found.elements} | {i.start for i in found.images}
        raw_spans = [m.span("rbody") for m in _TOKEN.finditer(text) if m.group("raw")]
        started = time.perf_counter()
        try:
            parsed = run_b(text)
        except Exception:  # html.parser gives up on some broken markup
            b_failed += 1
            continue
        finally:
            time_b += time.perf_counter() - started
        for offset, data in parsed.data:
            b_all += 1
            b_ok += text.startswith(data, offset)
        for offset, tag in parsed.tags:
            b_all += 1
            b_ok += text[offset : offset + len(tag) + 1].lower() == "<" + tag
            if (tag in VOID and tag not in ("img", "amp-img")) or tag in _RAW:
                continue  # A records no element for <br>, <meta>, <source>, nor for raw-text elements
            if any(s <= offset < e for s, e in raw_spans):
                inside_raw += 1  # B parses noscript/iframe/template content as markup; A keeps it raw
                continue
            b_tags += 1
            agree += offset in starts_a
    mb = total_bytes / 1e6
    print(f"{len(files)} pages, {mb:.1f} MB")
    print(
        f"A regex tokenizer (html_scan): {time_a:.2f} s = {mb / time_a:.1f} MB/s; "
        f"positions exact {a_ok}/{a_all} ({100 * a_ok / max(a_all, 1):.2f} %)"
    )
    print(
        f"B html.parser + getpos:        {time_b:.2f} s = {mb / time_b:.1f} MB/s; "
        f"positions exact {b_ok}/{b_all} ({100 * b_ok / max(b_all, 1):.2f} %); {b_failed} pages raised"
    )
    print(f"A tokenizer regex alone:       {time_t:.2f} s = {mb / time_t:.1f} MB/s ({tokens} tokens in the last page)")
    print(
        f"non-void start tags of B also found by A: {agree}/{b_tags} ({100 * agree / max(b_tags, 1):.2f} %); "
        f"{inside_raw} more that B found inside noscript/iframe/template/textarea text"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
