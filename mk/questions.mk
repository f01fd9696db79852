# Answering typed questions (answering/, issue 9): right-and-direct figures per corpus and
# per kind of question, over REST against the real Rasa and action servers (the same
# figures `make test` asserts in tests/questions). Written to var/question-figures-rest.json.
.PHONY: question-figures

question-figures: setup kb $(SPACY_MODEL) $(MODEL)
	$(PY) -m tests.questions.score tests/questions/frozen/test.yml tests/questions/dev.yml \
	  tests/questions/dev2.yml tests/questions/dev3.yml tests/questions/dev4.yml tests/questions/dev5.yml --rest --json var/question-figures-rest.json

bench: question-figures
