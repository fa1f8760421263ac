"""The package layout shows the data flow: stage folders, one-way dependencies, no import cycle.

Every module under lint/ is parsed with ``ast``; imports at module level AND inside functions (lazy
imports) count, since a lazy import still ties two modules together. ``if TYPE_CHECKING:`` imports count
too: they are cheap to keep one-way and a cycle there is still a cycle for a reader.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "lint"

# The stages, and which other stages each may import (see docs/architecture.md). "top" is the
# modules directly in lint/ (the version, the library API, the docs generator, python -m lint).
ALLOWED: dict[str, set[str]] = {
    "cli": {"run", "document", "pack", "checks", "report", "server", "lsp", "top"},
    "server": {"run", "document", "pack", "checks", "report", "top"},  # the service; its engine door: engine.py
    # the language server: a front end like cli/, reaching the engine only through lint/lsp/engine.py
    "lsp": {"run", "document", "pack", "checks", "report", "top"},
    "run": {"document", "pack", "checks", "report", "top"},
    "report": {"checks", "document", "pack", "top"},
    "checks": {"document", "pack", "top"},
    "document": {"pack", "top"},
    "pack": {"top"},
    "top": {"run", "report", "pack", "document", "checks", "cli"},
}
STAGES = ("cli", "run", "document", "pack", "checks", "report", "server", "lsp")
MAX_TOP_MODULES = 8
MAX_LINES = 400


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _modules() -> dict[str, Path]:
    return {
        _module_name(path): path
        for path in sorted(PACKAGE.rglob("*.py"))
        if "rules" not in path.relative_to(PACKAGE).parts
    }


MODULES = _modules()


def _resolve(name: str) -> str | None:
    """The lint module an import names (``from lint.run import linter`` names lint.run.linter)."""
    while name:
        if name in MODULES:
            return name
        name = name.rpartition(".")[0]
    return None


def _imports(module: str, path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    found: set[str] = set()
    for node in ast.walk(tree):  # walks function bodies too: lazy imports are edges
        if isinstance(node, ast.Import):
            targets = [_resolve(alias.name) for alias in node.names if alias.name.startswith("lint")]
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("lint") and not node.level:
            base = node.module or ""
            # "from lint.run import linter" names the module lint.run.linter; "from lint.run.linter
            # import Linter" names lint.run.linter
            targets = [f"{base}.{a.name}" if f"{base}.{a.name}" in MODULES else _resolve(base) for a in node.names]
        else:
            continue
        found.update(t for t in targets if t and t != module)
    return found


GRAPH = {module: _imports(module, path) for module, path in MODULES.items()}


def _stage(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 2 or (len(parts) == 2 and parts[1] in STAGES) else "top"


def test_no_import_cycle_between_modules() -> None:
    # the package root only re-exports lazily (PEP 562); an edge into it is an edge to __version__
    graph = {m: {t for t in targets if t != "lint"} for m, targets in GRAPH.items()}
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                cycle = [*stack[stack.index(nxt) :], nxt]
                pytest.fail("import cycle: " + " -> ".join(cycle))
            if nxt not in state:
                visit(nxt)
        stack.pop()
        state[node] = 2

    for module in sorted(graph):
        if module not in state:
            visit(module)


def test_stage_dependencies_run_one_way() -> None:
    wrong = [
        f"{module} ({_stage(module)}) imports {target} ({_stage(target)})"
        for module, targets in GRAPH.items()
        for target in targets
        if _stage(target) != _stage(module) and _stage(target) not in ALLOWED[_stage(module)]
    ]
    assert not wrong, "\n".join(sorted(wrong))


def test_stage_graph_has_no_cycle() -> None:
    # the allowed table itself is a partial order (apart from the top level, which may use all)
    edges = {stage: ALLOWED[stage] - {"top"} for stage in STAGES}
    seen: list[str] = []
    remaining = dict(edges)
    while remaining:
        free = [s for s, deps in remaining.items() if not (deps & set(remaining))]
        assert free, f"stages depend on each other in a circle: {sorted(remaining)}"
        for stage in free:
            seen.append(stage)
            del remaining[stage]


def test_nothing_imports_the_command_line() -> None:
    users = sorted(m for m, targets in GRAPH.items() if _stage(m) != "cli" and any(_stage(t) == "cli" for t in targets))
    assert users == ["lint.__main__"], users  # python -m lint is the command line's only door


def test_top_level_is_small_and_stages_are_packages() -> None:
    top = sorted(p.name for p in PACKAGE.glob("*.py"))
    assert len(top) <= MAX_TOP_MODULES, top
    stages = [s for s in STAGES if (PACKAGE / s / "__init__.py").is_file()]
    assert len(stages) >= 5, stages


def test_no_module_over_the_line_limit() -> None:
    long = {
        name: n
        for name, path in MODULES.items()
        if (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert not long, long


def test_the_graph_sees_lazy_imports() -> None:
    # a guard on the checker itself: api.py imports the run stage inside functions only
    assert any(t.startswith("lint.run.") for t in GRAPH["lint.api"])
