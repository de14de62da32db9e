# lgbench: the two commands a new user needs are `make demo` and `make test`.
# Everything else here is what those two are made of.

PORT ?= 8080
DB ?= var/demo.db
RELEASE := build/release
TESTBUILD := build/asan-ubsan
JOBS ?= $(shell nproc)

.PHONY: demo test test-stress deps web build build-all build-test serve ingest-demo bench fuzz clean

deps:
	@bash scripts/install-deps.sh

# The web client (web/dist): npm ci from the committed lock when node_modules
# is missing or older than the lock, then Vite.
web: deps
	@cd web && { [ -d node_modules ] && [ node_modules/.package-lock.json -nt package-lock.json ] || npm ci --no-audit --no-fund --loglevel=error; }
	@cd web && npx vite build --logLevel error

# The demo needs only the lgbench binary (and the web client); bench needs the bench targets too.
build: deps web
	@cmake --preset release >/dev/null
	@cmake --build --preset release -j $(JOBS) --target lgbench

build-all: deps web
	@cmake --preset release >/dev/null
	@cmake --build --preset release -j $(JOBS)

build-test: deps web
	@cmake --preset asan-ubsan >/dev/null
	@cmake --build --preset asan-ubsan -j $(JOBS)

# Load the bundled real data into a fresh demo store, then serve it.
ingest-demo: build
	@mkdir -p var
	@rm -f $(DB) $(DB)-wal $(DB)-shm
	@$(RELEASE)/lgbench ingest --db $(DB) --manifest data/sources.csv
	@$(RELEASE)/lgbench factors load --db $(DB) --manifest data/ghg_conversion_factors/factor_sets.csv
	@$(RELEASE)/lgbench carbon synthetic-demo --db $(DB) --period fy2022-23

demo: ingest-demo
	@echo "lgbench demo: serving real data at http://localhost:$(PORT)"
	@$(RELEASE)/lgbench serve --db $(DB) --port $(PORT)

# LABEL=engine (or core, store, ingest, synth, api) runs one layer's tests.
# The Stress* tests (the server under attack: slow readers, descriptor
# exhaustion) are part of it; one of them needs lgbench built without
# sanitizers, so `make test` builds the release binary too.
test: build-test build
	@cd $(TESTBUILD) && LGB_UNSANITIZED_BINARY=$(abspath $(RELEASE))/lgbench \
	  ctest --output-on-failure -j $(JOBS) $(if $(LABEL),-L $(LABEL))

# Only the Stress* tests.
test-stress: build-test build
	@cd $(TESTBUILD) && LGB_UNSANITIZED_BINARY=$(abspath $(RELEASE))/lgbench \
	  ctest --output-on-failure -R '^Stress'

# The libFuzzer targets (fuzz/README.md), FUZZ_SECONDS each; the corpus each
# grows is kept in build/fuzz/corpus for the next run. `make test` runs them
# for a few seconds each.
FUZZ_SECONDS ?= 60
fuzz: deps
	@cmake -S fuzz -B build/fuzz -G Ninja -DCMAKE_CXX_COMPILER=clang++ -DLGB_FUZZ_SECONDS=$(FUZZ_SECONDS) >/dev/null
	@cmake --build build/fuzz -j $(JOBS)
	@cd build/fuzz && ctest --output-on-failure -j $(JOBS)

bench: build-all
	@bash bench/run.sh

clean:
	rm -rf build var web/dist
