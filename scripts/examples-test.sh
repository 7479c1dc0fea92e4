#!/bin/sh
# Builds and runs the example package (examples/): the stream arbiter against its Swift
# reference in lockstep (Verilator, and Icarus for one run) must say EQUIVALENT; with the
# seeded bug (--bug) it must diverge (exit 1), shrink, write a trace and a waveform, and the
# replay command it prints must reproduce the divergence under Verilator and Icarus.
# Usage: scripts/examples-test.sh   (from the repository root)
set -eu
swift=${SWIFT:-swift}
out=$(pwd)/sim/build/examples
rm -rf "$out"
mkdir -p "$out"
cd examples
echo "examples-test: building examples/ (a package that depends on Trapline)..."
$swift build >/dev/null 2>&1 || { $swift build; exit 1; }
bin=.build/debug/arbiter-lockstep
$bin --runs 20 --icarus-runs 1 --out "$out" --junit "$out/junit.xml" > "$out/good.txt" 2> "$out/good.err" || {
    cat "$out/good.txt" "$out/good.err"; echo "examples-test: FAILED: the correct arbiter did not pass" >&2; exit 1; }
grep -q '^EQUIVALENT$' "$out/good.txt" || { cat "$out/good.txt"; exit 1; }
grep -q 'failures="0"' "$out/junit.xml" || { echo "examples-test: FAILED: JUnit report" >&2; exit 1; }
status=0
$bin --bug --out "$out" > "$out/bug.txt" 2> "$out/bug.err" || status=$?
[ "$status" -eq 1 ] || { cat "$out/bug.txt" "$out/bug.err"; echo "examples-test: FAILED: --bug exited $status, expected 1" >&2; exit 1; }
grep -q '^shrunk from ' "$out/bug.txt" || { cat "$out/bug.txt"; echo "examples-test: FAILED: no shrunk trace" >&2; exit 1; }
trace=$(sed -n 's/^trace: *//p' "$out/bug.txt")
wave=$(sed -n 's/^waveform: *//p' "$out/bug.txt")
[ -s "$trace" ] && [ -s "$wave" ] || { echo "examples-test: FAILED: trace '$trace' or waveform '$wave' missing" >&2; exit 1; }
replay=$(sed -n 's/^replay: *//p' "$out/bug.txt")
for sim in verilator icarus; do
    status=0
    $replay --sim "$sim" --out "$out" > "$out/replay-$sim.txt" 2>&1 || status=$?
    [ "$status" -eq 1 ] || { cat "$out/replay-$sim.txt"; echo "examples-test: FAILED: the replay under $sim exited $status, expected 1" >&2; exit 1; }
done
echo "examples-test: passed ($(grep '^shrunk from' "$out/bug.txt"); replayed under Verilator and Icarus)"
