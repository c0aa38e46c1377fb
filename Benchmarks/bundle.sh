#!/usr/bin/env bash
# Bundle benchmark (issue 11): create and verify a bundle of 1 GiB of content (100 random files of
# 10 MiB) side by side, in one run, with the pair `tar cf` + `autoid-sign hash` of the same files.
# Target: create and verify each within 1.25x of the pair's time; peak RSS under 64 MiB (GNU time)
# whatever the bundle size (shown for 100 MiB and 1 GiB).
#   Benchmarks/bundle.sh [N]     (default N=3; best of N; builds in release with scripts/build-release)
# The bundle hashes every entry with BLAKE3 and SHA-256 (the pair hashes BLAKE3 only), and verify
# also checks the envelope. `create -o FILE` flushes the bundle to disk (fsync) before renaming it
# into place, which `tar cf` does not: `create -o - > FILE` is the like-for-like line. Wall-clock
# times vary with load on a shared machine; CPU time (user + system) much less: compare ratios.
# Everything the run writes (keys, envelopes, bundles, timings) goes into a fresh temporary folder that
# is removed on every exit (done, failed or interrupted); the 1 GiB of content is made there too, unless
# AUTOID_BENCH_DIR names a folder to keep it in between runs (its content/ is made once and reused;
# nothing else is written there).
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-3}
BIN=$(scripts/build-release provenance-bundle autoid-sign)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
DATA=${AUTOID_BENCH_DIR:-$work}
mkdir -p "$DATA/content"
for i in $(seq -w 0 99); do
  # Under a temporary name first: an interrupted run leaves no short file for the next one to reuse.
  [ -f "$DATA/content/f$i.bin" ] || { head -c 10485760 /dev/urandom >"$work/f$i.part" && mv "$work/f$i.part" "$DATA/content/f$i.bin"; }
done
cd "$DATA"   # the bundles name their content content/fNN.bin
"$BIN/autoid-sign" keygen -s "$work/bench.key" -p "$work/bench.pub" >/dev/null
"$BIN/autoid-sign" -k "$work/bench.key" -o "$work/bench.dsse.json" content/*.bin
"$BIN/autoid-sign" -k "$work/bench.key" -o "$work/small.dsse.json" content/f0*.bin
cat content/*.bin >/dev/null   # page cache

declare -A wall cpu rss
run() { # name command...: best wall-clock and CPU seconds, largest peak RSS (KiB)
  local name=$1; shift
  /usr/bin/time -f '%e %U %S %M' -o "$work/time.txt" "$@" >/dev/null
  local w u s m
  read -r w u s m < <(tail -1 "$work/time.txt")
  local c; c=$(echo "$u + $s" | bc)
  if [ -z "${wall[$name]:-}" ] || [ "$(echo "$w < ${wall[$name]}" | bc)" = 1 ]; then wall[$name]=$w; fi
  if [ -z "${cpu[$name]:-}" ] || [ "$(echo "$c < ${cpu[$name]}" | bc)" = 1 ]; then cpu[$name]=$c; fi
  if [ -z "${rss[$name]:-}" ] || [ "$m" -gt "${rss[$name]}" ]; then rss[$name]=$m; fi
}
PB=$BIN/provenance-bundle
W=$work
for i in $(seq "$N"); do
  rm -f "$W/peer.tar" "$W/bundle.tar" "$W/stdout.tar" "$W/bundle.tar.zst"
  run "tar cf"                      tar cf "$W/peer.tar" content
  run "autoid-sign hash"            "$BIN/autoid-sign" hash content/*.bin
  rm -f "$W/peer.tar"
  run "tar cf + autoid-sign hash"   sh -c "tar cf \"$W/peer.tar\" content && \"$BIN/autoid-sign\" hash content/*.bin"
  run "create -o FILE"              "$PB" create -o "$W/bundle.tar" "$W/bench.dsse.json" --content content
  run "create -o - > FILE"          sh -c "\"$PB\" create -o - \"$W/bench.dsse.json\" --content content > \"$W/stdout.tar\""
  run "verify FILE"                 "$PB" verify -k "$W/bench.pub" "$W/bundle.tar"
  run "verify - < FILE"             sh -c "\"$PB\" verify -k \"$W/bench.pub\" - < \"$W/bundle.tar\""
  run "create -o FILE.tar.zst"      "$PB" create -o "$W/bundle.tar.zst" "$W/bench.dsse.json" --content content
  run "verify FILE.tar.zst"         "$PB" verify -k "$W/bench.pub" "$W/bundle.tar.zst"
done
ratio() { echo "scale=2; $1 / $2" | bc; }
PAIR="tar cf + autoid-sign hash"
echo "cpu:    $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //') ($(nproc) cores)"
echo "kernel: $(uname -sr)"
echo "load:   $(cut -d' ' -f1-3 /proc/loadavg) (1, 5, 15 min)"
printf '\n%-28s %8s %7s %8s %7s\n' "1 GiB in 100 files, best of $N" "wall s" "ratio" "cpu s" "ratio"
for name in "tar cf" "autoid-sign hash" "$PAIR" "create -o FILE" "create -o - > FILE" "verify FILE" "verify - < FILE" \
  "create -o FILE.tar.zst" "verify FILE.tar.zst"; do
  printf '%-28s %8.2f %6sx %8.2f %6sx\n' "$name" "${wall[$name]}" "$(ratio "${wall[$name]}" "${wall[$PAIR]}")" \
    "${cpu[$name]}" "$(ratio "${cpu[$name]}" "${cpu[$PAIR]}")"
done
echo "(ratios to: $PAIR)"
cmp -s "$W/bundle.tar" "$W/stdout.tar" && echo "create -o FILE and create -o - > FILE: identical bytes"

peak() { /usr/bin/time -f %M -o "$W/rss.txt" "$@" >/dev/null; echo "$(($(tail -1 "$W/rss.txt") / 1024)) MiB"; }
echo
echo "peak RSS, 100 MiB bundle: create $(peak "$PB" create -o "$W/small.tar" "$W/small.dsse.json" --content content/f00.bin \
  --content content/f01.bin --content content/f02.bin --content content/f03.bin --content content/f04.bin \
  --content content/f05.bin --content content/f06.bin --content content/f07.bin --content content/f08.bin \
  --content content/f09.bin), verify $(peak "$PB" verify -k "$W/bench.pub" "$W/small.tar")"
echo "peak RSS, 1 GiB bundle:   create $((rss["create -o FILE"] / 1024)) MiB (tar.zst $((rss["create -o FILE.tar.zst"] / 1024)) MiB)," \
  "verify $((rss["verify FILE"] / 1024)) MiB (tar.zst $((rss["verify FILE.tar.zst"] / 1024)) MiB);" \
  "tar cf $((rss["tar cf"] / 1024)) MiB, autoid-sign hash $((rss["autoid-sign hash"] / 1024)) MiB"
