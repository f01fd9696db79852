"""Redis and PostgreSQL from Debian's packages, run on 127.0.0.1 with their data under var/.

PostgreSQL refuses to run as root; as root (CI) it runs as the `postgres` user the Debian
package creates, and its data directory belongs to that user. When that user cannot reach
the checkout (a clone under /root), var/pg links to a directory under /var/tmp instead.
"""
from __future__ import annotations

import glob
import hashlib
import os
import pwd
import shutil
import signal
import subprocess
from pathlib import Path
from typing import List, Optional

from cluster.processes import Process, StartError, port_open


def _binary(name: str, pattern: str) -> str:
    found = shutil.which(name) or next(iter(sorted(glob.glob(pattern), reverse=True)), None)
    if not found:
        raise StartError(f"找不到 {name}：请先运行 scripts/install-servers（或 make servers）")
    return found


class RedisServer:
    def __init__(self, data: Path, port: int) -> None:
        self.data, self.port = data, port
        self.url = f"redis://127.0.0.1:{port}/0"
        self.process: Optional[Process] = None

    def start(self) -> "RedisServer":
        self.data.mkdir(parents=True, exist_ok=True)
        # Locks and WeChat answers live minutes: nothing worth writing to disk.
        cmd = [_binary("redis-server", "/usr/bin/redis-server"), "--bind", "127.0.0.1",
               "--port", str(self.port), "--dir", str(self.data), "--save", "", "--appendonly", "no",
               "--daemonize", "no"]
        self.process = Process("redis", cmd, self.data / "redis.log")
        self.process.wait_until(self._pong, 30)
        return self

    def _pong(self) -> bool:
        import redis

        try:
            return bool(redis.Redis.from_url(self.url, socket_timeout=1).ping())
        except redis.RedisError:
            return False

    def stop(self) -> None:
        if self.process:
            self.process.stop()


class PostgresServer:
    """One cluster (initdb once, kept across runs) with database `rasa`, trust auth on 127.0.0.1."""

    USER = "rasa"

    def __init__(self, data: Path, port: int, durable: bool = True) -> None:
        self.home, self.port, self.durable = data, port, durable
        self.url = f"postgresql://{self.USER}@127.0.0.1:{port}/rasa"
        self.process: Optional[Process] = None

    def start(self) -> "PostgresServer":
        if port_open(self.port):
            raise StartError(f"端口 {self.port} 已被占用，PostgreSQL 无法启动（换一个 PG_PORT）")
        bindir = Path(_binary("pg_ctl", "/usr/lib/postgresql/*/bin/pg_ctl")).resolve().parent
        home = self._reachable_home()
        data, sockets = home / "data", home / "run"
        for folder in (home, sockets):
            folder.mkdir(parents=True, exist_ok=True)
            self._own(folder)
        if not (data / "PG_VERSION").exists():
            shutil.rmtree(data, ignore_errors=True)
            out = subprocess.run(self._as_owner([str(bindir / "initdb"), "-D", str(data), "-U", self.USER,
                                                 "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8"]),
                                 capture_output=True, text=True, cwd=home)
            if out.returncode:
                raise StartError(f"initdb 失败：\n{out.stdout[-1500:]}{out.stderr[-1500:]}")
        settings = ["-c", "listen_addresses=127.0.0.1", "-c", f"unix_socket_directories={sockets}"]
        if not self.durable:   # test data: losing it on a crash does not matter
            settings += ["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"]
        # SIGINT is PostgreSQL's fast shutdown: it does not wait for the replicas' pooled connections.
        self.process = Process("postgresql", self._as_owner([str(bindir / "postgres"), "-D", str(data),
                                                             "-p", str(self.port), *settings]),
                               home / "postgresql.log", cwd=home, stop_signal=signal.SIGINT)
        self.process.wait_until(self._connects, 60)
        self._create_database()
        return self

    def _connects(self, database: str = "postgres") -> bool:
        import psycopg2

        try:
            psycopg2.connect(host="127.0.0.1", port=self.port, user=self.USER, dbname=database,
                             connect_timeout=2).close()
            return True
        except psycopg2.OperationalError:
            return False

    def _create_database(self) -> None:
        import psycopg2

        conn = psycopg2.connect(host="127.0.0.1", port=self.port, user=self.USER, dbname="postgres")
        conn.autocommit = True
        with conn.cursor() as cur:
            cur.execute("SELECT 1 FROM pg_database WHERE datname = 'rasa'")
            if cur.fetchone() is None:
                cur.execute("CREATE DATABASE rasa")
        conn.close()

    def stop(self) -> None:
        if self.process:
            self.process.stop()

    # -- running as root -----------------------------------------------------------------
    @staticmethod
    def _owner() -> Optional[pwd.struct_passwd]:
        if os.geteuid() != 0:
            return None
        try:
            return pwd.getpwnam("postgres")
        except KeyError:
            raise StartError("以 root 运行需要 postgres 用户：请先运行 scripts/install-servers")

    def _as_owner(self, cmd: List[str]) -> List[str]:
        owner = self._owner()
        if owner is None:
            return cmd
        return ["setpriv", f"--reuid={owner.pw_uid}", f"--regid={owner.pw_gid}", "--init-groups",
                "--reset-env", *cmd]

    def _own(self, folder: Path) -> None:
        owner = self._owner()
        if owner is not None:
            os.chown(folder, owner.pw_uid, owner.pw_gid)
            folder.chmod(0o700)

    def _reachable_home(self) -> Path:
        """var/pg itself, or (as root, when `postgres` cannot reach it) a link to /var/tmp."""
        owner = self._owner()
        if owner is None or self.home.is_symlink():
            return self.home.resolve()
        parent = self.home.parent
        parent.mkdir(parents=True, exist_ok=True)
        reach = subprocess.run(self._as_owner(["test", "-x", str(parent)]))
        if reach.returncode == 0:
            return self.home
        elsewhere = Path("/var/tmp") / f"qiantang-pg-{hashlib.sha1(str(self.home).encode()).hexdigest()[:10]}"
        elsewhere.mkdir(parents=True, exist_ok=True)
        if not self.home.exists():
            self.home.symlink_to(elsewhere)
        return elsewhere
