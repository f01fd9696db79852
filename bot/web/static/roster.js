// Roster pre-check page: upload (XHR, for upload progress) → job → poll progress → summary and report link.
(function () {
  "use strict";
  var form = document.getElementById("upload");
  var file = document.getElementById("file");
  var asOf = document.getElementById("as-of");
  var go = document.getElementById("go");
  var msg = document.getElementById("msg");
  var box = document.getElementById("progress");
  var bar = document.getElementById("bar");
  var stage = document.getElementById("stage");
  var percent = document.getElementById("percent");
  var result = document.getElementById("result");
  var maxBytes = parseInt(form.dataset.maxBytes, 10);
  var POLL_MS = 400;

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }
  function yuan(n) { return (n || 0) + "元"; }      // as policy_kb.amounts.yuan writes it
  function show(stageText, value) {
    box.hidden = false;
    stage.textContent = stageText;
    bar.value = value;
    percent.textContent = value + "%";
  }
  function fail(text) {
    msg.textContent = text;
    box.hidden = true;
    go.disabled = false;
  }
  function readError(xhr) {
    try { return JSON.parse(xhr.responseText).error; } catch (e) { return null; }
  }

  function renderCounts(counts) {
    var list = document.getElementById("counts");
    list.textContent = "";
    Object.keys(counts).forEach(function (status) {
      list.appendChild(el("li", "status-" + status, status + " " + counts[status] + " 人"));
    });
  }
  function renderTotals(totals) {
    var wrap = document.getElementById("totals");
    wrap.textContent = "";
    totals.forEach(function (t) {
      var card = el("div", "total");
      card.dataset.payee = t["资金拨付给"];
      card.appendChild(el("div", "who", t["项目编号"]));
      card.appendChild(el("div", "money", yuan(t["预计可得（元，已按年度上限）"])));
      card.appendChild(el("div", "more", "符合 " + t["符合"] + " 人；待补充人员暂估 " + yuan(t["待补充人员暂估（元）"])));
      wrap.appendChild(card);
    });
  }
  function renderProgrammes(rows) {
    var body = document.querySelector("#programmes tbody");
    body.textContent = "";
    rows.forEach(function (r) {
      var tr = el("tr");
      tr.dataset.programme = r["项目编号"];
      var name = r["项目编号"] === "—" ? r["项目名称"] : r["项目编号"] + " " + r["项目名称"];
      tr.appendChild(el("td", null, name));
      tr.appendChild(el("td", null, r["资金拨付给"]));
      ["人数", "符合", "不符合", "待补充", "数据有误"].forEach(function (k) { tr.appendChild(el("td", "num", r[k])); });
      tr.appendChild(el("td", "num payable", yuan(r["预计可得（元，已按年度上限）"])));
      tr.appendChild(el("td", null, r["说明"]));
      body.appendChild(tr);
    });
  }
  function renderList(boxId, listId, items) {
    var list = document.getElementById(listId);
    list.textContent = "";
    items.forEach(function (text) { list.appendChild(el("li", null, text)); });
    document.getElementById(boxId).hidden = items.length === 0;
  }

  function render(job) {
    var r = job.result;
    document.getElementById("result-who").textContent =
      "单位：" + (r.org || "（未填写）") + "　申报日期：" + r.as_of + "　共预审 " + r.rows + " 行";
    renderCounts(r.counts);
    renderTotals(r.totals);
    renderProgrammes(r.programmes);
    renderList("warnings-box", "warnings", r.warnings);
    renderList("problems-box", "problems", r.problems.map(function (p) { return "第" + p.line + "行：" + p.reason; }));
    document.getElementById("problems-more").textContent = r.problem_count > r.problems.length
      ? "共 " + r.problem_count + " 行有误，其余见报告（预审结果为“数据有误”的行）。" : "";
    document.getElementById("report").href = job.report;
    result.hidden = false;
    result.scrollIntoView({ block: "start" });
  }

  function poll(id) {
    var xhr = new XMLHttpRequest();
    xhr.open("GET", "/api/roster/" + encodeURIComponent(id));
    xhr.onload = function () {
      var job = null;
      try { job = JSON.parse(xhr.responseText); } catch (e) { /* handled below */ }
      if (xhr.status !== 200 || !job) return fail((job && job.error) || "查询预审进度失败，请重新上传。");
      if (job.state === "failed") return fail("花名册无法预审：" + job.error);
      show(job.stage, job.percent);
      if (job.state === "done") {
        box.hidden = false;
        stage.textContent = "预审完成";
        go.disabled = false;
        return render(job);
      }
      setTimeout(function () { poll(id); }, POLL_MS);
    };
    xhr.onerror = function () { fail("与服务器的连接中断，请稍后重新上传。"); };
    xhr.send();
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    msg.textContent = "";
    result.hidden = true;
    var chosen = file.files[0];
    if (!chosen) return fail("请先选择花名册文件（.xlsx 或 .csv）。");
    if (!/\.(xlsx|csv)$/i.test(chosen.name)) {
      return fail("花名册应为 .xlsx 或 .csv 文件，收到“" + chosen.name + "”" +
        (/\.xls$/i.test(chosen.name) ? "（旧版 .xls 请在 Excel 中另存为 .xlsx）" : "") + "。");
    }
    if (chosen.size > maxBytes) {
      return fail("文件太大：花名册不能超过 " + form.dataset.maxMb + " MB（所选文件约 " +
        (chosen.size / 1048576).toFixed(1) + " MB）。请删去空白行和用不到的列，或分成几个文件分别上传。");
    }
    var data = new FormData();
    if (asOf.value) data.append("as_of", asOf.value);
    data.append("roster", chosen, chosen.name);
    go.disabled = true;
    show("上传", 0);
    var xhr = new XMLHttpRequest();
    xhr.open("POST", "/api/roster");
    xhr.upload.onprogress = function (e) {
      if (e.lengthComputable) show("上传", Math.floor(5 * e.loaded / e.total));
    };
    xhr.onload = function () {
      if (xhr.status !== 202) return fail(readError(xhr) || "上传失败，请稍后再试。");
      poll(JSON.parse(xhr.responseText).job);
    };
    xhr.onerror = function () { fail("上传失败：与服务器的连接中断，请检查文件大小后重试。"); };
    xhr.send(data);
  });
})();
