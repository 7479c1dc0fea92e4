# Trapline — make targets. `make cosim` is the main job, `make test` is what CI runs.
SWIFT       ?= swift
BUILD_FLAGS ?=
TOOLS       := verilator iverilog yosys
RELEASE_BIN := .build/release/trapline
SEED        ?= 1
BUDGET      ?= 120
BENCH_FLAGS ?=

.PHONY: all deps build release test cosim rtl bench synth clean

all: build

## deps: install the simulators (Debian packages) when any is missing.
deps:
	@missing=""; for t in $(TOOLS); do command -v $$t >/dev/null 2>&1 || missing="$$missing $$t"; done; \
	if [ -z "$$missing" ]; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	  echo "make deps: installing$$missing"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null || exit 3; \
	else \
	  echo "make deps: missing$$missing. Install them with:" >&2; \
	  echo "  sudo apt-get update && sudo apt-get install -y$$missing" >&2; exit 3; \
	fi

build:
	$(SWIFT) build $(BUILD_FLAGS)

release:
	$(SWIFT) build -c release --product trapline $(BUILD_FLAGS)

## test: what CI runs — tools, debug build (the CLI tests run the binary), all tests.
test: deps build
	$(SWIFT) test $(BUILD_FLAGS)

## cosim: the main job — generate the RTL on defaults, build the model,
## run the equivalence campaign, print the summary.
## Extra flags pass through EQUIV_FLAGS (e.g. EQUIV_FLAGS="--shard 1/2 --stream-commands 50000");
## shrunk traces, waveforms and the JUnit report go to sim/build/equiv/.
cosim: deps release
	$(RELEASE_BIN) generate --out rtl
	@mkdir -p sim/build/equiv
	$(RELEASE_BIN) equiv --seed $(SEED) --budget $(BUDGET) --full-budget --rtl rtl/trapline_router.v \
	  --out sim/build/equiv --junit sim/build/equiv/junit.xml $(EQUIV_FLAGS)

## rtl: regenerate every committed generated file (rtl/, docs/fields.md).
rtl: build
	.build/debug/trapline generate --out rtl

## bench: SPEC 12 figures (release build); `make bench BENCH_FLAGS=--json` for JSON.
bench: deps release
	$(RELEASE_BIN) bench $(BENCH_FLAGS)

## synth: Yosys synthesis of the default router, I/O bitmaps off and on; prints cell statistics.
## The script is `synth` with its memory_map step left out, so the bitmaps stay $$mem cells (a RAM macro)
## instead of 4 x 64 Kibit of flip-flops.
synth: deps build
	@mkdir -p sim/build/synth
	.build/debug/trapline generate --out sim/build/synth/bitmaps_off --no-io-bitmaps >/dev/null
	.build/debug/trapline generate --out sim/build/synth/bitmaps_on >/dev/null
	@for v in bitmaps_off bitmaps_on; do \
	  echo "== synth: default parameters, $$v =="; \
	  yosys -q -l sim/build/synth/$$v.log -p "read_verilog sim/build/synth/$$v/trapline_router.v; synth -top trapline_router -run begin:fine; opt -fast -full; opt -full; techmap; opt -fast; abc -fast; opt -fast; check; tee -o sim/build/synth/$$v.stat stat" >/dev/null || exit 3; \
	  sed -n '/Number of cells/,/^$$/p' sim/build/synth/$$v.stat; \
	done

clean:
	rm -rf .build sim/build
