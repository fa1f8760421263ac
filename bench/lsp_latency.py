#!/usr/bin/env python3
"""Latency of the language server: ``didChange`` to ``publishDiagnostics`` for a 4 KB article.

Starts ``editorial-lint lsp`` over stdio (the way an editor does), opens a generated 4 KB Markdown
article in a temporary workspace, then makes N edits one after the other (each a changed word, so the
text and its findings stay alike), timing each from sending ``didChange`` to receiving the diagnostics
for that version. In the same run, interleaved with the edits, it times the in-process lint of the same
texts (the engine the server uses, lint/lsp/engine.py). Target: median latency <= debounce + 1.5 x median in-process time;
``--check`` exits 1 when it is missed.

Run from the repository root with the lsp extra installed: ``python bench/lsp_latency.py``.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lint.lsp.client import LspClient, Notification  # noqa: E402
from lint.lsp.command import DEFAULT_DEBOUNCE_MS  # noqa: E402
from lint.lsp.engine import WorkspaceEngine  # noqa: E402

# Written for this bench (no corpus text): a German council story with quotations, vague and
# unattributed sourcing, emoji and a missing credit, repeated to about 4 KB.
PARAGRAPHS = [
    "Der Gemeinderat 🏛️ hat am Dienstagabend nach langer Debatte den Haushalt für das kommende Jahr "
    "beschlossen. Die Mehrheit war knapp, zwei Mitglieder enthielten sich.",
    "„Wir haben an vielen Stellen sparen müssen, aber die Schulen bekommen mehr Geld“, sagte die "
    "Bürgermeisterin Petra Beispiel nach der Sitzung.",
    "Kritiker zufolge reicht das nicht aus. „Das ist ein Haushalt der verpassten Gelegenheiten für die ganze Stadt.“",
    "Die Sanierung des Hallenbads 🏊 soll im Frühjahr beginnen und rund zwei Jahre dauern. Der Verein "
    "der Schwimmer habe schon Ersatzzeiten im Nachbarort gefunden.",
]
EDIT_WORDS = ("Dienstagabend", "Mittwochabend")


def article(size: int = 4096) -> str:
    parts = ["---", 'title: "Haushalt beschlossen"', "---", "", "# Haushalt beschlossen", ""]
    index = 0
    while len("\n".join(parts).encode("utf-8")) < size:
        parts += [PARAGRAPHS[index % len(PARAGRAPHS)], ""]
        index += 1
    return "\n".join(parts)


def _published(version: int, note: Notification) -> bool:
    return note.method == "textDocument/publishDiagnostics" and note.params.get("version") == version


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--edits", type=int, default=50, help="number of edits (default 50)")
    parser.add_argument("--debounce", type=float, default=DEFAULT_DEBOUNCE_MS, help="server debounce in ms")
    parser.add_argument("--check", action="store_true", help="exit 1 when the target is missed")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        path = root / "haushalt.md"
        text = article()
        path.write_text(text, encoding="utf-8")
        size = len(text.encode("utf-8"))

        engine = WorkspaceEngine(root)
        engine.lint(text, path)  # warm-up: patterns compiled, as in the server after its first lint
        client = LspClient([sys.executable, "-m", "lint", "lsp", "--debounce", f"{args.debounce:g}"], cwd=root)
        in_process: list[float] = []
        latencies: list[float] = []
        try:
            client.initialize(root)
            uri = client.open(path, text)
            findings = len(client.diagnostics(uri, 1, timeout=120))
            # Interleaved: each edit is linted in this process, then sent to the server, so that the
            # shared machine's changing load weighs on both measurements alike.
            for number in range(args.edits):
                version = number + 2
                edited = text.replace(EDIT_WORDS[0], EDIT_WORDS[number % 2], 1)
                started = time.perf_counter()
                engine.lint(edited, path)
                in_process.append(time.perf_counter() - started)
                mark = len(client.notifications)
                started = time.perf_counter()
                client.change(uri, edited, version)
                note = client.wait_for(partial(_published, version), timeout=60, after=mark)
                latencies.append(note.received - started)
        finally:
            client.close()

    latency = statistics.median(latencies)
    lint_time = statistics.median(in_process)
    debounce = args.debounce / 1000
    target = debounce + 1.5 * lint_time
    overhead = latency - debounce - lint_time
    print(f"article: {size} bytes, {findings} findings; {args.edits} edits")
    print(f"in-process lint: median {lint_time * 1000:.1f} ms (min {min(in_process) * 1000:.1f} ms)")
    print(
        f"didChange -> publishDiagnostics: median {latency * 1000:.1f} ms "
        f"(min {min(latencies) * 1000:.1f}, max {max(latencies) * 1000:.1f}); debounce {args.debounce:g} ms"
    )
    print(f"over debounce + lint: {overhead * 1000:.1f} ms (protocol, scheduling, position conversion)")
    met = latency <= target
    print(f"target: <= debounce + 1.5 x in-process = {target * 1000:.1f} ms — {'met' if met else 'MISSED'}")
    return 1 if args.check and not met else 0


if __name__ == "__main__":
    raise SystemExit(main())
