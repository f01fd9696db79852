/* Hotline agent page: caller's words → KB search cards and pre-filled facts; facts → live decision.
 * The facts form is generated from /api/schema (facts.yml); nothing about a programme is typed here.
 * What /api/understand read is shown as the sentence with its spans marked, and what was not read.
 * All text goes into the page with textContent (never as HTML).
 */
(function () {
  "use strict";
  var schema = null;
  var facts = { as_of: "", person: {}, organisation: {} };
  var lastDecision = null;
  var decideTimer = null;
  var decideSeq = 0;

  function $(id) { return document.getElementById(id); }
  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }
  function yuan(n) { return typeof n === "number" ? n + "元" : "金额待定"; }   // the KB's style: 5000元

  function api(method, url, body) {
    var opts = { method: method, headers: {} };
    if (body !== undefined) {
      opts.headers["Content-Type"] = "application/json";
      opts.body = JSON.stringify(body);
    }
    return fetch(url, opts).then(function (r) {
      return r.json().catch(function () { return { error: "服务器返回了无法识别的内容。" }; })
        .then(function (data) { return { ok: r.ok, status: r.status, data: data }; });
    }, function () {
      return { ok: false, status: 0, data: { error: "连不上服务器，请检查网络后重试。" } };
    });
  }

  // -- facts state helpers ------------------------------------------------------------
  function getAt(path) {
    var node = facts;
    for (var i = 0; i < path.length; i++) {
      if (node === null || typeof node !== "object") return undefined;
      node = node[path[i]];
    }
    return node;
  }
  function setAt(path, value) {
    var node = facts;
    for (var i = 0; i < path.length - 1; i++) {
      var key = path[i];
      if (node[key] === undefined || node[key] === null || typeof node[key] !== "object") {
        node[key] = typeof path[i + 1] === "number" ? [] : {};
      }
      node = node[key];
    }
    var last = path[path.length - 1];
    if (value === undefined) {
      if (Array.isArray(node)) node[last] = {};
      else delete node[last];
    } else {
      node[last] = value;
    }
  }
  /* Remove empty objects/arrays so "not filled" stays "not known" for the engine. */
  function prune(value) {
    if (Array.isArray(value)) return value.map(function (v) { return prune(v) || {}; });
    if (value && typeof value === "object") {
      var out = {};
      Object.keys(value).forEach(function (k) {
        var v = prune(value[k]);
        var empty = v === undefined || v === "" ||
          (v && typeof v === "object" && !Array.isArray(v) && !Object.keys(v).length);
        if (!empty) out[k] = v;
      });
      return out;
    }
    return value;
  }
  function factsForEngine() {
    var out = {};
    if (facts.as_of) out.as_of = facts.as_of;
    ["person", "organisation"].forEach(function (s) {
      var v = prune(facts[s]);
      if (v && Object.keys(v).length) out[s] = v;
    });
    return out;
  }

  // -- facts form, generated from the schema -----------------------------------------
  function idFor(path) { return "f-" + path.join("-"); }

  function parseTyped(type, raw) {
    raw = raw.trim();
    if (raw === "") return undefined;
    if (type === "int" && /^-?\d+$/.test(raw)) return parseInt(raw, 10);
    return raw;                   // anything else goes as typed: the server names what is wrong
  }

  /* An input with its own label, inline (checkbox choices, per-level counts). */
  function labelled(className, input, text, labelFirst) {
    var item = el("span", className);
    var l = el("label", null, text);
    l.htmlFor = input.id;
    item.appendChild(labelFirst ? l : input);
    item.appendChild(labelFirst ? input : l);
    return item;
  }

  function field(spec, path) {
    var wrap = el("div", "field field-" + spec.type);
    var id = idFor(path);
    var value = getAt(path);
    var label = el("label", null, spec.label);
    label.htmlFor = id;
    if (spec.type === "bool" || spec.type === "enum") {
      var select = el("select");
      select.id = id;
      var options = spec.type === "bool"
        ? [{ value: "", label: "不清楚" }, { value: "true", label: "是" }, { value: "false", label: "否" }]
        : [{ value: "", label: "不清楚" }].concat(spec.values);
      options.forEach(function (o) {
        var opt = el("option", null, o.label);
        opt.value = o.value;
        select.appendChild(opt);
      });
      select.value = value === undefined || value === null ? "" : String(value);
      select.addEventListener("change", function () {
        var v = select.value;
        setAt(path, v === "" ? undefined : spec.type === "bool" ? v === "true" : v);
        scheduleDecide();
      });
      wrap.appendChild(label);
      wrap.appendChild(select);
    } else if (spec.type === "enum_list") {
      // Nothing ticked: not known yet. "无" (none of them) is an answer of its own: an empty list.
      var fs = el("fieldset", "choices");
      fs.id = id;
      fs.appendChild(el("legend", null, spec.label));
      var chosen = Array.isArray(value) ? value : [];
      var noneBox = el("input");
      noneBox.type = "checkbox";
      noneBox.id = id + "-none";
      noneBox.checked = Array.isArray(value) && !value.length;
      var boxes = spec.values.map(function (o, i) {
        var box = el("input");
        box.type = "checkbox";
        box.id = id + "-" + i;
        box.value = o.value;
        box.checked = chosen.indexOf(o.value) >= 0;
        box.addEventListener("change", function () {
          if (box.checked) noneBox.checked = false;
          var picked = boxes.filter(function (b) { return b.checked; }).map(function (b) { return b.value; });
          setAt(path, picked.length ? picked : undefined);
          scheduleDecide();
        });
        fs.appendChild(labelled("choice-item", box, o.label, false));
        return box;
      });
      noneBox.addEventListener("change", function () {
        if (noneBox.checked) boxes.forEach(function (b) { b.checked = false; });
        setAt(path, noneBox.checked ? [] : undefined);
        scheduleDecide();
      });
      fs.appendChild(labelled("choice-item choice-none", noneBox, "无（都没有）", false));
      wrap.appendChild(fs);
    } else if (spec.type === "counts") {
      var cfs = el("fieldset", "counts");
      cfs.id = id;
      cfs.appendChild(el("legend", null, spec.label));
      spec.keys.forEach(function (k) {
        var kp = path.concat([k]);
        var inp = el("input");
        inp.id = idFor(kp);
        inp.inputMode = "numeric";
        inp.value = getAt(kp) === undefined ? "" : String(getAt(kp));
        inp.addEventListener("input", function () { setAt(kp, parseTyped("int", inp.value)); scheduleDecide(); });
        cfs.appendChild(labelled("count-item", inp, k, true));
      });
      wrap.appendChild(cfs);
    } else if (spec.type === "list") {
      wrap.appendChild(listField(spec, path));
    } else if (spec.type === "object") {
      var ofs = el("fieldset", "group");
      ofs.appendChild(el("legend", null, spec.label));
      spec.fields.forEach(function (f) { ofs.appendChild(field(f, path.concat([f.name]))); });
      wrap.appendChild(ofs);
    } else {                      // int, date, month: typed text, checked by the server
      var text = el("input");
      text.id = id;
      text.type = "text";
      if (spec.type === "int") text.inputMode = "numeric";
      text.placeholder = spec.type === "date" ? "如 2025-05-10" : spec.type === "month" ? "如 2025-09" : "整数";
      text.value = value === undefined || value === null ? "" : String(value);
      text.addEventListener("input", function () { setAt(path, parseTyped(spec.type, text.value)); scheduleDecide(); });
      wrap.appendChild(label);
      wrap.appendChild(text);
    }
    if (spec.question && spec.type !== "object") wrap.title = spec.question;
    var filled = value !== undefined && value !== null && value !== "" &&
      !(Array.isArray(value) && !value.length) && spec.type !== "object" && spec.type !== "list";
    if (filled) wrap.classList.add("filled");      // what is already known stands out
    return wrap;
  }

  function listField(spec, path) {
    var fs = el("fieldset", "group list");
    fs.id = idFor(path);
    fs.appendChild(el("legend", null, spec.label));
    var items = getAt(path);
    if (!Array.isArray(items) || !items.length) {
      // None at all (an empty list) differs from not known yet (nothing filled).
      var none = el("input");
      none.type = "checkbox";
      none.id = idFor(path) + "-none";
      none.checked = Array.isArray(items);
      none.addEventListener("change", function () { setAt(path, none.checked ? [] : undefined); scheduleDecide(); });
      fs.appendChild(labelled("choice-item choice-none", none, "无（没有" + spec.label + "）", false));
    }
    (Array.isArray(items) ? items : []).forEach(function (_, i) {
      var item = el("fieldset", "list-item");
      item.id = idFor(path.concat([i]));
      item.appendChild(el("legend", null, "第" + (i + 1) + "位"));
      spec.item.forEach(function (f) { item.appendChild(field(f, path.concat([i, f.name]))); });
      var remove = el("button", "secondary small", "删除第" + (i + 1) + "位");
      remove.type = "button";
      remove.addEventListener("click", function () {
        getAt(path).splice(i, 1);
        if (!getAt(path).length) setAt(path, undefined);
        renderFacts();
        scheduleDecide();
      });
      item.appendChild(remove);
      fs.appendChild(item);
    });
    var add = el("button", "secondary small", "添加一位（" + spec.label + "）");
    add.type = "button";
    add.addEventListener("click", function () {
      var list = Array.isArray(getAt(path)) ? getAt(path) : [];
      list.push({});
      setAt(path, list);
      renderFacts();
      var first = document.getElementById(idFor(path.concat([list.length - 1, spec.item[0].name])));
      if (first) first.focus();
    });
    fs.appendChild(add);
    return fs;
  }

  var openSubjects = { person: true, organisation: false };
  function renderFacts() {
    var form = $("facts");
    var focused = document.activeElement && document.activeElement.id;
    form.textContent = "";
    var asOf = field({ type: "date", label: schema.as_of.label, question: schema.as_of.question }, ["as_of"]);
    form.appendChild(asOf);
    schema.subjects.forEach(function (subject) {
      var details = el("details", "subject");
      details.open = openSubjects[subject.name];
      details.addEventListener("toggle", function () { openSubjects[subject.name] = details.open; });
      details.appendChild(el("summary", null, subject.label));
      subject.fields.forEach(function (f) { details.appendChild(field(f, [subject.name, f.name])); });
      form.appendChild(details);
    });
    if (focused && document.getElementById(focused)) document.getElementById(focused).focus();
    showFieldError();
  }

  // -- decision -------------------------------------------------------------------------
  function scheduleDecide() {
    clearTimeout(decideTimer);
    decideTimer = setTimeout(decide, 250);
  }

  // -- a wrong value: said in Chinese at its field, which is marked ------------------------
  var fieldError = null;        // {key, message} of the last refused fact, until a decision succeeds

  /* The form element for an engine key such as "organisation.training.trainees[0].group"
   * (or its nearest enclosing field that exists). */
  function elementForKey(key) {
    var parts = key.replace(/\[(\d+)\]/g, ".$1").split(".");
    for (var n = parts.length; n > 0; n--) {
      var found = document.getElementById("f-" + parts.slice(0, n).join("-"));
      if (found) return found;
    }
    return null;
  }

  function clearFieldError() {
    Array.prototype.forEach.call(document.querySelectorAll(".field-error"), function (e) { e.remove(); });
    Array.prototype.forEach.call(document.querySelectorAll("[aria-invalid]"), function (e) {
      e.removeAttribute("aria-invalid");
      e.removeAttribute("aria-describedby");
    });
    Array.prototype.forEach.call(document.querySelectorAll(".invalid"), function (e) { e.classList.remove("invalid"); });
  }

  function showFieldError() {
    clearFieldError();
    if (!fieldError) return;
    var target = elementForKey(fieldError.key);
    if (!target) return;
    var subject = target.closest("details.subject");
    if (subject && !subject.open) subject.open = true;
    var wrap = target.closest(".field") || target;
    wrap.classList.add("invalid");
    var msg = el("p", "field-error", fieldError.message);
    msg.id = target.id + "-error";
    if (/^(INPUT|SELECT|TEXTAREA)$/.test(target.tagName)) {
      target.setAttribute("aria-invalid", "true");
      target.setAttribute("aria-describedby", msg.id);
      target.insertAdjacentElement("afterend", msg);
    } else {
      target.appendChild(msg);
    }
  }

  function decide() {
    var seq = ++decideSeq;
    api("POST", "/api/decide", { facts: factsForEngine() }).then(function (res) {
      if (seq !== decideSeq) return;              // a newer request is on its way
      if (!res.ok) {
        var data = res.data || {};
        fieldError = data.key ? { key: data.key, message: data.field_error || data.error } : null;
        showFieldError();
        var alert = $("decision-msg");
        alert.textContent = (data.error || "判定失败。") + "（下方仍显示上一次的判定结果，请修改后再看。）";
        var target = fieldError && elementForKey(fieldError.key);
        if (target) {
          var go = el("button", "secondary small", "转到该项");
          go.type = "button";
          go.addEventListener("click", function () {
            var focusable = /^(INPUT|SELECT|TEXTAREA)$/.test(target.tagName) ? target : target.querySelector("input, select");
            (focusable || target).focus();
          });
          alert.appendChild(go);
        }
        $("results").classList.add("stale");
        return;
      }
      fieldError = null;
      clearFieldError();
      $("decision-msg").textContent = "";
      $("results").classList.remove("stale");
      lastDecision = res.data;
      renderDecision(res.data);
    });
  }

  function renderDecision(d) {
    var next = $("next");
    next.textContent = "";
    if (d.next_question) {
      next.appendChild(el("strong", null, "下一个要问的问题："));
      next.appendChild(el("span", "next-q", d.next_question.question));
    } else {
      next.appendChild(el("strong", null, "相关项目都已判定完毕，可以直接答复。"));
    }
    $("script").value = d.script;
    var box = $("results");
    box.textContent = "";
    var byNumber = {};
    d.results.forEach(function (r) { byNumber[r.programme] = r; });
    d.order.forEach(function (n) { box.appendChild(programmeResult(byNumber[n])); });   // server's ranking
  }

  function programmeResult(r) {
    var art = el("article", "programme status-" + r.status);
    art.id = "programme-" + r.programme;
    art.setAttribute("data-programme", r.programme);
    var head = el("header", "programme-head");
    head.appendChild(el("h3", null, "第" + r.programme + "项 " + r.name));
    head.appendChild(el("span", "badge badge-" + r.status, r.status_label));
    art.appendChild(head);

    var amount = el("p", "amount");
    amount.appendChild(el("strong", null, "金额："));
    // 待定 with what it would pay while the programme is 尚需确认 (never 0元 before the facts are known).
    amount.appendChild(el("span", "amount-value", r.amount_label || (r.status === "ineligible" ? "0元" : yuan(r.amount))));
    amount.appendChild(el("span", "clause", "（依据第" + r.amount_clause + "条）"));
    art.appendChild(amount);

    if (r.next_question) {
      var q = el("p", "programme-next");
      q.appendChild(el("strong", null, "待问："));
      q.appendChild(document.createTextNode(r.next_question.question));
      art.appendChild(q);
    }

    var table = el("table", "conditions");
    var cap = el("caption", null, "条件逐条核对");
    table.appendChild(cap);
    var thead = el("thead");
    var hr = el("tr");
    ["条款", "条件", "结果"].forEach(function (h) { var th = el("th", null, h); th.scope = "col"; hr.appendChild(th); });
    thead.appendChild(hr);
    table.appendChild(thead);
    var tbody = el("tbody");
    r.conditions.forEach(function (c) {
      var tr = el("tr", "cond cond-" + c.result);
      tr.appendChild(el("td", "clause-cell", c.clause));
      tr.appendChild(el("td", null, c.text));
      tr.appendChild(el("td", "result-cell", c.result_label));
      tbody.appendChild(tr);
    });
    table.appendChild(tbody);
    art.appendChild(table);

    var mats = el("div", "materials");
    mats.appendChild(el("h4", null, "申报材料清单"));
    if (r.materials.length) {
      var ul = el("ul");
      r.materials.forEach(function (m, i) {
        var li = el("li");
        var box = el("input");
        box.type = "checkbox";
        box.id = "mat-" + r.programme + "-" + i;
        var l = el("label", null, m);
        l.htmlFor = box.id;
        li.appendChild(box);
        li.appendChild(l);
        ul.appendChild(li);
      });
      mats.appendChild(ul);
    } else {
      mats.appendChild(el("p", null, "本项未列申报材料清单，以区人社局通知为准。"));
    }
    art.appendChild(mats);

    var contact = el("p", "contact");
    contact.appendChild(el("strong", null, "转接："));
    contact.appendChild(document.createTextNode(r.contact.unit + " "));
    contact.appendChild(el("span", "phone", r.contact.phone));
    art.appendChild(contact);

    if (r.notes && r.notes.length) {
      var notes = el("details", "notes");
      notes.appendChild(el("summary", null, "说明（" + r.notes.length + "条）"));
      var nl = el("ul");
      r.notes.forEach(function (n) { nl.appendChild(el("li", null, n)); });
      notes.appendChild(nl);
      art.appendChild(notes);
    }
    return art;
  }

  // -- caller's words: search cards and understanding ------------------------------------
  function renderCards(cards, answer) {
    var list = $("cards");
    list.textContent = "";
    if (answer && answer.text) {        // the chat's own answer, clause included: read it out
      var li = el("li", "answer");
      li.appendChild(el("h3", null, "答复（与在线助手相同）"));
      li.appendChild(el("p", "answer-text", answer.text));
      list.appendChild(li);
    }
    if (!cards.length) {
      list.appendChild(el("li", "empty", "没有找到相关政策，请换个说法。"));
      return;
    }
    cards.forEach(function (c) {
      var li = el("li", "card");
      li.setAttribute("data-programme", c.programme);
      li.appendChild(el("h3", null, "第" + c.programme + "项 " + c.name));
      li.appendChild(el("p", "content", c.content));
      (c.hits || []).slice(0, 2).forEach(function (h) {
        var p = el("p", "hit");
        var where = [h.section, h.clause ? "第" + h.clause + "条" : ""].filter(Boolean).join(" ");
        if (where) p.appendChild(el("span", "hit-section", where + "："));
        p.appendChild(document.createTextNode(h.text));
        li.appendChild(p);
      });
      li.appendChild(el("p", "contact", c.unit + " " + c.phone));
      var go = el("a", "go", "查看判定");
      go.href = "#programme-" + c.programme;
      li.appendChild(go);
      list.appendChild(li);
    });
  }

  function merge(target, source) {
    Object.keys(source || {}).forEach(function (k) {
      var v = source[k];
      if (v === null || v === undefined) return;
      if (v && typeof v === "object" && !Array.isArray(v) && target[k] && typeof target[k] === "object" &&
          !Array.isArray(target[k])) merge(target[k], v);
      else target[k] = v;
    });
  }

  // -- what was understood: the sentence as read, spans marked (displaCy's span style) ------
  var COLOURS = 8;          // .c0 … .c7 in agent.css, one per fact in order of appearance
  var MAX_LEVEL = 2;        // stacked underlines for overlapping spans: .lvl0 … .lvl2
  var readSeq = 0;

  function polarityClass(span) {
    return span.polarity === "neg" ? " neg" : span.polarity === "unknown" ? " unk" : "";
  }

  /* Overlapping spans get different underline levels; shorter ones sit closest to the text. */
  function levels(spans) {
    var order = spans.map(function (_, i) { return i; }).sort(function (a, b) {
      return (spans[a].end - spans[a].start) - (spans[b].end - spans[b].start) || spans[a].start - spans[b].start;
    });
    var level = [];
    order.forEach(function (i) {
      var taken = {};
      order.forEach(function (j) {
        if (level[j] !== undefined && spans[j].start < spans[i].end && spans[i].start < spans[j].end) taken[level[j]] = true;
      });
      var l = 0;
      while (taken[l]) l++;
      level[i] = l;
    });
    return level;
  }

  /* The small label after a span: fact and value as text, so screen readers read it in place. */
  function spanChip(span, colour) {
    var chip = el("span", "chip c" + colour + polarityClass(span) + (span.problem ? " problem" : ""));
    chip.appendChild(el("span", "sr-only", "（识别为"));
    chip.appendChild(el("span", "chip-label", span.full_label || span.label || span.fact));
    chip.appendChild(el("span", "sr-only", "："));
    chip.appendChild(el("span", "chip-value", span.value_label || ""));
    if (span.problem) {
      chip.appendChild(el("span", "sr-only", "，"));
      chip.appendChild(el("span", "chip-problem", "需核实"));
      chip.title = span.problem;
    }
    chip.appendChild(el("span", "sr-only", "）"));
    return chip;
  }

  function renderSentence(box, text, spans) {
    var colourOf = {};
    var count = 0;
    spans.forEach(function (s) { if (!(s.fact in colourOf)) colourOf[s.fact] = count++ % COLOURS; });
    var level = levels(spans);
    var byLevel = function (a, b) { return level[a] - level[b]; };
    var indices = spans.map(function (_, i) { return i; });
    function wrap(node, covering) {          // innermost = lowest level
      covering.sort(byLevel).forEach(function (i) {
        var outer = el("span", "mk c" + colourOf[spans[i].fact] + " lvl" + Math.min(level[i], MAX_LEVEL) +
          polarityClass(spans[i]));
        outer.appendChild(node);
        node = outer;
      });
      return node;
    }
    var cuts = [0, text.length];
    spans.forEach(function (s) { cuts.push(s.start, s.end); });
    cuts = cuts.filter(function (c, i) { return cuts.indexOf(c) === i; }).sort(function (a, b) { return a - b; });
    for (var k = 0; k < cuts.length - 1; k++) {
      var a = cuts[k], b = cuts[k + 1];
      var covering = indices.filter(function (i) { return spans[i].start <= a && spans[i].end >= b; });
      box.appendChild(wrap(document.createTextNode(text.slice(a, b)), covering));
      indices.filter(function (i) { return spans[i].end === b; }).sort(byLevel).forEach(function (i) {
        var across = indices.filter(function (j) { return spans[j].start < b && spans[j].end > b; });
        box.appendChild(wrap(spanChip(spans[i], colourOf[spans[i].fact]), across));
      });
    }
  }

  function hasFacts(found) {
    return ["person", "organisation"].some(function (s) { return found[s] && Object.keys(found[s]).length; });
  }

  /* Shows what the pipeline read; false when nothing at all was recognised (the box stays hidden). */
  function renderReading(data) {
    var box = $("reading");
    var text = typeof data.read_text === "string" ? data.read_text : "";
    var spans = (data.spans || []).filter(function (s) {
      return typeof s.start === "number" && typeof s.end === "number" && s.start >= 0 && s.start < s.end &&
        s.end <= text.length;
    });
    var unknown = data.unknown || [];
    if (!spans.length && !unknown.length && !hasFacts(data.facts || {})) {
      box.hidden = true;
      return false;
    }
    $("reading-who").textContent = data.subject_label ? "来电对象：" + data.subject_label : "";
    var sentence = $("reading-text");
    sentence.textContent = "";
    renderSentence(sentence, text, spans);
    var marked = {};
    spans.forEach(function (s) { if (s.polarity === "unknown") marked[s.fact] = true; });
    var labels = data.unknown_labels || {};
    var unmarked = unknown.filter(function (path) { return !marked[path]; })
      .map(function (path) { return labels[path] || path; });
    $("reading-unknown").textContent = unmarked.length ? "来电人不清楚：" + unmarked.join("、") : "";
    var missed = (data.unrecognised || []).map(function (u) { return u.text; });
    $("reading-missed").textContent = "未识别：" + (missed.length ? missed.join("；") : "无，整句都已识别。");
    box.hidden = false;
    return true;
  }

  function clearReading() {
    readSeq++;
    $("reading").hidden = true;
    ["reading-who", "reading-text", "reading-unknown", "reading-missed"].forEach(function (id) {
      $(id).textContent = "";
    });
  }

  function lookUp(ev) {
    if (ev) ev.preventDefault();
    var text = $("words").value.trim();
    var msg = $("words-msg");
    if (!text) { msg.textContent = "请先输入来电人说的话。"; $("words").focus(); return; }
    msg.textContent = "正在查询…";
    var seq = ++readSeq;
    var notes = [];
    var understood = null;          // true / false once the words were read
    var search = api("GET", "/api/search?q=" + encodeURIComponent(text)).then(function (res) {
      if (res.ok) renderCards(res.data.cards, res.data.answer);
      else notes.push(res.data.error);
    });
    var known = JSON.parse(JSON.stringify(facts));
    var understand = api("POST", "/api/understand", { text: text, known: known }).then(function (res) {
      if (seq !== readSeq) return;                 // newer words (or 清空) since
      if (!res.ok) { $("reading").hidden = true; notes.push(res.data.error); return; }
      var found = res.data.facts || {};
      ["person", "organisation"].forEach(function (s) {
        if (found[s] && Object.keys(found[s]).length) openSubjects[s] = true;
      });
      if (res.data.merged) {          // merged by the server as the chat merges (heads by position)
        Object.keys(facts).forEach(function (k) { delete facts[k]; });
        merge(facts, res.data.merged);
      } else merge(facts, found);
      understood = renderReading(res.data);
      (res.data.problems || []).forEach(function (p) { notes.push(p.message); });
      renderFacts();
      decide();
    });
    Promise.all([search, understand]).then(function () {
      if (seq !== readSeq) return;
      var lines = understood === false ? ["没有从这句话里识别出情况，请在“来电人情况”中直接填写。"] : [];
      lines = lines.concat(notes);
      if (!lines.length) lines.push("已在下方标出识别到的情况，并填入“来电人情况”，请核对后继续询问。");
      msg.textContent = lines.join(" ");
    });
  }

  function reset() {
    facts = { as_of: "", person: {}, organisation: {} };
    openSubjects = { person: true, organisation: false };
    $("words").value = "";
    $("cards").textContent = "";
    $("words-msg").textContent = "";
    clearReading();
    renderFacts();
    decide();
    $("words").focus();
  }

  function copyScript() {
    var area = $("script");
    var done = function () { $("copy-msg").textContent = "已复制"; };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(area.value).then(done, function () { area.select(); document.execCommand("copy"); done(); });
    } else {
      area.select();
      document.execCommand("copy");
      done();
    }
  }

  $("words-form").addEventListener("submit", lookUp);
  $("words").addEventListener("keydown", function (ev) {
    if (ev.key === "Enter" && (ev.ctrlKey || ev.metaKey)) lookUp(ev);
  });
  $("reset").addEventListener("click", reset);
  $("copy").addEventListener("click", copyScript);

  api("GET", "/api/schema").then(function (res) {
    if (!res.ok) { $("decision-msg").textContent = res.data.error || "无法读取情况表。"; return; }
    schema = res.data;
    renderFacts();
    decide();
  });
})();
