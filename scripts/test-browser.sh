#!/bin/sh
# make test-browser: the HTML report (docs/results.md) rendered by a real browser.
# Headless Chromium loads each report from a file:// URL and dumps the DOM it built;
# the checks below are on that rendered DOM: the verdict, the parameters and shards
# tables, the coverage holes, and for a mismatch the trace, the replay command and
# the SVG waveform (signal rows and the red line at the failing response).
# Needs: the debug build (make build), verilator, iverilog, chromium.
set -eu
T=${TRAPLINE:-.build/debug/trapline}
CHROMIUM=${CHROMIUM:-$(command -v chromium || command -v chromium-browser || true)}
[ -n "$CHROMIUM" ] || { echo "test-browser: chromium is missing: sudo apt-get install -y chromium" >&2; exit 3; }
W=$(mktemp -d "${TMPDIR:-/tmp}/trapline-browser-XXXXXX")
trap 'rm -rf "$W"' EXIT
fails=0
check() {   # check NAME FILE.dom PATTERN [MIN-COUNT]: the rendered DOM has PATTERN (at least MIN times)
  n=$(grep -o -- "$3" "$2" | wc -l)
  if [ "$n" -ge "${4:-1}" ]; then echo "ok   $1"; else echo "FAIL $1 (found $n of ${4:-1}: $3)"; fails=$((fails + 1)); fi
}
refuse() {  # refuse NAME FILE.dom PATTERN: the rendered DOM does not have PATTERN
  if grep -q -- "$3" "$2"; then echo "FAIL $1 (found: $3)"; fails=$((fails + 1)); else echo "ok   $1"; fi
}
dom() { "$CHROMIUM" --headless --disable-gpu --no-sandbox --dump-dom "file://$1" 2>/dev/null > "$2"; }

# 1. A mismatch: the generated router with the static map's reason 5 changed to 7.
"$T" generate --out "$W/rtl" > /dev/null
sed "/static_hit =/s/EXIT_REASON_IO_SMI/16'd7/" "$W/rtl/trapline_router.v" > "$W/mutant<&>.v"
status=0
"$T" equiv --rtl "$W/mutant<&>.v" --budget 1 --streams 1 --stream-commands 200 --icarus-sample 50 \
  --out "$W/out" --html "$W/mismatch.html" > "$W/mismatch.txt" 2>&1 || status=$?
[ "$status" = 1 ] || { echo "test-browser: the mutant should be a mismatch (exit 1), got $status" >&2; cat "$W/mismatch.txt" >&2; exit 1; }
dom "$W/mismatch.html" "$W/mismatch.dom"
check "verdict MISMATCH"               "$W/mismatch.dom" '<p id="verdict" class="verdict mismatch">verdict: MISMATCH</p>'
check "rtl path escaped"               "$W/mismatch.dom" 'mutant&lt;&amp;&gt;.v'
check "parameters table"               "$W/mismatch.dom" '<th>seed</th><td>1</td>'
check "shards table"                   "$W/mismatch.dom" '<td>1/1</td><td>MISMATCH</td>'
check "coverage holes highlighted"     "$W/mismatch.dom" '<tr class="hole">' 10
check "shrunk trace, failing command"  "$W/mismatch.dom" '<li class="failing"><code>{"op":"event","reason":5'
check "replay command"                 "$W/mismatch.dom" '<pre id="replay"><code>trapline cosim '
check "waveform: svg"                  "$W/mismatch.dom" '<svg xmlns="http://www.w3.org/2000/svg" class="wave"'
check "waveform: signal rows"          "$W/mismatch.dom" '<g class="signal" data-name="' 10
check "waveform: rsp_kind row"         "$W/mismatch.dom" 'data-name="rsp_kind"'
check "waveform: divergence marker"    "$W/mismatch.dom" '<line class="divergence"'
refuse "no script"                     "$W/mismatch.dom" '<script'

# 2. Two shards of an equivalent campaign, merged.
for i in 1 2; do
  "$T" equiv --budget 1 --streams 2 --stream-commands 200 --icarus-sample 50 --shard "$i/2" \
    --out "$W/out$i" --results "$W/s$i.json" > /dev/null 2>&1
done
"$T" merge "$W/s1.json" "$W/s2.json" --html "$W/merged.html" > "$W/merged.txt"
dom "$W/merged.html" "$W/merged.dom"
check "merged verdict EQUIVALENT"      "$W/merged.dom" '<p id="verdict" class="verdict equivalent">verdict: EQUIVALENT</p>'
check "merged shard rows"              "$W/merged.dom" '<tr class="ok"><td>[12]/2</td>' 2
check "merged coverage total"          "$W/merged.dom" '<p id="coverage-total">100.0% (645/645 bins'
check "no divergences"                 "$W/merged.dom" '<p id="divergences">none</p>'
refuse "no holes when closed"          "$W/merged.dom" '<tr class="hole">'

[ "$fails" = 0 ] || { echo "test-browser: $fails check(s) failed" >&2; exit 1; }
echo "test-browser: all checks passed"
