// 模拟 Simulate: edits a copy of the baseline's DMN files in the browser (cell by cell, by the table's id and the
// row and column numbers the page rendered from KIE's model), posts them as the candidate to
// POST /api/v1/simulations with the officer's token, and shows the transitions, money totals and changed items.
"use strict";
(function () {
  const root = document.getElementById("simulation");
  const el = Workbench.el;
  const uploads = {};
  Workbench.bindToken(document.getElementById("token"));

  // ---- editing ----
  function editedCells() {
    return [...document.querySelectorAll(".ruleset-tables.editable span.cell")]
      .filter(cell => cell.textContent.trim() !== cell.dataset.original.trim());
  }
  document.querySelector(".ruleset-tables.editable").addEventListener("input", (event) => {
    const cell = event.target.closest("span.cell");
    if (cell) cell.closest("td").classList.toggle("edited", cell.textContent.trim() !== cell.dataset.original.trim());
  });
  document.getElementById("reset-edits").addEventListener("click", () => {
    for (const cell of document.querySelectorAll(".ruleset-tables.editable span.cell")) {
      cell.textContent = cell.dataset.original;
      cell.closest("td").classList.remove("edited");
    }
  });
  document.getElementById("upload-file").addEventListener("change", async (event) => {
    const file = event.target.files[0];
    const path = document.getElementById("upload-path").value;
    if (!file) { delete uploads[path]; return; }
    uploads[path] = await file.text();
    document.getElementById("upload-status").textContent = `${file.name} → ${path}（${uploads[path].length} 字符）`;
  });

  function childElements(parent, localName) {
    return [...parent.children].filter(c => c.localName === localName);
  }

  /** The candidate files: uploaded files as they are; edited DMN files rewritten from the deployed text. */
  function candidateFiles() {
    const files = {};
    const edits = editedCells();
    for (const source of document.querySelectorAll("textarea.dmn-source")) {
      const path = source.dataset.path;
      if (uploads[path] !== undefined) { files[path] = uploads[path]; continue; }
      const mine = edits.filter(cell => cell.closest(".dmn-table").dataset.path === path);
      if (!mine.length) continue;
      const doc = new DOMParser().parseFromString(source.value, "application/xml");
      for (const cell of mine) {
        const tableId = cell.closest(".dmn-table").dataset.tableId;
        const table = [...doc.getElementsByTagNameNS("*", "decisionTable")].find(t => t.getAttribute("id") === tableId);
        const rule = childElements(table, "rule")[Number(cell.dataset.row)];
        const entry = childElements(rule, cell.dataset.kind)[Number(cell.dataset.col)];
        const text = childElements(entry, "text")[0];
        text.textContent = cell.textContent.trim();
      }
      let xml = new XMLSerializer().serializeToString(doc);
      if (!xml.startsWith("<?xml")) xml = '<?xml version="1.0" encoding="UTF-8"?>\n' + xml;
      files[path] = xml + "\n";
    }
    return files;
  }

  // ---- datasets ----
  async function loadSamples() {
    const select = document.getElementById("sample");
    const response = await fetch("/api/v1/simulations/samples", {headers: Workbench.headers(false)});
    const body = await Workbench.readBody(response);
    if (!response.ok) {
      select.replaceChildren(el("option", {value: ""}, "（" + Workbench.problemText(response.status, body).split("\n")[0] + "）"));
      return;
    }
    const mine = body.filter(s => s.rulesetId === root.dataset.ruleset);
    select.replaceChildren(...(mine.length ? mine : [{name: "", description: "（此规则集无样例，请上传请求清单）"}])
      .map(s => el("option", {value: s.name, title: s.description || ""},
        s.name ? `${s.name}（${s.requests} 个请求、${s.items} 项；${s.description || ""}）` : s.description)));
  }
  document.getElementById("load-samples").addEventListener("click", loadSamples);
  document.getElementById("token").addEventListener("change", loadSamples);
  if (sessionStorage.getItem(Workbench.TOKEN_KEY)) loadSamples();

  async function dataset() {
    if (document.querySelector("input[name=dataset-kind]:checked").value === "sample") {
      const name = document.getElementById("sample").value;
      if (!name) throw new Error("请先载入并选择一个样例数据集（需要令牌）");
      return {sample: name};
    }
    const file = document.getElementById("dataset-file").files[0];
    if (!file) throw new Error("请选择要上传的请求清单（JSON）");
    const parsed = JSON.parse(await file.text());
    return {requests: Array.isArray(parsed) ? parsed : parsed.requests || (parsed.dataset && parsed.dataset.requests)};
  }

  // ---- results ----
  function show(result) {
    document.getElementById("result").hidden = false;
    const c = result.comparison;
    const meta = document.getElementById("result-meta");
    meta.replaceChildren(
      el("dt", {}, "基准 baseline"), el("dd", {}, `${result.baseline.version} · ${result.baseline.sha256}`),
      el("dt", {}, "候选 candidate SHA-256"), el("dd", {id: "candidate-sha"}, result.candidate.sha256),
      el("dt", {}, "接口 endpoint"), el("dd", {}, result.endpoint || ""),
      el("dt", {}, "请求 requests"), el("dd", {}, c.requests === undefined ? "" : c.requests),
      el("dt", {}, "评估项 evaluated"), el("dd", {id: "evaluated"}, c.evaluated),
      el("dt", {}, "变动项 changed"), el("dd", {id: "changed"}, c.changed),
      el("dt", {}, "被拒请求 rejected"), el("dd", {id: "rejected"}, (c.rejected || []).length));

    const byField = new Map();
    for (const t of c.transitions) {
      if (!byField.has(t.field)) byField.set(t.field, []);
      byField.get(t.field).push(t);
    }
    const transitions = document.getElementById("transitions");
    transitions.replaceChildren();
    if (!byField.size) transitions.append(el("p", {}, "无变动 no transitions"));
    for (const [field, list] of byField) {
      const froms = [...new Set(list.map(t => t.from))];
      const tos = [...new Set(list.map(t => t.to))];
      const count = (f, t) => { const x = list.find(y => y.from === f && y.to === t); return x ? x.count : 0; };
      transitions.append(el("table", {"class": "matrix", "data-field": field},
        el("caption", {}, field + "（行：基准 baseline；列：候选 candidate）"),
        el("thead", {}, el("tr", {}, el("th", {}, "从 \\ 到"), ...tos.map(t => el("th", {}, t)))),
        el("tbody", {}, ...froms.map(f => el("tr", {},
          el("th", {}, f), ...tos.map(t => el("td", {"class": count(f, t) ? "count" : "zero",
            "data-field": field, "data-from": f, "data-to": t}, count(f, t))))))));
    }
    const money = document.getElementById("money");
    money.replaceChildren(c.money.length ? el("table", {"class": "money"},
      el("thead", {}, el("tr", {}, el("th", {}, "金额字段 field"), el("th", {}, "基准 baseline"), el("th", {}, "候选 candidate"), el("th", {}, "差额 difference"))),
      el("tbody", {}, ...c.money.map(m => el("tr", {"data-field": m.field},
        el("td", {}, m.field), el("td", {"class": "num"}, m.baseline), el("td", {"class": "num"}, m.candidate),
        el("td", {"class": "num"}, m.difference))))) : el("p", {}, "无金额字段 no amounts"));
    const items = document.getElementById("changed-items");
    items.replaceChildren(el("p", {}, `列出前 ${c.changedItems.length} 项（共 ${c.changed} 项变动）`),
      el("table", {"class": "changed-items"},
        el("thead", {}, el("tr", {}, el("th", {}, "请求 request"), el("th", {}, "项 item"), el("th", {}, "基准答复 baseline"), el("th", {}, "候选答复 candidate"))),
        el("tbody", {}, ...c.changedItems.map(i => el("tr", {},
          el("td", {}, i.request), el("td", {}, i.item),
          el("td", {}, el("pre", {}, JSON.stringify(i.baseline, null, 1)), explain(i.baselineExplanation)),
          el("td", {}, el("pre", {}, JSON.stringify(i.candidate, null, 1)), explain(i.candidateExplanation)))))));
    const checks = document.getElementById("checks");
    const cand = result.candidate;
    const scenarios = cand.scenarios;
    checks.replaceChildren(
      el("p", {}, `编译信息 ${cand.messages.length} 条；表格分析 ${cand.analysis.length} 条` +
        (scenarios ? `；场景 ${scenarios.suite || ""} 通过 ${scenarios.passed}、失败 ${scenarios.failed}` : "")),
      el("ul", {}, ...cand.messages.map(m => el("li", {}, `${m.severity} ${m.file || ""} ${m.message}`)),
        ...cand.analysis.map(a => el("li", {}, `${a.kind} ${a.table || ""} 行 ${JSON.stringify(a.rows || [])} ${a.message}`)),
        ...((scenarios && scenarios.failures) || []).map(f => el("li", {}, `场景失败 ${f.scenario} ${f.case}: ${f.message}`)),
        ...(c.rejected || []).map(r => el("li", {}, `请求 ${r.request} 被拒 HTTP ${r.status} ${r.title || ""} ` +
          (r.errors || []).map(e => e.field + " " + e.message).join("; ")))));
  }
  function explain(tables) {
    return el("small", {}, (tables || []).map(t => `${t.decisionLabel || t.decision} 行 ${JSON.stringify(t.matchedRows)}`).join("；"));
  }

  // ---- download: the candidate files and the manifest entry to add ----
  function offerDownload(files) {
    const box = document.getElementById("download");
    const links = document.getElementById("download-links");
    links.replaceChildren();
    for (const [path, text] of Object.entries(files)) {
      const url = URL.createObjectURL(new Blob([text], {type: "application/xml"}));
      links.append(el("p", {}, el("a", {href: url, download: path.split("/").pop(), "class": "download",
        "data-path": path}, "下载 " + path)));
    }
    const version = document.getElementById("new-version");
    if (!version.value) version.value = nextVersion(root.dataset.version);
    const effective = document.getElementById("new-effective");
    if (!effective.value) effective.value = new Date().toISOString().slice(0, 10);
    box.hidden = Object.keys(files).length === 0;
    manifestEntry();
  }
  function nextVersion(version) {
    const m = /^(\d+)\.(\d+)\.(\d+)(.*)$/.exec(version);
    return m ? `${m[1]}.${Number(m[2]) + 1}.0${m[4]}` : version + "-1";
  }
  function manifestEntry() {
    const d = root.dataset;
    const files = [...document.querySelectorAll("span.rule-file")].map(f => f.dataset.path);
    const quote = s => JSON.stringify(s);
    const lines = [
      `  - id: ${d.ruleset}`,
      `    title: ${d.title}`,
      `    version: ${quote(document.getElementById("new-version").value)}`];
    if (d.jurisdiction) lines.push(`    jurisdiction: ${quote(d.jurisdiction)}`);
    lines.push(`    effectiveFrom: ${quote(document.getElementById("new-effective").value)}`, "    files:",
      ...files.map(f => `      - ${f}`),
      `    source: ${d.source}`,
      `    change: >-`,
      `      ${document.getElementById("new-change").value || "（写明修改了哪些行、为什么，依据哪份文件哪一节）"}`);
    document.getElementById("manifest-entry").textContent = lines.join("\n");
  }
  for (const id of ["new-version", "new-effective", "new-change"]) {
    document.getElementById(id).addEventListener("input", manifestEntry);
  }

  document.getElementById("run").addEventListener("click", async () => {
    const status = document.getElementById("run-status");
    const problem = document.getElementById("problem");
    problem.hidden = true;
    document.getElementById("result").hidden = true;
    let body;
    try {
      const files = candidateFiles();
      body = {rulesetId: root.dataset.ruleset, baseline: {version: root.dataset.version}, candidate: {files},
        dataset: await dataset(), limit: Number(document.getElementById("limit").value || 20)};
      const jurisdiction = document.getElementById("jurisdiction").value.trim();
      if (jurisdiction) body.jurisdiction = jurisdiction;
      offerDownload(files);
    } catch (e) {
      status.textContent = e.message;
      return;
    }
    status.textContent = "运行中…";
    status.dataset.state = "running";
    const response = await fetch("/api/v1/simulations", {method: "POST", headers: Workbench.headers(true), body: JSON.stringify(body)});
    const answer = await Workbench.readBody(response);
    if (!response.ok) {
      problem.hidden = false;
      problem.textContent = Workbench.problemText(response.status, answer);
      status.textContent = "HTTP " + response.status + (response.status === 401 ? "：请粘贴政策股令牌" : response.status === 403 ? "：此令牌没有 policy-officer 角色" : "");
      status.dataset.state = "failed";
      return;
    }
    show(answer);
    status.textContent = `完成：评估 ${answer.comparison.evaluated} 项，变动 ${answer.comparison.changed} 项`;
    status.dataset.state = "done";
  });
})();
