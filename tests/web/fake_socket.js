/* A stand-in for socket.io-client in widget tests that need exact bot messages (served in place
 * of /vendor/socket.io.min.js by Playwright's page.route). The page's widget talks to it as to
 * Rasa's socket channel; the test plays the assistant:
 *   window.__bot.say({text, quick_replies, custom})   → a bot_uttered event
 *   window.__bot.sent                                  → what the widget emitted, in order
 * With window.__botOffline = true (set before the widget loads) it never connects.
 */
(function () {
  "use strict";
  window.io = function () {
    var handlers = {};
    var socket = {
      sent: [],
      on: function (event, fn) { (handlers[event] = handlers[event] || []).push(fn); return socket; },
      emit: function (event, data) {
        socket.sent.push({ event: event, data: data });
        if (event === "session_request") {
          setTimeout(function () { fire("session_confirm", data && data.session_id); }, 0);
        }
        return socket;
      },
      say: function (data) { fire("bot_uttered", data); }
    };
    function fire(event, data) { (handlers[event] || []).forEach(function (fn) { fn(data); }); }
    window.__bot = socket;
    setTimeout(function () { fire(window.__botOffline ? "connect_error" : "connect"); }, 0);
    return socket;
  };
})();
