"""The ways an attribution claim is sourced are named data (`sourced-by`), with a default per claim kind."""

from __future__ import annotations

from pathlib import Path

import jsonschema
import pytest
from test_rule_kinds import BASE

from lint.api import lint_text
from lint.checks.attribution import ROUTE_CHECKS
from lint.pack.kinds import CLAIM_KINDS, ROUTES, claim_kind
from lint.pack.loader import load_pack
from lint.pack.rule_schema import build_schema
from lint.pack.ruleset import RuleError

VALIDATOR = jsonschema.Draft202012Validator(build_schema())
# Sourced only by the sentence after it ("following-sentence"), never in its own sentence.
FOLLOWED = "Der Wagen sei über die Brücke gerollt. Das teilte die Feuerwehr am Abend mit."


def test_every_declared_route_has_its_check() -> None:
    assert list(ROUTE_CHECKS) == list(ROUTES)
    assert all(set(kind.routes) <= set(ROUTES) for kind in CLAIM_KINDS.values())


def test_the_shipped_attribution_rules_write_out_their_default_routes() -> None:
    pack = load_pack([])
    attribution = [rule for rule in pack.rules.values() if rule.type == "attribution"]
    assert attribution
    for rule in attribution:
        assert tuple(rule.get("sourced-by")) == claim_kind(rule.get("claim")).routes, rule.id


def _claim_findings(rules: list[Path]) -> list[str]:
    found = lint_text(FOLLOWED, "a.txt", lang="de", rules=rules)["findings"]
    return [f["rule"] for f in found if f["rule"] == "unattributed-claim"]


def test_a_house_pack_narrows_the_routes(tmp_path: Path) -> None:
    assert _claim_findings([]) == []  # the default: the following sentence names the source
    (tmp_path / "unattributed-claim.yaml").write_text(
        "id: unattributed-claim\nextends: unattributed-claim\nsourced-by: [same-sentence, chain]\n", encoding="utf-8"
    )
    assert _claim_findings([tmp_path]) == ["unattributed-claim"]


@pytest.mark.parametrize(
    ("routes", "message"),
    [
        ("[same-sentence, guessed]", "'sourced-by' must list routes of attribution"),
        ("[chain, chain]", "'sourced-by' lists a route twice"),
        ("chain", "'sourced-by' must list routes of attribution"),
    ],
)
def test_the_loader_refuses_a_bad_route_list(tmp_path: Path, routes: str, message: str) -> None:
    (tmp_path / "unattributed-claim.yaml").write_text(
        f"id: unattributed-claim\nextends: unattributed-claim\nsourced-by: {routes}\n", encoding="utf-8"
    )
    with pytest.raises(RuleError) as caught:
        load_pack([tmp_path])
    assert any(message in text and line == 3 for _, line, text in caught.value.problems)


def test_the_schema_takes_sourced_by_only_on_an_attribution_rule() -> None:
    base = {"id": "x", **BASE}
    attribution = {**base, "type": "attribution", "claim": "quote", "source": "sagte"}
    assert list(VALIDATOR.iter_errors({**attribution, "sourced-by": ["closer", "chain"]})) == []
    assert list(VALIDATOR.iter_errors({**attribution, "sourced-by": ["guessed"]}))
    forbid = {**base, "type": "forbid", "pattern": "x", "sourced-by": ["chain"]}
    assert list(VALIDATOR.iter_errors(forbid))
