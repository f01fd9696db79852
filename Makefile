# The two commands a newcomer needs: `make run` and `make test` (see README.md).
# Every step a fresh clone needs is here; generated files are rebuilt, never hand-edited.
SHELL := /bin/bash
VENV  := .venv
PY    := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: setup kb test test-kb run bench load clean help
.DEFAULT_GOAL := help

help:
	@echo "make run    — 准备环境并启动助手"
	@echo "make test   — 准备环境并运行全部测试"
	@echo "make bench  — 引擎与花名册性能基准"
	@echo "make load   — 50 个并发对话的负载测试（不属于 make test）"
	@echo "make run-scaled REPLICAS=2 — 多个 Rasa 副本 + Redis + PostgreSQL + nginx（docs/deploy.md）"

# -- environment ---------------------------------------------------------------
$(STAMP): requirements.txt constraints.txt scripts/setup-venv scripts/find-python310
	scripts/setup-venv $(VENV)
	@touch $@

setup: $(STAMP)

# -- knowledge base ------------------------------------------------------------
KB_SOURCES := $(wildcard policy_kb/programmes/*.yml) policy_kb/facts.yml policy_kb/document.yml policy_kb/askers.yml
policy_kb/kb.sqlite: $(KB_SOURCES) $(wildcard policy_kb/*.py) | $(STAMP)
	$(PY) -m policy_kb build --out $@

kb: policy_kb/kb.sqlite

# -- tests ---------------------------------------------------------------------
test-kb: setup
	$(PY) -m pytest -q tests/policy_kb

test: setup
	$(PY) -m pytest -q tests

bench: kb
	$(PY) -m policy_kb.bench

clean:
	rm -rf policy_kb/kb.sqlite .pytest_cache

# Each area adds its own targets and prerequisites in mk/*.mk (e.g. `test: models/.trained`).
-include mk/*.mk
