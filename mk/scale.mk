# Several Rasa replicas on Redis and PostgreSQL behind nginx (issue 12, cluster/, docs/deploy.md).
# `make run` stays one process on SQLite; `make run-scaled REPLICAS=2` starts the whole set
# (servers from Debian's packages, data under var/) and stops it on Ctrl-C.
REPLICAS       ?= 2
ACTION_SERVERS ?= 1

.PHONY: servers run-scaled test-scale load-scaled

# Redis, PostgreSQL and nginx programs (apt, idempotent like web-browser).
servers:
	@scripts/install-servers

run-scaled: setup kb $(MODEL) servers
	$(PY) -m cluster run --replicas $(REPLICAS) --action-servers $(ACTION_SERVERS)

test-scale: setup kb $(MODEL) servers
	$(PY) -m pytest -q tests/scale

test: servers kb $(MODEL)

# `make load`'s conversations against 1 … REPLICAS replicas in one run, then a replica killed
# during a run (figures in docs/performance.md; not part of make test).
load-scaled: setup kb $(MODEL) servers
	$(PY) -m cluster load --replicas $(REPLICAS) --action-servers $(ACTION_SERVERS) --json var/load-scaled-figures.json
