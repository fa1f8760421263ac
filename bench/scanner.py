"""Candidates for the one-pass literal scan (lint/pack/scanner.py), measured on real articles.

    python bench/scanner.py [CORPUS_FOLDER ...]   (default: ../shared/corpus/de and en)

The literals are the ones the default pack's patterns and credit shapes require (lint/pack/literals.py),
collected by linting a sample of the articles in-process. For each candidate library that is installed
— Hyperscan (``hyperscan``), ``pyahocorasick``, ``ahocorasick-rs`` — and for plain substring tests
(the pure-Python path), it reports the build time, the CPU time per article to find which literals
occur in the case-folded text, and checks that every candidate finds the same set. Then it reports
what the confirm step costs: the rule regexes run over the texts with and without the literal
prefilter. CPU time (``time.process_time``), best of three, so a busy machine disturbs it less.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lint.api import _open  # noqa: E402 - the bench runs from a checkout
from lint.document.credits import CreditReader  # noqa: E402

Finder = Callable[[str], set[str]]


def articles(folders: list[Path]) -> list[str]:
    files = sorted(p for folder in folders for p in folder.rglob("*") if p.is_file() and p.suffix in (".txt", ".md"))
    return [p.read_text(encoding="utf-8", errors="replace") for p in files]


def collect_literals(texts: list[str]) -> tuple[list[str], list[tuple[object, object]]]:
    """Lint a sample so the run builds its matchers; return the literals and the (pattern, need) pairs."""
    session = _open((), True, None, (), (), None, None, None, None)
    linter = session.resolver.linter_for("x.txt")
    for i, text in enumerate(texts[:200]):
        linter.lint_text(text, f"sample-{i}.txt", "text")
    compiler = session.pack.compiler
    reader = CreditReader.build(session.pack.vocabularies)
    for sources in reader.shape_sources.values():
        for source in sources:
            reader._shape(source, {})
    literals = list(dict.fromkeys([*compiler.scanner.literals, *reader.scanner.literals]))
    patterns = [(p, p.literals) for p in compiler._regexes.values()]
    return literals, patterns


def pure(literals: list[str]) -> Finder:
    return lambda folded: {literal for literal in literals if literal in folded}


def with_ahocorasick_rs(literals: list[str]) -> Finder:
    import ahocorasick_rs

    automaton = ahocorasick_rs.AhoCorasick(literals)
    return lambda folded: set(automaton.find_matches_as_strings(folded, overlapping=True))


def with_pyahocorasick(literals: list[str]) -> Finder:
    import ahocorasick

    automaton = ahocorasick.Automaton()
    for literal in literals:
        automaton.add_word(literal, literal)
    automaton.make_automaton()
    return lambda folded: {value for _, value in automaton.iter(folded)}


def with_hyperscan(literals: list[str]) -> Finder:
    import hyperscan

    database = hyperscan.Database(mode=hyperscan.HS_MODE_BLOCK)
    encoded = [literal.encode("utf-8") for literal in literals]
    database.compile(
        expressions=encoded,
        ids=list(range(len(encoded))),
        flags=[hyperscan.HS_FLAG_SINGLEMATCH] * len(encoded),
        literal=True,
    )

    def find(folded: str) -> set[str]:
        found: set[str] = set()

        def on_match(pattern_id: int, start: int, end: int, flags: int, context: object) -> None:
            found.add(literals[pattern_id])

        database.scan(folded.encode("utf-8"), match_event_handler=on_match)
        return found

    return find


def best_cpu(run: Callable[[], object], repeats: int = 3) -> float:
    best = float("inf")
    for _ in range(repeats):
        start = time.process_time()
        run()
        best = min(best, time.process_time() - start)
    return best


def main(argv: list[str]) -> int:
    folders = [Path(a) for a in argv] or [ROOT.parent / "shared/corpus/de", ROOT.parent / "shared/corpus/en"]
    texts = articles(folders)
    if not texts:
        print("no articles found", file=sys.stderr)
        return 2
    literals, patterns = collect_literals(texts)
    folded = [t.casefold() for t in texts]
    print(f"{len(texts)} articles, {len(literals)} literals (of {len(patterns)} rule regexes built)")
    reference = [pure(literals)(f) for f in folded]
    candidates = {
        "pure Python (substring tests)": pure,
        "ahocorasick-rs": with_ahocorasick_rs,
        "pyahocorasick": with_pyahocorasick,
        "hyperscan": with_hyperscan,
    }
    print(f"{'candidate':32} {'build ms':>9} {'scan ms/article':>16}  same sets")
    for name, make in candidates.items():
        try:
            start = time.process_time()
            finder = make(literals)
            build = (time.process_time() - start) * 1000
        except ImportError:
            print(f"{name:32} {'not installed':>9}")
            continue
        cpu = best_cpu(lambda finder=finder: [finder(f) for f in folded])
        same = all(finder(f) == r for f, r in zip(folded, reference, strict=True))
        print(f"{name:32} {build:9.1f} {cpu / len(texts) * 1000:16.4f}  {same}")
    casefold = best_cpu(lambda: [t.casefold() for t in texts])
    print(f"casefolding the text: {casefold / len(texts) * 1000:.4f} ms/article")
    # The confirm step: every built rule regex over every text, against only those the prefilter lets through.
    compiled = [(p.compiled, need) for p, need in patterns]  # type: ignore[attr-defined]
    every = best_cpu(lambda: [list(c.finditer(t)) for t in texts for c, _ in compiled], repeats=1)
    from lint.pack.scanner import Scanner

    scanner = Scanner()
    for _, need in patterns:
        for long, _short in need or ():  # type: ignore[attr-defined]
            scanner.literals.update(dict.fromkeys(long))

    def filtered() -> None:
        for text in texts:
            presence = scanner.presence(text)
            for c, need in compiled:
                if need is None or presence.meets(need):  # type: ignore[arg-type]
                    list(c.finditer(text))

    kept = best_cpu(filtered, repeats=1)
    print(
        f"rule regexes over every text: {every / len(texts) * 1000:.3f} ms/article; "
        f"with the prefilter (scan included): {kept / len(texts) * 1000:.3f} ms/article"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
