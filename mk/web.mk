# Web chat widget and hotline agent page (bot/web/): npm deps, browser for tests, server, screenshots.
# `make web` serves both pages; `make test` runs tests/web after the set-up below.

WEB_HOST ?= 127.0.0.1
WEB_PORT ?= 8080
# Where the widget's socket.io client reaches Rasa (the assistant's socket channel).
RASA_SOCKET_URL ?= http://localhost:5005
NODE_STAMP := node_modules/.installed
CHROMIUM := /usr/bin/chromium
CJK_FONT := /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc

.PHONY: web web-setup web-browser web-urls test-web screenshots

# Browser-side packages, installed once from the lock; pages serve them from node_modules (no CDN).
$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

# Debian's Chromium for Playwright (never `playwright install`) and CJK fonts for readable screenshots.
# Idempotent: skipped when both are present.
web-browser:
	@if [ -x $(CHROMIUM) ] && [ -f $(CJK_FONT) ]; then :; else \
	  echo "安装 chromium 与中文字体（apt）"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk >/dev/null; \
	fi

web-setup: $(STAMP) $(NODE_STAMP) web-browser

web: $(STAMP) $(NODE_STAMP) kb
	$(PY) -m bot.web.server --host $(WEB_HOST) --port $(WEB_PORT) --rasa-url $(RASA_SOCKET_URL)

test-web: web-setup kb
	$(PY) -m pytest -q tests/web

# README screenshots: the browser tests write docs/screenshots/{widget,agent,roster,review}.png when asked to.
screenshots: web-setup kb
	WEB_SCREENSHOT_DIR=docs/screenshots $(PY) -m pytest -q tests/web

# The agent page searches the built KB (policy_kb/kb.sqlite).
test: web-setup kb

# `make run` serves the pages too: scripts/run-services starts every name in EXTRA_SERVICES.
run: export EXTRA_SERVICES := $(strip $(EXTRA_SERVICES) web)
run: $(NODE_STAMP) web-urls

web-urls:
	@echo "网页聊天：http://$(WEB_HOST):$(WEB_PORT)/    热线坐席页面：http://$(WEB_HOST):$(WEB_PORT)/agent    花名册预审：http://$(WEB_HOST):$(WEB_PORT)/roster    审阅台（需 REVIEW_TOKEN）：http://$(WEB_HOST):$(WEB_PORT)/review"
