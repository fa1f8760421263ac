"""Rule documentation links: every rule links to its section of docs/rules.md (or a newsroom's own
docs via rule-docs-url / --rule-docs-url, or a rule's own help-uri), in the text footer, GitHub
annotations, JUnit and SARIF."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import lint.cli.main as cli
from lint.pack.ruleset import RulePack
from lint.report.links import DEFAULT_RULE_DOCS_URL, help_uri, with_help_uris

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = "Die Stadt plant einen Radweg. Experten zufolge lohnt sich das.\n\nDer Rat stimmt im Mai ab.\n"
BASE = "https://standards.example.org/lint/rules.html"


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = cli.main(args)
    out, err = capsys.readouterr()
    return code, out, err


def _slug(heading: str) -> str:
    """The anchor GitHub (and most Markdown renderers) give a heading."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def test_every_shipped_rule_links_to_its_own_section_of_the_docs(pack: RulePack) -> None:
    anchors = {
        _slug(line[3:])
        for line in (ROOT / "docs" / "rules.md").read_text(encoding="utf-8").splitlines()
        if line.startswith("## ")
    }
    infos = with_help_uris(pack.info())
    assert len(infos) == len(pack.rules) >= 17
    for info in infos:
        base, _, anchor = info["help_uri"].partition("#")
        assert base == DEFAULT_RULE_DOCS_URL and base.endswith("docs/rules.md")
        assert anchor == info["id"] and anchor in anchors


def test_base_url_and_own_help_uri() -> None:
    assert help_uri("byline", base=BASE) == f"{BASE}#byline"
    assert help_uri("byline", base=BASE + "#") == f"{BASE}#byline"
    assert help_uri("byline", own="https://house.example/byline", base=BASE) == "https://house.example/byline"


def _article(tmp_path: Path) -> Path:
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    return article


def test_links_in_every_format(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    article = _article(tmp_path)
    common = ["--isolated", "--rule-docs-url", BASE, "--select", "vague-attribution,agency-credit", str(article)]
    _code, out, _err = run(["--show-source", "--color", "never", *common], capsys)
    assert f"  = help: {BASE}#vague-attribution\n" in out and f"  = help: {BASE}#agency-credit\n" in out

    _code, out, _err = run(["--format", "sarif", *common], capsys)
    rules = {rule["id"]: rule for rule in json.loads(out)["runs"][0]["tool"]["driver"]["rules"]}
    assert rules["vague-attribution"]["helpUri"] == f"{BASE}#vague-attribution"
    assert rules["byline"]["helpUri"] == f"{BASE}#byline"  # every loaded rule is described, selected or not

    _code, out, _err = run(["--format", "github", *common], capsys)
    lines = out.splitlines()
    assert all(line.startswith("::") for line in lines)
    vague = next(line for line in lines if "vague-attribution" in line)
    assert vague.endswith(f"%0ARule documentation: {BASE}#vague-attribution")
    credit = next(line for line in lines if "agency-credit" in line)
    assert "%0Anothing found in the tail, which starts at 3%3A1" not in credit  # data is not property-escaped
    assert "%0Anothing found in the tail, which starts at 3:1%0A" in credit

    _code, out, _err = run(["--format", "junit", *common], capsys)
    assert f"help: {BASE}#vague-attribution" in out and "note: nothing found in the tail" in out


def test_base_url_from_the_configuration(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    article = _article(tmp_path)
    config = tmp_path / "lint.yaml"
    config.write_text(f"rule-docs-url: {BASE}\n", encoding="utf-8")
    _code, out, _err = run(["--config", str(config), "--show-source", "--color", "never", str(article)], capsys)
    assert f"= help: {BASE}#vague-attribution" in out
    _code, out, _err = run(["rules", "--config", str(config), "--explain", "byline"], capsys)
    assert f"Documentation: {BASE}#byline" in out
    # The command line wins over the file.
    _code, out, _err = run(
        ["--config", str(config), "--rule-docs-url", "https://x.example/r", "--show-source", str(article)], capsys
    )
    assert "= help: https://x.example/r#vague-attribution" in out


def _house_rule(tmp_path: Path, extra: str) -> Path:
    folder = tmp_path / "house"
    folder.mkdir(exist_ok=True)
    (folder / "no-insider.yaml").write_text(
        "id: no-insider\ntype: forbid\nseverity: warning\nlanguages: [de]\npattern: '\\bInsider\\b'\n"
        "message: 'Insider sind keine Quelle.'\nrationale: Name the source.\nreference: House style 4.2\n"
        f"{extra}"
        "examples:\n  pass: ['Die Ministerin sagte das.']\n  fail: ['Ein Insider sagte das.']\n",
        encoding="utf-8",
    )
    return folder


def test_a_rule_s_own_help_uri_overrides_the_derived_link(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = _house_rule(tmp_path, "help-uri: https://house.example/style#insider\n")
    article = tmp_path / "b.txt"
    article.write_text("Ein Insider sagte das am Montag.\n", encoding="utf-8")
    code, out, _err = run(
        [
            "--isolated",
            "--lang",
            "de",
            "--rules",
            str(folder),
            "--select",
            "no-insider",
            "--show-source",
            "--format",
            "sarif",
            str(article),
        ],
        capsys,
    )
    run_log = json.loads(out)["runs"][0]
    assert code == 0 and [r["ruleId"] for r in run_log["results"]] == ["no-insider"]  # a warning: exit 0
    rules = {rule["id"]: rule for rule in run_log["tool"]["driver"]["rules"]}
    assert rules["no-insider"]["helpUri"] == "https://house.example/style#insider"
    assert rules["byline"]["helpUri"] == f"{DEFAULT_RULE_DOCS_URL}#byline"
    assert run(["test-rules", "--no-default-rules", str(folder)], capsys)[0] == 0  # the schema accepts the key


@pytest.mark.parametrize("value", ["'not a url'", "42", "'docs/rules.md#x'"])
def test_a_bad_help_uri_does_not_validate(value: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = _house_rule(tmp_path, f"help-uri: {value}\n")
    code, out, err = run(["--isolated", "--rules", str(folder), str(tmp_path)], capsys)
    assert code == 2 and out == ""
    assert "no-insider.yaml:9: rule 'no-insider': 'help-uri' must be an absolute URL" in err
