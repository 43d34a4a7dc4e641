# მიკროგრადი ქართულად — ბრძანებები. `make help` ჩამოთვლის ყველას.
# Every target creates what it needs: the virtualenv, the pinned packages, Graphviz's `dot`.

SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export PATH := $(abspath $(BIN)):$(PATH)
# MkDocs runs through tooling/build.py: its environment (NO_MKDOCS_2_WARNING) is set there, once.
MKDOCS := $(BIN)/python -m tooling.build
# PyTorch's CPU-only wheels (CI sets it; ~190 MB instead of the multi-gigabyte CUDA build)
TORCH_INDEX ?=

.DEFAULT_GOAL := help
.PHONY: help install system-deps build runner serve serve-full test test-torch lint bench notebooks measure pdf clean classroom

help: ## ამ სიის ჩვენება (show this list)
	@grep -hE '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "}; {printf "  make %-12s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml tooling/pyproject.toml requirements/constraints.txt
	@$(MAKE) --no-print-directory system-deps
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c requirements/constraints.txt -e ".[docs,test]" -e ./tooling
	touch $@

install: $(STAMP) ## ვირტუალური გარემო და ყველა პაკეტი (virtualenv + pinned packages)

system-deps: ## Graphviz-ის dot და Chromium (apt-get, როცა root ხარ)
	@bash scripts/system-deps.sh

build: $(STAMP) ## საიტის აწყობა site/-ში, კოდის გაშვებით (build the site)
	$(MKDOCS) build --strict

# `make build` does this too (hooks/runner.py); alone it is for working on runner/src/
runner: $(STAMP) ## გვერდზე გაშვების ფაილები .cache/runner-ში (Pyodide, wheels, esbuild)
	$(BIN)/python -m tooling.runner_assets

# --dirty: after an edit only the changed page is rebuilt (and its code re-run); strict checks
# stay in `make build` and `make test`.
serve: $(STAMP) ## საიტი http://127.0.0.1:8000 -ზე, ცოცხალი განახლებით (live reload)
	$(MKDOCS) serve --dirty --no-strict --dev-addr 127.0.0.1:8000

# every edit rebuilds the whole site (~6 s), strictly: use it after changing micrograd/,
# includes/ or mkdocs.yml, which `make serve`'s --dirty rebuild does not re-render.
serve-full: $(STAMP) ## ცოცხალი განახლება, ყოველ ჯერზე მთელი საიტი (micrograd/-ის შეცვლისას)
	$(MKDOCS) serve --strict --dev-addr 127.0.0.1:8000

# ორი პროცესი (pytest-xdist), სადაც ორი ბირთვია (core); საიტი მაინც ერთხელ იწყობა ორივესთვის
# (tests/conftest.py). ორზე მეტი არა: ბრაუზერის ტესტები და აწყობები მძიმეა, CI-ს კი ორი ბირთვი აქვს
test: $(STAMP) lint ## ყველა ტესტი (the whole suite): ruff, შემდეგ pytest
	$(BIN)/python -m pytest --numprocesses=auto --maxprocesses=2

# PyTorch (CPU, ~190 MB wheel, ~750 MB installed) only for this check: tests/test_torch.py runs
# docs/pytorch.md's listings (examples/) and compares torch's numbers with micrograd's.
$(VENV)/.torch-installed: $(STAMP)
	$(BIN)/python -m pip install --quiet -c requirements/constraints.txt \
		$(if $(TORCH_INDEX),--extra-index-url $(TORCH_INDEX)) -e ".[torch]"
	touch $@

test-torch: $(VENV)/.torch-installed ## PyTorch-ის შედარება (torch gives micrograd's numbers)
	$(BIN)/python -c "import torch; print('torch', torch.__version__)"  # fails instead of skipping
	$(BIN)/python -m pytest tests/test_torch.py

lint: $(STAMP) ## ruff
	$(BIN)/ruff check micrograd tooling tests benchmarks scripts hooks runner/src examples conftest.py
	$(BIN)/ruff format --check micrograd tooling tests benchmarks scripts hooks runner/src examples conftest.py

bench: $(STAMP) ## ძრავის სიჩქარე ლექციის ვერსიასთან შედარებით (engine benchmark)
	$(BIN)/python benchmarks/bench_engine.py

notebooks: $(STAMP) ## notebook-ები გაკვეთილებიდან, გაშვებული: მასწავლებლის (docs/notebooks/) და მოსწავლის, ამოხსნების გარეშე (docs/notebooks/student/)
	$(BIN)/python scripts/make_notebooks.py

measure: $(STAMP) ## საიტის ბიუჯეტები: აწყობის დრო, გვერდის წონა, Lighthouse (site budgets)
	$(BIN)/python scripts/measure.py

# not part of `make build`: Chromium prints 27 PDFs in 22-56 s on our 2-core machine (2026-12-02)
pdf: $(STAMP) ## კურსის, სამუშაო ფურცლების და პასუხების PDF-ები site/pdf/-ში (Chromium)
	test -f site/print_page/index.html || $(MAKE) --no-print-directory build
	$(BIN)/python scripts/make_pdf.py

classroom: build ## საიტი კლასის ქსელში, მასწავლებლის კომპიუტერიდან (LAN, port 8000)
	$(BIN)/python scripts/classroom.py --port 8000

clean: ## აწყობილის წაშლა (remove build output)
	rm -rf site .cache .pytest_cache
