# Two commands on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test fuzz venv lint clean benchmark

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

venv: $(STAMP)

demo: $(STAMP)
	$(BIN)/netanalysis demo --out out --force

test: $(STAMP)
	$(BIN)/python -m pytest

# The property tests with a random search (CI runs them derandomised, so it never fails by chance).
fuzz: $(STAMP)
	HYPOTHESIS_PROFILE=fuzz $(BIN)/python -m pytest -q $$(grep -l '@given' tests/*.py)

lint: $(STAMP)
	$(BIN)/ruff check netanalysis tests benchmarks

benchmark: $(STAMP)
	$(BIN)/python benchmarks/run.py --size S

clean:
	rm -rf $(VENV) out .pytest_cache
