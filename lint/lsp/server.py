"""The language server (pygls): diagnostics, hover and code actions for Markdown, text and HTML.

Documents are linted when opened and saved, and after ``debounce`` seconds without typing when they
change. Each workspace root gets one WorkspaceEngine (lint/lsp/engine.py: the configuration the CLI run
from that root would find); a file outside every workspace folder gets the engine of its own folder.
A changed configuration or house rule file (``workspace/didChangeWatchedFiles``, or saved in the
editor) drops the engines it concerns and re-lints the open documents; a setup that does not load is
shown once as a message and leaves the documents without findings, as the CLI would lint nothing.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlparse

from lsprotocol import types
from pygls.lsp.server import LanguageServer

from lint import __version__
from lint.lsp import actions
from lint.lsp.engine import EXTENSIONS, Finding, LintOutcome, SetupError, WorkspaceEngine
from lint.lsp.hover import hover_text
from lint.lsp.positions import UTF16, Lines, overlaps

SOURCE = "editorial-lint"
DEFAULT_DEBOUNCE = 0.25  # seconds without a change before a changed document is linted
LINTED_FORMATS = ("text", "markdown", "html")
LANGUAGE_IDS = {"markdown": ".md", "plaintext": ".txt", "text": ".txt", "html": ".html"}
SEVERITY = {
    "error": types.DiagnosticSeverity.Error,
    "warning": types.DiagnosticSeverity.Warning,
    "info": types.DiagnosticSeverity.Information,
}
WATCHED_GLOBS = ("**/.editorial-lint.yaml", "**/.editorial-lint.yml", "**/pyproject.toml", "**/*.yaml", "**/*.yml")
CREDIT_FIX = "credit-line"  # the value of a rule's quick-fix key that asks for the credit-line action

log = logging.getLogger(__name__)


@dataclass
class Linted:
    """The last lint of one open document: what hover and code actions answer from."""

    version: int | None
    text: str
    path: Path
    fmt: str
    root: Path
    outcome: LintOutcome
    diagnostics: list[tuple[Finding, types.Diagnostic]] = field(default_factory=list)


class EditorialServer(LanguageServer):
    def __init__(self, debounce: float = DEFAULT_DEBOUNCE) -> None:
        super().__init__("editorial-lint", __version__)
        self.debounce = debounce
        self.engines: dict[Path, WorkspaceEngine | None] = {}
        self.shown_problems: dict[Path, str] = {}  # root -> the setup problem already shown for it
        self.linted: dict[str, Linted] = {}
        self.roots_of_open: dict[str, Path] = {}  # every open document's workspace root, linted or not
        self.pending: dict[str, asyncio.TimerHandle] = {}

    # --- workspace and engines ---------------------------------------------------------------

    @property
    def encoding(self) -> str:
        return str(self.workspace.position_encoding or UTF16)

    def roots(self) -> list[Path]:
        found = [_path(folder.uri) for folder in self.workspace.folders.values()]
        if self.workspace.root_uri:
            found.append(_path(self.workspace.root_uri))
        return [p for p in found if p is not None]

    def root_for(self, path: Path) -> Path:
        """The innermost workspace folder holding ``path``, else the file's own folder."""
        holding = [root for root in self.roots() if path.is_relative_to(root)]
        return max(holding, key=lambda p: len(p.parts)) if holding else path.parent

    def engine_for(self, root: Path) -> WorkspaceEngine | None:
        if root not in self.engines:
            try:
                self.engines[root] = WorkspaceEngine(root)
                self.shown_problems.pop(root, None)
            except SetupError as exc:
                self.engines[root] = None
                self.show_once(root, "\n".join(exc.lines))
        return self.engines[root]

    def show_once(self, root: Path, problem: str) -> None:
        if self.shown_problems.get(root) == problem:
            return
        self.shown_problems[root] = problem
        self.window_show_message(
            types.ShowMessageParams(
                type=types.MessageType.Error,
                message=f"editorial-lint cannot lint {root}: {problem}",
            )
        )

    def reload(self, changed: list[Path]) -> None:
        """Drop the engines a changed file concerns (a broken one is always retried), re-lint open documents."""
        stale = [
            root
            for root, engine in self.engines.items()
            if engine is None or any(engine.watches(path) for path in changed)
        ]
        if not stale:
            return
        for root in stale:
            del self.engines[root]
        for uri, root in list(self.roots_of_open.items()):
            if root in stale:
                self.lint_now(uri)

    # --- linting -----------------------------------------------------------------------------

    def document_path(self, uri: str, language_id: str | None) -> Path | None:
        path = _path(uri)
        if path is not None:
            return path
        suffix = LANGUAGE_IDS.get(language_id or "")
        if suffix is None or not self.roots():
            return None
        return self.roots()[0] / f"untitled{suffix}"  # an unsaved buffer: linted as a new file in the root

    def is_open(self, uri: str) -> bool:
        return uri in self.workspace.text_documents or unquote(uri) in self.workspace.text_documents

    def schedule(self, uri: str) -> None:
        self.cancel(uri)
        loop = asyncio.get_running_loop()
        self.pending[uri] = loop.call_later(self.debounce, self.lint_now, uri)

    def cancel(self, uri: str) -> None:
        handle = self.pending.pop(uri, None)
        if handle is not None:
            handle.cancel()

    def lint_now(self, uri: str) -> None:
        self.pending.pop(uri, None)
        if not self.is_open(uri):
            return  # closed in the meantime (pygls would read the file from disk instead)
        document = self.workspace.get_text_document(uri)
        path = self.document_path(uri, document.language_id)
        if path is None:
            return
        root = self.root_for(path)
        self.roots_of_open[uri] = root
        engine = self.engine_for(root)
        if engine is None:
            self.linted.pop(uri, None)
            self.publish(uri, document.version, [])
            return
        fmt = engine.format_for(path)
        known = path.suffix.lower() in EXTENSIONS or document.language_id in LANGUAGE_IDS
        if fmt not in LINTED_FORMATS or not known:
            return
        text = document.source
        try:
            outcome = engine.lint(text, path)
        except Exception as exc:  # an engine bug must not take the editor's server down
            log.exception("linting %s failed", path)
            self.show_once(root, f"{path}: internal error while linting: {exc!r}")
            return
        state = Linted(document.version, text, path, fmt, root, outcome)
        lines = Lines.of(text)
        encoding = self.encoding
        for finding in outcome.findings:
            state.diagnostics.append((finding, self.diagnostic(finding, lines, engine, encoding)))
        problems = [self.problem(line, message, lines) for line, message in outcome.errors]
        self.linted[uri] = state
        self.publish(uri, document.version, [d for _, d in state.diagnostics] + problems)

    def diagnostic(self, finding: Finding, lines: Lines, engine: WorkspaceEngine, encoding: str) -> types.Diagnostic:
        start = lines.to_lsp(finding.line, finding.column, encoding)
        end = lines.to_lsp(finding.end_line, finding.end_column, encoding)
        link = engine.help_uri(finding.rule)
        return types.Diagnostic(
            range=types.Range(types.Position(*start), types.Position(*end)),
            message=finding.message,
            severity=SEVERITY[finding.severity],
            code=finding.rule,
            code_description=types.CodeDescription(href=link) if link else None,
            source=SOURCE,
            data={"fingerprint": finding.fingerprint},
        )

    def problem(self, line: int | None, message: str, lines: Lines) -> types.Diagnostic:
        """An input the CLI would report as an error (exit 2): one error diagnostic on its line."""
        at = lines.to_lsp(line or 1, 1, self.encoding)
        return types.Diagnostic(
            range=types.Range(types.Position(*at), types.Position(at[0], at[1])),
            message=message,
            severity=types.DiagnosticSeverity.Error,
            source=SOURCE,
        )

    def publish(self, uri: str, version: int | None, diagnostics: list[types.Diagnostic]) -> None:
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=uri, version=version, diagnostics=diagnostics)
        )

    # --- hover and code actions --------------------------------------------------------------

    def findings_at(self, uri: str, span: types.Range) -> list[tuple[Finding, types.Diagnostic]]:
        state = self.linted.get(uri)
        if state is None:
            return []
        return [(f, d) for f, d in state.diagnostics if overlaps(d.range, span)]

    def hover(self, uri: str, position: types.Position) -> types.Hover | None:
        state = self.linted.get(uri)
        engine = self.engines.get(state.root) if state else None
        if state is None or engine is None:
            return None
        found = self.findings_at(uri, types.Range(position, position))
        if not found:
            return None
        parts = []
        for finding, _ in found:
            help_ = engine.rule_help(finding.rule, state.outcome.language)
            parts.append(hover_text(finding, help_))
        return types.Hover(
            contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value="\n\n---\n\n".join(parts)),
            range=found[0][1].range,
        )

    def code_actions(self, params: types.CodeActionParams) -> list[types.CodeAction]:
        uri = params.text_document.uri
        state = self.linted.get(uri)
        engine = self.engines.get(state.root) if state else None
        if state is None or engine is None:
            return []
        document = self.workspace.get_text_document(uri)
        if document.source != state.text:  # edited since the last lint: positions may be stale
            self.cancel(uri)
            self.lint_now(uri)
            state = self.linted.get(uri)
            if state is None:
                return []
        lines = Lines.of(state.text)
        raw_lines = list(lines.lines)
        eol = actions.line_ending(state.text)
        front_matter = engine.front_matter_lines(state.text, state.path)
        found: list[types.CodeAction] = []
        seen: set[tuple[str, str]] = set()
        for finding, diagnostic in self.findings_at(uri, params.range):
            rule = finding.rule
            line_edit = actions.suppress_line(raw_lines, finding.line - 1, rule, state.fmt, front_matter, eol)
            if line_edit is not None and ("line", f"{rule}:{finding.line}") not in seen:
                seen.add(("line", f"{rule}:{finding.line}"))
                found.append(
                    self.action(f"Suppress {rule} on this line (with a reason)", uri, lines, line_edit, diagnostic)
                )
            file_edit = actions.suppress_file(raw_lines, rule, state.fmt, front_matter, eol)
            if file_edit is not None and ("file", rule) not in seen:
                seen.add(("file", rule))
                found.append(self.action(f"Suppress {rule} in this file", uri, lines, file_edit, diagnostic))
            if engine.quick_fix(rule) == CREDIT_FIX and ("credit", rule) not in seen:
                seen.add(("credit", rule))
                found.append(self.credit_action(uri, document.version, state, lines, engine, diagnostic, eol))
        return found

    def action(
        self, title: str, uri: str, lines: Lines, edit: actions.Edit, diagnostic: types.Diagnostic
    ) -> types.CodeAction:
        return types.CodeAction(
            title=title,
            kind=types.CodeActionKind.QuickFix,
            diagnostics=[diagnostic],
            edit=types.WorkspaceEdit(changes={uri: [types.TextEdit(self.range(lines, edit), edit.text)]}),
        )

    def credit_action(
        self,
        uri: str,
        version: int | None,
        state: Linted,
        lines: Lines,
        engine: WorkspaceEngine,
        diagnostic: types.Diagnostic,
        eol: str,
    ) -> types.CodeAction:
        """A snippet with a choice of agency spellings where the client takes snippet edits; else a
        placeholder to replace (the server cannot know which agency the copy came from)."""
        capabilities = self.client_capabilities.workspace
        snippets = bool(
            capabilities and capabilities.workspace_edit and capabilities.workspace_edit.snippet_edit_support
        )
        marker = "\x00"
        edit = actions.credit_line(list(lines.lines), state.fmt, marker, eol)
        where = self.range(lines, edit)
        if snippets:
            before, after = edit.text.split(marker)
            snippet = (
                actions.snippet_escape(before)
                + actions.snippet_choices(engine.agency_terms())
                + actions.snippet_escape(after)
            )
            change: types.WorkspaceEdit = types.WorkspaceEdit(
                document_changes=[
                    types.TextDocumentEdit(
                        text_document=types.OptionalVersionedTextDocumentIdentifier(uri=uri, version=version),
                        edits=[types.SnippetTextEdit(range=where, snippet=types.StringValue(value=snippet))],
                    )
                ]
            )
            title = "Insert an agency credit line"
        else:
            text = edit.text.replace(marker, actions.AGENCY_PLACEHOLDER)
            change = types.WorkspaceEdit(changes={uri: [types.TextEdit(where, text)]})
            title = f"Insert an agency credit line ({actions.AGENCY_PLACEHOLDER}: the agency's name)"
        return types.CodeAction(title=title, kind=types.CodeActionKind.QuickFix, diagnostics=[diagnostic], edit=change)

    def range(self, lines: Lines, edit: actions.Edit) -> types.Range:
        start = lines.to_lsp(edit.start_line + 1, edit.start_column + 1, self.encoding)
        end = lines.to_lsp(edit.end_line + 1, edit.end_column + 1, self.encoding)
        return types.Range(types.Position(*start), types.Position(*end))


def _path(uri: str) -> Path | None:
    parsed = urlparse(uri)
    if parsed.scheme != "file":
        return None
    return Path(unquote(parsed.path)).resolve()


def build(debounce: float = DEFAULT_DEBOUNCE) -> EditorialServer:
    server = EditorialServer(debounce)

    @server.feature(types.INITIALIZED)
    def initialized(ls: EditorialServer, _params: types.InitializedParams) -> None:
        capabilities = ls.client_capabilities.workspace
        watched = capabilities.did_change_watched_files if capabilities else None
        if watched is None or not watched.dynamic_registration:
            return  # the client does not watch files for servers: saving a config file in the editor still reloads
        options = types.DidChangeWatchedFilesRegistrationOptions(
            watchers=[types.FileSystemWatcher(glob_pattern=glob) for glob in WATCHED_GLOBS]
        )
        registration = types.Registration(
            id="editorial-lint-config", method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES, register_options=options
        )
        ls.client_register_capability(types.RegistrationParams(registrations=[registration]))

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: EditorialServer, params: types.DidOpenTextDocumentParams) -> None:
        ls.lint_now(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: EditorialServer, params: types.DidChangeTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: EditorialServer, params: types.DidSaveTextDocumentParams) -> None:
        uri = params.text_document.uri
        path = _path(uri)
        if path is not None:
            ls.reload([path])
        ls.cancel(uri)
        ls.lint_now(uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: EditorialServer, params: types.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        ls.cancel(uri)
        ls.linted.pop(uri, None)
        ls.roots_of_open.pop(uri, None)
        ls.publish(uri, None, [])

    @server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def watched_files(ls: EditorialServer, params: types.DidChangeWatchedFilesParams) -> None:
        ls.reload([p for p in (_path(change.uri) for change in params.changes) if p is not None])

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    def hover(ls: EditorialServer, params: types.HoverParams) -> types.Hover | None:
        return ls.hover(params.text_document.uri, params.position)

    @server.feature(
        types.TEXT_DOCUMENT_CODE_ACTION,
        types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix]),
    )
    def code_action(ls: EditorialServer, params: types.CodeActionParams) -> list[types.CodeAction]:
        return ls.code_actions(params)

    return server


def serve(tcp_port: int | None = None, debounce: float = DEFAULT_DEBOUNCE) -> None:
    server = build(debounce)
    if tcp_port is not None:
        server.start_tcp("127.0.0.1", tcp_port)
    else:
        server.start_io()


__all__ = ["DEFAULT_DEBOUNCE", "EditorialServer", "build", "serve"]
