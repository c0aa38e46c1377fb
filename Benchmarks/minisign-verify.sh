#!/usr/bin/env bash
# minisign-compatible verification of many small files, side by side with minisign in one run (issue 13):
#   Benchmarks/minisign-verify.sh [COUNT]     (default 10000; needs minisign; builds in release once with
#                                              scripts/build-release)
# COUNT small files are signed once with `minisign -S` (prehashed ED, minisign's default); then
# 1. one `autoid-verify minisign -p KEY --files-from LIST` call verifies them all, on every core;
# 2. `minisign -V -p KEY -m FILE` runs once per file, as a shell loop over a release directory would.
# Both must accept every file. Prints the CPU model, kernel and load, wall-clock and CPU seconds (the
# run with the best wall-clock time of 3) and both ratios (target: at least 20x wall-clock). Numbers vary
# with load on a shared machine: compare ratios from one run.
set -euo pipefail
cd "$(dirname "$0")/.."
COUNT=${1:-10000}
command -v minisign >/dev/null || { echo "minisign is needed (apt install minisign)" >&2; exit 1; }
BIN=$(scripts/build-release autoid-verify)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "cpu:    $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //') ($(nproc) cores)"
echo "kernel: $(uname -sr)"
# "WALL CPU" seconds of one run (CPU = user + system, children included), via GNU time.
measure() { /usr/bin/time -f '%e %U %S' -o "$work/time" "$@" >/dev/null 2>&1; awk '{printf "%s %.2f\n", $1, $2 + $3}' "$work/time"; }
# Best of 3 by wall-clock time.
best() { local b="" t; for _ in 1 2 3; do t=$(measure "$@"); if [ -z "$b" ] || [ "$(echo "${t% *} < ${b% *}" | bc)" = 1 ]; then b=$t; fi; done; echo "$b"; }

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

read -r ours_wall ours_cpu <<<"$ours"
read -r theirs_wall theirs_cpu <<<"$theirs"
echo "load:   $(cut -d' ' -f1-3 /proc/loadavg) (other work on the machine lowers both sides' wall-clock rates)"
printf '%-50s %8.3f s wall %8.2f s CPU\n' "autoid-verify minisign, $COUNT files, one call" "$ours_wall" "$ours_cpu"
printf '%-50s %8.3f s wall %8.2f s CPU\n' "minisign -V, once per file" "$theirs_wall" "$theirs_cpu"
printf 'ratio: %.1fx wall-clock (target >= 20x), %.1fx CPU time\n' "$(echo "$theirs_wall / $ours_wall" | bc -l)" "$(echo "$theirs_cpu / $ours_cpu" | bc -l)"
