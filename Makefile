# Two commands a user needs: `make run` and `make test`. Both create .venv and install first.
PY ?= python3.11
VENV := .venv
STAMP := $(VENV)/.installed

.PHONY: run test install lint bench package clean

$(STAMP): pyproject.toml scripts/install.sh
	PY=$(PY) bash scripts/install.sh
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(VENV)/bin/python -m reader

test: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(VENV)/bin/python -m pytest -q

lint: $(STAMP)
	$(VENV)/bin/ruff check reader tests bench tools

bench: $(STAMP)
	for b in bench/bench_*.py; do echo "== $$b"; $(VENV)/bin/python $$b || exit 1; done

package: $(STAMP)
	bash packaging/build.sh

clean:
	rm -rf $(VENV) build dist
