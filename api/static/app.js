/* Shenbao web page: chat (streaming answers with clickable citations), eligibility self-check,
   declaration drafting + lint, and the hotline reply view. Plain JS, no dependencies, works offline. */
"use strict";

(() => {
  // ---------------------------------------------------------------- constants and labels

  const SESSION_KEY = "shenbao.session_id";
  const ROUTE_LABELS = { qa: "问答", eligibility: "资格判断", drafting: "起草" };
  const VERDICT_LABELS = { eligible: "符合", ineligible: "不符合", at_risk: "有风险", undetermined: "待补充信息" };
  const VERDICT_SUMMARY = {
    eligible: "按已填写的信息，符合各项硬性申报条件。",
    ineligible: "按已填写的信息，不符合申报条件（至少一项硬性条件不满足）。",
    at_risk: "硬性条件满足，但有“原则上”的要求未达到，存在不被推荐的风险。",
    undetermined: "信息不足，暂无法判断：请回答下方列出的问题。",
  };
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
  const CITE_RE = /\[(\d+)\]/g;

  const state = {
    notices: [],
    noticeById: new Map(),
    pinned: new Set(),
    sessionId: readSession(),
    texts: new Map(),
    fields: {},
    outlines: new Map(),
    panelToken: 0,
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
    for (const child of children.flat()) {
      if (child === null || child === undefined || child === false) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  class ApiError extends Error {
    constructor(message, status) {
      super(message);
      this.status = status;
    }
  }

  async function errorFrom(resp) {
    let message = `请求失败（HTTP ${resp.status}）`;
    try {
      const data = await resp.json();
      if (data && data.error && data.error.message) message = data.error.message;
    } catch {
      /* not JSON: keep the generic message */
    }
    return new ApiError(message, resp.status);
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

  function citationLabel(c) {
    const docNo = c.doc_no ? `（${c.doc_no}）` : "";
    return `《${c.title}》${docNo}`;
  }

  /** A button that opens the cited clause in the side panel. */
  function citationButton(c, testid, text) {
    return h("button", {
      type: "button",
      class: "cite-ref",
      testid,
      "data-notice-id": c.notice_id,
      title: `打开原文：${c.title}${c.section ? " · " + c.section : ""}`,
      onclick: () => openNotice(c.notice_id, c),
    }, text || `${citationLabel(c)}${c.section ? " " + c.section : ""}：“${c.quote}”`);
  }

  /** The answer text with each [n] that has a citation turned into a link to the clause. */
  function renderAnswer(container, text, citations) {
    container.textContent = "";
    const byN = new Map((citations || []).map((c) => [c.n, c]));
    let last = 0;
    for (const match of text.matchAll(CITE_RE)) {
      const cite = byN.get(Number(match[1]));
      if (!cite) continue;
      container.append(text.slice(last, match.index));
      container.append(h("a", {
        href: `#cite-${cite.n}`,
        class: "cite-link",
        testid: "cite-link",
        "data-n": cite.n,
        "data-notice-id": cite.notice_id,
        title: `${cite.title} · ${cite.section}`,
        "aria-label": `引文${cite.n}：${cite.title}`,
        onclick: (event) => {
          event.preventDefault();
          openNotice(cite.notice_id, cite);
        },
      }, `[${cite.n}]`));
      last = match.index + match[0].length;
    }
    container.append(text.slice(last));
  }

  function sourcesList(citations, testid, itemTestid) {
    const list = h("ol", { class: "sources", testid });
    for (const c of citations || []) {
      list.append(h("li", { testid: itemTestid, "data-n": c.n, "data-notice-id": c.notice_id },
        h("button", { type: "button", class: "cite-ref", "data-n": c.n, onclick: () => openNotice(c.notice_id, c) },
          h("span", { class: "n" }, `[${c.n}]`), " ", citationLabel(c), c.section ? h("span", { class: "section" }, ` ${c.section}`) : null),
        h("blockquote", {}, c.quote)));
    }
    return list;
  }

  // ---------------------------------------------------------------- tabs

  const VIEWS = ["chat", "eligibility", "draft", "helpdesk"];

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
      const parts = [notice.doc_no, notice.issuer, notice.issued_on ? `${notice.issued_on} 发布` : null].filter(Boolean);
      meta.append(parts.join(" · "), " ", deadlineBadge(notice) || "");
      const phones = contactLines(notice);
      if (phones.length) meta.append(h("br"), `咨询：${phones.join("；")}`);
    }
    const citeLine = byTest("notice-panel-cite");
    citeLine.textContent = cite ? `引文${cite.n ? " [" + cite.n + "]" : ""}：${cite.section || ""}` : "";
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
      textBox.append(text);
      if (cite) citeLine.textContent += "（未能在原文中定位该引文）";
      textBox.scrollTop = 0;
      return;
    }
    const mark = h("mark", { testid: "cited-span", id: "cited-span" }, text.slice(start, end));
    textBox.append(text.slice(0, start), mark, text.slice(end));
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
    const notices = await api("/api/notices");
    state.notices = notices;
    state.noticeById = new Map(notices.map((n) => [n.id, n]));
    renderChips();
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

  function togglePin(id) {
    if (state.pinned.has(id)) state.pinned.delete(id);
    else state.pinned.add(id);
    // After the last pin is removed, the next question searches all notices again.
    state.scopeCleared = state.pinned.size === 0;
    renderChips();
  }

  // ---------------------------------------------------------------- chat

  function chatLog() {
    return byTest("chat-log");
  }

  function scrollChat() {
    const log = chatLog();
    log.scrollTop = log.scrollHeight;
  }

  function hideEmpty() {
    const empty = byTest("chat-empty");
    if (empty) empty.hidden = true;
  }

  function appendUser(text) {
    hideEmpty();
    chatLog().append(h("div", { class: "msg user", testid: "msg-user" }, h("div", { class: "bubble" }, text)));
    scrollChat();
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
    scrollChat();
    return { root, answer, routeBadge, text: "" };
  }

  function setRoute(view, route) {
    if (!route) return;
    view.routeBadge.textContent = ROUTE_LABELS[route] || route;
    view.routeBadge.dataset.route = route;
    view.routeBadge.hidden = false;
    view.root.dataset.route = route;
  }

  function markAbstained(view) {
    if (view.root.classList.contains("abstained")) return;
    view.root.classList.add("abstained");
    view.root.querySelector(".msg-head").append(h("span", { class: "badge abstain", testid: "abstained-badge" }, "通知未涉及"));
  }

  function finishAssistant(view, result) {
    view.root.dataset.state = "done";
    view.root.setAttribute("aria-busy", "false");
    const typing = view.root.querySelector(".typing");
    if (typing) typing.remove();
    setRoute(view, result.route);
    if (result.abstained) markAbstained(view);
    renderAnswer(view.answer, result.answer || "", result.citations);
    const badges = h("div", { class: "answer-deadlines", testid: "answer-deadlines" });
    for (const id of result.notices || []) {
      const notice = state.noticeById.get(id);
      if (!notice) continue;
      badges.append(h("span", { class: "notice-tag", title: notice.title }, shortName(notice), deadlineBadge(notice)));
    }
    if (badges.childNodes.length) view.root.append(badges);
    if (result.citations && result.citations.length) {
      view.root.append(h("details", { class: "sources-box", open: true },
        h("summary", {}, `引用条款（${result.citations.length}）`),
        sourcesList(result.citations, "citation-list", "citation-item")));
    }
    scrollChat();
  }

  function failAssistant(view, error) {
    view.root.dataset.state = "error";
    view.root.setAttribute("aria-busy", "false");
    const typing = view.root.querySelector(".typing");
    if (typing) typing.remove();
    view.root.classList.add("failed");
    view.root.append(h("p", { class: "msg-error", role: "alert", testid: "chat-error" }, error.message || String(error)));
    scrollChat();
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
    appendUser(message);
    const view = appendAssistant();
    const body = { message, stream: true };
    if (state.sessionId) body.session_id = state.sessionId;
    if (state.pinned.size) body.notice_ids = [...state.pinned];
    else if (state.scopeCleared) body.notice_ids = [];
    state.scopeCleared = false;
    try {
      const resp = await api("/api/chat", { method: "POST", body, raw: true });
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
          view.answer.textContent = view.text;
          scrollChat();
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
    for (const m of data.messages || []) {
      if (m.role === "user") appendUser(m.content);
      else if (m.role === "assistant") finishAssistant(appendAssistant(), m.result || { answer: m.content, citations: [] });
    }
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
    const hintId = `${id}-hint`;
    const common = { id, name, testid: `elig-field-${name}`, "aria-describedby": hintId, "data-type": type };
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
    return h("div", { class: `field${type === "list" || type === "dates" ? " wide" : ""}`, "data-field": name },
      h("label", { for: id }, label), control, extra, h("small", { id: hintId }, info.question || ""));
  }

  function splitList(text) {
    return text.split(/[、,，;；\s]+/).map((s) => s.trim()).filter(Boolean);
  }

  /** The profile from the form: empty fields are left out (unknown), never sent as empty values. */
  function collectProfile() {
    const profile = {};
    for (const [name, info] of Object.entries(state.fields)) {
      const control = document.getElementById(`elig-f-${name}`);
      if (!control) continue;
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
    const grid = byTest("elig-fields");
    grid.textContent = "";
    for (const [name, info] of Object.entries(state.fields)) grid.append(eligFieldControl(name, info));
    const select = byTest("elig-notice");
    for (const id of data.notices || []) {
      select.append(h("option", { value: id }, `${shortName(state.noticeById.get(id)) || id}：${noticeTitle(id)}`));
    }
    select.addEventListener("change", refreshModeSuggestions);
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

  function eligResultBlock(result, headingLevel = "h3") {
    const notice = state.noticeById.get(result.notice_id);
    const verdict = result.verdict;
    const rules = result.rules || [];
    const order = { fail: 0, unknown: 1, pass: 2, not_applicable: 3 };
    const sorted = [...rules].sort((a, b) => (order[a.status] ?? 9) - (order[b.status] ?? 9));
    return h("section", { class: `elig-block verdict-${verdict}`, testid: "elig-notice-result", "data-notice-id": result.notice_id },
      h(headingLevel, {}, notice ? notice.title : result.notice_id, notice && notice.doc_no ? h("small", {}, `（${notice.doc_no}）`) : null),
      h("p", { class: "verdict-line" },
        h("span", { class: `badge verdict verdict-${verdict}`, testid: "elig-verdict", "data-verdict": verdict }, VERDICT_LABELS[verdict] || verdict),
        " ", VERDICT_SUMMARY[verdict] || "",
        result.as_of ? h("span", { class: "as-of" }, `（判断基准日 ${result.as_of}）`) : null,
        notice ? deadlineBadge(notice) : null),
      missingBlock(result.missing),
      h("ol", { class: "rules", testid: "elig-rules" }, sorted.map(ruleItem)));
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
      if (data.results) {
        const table = h("table", { class: "ranking", testid: "elig-ranking" },
          h("caption", {}, "各通知的自查结论（按符合程度排序）"),
          h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "序号"), h("th", { scope: "col" }, "通知"), h("th", { scope: "col" }, "结论"), h("th", { scope: "col" }, "不满足"), h("th", { scope: "col" }, "待补充"))),
          h("tbody", {}, (data.ranking || []).map((r) => h("tr", { "data-notice-id": r.notice_id },
            h("td", {}, r.rank), h("td", {}, shortName(state.noticeById.get(r.notice_id)) || r.notice_id),
            h("td", {}, h("span", { class: `badge verdict verdict-${r.verdict}` }, VERDICT_LABELS[r.verdict] || r.verdict)),
            h("td", {}, (r.failing || []).length), h("td", {}, (r.missing || []).length)))));
        out.append(table, ...data.results.map((r) => eligResultBlock(r, "h3")));
      } else {
        out.append(eligResultBlock(data, "h3"));
      }
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
    return h("section", { class: `draft-section level-${level}`, testid: "draft-section", "data-kind": section.kind || "section" },
      h(`h${level + 3}`, { class: "draft-heading", testid: "draft-heading" }, section.heading),
      section.guidance ? h("p", { class: "guidance", testid: "draft-guidance" }, h("strong", {}, "编写提示："), section.guidance) : null,
      requirements.length ? h("div", { class: "checklist" },
        h("p", { class: "checklist-title" }, "本节应回应的要求："),
        h("ul", { testid: "draft-requirements" }, requirements.map((r) => h("li", { testid: "draft-requirement" },
          h("span", { class: "box", "aria-hidden": "true" }, "☐ "),
          r.label && r.label !== r.text ? h("strong", {}, `${r.label}：`) : null,
          r.text,
          r.citation ? [" ", citationButton(r.citation, "draft-req-citation", `[依据${r.citation.section ? "：" + r.citation.section : ""}]`)] : null)))) : null,
      h("div", { class: "draft-text", testid: "draft-text" }, withTodos(section.text || "")),
      section.missing && section.missing.length ? h("p", { class: "section-missing" }, `还缺：${section.missing.join("、")}`) : null);
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
      out.append(
        h("h3", { testid: "draft-title" }, data.title || "申报书正文"),
        h("p", { class: "muted" }, `${data.notice_title || noticeTitle(data.notice_id)} · ${CATEGORY_LABELS[data.category] || data.category}`,
          data.modes && data.modes.length ? ` · 模式：${data.modes.join("、")}` : "",
          todoCount ? h("span", { class: "todo-count" }, ` · 待补充 ${todoCount} 处`) : null),
        (data.warnings || []).length ? h("ul", { class: "warnings", testid: "draft-warnings" }, data.warnings.map((w) => h("li", {}, typeof w === "string" ? w : JSON.stringify(w)))) : null,
        (data.missing || []).length ? h("p", { class: "section-missing", testid: "draft-missing" }, `建议补充的信息：${data.missing.map((m) => (state.fields[m] && state.fields[m].label) || m).join("、")}`) : null,
        ...(data.sections || []).map(draftSection));
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

  function replyText(result) {
    const lines = ["答复：", result.answer.trim()];
    const citations = result.citations || [];
    if (citations.length) {
      lines.push("", "依据条款：");
      for (const c of citations) lines.push(`[${c.n}] ${citationLabel(c)}${c.section ? c.section : ""}：“${c.quote}”`);
    }
    const ids = [];
    for (const id of [...(result.notices || []), ...citations.map((c) => c.notice_id)]) if (!ids.includes(id)) ids.push(id);
    const contacts = [];
    for (const id of ids) {
      const notice = state.noticeById.get(id);
      if (!notice) continue;
      const phones = contactLines(notice);
      contacts.push(phones.length ? `《${notice.title}》：${phones.join("；")}` : `《${notice.title}》：通知未载明咨询电话`);
    }
    if (contacts.length) lines.push("", "咨询电话：", ...contacts);
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
      const head = h("div", { class: "msg-head" }, h("span", { class: "badge route", testid: "route-badge", "data-route": data.route }, ROUTE_LABELS[data.route] || data.route),
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
      byTest("help-sources").hidden = !(data.citations || []).length;
      byTest("help-reply").textContent = replyText(data);
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
