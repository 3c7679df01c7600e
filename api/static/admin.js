"use strict";
/* Staff import on the 热线 view: upload a notice file (admin token), review the metadata read from its
   text, save corrections (the notice's overlay) or delete it. The API does the work: /api/admin/notices. */
(() => {
  const byTest = (id) => document.querySelector(`[data-testid="${id}"]`);
  const FIELDS = ["title", "issuer", "doc_no", "level", "region", "issued_on", "year", "batch", "genre"];
  let current = null;

  function show(id, text) {
    const box = byTest(id);
    box.textContent = text || "";
    box.hidden = !text;
  }

  function headers(json) {
    const h = { Authorization: `Bearer ${byTest("admin-token").value.trim()}` };
    if (json) h["Content-Type"] = "application/json";
    return h;
  }

  async function failure(resp) {
    try {
      const data = await resp.json();
      return (data.error && data.error.message) || `请求失败（${resp.status}）`;
    } catch {
      return `请求失败（${resp.status}）`;
    }
  }

  function fillMeta(meta) {
    current = meta.id;
    const form = byTest("admin-meta");
    byTest("admin-meta-id").textContent = meta.id;
    for (const name of FIELDS) form.elements[name].value = meta[name] == null ? "" : meta[name];
    form.hidden = false;
  }

  function upload(event) {
    event.preventDefault();
    const file = byTest("admin-file").files[0];
    if (!file) return;
    show("admin-error", "");
    const id = byTest("admin-id").value.trim();
    const query = new URLSearchParams({ filename: file.name });
    if (id) query.set("id", id);
    const xhr = new XMLHttpRequest();
    const bar = byTest("admin-progress");
    const button = byTest("admin-upload");
    xhr.open("POST", `/api/admin/notices?${query}`);
    for (const [k, v] of Object.entries(headers(false))) xhr.setRequestHeader(k, v);
    xhr.setRequestHeader("Content-Type", "application/octet-stream");
    xhr.upload.onprogress = (e) => { if (e.lengthComputable) bar.value = Math.round((100 * e.loaded) / e.total); };
    xhr.upload.onload = () => { byTest("admin-status").textContent = "已上传，正在清洗、切块和嵌入…"; };
    xhr.onloadend = () => {
      bar.hidden = true;
      button.disabled = false;
      let data = null;
      try { data = JSON.parse(xhr.responseText); } catch { data = null; }
      if (xhr.status !== 200) {
        byTest("admin-status").textContent = "";
        show("admin-error", (data && data.error && data.error.message) || `导入失败（${xhr.status || "无法连接服务器"}）`);
        return;
      }
      const n = data.summary.notices.find((x) => x.id === data.meta.id) || {};
      const removed = (n.removals || []).map((r) => `${r.reason} ${r.chars} 字`).join("；");
      byTest("admin-status").textContent =
        `已导入“${data.meta.id}”：${n.clean_chars || 0} 字，${n.chunks || 0} 块${removed ? `；清洗：${removed}` : ""}。请核对下面的元数据。`;
      fillMeta(data.meta);
    };
    bar.value = 0;
    bar.hidden = false;
    button.disabled = true;
    xhr.send(file);
  }

  async function save(event) {
    event.preventDefault();
    const form = byTest("admin-meta");
    const fields = {};
    for (const name of FIELDS) {
      const raw = form.elements[name].value.trim();
      fields[name] = raw === "" ? null : ["year", "batch"].includes(name) ? Number(raw) : raw;
    }
    if (!fields.genre) delete fields.genre;
    const resp = await fetch(`/api/admin/notices/${current}/meta`, { method: "PUT", headers: headers(true), body: JSON.stringify(fields) });
    if (!resp.ok) return show("admin-error", await failure(resp));
    show("admin-error", "");
    fillMeta((await resp.json()).meta);
    byTest("admin-status").textContent = "核对结果已保存并生效。";
  }

  async function remove() {
    if (!current || !window.confirm(`确定从索引中删除“${current}”？`)) return;
    const resp = await fetch(`/api/admin/notices/${current}`, { method: "DELETE", headers: headers(false) });
    if (!resp.ok) return show("admin-error", await failure(resp));
    byTest("admin-meta").hidden = true;
    byTest("admin-status").textContent = `已删除“${current}”。`;
    current = null;
  }

  function init() {
    if (!byTest("admin-form")) return;
    byTest("admin-form").addEventListener("submit", upload);
    byTest("admin-meta").addEventListener("submit", save);
    byTest("admin-delete").addEventListener("click", remove);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
