"""deploy/nginx.conf for docker-compose, from the template `make run-scaled` uses
(`python -m cluster deploy-files [--replicas N]`); tests/scale checks it is current."""
from __future__ import annotations

import argparse
import sys

from cluster.nginx import render
from cluster.processes import ROOT

COMPOSE_NGINX = ROOT / "deploy" / "nginx.conf"


def compose_nginx_conf(replicas: int = 2, home: str = "/tmp") -> str:
    # Service names of deploy/docker-compose.yml; nginx runs with `-p /tmp` in its container.
    return render(home, "0.0.0.0:5005", "0.0.0.0:5055", [f"rasa-{i}:5005" for i in range(1, replicas + 1)],
                  ["actions:5055"], error_log="stderr")


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m cluster deploy-files", description=__doc__.splitlines()[0])
    parser.add_argument("--replicas", type=int, default=2)
    args = parser.parse_args(sys.argv[2:])
    COMPOSE_NGINX.write_text(compose_nginx_conf(args.replicas))
    print(f"已写入 {COMPOSE_NGINX.relative_to(ROOT)}（{args.replicas} 个 Rasa 副本）")
    return 0
