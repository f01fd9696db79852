# WeChat Official Account channel (bot/channels/wechat*.py, docs/wechat.md).
# Its tests start their own action server and Rasa on free 127.0.0.1 ports with the trained
# model, so `make test` needs the model (rule in mk/rasa.mk) and the knowledge base.
.PHONY: test-wechat

test-wechat: setup kb models/assistant.tar.gz
	$(PY) -m pytest -q tests/channels

test: kb models/assistant.tar.gz
