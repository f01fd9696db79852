"""A slow action server for tests: an HTTP proxy on 127.0.0.1 that holds every request for
`delay` seconds (or `delay(body)`, to slow only some) before forwarding it to the real action server."""
from __future__ import annotations

import threading
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class SlowProxy:
    def __init__(self, port: int, upstream: str, delay: float):
        self.released = threading.Event()
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                proxy.released.wait(delay(body) if callable(delay) else delay)
                try:
                    req = urllib.request.Request(upstream + self.path, body, dict(self.headers))
                    with urllib.request.urlopen(req, timeout=30) as resp:
                        data, status = resp.read(), resp.status
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                except OSError:          # Rasa gave up and closed the connection
                    pass

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> "SlowProxy":
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.released.set()
        self.server.shutdown()
        self.server.server_close()
