"""nginx in front of the Rasa replicas and the action servers (config written to var/nginx/).

- REST and everything else: round robin; a request whose replica refuses or drops the
  connection before answering goes to the next one (`proxy_next_upstream error
  non_idempotent`): Rasa saves a turn only at its end, so a turn cut off by a dying replica
  was not stored and is safely done again. Timeouts are not retried (the turn may be running).
- socket.io (the web widget): sticky by client address (`ip_hash`); a socket.io session's
  polling requests and its websocket upgrade must reach the same replica.
- WeChat: by openid (`hash $arg_openid consistent`), so one follower's messages stay on one
  replica while it lives; retries that reach another one are answered once through Redis
  (bot/channels/wechat_shared.py).
"""
from __future__ import annotations

import os
import shutil
import signal
import time
from pathlib import Path
from typing import List, Optional

from cluster.processes import Process, StartError, http_ok, port_open

TEMPLATE = """\
# Written by cluster/nginx.py (make run-scaled, python -m cluster deploy-files); edits are overwritten.
worker_processes 1;
error_log {error_log} warn;
pid {home}/nginx.pid;
daemon off;
{user}
events {{ worker_connections 4096; }}

http {{
    access_log off;
    client_body_temp_path {home}/tmp-body;
    proxy_temp_path {home}/tmp-proxy;
    fastcgi_temp_path {home}/tmp-fastcgi;
    uwsgi_temp_path {home}/tmp-uwsgi;
    scgi_temp_path {home}/tmp-scgi;
    client_max_body_size 1m;
    client_body_buffer_size 1m;     # trackers sent to the action server stay in memory

    map $http_upgrade $connection_upgrade {{ default upgrade; '' ''; }}

    upstream rasa {{
{rasa_servers}
        keepalive 64;
    }}
    upstream rasa_socketio {{
        ip_hash;
{rasa_servers}
    }}
    upstream rasa_wechat {{
        hash $arg_openid consistent;
{rasa_servers}
        keepalive 16;
    }}
    upstream actions {{
{action_servers}
        keepalive 32;
    }}

    proxy_http_version 1.1;
    proxy_set_header Host $host;
    proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
    proxy_next_upstream error non_idempotent;
    proxy_next_upstream_tries 3;
    proxy_read_timeout 120s;

    server {{
        listen {listen};
        location /socket.io/ {{
            proxy_pass http://rasa_socketio;
            proxy_set_header Upgrade $http_upgrade;
            proxy_set_header Connection $connection_upgrade;
            proxy_read_timeout 1h;
        }}
        location /webhooks/wechat/ {{
            proxy_pass http://rasa_wechat;
            proxy_set_header Connection "";
        }}
        location / {{
            proxy_pass http://rasa;
            proxy_set_header Connection "";
        }}
    }}
    server {{
        listen {actions_listen};
        location / {{
            proxy_pass http://actions;
            proxy_set_header Connection "";
        }}
    }}
}}
"""


def _servers(addresses: List[str]) -> str:
    # max_fails=1: a killed replica is skipped for 5 s after one refused connection.
    return "\n".join(f"        server {a} max_fails=1 fail_timeout=5s;" for a in addresses)


def render(home: str, listen: str, actions_listen: str, rasa: List[str], actions: List[str],
           error_log: str = "", as_root: bool = False) -> str:
    """The configuration for Rasa replicas and action servers at these host:port addresses."""
    return TEMPLATE.format(home=home, listen=listen, actions_listen=actions_listen,
                           error_log=error_log or f"{home}/error.log", user="user root;" if as_root else "",
                           rasa_servers=_servers(rasa), action_servers=_servers(actions))


def local(ports: List[int]) -> List[str]:
    return [f"127.0.0.1:{p}" for p in ports]


class NginxServer:
    def __init__(self, home: Path, host: str, port: int, actions_port: int) -> None:
        self.home, self.host, self.port, self.actions_port = home.resolve(), host, port, actions_port
        self.process: Optional[Process] = None

    def write_config(self, rasa_ports: List[int], action_ports: List[int]) -> Path:
        self.home.mkdir(parents=True, exist_ok=True)      # nginx makes its tmp-* folders in it
        conf = self.home / "nginx.conf"
        # As root, nginx's workers would switch to `nobody`, who may not reach var/nginx.
        conf.write_text(render(str(self.home), f"{self.host}:{self.port}", f"127.0.0.1:{self.actions_port}",
                               local(rasa_ports), local(action_ports), as_root=os.geteuid() == 0))
        return conf

    def start_actions_front(self, rasa_ports: List[int], action_ports: List[int]) -> "NginxServer":
        """Start nginx (both fronts); the Rasa front answers once a replica is up."""
        for port in (self.port, self.actions_port):
            if port_open(port, self.host if port == self.port else "127.0.0.1"):
                raise StartError(f"端口 {port} 已被占用，nginx 无法监听")
        nginx = shutil.which("nginx") or "/usr/sbin/nginx"
        if not Path(nginx).exists():
            raise StartError("找不到 nginx：请先运行 scripts/install-servers（或 make servers）")
        conf = self.write_config(rasa_ports, action_ports)
        self.process = Process("nginx", [nginx, "-p", str(self.home), "-c", str(conf)],
                               self.home / "nginx.log")
        self.process.wait_until(lambda: port_open(self.actions_port), 30)
        return self

    def route_to(self, rasa_ports: List[int], action_ports: List[int]) -> None:
        """Serve only these replicas from now on (nginx reloads its configuration on SIGHUP)."""
        self.write_config(rasa_ports, action_ports)
        os.kill(self.process.pid, signal.SIGHUP)
        time.sleep(1.0)         # new workers up, old ones finishing their requests

    def wait_for_rasa(self, seconds: float = 300) -> None:
        self.process.wait_until(lambda: http_ok(f"http://127.0.0.1:{self.port}/"), seconds)

    def stop(self) -> None:
        if self.process:
            self.process.stop()
