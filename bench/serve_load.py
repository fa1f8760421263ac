#!/usr/bin/env python3
"""Load test of `editorial-lint serve` on loopback, compared in the same run with in-process linting.

    python bench/serve_load.py                         # 2 workers, 20 s per phase, ../shared/corpus
    python bench/serve_load.py --workers 2 --seconds 20 --clients 20 --json out.json

Phases (every loop is bounded by time and count; traffic goes to 127.0.0.1 only). The first three are
passes over the same articles (each article once, the same work in every mode), interleaved in
``--rounds`` rounds so that load from other programs on a shared machine hits them alike; every mode is
warmed first by one pass that is not counted:
1. in-process: N processes call ``lint.lint_text`` on the articles — the yardstick the issue names (it
   also computes ``rules_applied`` for audits);
2. in-process: N processes run the service's own engine adapter (lint/server/engine.py, the work a worker
   does per request) — the like-for-like yardstick;
3. below saturation: as many keep-alive clients as the server admits without refusing (3 per worker);
   every answer must be 200 — requests/s, p50/p95/p99 latency;
4. above saturation: ``--clients`` (default 20) keep-alive clients for ``--seconds`` (default 20); every
   answer must be 200 or 503 (clients honour Retry-After, as a CMS should).
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
from collections.abc import Callable
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
_CHECK: Callable[[str, str], Any] | None = None


def _setup(mode: str) -> None:
    """Pool initializer: the process loads the pack once and keeps it, as a service worker does."""
    global _CHECK
    import lint

    if mode == "api":
        _CHECK = lint.lint_text
    else:  # what a service worker does per request: the same engine adapter, offsets included
        from lint.server.engine import CheckerOptions, open_checker
        from lint.server.requests import Article

        checker = open_checker(CheckerOptions(isolated=True))

        def check_like_a_worker(text: str, name: str) -> Any:
            return checker.check(Article(text=text, path=name))

        _CHECK = check_like_a_worker


def _warm(indices: list[int]) -> int:
    assert _CHECK is not None
    for index in indices:
        _CHECK(_ARTICLES[index][1], _ARTICLES[index][0])
    return len(indices)


class InProcess:
    """N persistent processes linting in-process, warmed by one pass over the articles (as the service's
    workers are by the HTTP warm-up), then timed in slices."""

    def __init__(self, items: list[tuple[str, str]], workers: int, mode: str) -> None:
        global _ARTICLES
        _ARTICLES = items
        self.workers = workers
        self.pool = multiprocessing.get_context("fork").Pool(workers, initializer=_setup, initargs=(mode,))
        self.pool.map(_warm, [list(range(i, len(items), workers)) for i in range(workers)])

    def rate(self) -> float:
        """Articles per second over one pass: every article once, each process taking the next one free."""
        started = time.perf_counter()
        done = sum(self.pool.imap_unordered(_warm, [[i] for i in range(len(_ARTICLES))], chunksize=1))
        return done / (time.perf_counter() - started)

    def close(self) -> None:
        self.pool.close()
        self.pool.join()


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
    host: str, port: int, requests: list[bytes], offset: int, deadline: float, record: dict[str, Any], step: int = 1
) -> None:
    reader, writer = await asyncio.open_connection(host, port)
    index = offset
    try:
        while time.perf_counter() < deadline and record["sent"] < record["max_requests"]:
            if "pending" in record:  # a pass: every article once, clients taking the next one free
                taken = next(record["pending"], None)
                if taken is None:
                    break
                request = requests[taken]
            else:
                request = requests[index % len(requests)]
                index += step
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
    """Raw counts of one load slice: statuses, latencies of the 200s, elapsed seconds."""
    record: dict[str, Any] = {"sent": 0, "max_requests": 1_000_000, "statuses": Counter(), "latencies": []}
    started = time.perf_counter()
    deadline = started + seconds
    await asyncio.gather(*(client(host, port, requests, i * 7, deadline, record) for i in range(clients)))
    record["elapsed"] = time.perf_counter() - started
    record["clients"] = clients
    return record


async def http_pass(host: str, port: int, requests: list[bytes], clients: int) -> dict[str, Any]:
    """Every article once through ``clients`` keep-alive clients; the elapsed time is the pass's."""
    record: dict[str, Any] = {
        "sent": 0,
        "max_requests": len(requests),
        "statuses": Counter(),
        "latencies": [],
        "pending": iter(range(len(requests))),
    }
    started = time.perf_counter()
    deadline = started + 600
    await asyncio.gather(*(client(host, port, requests, 0, deadline, record) for _ in range(clients)))
    record["elapsed"] = time.perf_counter() - started
    record["clients"] = clients
    return record


def summary(slices: list[dict[str, Any]]) -> dict[str, Any]:
    statuses: Counter[Any] = Counter()
    latencies: list[float] = []
    elapsed = 0.0
    for part in slices:
        statuses.update(part["statuses"])
        latencies += part["latencies"]
        elapsed += part["elapsed"]
    latencies.sort()

    def quantile(q: float) -> float:
        return latencies[min(len(latencies) - 1, int(q * len(latencies)))] * 1000 if latencies else float("nan")

    ok = statuses.get(200, 0)
    return {
        "clients": slices[0]["clients"],
        "seconds": round(elapsed, 2),
        "requests": sum(statuses.values()),
        "ok": ok,
        "rate": ok / elapsed if elapsed else 0.0,
        "statuses": {str(k): v for k, v in sorted(statuses.items(), key=lambda kv: str(kv[0]))},
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
    parser.add_argument("--rounds", type=int, default=3, help="interleaved passes over the articles per mode")
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    if not 0 < args.seconds <= 120 or not 0 < args.clients <= 200:
        parser.error("--seconds up to 120 and --clients up to 200 (a bounded test)")
    items = articles(args.corpus, args.articles, args.seed)
    queue = 2 * args.workers
    below = args.workers + queue  # what the server admits without a 503
    print(
        f"{len(items)} articles from {args.corpus}, {args.workers} worker(s), {args.rounds} rounds, {args.seconds:g} s above saturation"
    )
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f} at start")

    # Interleaved rounds, each one pass over the same articles in every mode: the same work, and load
    # from other programs on a shared machine that comes and goes hits every mode alike.
    api_rates: list[float] = []
    engine_rates: list[float] = []
    under_slices: list[dict[str, Any]] = []
    api = InProcess(items, args.workers, "api")
    engine = InProcess(items, args.workers, "adapter")
    process, host, port = start_server(args.workers, queue)
    try:
        requests = requests_for(items, host, port)
        warm = {"sent": 0, "max_requests": len(requests), "statuses": Counter(), "latencies": []}
        deadline = time.perf_counter() + 120  # warm-up, not counted: one pass over the articles

        async def warm_up() -> None:
            await asyncio.gather(
                *(client(host, port, requests, i, deadline, warm, args.workers) for i in range(args.workers))
            )

        asyncio.run(warm_up())
        for number in range(args.rounds):
            api_rates.append(api.rate())
            engine_rates.append(engine.rate())
            under_slices.append(asyncio.run(http_pass(host, port, requests, below)))
            http_rate = under_slices[-1]["statuses"].get(200, 0) / under_slices[-1]["elapsed"]
            print(
                f"round {number + 1}: in-process lint.lint_text {api_rates[-1]:.1f}/s, service engine "
                f"{engine_rates[-1]:.1f}/s, HTTP {http_rate:.1f}/s (load average {os.getloadavg()[0]:.2f})"
            )
        over = summary([asyncio.run(load(host, port, requests, args.clients, args.seconds))])
    finally:
        process.terminate()
        process.wait(60)
        api.close()
        engine.close()
    under = summary(under_slices)
    yardstick = statistics.fmean(api_rates)
    adapter = statistics.fmean(engine_rates)
    ratio = under["rate"] / yardstick if yardstick else 0.0
    adapter_ratio = under["rate"] / adapter if adapter else 0.0

    print(f"in-process lint.lint_text, {args.workers} processes: {yardstick:.1f} articles/s")
    print(f"in-process service engine (lint/server/engine.py), {args.workers} processes: {adapter:.1f} articles/s")
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
            "in_process": api_rates,
            "in_process_engine": engine_rates,
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
