"""The desk page of `editorial-lint serve` in headless Chromium (Debian's chromium + chromium-driver via
Selenium; no browser is downloaded): paste the seed and a fixture with findings, the highlights cover the
findings' words, the panels fill, keyboard navigation works, and a screenshot is kept as a test artefact
(build/test-artifacts/, or $EDITORIAL_LINT_ARTIFACTS)."""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from serve_process import ROOT, Served

pytestmark = pytest.mark.slow

SEED = ROOT / "seeds" / "000_89733a5d9f8c67a3.txt"
FIXTURE = ROOT / "tests" / "fixtures" / "en_unattributed.txt"


def _binary(env: str, names: tuple[str, ...]) -> str | None:
    for name in (os.environ.get(env), *names):
        found = shutil.which(name) if name else None
        if found:
            return found
    return None


@pytest.fixture(scope="module")
def server() -> Iterator[Served]:
    with Served("--workers", "1", "--isolated") as served:
        yield served


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed (test extra)")
    chromium = _binary("CHROMIUM", ("chromium", "chromium-browser"))
    driver_path = _binary("CHROMEDRIVER", ("chromedriver",))
    if not chromium or not driver_path:
        pytest.skip("Debian's chromium and chromium-driver are needed (.ci/run installs them)")
    os.environ.setdefault("SE_OFFLINE", "true")  # never let Selenium Manager look for a driver online
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-extensions",
        "--window-size=1400,1000",
    ):
        options.add_argument(flag)
    driver = webdriver.Chrome(options=options, service=webdriver.ChromeService(executable_path=driver_path))
    try:
        yield driver
    finally:
        driver.quit()


def wait_for(condition: Callable[[], Any], timeout: float = 30.0, what: str = "condition") -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


HIGHLIGHTS = """
const marks = [...document.querySelectorAll('#backdrop mark')];
const value = document.getElementById('text').value;
return arguments[0].map((f, i) => ({
  covered: marks.filter(m => !m.dataset.point && m.dataset.findings.split(',').includes(String(i)))
                .map(m => m.textContent).join(''),
  point: marks.some(m => m.dataset.point !== undefined && m.dataset.findings === String(i)),
  expected: value.slice(f.start_utf16, f.end_utf16),
  severity: marks.filter(m => m.dataset.findings.split(',').includes(String(i))).map(m => m.className),
}));
"""


def paste(driver: Any, text: str) -> None:
    driver.execute_script(
        "const t = document.getElementById('text'); t.focus(); t.value = arguments[0];"
        "t.dispatchEvent(new Event('paste')); t.dispatchEvent(new Event('input'));",
        text,
    )


def checked(driver: Any) -> str:
    status = driver.find_element("id", "status").text
    return status if "finding(s)" in status else ""


def assert_highlights(driver: Any, server: Served, text: str) -> list[dict[str, Any]]:
    status, record = server.json("POST", "/v1/check", {"text": text, "format": "text"})
    assert status == 200
    findings = record["findings"]
    buttons = driver.find_elements("css selector", "#findings button.finding")
    assert len(buttons) == len(findings) > 0
    for finding, seen in zip(findings, driver.execute_script(HIGHLIGHTS, findings), strict=True):
        if finding["start"] == finding["end"]:
            assert seen["point"], finding
        else:
            assert seen["covered"] == seen["expected"] == text[finding["start"] : finding["end"]], finding
            assert finding["excerpt"].split()[0].strip('"„') in seen["covered"]
        assert seen["severity"], finding
    return findings


def test_seed_and_fixture_are_highlighted_with_facts_and_details(server: Served, browser: Any, tmp_path: Path) -> None:
    driver = browser
    driver.get(server.url + "/")
    wait_for(lambda: len(driver.find_elements("css selector", "#lang option")) > 1, what="rules and languages")

    seed = SEED.read_text(encoding="utf-8")
    paste(driver, seed)
    wait_for(lambda: checked(driver), what="the seed's check")
    findings = assert_highlights(driver, server, seed)
    by_rule = {f["rule"] for f in findings}
    assert "vague-attribution" in by_rule  # "Medienberichten zufolge"
    marked = " ".join(m.get_attribute("textContent") for m in driver.find_elements("css selector", "#backdrop mark"))
    assert "Medienberichten zufolge" in marked

    facts = driver.find_element("id", "facts").text
    assert "dpa" in facts and "afp" in facts and "(dpa/afp/fte)" in facts
    assert "Vladimir Smirnov" in driver.find_element("id", "images").text

    # A finding opens with its rule's rationale, reference and examples, and selects its words.
    first = driver.find_element("css selector", "#findings button.finding")
    first.click()
    index = int(first.get_attribute("data-index"))
    detail = driver.find_element("id", f"detail-{index}")
    assert detail.is_displayed()
    _, rules = server.json("GET", "/v1/rules")
    rule = next(r for r in rules["rules"] if r["id"] == findings[index]["rule"])
    assert rule["rationale"][:40] in detail.text and rule["reference"][:20] in detail.text
    assert "passes" in detail.text and "fails" in detail.text
    selection = driver.execute_script(
        "const t=document.getElementById('text'); return [t.selectionStart, t.selectionEnd];"
    )
    assert selection == [findings[index]["start_utf16"], findings[index]["end_utf16"]]

    # Keyboard: arrows move through the list, Escape returns to the text, F8 steps to the next finding.
    from selenium.webdriver.common.keys import Keys

    first.send_keys(Keys.ARROW_DOWN)
    assert driver.switch_to.active_element.get_attribute("data-index") == str((index + 1) % len(findings))
    driver.switch_to.active_element.send_keys(Keys.ESCAPE)
    assert driver.switch_to.active_element.get_attribute("id") == "text"
    driver.switch_to.active_element.send_keys(Keys.F8)
    wait_for(lambda: driver.find_elements("css selector", "#findings button[aria-expanded='true']"), what="F8")
    wait_for(lambda: driver.find_elements("css selector", "#backdrop mark.active"), what="the active highlight")

    # Typing re-checks (debounced): the fixture typed in replaces the seed.
    fixture = FIXTURE.read_text(encoding="utf-8")
    area = driver.find_element("id", "text")
    driver.execute_script("document.getElementById('text').value = '';")
    area.send_keys(fixture)
    wait_for(
        lambda: checked(driver) and driver.find_element("id", "text").get_attribute("value") == fixture,
        what="the typed fixture's check",
    )
    time.sleep(1.0)  # the debounce settles on the final text
    findings = assert_highlights(driver, server, fixture)
    rules_found = {f["rule"] for f in findings}
    assert {"unattributed-quote", "unattributed-claim", "agency-credit"} <= rules_found
    assert "en" in driver.find_element("id", "facts").text

    artefacts = Path(os.environ.get("EDITORIAL_LINT_ARTIFACTS") or ROOT / "build" / "test-artifacts")
    artefacts.mkdir(parents=True, exist_ok=True)
    paste(driver, seed)
    wait_for(lambda: checked(driver) and "dpa" in driver.find_element("id", "facts").text, what="the seed again")
    shot = artefacts / "serve-desk-page.png"
    assert driver.save_screenshot(str(shot))
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert shot.stat().st_size > 20_000  # a rendered page, not a blank one


FAKE_RECORD = {
    "path": "<text>",
    "language": "en",
    "facts": {
        "agency_credits": ["reuters"],
        "credit_line": "(Reuters)",
        "byline": None,
        "authors": [],
        "image_credits": ["Jane Doe/Agency"],
        "images": [
            {"line": 1, "column": 1, "src": "harbour.jpg", "caption": "The harbour", "credit": "Jane Doe/Agency"},
            {"line": 3, "column": 1, "src": "crane.jpg", "caption": "A crane", "credit": None},
        ],
        "sources": [
            {"name": "the harbour master", "kind": "person", "claims": 2},
            {"name": "officials", "kind": "vague", "claims": 1},
        ],
        "quotes": 3,
    },
    "findings": [],
    "errors": [],
}


def test_images_and_sources_panels_render_when_the_record_has_them(server: Served, browser: Any) -> None:
    """facts.images and facts.sources come from other issues' readers; the page shows them when present.
    The check's answer is replaced in the page by one that has them, the rendering is what is tested."""
    import json

    driver = browser
    driver.get(server.url + "/")
    wait_for(lambda: len(driver.find_elements("css selector", "#lang option")) > 1, what="rules and languages")
    driver.execute_script(
        "const record = JSON.parse(arguments[0]); const real = window.fetch;"
        "window.fetch = (url, options) => String(url).endsWith('/v1/check')"
        " ? Promise.resolve(new Response(JSON.stringify(record), {status: 200, headers: {'Content-Type': 'application/json'}}))"
        " : real(url, options);",
        json.dumps(FAKE_RECORD),
    )
    paste(driver, "Some text to check.")
    wait_for(lambda: checked(driver), what="the check")
    images = driver.find_element("id", "images").text
    assert "harbour.jpg" in images and "Jane Doe/Agency" in images and "crane.jpg" in images
    assert "no credit" in images  # the uncredited image is called out
    sources = driver.find_element("id", "sources").text
    assert "the harbour master" in sources and "person" in sources and "vague" in sources
    assert "reuters" in driver.find_element("id", "facts").text


MARKDOWN_ARTICLE = """---
title: Hafen wird erweitert
---

# Hafen wird erweitert

![Der Hafen am Morgen](hafen.jpg)

Der Stadtrat hat am Dienstag beschlossen, den Hafen zu erweitern. Die Arbeiten sollen im Frühjahr
beginnen, sagte der Bürgermeister.

(dpa)
"""


def test_an_uploaded_markdown_file_is_read_as_markdown(server: Served, browser: Any, tmp_path: Path) -> None:
    driver = browser
    driver.get(server.url + "/")
    wait_for(lambda: len(driver.find_elements("css selector", "#lang option")) > 1, what="rules and languages")
    article = tmp_path / "hafen.md"
    article.write_text(MARKDOWN_ARTICLE, encoding="utf-8")
    driver.find_element("id", "file").send_keys(str(article))
    wait_for(lambda: checked(driver), what="the uploaded file's check")
    assert "read as markdown" in driver.find_element("id", "status").text
    assert driver.find_element("id", "text").get_attribute("value") == MARKDOWN_ARTICLE
    marks = [m.get_attribute("textContent") for m in driver.find_elements("css selector", "#backdrop mark")]
    assert "![Der Hafen am Morgen](hafen.jpg)" in marks  # image-credit, at the image
    assert "Hafen wird erweitert" in driver.find_element("id", "facts").text
    assert "image-credit" in driver.find_element("id", "findings").text
