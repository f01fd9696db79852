/* 钱塘技能人才政策助手 — embeddable chat widget for Rasa's socket.io channel.
 *
 * Embed:  <link rel="stylesheet" href="/static/widget.css">
 *         <script src="/vendor/socket.io.min.js"></script>
 *         <script src="/static/widget.js" data-socket-url="http://localhost:5005" data-open="true"></script>
 *
 * Protocol (Rasa 3.6 SocketIOInput with session_persistence: true): on connect emit
 * `session_request` {session_id}; send `user_uttered` {message, session_id}; receive
 * `bot_uttered` {text, quick_replies} or a custom payload such as
 * {type: "programme_card", programme, name, amount, phone}. The session id and the
 * messages are kept in localStorage, so a reload shows the history and continues the
 * same conversation. Every text is put in the page with textContent (never as HTML);
 * phone numbers and http(s) addresses in answers become links built node by node.
 *
 * Other attributes: data-fallback-phone / data-fallback-unit (the hotline shown while the
 * assistant is unreachable; the web server fills them from policy_kb) and data-feedback-url
 * (where 👍/👎 on an answer are POSTed, default /api/feedback; empty: no feedback buttons).
 */
(function () {
  "use strict";
  var script = document.currentScript;
  var cfg = {
    socketUrl: script.getAttribute("data-socket-url") || "http://localhost:5005",
    socketPath: script.getAttribute("data-socket-path") || "/socket.io",
    // Sent when a conversation starts: the greeting, then the programme list.
    initPayloads: (script.getAttribute("data-init-payloads") || "/greet /list_programmes").split(/\s+/).filter(Boolean),
    open: script.getAttribute("data-open") === "true",
    storageKey: script.getAttribute("data-storage-key") || "qiantang-chat",
    fallbackPhone: script.getAttribute("data-fallback-phone") || "",
    fallbackUnit: script.getAttribute("data-fallback-unit") || "",
    feedbackUrl: script.hasAttribute("data-feedback-url") ? script.getAttribute("data-feedback-url") : "/api/feedback",
    maxLength: 500,
    typingTimeoutMs: 30000
  };

  // Choices that stand alone in a multi-select question ("可多选，没有请选“无”"): sent at once.
  var EXCLUSIVE = ["无", "没有", "都没有", "不知道", "不清楚"];

  // -- state kept across reloads ----------------------------------------------------
  function newId() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID().replace(/-/g, "");
    return (Date.now().toString(16) + Math.random().toString(16).slice(2)).slice(0, 32);
  }
  function load() {
    try {
      var s = JSON.parse(localStorage.getItem(cfg.storageKey) || "null");
      if (s && typeof s.sessionId === "string" && Array.isArray(s.messages)) {
        s.messages.forEach(function (m) { if (!m.id) m.id = newId(); });   // history from an older widget
        return s;
      }
    } catch (e) { /* unreadable storage: start afresh */ }
    return { sessionId: newId(), messages: [], greeted: false, open: cfg.open };
  }
  var state = load();
  function save() {
    try { localStorage.setItem(cfg.storageKey, JSON.stringify(state)); } catch (e) { /* full or blocked */ }
  }

  // -- DOM --------------------------------------------------------------------------
  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }
  function button(className, text, label) {
    var b = el("button", className, text);
    b.type = "button";
    if (label) b.setAttribute("aria-label", label);
    return b;
  }

  var root = el("div", "qtc-root");
  var launcher = button("qtc-launcher", "政策咨询");
  launcher.setAttribute("aria-controls", "qtc-panel");
  var panel = el("section", "qtc-panel");
  panel.id = "qtc-panel";
  panel.setAttribute("aria-label", "钱塘技能人才政策助手");

  var header = el("header", "qtc-header");
  var titles = el("div", "qtc-titles");
  titles.appendChild(el("h2", "qtc-title", "钱塘技能人才政策助手"));
  var status = el("p", "qtc-status", "正在连接…");
  status.setAttribute("role", "status");
  titles.appendChild(status);
  var restart = button("qtc-icon", "重新开始");
  restart.title = "清空对话并重新开始";
  restart.setAttribute("aria-haspopup", "dialog");
  var closer = button("qtc-icon", "收起", "收起对话窗口");
  header.appendChild(titles);
  header.appendChild(restart);
  header.appendChild(closer);

  // While the assistant cannot be reached: say so, and give the hotline instead (from policy_kb).
  var offline = el("div", "qtc-offline");
  offline.hidden = true;
  offline.appendChild(el("strong", null, "在线助手暂时连不上。"));
  if (cfg.fallbackPhone) {
    var call = el("p");
    call.appendChild(document.createTextNode("急需咨询请拨打" + (cfg.fallbackUnit || "") + "电话 "));
    call.appendChild(phoneLink(cfg.fallbackPhone));
    call.appendChild(document.createTextNode("（工作时间）。"));
    offline.appendChild(call);
  }
  offline.appendChild(el("p", null, "您的留言会保留，连上后自动发送。"));

  // The live region (role=log) holds the list of messages; new ones are only ever appended.
  var log = el("div", "qtc-log");
  log.setAttribute("role", "log");
  log.setAttribute("aria-live", "polite");
  log.setAttribute("aria-relevant", "additions");
  log.setAttribute("aria-label", "对话记录");
  log.tabIndex = 0;
  var list = el("ol", "qtc-list");
  log.appendChild(list);

  var typing = el("div", "qtc-typing");
  typing.hidden = true;
  var dots = el("span", "qtc-dots");
  dots.setAttribute("aria-hidden", "true");
  for (var i = 0; i < 3; i++) dots.appendChild(el("span", "qtc-dot"));
  typing.appendChild(dots);
  typing.appendChild(el("span", "qtc-typing-text", "助手正在输入…"));

  var form = el("form", "qtc-form");
  var inputId = "qtc-input";
  var label = el("label", "qtc-sr-only", "输入您的问题");
  label.htmlFor = inputId;
  var input = el("input", "qtc-input");
  input.id = inputId;
  input.type = "text";
  input.maxLength = cfg.maxLength;
  input.autocomplete = "off";
  input.placeholder = "请输入您的问题，如：高级技师补贴多少钱";
  var send = el("button", "qtc-send", "发送");
  send.type = "submit";
  var hint = el("p", "qtc-hint");
  hint.setAttribute("role", "alert");
  form.appendChild(label);
  form.appendChild(input);
  form.appendChild(send);

  // 重新开始 asks first, in the page (a window.confirm cannot be styled or read in Chinese everywhere).
  var confirmBox = el("div", "qtc-confirm");
  confirmBox.hidden = true;
  confirmBox.setAttribute("role", "alertdialog");
  confirmBox.setAttribute("aria-modal", "true");
  confirmBox.setAttribute("aria-labelledby", "qtc-confirm-title");
  confirmBox.setAttribute("aria-describedby", "qtc-confirm-text");
  var confirmTitle = el("h3", "qtc-confirm-title", "重新开始对话？");
  confirmTitle.id = "qtc-confirm-title";
  var confirmText = el("p", null, "当前的对话记录将被清空，已告诉助手的情况需要重新说明。");
  confirmText.id = "qtc-confirm-text";
  var confirmYes = button("qtc-confirm-yes", "清空对话");
  var confirmNo = button("qtc-confirm-no", "取消");
  var confirmRow = el("div", "qtc-confirm-row");
  confirmRow.appendChild(confirmNo);
  confirmRow.appendChild(confirmYes);
  confirmBox.appendChild(confirmTitle);
  confirmBox.appendChild(confirmText);
  confirmBox.appendChild(confirmRow);

  panel.appendChild(header);
  panel.appendChild(offline);
  panel.appendChild(log);
  panel.appendChild(typing);
  panel.appendChild(hint);
  panel.appendChild(form);
  panel.appendChild(confirmBox);
  root.appendChild(panel);
  root.appendChild(launcher);

  // -- links in answers ---------------------------------------------------------------
  // http(s) addresses, and phone numbers: 8-digit local numbers (optionally 0571-), mobiles, 400/800.
  var LINKS = /(https?:\/\/[^\s<>"'，。；、！？（）【】「」]+)|((?:0\d{2,3}-?)?(?<![\d.\-])[2-8]\d{7}(?![\d元年月日号条%])|(?<![\d.])1[3-9]\d{9}(?!\d)|(?<![\d.])[48]00-?\d{3}-?\d{4}(?!\d))/g;

  function phoneLink(number) {
    var a = el("a", "qtc-link", number);
    a.href = "tel:" + String(number).replace(/[^0-9+]/g, "");
    a.setAttribute("aria-label", "拨打电话 " + number);
    return a;
  }
  function webLink(url) {
    var a = el("a", "qtc-link", url);
    a.href = url;
    a.target = "_blank";
    a.rel = "noopener noreferrer";
    return a;
  }
  /* Appends `text` to `node` as text nodes, with phone numbers and web addresses as links. */
  function appendLinked(node, text) {
    text = String(text);
    var at = 0;
    LINKS.lastIndex = 0;
    var m;
    while ((m = LINKS.exec(text)) !== null) {
      var found = m[0];
      if (m[1]) found = found.replace(/[.,;:!?)\]]+$/, "");       // sentence punctuation after a URL
      if (m.index > at) node.appendChild(document.createTextNode(text.slice(at, m.index)));
      node.appendChild(m[1] ? webLink(found) : phoneLink(found));
      at = m.index + found.length;
      LINKS.lastIndex = at;
    }
    if (at < text.length) node.appendChild(document.createTextNode(text.slice(at)));
    return node;
  }

  // -- rendering --------------------------------------------------------------------
  function formatAmount(amount) {
    if (typeof amount === "number") return amount + "元";   // the KB's style: 5000元
    if (typeof amount === "string" && amount) return amount;
    return "视具体情况而定";
  }
  function pad(n) { return (n < 10 ? "0" : "") + n; }
  function timeStamp(ms) {
    var d = new Date(ms), now = new Date();
    var hm = pad(d.getHours()) + ":" + pad(d.getMinutes());
    var sameDay = d.toDateString() === now.toDateString();
    var t = el("time", "qtc-time", sameDay ? hm : (d.getMonth() + 1) + "月" + d.getDate() + "日 " + hm);
    t.dateTime = d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate()) + "T" + hm;
    return t;
  }

  function isMulti(msg) {
    return /可多选/.test(msg.text || "") && msg.buttons.filter(function (b) {
      return EXCLUSIVE.indexOf(b.title) < 0;
    }).length > 1;
  }

  function renderButtons(msg) {
    var group = el("div", "qtc-replies");
    group.setAttribute("role", "group");
    group.setAttribute("aria-label", "可选回复");
    msg.buttons.forEach(function (b) {
      var btn = button("qtc-reply", b.title);
      btn.addEventListener("click", function () { sendUser(b.payload || b.title, b.title, true); });
      group.appendChild(btn);
    });
    return group;
  }

  /* A "可多选" question: the choices toggle, 确定 sends them together as the words a user would
   * type ("全国技术能手、浙江工匠"); 无 / 不知道 stand alone and are sent at once. */
  function renderMultiSelect(msg) {
    var group = el("div", "qtc-replies qtc-multi");
    group.setAttribute("role", "group");
    group.setAttribute("aria-label", "可多选，选好后点“确定”");
    var picked = [];
    var note = el("p", "qtc-multi-note", "可选多项，选好后点“确定”。");
    msg.buttons.forEach(function (b) {
      if (EXCLUSIVE.indexOf(b.title) >= 0) return;
      var btn = button("qtc-reply qtc-toggle");
      var tick = el("span", "qtc-tick", "✓ ");
      tick.setAttribute("aria-hidden", "true");        // the state is aria-pressed; the tick is for the eye
      btn.appendChild(tick);
      btn.appendChild(document.createTextNode(b.title));
      btn.setAttribute("aria-pressed", "false");
      btn.addEventListener("click", function () {
        var at = picked.indexOf(b.title);
        if (at >= 0) picked.splice(at, 1); else picked.push(b.title);
        btn.setAttribute("aria-pressed", String(at < 0));
        note.textContent = picked.length ? "已选 " + picked.length + " 项：" + picked.join("、") : "可选多项，选好后点“确定”。";
      });
      group.appendChild(btn);
    });
    var ok = button("qtc-reply qtc-ok", "确定");
    ok.addEventListener("click", function () {
      if (!picked.length) { note.textContent = "请至少选一项；都没有请点“无”。"; return; }
      var order = msg.buttons.map(function (b) { return b.title; });
      var chosen = picked.slice().sort(function (a, b) { return order.indexOf(a) - order.indexOf(b); }).join("、");
      sendUser(chosen, chosen, true);
    });
    group.appendChild(ok);
    msg.buttons.forEach(function (b) {
      if (EXCLUSIVE.indexOf(b.title) < 0) return;
      var alone = button("qtc-reply", b.title);
      alone.addEventListener("click", function () { sendUser(b.payload || b.title, b.title, true); });
      group.appendChild(alone);
    });
    note.setAttribute("aria-live", "polite");
    group.appendChild(note);
    return group;
  }

  function renderCard(card) {
    var box = el("article", "qtc-card");
    box.appendChild(el("h3", "qtc-card-name", card.name || "政策项目"));
    var dl = el("dl", "qtc-card-facts");
    function row(term, value, link) {
      if (value === undefined || value === null || value === "") return;
      dl.appendChild(el("dt", null, term));
      var dd = el("dd");
      if (link) dd.appendChild(link);
      else appendLinked(dd, value);
      dl.appendChild(dd);
    }
    if (card.content) box.appendChild(el("p", "qtc-card-content", card.content));
    // The assistant's card carries the programme's top amount unless it names another label.
    row(card.amount_label || "最高金额", formatAmount(card.amount) + (card.amount_clause ? "（第" + card.amount_clause + "条）" : ""));
    // The whole 兑付标准 as the chat text gives it: every level's amount, not just the top one.
    if (card.standard) row("兑付标准", card.standard);
    if (card.object) row("对象", card.object);
    if (card.unit) row("责任单位", card.unit);
    if (card.phone) row("咨询电话", String(card.phone), phoneLink(String(card.phone)));
    box.appendChild(dl);
    return box;
  }

  /* The lines of the text sent with a card that the card does not already show
   * (e.g. "可以继续问我它的条件、流程或材料。"): nothing the assistant said is dropped. */
  function beyondCard(text, card) {
    var shown = ["name", "content", "standard", "object", "unit", "phone", "amount"]
      .map(function (k) { return card[k] === undefined || card[k] === null ? "" : String(card[k]); })
      .filter(Boolean).sort(function (a, b) { return b.length - a.length; });
    return String(text || "").split(/\n+/).filter(function (line) {
      var rest = line;
      shown.forEach(function (v) { rest = rest.split(v).join(""); });
      rest = rest.replace(/（?见?第[^条]*条）?/g, "")
        .replace(/最高金额|兑付标准|标准|对象|责任单位|咨询电话|电话/g, "")
        .replace(/[\s【】\[\]（）()：:，,。；;、“”]/g, "");
      return rest.length > 0;
    }).join("\n");
  }

  // 👍/👎 drawn as SVG (Material Icons' thumb_up/thumb_down, Apache-2.0): emoji fonts are not everywhere.
  var THUMBS = {
    up: "M1 21h4V9H1v12zm22-11c0-1.1-.9-2-2-2h-6.31l.95-4.57.03-.32c0-.41-.17-.79-.44-1.06L14.17 1 7.59 7.59C7.22 7.95 7 8.45 7 9v10c0 1.1.9 2 2 2h9c.83 0 1.54-.5 1.84-1.22l3.02-7.05c.09-.23.14-.47.14-.73v-2z",
    down: "M15 3H6c-.83 0-1.54.5-1.84 1.22l-3.02 7.05c-.09.23-.14.47-.14.73v2c0 1.1.9 2 2 2h6.31l-.95 4.57-.03.32c0 .41.17.79.44 1.06L9.83 23l6.59-6.59c.36-.36.58-.86.58-1.41V5c0-1.1-.9-2-2-2zm4 0v12h4V3h-4z"
  };
  function thumb(which) {
    var ns = "http://www.w3.org/2000/svg";
    var svg = document.createElementNS(ns, "svg");
    svg.setAttribute("viewBox", "0 0 24 24");
    svg.setAttribute("width", "14");
    svg.setAttribute("height", "14");
    svg.setAttribute("aria-hidden", "true");
    svg.setAttribute("focusable", "false");
    var path = document.createElementNS(ns, "path");
    path.setAttribute("d", THUMBS[which]);
    path.setAttribute("fill", "currentColor");
    svg.appendChild(path);
    return svg;
  }

  function renderFeedback(msg, body) {
    var bar = el("div", "qtc-tools");
    var copy = button("qtc-tool qtc-copy", "复制", "复制这条回答");
    copy.addEventListener("click", function () {
      copyText(msg.text || body.innerText, function (ok) {
        copy.textContent = ok ? "已复制" : "复制失败";
        setTimeout(function () { copy.textContent = "复制"; }, 2500);
      });
    });
    bar.appendChild(copy);
    if (cfg.feedbackUrl) {
      var said = el("span", "qtc-thanks");
      said.setAttribute("role", "status");
      [["up", "有帮助"], ["down", "没帮助"]].forEach(function (r) {
        var b = button("qtc-tool qtc-rate qtc-rate-" + r[0], null, r[1]);
        b.appendChild(thumb(r[0]));
        b.title = r[1];
        b.setAttribute("aria-pressed", String(msg.rating === r[0]));
        b.addEventListener("click", function () {
          var rating = msg.rating === r[0] ? "none" : r[0];      // a second tap takes it back
          rate(msg, rating, said, bar);
        });
        bar.appendChild(b);
      });
      bar.appendChild(said);
    }
    return bar;
  }

  function renderMessage(msg) {
    var item = el("li", "qtc-msg qtc-" + msg.from);
    item.setAttribute("data-id", msg.id);
    item.appendChild(el("span", "qtc-sr-only", msg.from === "user" ? "您说：" : "助手："));
    var body;
    if (msg.kind === "card") {
      body = el("div", "qtc-card-wrap");
      body.appendChild(renderCard(msg.card));
      var more = beyondCard(msg.text, msg.card);
      if (more) body.appendChild(appendLinked(el("div", "qtc-bubble qtc-card-text"), more));
    } else if (msg.from === "bot") {
      body = appendLinked(el("div", "qtc-bubble"), msg.text);
    } else {
      body = el("div", "qtc-bubble", msg.text);
    }
    item.appendChild(body);
    var meta = el("div", "qtc-meta");
    if (msg.time) meta.appendChild(timeStamp(msg.time));
    if (msg.from === "bot" && (msg.text || msg.kind === "card")) meta.appendChild(renderFeedback(msg, body));
    if (meta.childNodes.length) item.appendChild(meta);
    if (msg.buttons && msg.buttons.length && !msg.answered) {
      item.appendChild(isMulti(msg) ? renderMultiSelect(msg) : renderButtons(msg));
    }
    return item;
  }

  // The first of the assistant's messages since the user last spoke: a long answer is shown
  // from its start (not its end, where the draft notice is).
  var turnStart = null;

  function renderAll() {
    list.textContent = "";
    turnStart = null;
    state.messages.forEach(function (m) { list.appendChild(renderMessage(m)); });
    scrollToEnd();
  }

  /* New messages are only ever added to the log (never re-rendered), so a screen reader
   * announces just them. */
  function append(msg) {
    msg.id = msg.id || newId();
    msg.time = msg.time || Date.now();
    state.messages.push(msg);
    save();
    var item = renderMessage(msg);
    list.appendChild(item);
    if (msg.from === "user") {
      turnStart = null;
      scrollToEnd();
    } else {
      if (!turnStart) turnStart = item;
      scrollToTurn();
    }
  }

  function scrollToEnd() { log.scrollTop = log.scrollHeight; }
  function scrollToTurn() {
    var top = turnStart.offsetTop - 8;          // .qtc-log is the offset parent (position: relative)
    log.scrollTop = Math.min(top, log.scrollHeight - log.clientHeight);
  }

  // -- copy and feedback ----------------------------------------------------------------
  function copyText(text, done) {
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(function () { done(true); }, function () { done(legacyCopy(text)); });
    } else {
      done(legacyCopy(text));
    }
  }
  function legacyCopy(text) {
    var area = el("textarea", "qtc-sr-only");
    area.value = text;
    area.setAttribute("readonly", "");
    document.body.appendChild(area);
    area.select();
    var ok = false;
    try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
    document.body.removeChild(area);
    return ok;
  }

  /* The user's question this answer replied to: the last user message before it. */
  function questionBefore(msg) {
    var at = state.messages.indexOf(msg);
    for (var k = at - 1; k >= 0; k--) if (state.messages[k].from === "user") return state.messages[k].text;
    return "";
  }

  function rate(msg, rating, said, bar) {
    var body = {
      session_id: state.sessionId, message_id: msg.id, rating: rating,
      answer: msg.text || (msg.card && msg.card.name) || "", question: questionBefore(msg)
    };
    fetch(cfg.feedbackUrl, {
      method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body)
    }).then(function (res) {
      if (!res.ok) throw new Error(String(res.status));
      msg.rating = rating === "none" ? null : rating;
      save();
      Array.prototype.forEach.call(bar.querySelectorAll(".qtc-rate"), function (b) {
        b.setAttribute("aria-pressed", String(b.classList.contains("qtc-rate-" + msg.rating)));
      });
      said.textContent = rating === "none" ? "已撤回评价" : rating === "up" ? "谢谢您的评价" :
        "谢谢，已记录，我们会改进这条回答";
    }).catch(function () {
      said.textContent = "评价没有提交成功，请稍后再试";
    });
  }

  // -- typing indicator -------------------------------------------------------------
  var typingTimer = null;
  function showTyping(on) {
    typing.hidden = !on;
    clearTimeout(typingTimer);
    if (on) typingTimer = setTimeout(function () { showTyping(false); }, cfg.typingTimeoutMs);
  }

  // -- socket -----------------------------------------------------------------------
  var socket = window.io(cfg.socketUrl, { path: cfg.socketPath, transports: ["websocket"] });

  // Messages wait here until the server confirmed the session (and so joined its room):
  // a reply to a message sent before that would go to a room nobody is in yet.
  // They are kept with the history, so a reload while offline loses nothing.
  var confirmed = false;
  function emitUser(message) {
    if (confirmed) socket.emit("user_uttered", { message: message, session_id: state.sessionId });
    else { state.pending = (state.pending || []).concat([message]); save(); }
  }

  socket.on("connect", function () {
    status.textContent = "在线";
    offline.hidden = true;
    socket.emit("session_request", { session_id: state.sessionId });
  });
  socket.on("session_confirm", function (data) {
    var id = typeof data === "string" ? data : data && data.session_id;
    if (id && id !== state.sessionId) { state.sessionId = id; save(); }
    confirmed = true;
    if (!state.greeted) {          // greeting and programme list on first open
      state.greeted = true;
      save();
      showTyping(true);
      state.pending = cfg.initPayloads.concat(state.pending || []);
    }
    var waiting = state.pending || [];
    state.pending = [];
    save();
    waiting.forEach(emitUser);
    hint.textContent = "";
  });
  socket.on("disconnect", function () {
    confirmed = false;
    status.textContent = "连接中断，正在重新连接…";
  });
  socket.on("connect_error", function () {
    status.textContent = "暂时连不上助手，正在重试…";
    showTyping(false);
    offline.hidden = false;
  });
  socket.on("bot_uttered", function (data) {
    showTyping(false);
    toMessages(data).forEach(append);
  });

  /* One bot_uttered event → messages to show. A card (custom.type "programme_card") shows the
   * card and whatever of the text the card does not carry; other custom payloads fall back to the text. */
  function toMessages(data) {
    if (!data || typeof data !== "object") return [];
    var custom = data.custom && typeof data.custom === "object" ? data.custom : data;
    var replies = data.quick_replies || data.buttons || [];
    var buttons = replies.filter(function (b) { return b && b.title; })
      .map(function (b) { return { title: String(b.title), payload: String(b.payload || b.title) }; });
    var text = typeof data.text === "string" ? data.text : "";
    if (custom.type === "programme_card") {
      return [{ from: "bot", kind: "card", card: custom, text: text, buttons: buttons }];
    }
    if (custom.type === "programme_cards" && Array.isArray(custom.cards)) {
      var cards = custom.cards.map(function (c) { return { from: "bot", kind: "card", card: c }; });
      if (text || buttons.length) cards.push({ from: "bot", kind: "text", text: text, buttons: buttons });
      return cards;
    }
    if (!text && !buttons.length) {
      if (data.attachment) text = "（助手发送了一个附件，本窗口暂不支持显示）";
      else return [];
    }
    return [{ from: "bot", kind: "text", text: text, buttons: buttons }];
  }

  /* `tapped`: a quick reply was tapped — the input is not focused (no phone keyboard over the
   * next buttons); focus goes to the log so keyboard users keep their place. */
  function sendUser(message, shown, tapped) {
    state.messages.forEach(function (m) { if (m.buttons && m.buttons.length) m.answered = true; });
    Array.prototype.forEach.call(log.querySelectorAll(".qtc-replies"), function (g) { g.remove(); });
    append({ from: "user", kind: "text", text: shown });
    showTyping(true);
    if (!confirmed) hint.textContent = "暂时连不上助手，连上后会自动发送您的消息。";
    emitUser(message);
    if (tapped) log.focus({ preventScroll: true });
    else input.focus();
  }

  form.addEventListener("submit", function (ev) {
    ev.preventDefault();
    var text = input.value.trim();
    if (!text) { hint.textContent = "请先输入您的问题。"; input.focus(); return; }
    hint.textContent = "";
    input.value = "";
    sendUser(text, text, false);
  });
  input.addEventListener("input", function () { if (hint.textContent) hint.textContent = ""; });

  // -- open / close -----------------------------------------------------------------
  function setOpen(open, focus) {
    state.open = open;
    save();
    root.classList.toggle("qtc-is-open", open);
    panel.hidden = !open;
    launcher.setAttribute("aria-expanded", String(open));
    if (open && focus) input.focus();
    if (!open && focus) launcher.focus();
  }
  launcher.addEventListener("click", function () { setOpen(!state.open, true); });
  closer.addEventListener("click", function () { setOpen(false, true); });
  panel.addEventListener("keydown", function (ev) { if (ev.key === "Escape") setOpen(false, true); });

  // -- restart, after asking ------------------------------------------------------------
  function askRestart(show) {
    confirmBox.hidden = !show;
    panel.classList.toggle("qtc-asking", show);
    if (show) confirmNo.focus();
  }
  restart.addEventListener("click", function () { askRestart(true); });
  confirmNo.addEventListener("click", function () { askRestart(false); restart.focus(); });
  confirmBox.addEventListener("keydown", function (ev) {
    if (ev.key === "Escape") { ev.stopPropagation(); askRestart(false); restart.focus(); }
    if (ev.key === "Tab") {          // keep the focus inside the dialog while it is open
      ev.preventDefault();
      (document.activeElement === confirmNo ? confirmYes : confirmNo).focus();
    }
  });
  confirmYes.addEventListener("click", function () {
    askRestart(false);
    state = { sessionId: newId(), messages: [], greeted: false, open: true };
    save();
    renderAll();
    confirmed = false;
    socket.emit("session_request", { session_id: state.sessionId });
    log.focus({ preventScroll: true });      // not the text box: no phone keyboard over the greeting
  });

  document.body.appendChild(root);
  renderAll();
  setOpen(state.open !== false && (state.open || cfg.open), false);
})();
