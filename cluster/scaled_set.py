"""The whole scaled set: Redis, PostgreSQL, M action servers, N Rasa replicas, nginx.

Started in that order and stopped in reverse. REDIS_URL / TRACKER_DB_URL given in the
environment mean servers elsewhere: then no local Redis / PostgreSQL is started.
"""
from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List, Optional

from cluster.backing import PostgresServer, RedisServer
from cluster.nginx import NginxServer
from cluster.processes import ROOT, Process, StartError, free_port, http_ok, port_open
from bot.backing_services import unreachable

PY = sys.executable


def actions_command(port: int) -> List[str]:
    """An action server (after the interpreter); docker-compose and Kubernetes run the same."""
    return ["-m", "rasa_sdk", "--actions", "actions", "--port", str(port)]


def rasa_command(model: str, port: int, interface: str = "127.0.0.1",
                 credentials: str = "bot/credentials.yml") -> List[str]:
    """A Rasa replica the project's way (after the interpreter), as deploy/ runs it too."""
    return ["scripts/rasa_server.py", "run", "--model", model, "--endpoints", "bot/endpoints.yml",
            "--credentials", credentials, "--interface", interface, "--port", str(port)]


@dataclass
class Settings:
    replicas: int = 2
    action_servers: int = 1
    host: str = "127.0.0.1"                 # where nginx listens for users
    port: int = 5005                        # nginx → Rasa (REST, socket.io, WeChat)
    actions_port: int = 5055                # nginx → action servers
    rasa_ports: List[int] = field(default_factory=list)     # default: free ports
    action_ports: List[int] = field(default_factory=list)
    redis_port: int = 6390
    pg_port: int = 5442
    var: Path = ROOT / "var"
    model: Path = ROOT / "models/assistant.tar.gz"
    credentials: Path = ROOT / "bot/credentials.yml"
    redis_url: Optional[str] = None         # external Redis instead of a local one
    tracker_db_url: Optional[str] = None    # external PostgreSQL instead of a local one
    durable: bool = True                    # False: PostgreSQL without fsync (tests)
    env: Dict[str, str] = field(default_factory=dict)       # extra environment for Rasa
    rasa_args: List[str] = field(default_factory=list)

    @classmethod
    def from_environment(cls, **overrides) -> "Settings":
        env = os.environ
        values = dict(port=int(env.get("SCALED_PORT", 5005)), host=env.get("SCALED_HOST", "127.0.0.1"),
                      actions_port=int(env.get("SCALED_ACTIONS_PORT", 5055)),
                      redis_port=int(env.get("REDIS_PORT", 6390)), pg_port=int(env.get("PG_PORT", 5442)),
                      redis_url=env.get("REDIS_URL") or None, tracker_db_url=env.get("TRACKER_DB_URL") or None)
        values.update(overrides)
        return cls(**values)


class ScaledSet:
    def __init__(self, settings: Settings) -> None:
        self.s = settings
        self.redis: Optional[RedisServer] = None
        self.postgres: Optional[PostgresServer] = None
        self.nginx: Optional[NginxServer] = None
        self.actions: List[Process] = []
        self.replicas: List[Optional[Process]] = []
        self.redis_url = settings.redis_url
        self.tracker_db_url = settings.tracker_db_url
        self.rasa_ports = settings.rasa_ports or [free_port() for _ in range(settings.replicas)]
        self.action_ports = settings.action_ports or [free_port() for _ in range(settings.action_servers)]

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.s.port}"

    def replica_url(self, i: int) -> str:
        return f"http://127.0.0.1:{self.rasa_ports[i]}"

    def start(self, say=lambda message: None) -> "ScaledSet":
        if not self.s.model.exists():
            raise StartError(f"没有训练好的模型 {self.s.model}：请先运行 make train")
        try:
            self._start_backing(say)
            self._check_backing()
            for i, port in enumerate(self.action_ports):
                self._start_actions(i, port)
            say(f"启动 nginx：http://{self.s.host}:{self.s.port}（动作服务器入口 127.0.0.1:{self.s.actions_port}）")
            self.nginx = NginxServer(self.s.var / "nginx", self.s.host, self.s.port, self.s.actions_port)
            self.nginx.start_actions_front(self.rasa_ports, self.action_ports)
            for process in self.actions:
                process.wait_until(lambda p=process: http_ok(self._health(p)), 120)
            say(f"启动 {len(self.rasa_ports)} 个 Rasa 副本（端口 {', '.join(map(str, self.rasa_ports))}），加载模型…")
            self.replicas = [self._start_rasa(i) for i in range(len(self.rasa_ports))]
            for i in range(len(self.replicas)):
                self.wait_replica(i)
            self.nginx.wait_for_rasa()
        except BaseException:
            self.stop()
            raise
        return self

    def _start_backing(self, say) -> None:
        if not self.redis_url:
            say(f"启动 Redis：127.0.0.1:{self.s.redis_port}（数据 {self.s.var / 'redis'}）")
            if port_open(self.s.redis_port):
                raise StartError(f"端口 {self.s.redis_port} 已被占用，Redis 无法启动（换一个 REDIS_PORT）")
            self.redis = RedisServer(self.s.var / "redis", self.s.redis_port).start()
            self.redis_url = self.redis.url
        if not self.tracker_db_url:
            say(f"启动 PostgreSQL：127.0.0.1:{self.s.pg_port}（数据 {self.s.var / 'pg'}）")
            self.postgres = PostgresServer(self.s.var / "pg", self.s.pg_port, self.s.durable).start()
            self.tracker_db_url = self.postgres.url

    def _check_backing(self) -> None:
        problem = unreachable(self.redis_url, self.tracker_db_url)
        if problem:
            raise StartError(problem)

    def _start_actions(self, i: int, port: int) -> None:
        cmd = [PY, *actions_command(port)]
        self.actions.append(Process(f"actions-{i + 1}", cmd, self.s.var / "log" / f"actions-{i + 1}.log",
                                    env={"SANIC_HOST": "127.0.0.1", "PYTHONPATH": str(ROOT)}))

    def _health(self, process: Process) -> str:
        return f"http://127.0.0.1:{process.cmd[-1]}/health"

    def rasa_env(self) -> Dict[str, str]:
        return {"ACTION_ENDPOINT_URL": f"http://127.0.0.1:{self.s.actions_port}/webhook",
                "TRACKER_DB_URL": self.tracker_db_url, "REDIS_URL": self.redis_url,
                # A replica killed mid-turn holds its conversation's lock until the ticket expires:
                # 20 s is twice the action timeout, so live turns never lose their lock.
                "TICKET_LOCK_LIFETIME": os.environ.get("TICKET_LOCK_LIFETIME", "20"),
                "TRACKER_DB": str(self.s.var / "rasa" / "unused-with-TRACKER_DB_URL.db"),
                "RASA_TELEMETRY_ENABLED": "false", **self.s.env}

    def _start_rasa(self, i: int) -> Process:
        cmd = [PY, *rasa_command(str(self.s.model), self.rasa_ports[i], credentials=str(self.s.credentials)),
               "--cors", "http://127.0.0.1:*", *self.s.rasa_args]
        return Process(f"rasa-{i + 1}", cmd, self.s.var / "log" / f"rasa-{i + 1}.log", env=self.rasa_env())

    def wait_replica(self, i: int, seconds: float = 300) -> None:
        self.replicas[i].wait_until(lambda: http_ok(self.replica_url(i) + "/"), seconds)

    def kill_replica(self, i: int) -> None:
        self.replicas[i].kill()

    def restart_replica(self, i: int) -> None:
        self.replicas[i] = self._start_rasa(i)
        self.wait_replica(i)

    def processes(self) -> Dict[str, int]:
        """name → pid of every Rasa and action server process (for CPU figures)."""
        return {p.name: p.pid for p in [*self.replicas, *self.actions] if p is not None and p.alive()}

    def stop(self) -> None:
        for process in [*self.replicas, *self.actions]:
            if process is not None:
                process.stop()
        for server in (self.nginx, self.postgres, self.redis):
            if server is not None:
                server.stop()
