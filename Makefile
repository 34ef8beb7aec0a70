# Two commands do everything on a fresh machine with Python 3.11:
#   make run    venv, install, build the graph from seed/, serve the API on http://127.0.0.1:8000
#   make test   venv, install, run the test suite (what CI runs)
PYTHON ?= python3.11
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test install lint bench stop clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(BIN)/policykg up

test: $(STAMP)
	$(BIN)/pytest -q

lint: $(STAMP)
	$(BIN)/ruff check . && $(BIN)/ruff format --check .

bench: $(STAMP)
	$(BIN)/pytest -q -m slow

stop: $(STAMP)
	$(BIN)/policykg stop

clean:
	-$(BIN)/policykg stop
	rm -rf data
