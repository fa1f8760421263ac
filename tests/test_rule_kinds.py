"""Each rule kind owns its fields: the generated schema and the loader reject a key of another kind, the
shipped schema file is what the kind definitions generate, and old keys load with a note naming the new key."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from lint.api import lint_text
from lint.pack.kinds import keys_of, normalise
from lint.pack.loader import default_pack, load_pack
from lint.pack.rule_schema import SCHEMA_PATH, build_schema, render
from lint.pack.ruleset import RuleError
from lint.pack.yamlio import LineDict, load_file

from conftest import run_cli

VALIDATOR = jsonschema.Draft202012Validator(build_schema())
EXAMPLES = {"pass": ["Ein ruhiger Satz ohne Befund."], "fail": [{"text": "Ein Satz mit Skandal.", "lang": "de"}]}
BASE = {
    "severity": "info",
    "languages": ["de"],
    "message": "m",
    "rationale": "r",
    "reference": "ref",
    "examples": EXAMPLES,
}
KIND_KEYS = {
    "require": {"pattern": "x"},
    "forbid": {"pattern": "x"},
    "conditional": {"then": {"byline": True}},
    "attribution": {"claim": "quote", "source": "sagte"},
    "metadata": {"fields": {"title": {"required": True}}},
}
# A key each kind does not have, taken from another kind.
FOREIGN = {
    "require": ("claim", "quote"),
    "forbid": ("then", {"byline": True}),
    "conditional": ("pattern", "x"),
    "attribution": ("fields", {"title": {"required": True}}),
    "metadata": ("unless-match", {"sentence": "x"}),
}


def _rule(kind: str, **extra: object) -> dict[str, object]:
    return {"id": "demo", "type": kind, **BASE, **KIND_KEYS[kind], **extra}


def test_the_shipped_schema_is_generated_from_the_kind_definitions() -> None:
    assert SCHEMA_PATH.read_text(encoding="utf-8") == render(), "run: python -m lint.pack.rule_schema"


def test_every_shipped_rule_file_validates_against_the_generated_schema() -> None:
    files = sorted(default_pack().glob("*.yaml"))
    assert len(files) > 10
    for path in files:
        errors = [e.message for e in VALIDATOR.iter_errors(load_file(path))]
        assert not errors, (path.name, errors)


@pytest.mark.parametrize("kind", sorted(KIND_KEYS))
def test_schema_accepts_each_kind_and_rejects_a_key_of_another_kind(kind: str) -> None:
    assert VALIDATOR.is_valid(_rule(kind)), list(VALIDATOR.iter_errors(_rule(kind)))
    key, value = FOREIGN[kind]
    assert key not in keys_of(kind)
    assert not VALIDATOR.is_valid(_rule(kind, **{key: value}))


def test_schema_rejects_a_foreign_key_in_an_also_check() -> None:
    rule = _rule("forbid", also=[{"type": "conditional", "then": {"byline": True}}])
    assert VALIDATOR.is_valid(rule)
    rule = _rule("forbid", also=[{"type": "conditional", "then": {"byline": True}, "claim": "quote"}])
    assert not VALIDATOR.is_valid(rule)


def _write(folder: Path, rule_id: str, text: str) -> Path:
    folder.mkdir(exist_ok=True)
    path = folder / f"{rule_id}.yaml"
    path.write_text(text, encoding="utf-8")
    return path


HEAD = """\
severity: warning
languages: [de]
message: 'Befund: {match}'
rationale: r
reference: ref
"""


def test_the_loader_names_the_kind_a_foreign_key_belongs_to(tmp_path: Path) -> None:
    _write(
        tmp_path / "pack",
        "house-forbid",
        "id: house-forbid\ntype: forbid\npattern: Skandal\nclaim: quote\n"
        + HEAD
        + "examples: {pass: ['Ein ruhiger Satz.'], fail: ['Ein Skandal.']}\n",
    )
    with pytest.raises(RuleError) as caught:
        load_pack([tmp_path / "pack"])
    assert any("'claim' belongs to attribution rules, not to a 'forbid' rule" in line for line in caught.value.lines())
    assert any(":4:" in line for line in caught.value.lines())  # the line of the key


OLD_FORBID = (
    "id: house-old\ntype: forbid\nscope: body\npattern: '\\bSkandal\\w*'\n"
    "when: {front-matter: {type: news}}\n"
    "unless: {sentence: '\\bsagte\\b'}\n" + HEAD + "examples:\n  pass: ['Der Skandal, sagte sie, sei vorbei.']\n"
    '  fail: [{text: "---\\ntype: news\\n---\\nEin Skandal erschüttert die Stadt.", format: markdown, lang: de}]\n'
)
NEW_FORBID = (
    OLD_FORBID.replace("id: house-old", "id: house-new")
    .replace("when:", "applies-when:")
    .replace("unless:", "unless-match:")
)
OLD_CONDITIONAL = (
    "id: house-cond\ntype: conditional\nanchor: when\n"
    "when: {match: '\\bUmfrage\\b'}\n"
    "then: {match: '\\bInstitut\\b'}\n"
    + HEAD
    + "examples:\n  pass: ['Eine Umfrage des Instituts zeigt es.']\n  fail: ['Eine Umfrage zeigt es.']\n"
)


def test_a_house_rule_with_old_keys_loads_with_notes_naming_the_new_keys(tmp_path: Path) -> None:
    pack = tmp_path / "pack"
    _write(pack, "house-old", OLD_FORBID)
    _write(pack, "house-cond", OLD_CONDITIONAL)
    loaded = load_pack([pack])
    notes = loaded.notes()
    assert any("house-cond.yaml:3: note: 'anchor: when' is deprecated: write 'anchor: if'" in n for n in notes)
    assert any("house-cond.yaml:4: note: 'when' is deprecated here: write 'if'" in n for n in notes)
    assert any("'contains'" in n for n in notes)
    assert any("house-old.yaml:5: note: 'when' is deprecated here: write 'applies-when'" in n for n in notes)
    assert any("house-old.yaml:6:" in n and "'unless-match'" in n for n in notes)
    # The shipped pack's own rules give no notes (their migration is the pack's business).
    assert not any(str(default_pack()) in n for n in notes)
    old, cond = loaded.rules["house-old"].data, loaded.rules["house-cond"].data
    assert "applies-when" in old and "unless-match" in old and "when" not in old
    assert cond["if"] == {"contains": "\\bUmfrage\\b", "scope": "document"} and cond["anchor"] == "if"


def test_old_and_new_keys_behave_alike(tmp_path: Path) -> None:
    pack = tmp_path / "pack"
    _write(pack, "house-old", OLD_FORBID)
    _write(pack, "house-new", NEW_FORBID)
    assert not load_pack([pack]).rules["house-new"].notes
    texts = [
        "---\ntype: news\n---\nEin Skandal erschüttert die Stadt. Der Skandal, sagte sie, sei vorbei.\n",
        "---\ntype: opinion\n---\nEin Skandal erschüttert die Stadt.\n",
    ]
    for text in texts:
        found = lint_text(text, "a.md", lang="de", rules=[pack], default_rules=False)["findings"]
        by_rule = {
            rule: [(f["line"], f["column"]) for f in found if f["rule"] == rule] for rule in ("house-old", "house-new")
        }
        assert by_rule["house-old"] == by_rule["house-new"]
    found = lint_text(texts[0], "a.md", lang="de", rules=[pack], default_rules=False)["findings"]
    assert [(f["rule"], f["line"]) for f in found if f["rule"] == "house-new"] == [("house-new", 4)]


def test_check_prints_the_note_on_stderr_and_lints_as_before(tmp_path: Path) -> None:
    pack = tmp_path / "pack"
    _write(pack, "house-cond", OLD_CONDITIONAL)
    article = tmp_path / "a.txt"
    article.write_text("Eine Umfrage zeigt, dass die Stadt wächst.\n", encoding="utf-8")
    done = run_cli("check", "--isolated", "--lang", "de", "--format", "json", "--rules", str(pack), str(article))
    assert "note: 'when' is deprecated here: write 'if'" in done.stderr
    findings = json.loads(done.stdout)["files"][0]["findings"]
    assert [(f["rule"], f["line"], f["column"]) for f in findings if f["rule"] == "house-cond"] == [
        ("house-cond", 1, 6)
    ]


def test_an_old_when_in_an_also_entry_keeps_its_meaning() -> None:
    data = load_file(default_pack() / "opinion-label.yaml")
    rewritten, notes = normalise(data)
    assert not notes  # migrated
    part = rewritten["also"][0]
    assert "if" in part and "applies-when" not in part
    old = LineDict(
        {
            "type": "forbid",
            "pattern": "x",
            "when": {"byline": True},
            "also": [{"type": "conditional", "then": {"images": True}}],
        }
    )
    rewritten, notes = normalise(old)
    # Before, the entry inherited the rule's `when`, which for a conditional was its trigger.
    assert rewritten["applies-when"] == {"byline": True} and rewritten["also"][0]["if"] == {"byline": True}


def test_images_where_needs_a_per_image_rule(tmp_path: Path) -> None:
    _write(
        tmp_path / "pack",
        "house-images",
        "id: house-images\ntype: require\nscope: body\npattern: Symbolbild\nimages-where: {image-symbolic: true}\n"
        + HEAD
        + "examples: {pass: ['Symbolbild.'], fail: ['Ein Bild.']}\n",
    )
    with pytest.raises(RuleError) as caught:
        load_pack([tmp_path / "pack"])
    assert any("'images-where' picks images: it needs 'per: image'" in line for line in caught.value.lines())


def test_the_pack_cache_keeps_normalised_rules_and_their_notes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("EDITORIAL_LINT_NO_CACHE", raising=False)
    monkeypatch.setenv("EDITORIAL_LINT_CACHE_DIR", str(tmp_path / "cache"))
    pack = tmp_path / "pack"
    _write(pack, "house-cond", OLD_CONDITIONAL)
    first = load_pack([pack])
    assert list((tmp_path / "cache").glob("pack-*.json"))  # written
    from lint.pack import packcache

    hits: list[object] = []
    real_read = packcache.read
    monkeypatch.setattr(packcache, "read", lambda key: hits.append(real_read(key)) or hits[-1])
    second = load_pack([pack])  # read back from the cache
    assert hits and hits[-1] is not None  # a cache hit, not a rebuild
    assert second.notes() == first.notes() and second.notes()
    assert second.rules["house-cond"].data["if"] == first.rules["house-cond"].data["if"]
    assert second.profiles["en"].words("title-words") == first.profiles["en"].words("title-words")
