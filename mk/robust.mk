# Robustness (issue 5): restarts, action-server faults, bad input, privacy, exposure, load.
# `make test` runs tests/robustness (needs the trained model); `make load` is the load test,
# not part of make test's pass/fail (figures in docs/performance.md).

LOAD_ARGS ?= --conversations 50 --turns 10

.PHONY: test-robust load

test-robust: setup kb $(MODEL)
	$(PY) -m pytest -q tests/robustness

test: kb $(MODEL)

load: setup kb $(MODEL)
	$(PY) scripts/load_test.py $(LOAD_ARGS) --json var/load-figures.json
