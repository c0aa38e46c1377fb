#!/usr/bin/env bash
# state-audit snapshot at chain scale (issue 16, item 3): MB/s of JSON and peak RSS (GNU time -v).
#   Benchmarks/snapshot.sh [GB]      (default 5: the size of the large generated snapshot; 0 skips it)
# Rows: a map of 1,000,000 random 32-byte pairs (138 MB; unsorted, so it goes through the external
# sort), the same pairs as a sorted state_getPairs array (hashed as read), and a generated state_getPairs
# snapshot of GB gigabytes in random order (streamed to disk by Benchmarks/snapshot-gen.py, Python's
# standard library; deleted afterwards; the sort's runs take about half its size under TMPDIR).
# The peer row is Python's json module loading the same map (parsing only, no trie): what a reader that
# keeps the document in memory pays. Prints the CPU model and kernel. Targets: >= 300 MB/s of JSON per
# core, the large snapshot in under 256 MiB.
set -euo pipefail
cd "$(dirname "$0")/.."
GB=${1:-5}
[ -x /usr/bin/time ] || { echo "GNU time is needed (apt install time)" >&2; exit 1; }
BIN=$(scripts/build-release state-audit)
work=$(mktemp -d "${TMPDIR:-/tmp}/snapshot-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT

echo "cpu:    $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //') ($(nproc) cores)"
echo "kernel: $(uname -sr); SIMD: $(grep -m1 -o -w -E 'avx512f|avx2' /proc/cpuinfo | sort -u | tr '\n' ' ')"

measure() {  # label, file, command...: best of 3 (1 for big files): wall, CPU, MB/s of JSON, peak RSS
  local label=$1 file=$2; shift 2
  local runs=3 best="" line=""
  [ "$(stat -c %s "$file")" -gt 2000000000 ] && runs=1
  for _ in $(seq $runs); do
    /usr/bin/time -v -o "$work/time" "$@" >"$work/out" 2>"$work/err" || { cat "$work/err" >&2; return 1; }
    local wall user sys rss
    wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,a,":"); s=0; for(i=1;i<=n;i++) s=s*60+a[i]; print s}' "$work/time")
    user=$(awk -F': ' '/User time/ {print $2}' "$work/time")
    sys=$(awk -F': ' '/System time/ {print $2}' "$work/time")
    rss=$(awk -F': ' '/Maximum resident/ {print $2}' "$work/time")
    if [ -z "$best" ] || [ "$(echo "$wall < $best" | bc)" = 1 ]; then
      best=$wall
      local size mb cpu
      size=$(stat -c %s "$file")
      cpu=$(echo "$user + $sys" | bc)
      mb=$(echo "scale=1; $size / $wall / 1000000" | bc)
      line=$(printf '%-46s %7.2f s wall %7.2f s CPU %7.1f MB/s %7.1f MB/s/core-CPU  peak RSS %7.1f MiB' \
        "$label" "$wall" "$cpu" "$mb" "$(echo "scale=1; $size / $cpu / 1000000" | bc)" "$(echo "$rss / 1024" | bc -l)")
    fi
  done
  echo "$line"
}

python3 Benchmarks/snapshot-gen.py map 1000000 "$work/map.json"
python3 Benchmarks/snapshot-gen.py pairs 1000000 "$work/sorted.json" --sorted
echo "1,000,000 pairs: map $(du -m "$work/map.json" | cut -f1) MiB, sorted pairs $(du -m "$work/sorted.json" | cut -f1) MiB"
measure "state-audit snapshot, map (unsorted)" "$work/map.json" "$BIN/state-audit" snapshot --state-version 1 "$work/map.json"
grep "state root" "$work/out" | sed 's/^/  /'
measure "state-audit snapshot, sorted state_getPairs" "$work/sorted.json" "$BIN/state-audit" snapshot --state-version 1 "$work/sorted.json"
measure "state-audit snapshot, map on stdin" "$work/map.json" sh -c "\"$BIN/state-audit\" snapshot --state-version 1 - < \"$work/map.json\""
measure "python3 json.load of the map (peer, no trie)" "$work/map.json" python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$work/map.json"
rm -f "$work/map.json" "$work/sorted.json"

if [ "$GB" != 0 ]; then
  count=$((GB * 1000000000 / 138))
  python3 Benchmarks/snapshot-gen.py pairs "$count" "$work/big.json"
  echo "generated: $count pairs in random order, $(du -m "$work/big.json" | cut -f1) MiB"
  measure "state-audit snapshot, ${GB} GB unsorted pairs" "$work/big.json" "$BIN/state-audit" snapshot --state-version 1 "$work/big.json"
  rss=$(awk -F': ' '/Maximum resident/ {print $2}' "$work/time")
  echo "target under 256 MiB: $( [ "$rss" -lt 262144 ] && echo met || echo 'not met')"
fi
