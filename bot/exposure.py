"""What `rasa run` exposes (docs/security.md), checked before Rasa starts.

- Rasa's HTTP API (/conversations/…/tracker, /model/…) stays off unless RASA_ENABLE_API=1,
  and then only with RASA_AUTH_TOKEN (≥ 16 characters) or RASA_JWT_SECRET; --enable-api
  without either is refused.
- The model comes only from the project's models/ folder: no model server (`models:` in
  the endpoints file), no --remote-storage, no --model outside models/.
- Bound to 127.0.0.1 unless --interface says otherwise.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import List

import yaml

ROOT = Path(__file__).resolve().parent.parent
MODELS = ROOT / "models"
MIN_TOKEN = 16


class ExposureError(SystemExit):
    """Refuse to start, with a message for whoever runs the server."""

    def __init__(self, message: str) -> None:
        super().__init__(f"拒绝启动 Rasa：{message}（见 docs/security.md）")


def _value(argv: List[str], flag: str):
    for i, arg in enumerate(argv):
        if arg == flag and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith(flag + "="):
            return arg.split("=", 1)[1]
    return None


def _truthy(name: str) -> bool:
    return os.environ.get(name, "").strip().lower() in ("1", "true", "yes", "on")


def checked_run_args(argv: List[str]) -> List[str]:
    """`rasa run …` arguments (without the leading 'rasa') made safe, or ExposureError."""
    if not argv or argv[0] != "run" or (len(argv) > 1 and argv[1] == "actions"):
        return argv
    args = list(argv)
    if _value(args, "--remote-storage"):
        raise ExposureError("模型只能从项目的 models/ 目录加载，不允许 --remote-storage")
    model = _value(args, "--model") or _value(args, "-m")
    if model is None:
        args += ["--model", str(MODELS)]
    elif not Path(model).resolve().is_relative_to(MODELS.resolve()):
        raise ExposureError(f"模型 {model} 不在 {MODELS} 下")
    endpoints = _value(args, "--endpoints")
    if endpoints and Path(endpoints).exists():
        config = yaml.safe_load(Path(endpoints).read_text(encoding="utf-8")) or {}
        if config.get("models"):
            raise ExposureError("endpoints 文件配置了远程模型服务器（models:），不允许")
    if _value(args, "--interface") is None and _value(args, "-i") is None:
        args += ["--interface", "127.0.0.1"]

    enable = _truthy("RASA_ENABLE_API") or "--enable-api" in args
    token = _value(args, "--auth-token") or _value(args, "-t") or os.environ.get("RASA_AUTH_TOKEN", "")
    jwt = _value(args, "--jwt-secret") or os.environ.get("RASA_JWT_SECRET", "")
    if not enable:
        return args
    if not token and not jwt:
        raise ExposureError("开启 HTTP API（RASA_ENABLE_API=1 或 --enable-api）必须同时设置 "
                            "RASA_AUTH_TOKEN 或 RASA_JWT_SECRET")
    if token and len(token) < MIN_TOKEN:
        raise ExposureError(f"RASA_AUTH_TOKEN 太短（至少 {MIN_TOKEN} 个字符）")
    if "--enable-api" not in args:
        args.append("--enable-api")
    if token and _value(args, "--auth-token") is None and _value(args, "-t") is None:
        args += ["--auth-token", token]
    if jwt and _value(args, "--jwt-secret") is None:
        args += ["--jwt-secret", jwt]
        if os.environ.get("RASA_JWT_METHOD") and _value(args, "--jwt-method") is None:
            args += ["--jwt-method", os.environ["RASA_JWT_METHOD"]]
    return args
