#!/usr/bin/env bash
# Long operand lists, as xargs passes them (issue 16, item 6): the time per operand must stay flat.
#   Benchmarks/operand-lists.sh [COUNTS...]     (default: 2500 10000 100000; builds in release)
# For each count: `autoid-sign hash` over that many tiny files in one call, beside b3sum over the same
# list (the peer's per-file cost is the floor), and `autoid-sign -k KEY -o ENVELOPE` signing them all.
# Prints the CPU model and kernel, seconds, microseconds per operand, and the ratio to b3sum.
set -euo pipefail
cd "$(dirname "$0")/.."
counts=("$@")
[ ${#counts[@]} -gt 0 ] || counts=(2500 10000 100000)
command -v b3sum >/dev/null || { echo "b3sum is needed (apt install b3sum)" >&2; exit 1; }
BIN=$(scripts/build-release autoid-sign)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "cpu:    $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //') ($(nproc) cores)"
echo "kernel: $(uname -sr)"
secs() { local start end; start=$(date +%s.%N); "$@" >/dev/null 2>&1; end=$(date +%s.%N); echo "$end - $start" | bc; }

"$BIN/autoid-sign" keygen -s "$work/autoid.key" -p "$work/autoid.pub" >/dev/null
mkdir "$work/files"
cd "$work/files"
made=0
printf '%-44s %9s %12s %10s\n' "run" "seconds" "us/operand" "vs b3sum"
for count in "${counts[@]}"; do
    while [ "$made" -lt "$count" ]; do made=$((made + 1)); printf 'f%d\n' "$made" > "f$made"; done
    list=()
    for i in $(seq 1 "$count"); do list+=("f$i"); done
    peer=$(secs b3sum "${list[@]}")
    hash=$(secs "$BIN/autoid-sign" hash "${list[@]}")
    sign=$(secs "$BIN/autoid-sign" -k "$work/autoid.key" -o "$work/all-$count.json" "${list[@]}")
    printf '%-44s %9.3f %12.1f\n' "b3sum, $count files" "$peer" "$(echo "$peer * 1000000 / $count" | bc -l)"
    printf '%-44s %9.3f %12.1f %9.2fx\n' "autoid-sign hash, $count files" "$hash" "$(echo "$hash * 1000000 / $count" | bc -l)" \
        "$(echo "$peer / $hash" | bc -l)"
    printf '%-44s %9.3f %12.1f\n' "autoid-sign -k KEY -o OUT, $count files" "$sign" "$(echo "$sign * 1000000 / $count" | bc -l)"
done
