#!/usr/bin/env python3
"""Speed benchmark for editorial-lint, measured the way users see it.

Every figure comes from running the linter as a subprocess (start-up, imports,
folder walk and output included), repeated and reported as the median. Beside
it, in the same run, it measures two yardsticks: the bare `import regex, yaml`
start-up of the same Python, and the naive-regex floor in ../shared/bench.

    python bench/speed.py                           # 650 generated articles, 30 % of them HTML
    python bench/speed.py --corpus ../shared/corpus/de
    python bench/speed.py --quick                   # smoke run
    python bench/speed.py --cmd editorial-lint --json out.json
    python bench/speed.py --hostile                 # only the hostile-input growth ratios
    python bench/speed.py --real                    # ../shared/corpus: de+en, html on its own, warm re-run

Standard library only; see bench/README.md for how to read the output.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
FLOOR = Path(__file__).resolve().parents[2] / "shared" / "bench" / "naive_regex_lint.py"
CORPUS_EXTS = {".txt", ".md", ".html"}
SIZE_STEPS_KB = (10, 100, 1000)
ONE_FILE_BYTES = 4000
KB = 1000  # decimal units throughout, like MB = 1e6
# Keep each floor invocation's argument list well below ARG_MAX (often 2 MB,
# but the environment shares it); the floor takes file paths only.
FLOOR_ARGS_CHUNK_BYTES = 100_000

TARGET_ONE_FILE_RATIO = 1.5  # one-file run / bare import
TARGET_FLOOR_RATIO = 3.5  # default-jobs throughput / floor throughput
TARGET_LINEAR_RATIO = 2.0  # time-per-KB at 1 MB / at 10 KB
TARGET_RSS_RATIO = 1.25  # peak RSS with N files / with N/4 files
TARGET_WARM_RATIO = 3.0  # warm (every result cached) corpus re-run / one-file run
SHARED_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
# Hostile inputs (hardening issue, item 4): one piece repeated to 100 KB and to 1 MB. A reader that is
# linear takes ~10x as long for the larger file; the target is time/KB at 1 MB <= TARGET_LINEAR_RATIO x
# time/KB at 100 KB, in CPU seconds of reading and linting the file (start-up excluded).
HOSTILE_SHAPES = {
    "markdown [x](": ("[x](", ".md"),
    "markdown [": ("[", ".md"),
    "markdown ![": ("![", ".md"),
    "markdown ](": ("](", ".md"),
    "markdown <!--": ("<!--", ".md"),
    "html <!--": ("<!--", ".html"),
    "html <![CDATA[": ("<![CDATA[", ".html"),
    "html <figure>": ("<figure>", ".html"),
    "html <figure><img>": ("<figure><img src=a.jpg>", ".html"),
    "html <a href=": ("<a href=", ".html"),
    "html </x": ("</x", ".html"),
    "html <p>": ("<p>", ".html"),
}
HOSTILE_KB = (100, 1000)
HOSTILE_MIN_WORK_S = 0.05


# --------------------------------------------------------------------------
# Corpus generation: tests/article_generator.py, the generator the tests use
# too, writes seeded text, Markdown and HTML articles from its own word lists.
# --------------------------------------------------------------------------

sys.path.insert(0, str(REPO / "tests"))
from article_generator import article, big_text, generate_corpus, write_articles  # noqa: E402


def list_corpus(root: Path) -> list[Path]:
    return sorted(
        p
        for p in root.rglob("*")
        if p.suffix in CORPUS_EXTS
        and p.is_file()
        and not any(part.startswith(".") for part in p.relative_to(root).parts)
    )


def format_counts(files: list[Path]) -> dict[str, int]:
    """Files per extension (.txt, .md, .html), so the output says which readers the throughput includes."""
    return {ext: sum(p.suffix == ext for p in files) for ext in (".txt", ".md", ".html")}


# --------------------------------------------------------------------------
# Measuring.
# --------------------------------------------------------------------------


@dataclass
class Run:
    seconds: float
    maxrss_kib: int
    returncode: int
    stderr: str
    cpu_seconds: float = 0.0  # user + system of the process and the workers it waited for


@dataclass
class Stats:
    median_s: float
    min_s: float
    max_s: float
    maxrss_mib: float  # largest single process of the tree, median over runs
    returncode: int
    runs: int
    stderr_head: str = ""
    cpu_median_s: float = 0.0  # user + system CPU, median over runs: steadier than wall time on a busy machine


# The environment of every measured command: the linter's caches in the benchmark's own folder (set by
# main(), so the rule pack is cached after the warm-up round and no result from elsewhere is reused), and
# .pyc files written (a PYTHONDONTWRITEBYTECODE of the caller would make every run compile its modules).
RUN_ENV = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "EDITORIAL_LINT_NO_CACHE")}


def run_once(argv: list[str], stdout: Path | None, timeout: float) -> Run:
    """Run argv once; wall time around fork..exit, rusage from wait4 on its pid.

    wait4 gives the child's own rusage merged with its waited-for descendants;
    for ru_maxrss that is the maximum, i.e. the largest single process of the
    tree (e.g. the biggest worker), not the sum of all processes.
    """
    sink = stdout if stdout else Path(os.devnull)
    with tempfile.TemporaryFile() as err, sink.open("wb") as out:
        # stderr goes to a file, not a pipe, so a chatty child cannot block.
        start = time.perf_counter()
        proc = subprocess.Popen(argv, cwd=REPO, stdin=subprocess.DEVNULL, stdout=out, stderr=err, env=RUN_ENV)
        timer = threading.Timer(timeout, proc.kill)
        timer.start()
        _, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - start
        # Set before cancelling: a late timer's kill() then sees a finished
        # process and signals nothing, and Popen does not try to reap it again.
        proc.returncode = os.waitstatus_to_exitcode(status)
        timer.cancel()
        err.seek(0)
        text = err.read().decode("utf-8", "replace")
    return Run(elapsed, usage.ru_maxrss, proc.returncode, text, usage.ru_utime + usage.ru_stime)


def measure(
    cmds: dict[str, list[str]], repeat: int, timeout: float, stdout: dict[str, Path] | None = None
) -> dict[str, Stats]:
    """Median of `repeat` runs per command after one unmeasured warm-up run.

    The commands are interleaved run by run, so drift on the machine (turbo,
    other load) hits all of them alike and their ratios stay fair.
    """
    stdout = stdout or {}
    runs: dict[str, list[Run]] = {k: [] for k in cmds}
    for i in range(repeat + 1):
        for key, argv in cmds.items():
            run = run_once(argv, stdout.get(key), timeout)
            if i:  # the first round warms page cache and .pyc files
                runs[key].append(run)
    return {k: _stats(v) for k, v in runs.items()}


def _stats(runs: list[Run]) -> Stats:
    times = [r.seconds for r in runs]
    # Report the most alarming run: unexpected codes (2, killed = negative) first.
    worst = max(runs, key=lambda r: (r.returncode not in (0, 1), abs(r.returncode)))
    return Stats(
        median_s=statistics.median(times),
        min_s=min(times),
        max_s=max(times),
        maxrss_mib=statistics.median(r.maxrss_kib for r in runs) / 1024,
        returncode=worst.returncode,
        runs=len(runs),
        stderr_head="\n".join(worst.stderr.strip().splitlines()[:5]),
        cpu_median_s=statistics.median(r.cpu_seconds for r in runs),
    )


def probe(argv: list[str], timeout: float) -> Run:
    return run_once(argv, None, timeout)


# --------------------------------------------------------------------------
# The benchmark sections. Each returns a JSON-ready dict and prints its rows.
# --------------------------------------------------------------------------


@dataclass
class Bench:
    cmd: list[str]
    python: str
    repeat: int
    timeout: float
    work: Path
    files: list[Path]
    corpus_dirs: list[Path]
    one_file: Path
    notes: list[str] = field(default_factory=list)
    rows: list[tuple[str, str, str]] = field(default_factory=list)
    cold: list[str] = field(default_factory=list)  # ["--no-cache"] when the linter has a result cache

    def lint_argv(self, *extra: str) -> list[str]:
        """A cold run: no result cached (the rule pack cache, keyed by the rule files, is used)."""
        return [*self.cmd, "--isolated", "--format", "json", "--fail-on", "never", *self.cold, *extra]

    def cached_argv(self, *extra: str) -> list[str]:
        return [*self.cmd, "--isolated", "--format", "json", "--fail-on", "never", *extra]

    def row(self, what: str, value: str, note: str = "") -> None:
        self.rows.append((what, value, note))

    def check_rc(self, label: str, stats: Stats, ok: tuple[int, ...] = (0,)) -> None:
        # Linter runs use --fail-on never, so by the contract anything but 0 is a failure.
        if stats.returncode not in ok:
            self.notes.append(f"{label}: exit code {stats.returncode}; stderr: {stats.stderr_head or '(empty)'}")


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms" if seconds < 10 else f"{seconds:.1f} s"


def cpu(stats: Stats) -> str:
    return f"CPU {ms(stats.cpu_median_s)}"


def cache_supported(b: Bench) -> bool:
    run = probe([*b.cached_argv("--no-cache", str(b.one_file))], b.timeout)
    return not (run.returncode == 2 and "no-cache" in run.stderr.lower())


def bench_one_file(b: Bench) -> dict[str, Any]:
    cmds = {"lint": b.lint_argv(str(b.one_file)), "import": [b.python, "-c", "import regex, yaml"]}
    res = measure(cmds, b.repeat, b.timeout)
    b.check_rc("one-file run", res["lint"])
    b.check_rc("bare import", res["import"], ok=(0,))
    ratio = res["lint"].median_s / res["import"].median_s
    kb = b.one_file.stat().st_size / KB
    b.row(
        f"one file ({kb:.1f} KB), --isolated {' '.join(b.cold)}".rstrip(),
        ms(res["lint"].median_s),
        f"{cpu(res['lint'])}, peak RSS {res['lint'].maxrss_mib:.0f} MiB (rule pack cached, no result cached)",
    )
    b.row(
        'python -c "import regex, yaml"',
        ms(res["import"].median_s),
        f"{cpu(res['import'])}; one file / import = {ratio:.2f}x",
    )
    return {
        "file": str(b.one_file),
        "bytes": b.one_file.stat().st_size,
        "lint": asdict(res["lint"]),
        "import": asdict(res["import"]),
        "ratio": ratio,
    }


def jobs_supported(b: Bench) -> bool:
    run = probe(b.lint_argv("--jobs", "1", str(b.one_file)), b.timeout)
    return not (run.returncode == 2 and "jobs" in run.stderr.lower())


def subset_dir(b: Bench, files: list[Path], dirs: list[Path], every: int, label: str) -> tuple[Path, list[Path]]:
    """Copy every n-th corpus file (a representative mix, not one folder) aside."""
    root = b.work / f"subset-{label}-{every}"
    picked = files[::every]
    for src in picked:
        index, top = next((i, d) for i, d in enumerate(dirs) if src.is_relative_to(d))
        dst = root / str(index) / src.relative_to(top)
        dst.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(src, dst)
    return root, picked


def bench_throughput(
    b: Bench, dirs: list[Path] | None = None, files: list[Path] | None = None, label: str = ""
) -> dict[str, Any]:
    """Cold runs (no result cached) over one corpus, --jobs 1 and default, and over every 4th file."""
    dirs = dirs or b.corpus_dirs
    files = files or b.files
    prefix = f"{label}: " if label else ""
    has_jobs = jobs_supported(b)
    if not has_jobs:
        b.notes.append(
            "--jobs was rejected by the CLI (exit 2, 'jobs' in stderr): both "
            "configurations ran without --jobs, so they are the same command."
        )
    jobs1 = ["--jobs", "1"] if has_jobs else []
    quarter_dir, quarter = subset_dir(b, files, dirs, 4, label or "main")
    out = {k: b.work / f"out-{label or 'main'}-{k}.json" for k in ("jobs1", "default")}
    paths = [str(d) for d in dirs]
    cmds = {
        "jobs1": b.lint_argv(*jobs1, *paths),
        "default": b.lint_argv(*paths),
        "jobs1_quarter": b.lint_argv(*jobs1, str(quarter_dir)),
        "default_quarter": b.lint_argv(str(quarter_dir)),
    }
    res = measure(cmds, b.repeat, b.timeout, stdout=out)
    n, total = len(files), sum(p.stat().st_size for p in files)
    figures: dict[str, Any] = {"files": n, "bytes": total, "jobs_supported": has_jobs, "quarter_files": len(quarter)}
    for key, label in (("jobs1", "--jobs 1"), ("default", f"default jobs ({os.cpu_count()} cores)")):
        st = res[key]
        b.check_rc(f"{prefix}corpus run {label}", st)
        rate, mbps = n / st.median_s, total / 1e6 / st.median_s
        b.row(
            f"{prefix}{n} files, {label}, no result cached",
            ms(st.median_s),
            f"{rate:.0f} files/s, {mbps:.2f} MB/s, {cpu(st)}, peak RSS {st.maxrss_mib:.0f} MiB",
        )
        q = res[f"{key}_quarter"]
        growth = st.maxrss_mib / q.maxrss_mib if q.maxrss_mib else float("inf")
        b.row(
            f"  {prefix}peak RSS {len(quarter)} vs {n} files",
            f"{q.maxrss_mib:.0f} / {st.maxrss_mib:.0f} MiB",
            f"growth {growth:.2f}x",
        )
        figures[key] = {
            "stats": asdict(st),
            "files_per_s": rate,
            "mb_per_s": mbps,
            "quarter": asdict(q),
            "rss_growth": growth,
        }
    a, c = out["jobs1"].read_bytes(), out["default"].read_bytes()
    figures["deterministic"] = a == c and bool(a)
    figures["report"] = str(out["default"])
    b.row(
        f"{prefix}JSON identical, --jobs 1 vs default",
        "yes" if figures["deterministic"] else "no",
        f"{len(a)} vs {len(c)} bytes",
    )
    return figures


MEMORY_FORMATS = ("json", "sarif", "junit", "text")


def bench_memory(b: Bench) -> dict[str, Any]:
    """Peak RSS of N vs N/4 files in every report format (the reports are written file by file, so the
    growth is only what each file's result costs), with --jobs 1 and the default, and of a warm run
    (every result cached, the JSON report). One run per figure: peak RSS barely varies between runs."""
    quarter_dir, quarter = subset_dir(b, b.files, b.corpus_dirs, 4, "memory")
    paths = [str(d) for d in b.corpus_dirs]
    jobs = (["--jobs", "1"], []) if jobs_supported(b) else ([],)
    figures: dict[str, Any] = {"quarter_files": len(quarter), "files": len(b.files), "growth": {}}
    run_once(b.lint_argv(str(b.one_file)), None, b.timeout)  # unmeasured: the rule pack is cached from here on

    def peak(argv: list[str]) -> float:
        run = run_once(argv, None, b.timeout)
        b.check_rc(shlex.join(argv[-3:]), _stats([run]))
        return run.maxrss_kib / 1024

    def row(label: str, cold: list[str], extra: list[str], fmt: str) -> None:
        argv = [*b.cmd, "--isolated", "--format", fmt, "--fail-on", "never", *cold, *extra]
        small, large = peak([*argv, str(quarter_dir)]), peak([*argv, *paths])
        growth = large / small if small else float("inf")
        figures["growth"][label] = {"quarter_mib": small, "mib": large, "growth": growth}
        b.row(
            f"peak RSS {len(quarter)} vs {len(b.files)} files, {label}",
            f"{small:.0f} / {large:.0f} MiB",
            f"growth {growth:.2f}x",
        )

    for fmt in MEMORY_FORMATS:
        for extra in jobs:
            row(f"--format {fmt} {' '.join(extra) or 'default jobs'}", b.cold, extra, fmt)
    if b.cold:  # warm: each command once unmeasured, so that every result is cached
        for target in ([str(quarter_dir)], paths):
            run_once([*b.cached_argv(*target)], None, b.timeout)
        row("--format json, every result cached", [], [], "json")
    figures["worst"] = max(entry["growth"] for entry in figures["growth"].values())
    return figures


def bench_sizes(b: Bench, seed: int) -> dict[str, Any]:
    paths = {"empty": b.work / "sizes" / "empty.txt"}
    paths["empty"].parent.mkdir(parents=True, exist_ok=True)
    paths["empty"].write_text("", encoding="utf-8")
    for kb in SIZE_STEPS_KB:
        paths[f"{kb}"] = b.work / "sizes" / f"long-{kb}kb.txt"
        paths[f"{kb}"].write_text(big_text(kb, seed), encoding="utf-8")
    res = measure({k: b.lint_argv(str(p)) for k, p in paths.items()}, b.repeat, b.timeout)
    start = res["empty"].median_s
    b.check_rc("empty file", res["empty"])
    b.row("empty file (start-up)", ms(start), "subtracted below")
    per_kb: dict[str, float] = {}
    for kb in SIZE_STEPS_KB:
        st = res[str(kb)]
        b.check_rc(f"{kb} KB file", st)
        real_kb = paths[str(kb)].stat().st_size / KB
        per_kb[str(kb)] = (st.median_s - start) / real_kb
        b.row(
            f"single file {real_kb:.0f} KB",
            ms(st.median_s),
            f"{per_kb[str(kb)] * 1e6:.0f} µs/KB after start-up, peak RSS {st.maxrss_mib:.0f} MiB",
        )
    # At 10 KB the work can be smaller than run-to-run jitter; a near-zero
    # baseline would make any ratio meaningless, so compare with 100 KB then.
    base = "10"
    jitter = res["empty"].max_s - res["empty"].min_s
    if per_kb["10"] * 10 <= max(jitter, 0.001):
        base = "100"
        b.notes.append("10 KB work was within start-up jitter; linearity compares 1 MB with 100 KB.")
    ratio = per_kb["1000"] / per_kb[base] if per_kb[base] > 0 else float("inf")
    verdict = "linear" if ratio <= TARGET_LINEAR_RATIO else "NOT linear"
    b.row(f"time/KB at 1 MB vs {base} KB", f"{ratio:.2f}x", verdict)
    return {
        "startup": asdict(res["empty"]),
        "seconds_per_kb": per_kb,
        "base_kb": int(base),
        "ratio": ratio,
        "stats": {k: asdict(v) for k, v in res.items()},
    }


# The CPU time of reading and linting one file inside the linter's own interpreter (the pack loaded first):
# start-up, which dwarfs a 100 KB file and varies with the machine's load, is not part of the growth ratio.
_HOSTILE_PROBE = """
import sys, time
from pathlib import Path
from lint.pack.loader import load_pack
from lint.run.linter import Linter, Settings, select_rules
pack = load_pack([]); settings = Settings(); linter = Linter(pack, select_rules(pack, settings), settings)
path = Path(sys.argv[1]); started = time.process_time(); linter.lint_path(path, str(path))
print(time.process_time() - started)
"""


def _hostile_cpu(b: Bench, path: Path, repeat: int) -> float | None:
    seconds = []
    for _ in range(repeat):
        try:
            done = subprocess.run(
                [b.python, "-c", _HOSTILE_PROBE, str(path)],
                capture_output=True,
                text=True,
                timeout=b.timeout,
                cwd=REPO,
            )
            seconds.append(float(done.stdout.strip().splitlines()[-1]))
        except (subprocess.TimeoutExpired, ValueError, IndexError):
            b.notes.append(f"hostile probe failed on {path.name}")
            return None
    return statistics.median(seconds)


def bench_hostile(b: Bench) -> dict[str, Any]:
    """Growth ratio from 100 KB to 1 MB for each hostile shape (one piece repeated), from the CPU time of
    reading and linting the file in the linter's interpreter; the 1 MB run as users see it beside it."""
    folder = b.work / "hostile"
    folder.mkdir(parents=True, exist_ok=True)
    shapes: dict[str, Any] = {}
    small, large = HOSTILE_KB
    repeat = max(1, min(b.repeat, 3))
    for index, (name, (piece, ext)) in enumerate(HOSTILE_SHAPES.items()):
        cpu: dict[int, float | None] = {}
        for kb in HOSTILE_KB:
            path = folder / f"shape{index}-{kb}kb{ext}"
            path.write_text(piece * (kb * KB // len(piece)), encoding="utf-8")
            cpu[kb] = _hostile_cpu(b, path, repeat)
        if cpu[small] is None or cpu[large] is None:
            continue
        base = max(cpu[small] or 0.0, HOSTILE_MIN_WORK_S / 10)  # guards a zero base only
        ratio = ((cpu[large] or 0.0) / (large / small)) / base
        shapes[name] = {"cpu_seconds": {small: cpu[small], large: cpu[large]}, "ratio": ratio}
        b.row(
            f"hostile {name}",
            f"{cpu[large]:.2f} s CPU",
            f"{large} KB; {small} KB: {cpu[small]:.3f} s; time/KB ratio {ratio:.2f}x "
            f"({'linear' if ratio <= TARGET_LINEAR_RATIO else 'NOT linear'})",
        )
    worst = max(shapes.values(), key=lambda s: s["ratio"])["ratio"] if shapes else 0.0
    return {"shapes": shapes, "worst_ratio": worst}


def floor_chunks(files: list[Path]) -> list[list[str]]:
    chunks: list[list[str]] = [[]]
    size = 0
    for p in map(str, files):
        if chunks[-1] and size + len(p) + 1 > FLOOR_ARGS_CHUNK_BYTES:
            chunks.append([])
            size = 0
        chunks[-1].append(p)
        size += len(p) + 1
    return chunks


def bench_warm(b: Bench, one_file: dict[str, Any], cold_report: Path | None) -> dict[str, Any]:
    """The corpus again with every result cached (filled by one unmeasured run): the CI or pre-commit run
    over an unchanged content repository. Its JSON must be the cold run's, byte for byte."""
    paths = [str(d) for d in b.corpus_dirs]
    fill = probe(b.cached_argv(*paths), b.timeout)
    if fill.returncode != 0:
        b.notes.append(f"warm re-run: filling the cache exited {fill.returncode}: {fill.stderr.strip()[:200]}")
    out = b.work / "out-warm.json"
    st = measure({"warm": b.cached_argv(*paths)}, b.repeat, b.timeout, stdout={"warm": out})["warm"]
    b.check_rc("warm re-run", st)
    ratio = st.median_s / one_file["lint"]["median_s"]
    cpu_ratio = st.cpu_median_s / one_file["lint"]["cpu_median_s"] if one_file["lint"]["cpu_median_s"] else 0.0
    same = cold_report is not None and cold_report.read_bytes() == out.read_bytes()
    b.row(
        f"{len(b.files)} files again, every result cached",
        ms(st.median_s),
        f"{cpu(st)}; warm / one file = {ratio:.2f}x (CPU {cpu_ratio:.2f}x); JSON = cold run's: {'yes' if same else 'NO'}",
    )
    return {"stats": asdict(st), "ratio": ratio, "cpu_ratio": cpu_ratio, "identical": same}


def bench_floor(b: Bench, files: list[Path] | None = None, label: str = "") -> dict[str, Any] | None:
    if not FLOOR.is_file():
        b.notes.append(f"floor skipped: {FLOOR} not found.")
        return None
    files = files or b.files
    prefix = f"{label}: " if label else ""
    base = [b.python, str(FLOOR)]
    chunks = floor_chunks(files)
    one = measure({"one": [*base, str(b.one_file)]}, b.repeat, b.timeout)["one"]
    b.check_rc("floor one file", one, ok=(0, 1))
    totals: list[float] = []
    worst = 0
    for i in range(b.repeat + 1):
        runs = [probe([*base, *chunk], b.timeout) for chunk in chunks]
        worst = max(worst, *(r.returncode for r in runs))
        if any("Traceback" in r.stderr for r in runs):
            b.notes.append("floor crashed on some file (it reads UTF-8 only); its rate is not comparable.")
        if i:  # first round is the warm-up, as in measure()
            totals.append(sum(r.seconds for r in runs))
    seconds = statistics.median(totals)
    rate = len(files) / seconds
    if not label:
        b.row("floor, one file", ms(one.median_s), "naive_regex_lint.py")
    b.row(f"{prefix}floor, {len(files)} files", ms(seconds), f"{rate:.0f} files/s in {len(chunks)} invocation(s)")
    return {
        "one_file": asdict(one),
        "seconds": seconds,
        "files_per_s": rate,
        "invocations": len(chunks),
        "worst_returncode": worst,
    }


# --------------------------------------------------------------------------
# Orchestration and reporting.
# --------------------------------------------------------------------------


def machine() -> dict[str, Any]:
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        model = platform.processor()
    return {
        "nproc": os.cpu_count(),
        "cpu": model or "unknown",
        "python": platform.python_version(),
        "platform": platform.platform(),
    }


def python_of(cmd: list[str]) -> str:
    """The interpreter the linter runs on, so the import baseline is like for like."""
    exe = shutil.which(cmd[0]) or cmd[0]
    if Path(exe).name.startswith("python"):
        return exe
    try:  # a console-script wrapper such as .venv/bin/editorial-lint
        first = Path(exe).read_bytes()[:200].split(b"\n", 1)[0].decode()
        if first.startswith("#!") and "python" in first:
            return first[2:].strip().split()[0]
    except (OSError, UnicodeDecodeError):
        pass
    return sys.executable


def preflight(b: Bench) -> None:
    """Refuse to time a linter that cannot lint one file: its figures would be noise."""
    run = probe(b.lint_argv(str(b.one_file)), b.timeout)
    if run.returncode != 0:
        tail = "\n".join(run.stderr.strip().splitlines()[-5:])
        sys.exit(f"linter failed on {b.one_file} (exit {run.returncode}); not benchmarking.\n{tail}")


def targets(fig: dict[str, Any]) -> list[tuple[str, bool | None, str]]:
    """(target, passed or None when not measured, figure)."""
    one, tp, sizes, floor = fig["one_file"], fig["throughput"], fig["sizes"], fig.get("floor")
    out: list[tuple[str, bool | None, str]] = [
        (
            f"one file <= {TARGET_ONE_FILE_RATIO}x bare import",
            one["ratio"] <= TARGET_ONE_FILE_RATIO,
            f"{one['ratio']:.2f}x",
        ),
    ]
    if floor:
        r = tp["default"]["files_per_s"] / floor["files_per_s"]
        fig["floor_ratio"] = r
        out.append((f"default-jobs throughput >= {TARGET_FLOOR_RATIO}x floor", r >= TARGET_FLOOR_RATIO, f"{r:.2f}x"))
    else:
        out.append((f"default-jobs throughput >= {TARGET_FLOOR_RATIO}x floor", None, "floor absent"))
    out.append(
        (
            f"linear growth (time/KB 1 MB <= {TARGET_LINEAR_RATIO}x {sizes['base_kb']} KB)",
            sizes["ratio"] <= TARGET_LINEAR_RATIO,
            f"{sizes['ratio']:.2f}x",
        )
    )
    hostile = fig.get("hostile")
    if hostile:
        out.append(
            (
                f"hostile inputs linear (time/KB 1 MB <= {TARGET_LINEAR_RATIO}x 100 KB, worst shape)",
                hostile["worst_ratio"] <= TARGET_LINEAR_RATIO,
                f"{hostile['worst_ratio']:.2f}x",
            )
        )
    warm = fig.get("warm")
    if warm:
        out.append(
            (
                f"warm re-run (every result cached) <= {TARGET_WARM_RATIO}x one-file run",
                warm["ratio"] <= TARGET_WARM_RATIO,
                f"{warm['ratio']:.2f}x (CPU {warm['cpu_ratio']:.2f}x)",
            )
        )
        out.append(("warm re-run JSON == cold run's", warm["identical"], "yes" if warm["identical"] else "no"))
    html, html_floor = fig.get("html"), fig.get("html_floor")
    if html and html_floor:
        r = html["default"]["files_per_s"] / html_floor["files_per_s"]
        fig["html_floor_ratio"] = r
        out.append(
            (
                f"html: default-jobs throughput vs floor (reported; {TARGET_FLOOR_RATIO}x is for de+en)",
                None,
                f"{r:.2f}x",
            )
        )
    growth = max(tp["jobs1"]["rss_growth"], tp["default"]["rss_growth"])
    out.append(
        (
            f"peak RSS N files <= {TARGET_RSS_RATIO}x N/4 files",
            growth <= TARGET_RSS_RATIO,
            f"{growth:.2f}x (worse of both job settings)",
        )
    )
    out.append(
        ("deterministic JSON (--jobs 1 == default)", tp["deterministic"], "yes" if tp["deterministic"] else "no")
    )
    return out


def print_table(rows: list[tuple[str, str, str]], header: tuple[str, str, str]) -> None:
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(3)]
    for r in [header, tuple("-" * w for w in widths), *rows]:
        print("| " + " | ".join(c.ljust(w) for c, w in zip(r, widths, strict=False)) + " |")


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument(
        "--cmd", default=None, help='linter command (default: "<this python> -m lint"; e.g. "editorial-lint")'
    )
    ap.add_argument("--repeat", type=int, default=None, help="runs per figure, median reported (default 5)")
    src = ap.add_mutually_exclusive_group()
    src.add_argument("--generate", type=int, metavar="N", default=None, help="N articles, 30%% HTML (default 650)")
    src.add_argument(
        "--corpus",
        type=Path,
        action="append",
        metavar="DIR",
        help="lint this folder (*.txt *.md *.html, recursively) instead; repeat it for a corpus of several folders",
    )
    src.add_argument(
        "--real",
        action="store_true",
        help="../shared/corpus: de+en as the corpus, html measured on its own beside it",
    )
    ap.add_argument("--seed", type=int, default=2024, help="corpus generator seed (default 2024)")
    ap.add_argument("--json", type=Path, metavar="OUT", help="also write all figures as JSON")
    ap.add_argument("--quick", action="store_true", help="smoke run: 60 articles, repeat 3")
    ap.add_argument("--hostile", action="store_true", help="only the hostile-input growth ratios (item 4)")
    ap.add_argument(
        "--memory", action="store_true", help="only peak memory, N vs N/4 files, in every report format and warm"
    )
    ap.add_argument("--timeout", type=float, default=600, help="seconds before one run is killed")
    ap.add_argument("--workdir", type=Path, help="keep generated files here (default: a temp dir, removed)")
    args = ap.parse_args(argv)
    args.repeat = args.repeat or (3 if args.quick else 5)
    args.html = None
    if args.real:
        args.corpus = [SHARED_CORPUS / "de", SHARED_CORPUS / "en"]
        args.html = SHARED_CORPUS / "html"
    if args.corpus is None and args.generate is None:
        args.generate = 60 if args.quick else 650
    args.cmd = shlex.split(args.cmd) if args.cmd else [sys.executable, "-m", "lint"]
    return args


def prepare(args: argparse.Namespace, work: Path) -> tuple[list[Path], list[Path], Path]:
    """(corpus folders, their files, the ~4 KB one-file article)."""
    one_file = work / "one" / "artikel.md"
    one_file.parent.mkdir(parents=True, exist_ok=True)
    if args.corpus is not None:
        dirs = [folder.resolve() for folder in args.corpus]
        files = [path for folder in dirs for path in list_corpus(folder)]
        if not files:
            sys.exit(f"no *.txt *.md *.html files under {', '.join(map(str, dirs))}")
        # Same corpus for the one-file case: the file closest to 4 KB.
        one_file = min(files, key=lambda p: (abs(p.stat().st_size - ONE_FILE_BYTES), str(p)))
        return dirs, files, one_file
    corpus = work / "corpus"
    write_articles(corpus, generate_corpus(args.generate, args.seed))
    rng = random.Random(args.seed - 1)
    one_file.write_text(article(rng, "de", "markdown", ONE_FILE_BYTES), encoding="utf-8")
    return [corpus], list_corpus(corpus), one_file


def _report_one(b: Bench, json_path: Path | None, name: str, figures: dict[str, Any], value_column: str) -> None:
    """The table, the notes and the --json file of a run that measures one thing (--hostile, --memory)."""
    print_table(b.rows, ("measurement", value_column, "detail"))
    for note in dict.fromkeys(b.notes):
        print(f"note: {note}")
    if json_path:
        json_path.write_text(json.dumps({name: figures}, indent=2) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if not shutil.which(args.cmd[0]) and not (REPO / args.cmd[0]).is_file():
        sys.exit(f"linter command not found: {args.cmd[0]}")
    info = machine()
    print(f"machine: {info['nproc']} cores, {info['cpu']}, Python {info['python']}, {info['platform']}")
    print(f"linter:  {shlex.join(args.cmd)}  (cwd {REPO})")
    if args.workdir:
        args.workdir.mkdir(parents=True, exist_ok=True)
    tmp = None if args.workdir else tempfile.TemporaryDirectory(prefix="lint-bench-")
    work = args.workdir.resolve() if args.workdir else Path(tmp.name)  # type: ignore[union-attr]
    try:
        RUN_ENV["EDITORIAL_LINT_CACHE_DIR"] = str(work / "cache")
        dirs, files, one_file = prepare(args, work)
        corpus = " + ".join(map(str, dirs))
        size = sum(p.stat().st_size for p in files)
        counts = format_counts(files)
        shares = ", ".join(f"{n / len(files):.0%} {ext}" for ext, n in counts.items())
        print(f"corpus:  {corpus}: {len(files)} files ({shares}), {size / 1e6:.2f} MB; median of {args.repeat} runs\n")
        b = Bench(
            cmd=args.cmd,
            python=python_of(args.cmd),
            repeat=args.repeat,
            timeout=args.timeout,
            work=work,
            files=files,
            corpus_dirs=dirs,
            one_file=one_file,
        )
        preflight(b)
        if cache_supported(b):
            b.cold = ["--no-cache"]
        else:
            b.notes.append("the linter has no --no-cache (no result cache): cold and warm runs are the same command")
        if args.hostile:
            hostile = bench_hostile(b)
            _report_one(b, args.json, "hostile", hostile, "median")
            return 0 if hostile["worst_ratio"] <= TARGET_LINEAR_RATIO else 1
        if args.memory:
            memory = bench_memory(b)
            _report_one(b, args.json, "memory", memory, "peak RSS")
            return 0 if memory["worst"] <= TARGET_RSS_RATIO else 1
        fig: dict[str, Any] = {
            "machine": info,
            "cmd": args.cmd,
            "python": b.python,
            "repeat": args.repeat,
            "corpus": str(corpus),
            "corpus_formats": counts,
        }
        fig["one_file"] = bench_one_file(b)
        fig["throughput"] = bench_throughput(b)
        fig["floor"] = bench_floor(b)
        fig["warm"] = bench_warm(b, fig["one_file"], Path(fig["throughput"]["report"]))
        if args.html is not None:
            html_files = list_corpus(args.html)
            fig["html"] = bench_throughput(b, [args.html], html_files, "html")
            fig["html_floor"] = bench_floor(b, html_files, "html")
        fig["sizes"] = bench_sizes(b, args.seed)
        fig["hostile"] = bench_hostile(b) if not args.quick else None
        print_table(b.rows, ("measurement", "median", "detail"))
        results = targets(fig)
        print()
        print_table(
            [(name, {True: "PASS", False: "MISS", None: "n/a"}[ok], value) for name, ok, value in results],
            ("target", "result", "measured"),
        )
        for note in dict.fromkeys(b.notes):
            print(f"note: {note}")
        fig["targets"] = [{"target": n, "pass": ok, "measured": v} for n, ok, v in results]
        fig["notes"] = list(dict.fromkeys(b.notes))
        if args.json:
            args.json.write_text(json.dumps(fig, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        return 0 if all(ok is not False for _, ok, _ in results) else 1
    finally:
        if tmp:
            tmp.cleanup()


if __name__ == "__main__":
    sys.exit(main())
