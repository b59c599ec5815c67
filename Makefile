# Two commands do all set-up on a fresh machine: `make reports` and `make test`.
# Both create the virtual environment in .venv first if it is missing or out of date.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
JOBS ?= 2

.PHONY: reports test sample lab clean

$(INSTALLED): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	$(BIN)/python -m ipykernel install --sys-prefix --name python3 --display-name "Python 3 (pmf_kit)" >/dev/null
	touch $(INSTALLED)

reports: $(INSTALLED)
	$(BIN)/pmf-kit run parameters/sample/ --jobs $(JOBS)
	$(BIN)/pmf-kit updates send --loip data/loip --period "2025/26 Q2" --out reports/sample/updates

test: $(INSTALLED)
	$(BIN)/python -m pytest

sample: $(INSTALLED)
	$(BIN)/python -m pmf_kit.sample data/sample

# JupyterLab on the whole project, with the guided notebook open. As root (a container, CI)
# Jupyter refuses to start without --allow-root.
lab: $(INSTALLED)
	$(BIN)/jupyter lab --ServerApp.root_dir=. $(if $(filter 0,$(shell id -u)),--allow-root) notebooks/explore.ipynb

clean:
	rm -rf reports .pytest_cache
