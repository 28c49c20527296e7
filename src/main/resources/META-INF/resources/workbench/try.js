// 试算 Try it: posts the form's JSON with ?explain=true, shows the answer and its explanation, and highlights the
// rows the engine matched in the rendered tables of the rule sets the explanation names.
"use strict";
(function () {
  const form = document.getElementById("try-form");
  const status = document.getElementById("try-status");
  Workbench.bindToken(document.getElementById("token"));

  async function tablesOf(ruleset) {
    const container = document.getElementById("tables");
    const selector = `.ruleset-tables[data-ruleset="${CSS.escape(ruleset.id)}"][data-version="${CSS.escape(ruleset.version)}"]`;
    let block = container.querySelector(selector);
    if (!block) {
      const response = await fetch(`/workbench/rulesets/${encodeURIComponent(ruleset.id)}/tables?version=${encodeURIComponent(ruleset.version)}`);
      const holder = document.createElement("div");
      holder.innerHTML = await response.text();
      block = holder.querySelector(".ruleset-tables");
      container.append(block);
    }
    return block;
  }

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    status.textContent = "提交中…";
    document.getElementById("try-result").hidden = true;
    let body;
    try {
      body = JSON.parse(document.getElementById("request").value);
    } catch (e) {
      status.textContent = "请求不是有效的 JSON：" + e.message;
      return;
    }
    const response = await fetch(form.dataset.path + "?explain=true", {
      method: "POST", headers: Workbench.headers(true), body: JSON.stringify(body)
    });
    const answer = await Workbench.readBody(response);
    document.getElementById("try-result").hidden = false;
    document.getElementById("answer").textContent = response.ok ? JSON.stringify(answer, null, 2) : Workbench.problemText(response.status, answer);
    const list = document.getElementById("explanation");
    list.replaceChildren();
    document.getElementById("tables").replaceChildren();
    if (!response.ok) {
      status.textContent = "HTTP " + response.status;
      return;
    }
    const explanation = answer.explanation || {tables: [], rules: []};
    let highlighted = 0;
    for (const match of explanation.tables || []) {
      const block = await tablesOf(match.ruleset);
      const section = block.querySelector(`.dmn-table[data-decision="${CSS.escape(match.decision)}"]`);
      // matchedRows: every row whose conditions held; rows: the ones the hit policy selected (for FIRST, the first)
      for (const row of match.matchedRows || []) {
        const tr = section && section.querySelector(`tr[data-row="${row}"]`);
        if (tr && !tr.classList.contains("matched")) { tr.classList.add("matched"); highlighted++; }
      }
      for (const r of match.rows || []) {
        const tr = section && section.querySelector(`tr[data-row="${r.row}"]`);
        if (tr) tr.classList.add("selected");
      }
      if (section) section.classList.add("has-match");
      const rows = (match.rows || []).map(r => `第${r.row}行` + (r.annotation ? "（" + r.annotation + "）" : "") +
        (r.inputs ? " 输入 " + JSON.stringify(r.inputs) : ""));
      list.append(Workbench.el("li", {"class": "table-match", "data-decision": match.decision},
        `${match.decisionLabel || match.decision}（${match.ruleset.id} ${match.ruleset.version}）命中行 ${JSON.stringify(match.matchedRows)}`,
        Workbench.el("ul", {}, ...rows.map(t => Workbench.el("li", {}, t)))));
    }
    for (const rule of explanation.rules || []) {
      const block = await tablesOf(rule.ruleset);
      const tr = block.querySelector(`table.drl tr[data-rule="${CSS.escape(rule.name)}"]`);
      if (tr) tr.classList.add("matched");
      list.append(Workbench.el("li", {"class": "rule-fired", "data-rule": rule.name},
        `DRL 规则 ${rule.name}（${rule.ruleset.id} ${rule.ruleset.version}）触发：${rule.description || ""}`));
    }
    status.textContent = `HTTP ${response.status}；高亮 ${highlighted} 行`;
    status.dataset.highlighted = String(highlighted);
  });
})();
