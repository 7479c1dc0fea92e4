#!/usr/bin/env bash
# scripts/synth.sh NAME [generator flags...]
# Synthesises the router generated with the flags, I/O bitmaps off, as issue 10 measures it:
# Yosys `synth -flatten`, then `abc -g simple` (simple gates), then `ltp -noff` (longest
# combinational path). Prints lines of Verilog, cells and logic depth. Exit 3 when Yosys fails.
set -euo pipefail
name=$1; shift
out=sim/build/synth/$name
mkdir -p "$out"
.build/debug/trapline generate --out "$out" --no-io-bitmaps "$@" >/dev/null
v=$out/trapline_router.v
run() {  # run SYNTH_OPTIONS: synthesise, then stat and longest path
  yosys -q -l "$out/yosys.log" -p "read_verilog $v; synth -flatten $1 -top trapline_router; abc -g simple; tee -q -o $out/stat.txt stat; tee -q -o $out/ltp.txt ltp -noff" >/dev/null 2>&1 \
    || { echo "synth: yosys failed on $v (log: $out/yosys.log)" >&2; exit 3; }
}
run ""
note=""
# Yosys's SAT-based resource sharing (`share`) can merge mutually exclusive cells into a
# false combinational loop that the RTL does not have (`check` after `proc` finds none);
# then the longest path is not defined, so the figures are taken without it.
if grep -q "found logic loop" "$out/yosys.log"; then
  run "-noshare"
  note="  (synth -noshare: Yosys share made a false loop)"
fi
cells=$(awk '/Number of cells/ {print $NF; exit}' "$out/stat.txt")
depth=$(sed -n 's/.*Longest topological path in trapline_router (length=\([0-9]*\)).*/\1/p' "$out/ltp.txt" | head -1)
printf '%-10s %-48s lines %5d  cells %6s  depth %4s%s\n' "$name" "${*:-(defaults)} --no-io-bitmaps" "$(wc -l < "$v")" "$cells" "$depth" "$note"
