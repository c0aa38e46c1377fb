#!/usr/bin/env bash
# Signing and verifying many small files, side by side with minisign in one run (issue 10):
#   Benchmarks/provenance-vs-minisign.sh [COUNT]     (default 10000; needs minisign, builds in release)
# 1. sign COUNT small files in one autoid-sign call, against `minisign -S` once per file;
# 2. verify that one envelope (every file re-hashed), against `minisign -V` once per file;
# 3. verify COUNT two-party provenance envelopes (a human and an AI party, chains to two roots) in
#    one `autoid-verify --trust --each` call, on every core.
# Prints the CPU model and kernel; wall-clock seconds; ratios. Numbers vary with load: compare ratios.
set -euo pipefail
cd "$(dirname "$0")/.."
COUNT=${1:-10000}
command -v minisign >/dev/null || { echo "minisign is needed (apt install minisign)" >&2; exit 1; }
BIN=$(scripts/build-release autoid-sign autoid-verify provenance-bench)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "cpu:    $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //') ($(nproc) cores)"
echo "kernel: $(uname -sr)"
secs() { local start end; start=$(date +%s.%N); "$@" >/dev/null 2>&1; end=$(date +%s.%N); echo "$end - $start" | bc; }

mkdir "$work/files" "$work/prov"
for i in $(seq 1 "$COUNT"); do printf 'small file %d\n' "$i" > "$work/files/f$i.txt"; done
"$BIN/autoid-sign" keygen -s "$work/autoid.key" -p "$work/autoid.pub" >/dev/null
minisign -G -W -p "$work/minisign.pub" -s "$work/minisign.key" >/dev/null
cd "$work/files"
files=(f*.txt)

ours_sign=$(secs "$BIN/autoid-sign" -k "$work/autoid.key" -o "$work/all.dsse.json" "${files[@]}")
theirs_sign=$(secs bash -c 'for f in f*.txt; do minisign -S -s "$0" -m "$f"; done' "$work/minisign.key")
ours_verify=$(secs "$BIN/autoid-verify" -k "$work/autoid.pub" "$work/all.dsse.json")
theirs_verify=$(secs bash -c 'for f in f*.txt; do minisign -V -p "$0" -m "$f"; done' "$work/minisign.pub")

"$BIN/provenance-bench" "$work/prov" "$COUNT" >/dev/null
cd "$work/prov"
envelopes=(e*.dsse.json)
prov_verify=$(secs "$BIN/autoid-verify" --trust roots.pem --each "${envelopes[@]}")
"$BIN/autoid-verify" --trust roots.pem --each "${envelopes[@]}" 2>&1 >/dev/null | tail -1

printf '%-52s %8.2f s\n' "autoid-sign, $COUNT files, one call" "$ours_sign"
printf '%-52s %8.2f s   %6.1fx faster\n' "minisign -S, once per file" "$theirs_sign" "$(echo "$theirs_sign / $ours_sign" | bc -l)"
printf '%-52s %8.2f s\n' "autoid-verify, that envelope (re-hashes every file)" "$ours_verify"
printf '%-52s %8.2f s   %6.1fx faster\n' "minisign -V, once per file" "$theirs_verify" "$(echo "$theirs_verify / $ours_verify" | bc -l)"
printf '%-52s %8.2f s   (%d envelopes/s; target: under 1 s for 10000)\n' "autoid-verify --trust --each, $COUNT two-party envelopes" "$prov_verify" "$(echo "$COUNT / $prov_verify" | bc)"
