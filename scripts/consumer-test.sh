#!/bin/sh
# Depends on Trapline BY VERSION, as a user's package would: clones this repository's
# HEAD into a temporary folder, tags it, and builds and runs a consumer package that
# requires `from: "0.1.0"` of it, whose program is the README's "Your own design" example:
# it must pass, and with --bug diverge (exit 1) with a shrunk trace whose replay diverges. SwiftPM refuses a versioned dependency that uses
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
# The program is the README's "Your own design" example, verbatim: the README cannot drift.
awk '/^## Your own design/ { inside = 1 } inside && /^## / && !/Your own design/ { inside = 0 }
     inside && /^```swift$/ { block = ""; code = 1; next }
     inside && code && /^```$/ { code = 0; if (block ~ /^import HDL/) { printf "%s", block; exit } next }
     inside && code { block = block $0 "\n" }' README.md > "$tmp/consumer/Sources/consumer/main.swift"
grep -q '^import Lockstep' "$tmp/consumer/Sources/consumer/main.swift" || {
    echo "consumer-test: FAILED: README.md has no 'Your own design' Swift example starting with 'import HDL'" >&2; exit 1; }
cd "$tmp/consumer"
echo "consumer-test: resolving and building a package that requires Trapline from: 0.1.0..."
${SWIFT:-swift} build 2>&1 | grep -E "error|warning: .*unsafe|Compiling|Build complete" | grep -v "^\[" || true
${SWIFT:-swift} build >/dev/null 2>&1 || { ${SWIFT:-swift} build; exit 1; }
if find .build -name 'ArgumentParser.swiftmodule' | grep -q .; then
    echo "consumer-test: FAILED: a library-only consumer built swift-argument-parser (the CLI's dependency)" >&2
    exit 1
fi
bin=$(${SWIFT:-swift} build --show-bin-path)/consumer
out=$("$bin" --runs 20 2>/dev/null)
echo "$out" | grep -q '^EQUIVALENT$' || { echo "$out"; echo "consumer-test: FAILED: the README example did not say EQUIVALENT" >&2; exit 1; }
status=0
out=$("$bin" --bug --out "$tmp/out" 2>/dev/null) || status=$?
[ "$status" -eq 1 ] && echo "$out" | grep -q '^shrunk from ' || {
    echo "$out"; echo "consumer-test: FAILED: --bug exited $status without a shrunk divergence" >&2; exit 1; }
replay=$(echo "$out" | sed -n 's/^replay: *//p')
status=0
$replay --out "$tmp/out" >/dev/null 2>&1 || status=$?
[ "$status" -eq 1 ] || { echo "consumer-test: FAILED: the replay line '$replay' exited $status, expected 1" >&2; exit 1; }
echo "$out" | grep -E '^(shrunk from|  count:)'
echo "consumer-test: passed (versioned dependency resolved and built, swift-argument-parser not built; the README example passes, and with --bug shrinks and replays)"
