#!/usr/bin/env bash
# minisign-compatible verification of many small files, side by side with minisign in one run (issue 13):
#   Benchmarks/minisign-verify.sh [COUNT]     (default 10000; needs minisign; builds in release once,
#                                              in .build-release unless AUTOID_SCRATCH says otherwise)
# COUNT small files are signed once with `minisign -S` (prehashed ED, minisign's default); then
# 1. one `autoid-verify minisign -p KEY --files-from LIST` call verifies them all, on every core;
# 2. `minisign -V -p KEY -m FILE` runs once per file, as a shell loop over a release directory would.
# Both must accept every file. Prints the CPU model and kernel, wall-clock seconds (best of 3) and the
# ratio (target: at least 20x). Numbers vary with load on a shared machine: compare the ratio.
set -euo pipefail
cd "$(dirname "$0")/.."
COUNT=${1:-10000}
SCRATCH=${AUTOID_SCRATCH:-.build-release}
command -v minisign >/dev/null || { echo "minisign is needed (apt install minisign)" >&2; exit 1; }
swift build -c release --scratch-path "$SCRATCH" --product autoid-verify >/dev/null
BIN=$(swift build -c release --scratch-path "$SCRATCH" --show-bin-path)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "cpu:    $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //') ($(nproc) cores)"
echo "kernel: $(uname -sr)"
secs() { local start end; start=$(date +%s.%N); "$@" >/dev/null 2>&1; end=$(date +%s.%N); echo "$end - $start" | bc; }
best() { local b="" t; for _ in 1 2 3; do t=$(secs "$@"); if [ -z "$b" ] || [ "$(echo "$t < $b" | bc)" = 1 ]; then b=$t; fi; done; echo "$b"; }

mkdir "$work/files"
cd "$work/files"
for i in $(seq 1 "$COUNT"); do printf 'small file %d\n' "$i" > "f$i.txt"; done
ls f*.txt > "$work/list"
minisign -G -W -p "$work/minisign.pub" -s "$work/minisign.key" >/dev/null
xargs -n 1000 minisign -S -s "$work/minisign.key" -m < "$work/list" >/dev/null

# Both sides must accept every file before anything is timed.
"$BIN/autoid-verify" minisign -q -p "$work/minisign.pub" --files-from "$work/list"
while read -r f; do minisign -q -V -p "$work/minisign.pub" -m "$f"; done < "$work/list"

ours=$(best "$BIN/autoid-verify" minisign -q -p "$work/minisign.pub" --files-from "$work/list")
theirs=$(best bash -c 'while read -r f; do minisign -q -V -p "$0" -m "$f"; done < "$1"' "$work/minisign.pub" "$work/list")

printf '%-58s %8.3f s\n' "autoid-verify minisign, $COUNT files, one call" "$ours"
printf '%-58s %8.3f s   %6.1fx (target >= 20x)\n' "minisign -V, once per file" "$theirs" "$(echo "$theirs / $ours" | bc -l)"
