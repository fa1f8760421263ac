#!/usr/bin/env python3
"""Load test of `editorial-lint serve` on loopback, compared in the same run with in-process linting.

    python bench/serve_load.py                         # 2 workers, 20 s per phase, ../shared/corpus
    python bench/serve_load.py --workers 2 --seconds 20 --clients 20 --json out.json

Phases (every loop is bounded by time and count; traffic goes to 127.0.0.1 only):
1. in-process: N processes call ``lint.lint_text`` on the articles for S seconds — the yardstick;
2. below saturation: as many keep-alive clients as the server admits without refusing (2 per worker);
   every answer must be 200 — requests/s, p50/p95/p99 latency;
3. above saturation: ``--clients`` (default 20) keep-alive clients for S seconds; every answer must be 200
   or 503 (clients honour Retry-After, as a CMS should);
then phase 1 again, and the yardstick is the mean of both in-process runs (the machine may be shared).
Phase 1 is run twice over: with ``lint.lint_text`` (which also computes ``rules_applied`` for audits) and
with the service's own engine adapter (lint/server/engine.py, the work a worker does per request), the
like-for-like yardstick.
Target: the service's rate below saturation is at least 80 % of the in-process rate (HTTP overhead
≤ 20 %). Exit 1 when a target is missed. Standard library only (plus the project's server extra).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import multiprocessing
import os
import random
import statistics
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus"
FORMATS = {".txt": "text", ".md": "markdown", ".html": "html", ".htm": "html"}
TARGET_RATIO = 0.80


def articles(corpus: Path, count: int, seed: int) -> list[tuple[str, str]]:
    """(name, text) of ``count`` real articles, every language folder represented in its share."""
    files = sorted(p for p in corpus.rglob("*") if p.suffix.lower() in FORMATS and p.is_file())
    if not files:
        sys.exit(f"serve_load: no articles under {corpus} (give --corpus)")
    random.Random(seed).shuffle(files)
    chosen = sorted(files[:count])
    return [(str(p.relative_to(corpus)), p.read_text(encoding="utf-8", errors="replace")) for p in chosen]


# --- in-process yardstick -----------------------------------------------------------------------

_ARTICLES: list[tuple[str, str]] = []


def _lint_for(arguments: tuple[int, float, str]) -> int:
    import lint

    offset, seconds, mode = arguments
    if mode == "api":
        check = lint.lint_text
    else:  # what a service worker does per request: the same engine adapter, offsets included
        from lint.server.engine import CheckerOptions, open_checker
        from lint.server.requests import Article

        checker = open_checker(CheckerOptions(isolated=True))

        def check(text: str, name: str) -> Any:
            return checker.check(Article(text=text, path=name))

    check("Warm-up. (dpa)", "w.txt")  # load the pack before the clock starts
    done, index = 0, offset
    deadline = time.perf_counter() + seconds
    while time.perf_counter() < deadline:
        name, text = _ARTICLES[index % len(_ARTICLES)]
        check(text, name)
        done += 1
        index += 1
    return done


def in_process(items: list[tuple[str, str]], workers: int, seconds: float, mode: str = "api") -> float:
    global _ARTICLES
    _ARTICLES = items
    context = multiprocessing.get_context("fork")
    with context.Pool(workers) as pool:
        started = time.perf_counter()
        counts = pool.map(_lint_for, [(i * 37, seconds, mode) for i in range(workers)])
        elapsed = time.perf_counter() - started
    # Each process ran for `seconds` after its own warm-up; the rate is per second of linting.
    return sum(counts) / seconds if elapsed else 0.0


# --- HTTP load ----------------------------------------------------------------------------------


def requests_for(items: list[tuple[str, str]], host: str, port: int) -> list[bytes]:
    encoded = []
    for name, text in items:
        body = json.dumps({"text": text, "path": name}, ensure_ascii=False).encode()
        head = (
            f"POST /v1/check HTTP/1.1\r\nHost: {host}:{port}\r\nContent-Type: application/json\r\n"
            f"Content-Length: {len(body)}\r\n\r\n"
        ).encode()
        encoded.append(head + body)
    return encoded


async def client(
    host: str, port: int, requests: list[bytes], offset: int, deadline: float, record: dict[str, Any]
) -> None:
    reader, writer = await asyncio.open_connection(host, port)
    index = offset
    try:
        while time.perf_counter() < deadline and record["sent"] < record["max_requests"]:
            request = requests[index % len(requests)]
            index += 1
            started = time.perf_counter()
            record["sent"] += 1
            writer.write(request)
            await writer.drain()
            status_line = await reader.readline()
            if not status_line:
                record["statuses"]["closed"] += 1
                reader, writer = await asyncio.open_connection(host, port)
                continue
            status = int(status_line.split()[1])
            length, retry_after = 0, 1.0
            while True:
                line = await reader.readline()
                if line in (b"\r\n", b""):
                    break
                name, _, value = line.decode("latin-1").partition(":")
                if name.lower() == "content-length":
                    length = int(value)
                elif name.lower() == "retry-after":
                    retry_after = float(value)
            await reader.readexactly(length)
            record["statuses"][status] += 1
            if status == 200:
                record["latencies"].append(time.perf_counter() - started)
            elif status == 503:
                await asyncio.sleep(min(retry_after, max(0.0, deadline - time.perf_counter())))
    finally:
        writer.close()


async def load(host: str, port: int, requests: list[bytes], clients: int, seconds: float) -> dict[str, Any]:
    record: dict[str, Any] = {"sent": 0, "max_requests": 1_000_000, "statuses": Counter(), "latencies": []}
    started = time.perf_counter()
    deadline = started + seconds
    await asyncio.gather(*(client(host, port, requests, i * 7, deadline, record) for i in range(clients)))
    elapsed = time.perf_counter() - started
    latencies = sorted(record["latencies"])

    def quantile(q: float) -> float:
        return latencies[min(len(latencies) - 1, int(q * len(latencies)))] * 1000 if latencies else float("nan")

    ok = record["statuses"].get(200, 0)
    return {
        "clients": clients,
        "seconds": round(elapsed, 2),
        "requests": sum(record["statuses"].values()),
        "ok": ok,
        "rate": ok / elapsed,
        "statuses": {str(k): v for k, v in sorted(record["statuses"].items(), key=lambda kv: str(kv[0]))},
        "p50_ms": quantile(0.50),
        "p95_ms": quantile(0.95),
        "p99_ms": quantile(0.99),
        "mean_ms": statistics.fmean(latencies) * 1000 if latencies else float("nan"),
    }


def start_server(workers: int, queue: int) -> tuple[subprocess.Popen[str], str, int]:
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "lint",
            "serve",
            "--port",
            "0",
            "--workers",
            str(workers),
            "--queue",
            str(queue),
            "--isolated",
        ],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        cwd=REPO,
    )
    assert process.stderr is not None
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        line = process.stderr.readline()
        if not line:
            sys.exit("serve_load: the server stopped before it was ready")
        if '"event": "ready"' in line:
            url = json.loads(line)["url"]
            host, port = url.removeprefix("http://").rsplit(":", 1)
            # Drain the access log so the pipe never fills (and never slows the server).
            import threading

            threading.Thread(target=lambda: [None for _ in process.stderr], daemon=True).start()  # type: ignore[union-attr]
            return process, host, int(port)
    process.kill()
    sys.exit("serve_load: the server did not get ready")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--clients", type=int, default=20, help="clients above saturation")
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    if not 0 < args.seconds <= 120 or not 0 < args.clients <= 200:
        parser.error("--seconds up to 120 and --clients up to 200 (a bounded test)")
    items = articles(args.corpus, args.articles, args.seed)
    queue = 2 * args.workers
    below = args.workers + queue  # what the server admits without a 503
    print(f"{len(items)} articles from {args.corpus}, {args.workers} worker(s), {args.seconds:g} s per phase")
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f} at start")

    first = in_process(items, args.workers, args.seconds)
    print(f"in-process lint.lint_text, {args.workers} processes: {first:.1f} articles/s")
    adapter_first = in_process(items, args.workers, args.seconds, "adapter")
    print(
        f"in-process service engine (lint/server/engine.py), {args.workers} processes: {adapter_first:.1f} articles/s"
    )
    process, host, port = start_server(args.workers, queue)
    try:
        requests = requests_for(items, host, port)
        asyncio.run(load(host, port, requests, args.workers, 2.0))  # warm-up, not counted
        under = asyncio.run(load(host, port, requests, below, args.seconds))
        over = asyncio.run(load(host, port, requests, args.clients, args.seconds))
    finally:
        process.terminate()
        process.wait(60)
    second = in_process(items, args.workers, args.seconds)
    print(f"in-process lint.lint_text again: {second:.1f} articles/s")
    adapter_second = in_process(items, args.workers, args.seconds, "adapter")
    print(f"in-process service engine again: {adapter_second:.1f} articles/s")
    yardstick = (first + second) / 2
    ratio = under["rate"] / yardstick if yardstick else 0.0
    adapter = (adapter_first + adapter_second) / 2
    adapter_ratio = under["rate"] / adapter if adapter else 0.0

    for label, phase in (("below saturation", under), ("above saturation", over)):
        print(
            f"{label}: {phase['clients']} clients, {phase['rate']:.1f} req/s ok, p50 {phase['p50_ms']:.1f} ms, "
            f"p95 {phase['p95_ms']:.1f} ms, p99 {phase['p99_ms']:.1f} ms, statuses {phase['statuses']}"
        )
    print(f"service / in-process lint.lint_text: {ratio:.0%} (target ≥ {TARGET_RATIO:.0%})")
    print(
        f"service / in-process service engine: {adapter_ratio:.0%} (like for like: lint.lint_text also "
        "computes rules_applied for audits)"
    )
    print(f"load average at end: {os.getloadavg()[0]:.2f}")
    problems = []
    if set(under["statuses"]) != {"200"}:
        problems.append(f"below saturation not every answer was 200: {under['statuses']}")
    if not set(over["statuses"]) <= {"200", "503"}:
        problems.append(f"above saturation answers other than 200/503: {over['statuses']}")
    if ratio < TARGET_RATIO:
        problems.append(f"the service reached {ratio:.0%} of the in-process rate, under {TARGET_RATIO:.0%}")
    if adapter_ratio < TARGET_RATIO:
        problems.append(f"the service reached {adapter_ratio:.0%} of its own engine's in-process rate")
    for problem in problems:
        print("MISSED: " + problem)
    if args.json:
        result = {
            "in_process": [first, second],
            "in_process_engine": [adapter_first, adapter_second],
            "engine_ratio": adapter_ratio,
            "below": under,
            "above": over,
            "ratio": ratio,
            "problems": problems,
        }
        args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
