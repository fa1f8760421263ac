// The standards desk's page: checks the article as one types (debounced) through POST /v1/check and shows
// the findings in place (a highlight layer under the text area, from the findings' UTF-16 offsets), a list
// with each rule's message, rationale, reference and examples, and the facts. No external asset.
"use strict";

(function () {
  const DEBOUNCE_MS = 450;
  const RANK = { info: 0, warning: 1, error: 2 };
  const $ = (id) => document.getElementById(id);
  const text = $("text");
  const backdrop = $("backdrop");
  const list = $("findings");
  const status = $("status");
  const state = { rules: {}, findings: [], fileName: null, timer: null, sequence: 0, controller: null, active: -1 };

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (key === "class") node.className = value;
      else if (key === "text") node.textContent = value;
      else node.setAttribute(key, value === true ? "" : value);
    }
    for (const child of children) {
      if (child === null || child === undefined) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  function headers() {
    const result = { "Content-Type": "application/json" };
    const token = $("token").value.trim();
    if (token) result.Authorization = "Bearer " + token;
    return result;
  }

  function say(message, problem) {
    status.textContent = message;
    status.classList.toggle("problem", Boolean(problem));
  }

  async function answer(response) {
    let body = null;
    try { body = await response.json(); } catch (e) { body = null; }
    if (response.ok) return body;
    if (response.status === 401) {
      $("access").open = true;
    }
    const message = body && body.error ? body.error : "the service answered " + response.status;
    const error = new Error(message);
    error.status = response.status;
    throw error;
  }

  async function loadRules() {
    try {
      const body = await answer(await fetch("/v1/rules", { headers: headers() }));
      state.rules = {};
      for (const rule of body.rules) state.rules[rule.id] = rule;
      const select = $("lang");
      const chosen = select.value;
      select.replaceChildren(el("option", { value: "auto", text: "auto" }));
      for (const lang of body.languages || []) select.append(el("option", { value: lang, text: lang }));
      select.value = chosen;
      return true;
    } catch (error) {
      say("Rules not loaded: " + error.message, true);
      return false;
    }
  }

  function guessFormat(value) {
    const chosen = $("format").value;
    if (chosen !== "auto") return chosen;
    if (state.fileName) {
      const name = state.fileName.toLowerCase();
      if (/\.(md|markdown)$/.test(name)) return "markdown";
      if (/\.html?$/.test(name)) return "html";
      return "text";
    }
    const head = value.trimStart().slice(0, 400).toLowerCase();
    if (head.startsWith("<!doctype html") || head.startsWith("<html") || /<(p|article|div|h[1-6]|figure)[\s>]/.test(head)) return "html";
    if (head.startsWith("---\n") || /^#{1,6} /m.test(value.slice(0, 2000)) || /!\[[^\]]*\]\(/.test(value)) return "markdown";
    return "text";
  }

  function schedule() {
    clearTimeout(state.timer);
    state.timer = setTimeout(check, DEBOUNCE_MS);
  }

  async function check() {
    clearTimeout(state.timer);
    const value = text.value;
    if (!value.trim()) {
      render(value, null);
      say("Paste or open an article; it is checked as you type.");
      return;
    }
    if (state.controller) state.controller.abort();
    const controller = new AbortController();
    state.controller = controller;
    const sequence = ++state.sequence;
    const format = guessFormat(value);
    const request = { text: value, format: format };
    if ($("lang").value !== "auto") request.lang = $("lang").value;
    if (state.fileName) request.path = state.fileName;
    say("Checking …");
    try {
      const response = await fetch("/v1/check", {
        method: "POST", headers: headers(), body: JSON.stringify(request), signal: controller.signal,
      });
      const record = await answer(response);
      if (sequence !== state.sequence || text.value !== value) return; // a newer check is on its way
      if (!Object.keys(state.rules).length) await loadRules();
      render(value, record);
      const counts = { error: 0, warning: 0, info: 0 };
      for (const f of record.findings) counts[f.severity] += 1;
      const problems = (record.errors || []).map((e) => e.message).join("; ");
      say(`${record.findings.length} finding(s): ${counts.error} error, ${counts.warning} warning, ${counts.info} info` +
        ` · read as ${format}, language ${record.language || "unknown"}` + (problems ? " · " + problems : ""), Boolean(problems));
    } catch (error) {
      if (error.name === "AbortError") return;
      if (sequence === state.sequence) say("Not checked: " + error.message, true);
    }
  }

  // The highlight layer: the text cut at every finding boundary; each piece knows the findings covering it.
  function paint(value, findings) {
    const cuts = new Set([0, value.length]);
    findings.forEach((f) => { cuts.add(f.start_utf16); cuts.add(f.end_utf16); });
    const points = [...cuts].filter((p) => p >= 0 && p <= value.length).sort((a, b) => a - b);
    const fragment = document.createDocumentFragment();
    for (let i = 0; i < points.length; i++) {
      const from = points[i];
      const to = i + 1 < points.length ? points[i + 1] : from;
      findings.forEach((f, index) => {
        if (f.start_utf16 === f.end_utf16 && f.start_utf16 === from) {
          fragment.append(el("mark", { class: "point sev-" + f.severity, "data-findings": String(index), "data-point": true }));
        }
      });
      if (to <= from) continue;
      const covering = [];
      findings.forEach((f, index) => { if (f.start_utf16 <= from && f.end_utf16 >= to && f.end_utf16 > f.start_utf16) covering.push(index); });
      const piece = value.slice(from, to);
      if (!covering.length) { fragment.append(piece); continue; }
      const worst = covering.map((index) => findings[index].severity).sort((a, b) => RANK[b] - RANK[a])[0];
      fragment.append(el("mark", { class: "sev-" + worst, "data-findings": covering.join(",") }, piece));
    }
    fragment.append("\n\u200b"); // keeps the layer as tall as the text area when the text ends in a newline
    backdrop.replaceChildren(fragment);
    backdrop.scrollTop = text.scrollTop;
  }

  function examples(rule) {
    const block = el("div");
    // A few of each kind, failing ones first: they show the problem, the passing ones the fix.
    const all = rule.examples || [];
    const chosen = ["fail", "pass", "todo"].flatMap((kind) => all.filter((e) => e.kind === kind).slice(0, kind === "todo" ? 1 : 3));
    for (const example of chosen) {
      const label = example.kind === "pass" ? "passes" : example.kind === "fail" ? "fails" : "not handled yet";
      block.append(el("div", { class: "example" }, el("b", { text: label + (example.lang ? " [" + example.lang + "]" : "") + ": " }), example.text.trim()));
    }
    return block;
  }

  function detail(finding) {
    const rule = state.rules[finding.rule] || {};
    const box = el("div", { class: "detail", id: "detail-" + finding.index, hidden: true });
    box.append(el("p", { text: finding.message }));
    if (finding.excerpt) box.append(el("p", { class: "where" }, "At: ", el("q", { text: finding.excerpt })));
    if (rule.rationale) box.append(el("h4", { text: "Why" }), el("p", { text: rule.rationale }));
    if (rule.reference) box.append(el("h4", { text: "Reference" }), el("p", { text: rule.reference }));
    const uri = rule.help_uri || rule["help-uri"];
    if (uri && /^https?:\/\//.test(uri)) box.append(el("p", {}, el("a", { href: uri, target: "_blank", rel: "noopener noreferrer", text: "More about " + finding.rule })));
    if ((rule.examples || []).length) box.append(el("h4", { text: "Examples" }), examples(rule));
    return box;
  }

  function renderFindings(findings) {
    list.replaceChildren();
    findings.forEach((finding, index) => {
      finding.index = index;
      const button = el("button", {
        type: "button", class: "finding sev-" + finding.severity, "aria-expanded": "false",
        "aria-controls": "detail-" + index, "data-index": String(index),
      }, el("span", { class: "sev", text: finding.severity }), " ", finding.message, " ",
      el("span", { class: "rule", text: finding.rule }), " ",
      el("span", { class: "where", text: `line ${finding.line}:${finding.column}` }));
      button.addEventListener("click", () => select(index, true));
      button.addEventListener("keydown", (event) => {
        if (event.key === "ArrowDown") { event.preventDefault(); focusFinding(index + 1); }
        if (event.key === "ArrowUp") { event.preventDefault(); focusFinding(index - 1); }
        if (event.key === "Escape") { event.preventDefault(); text.focus(); }
      });
      list.append(el("li", {}, button, detail(finding)));
    });
    if (!findings.length) list.append(el("li", { class: "none", text: "No findings." }));
  }

  function focusFinding(index) {
    const buttons = list.querySelectorAll("button.finding");
    if (!buttons.length) return;
    const wrapped = (index + buttons.length) % buttons.length;
    buttons[wrapped].focus();
  }

  function select(index, toggle) {
    const finding = state.findings[index];
    if (!finding) return;
    list.querySelectorAll("button.finding").forEach((button) => {
      const mine = Number(button.dataset.index) === index;
      const open = mine && !(toggle && button.getAttribute("aria-expanded") === "true");
      button.setAttribute("aria-expanded", open ? "true" : "false");
      $("detail-" + button.dataset.index).hidden = !open;
    });
    state.active = index;
    backdrop.querySelectorAll("mark").forEach((mark) => {
      mark.classList.toggle("active", mark.dataset.findings.split(",").includes(String(index)));
    });
    text.setSelectionRange(finding.start_utf16, finding.end_utf16);
    const mark = backdrop.querySelector("mark.active");
    if (mark) text.scrollTop = Math.max(0, mark.offsetTop - text.clientHeight / 3);
  }

  function row(dl, label, value) {
    const shown = value === null || value === undefined || value === "" || (Array.isArray(value) && !value.length) ? null : value;
    const dd = el("dd");
    if (shown === null) dd.append(el("span", { class: "none", text: "—" }));
    else if (Array.isArray(shown)) shown.forEach((item) => dd.append(el("span", { class: "chip", text: item })));
    else dd.textContent = String(shown);
    dl.append(el("dt", { text: label }), dd);
  }

  function table(columns, rows) {
    return el("table", {},
      el("thead", {}, el("tr", {}, ...columns.map((c) => el("th", { scope: "col", text: c })))),
      el("tbody", {}, ...rows));
  }

  function renderFacts(record) {
    const dl = $("facts");
    dl.replaceChildren();
    const images = $("images");
    const sources = $("sources");
    if (!record) {
      images.replaceChildren(el("p", { class: "none", text: "No check yet." }));
      sources.replaceChildren(el("p", { class: "none", text: "No check yet." }));
      return;
    }
    const facts = record.facts || {};
    row(dl, "Language", record.language);
    row(dl, "Agencies credited", facts.agency_credits);
    row(dl, "Credit line", facts.credit_line);
    row(dl, "Byline", facts.byline);
    row(dl, "Authors", facts.authors);
    row(dl, "Quotations", facts.quotes);
    row(dl, "Title", facts.title);
    row(dl, "Date", facts.date);
    row(dl, "Section", facts.section);
    row(dl, "Type", facts.type);
    if (Array.isArray(facts.images)) {
      images.replaceChildren(facts.images.length ? table(["#", "Image", "Caption", "Credit"], facts.images.map((image, i) =>
        el("tr", {}, el("td", { text: String(i + 1) }), el("td", { text: image.src || (image.line ? "line " + image.line : "") }),
          el("td", { text: image.caption || "" }),
          image.credit ? el("td", { text: image.credit }) : el("td", { class: "missing", text: "no credit" })))) :
        el("p", { class: "none", text: "No images." }));
    } else {
      const credits = facts.image_credits || [];
      images.replaceChildren(credits.length ? table(["#", "Credit"], credits.map((c, i) => el("tr", {}, el("td", { text: String(i + 1) }), el("td", { text: c })))) :
        el("p", { class: "none", text: "No image credits." }));
    }
    if (Array.isArray(facts.sources)) {
      sources.replaceChildren(facts.sources.length ? table(["Source", "Kind", "Claims"], facts.sources.map((s) =>
        el("tr", { class: "kind-" + s.kind }, el("td", { text: s.name }), el("td", { text: s.kind }), el("td", { text: String(s.claims) })))) :
        el("p", { class: "none", text: "No sources named." }));
    } else {
      sources.replaceChildren(el("p", { class: "none", text: "This version of the service does not report sources." }));
    }
  }

  function render(value, record) {
    const findings = record ? record.findings : [];
    state.findings = findings;
    state.active = -1;
    paint(value, findings);
    renderFindings(findings);
    const counts = { error: 0, warning: 0, info: 0 };
    findings.forEach((f) => { counts[f.severity] += 1; });
    $("counts").textContent = record ? `${counts.error} error · ${counts.warning} warning · ${counts.info} info` : "";
    renderFacts(record);
  }

  function step(direction) {
    if (!state.findings.length) return;
    const next = (state.active + direction + state.findings.length) % state.findings.length;
    select(next, false);
    list.querySelector(`button[data-index="${next}"]`).scrollIntoView({ block: "nearest" });
  }

  function readFile(file) {
    const reader = new FileReader();
    reader.onload = () => {
      state.fileName = file.name;
      text.value = String(reader.result);
      check();
    };
    reader.onerror = () => say("Could not read " + file.name, true);
    reader.readAsText(file);
  }

  text.addEventListener("input", () => { paint(text.value, []); schedule(); });
  text.addEventListener("scroll", () => { backdrop.scrollTop = text.scrollTop; backdrop.scrollLeft = text.scrollLeft; });
  text.addEventListener("paste", () => { state.fileName = null; });
  text.addEventListener("dragover", (event) => { if (event.dataTransfer.types.includes("Files")) event.preventDefault(); });
  text.addEventListener("drop", (event) => {
    if (event.dataTransfer.files.length) { event.preventDefault(); readFile(event.dataTransfer.files[0]); }
  });
  $("file").addEventListener("change", (event) => { if (event.target.files.length) readFile(event.target.files[0]); });
  $("format").addEventListener("change", check);
  $("lang").addEventListener("change", check);
  $("check").addEventListener("click", check);
  $("token").addEventListener("change", async () => {
    sessionStorage.setItem("editorial-lint-token", $("token").value.trim());
    if (await loadRules()) check();
  });
  document.addEventListener("keydown", (event) => {
    if (event.key === "F8") { event.preventDefault(); step(event.shiftKey ? -1 : 1); }
  });
  window.addEventListener("resize", () => { backdrop.scrollTop = text.scrollTop; });
  $("token").value = sessionStorage.getItem("editorial-lint-token") || "";
  loadRules();
})();
