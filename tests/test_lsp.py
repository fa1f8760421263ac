"""The language server (`editorial-lint lsp`), driven over stdio by a real JSON-RPC client as an editor
drives it; its diagnostics are compared with the CLI's JSON report for the same file run from the
workspace root. Positions in the comparison are converted here, independently of lint/lsp/positions.py.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("pygls", reason="the lsp extra (pygls) is not installed")

from lint.lsp.client import LspClient
from lint.lsp.positions import Lines

ARTICLE = textwrap.dedent(
    """\
    ---
    title: "Brücke 🌉 gesperrt"
    ---
    # Die Brücke 🎉 bleibt zu

    Die Stadt 🏙️ sperrt die alte Brücke 𝔸 ab Montag. „Wir können die Sicherheit nicht länger garantieren, das ist klar“, hieß es.
    Experten zufolge 👷 ist der Stahl marode.

    „Das ist ein schwarzer Tag für alle Pendler in der Stadt 🚲.“

    Die Bauarbeiten sollen zwei Jahre dauern. Flickschusterei nennen das die Anwohner.
    """
)
HTML = textwrap.dedent(
    """\
    <!DOCTYPE html>
    <html lang="de">
    <head><title>Brücke 🌉 gesperrt</title></head>
    <body>
      <article>
        <h1>Die Brücke bleibt zu</h1>
        <p>Die Stadt 🏙️ sperrt die alte Brücke 𝔸 ab Montag. Experten zufolge ist der Stahl marode.</p>
        <p>„Das ist ein schwarzer Tag für alle Pendler in der Stadt 🚲.“</p>
      </article>
    </body>
    </html>
    """
)
TEXT = "Die Stadt 🏙️ sperrt die Brücke 𝔸. Experten zufolge ist der Stahl marode.\n\nDie Arbeiten dauern zwei Jahre.\n"
HOUSE_RULE = textwrap.dedent(
    """\
    id: house-flickschusterei
    type: forbid
    severity: warning
    languages: [de]
    scope: body
    pattern: 'Flickschusterei'
    message: {de: 'Hauswort: "{match}" ist abwertend.'}
    rationale: The house style avoids a dismissive word for repairs.
    reference: House style guide, section 3
    help-uri: https://styleguide.invalid/house#flickschusterei
    examples:
      pass: [{text: "Die Reparatur dauert zwei Wochen.", lang: de}]
      fail: [{text: "Das ist Flickschusterei, sagte der Bürgermeister.", lang: de}]
    """
)
CONFIG = textwrap.dedent(
    """\
    rules: [house]
    severity: {vague-attribution: warning}
    overrides:
      - files: "archive/**"
        ignore: [agency-credit]
    """
)
SNIPPET_CAPABILITIES = {"workspace": {"workspaceEdit": {"documentChanges": True, "snippetEditSupport": True}}}


def server_command(*extra: str) -> list[str]:
    return [sys.executable, "-m", "lint", "lsp", *extra]


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    root = tmp_path / "content"
    (root / "house").mkdir(parents=True)
    (root / "news").mkdir()
    (root / "archive").mkdir()
    (root / "house" / "house-flickschusterei.yaml").write_text(HOUSE_RULE, encoding="utf-8")
    (root / ".editorial-lint.yaml").write_text(CONFIG, encoding="utf-8")
    (root / "news" / "bruecke.md").write_text(ARTICLE, encoding="utf-8")
    (root / "archive" / "bruecke.md").write_text(ARTICLE, encoding="utf-8")
    (root / "news" / "bruecke.html").write_text(HTML, encoding="utf-8")
    (root / "news" / "bruecke.txt").write_text(TEXT, encoding="utf-8")
    return root


@pytest.fixture
def client(workspace: Path, tmp_path: Path) -> Iterator[LspClient]:
    # The server runs from another folder than the workspace: results must come from the workspace root.
    with (tmp_path / "server.log").open("wb") as log:
        lsp = LspClient(server_command(), cwd=tmp_path, stderr=log)
        try:
            yield lsp
        finally:
            lsp.close()


def cli_findings(root: Path, relative: str) -> list[dict[str, Any]]:
    """The CLI's JSON report for one file, run from the workspace root."""
    done = subprocess.run(
        [sys.executable, "-m", "lint", "--format", "json", relative],
        cwd=root,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_COLOR": "1"},
        timeout=120,
    )
    assert done.returncode in (0, 1), done.stderr
    report = json.loads(done.stdout)
    return report["files"][0]["findings"] if report["files"] else []


def utf16_character(text: str, line: int, column: int) -> tuple[int, int]:
    """A 1-based code-point line/column as an LSP position, counted with Python's UTF-16 codec."""
    lines = text.split("\n")
    if line > len(lines):
        return len(lines) - 1, len(lines[-1].encode("utf-16-le")) // 2
    return line - 1, len(lines[line - 1][: column - 1].encode("utf-16-le")) // 2


def expected(text: str, findings: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
    severity = {"error": 1, "warning": 2, "info": 3}
    return sorted(
        (
            f["rule"],
            severity[f["severity"]],
            f["message"],
            utf16_character(text, f["line"], f["column"]),
            utf16_character(text, f["end_line"], f["end_column"]),
        )
        for f in findings
    )


def got(diagnostics: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
    return sorted(
        (
            d["code"],
            d["severity"],
            d["message"],
            (d["range"]["start"]["line"], d["range"]["start"]["character"]),
            (d["range"]["end"]["line"], d["range"]["end"]["character"]),
        )
        for d in diagnostics
    )


def offset(text: str, line: int, character: int) -> int:
    """The string index of an LSP (UTF-16) position."""
    starts = [0] + [m.end() for m in re.finditer(r"\r\n|\r|\n", text)]
    start = starts[line]
    units = 0
    index = start
    while units < character and index < len(text) and text[index] not in "\r\n":
        units += 2 if ord(text[index]) > 0xFFFF else 1
        index += 1
    return index


def resolve_snippet(snippet: str) -> str:
    """A snippet as the editor inserts it when the first choice is taken."""
    snippet = re.sub(r"\$\{\d+\|((?:[^,|\\]|\\.)*)(?:,(?:[^|\\]|\\.)*)*\|\}", r"\1", snippet)
    snippet = re.sub(r"\$\{\d+:([^}]*)\}", r"\1", snippet)
    return re.sub(r"\\(.)", r"\1", snippet)


def apply(text: str, action: dict[str, Any]) -> str:
    edit = action["edit"]
    edits: list[dict[str, Any]] = []
    for changes in (edit.get("changes") or {}).values():
        edits += [{"range": e["range"], "text": e["newText"]} for e in changes]
    for change in edit.get("documentChanges") or []:
        for e in change["edits"]:
            value = e["snippet"]["value"] if "snippet" in e else e["newText"]
            edits.append({"range": e["range"], "text": resolve_snippet(value) if "snippet" in e else value})
    for e in sorted(edits, key=lambda e: (e["range"]["start"]["line"], e["range"]["start"]["character"]), reverse=True):
        start = offset(text, e["range"]["start"]["line"], e["range"]["start"]["character"])
        end = offset(text, e["range"]["end"]["line"], e["range"]["end"]["character"])
        text = text[:start] + e["text"] + text[end:]
    return text


# --- positions (no server) -----------------------------------------------------------------------


def test_utf16_positions_count_surrogate_pairs_and_german_quotes() -> None:
    line = "„Wir 🎉 gehen“, sagte 𝔸 er."
    lines = Lines.of(line + "\n")
    column = line.index("sagte") + 1
    assert lines.to_lsp(1, column) == (0, len(line[: column - 1].encode("utf-16-le")) // 2)
    assert lines.to_lsp(1, column)[1] == column - 1 + 1  # one emoji: one extra code unit
    after = line.index("er.") + 1
    assert lines.to_lsp(1, after)[1] == after - 1 + 2  # 🎉 and 𝔸
    assert lines.to_lsp(1, column, "utf-8")[1] == len(line[: column - 1].encode("utf-8"))
    assert lines.from_lsp(*lines.to_lsp(1, after)) == (1, after)


def test_crlf_and_bom_positions() -> None:
    lines = Lines.of("\ufeffAb 😀 c\r\nzweite „Zeile“\r\n")
    assert lines.to_lsp(1, 6) == (0, 1 + 6)  # the BOM is a character to the editor, not to the engine
    assert lines.to_lsp(2, 8) == (1, 7)


# --- the server over stdio -----------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize(
    ("relative", "language_id"),
    [
        ("news/bruecke.md", "markdown"),
        ("archive/bruecke.md", "markdown"),
        ("news/bruecke.html", "html"),
        ("news/bruecke.txt", "plaintext"),
    ],
)
def test_diagnostics_equal_the_cli_report(client: LspClient, workspace: Path, relative: str, language_id: str) -> None:
    client.initialize(workspace)
    path = workspace / relative
    text = path.read_text(encoding="utf-8")
    uri = client.open(path, text, language_id)
    diagnostics = client.diagnostics(uri, 1)
    findings = cli_findings(workspace, relative)
    assert findings, "the fixture must give findings"
    assert got(diagnostics) == expected(text, findings)
    rules = {d["code"] for d in diagnostics}
    if relative == "news/bruecke.md":  # configuration, house pack and per-rule severity all took effect
        assert {"house-flickschusterei", "agency-credit", "unattributed-quote"} <= rules
        assert {d["severity"] for d in diagnostics if d["code"] == "vague-attribution"} == {2}
    if relative.startswith("archive/"):
        assert "agency-credit" not in rules  # the override
    assert all(d["source"] == "editorial-lint" for d in diagnostics)
    for diagnostic in diagnostics:
        href = diagnostic["codeDescription"]["href"]
        if diagnostic["code"] == "house-flickschusterei":  # the rule's own help-uri
            assert href == "https://styleguide.invalid/house#flickschusterei"
        else:  # no help-uri in the default pack: the section of this checkout's docs/rules.md
            assert href.startswith("file://") and href.endswith(f"/docs/rules.md#{diagnostic['code']}")


@pytest.mark.slow
def test_positions_after_emoji_and_non_bmp_characters(client: LspClient, workspace: Path) -> None:
    client.initialize(workspace)
    uri = client.open(workspace / "news" / "bruecke.md", ARTICLE)
    claim = next(
        d for d in client.diagnostics(uri, 1) if d["code"] == "vague-attribution" and d["range"]["start"]["line"] == 5
    )
    line = ARTICLE.split("\n")[claim["range"]["start"]["line"]]
    start = claim["range"]["start"]["character"]
    # Before the words: 🏙️ (U+1F3D9, a surrogate pair, + U+FE0F), „ and “ (one unit each) and 𝔸 (a
    # surrogate pair): two code units more than code points.
    assert line.index("hieß es") + 2 == start
    assert line.encode("utf-16-le")[start * 2 :].decode("utf-16-le").startswith("hieß es")


@pytest.mark.slow
def test_change_is_debounced_and_relinted(workspace: Path, tmp_path: Path) -> None:
    lsp = LspClient(server_command("--debounce", "400"), cwd=tmp_path)
    try:
        lsp.initialize(workspace)
        path = workspace / "news" / "bruecke.md"
        uri = lsp.open(path, ARTICLE)
        lsp.diagnostics(uri, 1)
        mark = len(lsp.notifications)
        edited = ARTICLE.replace("Experten zufolge 👷", "Der Statiker Max Muster 👷 sagt,")
        for version, text in ((2, ARTICLE + "\nx"), (3, ARTICLE + "\nxy"), (4, edited)):
            lsp.change(uri, text, version)
        diagnostics = lsp.diagnostics(uri, 4, after=mark)
        published = [n.params.get("version") for n in lsp.notifications[mark:] if n.method.endswith("Diagnostics")]
        assert published == [4], "typing within the debounce delay gives one lint of the last text"
        path.write_text(edited, encoding="utf-8")
        assert got(diagnostics) == expected(edited, cli_findings(workspace, "news/bruecke.md"))
        assert 6 not in {d["range"]["start"]["line"] for d in diagnostics}  # "Experten zufolge" is gone
    finally:
        lsp.close()


@pytest.mark.slow
def test_hover_explains_the_rule(client: LspClient, workspace: Path) -> None:
    client.initialize(workspace)
    uri = client.open(workspace / "news" / "bruecke.md", ARTICLE)
    quote = next(d for d in client.diagnostics(uri, 1) if d["code"] == "unattributed-quote")
    inside = {"line": quote["range"]["start"]["line"], "character": quote["range"]["start"]["character"] + 3}
    hover = client.request("textDocument/hover", {"textDocument": {"uri": uri}, "position": inside})
    value = hover["contents"]["value"]
    assert hover["contents"]["kind"] == "markdown"
    assert "**unattributed-quote**" in value and "rules.md#unattributed-quote" in value
    assert quote["message"] in value
    for part in ("**Why.**", "**Reference.**", "**Passes:**", "**Fails:**"):
        assert part in value
    nowhere = client.request(
        "textDocument/hover", {"textDocument": {"uri": uri}, "position": {"line": 1, "character": 2}}
    )
    assert nowhere is None


def _actions(client: LspClient, uri: str, diagnostic: dict[str, Any]) -> list[dict[str, Any]]:
    return client.request(
        "textDocument/codeAction",
        {"textDocument": {"uri": uri}, "range": diagnostic["range"], "context": {"diagnostics": [diagnostic]}},
    )


def _cli_after(workspace: Path, relative: str, text: str) -> list[dict[str, Any]]:
    (workspace / relative).write_text(text, encoding="utf-8")
    return cli_findings(workspace, relative)


def _without(findings: list[dict[str, Any]], rule: str) -> list[tuple[str, str]]:
    return sorted((f["rule"], f["excerpt"]) for f in findings if f["rule"] != rule)


@pytest.mark.slow
@pytest.mark.parametrize("relative", ["news/bruecke.md", "news/bruecke.html"])
def test_code_actions_applied_lint_clean_of_the_finding(client: LspClient, workspace: Path, relative: str) -> None:
    client.initialize(workspace, SNIPPET_CAPABILITIES)
    path = workspace / relative
    language_id = "html" if relative.endswith(".html") else "markdown"
    uri = client.open(path, ARTICLE if language_id == "markdown" else HTML, language_id)
    original = path.read_text(encoding="utf-8")
    before = cli_findings(workspace, relative)
    diagnostics = client.diagnostics(uri, 1)
    text = ARTICLE if language_id == "markdown" else HTML
    checked = 0
    for diagnostic in diagnostics:
        for action in _actions(client, uri, diagnostic):
            assert action["kind"] == "quickfix"
            own = action["diagnostics"][0]  # the action's own finding (others may share the range)
            rule = own["code"]
            start = (own["range"]["start"]["line"], own["range"]["start"]["character"])
            target = next(
                f for f in before if f["rule"] == rule and utf16_character(text, f["line"], f["column"]) == start
            )
            fixed = apply(original, action)
            after = _cli_after(workspace, relative, fixed)
            remaining = sorted((f["rule"], f["excerpt"]) for f in after)
            assert "unused-suppression" not in {f["rule"] for f in after}, (action["title"], fixed)
            if "on this line" in action["title"]:
                # Exactly that finding is gone: everything else stays, with the same excerpts.
                expected_rest = sorted((f["rule"], f["excerpt"]) for f in before if f is not target)
                assert remaining == expected_rest, (action["title"], fixed)
                assert f"<!-- editorial-lint-disable-next-line {rule} -- " in fixed
            else:  # the file-wide suppression and the credit line clear the rule; other rules stay as they were
                assert rule not in {f["rule"] for f in after}, (action["title"], fixed)
                assert _without(after, rule) == _without(before, rule), action["title"]
            checked += 1
        path.write_text(original, encoding="utf-8")
    titles = {a["title"] for d in diagnostics for a in _actions(client, uri, d)}
    assert any("on this line" in t for t in titles)
    assert any(t.startswith("Insert an agency credit line") for t in titles)
    if language_id == "markdown":
        assert any("in this file" in t for t in titles)
    else:
        assert not any("in this file" in t for t in titles)  # HTML has no front matter
    assert checked >= 4


@pytest.mark.slow
def test_credit_line_for_plain_text_and_a_placeholder_without_snippets(client: LspClient, workspace: Path) -> None:
    client.initialize(workspace)  # no snippet support
    uri = client.open(workspace / "news" / "bruecke.txt", TEXT, "plaintext")
    credit = next(d for d in client.diagnostics(uri, 1) if d["code"] == "agency-credit")
    actions = _actions(client, uri, credit)
    assert [a["title"] for a in actions] == ["Insert an agency credit line (AGENCY: the agency's name)"]
    placed = apply(TEXT, actions[0])
    assert placed.endswith("\n\n(AGENCY)\n")
    assert "agency-credit" in {f["rule"] for f in _cli_after(workspace, "news/bruecke.txt", placed)}
    named = placed.replace("(AGENCY)", "(dpa)")
    assert "agency-credit" not in {f["rule"] for f in _cli_after(workspace, "news/bruecke.txt", named)}


@pytest.mark.slow
def test_config_and_house_pack_changes_relint_and_a_broken_pack_is_shown_once(
    client: LspClient, workspace: Path
) -> None:
    client.initialize(workspace, {"workspace": {"didChangeWatchedFiles": {"dynamicRegistration": True}}})
    uri = client.open(workspace / "news" / "bruecke.md", ARTICLE)
    assert "house-flickschusterei" in {d["code"] for d in client.diagnostics(uri, 1)}
    assert any(r["method"] == "client/registerCapability" for r in client.server_requests)

    config = workspace / ".editorial-lint.yaml"
    config.write_text(CONFIG + "ignore: [house-flickschusterei]\n", encoding="utf-8")
    mark = len(client.notifications)
    client.notify("workspace/didChangeWatchedFiles", {"changes": [{"uri": config.as_uri(), "type": 2}]})
    assert "house-flickschusterei" not in {d["code"] for d in client.diagnostics(uri, after=mark)}

    rule = workspace / "house" / "house-flickschusterei.yaml"
    rule.write_text(HOUSE_RULE.replace("type: forbid", "type: forbidden"), encoding="utf-8")
    for round_ in range(2):
        mark = len(client.notifications)
        client.notify("workspace/didChangeWatchedFiles", {"changes": [{"uri": rule.as_uri(), "type": 2}]})
        assert client.diagnostics(uri, after=mark) == []  # the CLI would lint nothing
        client.change(uri, ARTICLE + "\n", 2 + round_)
        assert client.diagnostics(uri, 2 + round_, after=mark) == []
    shown = [n for n in client.notifications if n.method == "window/showMessage"]
    assert len(shown) == 1, shown
    assert "house-flickschusterei.yaml" in shown[0].params["message"] and shown[0].params["type"] == 1

    rule.write_text(HOUSE_RULE, encoding="utf-8")
    mark = len(client.notifications)
    client.notify("workspace/didChangeWatchedFiles", {"changes": [{"uri": rule.as_uri(), "type": 2}]})
    assert client.diagnostics(uri, after=mark), "mended: findings again"
    assert client.process.poll() is None


@pytest.mark.slow
def test_tcp_mode_serves_on_loopback(workspace: Path, tmp_path: Path) -> None:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(server_command("--tcp", str(port)), cwd=tmp_path, stderr=subprocess.DEVNULL)
    try:
        for _ in range(100):
            try:
                connection = socket.create_connection(("127.0.0.1", port), timeout=1)
                break
            except OSError:
                if server.poll() is not None:
                    pytest.fail("the server stopped")
                import time

                time.sleep(0.1)
        else:
            pytest.fail("the server did not listen")
        with connection:
            body = json.dumps(
                {"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {}, "rootUri": None}}
            ).encode()
            connection.sendall(b"Content-Length: %d\r\n\r\n" % len(body) + body)
            connection.settimeout(30)
            received = b""
            while b"hoverProvider" not in received:
                chunk = connection.recv(65536)
                assert chunk, "connection closed"
                received += chunk
            assert b'"id": 1' in received or b'"id":1' in received
    finally:
        server.kill()
        server.wait()


def test_bad_arguments_exit_2_with_a_message() -> None:
    done = subprocess.run(server_command("--tcp", "port"), capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert "editorial-lint lsp: argument --tcp: a port number, not 'port'" in done.stderr
    assert "Traceback" not in done.stderr


# --- the editor snippets of docs/editors.md ---------------------------------------------------------

DOCS = Path(__file__).resolve().parent.parent / "docs" / "editors.md"
WAIT_LUA = """\
local ok = vim.wait(90000, function() return #vim.diagnostic.get(0) > 0 end, 100)
for _, d in ipairs(vim.diagnostic.get(0)) do
  local code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code) or ""
  io.stdout:write(string.format("%d:%d:%s\\n", d.lnum, d.col, code))
end
if not ok then io.stdout:write("TIMEOUT\\n") end
vim.cmd("qall!")
"""


def doc_blocks(language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", DOCS.read_text(encoding="utf-8"), re.DOTALL)


def editor_env() -> dict[str, str]:
    """PATH with this interpreter's scripts first, so the snippets' plain `editorial-lint` is this one."""
    scripts = str(Path(sys.executable).parent)
    if shutil.which("editorial-lint", path=scripts) is None:
        pytest.skip(f"no editorial-lint script beside {sys.executable} (install the package)")
    return {**os.environ, "PATH": scripts + os.pathsep + os.environ.get("PATH", "")}


@pytest.mark.slow
def test_neovim_snippets_attach_and_show_the_cli_findings(workspace: Path, tmp_path: Path) -> None:
    nvim = shutil.which("nvim")
    if nvim is None:
        pytest.skip("Neovim is not installed (apt-get install neovim)")
    env = editor_env()
    probe = subprocess.run(
        [
            nvim,
            "--headless",
            "-u",
            "NONE",
            "-c",
            "lua io.stdout:write(vim.lsp.start and 'new' or 'old')",
            "-c",
            "qall!",
        ],
        capture_output=True,
        text=True,
        timeout=60,
        stdin=subprocess.DEVNULL,
    )
    has_start = "new" in probe.stdout + probe.stderr
    for index, block in enumerate(doc_blocks("lua")):  # every snippet at least compiles in this Neovim's Lua
        source = tmp_path / f"compile{index}.lua"
        source.write_text(block, encoding="utf-8")
        compiled = subprocess.run(
            [nvim, "--headless", "-u", "NONE", "-c", f"lua assert(loadfile('{source}'))", "-c", "qall!"],
            capture_output=True,
            text=True,
            timeout=60,
            stdin=subprocess.DEVNULL,
        )
        assert compiled.returncode == 0 and "Error" not in compiled.stderr + compiled.stdout, compiled.stderr
    snippets = [b for b in doc_blocks("lua") if ("vim.lsp.start(" in b) == has_start]
    assert snippets, "docs/editors.md has a Neovim snippet for this Neovim"
    wait = tmp_path / "wait.lua"
    wait.write_text(WAIT_LUA, encoding="utf-8")
    wanted = []
    for finding in cli_findings(workspace, "news/bruecke.md"):
        # Neovim's columns are byte offsets into the line.
        line = ARTICLE.split("\n")[finding["line"] - 1]
        wanted.append((finding["line"] - 1, len(line[: finding["column"] - 1].encode("utf-8")), finding["rule"]))
    for index, snippet in enumerate(snippets):
        init = tmp_path / f"init{index}.lua"
        init.write_text(snippet, encoding="utf-8")
        done = subprocess.run(
            [nvim, "--headless", "-u", str(init), "-i", "NONE", "news/bruecke.md", "-c", f"luafile {wait}"],
            cwd=workspace,
            capture_output=True,
            text=True,
            timeout=180,
            stdin=subprocess.DEVNULL,
            env=env,
        )
        output = done.stdout + done.stderr
        assert "TIMEOUT" not in output, output
        shown = []
        for line in output.splitlines():
            match = re.match(r"(\d+):(\d+):(\S+)$", line.strip())
            if match:
                shown.append((int(match[1]), int(match[2]), match[3]))
        assert sorted(shown) == sorted(wanted), output


@pytest.mark.slow
def test_vscode_and_helix_snippets_start_the_server(workspace: Path, tmp_path: Path) -> None:
    import tomllib

    env = editor_env()
    vscode = json.loads(doc_blocks("json")[0])
    helix = tomllib.loads(next(b for b in doc_blocks("toml") if "[language-server.editorial-lint]" in b))
    commands = [
        [vscode["glspc.server.command"], *vscode["glspc.server.commandArguments"]],
        [helix["language-server"]["editorial-lint"]["command"], *helix["language-server"]["editorial-lint"]["args"]],
    ]
    assert set(vscode["glspc.server.languageId"]) == {"markdown", "plaintext", "html"}
    for command in commands:
        executable = shutil.which(command[0], path=env["PATH"])
        assert executable is not None
        lsp = LspClient([executable, *command[1:]], cwd=workspace)
        try:
            capabilities = lsp.initialize(workspace)["capabilities"]
            assert capabilities["hoverProvider"] and capabilities["codeActionProvider"]
            uri = lsp.open(workspace / "news" / "bruecke.md", ARTICLE)
            assert lsp.diagnostics(uri, 1)
        finally:
            lsp.close()


# --- code-action placement (no server) ------------------------------------------------------------


def test_line_suppression_stays_inside_the_paragraph_in_markdown() -> None:
    from lint.lsp.actions import suppress_line

    lines = ["---", "title: x", "---", "Erste Zeile des Absatzes,", "zweite Zeile.", "", "Neuer Absatz."]
    inside = suppress_line(lines, 4, "unattributed-quote", "markdown", (0, 2))
    assert inside is not None and (inside.start_line, inside.start_column) == (3, len(lines[3]))
    assert inside.text.startswith(" <!-- editorial-lint-disable-next-line unattributed-quote -- ")
    first = suppress_line(lines, 6, "unattributed-quote", "markdown", (0, 2))
    assert first is not None and (first.start_line, first.start_column, first.text[-1]) == (6, 0, "\n")
    after_front_matter = suppress_line(lines, 3, "unattributed-quote", "markdown", (0, 2))
    assert after_front_matter is not None and after_front_matter.start_line == 3  # never on the `---` line
    assert suppress_line(lines, 1, "unattributed-quote", "markdown", (0, 2)) is None  # inside front matter
    assert suppress_line(lines, 4, "unattributed-quote", "text", None) is None  # no inline suppression in text
    html = suppress_line(["<body>", "    <p>Text</p>"], 1, "x", "html", None)
    assert html is not None and html.text.startswith("    <!-- ") and html.start_line == 1


def test_file_suppression_merges_into_existing_front_matter() -> None:
    from lint.lsp.actions import suppress_file

    lines = ["---", "title: x", "editorial-lint:", "  ignore: [vague-attribution]", "  reason: Agenturtext", "---", ""]
    edit = suppress_file(lines, "anonymous-source", "markdown", (0, 5))
    assert edit is not None and (edit.start_line, edit.end_line) == (2, 5)
    assert edit.text == 'editorial-lint:\n  ignore: [vague-attribution, anonymous-source]\n  reason: "Agenturtext"\n'
    assert suppress_file(lines, "vague-attribution", "markdown", (0, 5)) is None  # already there
    flow = ["---", "editorial-lint: {ignore: [a]}", "---"]
    merged = suppress_file(flow, "b", "markdown", (0, 2))
    assert merged is not None and "ignore: [a, b]" in merged.text
    assert suppress_file(["---", "editorial-lint: yes", "---"], "b", "markdown", (0, 2)) is None  # malformed
    new = suppress_file(["Text."], "b", "markdown", None)
    assert new is not None and new.text.startswith("---\neditorial-lint:\n  ignore: [b]\n")
    added = suppress_file(["---", "title: x", "---"], "b", "markdown", (0, 2))
    assert added is not None and added.start_line == 2 and added.text.startswith("editorial-lint:")
    assert suppress_file(["Text."], "b", "html", None) is None


@pytest.mark.slow
def test_half_typed_and_odd_text_never_takes_the_server_down(client: LspClient, workspace: Path) -> None:
    client.initialize(workspace)
    path = workspace / "news" / "entwurf.md"
    uri = client.open(path, "")
    assert client.diagnostics(uri, 1) == []
    odd = [
        "---\n",
        "---\ntitle: [\n---\nText",
        "Text mit\x00NUL",
        "<!-- editorial-lint-disable",
        "„" * 2000,
        "Ein \ud83d halbes Emoji.",
        "\ufeff# Titel\r\n\r\n„Zitat ohne Ende",
        "x" * 50_000,
    ]
    for version, text in enumerate(odd, start=2):
        client.change(uri, text, version)
        client.diagnostics(uri, version, timeout=60)
    assert client.process.poll() is None
    errors = []
    for version, text in ((20, "---\ntitle: [\n---\nText"), (21, "Text mit\x00NUL")):
        path.write_text(text, encoding="utf-8")
        client.change(uri, text, version)
        diagnostics = client.diagnostics(uri, version, timeout=60)
        done = subprocess.run(
            [sys.executable, "-m", "lint", "news/entwurf.md"], cwd=workspace, capture_output=True, text=True, timeout=60
        )
        assert done.returncode == 2
        cli_message = done.stderr.strip().splitlines()[0].split(": ", 1)[1]
        errors.append((diagnostics, cli_message))
    for diagnostics, cli_message in errors:
        assert [d["severity"] for d in diagnostics] == [1]
        assert diagnostics[0]["message"] in cli_message or cli_message.endswith(diagnostics[0]["message"])


@pytest.mark.slow
def test_excluded_paths_get_no_findings_as_in_the_cli(workspace: Path, tmp_path: Path) -> None:
    # exclude globs, and (force-exclude) a git-ignored folder: both leave named files out in the CLI
    (workspace / ".editorial-lint.yaml").write_text(
        CONFIG + 'exclude: ["drafts/**"]\nforce-exclude: true\n', encoding="utf-8"
    )
    subprocess.run(["git", "init", "-q", str(workspace)], check=True, timeout=60)
    (workspace / ".gitignore").write_text("scratch/\n", encoding="utf-8")
    for folder in ("drafts", "scratch"):
        (workspace / folder).mkdir()
        (workspace / folder / "bruecke.md").write_text(ARTICLE, encoding="utf-8")
        assert cli_findings(workspace, f"{folder}/bruecke.md") == []
    lsp = LspClient(server_command(), cwd=tmp_path)
    try:
        lsp.initialize(workspace)
        assert lsp.diagnostics(lsp.open(workspace / "drafts" / "bruecke.md", ARTICLE), 1) == []
        assert lsp.diagnostics(lsp.open(workspace / "scratch" / "bruecke.md", ARTICLE), 1) == []
        assert lsp.diagnostics(lsp.open(workspace / "news" / "bruecke.md", ARTICLE), 1)
    finally:
        lsp.close()


@pytest.mark.slow
def test_saving_the_configuration_in_the_editor_relints_without_file_watching(
    client: LspClient, workspace: Path
) -> None:
    client.initialize(workspace)  # a client that does not watch files for servers
    assert not any(r["method"] == "client/registerCapability" for r in client.server_requests)
    uri = client.open(workspace / "news" / "bruecke.md", ARTICLE)
    assert "vague-attribution" in {d["code"] for d in client.diagnostics(uri, 1)}
    config = workspace / ".editorial-lint.yaml"
    changed = CONFIG + "ignore: [vague-attribution]\n"
    config_uri = client.open(config, CONFIG, "yaml")
    config.write_text(changed, encoding="utf-8")
    mark = len(client.notifications)
    client.notify("textDocument/didSave", {"textDocument": {"uri": config_uri}})
    assert "vague-attribution" not in {d["code"] for d in client.diagnostics(uri, after=mark)}
    assert not [
        n for n in client.notifications if n.params and n.params.get("uri") == config_uri and n.params["diagnostics"]
    ]


def test_without_the_extra_lsp_says_what_to_install_and_check_never_imports_pygls(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("Die Stadt sperrt die Brücke. (dpa)\n", encoding="utf-8")
    blocked = (
        "import sys\n"
        "for name in ('pygls', 'lsprotocol'):\n"
        "    sys.modules[name] = None  # as if the extra were not installed\n"
        "from lint.cli.main import main\n"
        "sys.exit(main(['lsp']))\n"
    )
    done = subprocess.run([sys.executable, "-c", blocked], capture_output=True, text=True, timeout=60, cwd=tmp_path)
    assert done.returncode == 2
    assert "pip install 'editorial-lint[lsp]'" in done.stderr and "Traceback" not in done.stderr
    probe = (
        "import sys\n"
        "from lint.cli.main import main\n"
        "code = main(['--isolated', 'a.md'])\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('pygls', 'lsprotocol', 'lint') and "
        "(m.startswith('lint.lsp') or not m.startswith('lint'))))\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, cwd=tmp_path)
    assert done.stdout.strip().splitlines()[-1] == "[]", done.stdout + done.stderr
