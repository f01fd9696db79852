# The Rasa assistant (issue 3): generated NLU files, training, `make run`, bot tests.
# Generated from policy_kb, never edited: bot/generated/jieba/, data/nlu/generated/.

RASA        := $(PY) scripts/rasa_server.py
MODEL       := models/assistant.tar.gz
NLU_STAMP   := data/nlu/generated/.stamp
BOT_DATA    := $(shell find data -name '*.yml' -not -path 'data/nlu/generated/*' 2>/dev/null)
BOT_DOMAIN  := $(wildcard bot/domain/*.yml)

.PHONY: nlu train run test-bot bot-validate bot-stories bot-nlu-eval bot-measure

# Jieba dictionary, lookup tables, synonyms and examples naming KB terms.
$(NLU_STAMP): $(KB_SOURCES) scripts/gen_nlu.py understanding/lexicon.py policy_kb/terms.py | $(STAMP)
	$(PY) scripts/gen_nlu.py
	@touch $@

# The project's spaCy pipeline (understanding/nlp.py), built from the KB and the jieba dictionary.
SPACY_MODEL := bot/generated/spacy_zh/meta.json
UNDERSTANDING := $(wildcard understanding/*.py) understanding/rules.yml
$(SPACY_MODEL): $(NLU_STAMP) $(UNDERSTANDING) | $(STAMP)
	$(PY) -m understanding build

nlu: $(NLU_STAMP) $(SPACY_MODEL)

# Retrain only when an input changed (Rasa's own fingerprint also skips unchanged parts).
$(MODEL): config.yml $(BOT_DOMAIN) $(BOT_DATA) $(NLU_STAMP) $(SPACY_MODEL) bot/nlu_components.py understanding/textnorm.py | $(STAMP)
	@echo "训练模型（约数分钟）…"
	time $(RASA) train --config config.yml --domain bot/domain --data data \
	  --out models --fixed-model-name assistant --quiet
	@touch $@

train: $(MODEL)

# Starts the action server (5055) and Rasa (REST + socket.io on localhost:5005).
# EXTRA_SERVICES="web" also starts the web pages; Ctrl-C stops everything.
run: setup kb $(MODEL)
	scripts/run-services

bot-validate: $(NLU_STAMP) $(SPACY_MODEL)
	$(RASA) data validate --config config.yml --domain bot/domain --data data --fail-on-warnings

bot-stories: $(MODEL)
	$(RASA) test core --model $(MODEL) --stories tests/bot/test_stories.yml \
	  --out var/rasa/results --fail-on-prediction-errors --no-plot

bot-nlu-eval: $(MODEL)
	$(PY) -m tests.bot.nlu_eval --model $(MODEL) --data tests/bot/nlu_heldout.yml

bot-measure: $(MODEL)
	$(PY) scripts/measure_replies.py --model $(MODEL)

test-bot: bot-validate bot-stories bot-nlu-eval
	$(PY) -m pytest -q tests/bot

test: bot-validate bot-stories bot-nlu-eval
