# Answering typed questions (answering/, issue 9): right-and-direct figures per corpus and
# per kind of question, over REST against the real Rasa and action servers (the same
# figures `make test` asserts in tests/questions). Written to var/question-figures-rest.json.
.PHONY: question-figures

question-figures: setup kb $(SPACY_MODEL) $(MODEL)
	$(PY) -m tests.questions.score tests/questions/frozen/test.yml tests/questions/dev.yml \
	  tests/questions/dev2.yml tests/questions/dev3.yml tests/questions/dev4.yml tests/questions/dev5.yml tests/questions/dev6.yml \
	  tests/questions/dev7.yml tests/questions/dev8.yml tests/questions/dev9.yml tests/questions/dev10.yml tests/questions/dev11.yml tests/questions/dev12.yml tests/questions/dev13.yml tests/questions/dev14.yml --rest --json var/question-figures-rest.json

bench: question-figures

# The eligibility check as people hold it (issue 10): typed conversations played by a
# simulated person over REST; figures written to var/conversation-figures-rest.json.
.PHONY: conversation-figures
conversation-figures: setup kb $(SPACY_MODEL) $(MODEL)
	$(PY) -m tests.conversations.play tests/conversations/frozen/test.yml tests/conversations/dev.yml \
	  tests/conversations/dev2.yml tests/conversations/dev3.yml tests/conversations/dev4.yml tests/conversations/dev5.yml \
	  tests/conversations/dev6.yml tests/conversations/dev7.yml tests/conversations/dev8.yml tests/conversations/dev9.yml tests/conversations/dev10.yml tests/conversations/dev11.yml tests/conversations/dev12.yml --json var/conversation-figures-rest.json

bench: conversation-figures
