# The two commands a new user needs: `make up` and `make test`. Both create .venv on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: up test audit bench fuzz chaos docs migrate clean pds-deps lock

# The local stack's servers ([local]) and the test tools ([test]), at the versions of requirements-dev.lock.
$(STAMP): pyproject.toml requirements-dev.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet --constraint requirements-dev.lock -e '.[local,test]'
	touch $(STAMP)

up: $(STAMP)  ## start the whole platform on embedded defaults, with a demo tenant
	$(BIN)/smm up

# Three pytest sessions run side by side, each with its own database, broker and var/ directory: the browser tests
# (tests/web), the tests that start real service processes (integration, chaos, fuzz), and the rest, whose progress
# shows live. Most tests wait on processes, the broker and the browser rather than on the CPU, so the sessions overlap
# well on 2 cores. The other two sessions' output follows, and stays in var/test-web.log and var/test-procs.log.
PROCESS_TESTS := tests/integration tests/chaos tests/fuzz
test: $(STAMP)
	@mkdir -p var
	@SMM_TEST_VAR=var/test-web $(BIN)/pytest -q tests/web > var/test-web.log 2>&1 & web=$$!; \
	SMM_TEST_VAR=var/test-procs $(BIN)/pytest -q $(PROCESS_TESTS) > var/test-procs.log 2>&1 & procs=$$!; \
	$(BIN)/pytest -q $(addprefix --ignore=,$(PROCESS_TESTS)); rest=$$?; \
	echo "--- the tests that start service processes ($(PROCESS_TESTS)), run alongside:"; \
	wait $$procs; processes=$$?; cat var/test-procs.log; \
	echo "--- the browser tests (tests/web), run alongside:"; wait $$web; browser=$$?; cat var/test-web.log; \
	exit $$(( rest || processes || browser ))

# The real Bluesky PDS the tests publish to (tools/bluesky-pds, Node 20): `npm ci` again only when the
# lockfile is newer than the install. The test session does the same on its own; CI runs it first to fail early.
PDS_DIR := tools/bluesky-pds
$(PDS_DIR)/node_modules/.package-lock.json: $(PDS_DIR)/package-lock.json $(PDS_DIR)/package.json
	cd $(PDS_DIR) && npm ci --no-audit --no-fund

pds-deps: $(PDS_DIR)/node_modules/.package-lock.json

audit: $(STAMP)  ## known vulnerabilities in the installed dependencies (ignore list: .ci/pip-audit-ignore)
	$(BIN)/python .ci/audit.py

bench: $(STAMP)
	$(BIN)/python bench/bus.py --quick

fuzz: $(STAMP)  ## the API fuzzing of tests/fuzz with a longer budget and new inputs (bench/fuzz.py)
	$(BIN)/python bench/fuzz.py

chaos: $(STAMP)  ## the fault cases of tests/chaos, bigger and longer: lost, duplicated and recovery time per case
	$(BIN)/python bench/chaos.py
	SMM_PUBLISHER_CHAOS_POSTS=200 $(BIN)/pytest -q tests/integration/test_publisher_chaos.py  # 1,000 targets, 6 SIGKILLs

docs: $(STAMP)  ## regenerate docs/asyncapi.yaml, docs/schemas, docs/openapi.yaml (all services under /v1) and the SDK in clients/python
	$(BIN)/smm docs

# Pin every dependency again after an edit of pyproject.toml: requirements.lock (runtime: the image),
# requirements-dev.lock (runtime, [local] and [test]: make and CI). Python 3.11 on Linux, as the image.
LOCK := $(BIN)/uv pip compile pyproject.toml --quiet --python-version 3.11 --python-platform x86_64-manylinux_2_28 \
	--annotation-style line --custom-compile-command "make lock"
lock: $(STAMP)
	$(BIN)/pip install --quiet uv
	$(LOCK) --extra local --extra test --output-file requirements-dev.lock
	$(LOCK) --constraint requirements-dev.lock --output-file requirements.lock  # the versions the tests ran

migrate: $(STAMP)
	$(BIN)/smm migrate

clean:
	rm -rf var .pytest_cache
