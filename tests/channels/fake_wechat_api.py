"""A local stand-in for WeChat's API servers (token + customer-service message) on 127.0.0.1.

It records every call it receives so tests can check what the channel sent, and behaves like
the real API where the channel depends on it: a token for the right AppID/AppSecret, errcode
40001 for a wrong access token.
"""
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Dict, List
from urllib.parse import parse_qs, urlparse

ACCESS_TOKEN = "FAKE_ACCESS_TOKEN_0123456789"


class FakeWeChatAPI:
    def __init__(self, app_id: str, app_secret: str) -> None:
        self.app_id, self.app_secret = app_id, app_secret
        self.calls: List[Dict[str, Any]] = []
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_port}/cgi-bin/"

    def start(self) -> "FakeWeChatAPI":
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def calls_to(self, path: str) -> List[Dict[str, Any]]:
        with self._lock:
            return [c for c in self.calls if c["path"] == "/cgi-bin/" + path]

    def texts_sent_to(self, openid: str) -> List[str]:
        return [c["json"]["text"]["content"] for c in self.calls_to("message/custom/send")
                if c["json"].get("touser") == openid and c["json"].get("msgtype") == "text"]

    def wait_for_texts(self, openid: str, count: int, timeout: float = 60.0) -> List[str]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            texts = self.texts_sent_to(openid)
            if len(texts) >= count:
                return texts
            time.sleep(0.1)
        return self.texts_sent_to(openid)

    def _handler(self):
        api = self

        class Handler(BaseHTTPRequestHandler):
            def _record(self, body: Any) -> Dict[str, Any]:
                url = urlparse(self.path)
                call = {"method": self.command, "path": url.path,
                        "query": {k: v[0] for k, v in parse_qs(url.query).items()}, "json": body}
                with api._lock:
                    api.calls.append(call)
                return call

            def _answer(self, payload: Dict[str, Any]) -> None:
                data = json.dumps(payload).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_GET(self) -> None:
                call = self._record(None)
                q = call["query"]
                if (call["path"] == "/cgi-bin/token" and q.get("grant_type") == "client_credential"
                        and q.get("appid") == api.app_id and q.get("secret") == api.app_secret):
                    self._answer({"access_token": ACCESS_TOKEN, "expires_in": 7200})
                else:
                    self._answer({"errcode": 40013, "errmsg": "invalid appid"})

            def do_POST(self) -> None:
                raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                call = self._record(json.loads(raw.decode("utf-8")))
                if call["query"].get("access_token") != ACCESS_TOKEN:
                    self._answer({"errcode": 40001, "errmsg": "invalid credential"})
                elif call["path"] == "/cgi-bin/message/custom/send":
                    self._answer({"errcode": 0, "errmsg": "ok"})
                else:
                    self._answer({"errcode": 404, "errmsg": "not faked"})

            def log_message(self, *args: Any) -> None:  # keep pytest output clean
                pass

        return Handler
