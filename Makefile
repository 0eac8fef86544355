# The two commands of the README: `make run` and `make test`. Both set everything up first.
VENV ?= .venv
PY := $(VENV)/bin/python
REGKG := $(VENV)/bin/regkg
STAMP := $(VENV)/.installed

.PHONY: run test setup browser clean

setup: $(STAMP)

$(STAMP): pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

# Build the graph from data/ (validated against the SHACL shapes), write the HTML browser,
# print a summary and one example compliance answer.
run: $(STAMP)
	$(REGKG) build
	$(REGKG) viz --as-of 2026-08-01
	$(REGKG) stats
	$(REGKG) check "Claude Mythos 5" --on 2026-08-01 --employer Anthropic --nationality KR

# The browser tests drive Debian's chromium; install it when it is missing and we may.
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
	      || echo "warning: could not install chromium; browser tests will skip"; \
	  else echo "note: chromium not found; browser tests will skip (apt-get install chromium)"; fi; }

test: $(STAMP) browser
	$(VENV)/bin/lint-imports
	$(PY) -m pytest -q

clean:
	rm -rf build .pytest_cache
