#!/usr/bin/env bash
# Bundle benchmark (issue 11): create and verify a bundle of 1 GiB of content (100 random files of
# 10 MiB) side by side, in one run, with the pair `tar cf` + `autoid-sign hash` of the same files.
# Target: create and verify each within 1.25x of the pair's time; peak RSS under 64 MiB (GNU time).
#   Benchmarks/bundle.sh [N]     (default N=3; best of N wall-clock times; builds in release)
# The bundle hashes every entry with BLAKE3 and SHA-256 (the pair hashes BLAKE3 only), and verify
# also checks the envelope. Numbers vary with load on a shared machine: compare ratios of one run.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-3}
swift build -c release --static-swift-stdlib --product provenance-bundle >/dev/null
swift build -c release --static-swift-stdlib --product autoid-sign >/dev/null
BIN=$(swift build -c release --static-swift-stdlib --show-bin-path)
WORK=${AUTOID_BENCH_DIR:-/tmp/autoid-bundle-bench}
mkdir -p "$WORK/content"
for i in $(seq -w 0 99); do
  [ -f "$WORK/content/f$i.bin" ] || head -c 10485760 /dev/urandom >"$WORK/content/f$i.bin"
done
cd "$WORK"
[ -f bench.key ] || "$BIN/autoid-sign" keygen -s bench.key -p bench.pub >/dev/null
"$BIN/autoid-sign" -k bench.key -o bench.dsse.json content/*.bin
cat content/*.bin >/dev/null   # page cache

declare -A best
run() { # name command...
  local name=$1; shift
  local s e t
  s=$(date +%s.%N); "$@" >/dev/null; e=$(date +%s.%N)
  t=$(echo "$e - $s" | bc)
  if [ -z "${best[$name]:-}" ] || [ "$(echo "$t < ${best[$name]}" | bc)" = 1 ]; then best[$name]=$t; fi
}
pair() { tar cf peer.tar content && "$BIN/autoid-sign" hash content/*.bin; }
for i in $(seq "$N"); do
  rm -f peer.tar bundle.tar
  run "tar cf"                       tar cf peer.tar content
  run "autoid-sign hash"             "$BIN/autoid-sign" hash content/*.bin
  rm -f peer.tar
  run "tar cf + autoid-sign hash"    pair
  run "provenance-bundle create"     "$BIN/provenance-bundle" create -o bundle.tar bench.dsse.json --content content
  run "provenance-bundle verify"     "$BIN/provenance-bundle" verify -k bench.pub bundle.tar
  run "provenance-bundle verify -"   sh -c "\"$BIN/provenance-bundle\" verify -k bench.pub - < bundle.tar"
done
ratio() { echo "scale=2; ${best[$1]} / ${best[$2]}" | bc; }
printf '\n%-32s %8s   %s\n' "1 GiB in 100 files (best of $N)" "seconds" "ratio to tar cf + autoid-sign hash"
for name in "tar cf" "autoid-sign hash" "tar cf + autoid-sign hash" "provenance-bundle create" "provenance-bundle verify" "provenance-bundle verify -"; do
  printf '%-32s %8.3f   %s\n' "$name" "${best[$name]}" "$(ratio "$name" "tar cf + autoid-sign hash")x"
done
peak() { /usr/bin/time -f %M -o rss.txt "$@" >/dev/null; echo "$(( $(tail -1 rss.txt) / 1024 )) MiB"; }
echo
echo "peak RSS: create $(peak "$BIN/provenance-bundle" create -o bundle2.tar bench.dsse.json --content content)," \
     "verify $(peak "$BIN/provenance-bundle" verify -k bench.pub bundle.tar)," \
     "tar cf $(peak tar cf peer.tar content), autoid-sign hash $(peak "$BIN/autoid-sign" hash content/*.bin)"
cmp -s bundle.tar bundle2.tar && echo "create twice: identical bytes"
grep -m1 'model name' /proc/cpuinfo | sed 's/^/cpu: /'
