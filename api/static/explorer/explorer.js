// The planner's explorer: everything it shows comes from the public GraphQL API (/graphql); the
// graph view is coloured by /explorer/style.json (the Neo4j Browser style sheet's data, generated from
// schema/). Plain JavaScript, no build step. State that a link should carry (region, holdings, target,
// search, selected node) lives in the address bar.
"use strict";

(function () {
  // ---------------------------------------------------------------- words

  const LEVELS = { NATIONAL: "国家级", PROVINCIAL: "省级", MUNICIPAL: "市级", DISTRICT: "区级" };
  const LABELS = {
    Program: "扶持项目 Program",
    Designation: "资质 Designation",
    Department: "部门 Department",
    ContactOffice: "联系处室 Contact office",
    Benefit: "支持内容 Benefit",
    Region: "地区 Region",
    Policy: "政策文件 Policy",
    Document: "来源文档 Document",
  };
  const RELATIONS = {
    REQUIRES: "须持有 requires",
    PREFERS: "优先支持 prefers",
    EXCLUDES: "不得持有 excludes",
    GRANTS: "授予 grants",
    OFFERS: "提供 offers",
    HAS_CONTACT: "咨询 contact",
    ADMINISTERED_BY: "归口部门 administered by",
    BASED_ON: "依据 based on",
    ISSUED_BY: "发布 issued by",
    PART_OF: "隶属 part of",
    IMPLIES: "可视为 implies",
    CITES: "引用 cites",
    IN_REGION: "所在地区 in region",
    EXTRACTED_FROM: "出自 extracted from",
  };
  const BENEFIT_TYPES = {
    GRANT: "资金补助", REWARD: "奖励", INTEREST_SUBSIDY: "贴息", TAX_CREDIT: "税收抵免",
    TAX_REFUND: "退税", GUARANTEE: "担保", LOAN: "贷款", INSURANCE_SUBSIDY: "保费补贴",
    VOUCHER: "券", OTHER: "其他",
  };
  const KINDS = { funding: "资金", recognition: "认定", service: "服务", tax: "税收", finance: "金融", other: "其他" };
  // A leading level word in what a planner types (省专精特新, 国家级小巨人) picks the level.
  const LEVEL_WORDS = [
    ["国家级", "NATIONAL"], ["国家", "NATIONAL"], ["省级", "PROVINCIAL"], ["省", "PROVINCIAL"],
    ["市级", "MUNICIPAL"], ["市", "MUNICIPAL"], ["区级", "DISTRICT"], ["区", "DISTRICT"], ["县级", "DISTRICT"],
  ];
  // New nodes added by one expansion at most; the rest are counted in the details panel.
  const MAX_NEW_NODES = 40;

  // ---------------------------------------------------------------- helpers

  /** A DOM element; children are nodes or strings (text, never parsed as HTML). */
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
      else if (key === "dataset") Object.assign(node.dataset, value);
      else node.setAttribute(key, value === true ? "" : value);
    }
    for (const child of children.flat()) {
      if (child === null || child === undefined || child === false) continue;
      node.append(child instanceof Node ? child : String(child));
    }
    return node;
  }

  const $ = (id) => document.getElementById(id);

  async function gql(query, variables) {
    const response = await fetch("/graphql", {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "application/json" },
      body: JSON.stringify({ query: query, variables: variables || {} }),
    });
    const body = await response.json().catch(() => null);
    if (!body || (body.errors && !body.data)) {
      const message = body && body.errors ? body.errors.map((e) => e.message).join("; ") : response.statusText;
      throw new Error(message || "GraphQL request failed");
    }
    if (body.errors) console.warn("GraphQL errors", body.errors);
    return body.data;
  }

  const compact = (text) => String(text || "").replace(/[\s“”"'‘’「」]/g, "");
  const levelName = (level) => (level ? LEVELS[level] || level : "");

  function amount(benefit) {
    const parts = [];
    if (benefit.type) parts.push(BENEFIT_TYPES[benefit.type] || benefit.type);
    if (benefit.amountMaxWan !== null && benefit.amountMaxWan !== undefined) parts.push(`最高 ${benefit.amountMaxWan} 万元`);
    if (benefit.rate !== null && benefit.rate !== undefined) parts.push(`${benefit.rate}%`);
    return parts.join(" · ");
  }

  function documentHref(fact) {
    if (!fact.document) return null;
    const base = `/documents/${encodeURIComponent(fact.document.id)}`;
    return fact.span && fact.span.length === 2 ? `${base}?start=${fact.span[0]}&end=${fact.span[1]}#hl` : base;
  }

  /** A fact's evidence: the sentence it was read from and a link to it in the document. */
  function evidence(fact) {
    if (!fact || (!fact.evidence && !fact.document)) return null;
    const href = documentHref(fact);
    const source = fact.document ? fact.document.title || fact.document.name : "";
    return el(
      "div",
      { class: "ev" },
      fact.evidence ? el("q", { class: "ev-text", title: fact.evidence }, fact.evidence) : null,
      href ? el("a", { class: "ev-link", href: href, title: source }, "原文 ↗") : null,
    );
  }

  // ---------------------------------------------------------------- state in the URL

  const state = { region: "", holdings: [], target: "100", open: false, q: "", node: "", today: "" };

  function readUrl() {
    const params = new URLSearchParams(window.location.search);
    state.region = params.get("region") || "";
    state.holdings = params.getAll("hold").map((h) => {
      const at = h.lastIndexOf(":");
      return at > 0 && LEVELS[h.slice(at + 1)] ? { name: h.slice(0, at), level: h.slice(at + 1) } : { name: h, level: "" };
    });
    state.target = params.get("target") || "100";
    state.open = params.get("open") === "1";
    state.q = params.get("q") || "";
    state.node = params.get("node") || "";
    // ?today=2026-01-20 shows the windows as of that day (a planner looking ahead; the tests).
    state.today = /^\d{4}-\d{2}-\d{2}$/.test(params.get("today") || "") ? params.get("today") : "";
  }

  function writeUrl() {
    const search = urlWith(state.node);
    history.replaceState(null, "", search || window.location.pathname);
  }

  /** The address of the current state with `node` selected. */
  function urlWith(node) {
    const params = new URLSearchParams();
    if (state.region) params.set("region", state.region);
    for (const h of state.holdings) params.append("hold", h.level ? `${h.name}:${h.level}` : h.name);
    if (state.holdings.length && state.target && state.target !== "100") params.set("target", state.target);
    if (state.open) params.set("open", "1");
    if (state.q) params.set("q", state.q);
    if (node) params.set("node", node);
    if (state.today) params.set("today", state.today);
    const search = params.toString();
    return search ? `?${search}` : "";
  }

  // ---------------------------------------------------------------- autocomplete

  /**
   * Suggestions under an input: `suggest(text)` gives [{text, hint, pick}] and `pick()` applies one.
   * Arrow keys move, Enter picks, Escape closes; a click picks (on mousedown, before the blur).
   */
  function combobox(input, suggest) {
    const list = el("ul", { class: "suggest", role: "listbox", hidden: true });
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.after(list);
    let items = [];
    let active = -1;

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      active = -1;
    }
    function render() {
      list.replaceChildren(
        ...items.map((item, i) =>
          el(
            "li",
            {
              role: "option",
              class: i === active ? "active" : null,
              "aria-selected": i === active ? "true" : "false",
              onmousedown: (event) => {
                event.preventDefault();
                choose(i);
              },
            },
            item.text,
            item.hint ? el("small", {}, ` ${item.hint}`) : null,
          ),
        ),
      );
      list.hidden = items.length === 0;
      input.setAttribute("aria-expanded", String(!list.hidden));
    }
    function choose(i) {
      const item = items[i];
      close();
      if (item) item.pick();
    }
    input.addEventListener("input", () => {
      items = suggest(input.value);
      active = -1;
      render();
    });
    input.addEventListener("focus", () => {
      if (input.value) {
        items = suggest(input.value);
        render();
      }
    });
    input.addEventListener("blur", close);
    input.addEventListener("keydown", (event) => {
      if (list.hidden) return;
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        event.preventDefault();
        const step = event.key === "ArrowDown" ? 1 : -1;
        active = (active + step + items.length) % items.length;
        render();
      } else if (event.key === "Enter" && active >= 0) {
        event.preventDefault();
        choose(active);
      } else if (event.key === "Escape") {
        close();
      }
    });
  }

  // What the graph knows, for the suggestions: loaded once from the API.
  const known = { regions: [], designations: [], designationNames: new Map() };

  async function loadKnown() {
    // Regions hang from 全国 by PART_OF (省 → 市 → 区); walked from there, three levels down.
    const data = await gql(`{
      designations { id name level aliases }
      region(name: "全国") { id name level children { region { id name level
        children { region { id name level children { region { id name level } } } } } } }
    }`);
    known.designations = data.designations;
    for (const d of data.designations) known.designationNames.set(d.id, d.name);
    const regions = new Map();
    (function walk(region) {
      if (!region || regions.has(region.id)) return;
      regions.set(region.id, region);
      for (const child of region.children || []) walk(child.region);
    })(data.region);
    known.regions = [...regions.values()];
  }

  function regionSuggestions(text) {
    const wanted = compact(text);
    if (!wanted) return [];
    return known.regions
      .filter((r) => compact(r.name).includes(wanted))
      .sort((a, b) => a.name.length - b.name.length)
      .slice(0, 10)
      .map((r) => ({
        text: r.name,
        hint: levelName(r.level),
        pick: () => {
          $("region").value = r.name;
        },
      }));
  }

  function designationSuggestions(text, nameInput, levelSelect) {
    const whole = compact(text);
    // 省专精特新: the province's 专精特新 designations. (When nothing matches that way, the text is
    // taken whole: 区块链 is not a district's 块链.)
    for (const [word, code] of LEVEL_WORDS) {
      if (whole.startsWith(word) && whole.length > word.length) {
        const found = matchDesignations(whole.slice(word.length), code);
        if (found.length) return suggestionsFor(found, nameInput, levelSelect);
        break;
      }
    }
    return suggestionsFor(matchDesignations(whole, ""), nameInput, levelSelect);
  }

  /** Designations whose name or an alias contains `wanted`, at `level` if given; best first. */
  function matchDesignations(wanted, level) {
    if (!wanted) return [];
    const found = [];
    for (const d of known.designations) {
      if (level && d.level !== level) continue;
      // The name first, then the aliases: the first that matches stands for the designation.
      const term = [d.name, ...(d.aliases || [])].find((t) => compact(t).includes(wanted));
      if (term === undefined) continue;
      const rank = (compact(term).startsWith(wanted) ? 0 : 1) + (term === d.name ? 0 : 0.5);
      found.push({ d: d, term: term, rank: rank });
    }
    return found.sort((a, b) => a.rank - b.rank || a.term.length - b.term.length).slice(0, 12);
  }

  function suggestionsFor(found, nameInput, levelSelect) {
    return found.map(({ d, term }) => ({
      text: term === d.name ? d.name : `${term} → ${d.name}`,
      hint: levelName(d.level) || "级别未注明",
      pick: () => {
        nameInput.value = d.name;
        levelSelect.value = d.level || "";
      },
    }));
  }

  function holdingRow(holding) {
    const name = el("input", {
      class: "h-name",
      name: "holding",
      placeholder: "资质，如 专精特新中小企业、小巨人",
      "aria-label": "资质名称 Designation",
      value: holding.name || "",
    });
    const level = el(
      "select",
      { class: "h-level", "aria-label": "级别 Level" },
      el("option", { value: "" }, "级别不限"),
      ...Object.entries(LEVELS).map(([code, word]) => el("option", { value: code }, word)),
    );
    level.value = holding.level || "";
    const row = el(
      "div",
      { class: "holding" },
      el("span", { class: "combo" }, name),
      level,
      el("button", { type: "button", class: "remove secondary", title: "删除 Remove", onclick: () => row.remove() }, "✕"),
    );
    combobox(name, (text) => designationSuggestions(text, name, level));
    return row;
  }

  function readForm() {
    state.region = $("region").value.trim();
    state.holdings = [...document.querySelectorAll("#holding-rows .holding")]
      .map((row) => ({ name: row.querySelector(".h-name").value.trim(), level: row.querySelector(".h-level").value }))
      .filter((h) => h.name);
    state.target = $("target").value.trim();
    state.open = $("open").checked;
  }

  function fillForm() {
    $("region").value = state.region;
    $("holding-rows").replaceChildren(...(state.holdings.length ? state.holdings : [{}]).map(holdingRow));
    $("target").value = state.target;
    $("open").checked = state.open;
  }

  // ---------------------------------------------------------------- my company: the questions

  const FACT = "fragment F on Fact { evidence span document { id name title } }";
  const PROGRAM = `fragment P on Program {
    id name kind level window opensOn closesOn recurring windowYearInferred validUntil summary conditions
    benefits { ...F benefit { id type amountMaxWan rate text } }
    administeredBy { ...F department { id name } }
    contacts { ...F phone office { id name phones } }
  }`;
  const UNKNOWN = "... on UnknownInput { message field value suggestions }";

  const ELIGIBLE = `query Eligible($h: [DesignationInput!]!, $r: String, $open: Boolean!) {
    eligible(holding: $h, region: $r, includeOpen: $open) { __typename
      ... on EligiblePrograms { region { id name } holding { id name level } unrecognised
        programs { program { ...P } met { ...F levelMin designation { id name level } } } }
      ${UNKNOWN} } } ${PROGRAM} ${FACT}`;
  const NEARLY = `query Nearly($h: [DesignationInput!]!, $r: String) {
    nearlyEligible(holding: $h, region: $r) { __typename
      ... on NearlyEligiblePrograms { programs { program { ...P }
        met { ...F designation { id name level } }
        missing { ...F levelMin designation { id name level } }
        grantedBy { ...F program { id name level } } } }
      ${UNKNOWN} } } ${PROGRAM} ${FACT}`;
  const PATHWAYS = `query Pathways($h: [DesignationInput!]!, $r: String, $min: Float) {
    pathways(from: $h, to: { benefitMinWan: $min }, region: $r, first: 5) { __typename
      ... on Pathways { pathways { length amountMaxWan steps { index program { id name level window }
        met { ...F designation { id name level } }
        implied { ...F designation { id name level } }
        grants { ...F designation { id name level } }
        benefits { ...F benefit { id type amountMaxWan rate text } } } } }
      ${UNKNOWN} } } ${FACT}`;

  function holdingInput() {
    return state.holdings.map((h) => (h.level ? { name: h.name, level: h.level } : { name: h.name }));
  }

  function nodeLink(node, text) {
    return el(
      "a",
      {
        class: "node-link",
        // A real link (it opens in a new tab with the page's state), followed here without reloading.
        href: urlWith(node.id),
        dataset: { node: node.id },
        onclick: (event) => {
          if (event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
          event.preventDefault();
          selectNode(node.id, true);
        },
      },
      text || node.name || node.title || node.text || node.id,
    );
  }

  function designationText(d) {
    return d.level ? `${d.name}（${levelName(d.level)}）` : d.name;
  }

  /** An UnknownInput answer: the message and the names it suggests, each one click from a retry. */
  function unknownInput(answer) {
    return el(
      "div",
      { class: "problem" },
      el("p", {}, `未识别：${answer.value} · ${answer.message}`),
      answer.suggestions.length
        ? el(
            "p",
            {},
            "您是不是指 Did you mean: ",
            ...answer.suggestions.map((s) =>
              el("button", { type: "button", class: "secondary", onclick: () => replaceInput(answer, s) }, s),
            ),
          )
        : null,
    );
  }

  function replaceInput(answer, suggestion) {
    if (answer.field === "region") state.region = suggestion;
    else state.holdings = state.holdings.map((h) => (compact(h.name) === compact(answer.value) ? { name: suggestion, level: h.level } : h));
    fillForm();
    findPrograms();
  }

  /** Today as YYYY-MM-DD in the planner's time zone, or the day the address asks for. */
  function today() {
    if (state.today) return state.today;
    const d = new Date();
    return [d.getFullYear(), String(d.getMonth() + 1).padStart(2, "0"), String(d.getDate()).padStart(2, "0")].join("-");
  }

  /** Whole days from `from` to `to` (both YYYY-MM-DD). */
  function daysBetween(from, to) {
    return Math.round((Date.parse(to + "T00:00:00Z") - Date.parse(from + "T00:00:00Z")) / 86400000);
  }

  /** The application window: the dates read from it, and whether it closes soon or has closed. */
  function windowView(program) {
    const parts = [];
    if (program.opensOn || program.closesOn) {
      const dates = program.opensOn ? `${program.opensOn} 至 ${program.closesOn || "…"}` : `截至 until ${program.closesOn}`;
      parts.push(el("b", { class: "dates" }, dates));
      if (program.windowYearInferred) parts.push(el("span", { class: "muted" }, " （年份按发文推定 year inferred）"));
    } else if (program.recurring && program.recurring.length) {
      parts.push(el("b", { class: "dates" }, `每年 ${program.recurring.join("、")} 月 yearly`));
    }
    if (program.closesOn) {
      const left = daysBetween(today(), program.closesOn);
      if (left < 0) parts.push(el("span", { class: "badge closed" }, "已截止 closed"));
      else if (left <= 30) parts.push(el("span", { class: "badge soon" }, `${left} 天后截止 closes in ${left} days`));
    }
    if (program.validUntil && daysBetween(today(), program.validUntil) < 0)
      parts.push(el("span", { class: "badge closed" }, `政策已于 ${program.validUntil} 到期 expired`));
    if (program.window) parts.push(el("div", { class: "window-text" }, program.window));
    return parts.length ? parts : [el("span", { class: "muted" }, "未注明 not stated")];
  }

  function programCard(program, extra) {
    const rows = [];
    const row = (term, ...content) => rows.push(el("dt", {}, term), el("dd", {}, ...content));
    if (program.benefits.length)
      row(
        "支持内容 Benefits",
        el("ul", {}, ...program.benefits.map((b) => el("li", {}, el("b", {}, amount(b.benefit)), " ", b.benefit.text, evidence(b)))),
      );
    row("申报时间 Window", ...windowView(program));
    if (program.administeredBy.length)
      row("归口部门 Department", ...program.administeredBy.map((a) => el("div", {}, nodeLink(a.department), evidence(a))));
    if (program.contacts.length)
      row(
        "咨询 Contact",
        ...program.contacts.map((c) =>
          el(
            "div",
            { class: "contact" },
            nodeLink(c.office),
            c.phone ? [" · ", el("a", { class: "phone", href: `tel:${c.phone}` }, c.phone)] : null,
            evidence(c),
          ),
        ),
      );
    for (const [term, content] of extra || []) row(term, ...content);
    return el(
      "article",
      { class: "program", dataset: { id: program.id } },
      el(
        "h3",
        {},
        nodeLink(program),
        program.level ? el("span", { class: "badge" }, levelName(program.level)) : null,
        program.kind ? el("span", { class: "badge kind" }, KINDS[program.kind] || program.kind) : null,
      ),
      program.summary ? el("p", { class: "summary" }, program.summary) : null,
      program.conditions ? el("p", { class: "conditions" }, "条件 Conditions：", program.conditions) : null,
      el("dl", {}, rows),
    );
  }

  function renderEligible(answer, ms) {
    const box = $("eligible");
    box.hidden = false;
    // Measured by the browser tests: since the submission, and since the page began to load.
    box.dataset.ms = String(Math.round(ms));
    box.dataset.at = String(Math.round(performance.now()));
    if (answer.__typename === "UnknownInput") {
      box.replaceChildren(el("h2", {}, "现在可以申报 ", el("small", {}, "Apply now")), unknownInput(answer));
      return;
    }
    const held = answer.holding.map(designationText).join("、");
    box.replaceChildren(
      el(
        "h2",
        {},
        `现在可以申报（${answer.programs.length}） `,
        el("small", {}, "Programs you can apply for now"),
        el("span", { class: "timing" }, ` ${(ms / 1000).toFixed(2)} s`),
      ),
      el(
        "p",
        { class: "muted" },
        answer.region ? ["地区 ", nodeLink(answer.region), "（含上级地区）· "] : "",
        held ? `持有（含可视为）${held}` : "",
        answer.unrecognised.length ? ` · 未识别 ${answer.unrecognised.join("、")}` : "",
      ),
      ...(answer.programs.length
        ? answer.programs.map((e) =>
            programCard(e.program, [
              [
                "满足条件 Requirements met",
                e.met.length
                  ? e.met.map((m) => el("div", {}, nodeLink(m.designation, designationText(m.designation)), evidence(m)))
                  : [el("span", { class: "muted" }, "无资质要求 none required")],
              ],
            ]),
          )
        : [el("p", { class: "muted" }, "没有找到 · none found")]),
    );
  }

  function renderNearly(answer) {
    const box = $("nearly");
    box.hidden = false;
    if (answer.__typename === "UnknownInput") {
      box.replaceChildren();
      box.hidden = true;
      return;
    }
    box.replaceChildren(
      el("h2", {}, `差一项资质（${answer.programs.length}） `, el("small", {}, "One designation away")),
      ...(answer.programs.length
        ? answer.programs.map((n) =>
            programCard(n.program, [
              [
                "还缺 Missing",
                n.missing.map((m) => el("div", { class: "missing" }, nodeLink(m.designation, designationText(m.designation)), evidence(m))),
              ],
              [
                "可通过申报获得 Granted by",
                n.grantedBy.length
                  ? n.grantedBy.map((g) => el("div", {}, nodeLink(g.program), evidence(g)))
                  : [el("span", { class: "muted" }, "图谱中没有授予它的项目 no program in the graph grants it")],
              ],
            ]),
          )
        : [el("p", { class: "muted" }, "没有找到 · none found")]),
    );
  }

  function renderPathways(answer) {
    const box = $("pathways");
    box.hidden = false;
    if (answer.__typename === "UnknownInput") {
      box.replaceChildren();
      box.hidden = true;
      return;
    }
    const designations = (links) => links.map((l) => el("div", {}, nodeLink(l.designation, designationText(l.designation)), evidence(l)));
    box.replaceChildren(
      el("h2", {}, `达到 ${state.target || 0} 万元的路径（${answer.pathways.length}） `, el("small", {}, "Pathways to the target amount")),
      ...(answer.pathways.length
        ? answer.pathways.map((p, i) =>
            el(
              "article",
              { class: "pathway" },
              el("h3", {}, `路径 ${i + 1}：${p.length} 步`, p.amountMaxWan !== null ? ` · 最高 ${p.amountMaxWan} 万元` : ""),
              el(
                "ol",
                {},
                ...p.steps.map((s) =>
                  el(
                    "li",
                    {},
                    el("div", { class: "step-head" }, "申报 ", nodeLink(s.program)),
                    s.met.length ? el("div", { class: "sub" }, "凭 With：", designations(s.met)) : null,
                    s.implied.length ? el("div", { class: "sub" }, "因为 Since：", designations(s.implied)) : null,
                    s.grants.length ? el("div", { class: "sub" }, "获得 Gains：", designations(s.grants)) : null,
                    s.benefits.length
                      ? el("div", { class: "sub" }, "得到 Offers：", s.benefits.map((b) => el("div", {}, el("b", {}, amount(b.benefit)), " ", b.benefit.text, evidence(b))))
                      : null,
                  ),
                ),
              ),
            ),
          )
        : [el("p", { class: "muted" }, "没有找到 · none found")]),
    );
  }

  let submissions = 0;

  async function findPrograms() {
    writeUrl();
    $("form-problem").hidden = true;
    if (!state.holdings.length) {
      $("form-problem").textContent = "请至少填写一项资质 · add at least one designation";
      $("form-problem").hidden = false;
      return;
    }
    for (const id of ["eligible", "nearly", "pathways"]) {
      $(id).hidden = false;
      $(id).replaceChildren(el("p", { class: "muted loading" }, "查询中… loading"));
    }
    const started = performance.now();
    const vars = { h: holdingInput(), r: state.region || null };
    const target = parseFloat(state.target);
    // Three questions at once; each section shows as soon as its answer is in. An answer to an
    // earlier submission that arrives late is dropped, not drawn over a newer one.
    const run = ++submissions;
    const current = (render) => (data) => run === submissions && render(data);
    const failed = (id) =>
      current((error) => $(id).replaceChildren(el("p", { class: "problem" }, `查询失败 · ${error.message}`)));
    const eligible = gql(ELIGIBLE, { ...vars, open: state.open })
      .then(current((d) => renderEligible(d.eligible, performance.now() - started)))
      .catch(failed("eligible"));
    const nearly = gql(NEARLY, vars).then(current((d) => renderNearly(d.nearlyEligible))).catch(failed("nearly"));
    let pathways = Promise.resolve();
    if (Number.isFinite(target))
      pathways = gql(PATHWAYS, { ...vars, min: target }).then(current((d) => renderPathways(d.pathways))).catch(failed("pathways"));
    else $("pathways").hidden = true;
    await Promise.all([eligible, nearly, pathways]);
  }

  // ---------------------------------------------------------------- search

  async function runSearch() {
    writeUrl();
    const box = $("search-results");
    if (!state.q) {
      box.hidden = true;
      return;
    }
    box.hidden = false;
    box.replaceChildren(el("p", { class: "muted" }, "搜索中… searching"));
    try {
      const data = await gql(
        `query Search($q: String!) { search(text: $q, first: 30) { score node { __typename
          ... on Program { id name level }
          ... on Designation { id name level aliases }
          ... on Department { id name level }
          ... on Policy { id title docNumber level } } } }`,
        { q: state.q },
      );
      box.replaceChildren(
        el(
          "h2",
          {},
          `搜索“${state.q}”（${data.search.length}） `,
          el("small", {}, "Search"),
          el("button", { type: "button", class: "secondary close", onclick: () => ((state.q = ""), ($("search").value = ""), runSearch()) }, "✕"),
        ),
        data.search.length
          ? el(
              "ul",
              { class: "hits" },
              ...data.search.map((hit) =>
                el(
                  "li",
                  {},
                  el("span", { class: `badge label-${hit.node.__typename}` }, LABELS[hit.node.__typename].split(" ")[0]),
                  " ",
                  nodeLink(hit.node, hit.node.name || hit.node.title),
                  hit.node.level ? el("small", {}, ` ${levelName(hit.node.level)}`) : null,
                  hit.node.docNumber ? el("small", {}, ` ${hit.node.docNumber}`) : null,
                ),
              ),
            )
          : el("p", { class: "muted" }, "没有找到 · nothing found"),
      );
    } catch (error) {
      box.replaceChildren(el("p", { class: "problem" }, `搜索失败 · ${error.message}`));
    }
  }

  // ---------------------------------------------------------------- graph view

  const NODE_FIELDS = {
    Program: "id name kind level window summary conditions url",
    Designation: "id name level aliases",
    Department: "id name level aliases",
    ContactOffice: "id name phones phonesPrinted",
    Benefit: "id type amountMaxWan rate text",
    Region: "id name level",
    Policy: "id title docNumber issuedAt level url",
    Document: "id name title format chars publishedAt url",
  };
  // Per label: [GraphQL field, relationship type, direction from this node, link's target field,
  // target label, link fields besides the provenance].
  const NEIGHBOURS = {
    Program: [
      ["requires", "REQUIRES", "out", "designation", "Designation", "levelMin"],
      ["prefers", "PREFERS", "out", "designation", "Designation", "levelMin"],
      ["excludes", "EXCLUDES", "out", "designation", "Designation", ""],
      ["grants", "GRANTS", "out", "designation", "Designation", ""],
      ["benefits", "OFFERS", "out", "benefit", "Benefit", ""],
      ["contacts", "HAS_CONTACT", "out", "office", "ContactOffice", "phone"],
      ["administeredBy", "ADMINISTERED_BY", "out", "department", "Department", ""],
      ["basedOn", "BASED_ON", "out", "policy", "Policy", ""],
      ["regions", "IN_REGION", "out", "region", "Region", ""],
      ["sources", "EXTRACTED_FROM", "out", "source", "Document", ""],
    ],
    Designation: [
      ["requiredBy", "REQUIRES", "in", "program", "Program", "levelMin"],
      ["preferredBy", "PREFERS", "in", "program", "Program", "levelMin"],
      ["excludedBy", "EXCLUDES", "in", "program", "Program", ""],
      ["grantedBy", "GRANTS", "in", "program", "Program", ""],
      ["implies", "IMPLIES", "out", "designation", "Designation", ""],
      ["impliedBy", "IMPLIES", "in", "designation", "Designation", ""],
    ],
    Department: [
      ["programs", "ADMINISTERED_BY", "in", "program", "Program", ""],
      ["policies", "ISSUED_BY", "in", "policy", "Policy", ""],
      ["parent", "PART_OF", "out", "department", "Department", ""],
      ["children", "PART_OF", "in", "department", "Department", ""],
      ["offices", "PART_OF", "in", "office", "ContactOffice", ""],
      ["regions", "IN_REGION", "out", "region", "Region", ""],
    ],
    ContactOffice: [
      ["department", "PART_OF", "out", "department", "Department", ""],
      ["programs", "HAS_CONTACT", "in", "program", "Program", ""],
      ["regions", "IN_REGION", "out", "region", "Region", ""],
    ],
    Benefit: [["offeredBy", "OFFERS", "in", "program", "Program", ""]],
    Region: [
      ["parent", "PART_OF", "out", "region", "Region", ""],
      ["children", "PART_OF", "in", "region", "Region", ""],
      ["programs", "IN_REGION", "in", "program", "Program", ""],
    ],
    Policy: [
      ["issuedBy", "ISSUED_BY", "out", "department", "Department", ""],
      ["programs", "BASED_ON", "in", "program", "Program", ""],
      ["cites", "CITES", "out", "policy", "Policy", ""],
      ["citedBy", "CITES", "in", "policy", "Policy", ""],
      ["regions", "IN_REGION", "out", "region", "Region", ""],
    ],
    Document: [
      ["programs", "EXTRACTED_FROM", "in", "program", "Program", ""],
      ["regions", "IN_REGION", "out", "region", "Region", ""],
    ],
  };
  // The lookup of each label by id (a designation is looked up by name, every level, then by id).
  const LOOKUP = {
    Program: "program(id: $id)",
    Department: "department(id: $id)",
    ContactOffice: "contactOffice(id: $id)",
    Benefit: "benefit(id: $id)",
    Region: "region(id: $id)",
    Policy: "policy(id: $id)",
    Document: "document(id: $id)",
  };

  let style = null; // /explorer/style.json, loaded at start (`styled` resolves then)
  let styleLoaded;
  const styled = new Promise((resolve) => (styleLoaded = resolve));
  let cy = null;
  const expanded = new Set();
  const hidden = new Map(); // node id -> neighbours not drawn (over MAX_NEW_NODES)

  /** Ids start with the label in lower case: program-…, contactoffice-…. */
  function labelOf(id) {
    const prefix = String(id).split("-")[0];
    return Object.keys(style.nodes).find((label) => label.toLowerCase() === prefix) || null;
  }

  function captionOf(label, props) {
    const field = (style.nodes[label] || {}).caption || "name";
    return String(props[field] || props.name || props.title || props.id);
  }

  function shortCaption(text) {
    return text.length > 18 ? `${text.slice(0, 17)}…` : text;
  }

  function neighbourhoodQuery(label) {
    const links = NEIGHBOURS[label]
      .map(
        ([field, , , target, targetLabel, extra]) =>
          `${field} { evidence span document { id name title } ${extra} ${target} { ${NODE_FIELDS[targetLabel]} } }`,
      )
      .join("\n");
    if (label === "Designation")
      return `query Near($name: String!) { nodes: designations(name: $name) { ${NODE_FIELDS.Designation} ${links} } }`;
    return `query Near($id: ID!) { node: ${LOOKUP[label]} { ${NODE_FIELDS[label]} ${links} } }`;
  }

  async function fetchNeighbourhood(id) {
    const label = labelOf(id);
    if (!label) throw new Error(`不认识的节点 unknown node id ${id}`);
    if (label === "Designation") {
      let name = known.designationNames.get(id);
      if (!name) {
        const existing = cy && cy.getElementById(id);
        name = existing && existing.nonempty() ? existing.data("props").name : null;
      }
      if (!name) throw new Error(`图谱中没有资质 ${id}`);
      const data = await gql(neighbourhoodQuery(label), { name: name });
      return { label, node: data.nodes.find((n) => n.id === id) || null };
    }
    const data = await gql(neighbourhoodQuery(label), { id: id });
    return { label, node: data.node };
  }

  function nodePropsOnly(label, node) {
    const props = {};
    for (const field of NODE_FIELDS[label].split(" ")) props[field] = node[field];
    return props;
  }

  function ensureGraph() {
    if (cy) return cy;
    const placeholder = document.querySelector("#cy .empty");
    if (placeholder) placeholder.remove();
    const sheet = [
      {
        selector: "node",
        style: {
          "background-color": style.default.color,
          "border-color": style.default.borderColor,
          "border-width": 2,
          label: "data(caption)",
          "text-valign": "center",
          "text-halign": "center",
          "text-wrap": "wrap",
          "text-overflow-wrap": "anywhere",
          "font-family": getComputedStyle(document.body).fontFamily,
        },
      },
      ...Object.entries(style.nodes).map(([label, s]) => ({
        selector: `node[label = "${label}"]`,
        style: {
          "background-color": s.color,
          "border-color": s.borderColor,
          color: s.textColor,
          width: s.size,
          height: s.size,
          "font-size": s.fontSize,
          "text-max-width": s.size - 8,
        },
      })),
      {
        selector: "edge",
        style: {
          "curve-style": "bezier",
          "target-arrow-shape": "triangle",
          "arrow-scale": 0.8,
          label: "data(type)",
          "font-size": 8,
          "text-rotation": "autorotate",
          color: "#000000",
          "text-background-color": "#ffffff",
          "text-background-opacity": 0.85,
          "text-background-padding": 1,
        },
      },
      ...Object.entries(style.relationships).map(([type, s]) => ({
        selector: `edge[type = "${type}"]`,
        style: { "line-color": s.color, "target-arrow-color": s.color, width: s.width },
      })),
      { selector: "node.expanded", style: { "border-style": "double", "border-width": 5 } },
      { selector: "node:selected", style: { "border-color": "#111827", "border-width": 5 } },
      { selector: "edge:selected", style: { width: 5, "overlay-color": "#111827", "overlay-opacity": 0.15 } },
    ];
    cy = cytoscape({ container: $("cy"), style: sheet, minZoom: 0.2, maxZoom: 3 });
    cy.on("tap", "node", (event) => selectNode(event.target.id(), false));
    cy.on("tap", "edge", (event) => showEdge(event.target));
    window.pkgExplorer = { cy: cy }; // for the browser tests and the curious: the graph as drawn
    return cy;
  }

  function hashOf(text) {
    let h = 0;
    for (let i = 0; i < text.length; i++) h = (h * 31 + text.charCodeAt(i)) >>> 0;
    return h;
  }

  function addNode(label, props, near) {
    const existing = cy.getElementById(props.id);
    if (existing.nonempty()) return false;
    const caption = captionOf(label, props);
    // Around the node it came from, at an angle taken from its id: the same graph is always drawn
    // the same way (cose starts from these positions).
    const angle = (hashOf(props.id) % 360) * (Math.PI / 180);
    const position = near ? { x: near.x + 120 * Math.cos(angle), y: near.y + 120 * Math.sin(angle) } : { x: 0, y: 0 };
    cy.add({ group: "nodes", data: { id: props.id, label: label, caption: shortCaption(caption), full: caption, props: props }, position });
    return true;
  }

  function addEdge(type, start, end, fact) {
    const id = `${type}|${start}|${end}`;
    const provenance = { evidence: fact.evidence, span: fact.span, document: fact.document, levelMin: fact.levelMin, phone: fact.phone };
    const existing = cy.getElementById(id);
    if (existing.nonempty()) {
      // The same relationship stated again (by another document or sentence): keep each statement.
      const facts = existing.data("facts");
      if (!facts.some((f) => f.evidence === fact.evidence && (f.document || {}).id === (fact.document || {}).id)) facts.push(provenance);
      return;
    }
    cy.add({ group: "edges", data: { id, source: start, target: end, type, facts: [provenance] } });
  }

  async function expand(id) {
    const { label, node } = await fetchNeighbourhood(id);
    if (!node) throw new Error(`图谱中没有这个节点 no node ${id}`);
    ensureGraph();
    addNode(label, nodePropsOnly(label, node), null);
    const centre = cy.getElementById(id).position();
    let added = 0;
    let skipped = 0;
    for (const [field, type, direction, target, targetLabel] of NEIGHBOURS[label]) {
      for (const link of node[field] || []) {
        const other = link[target];
        if (!other) continue;
        const present = cy.getElementById(other.id).nonempty();
        if (!present) {
          if (added >= MAX_NEW_NODES) {
            skipped += 1;
            continue;
          }
          addNode(targetLabel, nodePropsOnly(targetLabel, other), centre);
          added += 1;
        }
        if (direction === "out") addEdge(type, id, other.id, link);
        else addEdge(type, other.id, id, link);
      }
    }
    expanded.add(id);
    hidden.set(id, skipped);
    cy.getElementById(id).addClass("expanded");
    const layout = cy.layout({
      name: "cose",
      randomize: false,
      animate: false,
      nodeDimensionsIncludeLabels: true,
      idealEdgeLength: () => 70,
      nodeRepulsion: () => 5000,
      fit: true,
      padding: 24,
    });
    layout.run();
    // Fitted, a handful of nodes would be blown up and a crowd shrunk past reading: keep the zoom
    // readable, centred on the node just expanded (the rest is a drag away; "Fit" shows it all).
    if (cy.zoom() > 1.3) {
      cy.zoom(1.3);
      cy.center();
    } else if (cy.zoom() < 0.8) {
      cy.zoom({ level: 0.8, position: cy.getElementById(id).position() });
      cy.center(cy.getElementById(id));
    }
  }

  async function selectNode(id, scroll) {
    state.node = id;
    writeUrl();
    if (scroll && window.matchMedia("(max-width: 899px)").matches) $("right").scrollIntoView({ behavior: "smooth" });
    try {
      await styled;
      if (!expanded.has(id)) await expand(id);
      cy.elements().unselect();
      const node = cy.getElementById(id);
      node.select();
      showNode(node);
    } catch (error) {
      $("details").replaceChildren(el("p", { class: "problem" }, `无法展开 · ${error.message}`));
    }
  }

  function propertyRows(props) {
    const rows = [];
    for (const [key, value] of Object.entries(props)) {
      if (value === null || value === undefined || key === "id" || (Array.isArray(value) && !value.length)) continue;
      let shown = Array.isArray(value) ? value.join("、") : value;
      if (key === "level") shown = levelName(value);
      if (key === "type") shown = BENEFIT_TYPES[value] || value;
      if (key === "kind") shown = KINDS[value] || value;
      rows.push(el("dt", {}, key), el("dd", {}, shown));
    }
    return rows;
  }

  function showNode(node) {
    const label = node.data("label");
    const props = node.data("props");
    const segment = label.toLowerCase();
    const more = hidden.get(node.id()) || 0;
    $("details").replaceChildren(
      el("h3", {}, el("span", { class: `badge label-${label}` }, LABELS[label] || label), " ", node.data("full")),
      el("dl", {}, propertyRows(props)),
      more ? el("p", { class: "muted" }, `另有 ${more} 个相邻节点未画出 · ${more} more neighbours not drawn`) : null,
      el(
        "p",
        { class: "links" },
        label === "Document" ? el("a", { href: `/documents/${encodeURIComponent(props.id)}` }, "原文 Text") : null,
        label === "Document" ? " · " : null,
        el("a", { href: `/id/${segment}/${encodeURIComponent(props.id)}` }, "链接数据 Linked data"),
        " · 点击连线查看依据 click an edge for its evidence",
      ),
    );
  }

  function showEdge(edge) {
    const source = edge.source();
    const target = edge.target();
    const type = edge.data("type");
    $("details").replaceChildren(
      el("h3", {}, el("span", { class: "badge" }, RELATIONS[type] || type), " ", el("code", {}, type)),
      el("p", {}, source.data("full"), " → ", target.data("full")),
      el(
        "ul",
        { class: "facts" },
        ...edge.data("facts").map((f) =>
          el(
            "li",
            {},
            f.levelMin ? el("div", { class: "muted" }, `最低级别 level at least: ${levelName(f.levelMin)}`) : null,
            f.phone ? el("div", {}, "电话 ", el("a", { class: "phone", href: `tel:${f.phone}` }, f.phone)) : null,
            evidence(f) || el("span", { class: "muted" }, "无依据句 no sentence recorded"),
            f.document ? el("div", { class: "muted" }, `出自 ${f.document.title || f.document.name}`) : null,
          ),
        ),
      ),
    );
  }

  function legend() {
    $("legend").replaceChildren(
      ...Object.entries(style.nodes).map(([label, s]) =>
        el("span", { class: "key" }, el("i", { style: `background:${s.color};border-color:${s.borderColor}` }), LABELS[label].split(" ")[0]),
      ),
    );
  }

  // ---------------------------------------------------------------- start

  async function start() {
    readUrl();
    fillForm();
    $("search").value = state.q;
    combobox($("region"), regionSuggestions);
    $("add-holding").addEventListener("click", () => {
      const row = holdingRow({});
      $("holding-rows").append(row);
      row.querySelector("input").focus();
    });
    $("company").addEventListener("submit", (event) => {
      event.preventDefault();
      readForm();
      findPrograms();
    });
    $("search-form").addEventListener("submit", (event) => {
      event.preventDefault();
      state.q = $("search").value.trim();
      runSearch();
    });
    $("fit").addEventListener("click", () => cy && cy.fit(undefined, 24));
    $("clear").addEventListener("click", () => {
      if (cy) cy.elements().remove();
      expanded.clear();
      hidden.clear();
      state.node = "";
      writeUrl();
      $("details").replaceChildren();
    });
    [style] = await Promise.all([
      fetch("/explorer/style.json").then((r) => r.json()),
      loadKnown().catch((error) => console.warn("suggestions unavailable", error)),
    ]);
    styleLoaded();
    legend();
    const pending = [];
    if (state.holdings.length) pending.push(findPrograms());
    if (state.q) pending.push(runSearch());
    if (state.node) pending.push(selectNode(state.node, false));
    await Promise.all(pending);
    document.body.dataset.ready = "1";
  }

  start();
})();
