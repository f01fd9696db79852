"""Several Rasa replicas on shared Redis and PostgreSQL behind nginx (`make run-scaled`,
docs/deploy.md). The servers are Debian's packages (scripts/install-servers), each on
127.0.0.1 with its data under var/; the tests in tests/scale start the same set."""
