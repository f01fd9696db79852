"""deploy/ (docker-compose, Kubernetes) cannot run here; what this machine can check: the
files parse, they run the commands `make run-scaled` runs (cluster/scaled_set.py), the
images are the versions of Debian's servers the tests use, deploy/nginx.conf is what the
generator writes today and nginx 1.22 accepts it."""
from __future__ import annotations

import glob
import re
import subprocess

import yaml

from cluster.deploy import COMPOSE_NGINX, compose_nginx_conf
from cluster.processes import ROOT, free_port
from cluster.scaled_set import actions_command, rasa_command

COMPOSE = yaml.safe_load((ROOT / "deploy/docker-compose.yml").read_text(encoding="utf-8"))
K8S = [d for d in yaml.safe_load_all((ROOT / "deploy/k8s/assistant.yaml").read_text(encoding="utf-8")) if d]
RASA = ["python", *rasa_command("models/assistant.tar.gz", 5005, interface="0.0.0.0")]
ACTIONS = ["python", *actions_command(5055)]
SHARED = {"TRACKER_DB_URL", "REDIS_URL", "ACTION_ENDPOINT_URL", "TICKET_LOCK_LIFETIME"}


def containers(kind: str) -> dict:
    return {d["metadata"]["name"]: d["spec"]["template"]["spec"]["containers"][0] for d in K8S if d["kind"] == kind}


def local_version(cmd: list, pattern: str) -> str:
    out = subprocess.run(cmd, capture_output=True, text=True)
    return re.search(pattern, out.stdout + out.stderr).group(1)


def test_compose_runs_what_make_run_scaled_runs():
    services = COMPOSE["services"]
    replicas = [name for name in services if name.startswith("rasa-")]
    assert replicas == ["rasa-1", "rasa-2"]
    for name in replicas:
        assert services[name]["command"][:len(RASA)] == RASA
        assert SHARED <= set(services[name]["environment"])
        assert services[name]["environment"]["REDIS_URL"].startswith("redis://redis:6379")
        assert "@postgres:5432/rasa" in services[name]["environment"]["TRACKER_DB_URL"]
    assert services["actions"]["command"] == ACTIONS
    assert services["nginx"]["ports"] == ["5005:5005"]


def test_kubernetes_runs_what_make_run_scaled_runs():
    deployments = {**containers("Deployment"), **containers("StatefulSet")}
    assert deployments["rasa"]["command"][:len(RASA)] == RASA
    assert SHARED <= {e["name"] for e in deployments["rasa"]["env"]}
    assert deployments["actions"]["command"] == ACTIONS
    services = {d["metadata"]["name"]: d["spec"]["ports"][0]["port"] for d in K8S if d["kind"] == "Service"}
    assert services == {"redis": 6379, "postgres": 5432, "actions": 5055, "rasa": 5005}
    hashing = {d["metadata"]["name"]: d["metadata"].get("annotations", {}).get("nginx.ingress.kubernetes.io/upstream-hash-by")
               for d in K8S if d["kind"] == "Ingress"}
    assert hashing == {"rasa": None, "rasa-socketio": "$remote_addr", "rasa-wechat": "$arg_openid"}


def test_images_are_the_servers_the_tests_run():
    redis = local_version(["redis-server", "--version"], r"v=(\d+\.\d+)")
    postgres = local_version([sorted(glob.glob("/usr/lib/postgresql/*/bin/postgres"))[-1], "--version"],
                             r"PostgreSQL\) (\d+)")
    nginx = local_version(["nginx", "-v"], r"nginx/(\d+\.\d+)")
    k8s_images = {c["image"] for c in [*containers("Deployment").values(), *containers("StatefulSet").values()]}
    for images in ({s["image"] for s in COMPOSE["services"].values() if "image" in s}, k8s_images):
        assert f"redis:{redis}" in images and f"postgres:{postgres}" in images
    assert COMPOSE["services"]["nginx"]["image"] == f"nginx:{nginx}"


def test_compose_nginx_conf_is_current_and_valid(tmp_path):
    assert COMPOSE_NGINX.read_text() == compose_nginx_conf(2), "run: python -m cluster deploy-files"
    # Service names and ports made local so that nginx -t can resolve and check everything.
    conf = compose_nginx_conf(2, home=str(tmp_path))
    for name in ("rasa-1:5005", "rasa-2:5005", "actions:5055"):
        conf = conf.replace(name, f"127.0.0.1:{free_port()}")
    conf = conf.replace("0.0.0.0:5005", f"127.0.0.1:{free_port()}").replace("0.0.0.0:5055", f"127.0.0.1:{free_port()}")
    (tmp_path / "nginx.conf").write_text(conf)
    check = subprocess.run(["nginx", "-t", "-p", str(tmp_path), "-c", str(tmp_path / "nginx.conf")],
                           capture_output=True, text=True)
    assert check.returncode == 0, check.stderr
