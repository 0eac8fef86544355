# The two commands of the README: `make run` and `make test`. Both set everything up first.
# `make docs` builds the documentation site into site/ (offline); `make test` builds it too, through
# tests/test_docs.py.
VENV ?= .venv
PY := $(VENV)/bin/python
REGKG := $(VENV)/bin/regkg
STAMP := $(VENV)/.installed

.PHONY: run test setup browser stores clean docs docs-refresh

setup: $(STAMP)

$(STAMP): pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test,docs]'
	$(PY) -m compileall -q graph viz >/dev/null  # as a wheel install has it: an editable one does not
	touch $(STAMP)

# Build the graph from data/ (validated against the SHACL shapes), write the HTML browser,
# print a summary and one example compliance answer. The page holds no known-on tables: the whole
# record allows 296 states of knowledge, more than `--known-on auto` (the default) holds, and with
# every one regkg viz did not finish in 30 min (issue 21); `regkg viz --known-on DATE[,DATE...]`
# makes those asked for.
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

# The live stores the tests load and query (tests/test_external_store.py): OpenLink Virtuoso from
# Debian (apt, when root), Apache Jena Fuseki (jena-fuseki-main and its dependencies from Maven
# Central into .cache/stores, a directory of this checkout; Java 17 and Maven from Debian when
# missing), and Apache Jena's engine from Debian behind a small endpoint (stores/jena/setup.sh),
# which runs where Maven Central cannot be reached. The tests start and stop them on 127.0.0.1; nothing here starts a service.
STORES_CACHE ?= .cache/stores
FUSEKI_LIB := $(STORES_CACHE)/fuseki/lib
stores:
	@missing=""; command -v virtuoso-t >/dev/null 2>&1 || missing="$$missing virtuoso-opensource"; \
	  command -v java >/dev/null 2>&1 || missing="$$missing default-jre-headless"; \
	  command -v mvn >/dev/null 2>&1 || missing="$$missing maven"; \
	  if [ -n "$$missing" ]; then \
	    if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	      (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null) \
	        || echo "warning: could not install$$missing; the tests that need them will say so"; \
	    else echo "note: missing$$missing (apt-get install$$missing); the tests that need them will say so"; fi; fi
	@if ! ls $(FUSEKI_LIB)/jena-fuseki-main-*.jar >/dev/null 2>&1 && command -v mvn >/dev/null 2>&1; then \
	  mkdir -p $(STORES_CACHE) && rm -f $(STORES_CACHE)/fuseki.failed; \
	  mvn -B -q -f stores/fuseki/pom.xml -Dmaven.repo.local=$(STORES_CACHE)/m2 \
	    org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy-dependencies \
	    -DincludeScope=runtime -DoutputDirectory=$(abspath $(FUSEKI_LIB)) > $(STORES_CACHE)/maven.log 2>&1 \
	  || { sed -n 's/^.*\[ERROR\] //p' $(STORES_CACHE)/maven.log | head -1 > $(STORES_CACHE)/fuseki.failed; \
	       echo "warning: Maven could not fetch jena-fuseki-main: $$(cat $(STORES_CACHE)/fuseki.failed)"; \
	       rm -rf $(FUSEKI_LIB); }; fi
	@bash stores/jena/setup.sh $(STORES_CACHE)/jena

test: $(STAMP) browser stores
	$(VENV)/bin/lint-imports
	$(PY) -m pytest -q

# The documentation site: every console example of README.md and docs/ is run and compared with
# its documented output (a changed output fails, naming it), then MkDocs builds site/ with --strict
# (a broken link, anchor or nav entry fails). Nothing is fetched.
export NO_MKDOCS_2_WARNING := 1
docs: $(STAMP)
	$(PY) -m docs.examples
	$(VENV)/bin/mkdocs build --strict --clean

# Write the real outputs of the console examples into README.md and docs/ (review the diff).
docs-refresh: $(STAMP)
	$(PY) -m docs.examples --update

clean:
	rm -rf build site .pytest_cache
