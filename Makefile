# `make` installs what is missing (system tools, npm packages), compiles the pipeline and builds dist/
# from corpus/; it does nothing when nothing changed. `make test` runs the whole test suite.
SHELL := /bin/bash
.DEFAULT_GOAL := all

CORPUS    ?= corpus
OUT       ?= dist
SOURCES   := $(shell find pipeline -name '*.ts' 2>/dev/null)
TEMPLATES := $(shell find templates -type f 2>/dev/null)
INPUTS    := $(shell find $(CORPUS) -type f 2>/dev/null)

# Debian packages the tests drive: EPUBCheck, poppler (pdffonts, pdftotext, pdftoppm), qpdf, Chromium,
# and CJK fonts so browser screenshots show Chinese text.
APT_PACKAGES := epubcheck poppler-utils qpdf chromium fonts-noto-cjk
TOOL_CHECKS  := /usr/share/java/epubcheck.jar /usr/bin/pdffonts /usr/bin/qpdf /usr/bin/chromium /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: all tools test clean bench
all: tools $(OUT)/.built

tools: .cache/tools.stamp
.cache/tools.stamp:
	@missing=0; for f in $(TOOL_CHECKS); do [ -e "$$f" ] || missing=1; done; \
	if [ $$missing = 1 ]; then \
	  echo "installing system tools: $(APT_PACKAGES)"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $(APT_PACKAGES) default-jre-headless >/dev/null; \
	fi
	@mkdir -p .cache && touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	@touch $@

build/.built: node_modules/.installed tsconfig.json $(SOURCES)
	npx tsc -p tsconfig.json
	@touch $@

$(OUT)/.built: build/.built $(INPUTS) $(TEMPLATES)
	bin/compendium.js build --corpus $(CORPUS) --out $(OUT)
	@touch $@

test: all
	npx tsc -p tsconfig.tests.json
	npx vitest run

bench: build/.built
	node --import tsx bench/run.ts

clean:
	rm -rf $(OUT) build .cache
