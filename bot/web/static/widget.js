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
 * same conversation. Every text is put in the page with textContent (never as HTML).
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
    maxLength: 500,
    typingTimeoutMs: 30000
  };

  // -- state kept across reloads ----------------------------------------------------
  function newSessionId() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID().replace(/-/g, "");
    return (Date.now().toString(16) + Math.random().toString(16).slice(2)).slice(0, 32);
  }
  function load() {
    try {
      var s = JSON.parse(localStorage.getItem(cfg.storageKey) || "null");
      if (s && typeof s.sessionId === "string" && Array.isArray(s.messages)) return s;
    } catch (e) { /* unreadable storage: start afresh */ }
    return { sessionId: newSessionId(), messages: [], greeted: false, open: cfg.open };
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

  var root = el("div", "qtc-root");
  var launcher = el("button", "qtc-launcher", "政策咨询");
  launcher.type = "button";
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
  var restart = el("button", "qtc-icon", "重新开始");
  restart.type = "button";
  restart.title = "清空对话并重新开始";
  var closer = el("button", "qtc-icon", "收起");
  closer.type = "button";
  closer.setAttribute("aria-label", "收起对话窗口");
  header.appendChild(titles);
  header.appendChild(restart);
  header.appendChild(closer);

  var log = el("ol", "qtc-log");
  log.setAttribute("role", "log");
  log.setAttribute("aria-live", "polite");
  log.setAttribute("aria-relevant", "additions");
  log.setAttribute("aria-label", "对话记录");
  log.tabIndex = 0;

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

  panel.appendChild(header);
  panel.appendChild(log);
  panel.appendChild(typing);
  panel.appendChild(hint);
  panel.appendChild(form);
  root.appendChild(panel);
  root.appendChild(launcher);

  // -- rendering --------------------------------------------------------------------
  function formatAmount(amount) {
    if (typeof amount === "number") return amount + "元";   // the KB's style: 5000元
    if (typeof amount === "string" && amount) return amount;
    return "视具体情况而定";
  }

  function renderButtons(msg, index) {
    var group = el("div", "qtc-replies");
    group.setAttribute("role", "group");
    group.setAttribute("aria-label", "可选回复");
    msg.buttons.forEach(function (b) {
      var btn = el("button", "qtc-reply", b.title);
      btn.type = "button";
      btn.addEventListener("click", function () { sendUser(b.payload || b.title, b.title); });
      group.appendChild(btn);
    });
    return group;
  }

  function renderCard(card) {
    var box = el("article", "qtc-card");
    box.appendChild(el("h3", "qtc-card-name", card.name || "政策项目"));
    var dl = el("dl", "qtc-card-facts");
    function row(term, value, href) {
      if (value === undefined || value === null || value === "") return;
      dl.appendChild(el("dt", null, term));
      var dd = el("dd");
      if (href) {
        var a = el("a", null, value);
        a.href = href;
        dd.appendChild(a);
      } else {
        dd.textContent = value;
      }
      dl.appendChild(dd);
    }
    if (card.content) box.appendChild(el("p", "qtc-card-content", card.content));
    // The assistant's card carries the programme's top amount unless it names another label.
    row(card.amount_label || "最高金额", formatAmount(card.amount) + (card.amount_clause ? "（第" + card.amount_clause + "条）" : ""));
    // The whole 兑付标准 as the chat text gives it: every level's amount, not just the top one.
    if (card.standard) row("兑付标准", card.standard);
    if (card.object) row("对象", card.object);
    if (card.unit) row("责任单位", card.unit);
    if (card.phone) row("咨询电话", String(card.phone), "tel:" + String(card.phone).replace(/[^0-9+]/g, ""));
    box.appendChild(dl);
    return box;
  }

  function renderMessage(msg, index) {
    var item = el("li", "qtc-msg qtc-" + msg.from);
    var who = el("span", "qtc-sr-only", msg.from === "user" ? "您说：" : "助手：");
    item.appendChild(who);
    if (msg.kind === "card") item.appendChild(renderCard(msg.card));
    else item.appendChild(el("div", "qtc-bubble", msg.text));
    if (msg.buttons && msg.buttons.length && !msg.answered) item.appendChild(renderButtons(msg, index));
    return item;
  }

  function renderAll() {
    log.textContent = "";
    state.messages.forEach(function (m, i) { log.appendChild(renderMessage(m, i)); });
    scrollDown();
  }

  function append(msg) {
    state.messages.push(msg);
    save();
    log.appendChild(renderMessage(msg, state.messages.length - 1));
    scrollDown();
  }

  function scrollDown() { log.scrollTop = log.scrollHeight; }

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
  socket.on("connect_error", function () { status.textContent = "暂时连不上助手，正在重试…"; });
  socket.on("bot_uttered", function (data) {
    showTyping(false);
    toMessages(data).forEach(append);
  });

  /* One bot_uttered event → messages to show. A card (custom.type "programme_card") replaces
   * the plain-text version of itself; other custom payloads fall back to the text. */
  function toMessages(data) {
    if (!data || typeof data !== "object") return [];
    var custom = data.custom && typeof data.custom === "object" ? data.custom : data;
    var replies = data.quick_replies || data.buttons || [];
    var buttons = replies.filter(function (b) { return b && b.title; })
      .map(function (b) { return { title: String(b.title), payload: String(b.payload || b.title) }; });
    if (custom.type === "programme_card") {
      return [{ from: "bot", kind: "card", card: custom, buttons: buttons }];
    }
    if (custom.type === "programme_cards" && Array.isArray(custom.cards)) {
      return custom.cards.map(function (c) { return { from: "bot", kind: "card", card: c }; });
    }
    var text = typeof data.text === "string" ? data.text : "";
    if (!text && !buttons.length) {
      if (data.attachment) text = "（助手发送了一个附件，本窗口暂不支持显示）";
      else return [];
    }
    return [{ from: "bot", kind: "text", text: text, buttons: buttons }];
  }

  function sendUser(message, shown) {
    state.messages.forEach(function (m) { if (m.buttons && m.buttons.length) m.answered = true; });
    renderAll();
    append({ from: "user", kind: "text", text: shown });
    showTyping(true);
    if (!confirmed) hint.textContent = "暂时连不上助手，连上后会自动发送您的消息。";
    emitUser(message);
    input.focus();
  }

  form.addEventListener("submit", function (ev) {
    ev.preventDefault();
    var text = input.value.trim();
    if (!text) { hint.textContent = "请先输入您的问题。"; input.focus(); return; }
    hint.textContent = "";
    input.value = "";
    sendUser(text, text);
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
  restart.addEventListener("click", function () {
    state = { sessionId: newSessionId(), messages: [], greeted: false, open: true };
    save();
    renderAll();
    confirmed = false;
    socket.emit("session_request", { session_id: state.sessionId });
    input.focus();
  });

  document.body.appendChild(root);
  renderAll();
  setOpen(state.open !== false && (state.open || cfg.open), false);
})();
