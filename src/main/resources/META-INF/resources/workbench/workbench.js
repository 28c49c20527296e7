// Shared helpers of the workbench pages (docs/workbench.md). No library, nothing from outside the service.
"use strict";
const Workbench = {
  TOKEN_KEY: "pbm.workbench.token",
  /** The bearer token field: kept in this tab's sessionStorage only, never in localStorage or a cookie. */
  bindToken(input) {
    if (!input) return;
    input.value = sessionStorage.getItem(Workbench.TOKEN_KEY) || "";
    input.addEventListener("input", () => {
      const value = input.value.trim();
      if (value) sessionStorage.setItem(Workbench.TOKEN_KEY, value); else sessionStorage.removeItem(Workbench.TOKEN_KEY);
    });
  },
  headers(json) {
    const headers = {"Accept": "application/json"};
    if (json) headers["Content-Type"] = "application/json";
    const token = sessionStorage.getItem(Workbench.TOKEN_KEY);
    if (token) headers["Authorization"] = "Bearer " + token.replace(/^Bearer\s+/i, "");
    return headers;
  },
  el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === undefined || v === null) continue;
      if (k === "class") e.className = v; else if (k.startsWith("data-")) e.setAttribute(k, v); else e[k] = v;
    }
    for (const c of children) e.append(c instanceof Node ? c : document.createTextNode(c === undefined || c === null ? "" : String(c)));
    return e;
  },
  /** A problem+json answer as readable text: title, detail and each offending field. */
  problemText(status, body) {
    if (!body || typeof body !== "object") return "HTTP " + status;
    let text = "HTTP " + status + " " + (body.title || "") + (body.detail ? "：" + body.detail : "");
    for (const e of body.errors || []) text += "\n  " + (e.field || "") + " " + (e.message || "");
    return text;
  },
  async readBody(response) {
    const text = await response.text();
    try { return JSON.parse(text); } catch (e) { return text; }
  }
};
