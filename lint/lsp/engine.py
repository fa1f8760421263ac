"""The language server's one door into the engine: configuration discovery, per-path settings, rule
metadata and linting an editor's text as if it were the file at its path.

Every import of engine internals the server needs is in this module, so that when the engine's modules
move (lint/ is being split into stage packages) only this file changes. The rest of lint/lsp/ sees
plain values: ``Finding`` records (the CLI's), ``LintOutcome``, ``RuleHelp``.

A workspace is linted as the CLI run from the workspace root would lint it: the configuration file
found from the root upward (``pyproject.toml`` or ``.editorial-lint.yaml``), its house packs, per-path
``overrides``, ``exclude``, ``min-severity`` and per-rule ``severity``, and the inline suppressions of
the text itself. Paths are matched as absolute paths against the configuration's folder, so the
server's own working directory never changes a result.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from lint.checks.finding import SEVERITY_RANK, Finding
from lint.document.readers import EXTENSIONS, format_of
from lint.pack.loader import default_pack
from lint.pack.ruleset import Rule
from lint.run.config import YAML_NAMES, discover
from lint.run.linter import Linter, discovery_for
from lint.run.options import RunOptions
from lint.run.resolve import rule_sources
from lint.run.session import SetupError, open_session

__all__ = [
    "CONFIG_NAMES",
    "EXTENSIONS",
    "Finding",
    "LintOutcome",
    "RuleHelp",
    "SetupError",
    "WorkspaceEngine",
    "format_of",
]

# Files whose change can change every result: configuration files wherever they are.
CONFIG_NAMES = (*YAML_NAMES, "pyproject.toml")
# The generated rule reference, present in a source checkout (not in a wheel): a link target that
# exists, used when a rule has no `help-uri` of its own.
RULES_DOC = Path(__file__).resolve().parent.parent.parent / "docs" / "rules.md"


@dataclass
class LintOutcome:
    findings: list[Finding] = field(default_factory=list)  # as the CLI reports them (min-severity applied)
    errors: list[tuple[int | None, str]] = field(default_factory=list)  # (1-based line or None, message)
    language: str | None = None
    excluded: bool = False  # the configuration excludes this path: the CLI reports nothing for it


@dataclass(frozen=True)
class RuleHelp:
    id: str
    summary: str
    rationale: str
    reference: str
    help_uri: str | None
    passing: str | None  # one `pass` example's text (in the document's language when there is one)
    failing: str | None


class WorkspaceEngine:
    """The rule pack and settings for one workspace root, loaded once; reload by making a new one."""

    def __init__(self, root: Path) -> None:
        self.root = root.resolve()
        self.config_path = discover(self.root)
        options = RunOptions(
            config=str(self.config_path) if self.config_path else None,
            isolated=self.config_path is None,
        )
        self._session = open_session(options)  # SetupError (its stderr lines) when the workspace cannot be linted
        self._resolver = self._session.resolver
        self._pack = self._session.pack
        self._floor = SEVERITY_RANK[self._resolver.option("min-severity")]
        config = self._session.config
        self.pack_paths, _ = rule_sources(options, config)  # the house packs, as the CLI finds them
        # Configuration files read through `extends` (a desk's shared file may have any name).
        self.config_files = {p.resolve() for p in config.origins.values()} if config else set()
        self._discovery = discovery_for(self._resolver.base, bool(self._resolver.option("force-exclude")))
        self._links: dict[str, str | None] = {}
        # `rule-docs-url` (the base of the rule documentation the CLI links to, issue 15), when configured.
        base = config.get("rule-docs-url") if config else None
        self._docs_base = base if isinstance(base, str) and base.strip() else None
        self._linters: dict[str, Linter] = {}

    def _linter(self, shown: str) -> Linter:
        """The Linter for a path (the resolver's, for its per-path settings), remembered per path."""
        if shown not in self._linters:
            if len(self._linters) > 1000:  # many files opened over a long session
                self._linters.clear()
            self._linters[shown] = self._resolver.linter_for(shown)
        return self._linters[shown]

    def lint(self, text: str, path: Path) -> LintOutcome:
        """Findings for ``text`` as the file at ``path`` (absolute), as `editorial-lint PATH` from the root."""
        shown = str(path)
        linter = self._linter(shown)
        settings = linter.settings
        # As for a file named on the command line: `exclude` globs, and with force-exclude also ignore
        # files and skipped folders (lint/run/discovery.py).
        skipped = self._discovery.named_file_skipped(shown)
        self._discovery.skipped_named.clear()  # the CLI's note about skipped files; kept from growing here
        if skipped:
            return LintOutcome(excluded=True)
        size = len(text.encode("utf-8", "surrogatepass"))
        if size > settings.max_file_size:
            message = (
                f"file is {size / 1048576:.1f} MB, over max-file-size "
                f"({settings.max_file_size / 1048576:.0f} MB); refused"
            )
            return LintOutcome(errors=[(None, message)])
        if "\x00" in text:  # what decoding the file would refuse (lint/source.py)
            return LintOutcome(errors=[(None, f"contains NUL bytes at character {text.index(chr(0))} (binary file?)")])
        result = linter.lint_text(text, shown, linter.format_for(shown))
        findings = [f for f in result.findings if SEVERITY_RANK[f.severity] >= self._floor]
        errors = [(e.get("line"), str(e["message"])) for e in result.errors]
        return LintOutcome(findings=findings, errors=errors, language=result.language)

    def format_for(self, path: Path) -> str:
        """text, markdown, html or jsonl: how the CLI would read this path."""
        return self._linter(str(path)).format_for(str(path))

    def help_uri(self, rule_id: str) -> str | None:
        """The rule's help link (see help_uri()), looked up once per rule."""
        if rule_id not in self._links:
            rule = self._pack.rules.get(rule_id)
            self._links[rule_id] = help_uri(rule, self._docs_base) if rule is not None else None
        return self._links[rule_id]

    def quick_fix(self, rule_id: str) -> str | None:
        """The fix the rule's YAML offers for its findings (``quick-fix``), if any."""
        rule = self._pack.rules.get(rule_id)
        return str(rule.get("quick-fix")) if rule is not None and rule.get("quick-fix") else None

    def rule_help(self, rule_id: str, language: str | None) -> RuleHelp | None:
        rule = self._pack.rules.get(rule_id)
        if rule is None:
            return None
        return RuleHelp(
            id=rule.id,
            summary=rule.summary(),
            rationale=" ".join(rule.text_for("rationale", language).split()),
            reference=" ".join(rule.text_for("reference", language).split()),
            help_uri=self.help_uri(rule.id),
            passing=_example(rule, "pass", language),
            failing=_example(rule, "fail", language),
        )

    def agency_terms(self) -> list[str]:
        """The spellings of agencies a credit line may use (the pack's `agencies` vocabulary)."""
        vocabulary = self._pack.vocabularies.get("agencies")
        if vocabulary is None:
            return []
        return vocabulary.terms_for(None)

    def front_matter_lines(self, text: str, path: Path) -> tuple[int, int] | None:
        """0-based first and last line of the front matter block (its `---` lines), or None."""
        fmt = self.format_for(path)
        if fmt == "html":
            return None
        from lint.document.analysis import build_document
        from lint.document.source import InputError, normalize

        text = normalize(text)
        try:
            doc = build_document(str(path), text, fmt, self._linter(str(path)).context)
        except InputError:
            return None
        span = doc.front_matter_span
        if span is None:
            return None
        last = text.count("\n", 0, span.end - 1 if text[span.end - 1 : span.end] == "\n" else span.end)
        return 0, last

    def watches(self, changed: Path) -> bool:
        """Whether a changed file can change this workspace's results (configuration or house packs)."""
        resolved = changed.resolve()
        if changed.name in CONFIG_NAMES or resolved in self.config_files:
            return True
        folders = [*self.pack_paths, default_pack()]  # the shipped pack too: someone is editing it
        return any(resolved == p.resolve() or resolved.is_relative_to(p.resolve()) for p in folders)


def help_uri(rule: Rule, docs_base: str | None = None) -> str | None:
    """The rule's `help-uri`; else ``docs_base#id`` when the configuration names the documentation's
    address; else its section of docs/rules.md when that file is here and has one; else none."""
    given = rule.get("help-uri")
    if isinstance(given, str) and given.strip():
        return given.strip()
    if docs_base:
        return f"{docs_base.strip().rstrip('#')}#{rule.id}"
    if _documented(rule.id):
        return RULES_DOC.as_uri() + "#" + rule.id
    return None


_DOCUMENTED: dict[str, bool] = {}


def _documented(rule_id: str) -> bool:
    if rule_id not in _DOCUMENTED:
        try:
            _DOCUMENTED[rule_id] = f"\n## {rule_id}\n" in RULES_DOC.read_text(encoding="utf-8")
        except OSError:
            _DOCUMENTED[rule_id] = False
    return _DOCUMENTED[rule_id]


def _example(rule: Rule, kind: str, language: str | None) -> str | None:
    examples = [e for e in rule.examples if e.kind == kind]
    if not examples:
        return None
    same = [e for e in examples if e.lang == language]
    return (same or examples)[0].text
