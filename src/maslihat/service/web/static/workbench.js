/* The workbench: evaluate the case in the editor as it is edited, and show why not.
 *
 * Plain JavaScript, no build step and nothing loaded from elsewhere: the page calls the
 * service's own JSON endpoints (POST /v1/evaluate, POST /v1/report) with the editor's
 * text as a case file holds it (application/yaml: YAML, or JSON, which YAML reads), and
 * draws what comes back. Each change waits for a pause in typing; an answer to an older
 * text than the latest is dropped.
 */
"use strict";

(function () {
  const DELAY = 350;
  const WORDS = JSON.parse(document.getElementById("words").textContent);
  const LANG = WORDS.lang;
  const plural = new Intl.PluralRules(LANG);
  const editor = document.getElementById("case");
  const gutter = document.getElementById("gutter");
  const asOf = document.getElementById("as-of");
  const picker = document.getElementById("example");
  const state = document.getElementById("state");
  const errors = document.getElementById("errors");
  const result = document.getElementById("result");
  const report = document.getElementById("report");
  const rulesLink = document.getElementById("nav-rules");
  const stale = document.getElementById("stale");
  let timer = null;
  let latest = 0;
  let badLines = new Map();

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value !== null && value !== undefined) node.setAttribute(key, value);
    }
    for (const child of children) {
      if (child === null || child === undefined) continue;
      node.append(typeof child === "string" ? document.createTextNode(child) : child);
    }
    return node;
  }

  /* A date as every other output writes it: ISO in English, else the form the server
   * read off its own (WORDS.dates: a template and the months' names). */
  function day(iso) {
    let shown = iso;
    const form = WORDS.dates;
    const parts = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
    if (form && parts) {
      const values = { year: parts[1], month: form.months[Number(parts[2]) - 1], day: String(Number(parts[3])) };
      shown = form.template.replace(/\{(\w+)\}/g, (_, name) => values[name]);
    }
    return el("span", { class: "day", "data-date": iso }, shown);
  }

  /* The page's words (WORDS.text), `{name}` filled from `values`: text, or nodes (a day). */
  function say(key, values) {
    const parts = WORDS.text[key].split(/\{(\w+)\}/);
    return parts.map((part, i) => (i % 2 ? values[part] : part)).filter((p) => p !== "");
  }

  /* A message of the law with its ISO dates written as the page writes dates. */
  function withDays(text) {
    return text.split(/\b(\d{4}-\d{2}-\d{2})\b/).map((part, i) => (i % 2 ? day(part) : part));
  }

  function sayText(key, values) {
    return say(key, values).join("");
  }

  /* The links of this page keep the language the reader chose with the switch. */
  function here(path, params) {
    const query = new URLSearchParams(params);
    if (new URLSearchParams(window.location.search).has("lang")) query.set("lang", LANG);
    const text = query.toString();
    return text ? `${path}?${text}` : path;
  }

  /* The language switch opens this page on the same example and day. */
  function keepState() {
    for (const link of document.querySelectorAll("a.lang-switch")) {
      const query = new URLSearchParams({ lang: link.dataset.lang });
      if (picker.value) query.set("example", picker.value);
      if (asOf.value) query.set("as_of", asOf.value);
      link.href = `/?${query}`;
    }
    rulesLink.href = here("/rules", asOf.value ? { as_of: asOf.value } : {});
  }

  function cited(text, url) {
    if (!text) return null;
    return url ? el("a", { href: url, target: "_blank", rel: "noreferrer", class: "citation" }, text)
               : el("span", { class: "citation" }, text);
  }

  function drawGutter() {
    const count = editor.value.split("\n").length;
    gutter.replaceChildren();
    for (let n = 1; n <= count; n += 1) {
      const message = badLines.get(n);
      const line = el("span", { class: message ? "bad" : null, title: message || null }, String(n));
      gutter.append(line, "\n");
    }
    gutter.scrollTop = editor.scrollTop;
  }

  function goToLine(line, column) {
    const lines = editor.value.split("\n");
    let offset = 0;
    for (let n = 1; n < line && n <= lines.length; n += 1) offset += lines[n - 1].length + 1;
    const start = offset + Math.max((column || 1) - 1, 0);
    editor.focus();
    editor.setSelectionRange(start, offset + (lines[line - 1] || "").length);
    const height = editor.scrollHeight / Math.max(lines.length, 1);
    editor.scrollTop = Math.max((line - 4) * height, 0);
  }

  function showProblem(problem) {
    const listed = problem.errors && problem.errors.length ? problem.errors
      : [{ field: "", message: problem.detail || problem.title }];
    badLines = new Map();
    errors.replaceChildren();
    for (const error of listed) {
      const where = error.line
        ? sayText("line", { line: String(error.line) }) + (error.column ? `:${error.column}` : "") : "";
      if (error.line && !badLines.has(error.line)) badLines.set(error.line, error.message);
      const item = el("li", { class: "error" },
        where ? el("button", { type: "button", class: "at" }, where) : null,
        error.field ? el("code", { class: "field" }, error.field) : null,
        el("span", { class: "message" }, error.message));
      if (error.line) {
        item.querySelector(".at").addEventListener("click", () => goToLine(error.line, error.column));
      }
      errors.append(item);
    }
    errors.hidden = false;
    const shown = result.childElementCount > 0;
    result.classList.toggle("stale", shown);
    stale.hidden = !shown;
    const form = WORDS.errors[plural.select(listed.length)] || WORDS.errors.other;
    state.textContent = form.replace("{n}", listed.length.toLocaleString(LANG));
    state.className = "state bad";
    drawGutter();
  }

  function table(headings, rows) {
    return el("table", { class: "listing" },
      el("thead", {}, el("tr", {}, ...headings.map((h) => el("th", {}, h)))),
      el("tbody", {}, ...rows.map((cells) => el("tr", {}, ...cells.map((c) => el("td", {}, c))))));
  }

  /* What ended the mandate: the ground, in the words the result gives it, or the id. */
  function endedBy(body) {
    const ground = body.grounds.find((g) => g.ground === body.mandate.ended_by);
    return ground ? sayText("ground", { number: ground.subparagraph, title: ground.title })
      : body.mandate.ended_by;
  }

  function showResult(body) {
    badLines = new Map();
    errors.hidden = true;
    errors.replaceChildren();
    drawGutter();
    const mandate = body.mandate;
    const parts = [
      el("h2", {}, ...(body.case ? say("case_as_of", { case: body.case, date: day(body.as_of) })
        : say("as_of", { date: day(body.as_of) }))),
      el("p", { class: "summary" },
        el("span", { id: "status", class: `status status-${body.status}` },
          WORDS.status[body.status] || body.status),
        WORDS.text[body.eligible ? "eligible" : "not_eligible"],
        ...(mandate ? say("mandate_from", { date: day(mandate.began) }) : say("no_mandate", {})),
        ...(mandate && mandate.ended ? say("until", { date: day(mandate.ended) }) : []),
        mandate && mandate.ended ? sayText("ended_by", { ground: endedBy(body) }) : null),
    ];
    if (body.grounds.length) {
      parts.push(el("h3", {}, WORDS.text.grounds), table(
        [WORDS.text.ground_column, WORDS.text.stage_column, WORDS.text.citation_column],
        body.grounds.map((g) => [
          el("a", { href: here(`/rules/${encodeURIComponent(g.ground)}`, { as_of: body.as_of }), class: "rule" },
            `${g.subparagraph}. ${g.title}`),
          el("span", {},
            ...say("stage_on", { stage: WORDS.stage[g.stage] || g.stage, date: day(g.stage_date) }),
            g.arose ? el("br") : null, ...(g.arose ? say("arose", { date: day(g.arose) }) : [])),
          el("span", {}, cited(g.citation, g.citation_url),
            g.stage_citation !== g.citation ? el("br") : null,
            g.stage_citation !== g.citation ? cited(g.stage_citation, g.stage_citation_url) : null),
        ])));
    }
    if (body.findings.length) {
      parts.push(el("h3", {}, WORDS.text.findings), el("ul", { class: "findings" },
        ...body.findings.map((f) => el("li", { class: `finding severity-${f.severity}` },
          el("strong", {}, WORDS.severity[f.severity] || f.severity), " ",
          f.date ? day(f.date) : null, ...(f.until ? say("until", { date: day(f.until) }) : []),
          ": ", ...withDays(f.message), " ", cited(f.citation, f.citation_url)))));
    }
    if (body.next_steps.length) {
      parts.push(el("h3", {}, WORDS.text.next_steps),
        el("ul", { class: "next-steps" }, ...body.next_steps.map((s) => el("li", {}, s.text))));
    }
    result.replaceChildren(...parts);
    result.classList.remove("stale");
    stale.hidden = true;
    state.textContent = WORDS.text.evaluated;
    state.className = "state ok";
  }

  /* The API answers in the page's language (its texts, its report page). */
  async function post(path, text) {
    const query = new URLSearchParams({ lang: LANG });
    if (asOf.value) query.set("as_of", asOf.value);
    return fetch(`${path}?${query}`, {
      method: "POST", headers: { "Content-Type": "application/yaml" }, body: text,
    });
  }

  async function update() {
    const mine = ++latest;
    const text = editor.value;
    if (!text.trim()) {
      state.textContent = WORDS.text.empty;
      return;
    }
    state.textContent = WORDS.text.evaluating;
    state.className = "state";
    try {
      const answer = await post("/v1/evaluate", text);
      const body = await answer.json();
      if (mine !== latest) return;
      if (!answer.ok) {
        showProblem(body);
        return;
      }
      showResult(body);
      const picture = await post("/v1/report", text);
      if (mine !== latest) return;
      if (picture.ok) {
        const page = await picture.text();
        if (mine !== latest) return;
        const shown = report.contentWindow && report.contentDocument && report.contentDocument.body
          ? report.contentWindow.scrollY : null;
        report.onload = () => scrollReport(shown);
        report.srcdoc = page;
      }
    } catch (failure) {
      if (mine !== latest) return;
      state.textContent = sayText("no_answer", { reason: failure.message });
      state.className = "state bad";
    }
  }

  /* The report opens at its picture (the result is already beside it); once the reader
   * has scrolled it, a new version of the report keeps their place. */
  function scrollReport(shown) {
    const doc = report.contentDocument;
    if (!doc) return;
    if (shown) {
      report.contentWindow.scrollTo(0, shown);
      return;
    }
    const picture = doc.getElementById("timeline");
    if (picture) report.contentWindow.scrollTo(0, picture.offsetTop - 8);
  }

  function schedule() {
    clearTimeout(timer);
    drawGutter();
    timer = setTimeout(update, DELAY);
  }

  async function open(name) {
    if (!name) return;
    const answer = await fetch(`/v1/examples/${encodeURIComponent(name)}`);
    editor.value = await answer.text();
    editor.scrollTop = 0;
    keepState();
    schedule();
  }

  /* Tab indents (YAML is indented with spaces) rather than leaving the editor. */
  editor.addEventListener("keydown", (event) => {
    if (event.key !== "Tab" || event.shiftKey || event.ctrlKey || event.altKey) return;
    event.preventDefault();
    editor.setRangeText("  ", editor.selectionStart, editor.selectionEnd, "end");
    schedule();
  });
  editor.addEventListener("input", () => {
    if (picker.value) {
      picker.value = "";
      keepState();
    }
    schedule();
  });
  editor.addEventListener("scroll", () => { gutter.scrollTop = editor.scrollTop; });
  asOf.addEventListener("change", () => {
    keepState();
    schedule();
  });
  picker.addEventListener("change", () => open(picker.value));

  /* `/?example=NAME&as_of=DAY` opens on that example and day; by default, the first example. */
  const asked = new URLSearchParams(window.location.search);
  if (asked.get("as_of")) asOf.value = asked.get("as_of");
  const names = Array.from(picker.options, (option) => option.value).filter(Boolean);
  const first = names.includes(asked.get("example")) ? asked.get("example") : names[0] || "";
  picker.value = first;
  keepState();
  if (first) open(first); else drawGutter();
})();
