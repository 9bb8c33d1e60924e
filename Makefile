# Two entry points for a fresh machine with Python 3.11 and make:
#   make run   set up, then evaluate every bundled example case
#   make test  set up, then run the whole test suite (what CI runs)

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test lint typecheck pytest audit bench fuzz clean screenshots

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/maslihat batch examples/

test: lint typecheck audit pytest

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks

typecheck: $(STAMP)
	$(BIN)/mypy

# The browser tests (tests/browser) need Debian's chromium and chromium-driver; without
# them they are skipped, and this says so before pytest starts (.ci/run installs them).
BROWSER_CHECK = command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1 \
	|| echo "make: no Chromium here, so the browser tests in tests/browser are SKIPPED" \
	"(apt-get install chromium chromium-driver to run them)"

# On every core (pytest-xdist): the tests are independent, each worker has its own
# rules cache, server and browser.
pytest: $(STAMP)
	@$(BROWSER_CHECK)
	$(BIN)/pytest -q -n auto

# The README's pictures, taken by the browser tests: docs/images/*.png.
screenshots: $(STAMP)
	MASLIHAT_SCREENSHOTS=docs/images $(BIN)/pytest -q -p no:cacheprovider tests/browser/test_screenshots.py

# The suite must trace every provision, cover every condition (and MC/DC) and kill
# every rule mutant not reviewed as equivalent: see docs/audit.md.
audit: $(STAMP)
	$(BIN)/maslihat audit tests/catalogue --mutants --equivalent tests/equivalent-mutants.yaml --strict

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache

bench: $(STAMP)
	$(BIN)/python benchmarks/evaluate.py
	$(BIN)/python benchmarks/service.py
	$(BIN)/python benchmarks/reader.py
	$(BIN)/python benchmarks/diff.py

# The fuzz suite's deep profile: 100,000 generated inputs (five properties x 20,000),
# a fresh seed each run; `make test` runs the same properties on a bounded sample.
fuzz: $(STAMP)
	MASLIHAT_FUZZ=deep $(BIN)/pytest -q -p no:cacheprovider tests/fuzz --hypothesis-show-statistics
