# Trapline — make targets. `make cosim` is the main job, `make test` is what CI runs.
SWIFT       ?= swift
# The DSL's operator overloads must stay quick to type-check: any expression that takes the
# type checker more than 200 ms is reported as a warning during our own builds. (Not in
# Package.swift: unsafeFlags there would stop packages from depending on Trapline by version.)
BUILD_FLAGS ?= -Xswiftc -Xfrontend -Xswiftc -warn-long-expression-type-checking=200
TOOLS       := verilator iverilog yosys
# yosys-abc (ABC, the model checker `trapline prove` runs) ships in the Debian yosys package.
FORMAL_TOOLS := yosys-abc
RELEASE_BIN := .build/release/trapline
SEED        ?= 1
BUDGET      ?= 120
BENCH_FLAGS ?=

.PHONY: all deps build release test test-examples test-consumer test-browser test-slurm cosim rtl bench synth prove mutate docs clean

all: build

## deps: install the simulators (Debian packages) when any is missing.
deps:
	@missing=""; for t in $(TOOLS); do command -v $$t >/dev/null 2>&1 || missing="$$missing $$t"; done; \
	for t in $(FORMAL_TOOLS); do command -v $$t >/dev/null 2>&1 || case " $$missing " in *" yosys "*) ;; *) missing="$$missing yosys";; esac; done; \
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

## test: what CI runs — tools, debug build (the CLI tests run the binary), all tests, then the
## example package and a consumer package that requires Trapline by version.
test: deps build
	$(SWIFT) test $(BUILD_FLAGS)
	@$(MAKE) --no-print-directory test-examples test-consumer

## test-examples: build examples/ (its own package) and run its lockstep campaign, correct and buggy.
test-examples: deps
	@SWIFT="$(SWIFT)" scripts/examples-test.sh

## test-consumer: clone, tag 0.1.0 and build a package that requires Trapline from: "0.1.0".
test-consumer: deps
	@SWIFT="$(SWIFT)" scripts/consumer-test.sh

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

## bench: SPEC 12 figures (release build) at the defaults, side by side with the hand-written
## router of sim/handwritten/ (plain C++ harness at full rate, lines), then the C++ full-rate
## figures at --vmms 16 --guests 64 --io-ranges 16. `make bench BENCH_FLAGS=--json` for JSON.
BASELINE := sim/handwritten/trapline_router.v
bench: deps release
	$(RELEASE_BIN) bench $(if $(wildcard $(BASELINE)),--baseline $(BASELINE)) $(BENCH_FLAGS)
	$(RELEASE_BIN) bench --vmms 16 --guests 64 --io-ranges 16 --commands 300000 --rounds 3 --no-generic $(BENCH_FLAGS)

## synth: Yosys synthesis of the generated router, I/O bitmaps off, at the defaults and at
## --vmms 16 --guests 64 --io-ranges 16: lines, cells (simple gates) and logic depth (longest path).
synth: deps build
	@scripts/synth.sh defaults
	@scripts/synth.sh large --vmms 16 --guests 64 --io-ranges 16

## prove: the deep proofs of docs/prove.md — the six safety properties of the generated router
## at --vmms 3 --guests 2 --io-ranges 1 without bitmaps, at the defaults without bitmaps, and at
## the defaults with the bitmaps cut out (their reads free); then every seeded bug is caught.
## Models, logs and any counterexample go to sim/build/prove/. PROVE_FLAGS adds flags to each run.
## The router's invariants are proved first and kept beside each property; 4b closes with the
## read-back bridge (docs/prove.md). The models at the defaults took Yosys 86 s and 115 s on the shared 2-core machine.
PROVE_FLAGS ?=
prove: deps build
	.build/debug/trapline prove --vmms 3 --guests 2 --io-ranges 1 --no-io-bitmaps --depth 20 --timeout 300 --out sim/build/prove/small $(PROVE_FLAGS)
	.build/debug/trapline prove --no-io-bitmaps --depth 20 --timeout 600 --out sim/build/prove/defaults $(PROVE_FLAGS)
	.build/debug/trapline prove --depth 12 --timeout 600 --out sim/build/prove/bitmaps $(PROVE_FLAGS)
	TRAPLINE_PROVE_DEEP=1 $(SWIFT) test $(BUILD_FLAGS) --filter ProveMutationTests

## mutate (opt-in): the mutation score of the equivalence campaign (docs/mutate.md): COUNT Yosys
## mutants of the router generated on the defaults, each through a short campaign of SEED with
## MUTANT_BUDGET seconds of random streams. Report, mutation list and netlist in sim/build/mutate/.
## MUTATE_FLAGS adds flags (e.g. MUTATE_FLAGS="--rtl my_router.v" or "--sampled-sweeps").
COUNT         ?= 50
MUTANT_BUDGET ?= 10
MUTATE_FLAGS  ?=
mutate: deps release
	@mkdir -p sim/build/mutate
	$(RELEASE_BIN) mutate --count $(COUNT) --seed $(SEED) --budget-per-mutant $(MUTANT_BUDGET) \
	  --out sim/build/mutate --json sim/build/mutate/mutate.json $(MUTATE_FLAGS)

## test-browser (opt-in): the HTML report rendered by headless Chromium, checked on the DOM it
## builds (scripts/test-browser.sh). Installs Debian's chromium when root, else prints the command.
test-browser: deps build
	@command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "make test-browser: installing chromium"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null || exit 3; \
	  else \
	    echo "make test-browser: chromium is missing. Install it with:" >&2; \
	    echo "  sudo apt-get update && sudo apt-get install -y chromium" >&2; exit 3; \
	  fi; }
	@scripts/test-browser.sh

## test-slurm (opt-in, root): a real single-node Slurm (Debian slurm-wlm + munge, private config in a
## temporary folder) runs a 4-shard campaign with scripts/slurm/submit.sh; the merged verdict and
## coverage bins must equal a 1-shard run of the same seed (scripts/slurm/test-slurm.sh).
test-slurm: deps build
	@command -v slurmctld >/dev/null 2>&1 && command -v munged >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "make test-slurm: installing slurm-wlm munge"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq slurm-wlm munge >/dev/null || exit 3; \
	  else \
	    echo "make test-slurm: Slurm is missing. Install it (and run this as root) with:" >&2; \
	    echo "  sudo apt-get update && sudo apt-get install -y slurm-wlm munge" >&2; exit 3; \
	  fi; }
	@scripts/slurm/test-slurm.sh

## docs: the API reference of every library target (DocC, through swift-docc-plugin): one
## archive per target, .build/docs/<Target>.doccarchive (`docc preview`, or add
## DOCS_FLAGS="--transform-for-static-hosting" to serve one from a plain web server).
## DocCommentTests checks that every public declaration has a doc comment.
DOC_TARGETS := HDL VerilogEmitter RouterDesign RouterSpec RouterModel CoSim Lockstep Stimulus RouterSim Equivalence Formal
DOCS_DIR    ?= .build/docs
DOCS_FLAGS  ?=
docs:
	@mkdir -p $(DOCS_DIR)
	$(SWIFT) package --allow-writing-to-directory $(DOCS_DIR) generate-documentation \
	  $(foreach t,$(DOC_TARGETS),--target $(t)) --output-path $(DOCS_DIR) $(DOCS_FLAGS)

clean:
	rm -rf .build sim/build
