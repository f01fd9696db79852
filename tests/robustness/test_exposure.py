"""Point 5: Rasa's HTTP API is off by default, needs a token when switched on, and the
model only comes from the project's models/ folder."""
from __future__ import annotations

import json
import os
import secrets
import subprocess
import urllib.error
import urllib.request

import pytest

from bot.exposure import MODELS, ExposureError, checked_run_args
from tests.bot.servers import MODEL, PY, ROOT, _wait, free_port

from .conftest import end

API = [("GET", "/status"), ("GET", "/version"), ("GET", "/conversations/fault-worker/tracker"),
       ("POST", "/model/parse"), ("POST", "/conversations/x/messages"), ("PUT", "/model")]


def status(base: str, method: str, path: str) -> int:
    req = urllib.request.Request(base + path, data='{"text":"你好"}'.encode() if method != "GET" else None,
                                 method=method, headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(req, timeout=30) as resp:
            return resp.status
    except urllib.error.HTTPError as exc:
        return exc.code


def test_api_is_off_by_default(stack):
    base = f"http://127.0.0.1:{stack.rasa_port}"
    assert status(base, "GET", "/") == 200                       # the server is up…
    assert {path: status(base, m, path) for m, path in API} == {path: 404 for _, path in API}


@pytest.fixture
def clean_env(monkeypatch):
    for name in ("RASA_ENABLE_API", "RASA_AUTH_TOKEN", "RASA_JWT_SECRET", "RASA_JWT_METHOD"):
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


def test_api_needs_a_token(clean_env):
    with pytest.raises(ExposureError, match="RASA_AUTH_TOKEN"):
        checked_run_args(["run", "--enable-api", "--model", str(MODEL)])
    clean_env.setenv("RASA_ENABLE_API", "1")
    with pytest.raises(ExposureError):
        checked_run_args(["run", "--model", str(MODEL)])
    clean_env.setenv("RASA_AUTH_TOKEN", "short")
    with pytest.raises(ExposureError, match="太短"):
        checked_run_args(["run", "--model", str(MODEL)])
    token = secrets.token_urlsafe(24)
    clean_env.setenv("RASA_AUTH_TOKEN", token)
    args = checked_run_args(["run", "--model", str(MODEL)])
    assert "--enable-api" in args and args[args.index("--auth-token") + 1] == token
    assert args[args.index("--interface") + 1] == "127.0.0.1"    # localhost unless told otherwise


def test_model_only_from_the_models_folder(clean_env, tmp_path):
    assert checked_run_args(["run", "--model", str(MODEL)])
    assert str(MODELS) in checked_run_args(["run"])              # default: the project's folder
    with pytest.raises(ExposureError, match="models"):
        checked_run_args(["run", "--model", str(tmp_path / "other.tar.gz")])
    with pytest.raises(ExposureError):
        checked_run_args(["run", "--model", str(MODELS / ".." / "assistant.tar.gz")])
    with pytest.raises(ExposureError):
        checked_run_args(["run", "--remote-storage", "aws"])
    endpoints = tmp_path / "endpoints.yml"
    endpoints.write_text("models:\n  url: http://127.0.0.1:9/model.tar.gz\n")
    with pytest.raises(ExposureError, match="远程模型"):
        checked_run_args(["run", "--model", str(MODEL), "--endpoints", str(endpoints)])


def rasa(env: dict, port: int, log) -> subprocess.Popen:
    return subprocess.Popen([PY, "scripts/rasa_server.py", "run", "--model", str(MODEL),
                             "--endpoints", "bot/endpoints.yml", "--credentials", "bot/credentials.yml",
                             "--port", str(port)],
                            cwd=ROOT, env={**os.environ, **env}, stdout=log.open("w"), stderr=subprocess.STDOUT)


def test_server_refuses_to_start_with_api_but_no_token(clean_env, tmp_path):
    env = {"RASA_ENABLE_API": "1", "TRACKER_DB": str(tmp_path / "t.db")}
    env = {k: v for k, v in {**os.environ, **env}.items() if k not in ("RASA_AUTH_TOKEN", "RASA_JWT_SECRET")}
    proc = subprocess.run([PY, "scripts/rasa_server.py", "run", "--model", str(MODEL), "--port", str(free_port())],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert proc.returncode != 0
    assert "拒绝启动" in proc.stderr and "RASA_AUTH_TOKEN" in proc.stderr


@pytest.mark.skipif(not MODEL.exists(), reason="no trained model")
def test_enabled_api_answers_only_with_the_token(clean_env, tmp_path):
    token, port = secrets.token_urlsafe(24), free_port()
    log = tmp_path / "rasa.log"
    proc = rasa({"RASA_ENABLE_API": "1", "RASA_AUTH_TOKEN": token, "TRACKER_DB": str(tmp_path / "t.db"),
                 "ACTION_ENDPOINT_URL": f"http://127.0.0.1:{free_port()}/webhook"}, port, log)
    try:
        base = f"http://127.0.0.1:{port}"
        _wait(base + "/", proc, log, 240)
        assert status(base, "GET", "/status") == 401
        assert status(base, "GET", "/conversations/x/tracker") == 401
        assert status(base, "POST", "/model/parse") == 401
        assert status(base, "GET", f"/status?token={token[:-1]}") == 401
        assert status(base, "GET", f"/status?token={token}") == 200
        with urllib.request.urlopen(f"{base}/status?token={token}", timeout=30) as resp:
            assert json.load(resp)["model_file"].endswith(MODEL.name)
        assert token not in log.read_text(errors="replace")
    finally:
        end(proc)


def test_security_doc_names_every_exposed_port_and_switch():
    doc = (ROOT / "docs/security.md").read_text(encoding="utf-8")
    for needle in ("5005", "5055", "8080", "/webhooks/wechat/webhook", "/webhooks/rest/webhook",
                   "RASA_ENABLE_API", "RASA_AUTH_TOKEN", "RASA_JWT_SECRET", "TRACKER_DB_URL", "models/"):
        assert needle in doc, needle
