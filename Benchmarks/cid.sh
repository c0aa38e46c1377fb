#!/usr/bin/env bash
# Auto Drive CIDs beside plain BLAKE3, on the same file in the same run (issue 13):
#   Benchmarks/cid.sh [SIZE_MIB]     (default 1024; builds in release with scripts/build-release)
# Times `autoid-sign hash --cid FILE` (chunk nodes hashed on every core, DAG built as it streams)
# against our own `autoid-sign hash FILE` (BLAKE3 of the bytes, every core) and b3sum when present,
# best of 5 runs each, interleaved, the file in the page cache. Target: --cid at least 0.9x `hash`.
# Then signing and verifying the same file into an envelope with and without --cid (the CID is
# computed beside BLAKE3 and SHA-256 in the same read): the ratio is what naming the CID costs.
# Prints the CPU model, the kernel, GB/s and the ratio. Numbers vary with load: compare the ratio.
# With perf installed, also the CPU time and context switches of one `hash` and one `hash --cid`
# (perf stat, mean of 5): CPU time is less disturbed by other load than wall time.
set -euo pipefail
cd "$(dirname "$0")/.."
SIZE_MIB=${1:-1024}
BIN=$(scripts/build-release autoid-sign autoid-verify)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
file="$work/content.bin"
head -c "$((SIZE_MIB << 20))" /dev/urandom > "$file"
cat "$file" > /dev/null

echo "cpu:    $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //') ($(nproc) cores)"
echo "kernel: $(uname -sr)"
echo "file:   $SIZE_MIB MiB, random, in the page cache"
now() { date +%s.%N; }
secs() { local start end; start=$(now); "$@" >/dev/null; end=$(now); echo "$end - $start" | bc -l; }
min() { printf '%s\n' "$@" | sort -g | head -1; }

hash_runs=(); cid_runs=(); b3_runs=()
for _ in 1 2 3 4 5; do
  hash_runs+=("$(secs "$BIN/autoid-sign" hash "$file")")
  cid_runs+=("$(secs "$BIN/autoid-sign" hash --cid "$file")")
  if command -v b3sum >/dev/null; then b3_runs+=("$(secs b3sum "$file")"); fi
done
bytes=$((SIZE_MIB << 20))
hash_best=$(min "${hash_runs[@]}"); cid_best=$(min "${cid_runs[@]}")
gbps() { echo "$bytes / $1 / 1000000000" | bc -l; }
printf '%-44s %7.3f s  %5.2f GB/s\n' "autoid-sign hash (BLAKE3)" "$hash_best" "$(gbps "$hash_best")"
printf '%-44s %7.3f s  %5.2f GB/s  %.2fx hash (target >= 0.9)\n' "autoid-sign hash --cid (Auto Drive CID)" "$cid_best" "$(gbps "$cid_best")" \
  "$(echo "$hash_best / $cid_best" | bc -l)"
if [ ${#b3_runs[@]} -gt 0 ]; then
  b3_best=$(min "${b3_runs[@]}")
  printf '%-44s %7.3f s  %5.2f GB/s\n' "b3sum (reference)" "$b3_best" "$(gbps "$b3_best")"
fi

if command -v perf >/dev/null && perf stat -e task-clock true >/dev/null 2>&1; then
  for args in "hash" "hash --cid"; do
    # shellcheck disable=SC2086  # $args is two words on purpose
    stats=$(perf stat -r 5 -x, -e task-clock,context-switches "$BIN/autoid-sign" $args "$file" 2>&1 >/dev/null)
    cpu_ms=$(echo "$stats" | awk -F, '$3 ~ /^task-clock/ {printf "%.0f", $1}')
    switches=$(echo "$stats" | awk -F, '$3 ~ /^context-switches/ {printf "%.0f", $1}')
    printf '%-44s %7s ms CPU  %6s context switches (perf stat, mean of 5)\n' "autoid-sign $args" "$cpu_ms" "$switches"
  done
fi

# Signing and verifying an envelope, with and without the CID in the subject.
"$BIN/autoid-sign" keygen -s "$work/k.key" -p "$work/k.pub" >/dev/null
sign_runs=(); sign_cid_runs=(); verify_runs=(); verify_cid_runs=()
for _ in 1 2 3 4 5; do
  # In the work directory, so that the subject is named content.bin (verification reads relative names).
  sign_runs+=("$(secs env -C "$work" "$BIN/autoid-sign" -k k.key -f -o plain.json content.bin)")
  sign_cid_runs+=("$(secs env -C "$work" "$BIN/autoid-sign" --cid -k k.key -f -o cid.json content.bin)")
  verify_runs+=("$(secs env -C "$work" "$BIN/autoid-verify" -k k.pub plain.json)")
  verify_cid_runs+=("$(secs env -C "$work" "$BIN/autoid-verify" -k k.pub cid.json)")
done
sign_best=$(min "${sign_runs[@]}"); sign_cid_best=$(min "${sign_cid_runs[@]}")
verify_best=$(min "${verify_runs[@]}"); verify_cid_best=$(min "${verify_cid_runs[@]}")
printf '%-44s %7.3f s  %5.2f GB/s\n' "autoid-sign (blake3 + sha256)" "$sign_best" "$(gbps "$sign_best")"
printf '%-44s %7.3f s  %5.2f GB/s  %.2fx without\n' "autoid-sign --cid (+ Auto Drive CID)" "$sign_cid_best" "$(gbps "$sign_cid_best")" \
  "$(echo "$sign_best / $sign_cid_best" | bc -l)"
printf '%-44s %7.3f s  %5.2f GB/s\n' "autoid-verify (blake3 + sha256)" "$verify_best" "$(gbps "$verify_best")"
printf '%-44s %7.3f s  %5.2f GB/s  %.2fx without\n' "autoid-verify, subject with a CID" "$verify_cid_best" "$(gbps "$verify_cid_best")" \
  "$(echo "$verify_best / $verify_cid_best" | bc -l)"
