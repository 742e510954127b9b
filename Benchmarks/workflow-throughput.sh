#!/bin/sh
# Statements per second of `talon run` against the embedded engine (release build): generates
# a 10,000-statement workflow and times one run of it. Run from the repository root:
#
#   Benchmarks/workflow-throughput.sh [STATEMENTS]
set -eu
statements=${1:-10000}
swift build -c release --product talon >/dev/null
talon=$(swift build -c release --show-bin-path)/talon
workflow=$(mktemp "${TMPDIR:-/tmp}/talon-bench-XXXXXX.tw")
trap 'rm -f "$workflow"' EXIT
"$(dirname "$0")/generate-workflow.sh" "$statements" >"$workflow"
start=$(date +%s.%N)
"$talon" run --quiet --seed 1 "$workflow"
end=$(date +%s.%N)
awk -v n="$statements" -v s="$start" -v e="$end" 'BEGIN {
  printf "talon run (embedded, in memory): %d statements in %.2fs = %.0f statements/s\n", n, e - s, n / (e - s)
}'
