#!/bin/sh
# Depends on Trapline BY VERSION, as a user's package would: clones this repository's
# HEAD into a temporary folder, tags it, and builds and runs a consumer package that
# requires `from: "0.1.0"` of it. SwiftPM refuses a versioned dependency that uses
# unsafeFlags, so this fails if one creeps back in. The consumer uses the DSL and the
# lockstep layer only: the CLI's dependency (swift-argument-parser) must not be built.
# Usage: scripts/consumer-test.sh   (from the repository root; needs git, swift, verilator)
set -eu
repo=$(pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/trapline-consumer.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM
git clone --quiet "$repo" "$tmp/trapline"
git -C "$tmp/trapline" tag -f 0.1.0 >/dev/null
mkdir -p "$tmp/consumer/Sources/consumer"
cat > "$tmp/consumer/Package.swift" <<MANIFEST
// swift-tools-version:6.0
import PackageDescription
let package = Package(
    name: "consumer",
    dependencies: [.package(url: "file://$tmp/trapline", from: "0.1.0")],
    targets: [
        .executableTarget(name: "consumer", dependencies: [
            .product(name: "HDL", package: "trapline"),
            .product(name: "Lockstep", package: "trapline"),
        ]),
    ]
)
MANIFEST
cat > "$tmp/consumer/Sources/consumer/main.swift" <<'SWIFT'
import HDL
import Lockstep

// An 8-bit counter with enable, designed here, run in lockstep with a Swift model.
let m = ModuleBuilder("consumer_counter")
let clk = m.input("clk"), rst = m.input("rst"), en = m.input("en"), count = m.output("count", width: 8)
let r = m.reg("r", width: 8, clock: clk, reset: rst, resetValue: 0)
m.when(en) { r <== r + 1 }
count <== r

struct Model: CycleReference {
    let en: InputSignal, count: OutputSignal
    var value: UInt64 = 0
    mutating func reset() { value = 0 }
    mutating func cycle(_ io: inout CycleIO) {
        io[count] = value
        if io[en] == 1 { value = (value + 1) & 0xFF }
    }
}

let bench = try LockstepBench(module: try m.build())
let model = Model(en: try bench.ports.input("en"), count: try bench.ports.output("count", width: 8))
var options = LockstepOptions()
options.runs = 5; options.cycles = 500
let report = try bench.campaign(reference: model, stimulus: RandomStimulus(ports: bench.ports), options: options)
print(report.summary)
if !report.equivalent { fatalError("the counter diverged") }
SWIFT
cd "$tmp/consumer"
echo "consumer-test: resolving and building a package that requires Trapline from: 0.1.0..."
swift build 2>&1 | grep -E "error|warning: .*unsafe|Compiling|Build complete" | grep -v "^\[" || true
swift build >/dev/null 2>&1 || { swift build; exit 1; }
if find .build -name 'ArgumentParser.swiftmodule' | grep -q .; then
    echo "consumer-test: FAILED: a library-only consumer built swift-argument-parser (the CLI's dependency)" >&2
    exit 1
fi
out=$(swift run -q consumer)
echo "$out"
echo "$out" | grep -q '^EQUIVALENT$' || { echo "consumer-test: FAILED: the consumer's lockstep run did not say EQUIVALENT" >&2; exit 1; }
echo "consumer-test: passed (versioned dependency resolved, built, ran; swift-argument-parser not built)"
