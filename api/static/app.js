/* Shenbao web page: chat (streaming answers with clickable citations), eligibility self-check,
   declaration drafting + lint, and the hotline reply view. Plain JS, no dependencies, works offline. */
"use strict";

(() => {
  // ---------------------------------------------------------------- constants and labels

  const SESSION_KEY = "shenbao.session_id";
  // Only routes that change what the answer is get a badge; a plain answer needs none.
  const ROUTE_LABELS = { eligibility: "按规则判断资格", drafting: "申报书提纲" };
  const VERDICT_LABELS = { eligible: "符合", ineligible: "不符合", at_risk: "有风险", undetermined: "待补充信息" };
  const STATUS_LABELS = { pass: "符合", fail: "不符合", unknown: "待确认", not_applicable: "不适用" };
  const STATUS_ICONS = { pass: "✓", fail: "✗", unknown: "？", not_applicable: "—" };
  const STRENGTH_LABELS = { hard: "硬性条件", in_principle: "原则性要求", guidance: "评审参考" };
  const CATEGORY_LABELS = { enterprise: "示范企业", platform: "示范平台", project: "示范项目", city: "示范城市" };
  const SEVERITY_LABELS = { error: "错误", warning: "警告", info: "提示" };
  const LEVEL_LABELS = { national: "国家级", provincial: "省级", municipal: "市级" };
  const STATUS_SUFFIX = { standing: "常设办法", reference: "参考文件" };
  // Types of the profile fields the API documents; unknown fields fall back to their "expected" text.
  const FIELD_TYPES = {
    applicant_type: "choice",
    name: "text",
    registered_province: "text",
    registered_city: "text",
    independent_legal_person: "bool",
    is_manufacturer: "bool",
    established_on: "date",
    platform_launched_on: "date",
    has_own_brand: "bool",
    revenue_total: "number",
    service_revenue: "number",
    major_incidents: "dates",
    under_investigation: "bool",
    financial_status_good: "bool",
    credit_blacklisted: "bool",
    is_prefecture_level_city: "bool",
    modes: "list",
    application_date: "date",
  };
  const FIELD_PLACEHOLDERS = { registered_province: "如 河南省", registered_city: "如 郑州市", name: "单位全称" };
  const TODO_RE = /【待补充[^】]*】/g;
  const CITE_MARK_RE = /\[\d+\]/g;
  // Inline marks in answers, quotes and notice text: [n] citations, Markdown links and autolinks the
  // web-sourced notices carry ("(<http://…>)"), **bold**, dates and 文号 (kept on one line) and an article number
  // at the start of a clause ("第十条对公示…" is shown as "第十条 对公示…").
  const INLINE_RE = new RegExp([
    String.raw`\[(?<cite>\d+)\]`,
    String.raw`\(<(?<plink>https?:\/\/[^>\s]+)>\)`,
    String.raw`<(?<alink>https?:\/\/[^>\s]+)>`,
    String.raw`\[(?<ltext>[^\]\n]+)\]\((?<lurl>https?:\/\/[^)\s]+)\)`,
    String.raw`\*\*(?<bold>[^*\n]+?)\*\*`,
    String.raw`(?<date>\d{4}-\d{1,2}-\d{1,2}|\d{4}年\d{1,2}月\d{1,2}日|[\u4e00-\u9fff]{2,12}〔\d{4}〕\d{1,4}号)`,
    String.raw`(?<=^|[“"\n])(?<art>第[一二三四五六七八九十百零〇]+条)(?=[^\s，。、；：:）)])`,
  ].join("|"), "gu");
  // A line that starts with one of the notices' item markers (一、（一）1. 1、（1）① 第X条), after an optional quote mark.
  const ITEM_RE = /^\s*[“"]?\s*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|\d{1,2}[.．、](?!\d)|[（(]\d{1,2}[）)]|[①-⑳]|第[一二三四五六七八九十百零〇]+条)/u;
  const STATE_LABELS = { open: "申报中", standing: "长期有效", unknown: "未载明截止时间", closed: "已截止" };

  const state = {
    notices: [],
    noticeById: new Map(),
    pinned: new Set(),
    sessionId: readSession(),
    texts: new Map(),
    fields: {},
    outlines: new Map(),
    panelToken: 0,
    relevant: {},
    chatBusy: false,
  };

  // ---------------------------------------------------------------- small helpers

  function readSession() {
    try {
      return localStorage.getItem(SESSION_KEY);
    } catch {
      return null;
    }
  }

  function writeSession(id) {
    state.sessionId = id;
    try {
      if (id) localStorage.setItem(SESSION_KEY, id);
      else localStorage.removeItem(SESSION_KEY);
    } catch {
      /* storage unavailable (private mode): the session lives for this page only */
    }
  }

  const byTest = (id, root = document) => root.querySelector(`[data-testid="${id}"]`);

  /** Build an element: h("div", {class: "x", testid: "y", onclick: fn}, child, "text", …). */
  function h(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (key === "class") node.className = value;
      else if (key === "testid") node.dataset.testid = value;
      else if (key === "text") node.textContent = value;
      else if (key.startsWith("on") && typeof value === "function") node.addEventListener(key.slice(2), value);
      else if (key in node && typeof value !== "string") node[key] = value;
      else node.setAttribute(key, value === true ? "" : String(value));
    }
    return add(node, ...children);
  }

  /** Append children, skipping null/undefined/false (a native append would write them as "null"). */
  function add(node, ...children) {
    for (const child of children.flat(Infinity)) {
      if (child === null || child === undefined || child === false) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  class ApiError extends Error {
    constructor(message, status, messageEn = "") {
      super(message);
      this.status = status;
      this.messageEn = messageEn;
    }
  }

  async function errorFrom(resp) {
    let message = `请求失败（HTTP ${resp.status}）`;
    let messageEn = "";
    try {
      const data = await resp.json();
      if (data && data.error && data.error.message) message = data.error.message;
      if (data && data.error && data.error.message_en) messageEn = data.error.message_en;
    } catch {
      /* not JSON: keep the generic message */
    }
    return new ApiError(message, resp.status, messageEn);
  }

  /** fetch + the API's error convention ({"error": {"message": "…"}} → an ApiError with the Chinese text). */
  async function api(path, { method = "GET", body, raw = false } = {}) {
    const init = { method, headers: {} };
    if (body !== undefined) {
      init.headers["Content-Type"] = "application/json";
      init.body = JSON.stringify(body);
    }
    let resp;
    try {
      resp = await fetch(path, init);
    } catch {
      throw new ApiError("无法连接服务器，请检查网络或稍后重试。", 0);
    }
    if (!resp.ok) throw await errorFrom(resp);
    if (raw) return resp;
    const type = resp.headers.get("content-type") || "";
    return type.includes("application/json") ? resp.json() : resp.text();
  }

  function showError(testid, error) {
    const box = byTest(testid);
    if (!box) return;
    if (!error) {
      box.hidden = true;
      box.textContent = "";
      return;
    }
    box.textContent = error instanceof Error ? error.message : String(error);
    box.hidden = false;
  }

  function setBusy(button, busy, busyText) {
    if (!button) return;
    if (busy) {
      button.dataset.label = button.dataset.label || button.textContent;
      button.textContent = busyText || "请稍候…";
    } else if (button.dataset.label) {
      button.textContent = button.dataset.label;
    }
    button.disabled = busy;
    button.setAttribute("aria-busy", busy ? "true" : "false");
  }

  function shortName(notice) {
    if (!notice) return "";
    let place = notice.level === "national" ? LEVEL_LABELS.national : notice.region || notice.issuer || notice.id;
    place = place.replace(/^.+?(自治区|省)(?=.+[市州盟]$)/, "");
    if (notice.year) return `${place} ${notice.year}年`;
    return STATUS_SUFFIX[notice.status] ? `${place} ${STATUS_SUFFIX[notice.status]}` : place;
  }

  function noticeTitle(id) {
    const notice = state.noticeById.get(id);
    return notice ? notice.title : id;
  }

  /** The deadline badge of a notice: open → 还剩N天, closed → 已截止, standing → 常设. */
  function deadlineBadge(notice) {
    const info = notice && notice.deadline;
    if (!info) return null;
    let text = null;
    let title = "";
    if (info.state === "open") {
      text = info.days_remaining === null || info.days_remaining === undefined ? "申报中" : `还剩${info.days_remaining}天`;
      title = info.application_deadline ? `截止日期 ${info.application_deadline}` : "";
    } else if (info.state === "closed") {
      text = "已截止";
      title = info.application_deadline ? `截止日期 ${info.application_deadline}` : "";
    } else if (info.state === "standing") {
      text = "常设";
      title = "常设办法，未规定截止时间";
    }
    if (!text) return null;
    return h("span", { class: `badge deadline deadline-${info.state}`, testid: "deadline-badge", "data-state": info.state, title }, text);
  }

  /** One line about a notice's deadline, in words. */
  function deadlineText(notice) {
    const info = (notice && notice.deadline) || {};
    const when = info.application_deadline;
    if (info.state === "open") {
      return when ? [`截止日期 `, date(when), `，还剩 ${info.days_remaining} 天`] : "申报中";
    }
    if (info.state === "standing") return "常设办法，未规定截止时间";
    if (info.state === "closed") return when ? ["已于 ", date(when), " 截止"] : "已截止";
    return "通知未载明截止时间";
  }

  const date = (text) => h("span", { class: "nw" }, text);

  /** A deadline in a table cell: the badge and the date. */
  function deadlineCell(info) {
    if (!info) return "—";
    const badge = deadlineBadge({ deadline: info });
    if (info.state === "open" || info.state === "closed") return [badge, " ", info.application_deadline ? date(info.application_deadline) : null];
    if (info.state === "standing") return [badge, " 无截止日期"];
    return "通知未载明";
  }

  /** Text with its inline marks rendered (see INLINE_RE); [n] become links when `citations` has n. */
  function inline(text, citations) {
    const byN = citations instanceof Map ? citations : new Map((citations || []).map((c) => [c.n, c]));
    const out = [];
    let last = 0;
    for (const m of String(text || "").matchAll(INLINE_RE)) {
      const g = m.groups;
      let node;
      if (g.cite !== undefined) {
        const cite = byN.get(Number(g.cite));
        if (!cite) continue;
        node = citeLink(cite);
      } else if (g.plink !== undefined) {
        node = ["(", externalLink(g.plink, g.plink), ")"];
      } else if (g.alink !== undefined) {
        node = externalLink(g.alink, g.alink);
      } else if (g.lurl !== undefined) {
        node = externalLink(g.lurl, g.ltext);
      } else if (g.bold !== undefined) {
        node = h("strong", {}, inline(g.bold, byN));
      } else if (g.date !== undefined) {
        node = date(g.date);
      } else {
        node = [h("span", { class: "article-no" }, g.art), " "];
      }
      out.push(text.slice(last, m.index), node);
      last = m.index + m[0].length;
    }
    out.push(String(text || "").slice(last));
    return out.flat().filter((x) => x !== "");
  }

  /** Plain text with phone numbers and dates kept on one line (spans do not change the text copied). */
  function keepTogether(text) {
    const out = [];
    let last = 0;
    for (const m of text.matchAll(/\d{3,4}-\d{7,8}|\d{4}-\d{1,2}-\d{1,2}|\d{4}年\d{1,2}月\d{1,2}日|[\w.+-]+@[\w.-]+/g)) {
      out.push(text.slice(last, m.index), date(m[0]));
      last = m.index + m[0].length;
    }
    out.push(text.slice(last));
    return out;
  }

  /** The same marks as plain text: for the copyable hotline reply (no [n], no Markdown). */
  function plainText(text) {
    return String(text || "").replace(INLINE_RE, (whole, ...rest) => {
      const g = rest[rest.length - 1];
      if (g.cite !== undefined) return "";
      if (g.plink !== undefined) return `（${g.plink}）`;
      if (g.alink !== undefined) return g.alink;
      if (g.lurl !== undefined) return `${g.ltext}（${g.lurl}）`;
      if (g.bold !== undefined) return plainText(g.bold);
      if (g.art !== undefined) return `${g.art} `;
      return whole;
    });
  }

  function externalLink(url, text) {
    return h("a", { href: url, target: "_blank", rel: "noopener noreferrer" }, text);
  }

  function citeLink(cite) {
    return h("a", {
      href: `#cite-${cite.n}`,
      class: "cite-link",
      testid: "cite-link",
      "data-n": cite.n,
      "data-notice-id": cite.notice_id,
      title: `${cite.title} · ${cite.section}`,
      "aria-label": `引文${cite.n}：${cite.section || cite.title}`,
      onclick: (event) => {
        event.preventDefault();
        openNotice(cite.notice_id, cite);
      },
    }, `[${cite.n}]`);
  }

  /** A section path as the notice writes it, with › between its levels. */
  const sectionPath = (section) => (section || "").split(/\s*>\s*/).filter(Boolean).join(" › ");

  /** A button that opens the cited clause in the side panel. Used under a heading that already names
      the notice, so it shows the section path and the quote, not the notice's long title again. */
  function citationButton(c, testid, text) {
    return h("button", {
      type: "button",
      class: "cite-ref",
      testid,
      "data-notice-id": c.notice_id,
      title: `打开原文：${c.title}${c.section ? " · " + c.section : ""}`,
      onclick: () => openNotice(c.notice_id, c),
    }, text || [sectionPath(c.section), c.section ? "：" : "", "“", inline(c.quote), "”"]);
  }

  /** An answer: consecutive lines that start with an item marker become a list that keeps the notice's
      own numbering; other lines are paragraphs; [n] are links to the clauses. */
  function renderAnswer(container, text, citations) {
    container.textContent = "";
    const byN = new Map((citations || []).map((c) => [c.n, c]));
    const lines = String(text || "").split("\n");
    let i = 0;
    let para = [];
    const flush = () => {
      if (para.some((l) => l.trim())) container.append(add(h("p", { class: "answer-p" }), inline(para.join("\n").trim(), byN)));
      para = [];
    };
    while (i < lines.length) {
      let j = i;
      while (j < lines.length && ITEM_RE.test(lines[j])) j++;
      if (j - i >= 2) {
        flush();
        container.append(h("ol", { class: "answer-list", testid: "answer-list" },
          lines.slice(i, j).map((line) => h("li", {}, inline(line.trim(), byN)))));
        i = j;
      } else if (!lines[i].trim()) {
        flush();
        i++;
      } else {
        para.push(lines[i]);
        i++;
      }
    }
    flush();
  }

  /** Citations grouped by notice: the notice's title once, then each clause's section path and quote. */
  function sourcesList(citations, testid, itemTestid) {
    const box = h("div", { class: "sources", testid });
    const groups = new Map();
    for (const c of citations || []) {
      if (!groups.has(c.notice_id)) groups.set(c.notice_id, []);
      groups.get(c.notice_id).push(c);
    }
    for (const [id, items] of groups) {
      const first = items[0];
      box.append(h("section", { class: "source-notice", "data-notice-id": id },
        h("p", { class: "source-title", testid: "source-title" }, `《${first.title}》`, first.doc_no ? h("span", { class: "doc-no" }, first.doc_no) : null),
        h("ol", { class: "source-items" }, items.map((c) => h("li", { testid: itemTestid, "data-n": c.n, "data-notice-id": c.notice_id },
          h("button", { type: "button", class: "cite-ref", "data-n": c.n, title: "打开原文，标出这一条", onclick: () => openNotice(c.notice_id, c) },
            h("span", { class: "n" }, `[${c.n}]`), " ", h("span", { class: "section" }, sectionPath(c.section) || "正文")),
          h("blockquote", {}, inline(c.quote)))))));
    }
    return box;
  }

  // ---------------------------------------------------------------- tabs

  const VIEWS = ["chat", "deadlines", "eligibility", "draft", "helpdesk"];

  function showView(name, focus = false) {
    if (!VIEWS.includes(name)) name = "chat";
    for (const view of VIEWS) {
      const tab = document.getElementById(`tab-${view}`);
      const panel = document.getElementById(`view-${view}`);
      const on = view === name;
      tab.setAttribute("aria-selected", on ? "true" : "false");
      tab.tabIndex = on ? 0 : -1;
      panel.hidden = !on;
      if (on && focus) tab.focus();
    }
    if (location.hash !== `#${name}`) history.replaceState(null, "", `#${name}`);
  }

  function initTabs() {
    const tabs = [...document.querySelectorAll('[role="tab"]')];
    for (const tab of tabs) {
      tab.addEventListener("click", () => showView(tab.dataset.view));
      tab.addEventListener("keydown", (event) => {
        const i = tabs.indexOf(tab);
        if (event.key === "ArrowRight") showView(tabs[(i + 1) % tabs.length].dataset.view, true);
        else if (event.key === "ArrowLeft") showView(tabs[(i - 1 + tabs.length) % tabs.length].dataset.view, true);
        else return;
        event.preventDefault();
      });
    }
    window.addEventListener("hashchange", () => showView(location.hash.slice(1) || "chat"));
    showView(location.hash.slice(1) || "chat");
  }

  // ---------------------------------------------------------------- the notice side panel

  async function noticeText(id) {
    if (!state.texts.has(id)) state.texts.set(id, api(`/api/notices/${encodeURIComponent(id)}/text`));
    try {
      return await state.texts.get(id);
    } catch (error) {
      state.texts.delete(id);
      throw error;
    }
  }

  async function openNotice(id, cite) {
    const panel = byTest("notice-panel");
    const token = ++state.panelToken;
    const notice = state.noticeById.get(id);
    const textBox = byTest("notice-panel-text");
    byTest("notice-panel-title").textContent = notice ? notice.title : id;
    const meta = byTest("notice-panel-meta");
    meta.textContent = "";
    if (notice) {
      const parts = [notice.doc_no, notice.issuer, notice.issued_on ? [date(notice.issued_on), " 发布"] : null].filter(Boolean);
      add(meta, parts.map((part, i) => [i ? " · " : "", part]), " ", deadlineBadge(notice));
      const phones = contactLines(notice);
      if (phones.length) add(meta, h("br"), `咨询：${phones.join("；")}`);
    }
    const citeLine = byTest("notice-panel-cite");
    citeLine.textContent = cite ? `引文${cite.n ? " [" + cite.n + "]" : ""}：${sectionPath(cite.section)}` : "";
    textBox.textContent = "正在载入原文…";
    panel.hidden = false;
    document.body.classList.add("panel-open");
    let text;
    try {
      text = await noticeText(id);
    } catch (error) {
      if (token === state.panelToken) textBox.textContent = `原文载入失败：${error.message}`;
      return;
    }
    if (token !== state.panelToken) return;
    textBox.textContent = "";
    let start = cite ? cite.start : -1;
    let end = cite ? cite.end : -1;
    if (cite && text.slice(start, end) !== cite.quote) {
      // Offsets index the served text; if they ever disagree, fall back to finding the quote itself.
      start = text.indexOf(cite.quote);
      end = start < 0 ? -1 : start + cite.quote.length;
    }
    if (start < 0 || end <= start) {
      add(textBox, inline(text));
      if (cite) citeLine.textContent += "（未能在原文中定位该引文）";
      textBox.scrollTop = 0;
      return;
    }
    const mark = h("mark", { testid: "cited-span", id: "cited-span" }, inline(text.slice(start, end)));
    add(textBox, inline(text.slice(0, start)), mark, inline(text.slice(end)));
    mark.scrollIntoView({ block: "center" });
    byTest("notice-panel-close").focus({ preventScroll: true });
  }

  function closePanel() {
    state.panelToken++;
    byTest("notice-panel").hidden = true;
    document.body.classList.remove("panel-open");
  }

  // ---------------------------------------------------------------- notices and chips

  function contactLines(notice) {
    const byPhone = new Map();
    for (const c of notice.contacts || []) {
      const key = c.phone || c.email || "";
      if (!key) continue;
      if (!byPhone.has(key)) byPhone.set(key, { names: [], phone: c.phone, email: c.email });
      if (c.name) byPhone.get(key).names.push(c.name);
    }
    return [...byPhone.values()].map((g) => {
      const who = g.names.length ? g.names.join("、") + " " : "";
      const mail = g.email && g.phone ? `（邮箱 ${g.email}）` : "";
      return `${who}${g.phone || g.email}${mail}`;
    });
  }

  async function loadNotices() {
    // Ordered as an applicant looks for them: open deadlines first, then standing measures, closed last.
    const notices = await api("/api/notices?order=deadline");
    state.notices = notices;
    state.noticeById = new Map(notices.map((n) => [n.id, n]));
    renderChips();
    renderDeadlines();
  }

  function renderChips() {
    const box = byTest("notice-chips");
    box.textContent = "";
    for (const notice of state.notices) {
      const pinned = state.pinned.has(notice.id);
      box.append(h("button", {
        type: "button",
        class: "chip",
        testid: "notice-chip",
        "data-notice-id": notice.id,
        "aria-pressed": pinned ? "true" : "false",
        title: notice.title + (notice.doc_no ? `（${notice.doc_no}）` : ""),
        onclick: () => togglePin(notice.id),
      }, h("span", { class: "chip-name" }, shortName(notice)), deadlineBadge(notice)));
    }
    const note = byTest("scope-note");
    if (state.pinned.size) {
      note.textContent = `已限定在：${[...state.pinned].map((id) => shortName(state.noticeById.get(id))).join("、")}（再次点击可取消）`;
      note.classList.add("pinned");
    } else {
      note.textContent = "未限定：根据问题自动判断适用的通知。点击上方通知可限定范围，再次点击取消。";
      note.classList.remove("pinned");
    }
  }

  function togglePin(id, on = !state.pinned.has(id)) {
    if (on) state.pinned.add(id);
    else state.pinned.delete(id);
    // After the last pin is removed, the next question searches all notices again.
    state.scopeCleared = state.pinned.size === 0;
    renderChips();
  }

  // ---------------------------------------------------------------- 可申报: every notice by deadline state

  const DEADLINE_GROUPS = [
    { state: "open", title: "申报中", empty: "目前没有仍在申报期内的通知。" },
    { state: "standing", title: "长期有效（常设办法，无截止日期）", empty: "没有常设的认定办法。" },
    { state: "unknown", title: "未载明截止时间", empty: null },
    { state: "closed", title: "已截止", empty: "没有已截止的通知。" },
  ];

  function deadlineCard(notice) {
    const info = notice.deadline || {};
    const phones = contactLines(notice);
    const row = (info.deadlines || []).find((d) => d.date === info.application_deadline);
    return h("article", { class: `deadline-card state-${info.state}`, testid: "deadline-card", "data-notice-id": notice.id, "data-state": info.state },
      h("div", { class: "card-head" }, h("strong", { class: "card-name" }, shortName(notice)), deadlineBadge(notice)),
      h("p", { class: "card-title" }, `《${notice.title}》`, notice.doc_no ? h("span", { class: "doc-no block" }, notice.doc_no) : null),
      h("p", { class: "card-when", testid: "deadline-when" }, deadlineText(notice)),
      row && row.what ? h("p", { class: "card-what" }, row.what) : null,
      phones.length ? h("p", { class: "card-contacts" }, `咨询：${phones.join("；")}`) : null,
      h("div", { class: "card-actions" },
        h("button", { type: "button", testid: "deadline-ask", onclick: () => {
          togglePin(notice.id, true);
          showView("chat");
          byTest("chat-input").focus();
        } }, "只问这个通知"),
        h("button", { type: "button", testid: "deadline-open", onclick: () => openNotice(notice.id, null) }, "查看原文")));
  }

  function renderDeadlines() {
    const box = byTest("deadline-groups");
    box.textContent = "";
    const today = (state.notices.find((n) => n.deadline && n.deadline.today) || {}).deadline;
    byTest("deadline-today").textContent = today ? `剩余天数按 ${today.today} 计算。` : "";
    for (const group of DEADLINE_GROUPS) {
      const members = state.notices.filter((n) => ((n.deadline && n.deadline.state) || "unknown") === group.state);
      if (!members.length && !group.empty) continue;
      box.append(h("section", { class: "deadline-group", testid: "deadline-group", "data-state": group.state },
        h("h3", {}, group.title, members.length ? h("span", { class: "count" }, `（${members.length}）`) : null),
        members.length ? h("div", { class: "deadline-cards" }, members.map(deadlineCard)) : h("p", { class: "muted" }, group.empty)));
    }
  }

  // ---------------------------------------------------------------- chat

  function chatLog() {
    return byTest("chat-log");
  }

  /** Bring the start of a message to the top of the window (below the sticky header), so the reader
      starts at the answer's first line, not at the end of its sources. The page itself scrolls. */
  function showStart(node) {
    if (!node || byTest("view-chat").hidden) return;
    node.scrollIntoView({ block: "start", behavior: "instant" });
  }

  function hideEmpty() {
    const empty = byTest("chat-empty");
    if (empty) empty.hidden = true;
  }

  function appendUser(text) {
    hideEmpty();
    const node = h("div", { class: "msg user", testid: "msg-user" }, h("div", { class: "bubble" }, text));
    chatLog().append(node);
    return node;
  }

  function appendAssistant() {
    hideEmpty();
    const routeBadge = h("span", { class: "badge route", testid: "route-badge", hidden: true });
    const answer = h("div", { class: "answer", testid: "answer-text" });
    const root = h("article", { class: "msg assistant", testid: "msg-assistant", "data-state": "streaming", "aria-busy": "true" },
      h("div", { class: "msg-head" }, routeBadge),
      answer,
      h("div", { class: "typing", "aria-hidden": "true" }, "正在查找条款…"));
    chatLog().append(root);
    return { root, answer, routeBadge, text: "" };
  }

  function setRoute(view, route) {
    if (!route) return;
    view.root.dataset.route = route;
    const label = ROUTE_LABELS[route];
    view.routeBadge.dataset.route = route;
    view.routeBadge.textContent = label || "";
    view.routeBadge.hidden = !label;
  }

  function markAbstained(view) {
    if (view.root.classList.contains("abstained")) return;
    view.root.classList.add("abstained");
    view.root.querySelector(".msg-head").append(h("span", { class: "badge abstain", testid: "abstained-badge" }, "通知未涉及"));
  }

  /** The notices an answer rests on, each with its deadline badge, and a link to the 可申报 view. */
  function deadlineRow(result) {
    const notices = (result.notices || []).map((id) => state.noticeById.get(id)).filter(Boolean);
    if (!notices.length && !(result.deadline_notes || []).length) return null;
    const answer = result.answer || "";
    const unsaid = (result.deadline_notes || []).filter((note) => !answer.includes(note));
    return h("div", { class: "answer-deadlines", testid: "answer-deadlines" },
      notices.map((n) => h("span", { class: "notice-tag", title: n.title }, shortName(n), deadlineBadge(n))),
      unsaid.map((note) => h("span", { class: "deadline-note", testid: "deadline-note" }, inline(note))),
      h("a", { href: "#deadlines", class: "deadline-link", testid: "deadline-link" }, "各通知申报截止情况 ›"));
  }

  function finishAssistant(view, result) {
    view.root.dataset.state = "done";
    view.root.setAttribute("aria-busy", "false");
    const typing = view.root.querySelector(".typing");
    if (typing) typing.remove();
    setRoute(view, result.route);
    if (result.abstained) markAbstained(view);
    renderAnswer(view.answer, result.answer || "", result.citations);
    add(view.root, deadlineRow(result));
    if (result.citations && result.citations.length) {
      view.root.append(h("details", { class: "sources-box", open: true },
        h("summary", {}, `引用条款（${result.citations.length}）`),
        sourcesList(result.citations, "citation-list", "citation-item")));
    }
  }

  function failAssistant(view, error) {
    view.root.dataset.state = "error";
    view.root.setAttribute("aria-busy", "false");
    const typing = view.root.querySelector(".typing");
    if (typing) typing.remove();
    view.root.classList.add("failed");
    view.root.append(h("p", { class: "msg-error", role: "alert", testid: "chat-error" }, error.message || String(error)));
  }

  /** Read server-sent events from a fetch response body (EventSource cannot POST). */
  async function readSse(resp, onEvent) {
    const reader = resp.body.getReader();
    const decoder = new TextDecoder("utf-8");
    let buffer = "";
    const dispatch = (block) => {
      let event = "message";
      const data = [];
      for (const line of block.split(/\r?\n/)) {
        if (line.startsWith("event:")) event = line.slice(6).trim();
        else if (line.startsWith("data:")) data.push(line.slice(5).replace(/^ /, ""));
      }
      if (data.length) onEvent(event, JSON.parse(data.join("\n")));
    };
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      let cut;
      while ((cut = buffer.search(/\r?\n\r?\n/)) >= 0) {
        const block = buffer.slice(0, cut);
        buffer = buffer.slice(cut).replace(/^\r?\n\r?\n/, "");
        if (block.trim()) dispatch(block);
      }
    }
    buffer += decoder.decode();
    if (buffer.trim()) dispatch(buffer);
  }

  async function sendChat(message) {
    if (state.chatBusy) return;
    state.chatBusy = true;
    const send = byTest("chat-send");
    setBusy(send, true, "回答中…");
    const asked = appendUser(message);
    const view = appendAssistant();
    showStart(asked);
    const body = { message, stream: true };
    if (state.sessionId) body.session_id = state.sessionId;
    if (state.pinned.size) body.notice_ids = [...state.pinned];
    else if (state.scopeCleared) body.notice_ids = [];
    state.scopeCleared = false;
    try {
      let resp;
      try {
        resp = await api("/api/chat", { method: "POST", body, raw: true });
      } catch (error) {
        // The server no longer has this session (deleted, or its data folder was reset): start a new one.
        if (!(error.status === 404 && body.session_id && error.messageEn.startsWith("unknown session"))) throw error;
        writeSession(null);
        delete body.session_id;
        resp = await api("/api/chat", { method: "POST", body, raw: true });
      }
      const type = resp.headers.get("content-type") || "";
      if (!type.includes("text/event-stream")) {
        const result = await resp.json();
        if (result.session_id) writeSession(result.session_id);
        finishAssistant(view, result);
        return;
      }
      let finished = false;
      await readSse(resp, (event, data) => {
        if (event === "meta") {
          if (data.session_id) writeSession(data.session_id);
          setRoute(view, data.route);
          if (data.abstained) markAbstained(view);
        } else if (event === "delta") {
          view.text += data.text || "";
          renderAnswer(view.answer, view.text, null);
        } else if (event === "done") {
          finished = true;
          if (data.session_id) writeSession(data.session_id);
          finishAssistant(view, data);
        } else if (event === "error") {
          finished = true;
          failAssistant(view, new Error((data.error && data.error.message) || data.message || "回答出错"));
        }
      });
      if (!finished) failAssistant(view, new Error("回答中断，请重试。"));
    } catch (error) {
      failAssistant(view, error);
    } finally {
      state.chatBusy = false;
      setBusy(send, false);
    }
    const top = view.root.getBoundingClientRect().top;
    if (top < 0 || top > window.innerHeight * 0.6) showStart(view.root);
  }

  async function restoreSession() {
    if (!state.sessionId) return;
    let data;
    try {
      data = await api(`/api/sessions/${encodeURIComponent(state.sessionId)}`);
    } catch (error) {
      if (error.status === 404 || error.status === 422) writeSession(null);
      return;
    }
    let lastQuestion = null;
    for (const m of data.messages || []) {
      if (m.role === "user") lastQuestion = appendUser(m.content);
      else if (m.role === "assistant") finishAssistant(appendAssistant(), m.result || { answer: m.content, citations: [] });
    }
    showStart(lastQuestion);
  }

  async function clearSession() {
    const id = state.sessionId;
    writeSession(null);
    if (id) {
      try {
        await api(`/api/sessions/${encodeURIComponent(id)}`, { method: "DELETE" });
      } catch (error) {
        if (error.status !== 404) showError("global-error", error);
      }
    }
    const log = chatLog();
    for (const node of [...log.children]) if (node.dataset.testid !== "chat-empty") node.remove();
    byTest("chat-empty").hidden = false;
    closePanel();
  }

  function initChat() {
    const form = byTest("chat-form");
    const input = byTest("chat-input");
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const text = input.value.trim();
      if (!text || state.chatBusy) return;
      input.value = "";
      sendChat(text);
    });
    input.addEventListener("keydown", (event) => {
      if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        form.requestSubmit();
      }
    });
    byTest("chat-clear").addEventListener("click", clearSession);
    for (const button of document.querySelectorAll(".example")) {
      button.addEventListener("click", () => {
        if (!state.chatBusy) sendChat(button.dataset.example);
      });
    }
  }

  // ---------------------------------------------------------------- eligibility

  function fieldType(name, info) {
    if (FIELD_TYPES[name]) return FIELD_TYPES[name];
    const expected = (info && info.expected) || "";
    if (/布尔/.test(expected)) return "bool";
    if (/日期列表/.test(expected)) return "dates";
    if (/日期/.test(expected)) return "date";
    if (/数字/.test(expected)) return "number";
    if (/列表/.test(expected)) return "list";
    if (/以下之一/.test(expected)) return "choice";
    return "text";
  }

  function choiceOptions(info) {
    const m = /以下之一[:：]\s*(.+)$/.exec((info && info.expected) || "");
    return m ? m[1].split(/[、,，\s]+/).filter(Boolean) : Object.keys(CATEGORY_LABELS);
  }

  function eligFieldControl(name, info) {
    const type = fieldType(name, info);
    const id = `elig-f-${name}`;
    const common = { id, name, testid: `elig-field-${name}`, "data-type": type };
    let control;
    let extra = null;
    if (type === "bool") {
      control = h("select", common, h("option", { value: "" }, "未知"), h("option", { value: "true" }, "是"), h("option", { value: "false" }, "否"));
    } else if (type === "choice") {
      control = h("select", common, h("option", { value: "" }, "未知"),
        choiceOptions(info).map((v) => h("option", { value: v }, CATEGORY_LABELS[v] || v)));
    } else if (type === "date") {
      control = h("input", { ...common, type: "date" });
    } else if (type === "number") {
      control = h("input", { ...common, type: "number", min: "0", step: "any", inputmode: "decimal" });
    } else if (type === "dates") {
      control = h("select", common, h("option", { value: "" }, "未知"), h("option", { value: "none" }, "没有"), h("option", { value: "some" }, "有（填写日期）"));
      const dates = h("input", { type: "text", id: `${id}-dates`, testid: `elig-field-${name}-dates`, placeholder: "发生日期，如 2019-03-01；多个用逗号分隔", "aria-label": `${info.label}的发生日期`, hidden: true });
      control.addEventListener("change", () => {
        dates.hidden = control.value !== "some";
      });
      extra = dates;
    } else if (type === "list") {
      control = h("input", { ...common, type: "text", placeholder: "多个用顿号或逗号分隔" });
      extra = h("div", { class: "mode-suggest", testid: `elig-field-${name}-suggest` });
    } else {
      control = h("input", { ...common, type: "text", placeholder: FIELD_PLACEHOLDERS[name] || "" });
    }
    const label = type === "number" ? `${info.label}（万元）` : info.label;
    // No hint under each field: the label says what it is (the API's questions are for the chat).
    return h("div", { class: `field${type === "list" || type === "dates" ? " wide" : ""}`, "data-field": name, testid: "elig-field" },
      h("label", { for: id }, label), control, extra);
  }

  function splitList(text) {
    return text.split(/[、,，;；\s]+/).map((s) => s.trim()).filter(Boolean);
  }

  /** The fields the chosen notice (or any notice) reads for the chosen category. */
  function relevantFields(noticeId, category) {
    if (!category) return new Set(["applicant_type"]);
    const packs = noticeId ? [state.relevant[noticeId] || {}] : Object.values(state.relevant);
    return new Set(packs.flatMap((byCategory) => byCategory[category] || ["applicant_type"]));
  }

  /** Show only the fields that apply to the chosen category (and notice); say why when nothing applies. */
  function updateEligFields() {
    const noticeId = byTest("elig-notice").value;
    const categoryControl = document.getElementById("elig-f-applicant_type");
    const category = categoryControl ? categoryControl.value : "";
    const shown = relevantFields(noticeId, category);
    for (const field of byTest("elig-fields").querySelectorAll("[data-field]")) field.hidden = !shown.has(field.dataset.field);
    const note = byTest("elig-category-note");
    const notice = state.noticeById.get(noticeId);
    let text = "";
    if (!category) text = "请先选择申报类别：表单只列出与该类别有关的条件。";
    else if (notice && notice.categories && notice.categories.length && !notice.categories.includes(category)) {
      text = `${shortName(notice)}的通知不遴选${CATEGORY_LABELS[category]}（只遴选${notice.categories.map((c) => CATEGORY_LABELS[c] || c).join("、")}）。`;
    }
    note.textContent = text;
    note.hidden = !text;
  }

  /** The profile from the form: empty fields are left out (unknown), never sent as empty values; fields
      hidden because they do not apply to the chosen category are not sent either. */
  function collectProfile() {
    const profile = {};
    for (const [name, info] of Object.entries(state.fields)) {
      const control = document.getElementById(`elig-f-${name}`);
      if (!control || control.closest("[data-field]").hidden) continue;
      const type = control.dataset.type;
      const raw = control.value.trim();
      if (!raw) continue;
      if (type === "bool") profile[name] = raw === "true";
      else if (type === "number") {
        const value = Number(raw);
        if (!Number.isFinite(value) || value < 0) throw new Error(`“${info.label}”应为不小于 0 的数字（万元）`);
        profile[name] = value;
      } else if (type === "dates") {
        if (raw === "none") profile[name] = [];
        else {
          const dates = splitList(document.getElementById(`elig-f-${name}-dates`).value);
          if (!dates.length) throw new Error(`请填写“${info.label}”的发生日期，或选择“没有”/“未知”`);
          const bad = dates.find((d) => !/^\d{4}-\d{2}-\d{2}$/.test(d));
          if (bad) throw new Error(`“${bad}”不是日期，请写成 2019-03-01 的形式`);
          profile[name] = dates;
        }
      } else if (type === "list") profile[name] = splitList(raw);
      else profile[name] = raw;
    }
    return profile;
  }

  async function modeNames(noticeId) {
    const data = await outlinesOf(noticeId);
    const names = [];
    for (const list of Object.values(data.modes || {})) {
      for (const mode of list) if (!names.includes(mode.name)) names.push(mode.name);
    }
    return names;
  }

  async function refreshModeSuggestions() {
    const box = byTest("elig-field-modes-suggest");
    const input = document.getElementById("elig-f-modes");
    if (!box || !input) return;
    box.textContent = "";
    const noticeId = byTest("elig-notice").value;
    if (!noticeId) return;
    let names = [];
    try {
      names = await modeNames(noticeId);
    } catch {
      return;
    }
    if (byTest("elig-notice").value !== noticeId || !names.length) return;
    box.append(h("span", { class: "suggest-label" }, "本通知的模式："));
    for (const name of names) {
      box.append(h("button", {
        type: "button",
        class: "suggest",
        onclick: () => {
          const current = splitList(input.value);
          input.value = (current.includes(name) ? current.filter((m) => m !== name) : [...current, name]).join("、");
        },
      }, name));
    }
  }

  async function initEligibility() {
    const data = await api("/api/eligibility/fields");
    state.fields = data.fields || {};
    state.relevant = data.relevant || {};
    state.unreviewedNote = data.unreviewed_note;
    const used = new Set(Object.values(state.relevant).flatMap((byCategory) => Object.values(byCategory).flat()));
    const grid = byTest("elig-fields");
    grid.textContent = "";
    // Only fields some rule reads; the application date is the 判断日期 below, not a second date field.
    for (const [name, info] of Object.entries(state.fields)) {
      if (used.has(name) && name !== "application_date") grid.append(eligFieldControl(name, info));
    }
    const select = byTest("elig-notice");
    for (const id of data.notices || []) {
      select.append(h("option", { value: id }, `${shortName(state.noticeById.get(id)) || id}：${noticeTitle(id)}`));
    }
    select.addEventListener("change", () => {
      updateEligFields();
      refreshModeSuggestions();
    });
    const category = document.getElementById("elig-f-applicant_type");
    if (category) category.addEventListener("change", updateEligFields);
    updateEligFields();
    const form = byTest("elig-form");
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      runEligibility();
    });
    form.addEventListener("reset", () => {
      showError("elig-error", null);
      byTest("elig-result").textContent = "";
      setTimeout(() => {
        for (const input of form.querySelectorAll('[id$="-dates"]')) input.hidden = true;
        updateEligFields();
        refreshModeSuggestions();
      });
    });
  }

  function ruleItem(rule) {
    return h("li", { class: `rule status-${rule.status}`, testid: "elig-rule", "data-status": rule.status, "data-rule-id": rule.id, "data-strength": rule.strength },
      h("div", { class: "rule-head" },
        h("span", { class: `badge status status-${rule.status}`, testid: "elig-rule-status" }, `${STATUS_ICONS[rule.status] || ""} ${STATUS_LABELS[rule.status] || rule.status}`),
        h("span", { class: `badge strength strength-${rule.strength}`, testid: "elig-rule-strength" }, STRENGTH_LABELS[rule.strength] || rule.strength),
        rule.label ? h("strong", {}, rule.label) : null),
      h("p", { class: "explanation", testid: "elig-rule-explanation" }, rule.explanation || ""),
      rule.citation ? h("p", { class: "rule-cite" }, "依据：", citationButton(rule.citation, "elig-rule-citation")) : null);
  }

  function missingBlock(missing) {
    if (!missing || !missing.length) return null;
    const list = h("ul", { class: "missing-list" });
    for (const name of missing) {
      const info = state.fields[name] || { label: name, question: name };
      list.append(h("li", { testid: "elig-missing-item", "data-field": name },
        h("span", {}, info.question || info.label),
        " ",
        h("button", {
          type: "button",
          class: "link",
          onclick: () => {
            const control = document.getElementById(`elig-f-${name}`);
            if (control) {
              control.scrollIntoView({ block: "center" });
              control.focus();
            }
          },
        }, `填写“${info.label}”`)));
    }
    return h("div", { class: "missing", testid: "elig-missing" }, h("h4", {}, "还需要回答这些问题："), list);
  }

  /** The verdict in one line that names what decides it: the failing conditions, or what is missing. */
  function verdictSummary(result) {
    const rules = result.rules || [];
    const labels = (status, strengths) => rules.filter((r) => r.status === status && strengths.includes(r.strength)).map((r) => `“${r.label || r.id}”`);
    const fieldLabels = (result.missing || []).map((m) => (state.fields[m] && state.fields[m].label) || m);
    switch (result.verdict) {
      case "ineligible":
        return `不符合申报条件：${labels("fail", ["hard"]).join("、")}不满足。`;
      case "at_risk":
        return `硬性条件都满足，但“原则上”的要求${labels("fail", ["in_principle"]).join("、")}未达到，存在不被推荐的风险。`;
      case "undetermined":
        return `信息不足，暂无法判断：还需要${fieldLabels.length ? `“${fieldLabels.join("、")}”` : "更多信息"}（见下方问题）。`;
      case "eligible":
        return "按已填写的信息，各项硬性申报条件都满足。";
      default:
        return "";
    }
  }

  function eligResultBlock(result, headingLevel = "h3") {
    const notice = state.noticeById.get(result.notice_id);
    const verdict = result.verdict;
    const rules = result.rules || [];
    const order = { fail: 0, unknown: 1, pass: 2, not_applicable: 3 };
    const sorted = [...rules].sort((a, b) => (order[a.status] ?? 9) - (order[b.status] ?? 9));
    // What decides the verdict (failing or unknown conditions) is shown; the rest folds away.
    const decisive = sorted.filter((r) => r.status === "fail" || r.status === "unknown");
    const settled = sorted.filter((r) => !decisive.includes(r));
    return h("section", { class: `elig-block verdict-${verdict}`, testid: "elig-notice-result", "data-notice-id": result.notice_id },
      h(headingLevel, {}, notice ? notice.title : result.notice_id, notice && notice.doc_no ? h("small", {}, `（${notice.doc_no}）`) : null),
      h("p", { class: "verdict-line" },
        h("span", { class: `badge verdict verdict-${verdict}`, testid: "elig-verdict", "data-verdict": verdict }, VERDICT_LABELS[verdict] || verdict),
        " ", h("span", { testid: "elig-summary" }, inline(verdictSummary(result)))),
      h("p", { class: "as-of" }, result.as_of ? ["按 ", date(result.as_of), " 判断"] : null, notice ? [" · ", deadlineText(notice)] : null),
      result.reviewed === false ? h("p", { class: "unreviewed", testid: "elig-unreviewed" }, `⚠ ${state.unreviewedNote || "规则由系统从通知原文自动提取，未经人工复核"}。`) : null,
      verdict === "ineligible"
        // a hard rule failed: no further fact can change the verdict, so nothing more is asked
        ? h("p", { class: "decided", testid: "elig-decided" }, "已有硬性条件不符合，结论已确定；其余信息不会改变这一结论，无需再补充。")
        : missingBlock(result.missing),
      h("ol", { class: "rules", testid: "elig-rules" }, decisive.map(ruleItem)),
      settled.length ? h("details", { class: "rules-rest" },
        h("summary", {}, `其余 ${settled.length} 条（符合或不适用）`),
        h("ol", { class: "rules" }, settled.map(ruleItem))) : null);
  }

  /** The all-notices table: open deadlines first, standing measures next, closed last (the API's order). */
  function rankingTable(data) {
    const labelsOf = new Map((data.results || []).map((r) => [r.notice_id, new Map((r.rules || []).map((rule) => [rule.id, rule.label || rule.id]))]));
    return h("div", { class: "table-wrap" }, h("table", { class: "ranking", testid: "elig-ranking" },
      h("caption", {}, "各通知的自查结论（仍可申报的在前，已截止的在后）"),
      h("thead", {}, h("tr", {}, ["序号", "通知", "申报截止", "结论", "不满足的条件", "待补充"].map((t) => h("th", { scope: "col" }, t)))),
      h("tbody", {}, (data.ranking || []).map((r) => {
        const notice = state.noticeById.get(r.notice_id) || { id: r.notice_id, deadline: r.deadline };
        const failing = (r.failing || []).map((id) => (labelsOf.get(r.notice_id) || new Map()).get(id) || id);
        return h("tr", { "data-notice-id": r.notice_id, "data-deadline-state": (r.deadline || {}).state },
          h("td", { "data-label": "序号" }, r.rank),
          h("td", { "data-label": "通知" }, shortName(notice) || r.notice_id),
          h("td", { "data-label": "申报截止", testid: "elig-ranking-deadline" }, deadlineCell(r.deadline || notice.deadline)),
          h("td", { "data-label": "结论" }, h("span", { class: `badge verdict verdict-${r.verdict}` }, VERDICT_LABELS[r.verdict] || r.verdict)),
          h("td", { "data-label": "不满足的条件" }, failing.length ? failing.join("；") : "—"),
          h("td", { "data-label": "待补充" }, (r.missing || []).length ? `${r.missing.length} 项` : "—"));
      }))));
  }

  async function runEligibility() {
    showError("elig-error", null);
    const out = byTest("elig-result");
    let profile;
    try {
      profile = collectProfile();
    } catch (error) {
      showError("elig-error", error);
      return;
    }
    const body = { profile };
    const noticeId = byTest("elig-notice").value;
    if (noticeId) body.notice_id = noticeId;
    const asOf = byTest("elig-as-of").value;
    if (asOf) body.as_of = asOf;
    const button = byTest("elig-submit");
    setBusy(button, true, "判断中…");
    try {
      const data = await api("/api/eligibility", { method: "POST", body });
      out.textContent = "";
      if (data.results) add(out, rankingTable(data), data.results.map((r) => eligResultBlock(r, "h3")));
      else add(out, eligResultBlock(data, "h3"));
    } catch (error) {
      showError("elig-error", error);
    } finally {
      setBusy(button, false);
    }
  }

  // ---------------------------------------------------------------- drafting

  function outlinesOf(id) {
    if (!state.outlines.has(id)) {
      const pending = api(`/api/notices/${encodeURIComponent(id)}/outlines`);
      state.outlines.set(id, pending);
      pending.catch(() => state.outlines.delete(id));
    }
    return state.outlines.get(id);
  }

  async function initDrafting() {
    const select = byTest("draft-notice");
    const loaded = await Promise.all(state.notices.map(async (n) => {
      try {
        return [n, await outlinesOf(n.id)];
      } catch {
        return [n, { outlines: {}, modes: {}, missing_reason: null }];
      }
    }));
    const withOutline = loaded.filter(([, o]) => Object.keys(o.outlines || {}).length);
    const without = loaded.filter(([, o]) => !Object.keys(o.outlines || {}).length);
    select.textContent = "";
    select.append(h("optgroup", { label: "可起草（通知附有参考提纲）" },
      withOutline.map(([n]) => h("option", { value: n.id }, `${shortName(n)}：${n.title}`))));
    if (without.length) {
      select.append(h("optgroup", { label: "参考提纲不在语料中" },
        without.map(([n]) => h("option", { value: n.id }, `${shortName(n)}：${n.title}（无参考提纲）`))));
    }
    select.addEventListener("change", onDraftNotice);
    byTest("draft-category").addEventListener("change", onDraftCategory);
    await onDraftNotice();
    byTest("draft-form").addEventListener("submit", (event) => {
      event.preventDefault();
      generateDraft();
    });
    byTest("draft-download").addEventListener("click", downloadDocx);
    byTest("lint-form").addEventListener("submit", (event) => {
      event.preventDefault();
      runLint();
    });
    byTest("lint-use-draft").addEventListener("click", useDraftForLint);
  }

  async function onDraftNotice() {
    const id = byTest("draft-notice").value;
    const category = byTest("draft-category");
    const note = byTest("draft-outline-note");
    showError("draft-error", null);
    if (!id) return;
    let data;
    try {
      data = await outlinesOf(id);
    } catch (error) {
      showError("draft-error", error);
      return;
    }
    if (byTest("draft-notice").value !== id) return;
    const outlineCats = Object.keys(data.outlines || {});
    const notice = state.noticeById.get(id);
    const cats = outlineCats.length ? outlineCats : (notice && notice.categories) || Object.keys(CATEGORY_LABELS);
    const previous = category.value;
    category.textContent = "";
    for (const c of cats) category.append(h("option", { value: c }, CATEGORY_LABELS[c] || c));
    if (cats.includes(previous)) category.value = previous;
    if (outlineCats.length) {
      note.hidden = true;
      note.textContent = "";
    } else {
      note.textContent = data.missing_reason || "该通知的申报书参考提纲不在语料中，无法按提纲起草；请使用发文单位发布的官方申报书模板。";
      note.hidden = false;
    }
    onDraftCategory();
  }

  async function onDraftCategory() {
    const id = byTest("draft-notice").value;
    const cat = byTest("draft-category").value;
    const box = byTest("draft-modes").querySelector(".mode-list");
    box.textContent = "";
    let data;
    try {
      data = await outlinesOf(id);
    } catch {
      return;
    }
    const modes = (data.modes || {})[cat] || [];
    if (!modes.length) {
      box.append(h("p", { class: "muted" }, "该通知没有列出此类别的模式目录。"));
      return;
    }
    modes.forEach((mode, i) => {
      const inputId = `draft-mode-${i}`;
      box.append(h("label", { class: "inline mode", for: inputId },
        h("input", { type: "checkbox", id: inputId, value: mode.name, testid: "draft-mode" }), ` ${mode.name}`));
    });
  }

  function draftRequest(format) {
    const facts = {};
    const get = (testid) => byTest(testid).value.trim();
    for (const key of ["name", "established_on", "platform_launched_on", "business", "platform", "notes"]) {
      const value = get(`draft-fact-${key}`);
      if (value) facts[key] = value;
    }
    for (const key of ["revenue_total", "service_revenue"]) {
      const raw = get(`draft-fact-${key}`);
      if (!raw) continue;
      const value = Number(raw);
      if (!Number.isFinite(value) || value < 0) throw new Error(`${key === "revenue_total" ? "营业收入" : "服务收入"}应为不小于 0 的数字（万元）`);
      facts[key] = value;
    }
    const modes = [...byTest("draft-modes").querySelectorAll("input[type=checkbox]:checked")].map((c) => c.value);
    const body = { notice_id: byTest("draft-notice").value, category: byTest("draft-category").value, modes, facts };
    if (format) body.format = format;
    return body;
  }

  function withTodos(text) {
    const nodes = [];
    let last = 0;
    for (const match of text.matchAll(TODO_RE)) {
      nodes.push(text.slice(last, match.index), h("mark", { class: "todo", testid: "draft-todo" }, match[0]));
      last = match.index + match[0].length;
    }
    nodes.push(text.slice(last));
    return nodes;
  }

  function draftSection(section) {
    const level = Math.min(Math.max(Number(section.level) || 1, 1), 3);
    const requirements = section.requirements || [];
    const text = section.text || "";
    return h("section", { class: `draft-section level-${level}`, testid: "draft-section", "data-kind": section.kind || "section", "data-level": level },
      h(`h${level + 3}`, { class: "draft-heading", testid: "draft-heading" }, section.heading),
      section.guidance ? h("p", { class: "guidance", testid: "draft-guidance" }, h("strong", {}, "编写提示："), section.guidance) : null,
      requirements.length ? h("div", { class: "checklist" },
        h("p", { class: "checklist-title" }, "本节应回应的要求："),
        h("ul", { testid: "draft-requirements" }, requirements.map((r) => h("li", { testid: "draft-requirement" },
          h("span", { class: "box", "aria-hidden": "true" }, "☐ "),
          r.label && r.label !== r.text ? h("strong", {}, `${r.label}：`) : null,
          r.text,
          r.citation ? [" ", citationButton(r.citation, "draft-req-citation", `[依据${r.citation.section ? "：" + sectionPath(r.citation.section) : ""}]`)] : null)))) : null,
      // A heading whose text is empty (its content is in the subsections below) gets no empty box.
      text.trim() ? h("div", { class: "draft-text", testid: "draft-text" }, withTodos(text)) : null,
      section.missing && section.missing.length ? h("p", { class: "section-missing" }, `还缺：${section.missing.join("、")}`) : null);
  }

  /** Sections nested under their parent heading (level 1 > 2 > 3), so a chapter holds its subsections. */
  function draftTree(sections) {
    const root = h("div", { class: "draft-sections" });
    const stack = [{ level: 0, node: root }];
    for (const section of sections || []) {
      const node = draftSection(section);
      const level = Number(node.dataset.level);
      while (stack.length > 1 && stack[stack.length - 1].level >= level) stack.pop();
      stack[stack.length - 1].node.append(node);
      stack.push({ level, node });
    }
    return root;
  }

  async function generateDraft() {
    showError("draft-error", null);
    const out = byTest("draft-result");
    let body;
    try {
      body = draftRequest("json");
    } catch (error) {
      showError("draft-error", error);
      return;
    }
    const button = byTest("draft-generate");
    setBusy(button, true, "生成中…");
    try {
      const data = await api("/api/draft", { method: "POST", body });
      out.textContent = "";
      const todoCount = (data.sections || []).reduce((n, s) => n + ((s.text || "").match(TODO_RE) || []).length, 0);
      // add() skips the absent parts (a native append would print "null" for each)
      add(out,
        h("h3", { testid: "draft-title" }, data.title || "申报书正文"),
        h("p", { class: "muted", testid: "draft-subtitle" }, `${data.notice_title || noticeTitle(data.notice_id)} · ${CATEGORY_LABELS[data.category] || data.category}`,
          data.modes && data.modes.length ? ` · 模式：${data.modes.join("、")}` : "",
          todoCount ? h("span", { class: "todo-count" }, ` · 待补充 ${todoCount} 处`) : null),
        (data.warnings || []).length ? h("ul", { class: "warnings", testid: "draft-warnings" }, data.warnings.map((w) => h("li", {}, typeof w === "string" ? w : JSON.stringify(w)))) : null,
        (data.missing || []).length ? h("p", { class: "section-missing", testid: "draft-missing" }, `建议补充的信息：${data.missing.map((m) => (state.fields[m] && state.fields[m].label) || m).join("、")}`) : null,
        draftTree(data.sections));
    } catch (error) {
      out.textContent = "";
      showError("draft-error", error);
    } finally {
      setBusy(button, false);
    }
  }

  function filenameFrom(disposition, fallback) {
    if (disposition) {
      const star = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(disposition);
      if (star) {
        try {
          return decodeURIComponent(star[1].trim());
        } catch {
          /* fall through */
        }
      }
      const plain = /filename\s*=\s*"?([^";]+)"?/i.exec(disposition);
      if (plain) return plain[1].trim();
    }
    return fallback;
  }

  async function downloadDocx() {
    showError("draft-error", null);
    let body;
    try {
      body = draftRequest("docx");
    } catch (error) {
      showError("draft-error", error);
      return;
    }
    body.notes = byTest("draft-keep-notes").checked;
    const button = byTest("draft-download");
    setBusy(button, true, "正在生成 Word…");
    try {
      const resp = await api("/api/draft", { method: "POST", body, raw: true });
      const blob = await resp.blob();
      const name = filenameFrom(resp.headers.get("content-disposition"), `${body.notice_id}-${body.category}-申报书正文.docx`);
      const url = URL.createObjectURL(blob);
      const link = h("a", { href: url, download: name, hidden: true });
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60000);
    } catch (error) {
      showError("draft-error", error);
    } finally {
      setBusy(button, false);
    }
  }

  async function useDraftForLint() {
    showError("lint-error", null);
    let body;
    try {
      body = draftRequest("md");
    } catch (error) {
      showError("lint-error", error);
      return;
    }
    body.notes = false;
    try {
      byTest("lint-text").value = await api("/api/draft", { method: "POST", body });
    } catch (error) {
      showError("lint-error", error);
    }
  }

  function fileBase64(file) {
    return new Promise((resolve, reject) => {
      const reader = new FileReader();
      reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ""));
      reader.onerror = () => reject(new Error("文件读取失败"));
      reader.readAsDataURL(file);
    });
  }

  async function runLint() {
    showError("lint-error", null);
    const out = byTest("lint-result");
    let body;
    try {
      body = draftRequest(null);
    } catch (error) {
      showError("lint-error", error);
      return;
    }
    const file = byTest("lint-file").files[0];
    const text = byTest("lint-text").value;
    if (file) {
      body.filename = file.name;
      body.file_base64 = await fileBase64(file);
    } else if (text.trim()) {
      body.text = text;
    } else {
      showError("lint-error", "请先粘贴申报书正文或选择文件。");
      return;
    }
    const button = byTest("lint-submit");
    setBusy(button, true, "检查中…");
    try {
      const report = await api("/api/draft/lint", { method: "POST", body });
      out.textContent = "";
      const findings = report.findings || [];
      const counts = {};
      for (const f of findings) counts[f.severity] = (counts[f.severity] || 0) + 1;
      out.append(h("p", { class: `lint-summary ${report.ok ? "ok" : "bad"}`, testid: "lint-summary" },
        report.ok && !findings.length ? "未发现问题。"
          : `发现 ${findings.length} 个问题：` + Object.entries(counts).map(([s, n]) => `${SEVERITY_LABELS[s] || s} ${n}`).join("，")));
      if (findings.length) {
        out.append(h("ol", { class: "findings", testid: "lint-findings" }, findings.map((f) => h("li", {
          class: `finding severity-${f.severity}`, testid: "lint-finding", "data-kind": f.kind, "data-severity": f.severity,
        },
        h("div", { class: "finding-head" },
          h("span", { class: `badge severity severity-${f.severity}` }, SEVERITY_LABELS[f.severity] || f.severity),
          f.section ? h("span", { class: "where" }, `「${f.section}」`) : null,
          f.line ? h("span", { class: "where" }, `第${f.line}行`) : null),
        h("p", { class: "finding-message" }, f.message),
        f.fix ? h("p", { class: "finding-fix" }, h("strong", {}, "修改建议："), f.fix) : null,
        f.citation ? h("p", { class: "rule-cite" }, "依据：", citationButton(f.citation, "lint-citation")) : null))));
      }
    } catch (error) {
      out.textContent = "";
      showError("lint-error", error);
    } finally {
      setBusy(button, false);
    }
  }

  // ---------------------------------------------------------------- helpdesk

  /** What a hotline staff member reads out: the answer's own text (it opens with the direct answer and
      keeps every item line of a list), then the notice's contact phone. No [n] marks, no citation list. */
  function replyText(result) {
    const answer = plainText(result.answer || "").split("\n").map((l) => l.replace(/\s+$/, "")).join("\n").replace(/\n{3,}/g, "\n\n").trim();
    const lines = [answer];
    let ids = [...new Set(result.notices || [])];
    if (!ids.length) ids = [...new Set((result.citations || []).map((c) => c.notice_id))];
    const contacts = [];
    for (const id of ids) {
      const notice = state.noticeById.get(id);
      if (!notice) continue;
      const numbers = (notice.contacts || []).map((c) => c.phone).filter(Boolean);
      if (numbers.length && numbers.every((n) => answer.includes(n))) continue;  // the answer already gives them
      const phones = contactLines(notice);
      const label = ids.length > 1 ? `${notice.doc_no || shortName(notice)}：` : "";
      contacts.push(`${label}${phones.length ? phones.join("；") : "通知未载明咨询电话"}`);
    }
    if (contacts.length === 1) lines.push("", `咨询电话：${contacts[0]}`);
    else if (contacts.length) lines.push("", "咨询电话：", ...contacts);
    return lines.join("\n");
  }

  async function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      try {
        await navigator.clipboard.writeText(text);
        return true;
      } catch {
        /* permission denied: try the textarea fallback */
      }
    }
    const area = h("textarea", { readonly: true, class: "offscreen", "aria-hidden": "true" });
    area.value = text;
    document.body.append(area);
    area.select();
    let ok = false;
    try {
      ok = document.execCommand("copy");
    } catch {
      ok = false;
    }
    area.remove();
    return ok;
  }

  async function runHelpdesk(question) {
    showError("help-error", null);
    const result = byTest("help-result");
    const button = byTest("help-submit");
    setBusy(button, true, "查询中…");
    byTest("help-copy-status").textContent = "";
    try {
      // A fresh session per call: hotline questions are independent; the session is deleted afterwards.
      const data = await api("/api/chat", { method: "POST", body: { message: question } });
      if (data.session_id) {
        api(`/api/sessions/${encodeURIComponent(data.session_id)}`, { method: "DELETE" }).catch(() => {});
      }
      const answer = byTest("help-answer");
      answer.textContent = "";
      answer.classList.toggle("abstained", Boolean(data.abstained));
      const head = h("div", { class: "msg-head" },
        ROUTE_LABELS[data.route] ? h("span", { class: "badge route", testid: "route-badge", "data-route": data.route }, ROUTE_LABELS[data.route]) : null,
        data.abstained ? h("span", { class: "badge abstain", testid: "abstained-badge" }, "通知未涉及") : null,
        (data.notices || []).map((id) => {
          const n = state.noticeById.get(id);
          return n ? h("span", { class: "notice-tag", title: n.title }, shortName(n), deadlineBadge(n)) : null;
        }));
      const body = h("div", { class: "answer", testid: "help-answer-text" });
      renderAnswer(body, data.answer || "", data.citations);
      answer.append(head, body);
      const sources = byTest("help-sources");
      sources.replaceWith(sourcesList(data.citations, "help-sources", "help-source"));
      const cited = (data.citations || []).length > 0;
      byTest("help-sources").hidden = !cited;
      byTest("help-sources-title").hidden = !cited;  // an abstention cites nothing: no empty heading
      const reply = byTest("help-reply");
      reply.textContent = "";
      add(reply, keepTogether(replyText(data)));  // the copied text is the element's textContent
      result.hidden = false;
    } catch (error) {
      showError("help-error", error);
    } finally {
      setBusy(button, false);
    }
  }

  function initHelpdesk() {
    byTest("help-form").addEventListener("submit", (event) => {
      event.preventDefault();
      const question = byTest("help-input").value.trim();
      if (question) runHelpdesk(question);
    });
    byTest("help-copy").addEventListener("click", async () => {
      const status = byTest("help-copy-status");
      const ok = await copyText(byTest("help-reply").textContent);
      status.textContent = ok ? "已复制到剪贴板" : "复制失败，请手动选中下方文本复制";
      status.dataset.ok = ok ? "true" : "false";
    });
  }

  // ---------------------------------------------------------------- start

  async function init() {
    initTabs();
    initChat();
    initHelpdesk();
    byTest("notice-panel-close").addEventListener("click", closePanel);
    document.addEventListener("keydown", (event) => {
      if (event.key === "Escape" && !byTest("notice-panel").hidden) closePanel();
    });
    try {
      await loadNotices();
    } catch (error) {
      showError("global-error", `通知列表载入失败：${error.message}`);
      return;
    }
    const results = await Promise.allSettled([restoreSession(), initEligibility(), initDrafting()]);
    const failed = results.find((r) => r.status === "rejected");
    if (failed) showError("global-error", `页面部分功能载入失败：${failed.reason && failed.reason.message}`);
    document.body.dataset.ready = "true";
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
