#!/usr/bin/env python3
"""Speed benchmark for editorial-lint, measured the way users see it.

Every figure comes from running the linter as a subprocess (start-up, imports,
folder walk and output included), repeated and reported as the median. Beside
it, in the same run, it measures two yardsticks: the bare `import regex, yaml`
start-up of the same Python, and the naive-regex floor in ../shared/bench.

    python bench/speed.py                           # 650 generated articles
    python bench/speed.py --corpus ../shared/corpus/de
    python bench/speed.py --quick                   # smoke run
    python bench/speed.py --cmd editorial-lint --json out.json
    python bench/speed.py --hostile                 # only the hostile-input growth ratios

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
# Hostile inputs (hardening issue, item 4): one piece repeated to 100 KB and to 1 MB. A reader that is
# linear takes ~10x as long for the larger file; the target is time/KB at 1 MB <= TARGET_LINEAR_RATIO x
# time/KB at 100 KB, start-up subtracted.
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
# Corpus generation. All text is template-built from the word lists below, so
# the corpus is ours to ship and fully reproducible from the seed.
# --------------------------------------------------------------------------

DE_FIRST = [
    "Anna",
    "Lukas",
    "Sabine",
    "Thomas",
    "Julia",
    "Michael",
    "Katrin",
    "Stefan",
    "Leonie",
    "Jonas",
    "Petra",
    "Murat",
    "Aylin",
    "Frank",
    "Ines",
    "Jürgen",
]
DE_LAST = [
    "Schmidt",
    "Müller",
    "Weber",
    "Wagner",
    "Becker",
    "Hoffmann",
    "Schulz",
    "Koch",
    "Richter",
    "Yilmaz",
    "Krüger",
    "Neumann",
    "Schwarz",
    "Zimmermann",
    "Lange",
    "Özdemir",
]
EN_FIRST = [
    "James",
    "Mary",
    "Robert",
    "Linda",
    "David",
    "Susan",
    "Daniel",
    "Karen",
    "Kevin",
    "Priya",
    "Carlos",
    "Emily",
    "Omar",
    "Grace",
    "Liam",
    "Hannah",
]
EN_LAST = [
    "Johnson",
    "Williams",
    "Brown",
    "Garcia",
    "Miller",
    "Davis",
    "Martinez",
    "Clark",
    "Lewis",
    "Walker",
    "Patel",
    "Nguyen",
    "Turner",
    "Hughes",
    "Foster",
    "Reed",
]
DE_CITIES = [
    "Berlin",
    "Hamburg",
    "München",
    "Köln",
    "Frankfurt",
    "Stuttgart",
    "Dresden",
    "Leipzig",
    "Hannover",
    "Düsseldorf",
    "Bremen",
    "Mainz",
    "Kiel",
    "Erfurt",
]
EN_CITIES = [
    "WASHINGTON",
    "NEW YORK",
    "LONDON",
    "CHICAGO",
    "SYDNEY",
    "TORONTO",
    "DENVER",
    "ATLANTA",
    "BOSTON",
    "SEATTLE",
    "DUBLIN",
    "HOUSTON",
]
DE_AGENCIES = ["dpa", "afp", "AP", "Reuters", "epd", "KNA", "dts"]
DE_INITIALS = ["fte", "red", "lnw", "lby", "sk", "mba", "jk"]
EN_AGENCIES = ["AP", "Reuters", "AFP", "Bloomberg"]
MONTHS_EN = ["Jan", "Feb", "March", "April", "May", "June", "July", "Aug", "Sept", "Oct", "Nov", "Dec"]
DE_MONTHS = [
    "Januar",
    "Februar",
    "März",
    "April",
    "Mai",
    "Juni",
    "Juli",
    "August",
    "September",
    "Oktober",
    "November",
    "Dezember",
]
DE_DAYS = ["Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag"]
EN_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

DE_ROLES = [
    "die Bürgermeisterin",
    "der Innenminister",
    "die Sprecherin des Ministeriums",
    "der Vorsitzende des Betriebsrats",
    "die Polizeisprecherin",
    "der Trainer",
    "die Fraktionschefin",
    "ein Sprecher der Stadtwerke",
    "die Landrätin",
    "der Geschäftsführer",
]
DE_SUBJECTS = [
    "die Stadt",
    "das Ministerium",
    "der Verein",
    "die Landesregierung",
    "das Unternehmen",
    "die Polizei",
    "der Stadtrat",
    "die Gewerkschaft",
    "der Konzern",
    "die Schulbehörde",
    "der Landkreis",
    "die Klinik",
]
DE_PERFECT = [
    "die Pläne bereits überarbeitet",
    "mit den Gesprächen begonnen",
    "keine Fehler gemacht",
    "alle Auflagen erfüllt",
    "die Kosten unterschätzt",
    "frühzeitig gewarnt",
    "die Entscheidung lange vorbereitet",
    "zusätzliche Mittel beantragt",
]
DE_STATE = [
    "gut vorbereitet",
    "auf einem guten Weg",
    "nicht zuständig",
    "über die Entwicklung besorgt",
    "zu weiteren Gesprächen bereit",
    "mit dem Ergebnis zufrieden",
    "von der Entscheidung überrascht",
]
DE_INFINITIVE = [
    "die Pläne überarbeiten",
    "mehr Geld für den Nahverkehr bereitstellen",
    "die Gespräche fortsetzen",
    "den Neubau bis zum Herbst abschließen",
    "weitere Stellen schaffen",
    "die Gebühren erhöhen",
    "die Ermittlungen ausweiten",
    "einen Runden Tisch einberufen",
]
DE_QUOTES = [
    "Wir haben lange darüber gesprochen",
    "Das ist ein wichtiger Schritt für die Region",
    "Wir lassen uns nicht unter Druck setzen",
    "Die Zahlen sprechen eine klare Sprache",
    "Niemand hat mit so vielen Anmeldungen gerechnet",
    "Wir müssen jetzt handeln",
    "Das war ein schwarzer Tag für den Verein",
    "Es gibt keinen Grund zur Sorge",
]
DE_VAGUE = [
    "Experten zufolge",
    "Beobachtern zufolge",
    "Kritikern zufolge",
    "Wie aus unterrichteten Kreisen verlautete,",
    "Medienberichten zufolge",
    "Wie es heißt,",
]
DE_FACTS = [
    "Am {day} kamen rund {n} Menschen zu der Veranstaltung in {city}.",
    "Die Kosten belaufen sich nach ersten Schätzungen auf {n} Millionen Euro.",
    "Der Beschluss soll im {month} in Kraft treten.",
    "Bereits im vergangenen Jahr hatte {subject} ähnliche Pläne vorgestellt.",
    "{Subject} reagierte zunächst nicht auf eine Anfrage.",
    "Die Zahl der Fälle stieg im Vergleich zum Vorjahr um {n} Prozent.",
    "In {city} sind von der Regelung etwa {n}00 Haushalte betroffen.",
    "Die Sitzung dauerte bis in den späten Abend.",
]

EN_ROLES = [
    "the mayor",
    "a spokeswoman for the department",
    "the union leader",
    "the company's chief executive",
    "a police spokesman",
    "the head coach",
    "the state senator",
    "a hospital official",
]
EN_SUBJECTS = [
    "the city",
    "the department",
    "the club",
    "the state government",
    "the company",
    "the police",
    "the council",
    "the union",
    "the school board",
]
EN_CLAIMS = [
    "had revised the plans",
    "was prepared for further talks",
    "had made no mistakes",
    "would expand the investigation",
    "expected costs to rise",
    "had warned about the risks early",
    "was not responsible",
]
EN_QUOTES = [
    "We have talked about this for a long time",
    "This is an important step for the region",
    "We will not be pressured",
    "The numbers speak for themselves",
    "Nobody expected this many people",
    "We need to act now",
    "There is no reason for concern",
]
EN_VAGUE = ["critics say", "experts say", "observers believe", "sources familiar with the matter said", "some argue"]
EN_FACTS = [
    "About {n} people attended the meeting in {city} on {day}.",
    "Early estimates put the cost at {n} million dollars.",
    "The decision is expected to take effect in {month}.",
    "{Subject} did not immediately respond to a request for comment.",
    "The number of cases rose {n} percent from a year earlier.",
    "The session ran late into the evening.",
]


@dataclass(frozen=True)
class Article:
    relpath: str
    text: str


def cap(text: str) -> str:
    """Upper-case the first letter only (str.capitalize would lower-case nouns)."""
    return text[:1].upper() + text[1:]


def _name(rng: random.Random, lang: str) -> str:
    first, last = (DE_FIRST, DE_LAST) if lang == "de" else (EN_FIRST, EN_LAST)
    return f"{rng.choice(first)} {rng.choice(last)}"


def _fill(rng: random.Random, template: str, lang: str) -> str:
    subject = rng.choice(DE_SUBJECTS if lang == "de" else EN_SUBJECTS)
    return template.format(
        n=rng.randint(2, 95),
        city=rng.choice(DE_CITIES) if lang == "de" else rng.choice(EN_CITIES).title(),
        day=rng.choice(DE_DAYS if lang == "de" else EN_DAYS),
        month=rng.choice(DE_MONTHS if lang == "de" else MONTHS_EN),
        subject=subject,
        Subject=cap(subject),
    )


def _de_sentence(rng: random.Random) -> str:
    """One German sentence: facts, quotes, Konjunktiv-I reported speech or a vague source."""
    role, name = rng.choice(DE_ROLES), _name(rng, "de")
    subject = rng.choice(DE_SUBJECTS)
    kind = rng.randrange(9)
    if kind == 0:
        return f"„{rng.choice(DE_QUOTES)}“, sagte {name}."
    if kind == 1:
        return f'"{rng.choice(DE_QUOTES)}", sagte {role} {name} am {rng.choice(DE_DAYS)}.'
    if kind == 2:
        return f"{cap(role)} sagte, {subject} habe {rng.choice(DE_PERFECT)}."
    if kind == 3:
        return f"{cap(subject)} sei {rng.choice(DE_STATE)}, sagte er."
    if kind == 4:
        return f"Man werde {rng.choice(DE_INFINITIVE)}, sagte sie."
    if kind == 5 and rng.random() < 0.4:
        return f"{rng.choice(DE_VAGUE)} will {subject} {rng.choice(DE_INFINITIVE)}."
    return _fill(rng, rng.choice(DE_FACTS), "de")


def _en_sentence(rng: random.Random) -> str:
    """One English sentence: facts, quotes, reported speech or a vague source."""
    role, name = rng.choice(EN_ROLES), _name(rng, "en")
    subject = rng.choice(EN_SUBJECTS)
    kind = rng.randrange(8)
    if kind == 0:
        return f'"{rng.choice(EN_QUOTES)}," {name} said.'
    if kind == 1:
        return f"“{rng.choice(EN_QUOTES)},” said {name}, {role}."
    if kind == 2:
        return f"{cap(role)} said {subject} {rng.choice(EN_CLAIMS)}."
    if kind == 3 and rng.random() < 0.4:
        return f"{cap(subject)} {rng.choice(EN_CLAIMS)}, {rng.choice(EN_VAGUE)}."
    return _fill(rng, rng.choice(EN_FACTS), "en")


def paragraph(rng: random.Random, lang: str) -> str:
    make = _de_sentence if lang == "de" else _en_sentence
    return " ".join(make(rng) for _ in range(rng.randint(2, 6)))


def _dateline(rng: random.Random, lang: str) -> str:
    if lang == "de":
        agencies = "/".join(rng.sample(DE_AGENCIES[:3], rng.randint(1, 2)))
        return f"{rng.choice(DE_CITIES)} ({agencies}) - "
    if rng.random() < 0.5:
        return f"{rng.choice(EN_CITIES)} (AP) — "
    return f"{rng.choice(EN_CITIES)}, {rng.choice(MONTHS_EN)} {rng.randint(1, 28)} (Reuters) - "


def _tail_credit(rng: random.Random, lang: str) -> str:
    if lang == "de":
        agencies = rng.sample(DE_AGENCIES, rng.randint(1, 3))
        return rng.choice(
            [
                f"({'/'.join([*agencies, rng.choice(DE_INITIALS)])})",
                f"Quelle: {agencies[0]}",
                f"mit Material von {' und '.join(agencies[:2])}",
            ]
        )
    return f"(Reporting by {_name(rng, 'en')}; Editing by {_name(rng, 'en')})"


def _image_credit(rng: random.Random, lang: str) -> str:
    word = "Foto" if lang == "de" else "Photo"
    holder = rng.choice(
        [f"{_name(rng, lang)}/dpa", f"{_name(rng, lang)}/Reuters", _name(rng, lang), "privat", "Symbolbild"]
    )
    return f"{word}: {holder}"


def _body(rng: random.Random, lang: str, target: int, markdown: bool) -> list[str]:
    """Paragraphs until the article reaches about `target` bytes."""
    paras: list[str] = []
    size = 0
    while size < target:
        if markdown and paras and rng.random() < 0.12:
            credit = _image_credit(rng, lang)
            block = f'![{rng.choice(DE_CITIES)}](bilder/{rng.randrange(10**6)}.jpg "{credit}")'
        elif markdown and paras and rng.random() < 0.1:
            block = f"## {paragraph(rng, lang).split('.')[0]}"
        else:
            block = paragraph(rng, lang)
        paras.append(block)
        size += len(block.encode()) + 2
    return paras


def _front_matter(rng: random.Random, lang: str, title: str, byline: str | None) -> str:
    # json.dumps yields valid YAML double-quoted scalars, so titles need no care.
    lines = [
        "---",
        f"title: {json.dumps(title, ensure_ascii=False)}",
        f"lang: {lang}",
        f"date: 2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
        f"section: {rng.choice(['politik', 'sport', 'wirtschaft', 'lokales'])}",
        f"type: {rng.choice(['news', 'news', 'analysis', 'opinion'])}",
        f"source: {rng.choice(['agency', 'own', 'mixed'])}",
    ]
    if byline:
        lines.append(f"author: {json.dumps(byline, ensure_ascii=False)}")
    if rng.random() < 0.5:
        lines += [
            f"image: bilder/aufmacher-{rng.randrange(1000)}.jpg",
            f"image_credit: {json.dumps(_image_credit(rng, lang), ensure_ascii=False)}",
        ]
    return "\n".join([*lines, "---", ""])


def article(rng: random.Random, lang: str, markdown: bool, target: int) -> str:
    """A whole article: optional byline, title, dated lead, body, image and tail credits."""
    title = paragraph(rng, lang).split(".")[0][:90]
    byline = _name(rng, lang) if rng.random() < 0.4 else None
    lead = (_dateline(rng, lang) if rng.random() < 0.5 else "") + paragraph(rng, lang)
    paras = _body(rng, lang, target - len(lead.encode()) - 200, markdown)
    if rng.random() < 0.5:
        paras.insert(min(2, len(paras)), _image_credit(rng, lang))
    if rng.random() < 0.7:
        paras.append(_tail_credit(rng, lang))
    if markdown:
        head = _front_matter(rng, lang, title, byline)
        return head + "\n\n".join([lead, *paras]) + "\n"
    by = [f"{'Von' if lang == 'de' else 'By'} {byline}"] if byline else []
    return "\n\n".join([*by, title, lead, *paras]) + "\n"


def generate_corpus(n: int, seed: int) -> list[Article]:
    rng = random.Random(seed)
    out = []
    for i in range(n):
        lang = "de" if rng.random() < 0.6 else "en"
        markdown = rng.random() < 0.5
        # Skewed toward short news items, like a real archive; 1-12 KB.
        target = int(rng.triangular(1 * KB, 12 * KB, 3 * KB))
        ext = "md" if markdown else "txt"
        out.append(Article(f"{lang}/{i // 100:02d}/article-{i:04d}.{ext}", article(rng, lang, markdown, target)))
    return out


def big_text(kb: int, seed: int) -> str:
    """One long German article of about `kb` KB, built by concatenating paragraphs."""
    rng = random.Random(seed + kb)
    parts = [_dateline(rng, "de") + paragraph(rng, "de")]
    size = len(parts[0].encode())
    while size < kb * KB:
        parts.append(paragraph(rng, "de"))
        size += len(parts[-1].encode()) + 2
    return "\n\n".join([*parts, _tail_credit(rng, "de")]) + "\n"


def write_files(root: Path, articles: list[Article]) -> None:
    for a in articles:
        path = root / a.relpath
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(a.text, encoding="utf-8")


def list_corpus(root: Path) -> list[Path]:
    return sorted(
        p
        for p in root.rglob("*")
        if p.suffix in CORPUS_EXTS
        and p.is_file()
        and not any(part.startswith(".") for part in p.relative_to(root).parts)
    )


# --------------------------------------------------------------------------
# Measuring.
# --------------------------------------------------------------------------


@dataclass
class Run:
    seconds: float
    maxrss_kib: int
    returncode: int
    stderr: str


@dataclass
class Stats:
    median_s: float
    min_s: float
    max_s: float
    maxrss_mib: float  # largest single process of the tree, median over runs
    returncode: int
    runs: int
    stderr_head: str = ""


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
        proc = subprocess.Popen(argv, cwd=REPO, stdin=subprocess.DEVNULL, stdout=out, stderr=err)
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
    return Run(elapsed, usage.ru_maxrss, proc.returncode, text)


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
    corpus_dir: Path
    one_file: Path
    notes: list[str] = field(default_factory=list)
    rows: list[tuple[str, str, str]] = field(default_factory=list)

    def lint_argv(self, *extra: str) -> list[str]:
        return [*self.cmd, "--isolated", "--format", "json", "--fail-on", "never", *extra]

    def row(self, what: str, value: str, note: str = "") -> None:
        self.rows.append((what, value, note))

    def check_rc(self, label: str, stats: Stats, ok: tuple[int, ...] = (0,)) -> None:
        # Linter runs use --fail-on never, so by the contract anything but 0 is a failure.
        if stats.returncode not in ok:
            self.notes.append(f"{label}: exit code {stats.returncode}; stderr: {stats.stderr_head or '(empty)'}")


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms" if seconds < 10 else f"{seconds:.1f} s"


def bench_one_file(b: Bench) -> dict[str, Any]:
    cmds = {"lint": b.lint_argv(str(b.one_file)), "import": [b.python, "-c", "import regex, yaml"]}
    res = measure(cmds, b.repeat, b.timeout)
    b.check_rc("one-file run", res["lint"])
    b.check_rc("bare import", res["import"], ok=(0,))
    ratio = res["lint"].median_s / res["import"].median_s
    kb = b.one_file.stat().st_size / KB
    b.row(f"one file ({kb:.1f} KB), --isolated", ms(res["lint"].median_s), f"peak RSS {res['lint'].maxrss_mib:.0f} MiB")
    b.row('python -c "import regex, yaml"', ms(res["import"].median_s), f"one file / import = {ratio:.2f}x")
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


def subset_dir(b: Bench, every: int) -> tuple[Path, list[Path]]:
    """Copy every n-th corpus file (a representative mix, not one folder) aside."""
    root = b.work / f"subset-{every}"
    picked = b.files[::every]
    for src in picked:
        dst = root / src.relative_to(b.corpus_dir)
        dst.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(src, dst)
    return root, picked


def bench_throughput(b: Bench) -> dict[str, Any]:
    has_jobs = jobs_supported(b)
    if not has_jobs:
        b.notes.append(
            "--jobs was rejected by the CLI (exit 2, 'jobs' in stderr): both "
            "configurations ran without --jobs, so they are the same command."
        )
    jobs1 = ["--jobs", "1"] if has_jobs else []
    quarter_dir, quarter = subset_dir(b, 4)
    out = {k: b.work / f"out-{k}.json" for k in ("jobs1", "default")}
    cmds = {
        "jobs1": b.lint_argv(*jobs1, str(b.corpus_dir)),
        "default": b.lint_argv(str(b.corpus_dir)),
        "jobs1_quarter": b.lint_argv(*jobs1, str(quarter_dir)),
        "default_quarter": b.lint_argv(str(quarter_dir)),
    }
    res = measure(cmds, b.repeat, b.timeout, stdout=out)
    n, total = len(b.files), sum(p.stat().st_size for p in b.files)
    figures: dict[str, Any] = {"files": n, "bytes": total, "jobs_supported": has_jobs, "quarter_files": len(quarter)}
    for key, label in (("jobs1", "--jobs 1"), ("default", f"default jobs ({os.cpu_count()} cores)")):
        st = res[key]
        b.check_rc(f"corpus run {label}", st)
        rate, mbps = n / st.median_s, total / 1e6 / st.median_s
        b.row(
            f"{n} files, {label}",
            ms(st.median_s),
            f"{rate:.0f} files/s, {mbps:.2f} MB/s, peak RSS {st.maxrss_mib:.0f} MiB",
        )
        q = res[f"{key}_quarter"]
        growth = st.maxrss_mib / q.maxrss_mib if q.maxrss_mib else float("inf")
        b.row(
            f"  peak RSS {len(quarter)} vs {n} files",
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
    b.row(
        "JSON identical, --jobs 1 vs default",
        "yes" if figures["deterministic"] else "no",
        f"{len(a)} vs {len(c)} bytes",
    )
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


def bench_hostile(b: Bench) -> dict[str, Any]:
    """Growth ratio from 100 KB to 1 MB for each hostile shape (one piece repeated)."""
    folder = b.work / "hostile"
    folder.mkdir(parents=True, exist_ok=True)
    empty = folder / "empty.txt"
    empty.write_text("", encoding="utf-8")
    cmds = {"empty": b.lint_argv(str(empty))}
    paths: dict[str, Path] = {}
    for index, (name, (piece, ext)) in enumerate(HOSTILE_SHAPES.items()):
        for kb in HOSTILE_KB:
            path = folder / f"shape{index}-{kb}kb{ext}"
            path.write_text(piece * (kb * KB // len(piece)), encoding="utf-8")
            paths[f"{name}@{kb}"] = path
            cmds[f"{name}@{kb}"] = b.lint_argv(str(path))
    res = measure(cmds, max(1, min(b.repeat, 3)), b.timeout)
    start = res["empty"].median_s
    shapes: dict[str, Any] = {}
    small, large = HOSTILE_KB
    for name in HOSTILE_SHAPES:
        t_small, t_large = res[f"{name}@{small}"], res[f"{name}@{large}"]
        b.check_rc(f"hostile {name} {small} KB", t_small, ok=(0, 2))
        b.check_rc(f"hostile {name} {large} KB", t_large, ok=(0, 2))
        # Below 50 ms the 100 KB work is start-up jitter; the floor keeps a near-zero base from making a
        # linear reader look quadratic (a quadratic one still shows: its 1 MB work is seconds).
        work_small = max(t_small.median_s - start, HOSTILE_MIN_WORK_S)
        work_large = max(t_large.median_s - start, 1e-3)
        ratio = (work_large / (large / small)) / work_small
        shapes[name] = {"seconds": {small: t_small.median_s, large: t_large.median_s}, "ratio": ratio}
        b.row(
            f"hostile {name}",
            ms(t_large.median_s),
            f"{large} KB; time/KB vs {small} KB {ratio:.2f}x ({'linear' if ratio <= TARGET_LINEAR_RATIO else 'NOT linear'})",
        )
    worst = max(shapes.values(), key=lambda s: s["ratio"])["ratio"] if shapes else 0.0
    return {"startup": start, "shapes": shapes, "worst_ratio": worst}


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


def bench_floor(b: Bench) -> dict[str, Any] | None:
    if not FLOOR.is_file():
        b.notes.append(f"floor skipped: {FLOOR} not found.")
        return None
    base = [b.python, str(FLOOR)]
    chunks = floor_chunks(b.files)
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
    rate = len(b.files) / seconds
    b.row("floor, one file", ms(one.median_s), "naive_regex_lint.py")
    b.row(f"floor, {len(b.files)} files", ms(seconds), f"{rate:.0f} files/s in {len(chunks)} invocation(s)")
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
    src.add_argument("--generate", type=int, metavar="N", default=None, help="generate N articles (default 650)")
    src.add_argument(
        "--corpus", type=Path, metavar="DIR", help="lint this folder (*.txt *.md *.html, recursively) instead"
    )
    ap.add_argument("--seed", type=int, default=2024, help="corpus generator seed (default 2024)")
    ap.add_argument("--json", type=Path, metavar="OUT", help="also write all figures as JSON")
    ap.add_argument("--quick", action="store_true", help="smoke run: 60 articles, repeat 3")
    ap.add_argument("--hostile", action="store_true", help="only the hostile-input growth ratios (item 4)")
    ap.add_argument("--timeout", type=float, default=600, help="seconds before one run is killed")
    ap.add_argument("--workdir", type=Path, help="keep generated files here (default: a temp dir, removed)")
    args = ap.parse_args(argv)
    args.repeat = args.repeat or (3 if args.quick else 5)
    if args.corpus is None and args.generate is None:
        args.generate = 60 if args.quick else 650
    args.cmd = shlex.split(args.cmd) if args.cmd else [sys.executable, "-m", "lint"]
    return args


def prepare(args: argparse.Namespace, work: Path) -> tuple[Path, list[Path], Path]:
    """(corpus folder, its files, the ~4 KB one-file article)."""
    one_file = work / "one" / "artikel.md"
    one_file.parent.mkdir(parents=True, exist_ok=True)
    if args.corpus is not None:
        corpus = args.corpus.resolve()
        files = list_corpus(corpus)
        if not files:
            sys.exit(f"no *.txt *.md *.html files under {corpus}")
        # Same corpus for the one-file case: the file closest to 4 KB.
        one_file = min(files, key=lambda p: (abs(p.stat().st_size - ONE_FILE_BYTES), str(p)))
        return corpus, files, one_file
    corpus = work / "corpus"
    write_files(corpus, generate_corpus(args.generate, args.seed))
    rng = random.Random(args.seed - 1)
    one_file.write_text(article(rng, "de", True, ONE_FILE_BYTES), encoding="utf-8")
    return corpus, list_corpus(corpus), one_file


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
        corpus, files, one_file = prepare(args, work)
        size = sum(p.stat().st_size for p in files)
        print(f"corpus:  {corpus}: {len(files)} files, {size / 1e6:.2f} MB; median of {args.repeat} runs\n")
        b = Bench(
            cmd=args.cmd,
            python=python_of(args.cmd),
            repeat=args.repeat,
            timeout=args.timeout,
            work=work,
            files=files,
            corpus_dir=corpus,
            one_file=one_file,
        )
        preflight(b)
        if args.hostile:
            hostile = bench_hostile(b)
            print_table(b.rows, ("measurement", "median", "detail"))
            for note in dict.fromkeys(b.notes):
                print(f"note: {note}")
            if args.json:
                args.json.write_text(json.dumps({"hostile": hostile}, indent=2) + "\n", encoding="utf-8")
            return 0 if hostile["worst_ratio"] <= TARGET_LINEAR_RATIO else 1
        fig: dict[str, Any] = {
            "machine": info,
            "cmd": args.cmd,
            "python": b.python,
            "repeat": args.repeat,
            "corpus": str(corpus),
        }
        fig["one_file"] = bench_one_file(b)
        fig["throughput"] = bench_throughput(b)
        fig["sizes"] = bench_sizes(b, args.seed)
        fig["floor"] = bench_floor(b)
        fig["hostile"] = bench_hostile(b)
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
