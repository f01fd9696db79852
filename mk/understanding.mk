# Reading typed Chinese into facts (understanding/, issue 8): the corpus figures and the
# pipeline's cost per message. `make test` asserts the figures (tests/understanding).
.PHONY: understanding-figures

understanding-figures: setup kb $(SPACY_MODEL)
	$(PY) -m tests.understanding.score tests/understanding/dev.yml tests/understanding/dev2.yml tests/understanding/dev3.yml tests/understanding/dev4.yml tests/understanding/dev5.yml tests/understanding/dev6.yml \
	  tests/understanding/dev7.yml tests/understanding/dev8.yml tests/understanding/dev9.yml tests/understanding/dev10.yml tests/understanding/dev11.yml \
	  tests/understanding/frozen/test.yml --json var/understanding-figures.json --combined

bench: understanding-figures
