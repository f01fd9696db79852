/* The review desk (/review): filters, counts with small charts, the conversation list, one
 * conversation turn by turn, and the form that writes a reviewed message into the corpora.
 * Plain JS, no build step; every text staff read is Chinese. API: bot/web/review_api.py. */
(function () {
  "use strict";
  const $ = (sel, root) => (root || document).querySelector(sel);
  const SVG = "http://www.w3.org/2000/svg";
  let choices = null;
  let schema = null;

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k === "class") node.className = v;
      else if (k === "text") node.textContent = v;
      else if (v !== null && v !== undefined && v !== false) node.setAttribute(k, v === true ? "" : v);
    }
    for (const c of children) if (c !== null && c !== undefined) node.append(c);
    return node;
  }

  function daysAgo(n) {
    const d = new Date(Date.now() - n * 86400000);
    return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
  }

  function pct(x) { return (100 * x).toFixed(1) + "%"; }

  async function getJSON(url, options) {
    const res = await fetch(url, Object.assign({credentials: "same-origin"}, options || {}));
    let body = null;
    try { body = await res.json(); } catch (e) { body = null; }
    if (!res.ok) {
      if (res.status === 401 || res.status === 403) { window.location.assign("/review"); }
      throw new Error((body && body.error) || "服务器没有应答，请稍后再试。");
    }
    return body;
  }

  // -- filters ---------------------------------------------------------------------------
  function query() {
    const form = $("#filters");
    const params = new URLSearchParams();
    for (const box of form.querySelectorAll("input[name=flag]:checked")) params.append("flag", box.value);
    for (const name of ["from", "to", "channel", "programme"]) {
      const value = form.elements[name].value;
      if (value) params.set(name, value);
    }
    return params;
  }

  function restore(params) {
    const form = $("#filters");
    const flags = params.getAll("flag");
    for (const box of form.querySelectorAll("input[name=flag]")) box.checked = flags.includes(box.value);
    for (const name of ["from", "to", "channel", "programme"]) form.elements[name].value = params.get(name) || "";
  }

  function fillChoices(c) {
    choices = c;
    const boxes = $("#flag-boxes");
    for (const [flag, label] of Object.entries(c.flags)) {
      boxes.append(el("label", {class: "check"}, el("input", {type: "checkbox", name: "flag", value: flag, id: "flag-" + flag}), " " + label));
    }
    for (const [value, label] of Object.entries(c.channels)) $("#channel").append(el("option", {value: value, text: label}));
    for (const p of c.programmes) $("#programme").append(el("option", {value: p.programme, text: p.programme + " " + p.name}));
  }

  // -- counts and charts -----------------------------------------------------------------
  function bars(target, rows, labelOf, valueOf, caption) {
    const box = $(target);
    box.replaceChildren();
    if (!rows.length) { box.append(el("p", {class: "help", text: "暂无数据"})); return; }
    const max = Math.max(...rows.map(valueOf), 1);
    const rowH = 22, width = Math.max(260, box.clientWidth || 420), labelW = Math.min(170, width * 0.4);
    const svg = document.createElementNS(SVG, "svg");
    svg.setAttribute("viewBox", `0 0 ${width} ${rows.length * rowH + 4}`);
    svg.setAttribute("width", width); svg.setAttribute("height", rows.length * rowH + 4);
    svg.setAttribute("role", "img");
    svg.setAttribute("aria-label", caption + "：" + rows.map(r => `${labelOf(r)} ${valueOf(r)}`).join("，"));
    rows.forEach((r, i) => {
      const y = i * rowH + 2;
      const label = document.createElementNS(SVG, "text");
      label.setAttribute("x", labelW - 6); label.setAttribute("y", y + 15); label.setAttribute("text-anchor", "end");
      label.setAttribute("class", "bar-label");
      const name = labelOf(r);
      label.textContent = name.length > 11 ? name.slice(0, 10) + "…" : name;
      const bar = document.createElementNS(SVG, "rect");
      const w = Math.max(2, (width - labelW - 50) * valueOf(r) / max);
      bar.setAttribute("x", labelW); bar.setAttribute("y", y + 3); bar.setAttribute("height", rowH - 6);
      bar.setAttribute("width", w); bar.setAttribute("class", "bar");
      const value = document.createElementNS(SVG, "text");
      value.setAttribute("x", labelW + w + 4); value.setAttribute("y", y + 15); value.setAttribute("class", "bar-value");
      value.textContent = valueOf(r);
      svg.append(label, bar, value);
    });
    box.append(svg);
  }

  function dayChart(days) {
    const box = $("#chart-days");
    box.replaceChildren();
    if (!days.length) { box.append(el("p", {class: "help", text: "暂无数据"})); return; }
    const shown = days.slice(-31);
    const width = Math.max(260, box.clientWidth || 420), height = 150, base = 125;
    const max = Math.max(...shown.map(d => d.messages), 1);
    const step = Math.min(48, (width - 20) / shown.length);
    const svg = document.createElementNS(SVG, "svg");
    svg.setAttribute("viewBox", `0 0 ${width} ${height}`);
    svg.setAttribute("width", width); svg.setAttribute("height", height);
    svg.setAttribute("role", "img");
    svg.setAttribute("aria-label", "每日会话数与消息数：" + shown.map(d => `${d.day} 会话${d.conversations} 消息${d.messages}`).join("，"));
    shown.forEach((d, i) => {
      const x = 10 + i * step;
      for (const [key, cls, off] of [["messages", "bar light", 0], ["conversations", "bar", step * 0.25]]) {
        const h = (base - 10) * d[key] / max;
        const r = document.createElementNS(SVG, "rect");
        r.setAttribute("x", x + off); r.setAttribute("y", base - h); r.setAttribute("width", Math.max(2, step * 0.5));
        r.setAttribute("height", Math.max(1, h)); r.setAttribute("class", cls);
        svg.append(r);
      }
      if (shown.length <= 8 || i === 0 || i === shown.length - 1) {
        const t = document.createElementNS(SVG, "text");
        t.setAttribute("x", x); t.setAttribute("y", height - 8); t.setAttribute("class", "bar-label");
        t.textContent = d.day.slice(5);
        svg.append(t);
      }
    });
    box.append(svg, el("p", {class: "legend"}, el("span", {class: "key dark"}), " 会话 ", el("span", {class: "key light"}), " 用户消息"));
  }

  function showFigures(f) {
    const totals = $("#totals");
    totals.replaceChildren(
      el("li", {id: "total-conversations"}, el("b", {text: String(f.conversations)}), " 个会话"),
      el("li", {id: "total-messages"}, el("b", {text: String(f.messages)}), " 条用户消息"),
      el("li", {id: "fallback-rate"}, "没听懂或超出范围 ", el("b", {text: pct(f.fallback_rate)})),
      el("li", {id: "down-rate"}, "“没帮助”占评价 ", el("b", {text: pct(f.down_rate)}), ` （${f.down}/${f.rated}）`),
      el("li", {id: "checks"}, "完成核对 ", el("b", {text: String(f.checks_completed)}), ` / 开始 ${f.checks_started}`));
    dayChart(f.days);
    bars("#chart-programmes", f.programmes, r => r.name, r => r.count, "问得最多的政策");
    bars("#chart-aspects", f.aspects, r => r.name, r => r.count, "问得最多的方面");
    bars("#chart-eligible", f.eligible, r => r.name, r => r.count, "核对后可申请的政策");
  }

  // -- the list --------------------------------------------------------------------------
  function badge(flag) { return el("span", {class: "badge flag-" + flag, text: choices.flags[flag]}); }

  function showList(data) {
    $("#count").textContent = data.total > data.conversations.length
      ? `（共 ${data.total} 个，显示最近 ${data.conversations.length} 个）` : `（共 ${data.total} 个）`;
    const list = $("#list");
    list.replaceChildren();
    if (!data.conversations.length) list.append(el("li", {class: "help", text: "没有符合条件的会话。"}));
    for (const c of data.conversations) {
      const check = {completed: "完成核对", abandoned: "核对中途放弃", started: "核对进行中"}[c.check];
      const button = el("button", {type: "button", class: "item", "data-sender": c.sender, "data-start": c.start},
        el("span", {class: "when", text: `${c.time} · ${c.channel_label} · ${c.messages} 条消息`}),
        el("span", {class: "first", text: c.first || "（无文字）"}),
        el("span", {class: "badges"}, ...c.flags.map(badge),
          ...(check && c.check !== "abandoned" ? [el("span", {class: "badge", text: check})] : []),
          ...c.programmes.slice(0, 3).map(p => el("span", {class: "badge prog", text: p.name}))));
      button.addEventListener("click", () => open(c.sender, c.start));
      list.append(el("li", {class: "conversation"}, button));
    }
  }

  async function load(push) {
    // The first load takes the address's filters (a bookmarked or shared view), else the last 30
    // days; then the form's.
    const params = choices ? query() : new URLSearchParams(location.search || "?from=" + daysAgo(29));
    $("#msg").textContent = "";
    if (push) history.replaceState(null, "", "/review" + (params.toString() ? "?" + params : ""));
    for (const [id, what] of [["#export-list", "conversations"], ["#export-days", "days"]]) {
      const p = new URLSearchParams(params); p.set("what", what);
      $(id).setAttribute("href", "/api/review/export.csv?" + p);
    }
    $("#list").dataset.state = "loading";          // "ready" once shown (the browser tests wait for it)
    try {
      const data = await getJSON("/api/review/conversations?" + params);
      if (!choices) { fillChoices(data.choices); restore(params); }
      showFigures(data.figures);
      showList(data);
    } catch (err) {
      $("#msg").textContent = err.message;
    }
    $("#list").dataset.state = "ready";
  }

  // -- one conversation ------------------------------------------------------------------
  function highlighted(text, entities) {
    const p = el("p", {class: "said"});
    const spans = (entities || []).filter(e => Number.isInteger(e.start) && Number.isInteger(e.end))
      .sort((a, b) => a.start - b.start);
    let at = 0;
    for (const e of spans) {
      if (e.start < at) continue;
      p.append(text.slice(at, e.start), el("mark", {title: `${e.entity}：${e.value}`, text: text.slice(e.start, e.end)}));
      at = e.end;
    }
    p.append(text.slice(at));
    return p;
  }

  function understoodList(t) {
    const dl = el("dl", {class: "understood"});
    const add = (term, value) => { if (value) dl.append(el("dt", {text: term}), el("dd", {text: value})); };
    const ranking = t.ranking.slice(1).map(r => `${r.intent} ${(100 * r.confidence).toFixed(0)}%`).join("，");
    add("意图", t.intent ? `${t.intent}（${(100 * (t.confidence || 0)).toFixed(0)}%）` + (ranking ? `；其次 ${ranking}` : "") : null);
    add("识别的词", t.entities.map(e => `${e.entity}=${e.value}（第${e.start + 1}–${e.end}字）`).join("；"));
    add("当时在问", t.pending_label);
    add("身份", t.subject_label);
    add("记下的事实", t.recorded.map(r => `${r.label}：${r.value_label}`).join("；"));
    const q = t.question;
    if (q.kind) add("问题（按当前版本重新解读）", [q.kind_label, q.programme_name, q.aspect_label].filter(Boolean).join(" · "));
    return dl;
  }

  function option(select, value, label) { select.append(el("option", {value: value, text: label})); }

  async function keyList(list) {
    if (!schema) schema = await getJSON("/api/schema");
    const root = s => (s.name === "person" || s.name === "student") ? "person" : "organisation";
    const seen = new Set();
    for (const s of schema.subjects) {
      for (const f of s.fields) {
        const key = `${root(s)}.${f.name}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const values = f.values ? "：" + f.values.map(v => v.value).join("/") : f.type === "bool" ? "：true/false" : "";
        list.append(el("li", {}, el("code", {text: key}), ` ${f.label}${values}`));
      }
    }
  }

  function markForm(conv, t) {
    const form = $("#mark-form").content.firstElementChild.cloneNode(true);
    const uid = "m" + t.event_id;
    for (const lab of form.querySelectorAll("label[data-for]")) {
      const field = form.querySelector(`[data-name=${lab.dataset.for}]`);
      field.id = `${uid}-${lab.dataset.for}`; field.name = lab.dataset.for; lab.htmlFor = field.id;
    }
    const s = t.suggest;
    form.elements.facts.value = s.facts;
    form.elements.states_facts.checked = !!s.facts;
    form.elements.asks.checked = !!s.kind;
    form.elements.out_of_scope.checked = t.flags.includes("out_of_scope");
    const people = {"": "（不确定）", person: "个人", student: "大学生", enterprise: "企业", training_org: "培训机构", studio: "技能大师工作室", agent: "热线坐席"};
    for (const name of ["speaker", "subject"]) for (const [v, l] of Object.entries(people)) {
      if (name === "subject" && v === "agent") continue;
      option(form.elements[name], v, l);
    }
    form.elements.speaker.value = s.speaker || ""; form.elements.subject.value = s.subject || "";
    form.elements.unknown.value = s.unknown || "";
    for (const [v, l] of Object.entries(KINDS)) option(form.elements.kind, v, l);
    form.elements.kind.value = s.kind || "";
    for (const p of choices.programmes) option(form.elements.programmes, p.programme, `${p.programme} ${p.name}`);
    for (const o of form.elements.programmes.options) o.selected = s.programmes.map(String).includes(o.value);
    for (const [v, l] of Object.entries(INTENTS)) option(form.elements.intent, v, l);
    form.elements.intent.value = t.flags.includes("out_of_scope") ? "out_of_scope" : s.kind ? "ask_programme" : (t.intent in INTENTS ? t.intent : "inform");
    const parts = () => {
      const oos = form.elements.out_of_scope.checked;
      form.querySelector(".facts-part").hidden = !form.elements.states_facts.checked || oos;
      form.querySelector(".question-part").hidden = !form.elements.asks.checked || oos;
      if (oos) form.elements.intent.value = "out_of_scope";
    };
    form.addEventListener("change", parts);
    parts();
    const keys = form.querySelector("details.keys");
    keys.addEventListener("toggle", () => { if (keys.open && !keys.querySelector("li")) keyList(keys.querySelector("ul")); });
    form.addEventListener("submit", async (ev) => {
      ev.preventDefault();
      const msg = form.querySelector(".mark-msg");
      const lines = name => form.elements[name].value.split("\n").map(x => x.trim()).filter(Boolean);
      const body = {
        sender: conv.sender, start: conv.start, event_id: t.event_id,
        states_facts: form.elements.states_facts.checked, asks: form.elements.asks.checked,
        out_of_scope: form.elements.out_of_scope.checked,
        facts: form.elements.facts.value, speaker: form.elements.speaker.value, subject: form.elements.subject.value,
        unknown: form.elements.unknown.value, intent: form.elements.intent.value,
        question: {kind: form.elements.kind.value, programmes: [...form.elements.programmes.selectedOptions].map(o => o.value),
                   verdict: form.elements.verdict.value, must: lines("must"), must_not: lines("must_not")},
      };
      msg.classList.remove("error"); msg.textContent = "正在写入…";
      try {
        const res = await getJSON("/api/review/mark", {method: "POST", headers: {"Content-Type": "application/json"}, body: JSON.stringify(body)});
        msg.textContent = "已写入：" + res.written.map(w => `${w[0]} ${w[1]}`).join("；");
        form.closest("li").querySelector(".written").textContent = "已写入：" + res.written.map(w => `${w[0]} ${w[1]}`).join("；");
      } catch (err) {
        msg.classList.add("error"); msg.textContent = err.message;
      }
    });
    return form;
  }

  async function open(sender, start) {
    $("#msg").textContent = "";
    let conv;
    try {
      conv = await getJSON(`/api/review/conversation?sender=${encodeURIComponent(sender)}&start=${start}`);
    } catch (err) { $("#msg").textContent = err.message; return; }
    const detail = $("#detail");
    detail.hidden = false;
    $("#detail-h").textContent = `会话 ${conv.time}`;
    $("#detail-meta").textContent = `${conv.channel_label} · ${conv.messages} 条消息` +
      (conv.eligible.length ? ` · 核对结果可申请：${conv.eligible.join("、")}` : "") +
      (conv.feedback.length ? ` · “没帮助” ${conv.feedback.length} 次` : "");
    const turns = $("#turns");
    turns.replaceChildren();
    for (const t of conv.turns) {
      const li = el("li", {class: "turn", "data-event": t.event_id},
        el("div", {class: "who"}, el("span", {class: "time", text: t.time}), " 用户", t.button ? "（点选按钮）" : "",
          ...t.flags.map(badge)),
        highlighted(t.text, t.entities),
        understoodList(t),
        el("div", {class: "answers"}, el("span", {class: "who", text: "助手回答："}),
          ...t.replies.map(r => el("p", {class: "answer" + (r.type ? " custom" : ""), text: r.text || `（${r.type}）`}))),
        el("p", {class: "written", text: t.written.length ? "已写入：" + t.written.map(w => `${w[0]} ${w[1]}`).join("；") : ""}));
      if (!t.button) {
        const more = el("details", {class: "mark-box"}, el("summary", {text: "标注并写入语料"}));
        more.addEventListener("toggle", () => { if (more.open && !more.querySelector("form")) more.append(markForm(conv, t)); }, {once: false});
        li.append(more);
      }
      turns.append(li);
    }
    $("#detail-h").focus();
  }

  const KINDS = {"": "（请选择）", content: "政策内容", object: "政策对象", conditions: "申请条件", amount: "兑付标准",
    level_amount: "某一等级的金额", cap: "上限", bonus: "加发", instalment: "分期发放", topup: "补差", process: "业务流程",
    materials: "申报材料", unit: "责任单位", phone: "联系电话", date: "日期与期限", frequency: "受理频次", publicity: "公示",
    yes_no: "能不能（是非）", comparison: "比较", combination: "能否同时享受", supplementary: "附则", other_district: "其他区县"};
  const INTENTS = {inform: "inform 说明情况", ask_programme: "ask_programme 问政策", check_eligibility: "check_eligibility 想核对",
    out_of_scope: "out_of_scope 超出范围", list_programmes: "list_programmes 有哪些政策", human_handoff: "human_handoff 找人工",
    greet: "greet 问候", goodbye: "goodbye 告别", thanks: "thanks 感谢", affirm: "affirm 肯定", deny: "deny 否定",
    dont_know: "dont_know 不知道", start_over: "start_over 重新开始"};

  $("#filters").addEventListener("submit", (ev) => { ev.preventDefault(); load(true); });
  load(false);
})();
