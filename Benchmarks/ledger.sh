#!/usr/bin/env bash
# state-audit ledger over a generated snapshot of COUNT accounts (issue 15), beside a Python peer:
#   Benchmarks/ledger.sh [COUNT]     (default 1000000; builds state-audit in release with scripts/build-release)
# The snapshot (a state_getPairs array, ~330 bytes a pair) comes from Benchmarks/ledger-snapshot.py,
# which uses hashlib and struct, not our code. The peer is Python's json module summing free + reserved
# and checking every key's blake2_128: the same work without our checks' details. Prints the CPU model
# and kernel, wall time and peak RSS (GNU time) of each, and the ratio. Target: under 3 s on 2 cores,
# bounded memory. Numbers vary with load: compare the ratio.
set -euo pipefail
cd "$(dirname "$0")/.."
COUNT=${1:-1000000}
[ -x /usr/bin/time ] || { echo "GNU time is needed (apt install time)" >&2; exit 1; }
BIN=$(scripts/build-release state-audit)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "cpu:    $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //') ($(nproc) cores)"
echo "kernel: $(uname -sr)"
issued=$(python3 Benchmarks/ledger-snapshot.py "$COUNT" "$work/state.json")
echo "snapshot: $COUNT accounts, $(du -m "$work/state.json" | cut -f1) MiB, issuance $issued"

cat >"$work/peer.py" <<'PY'
import hashlib, json, sys
prefix = bytes.fromhex("26aa394eea5630e07c48ae0c9558cef7b99d880ec681799c0cf30e8886371da9")
issuance_key = bytes.fromhex("c2261276cc9d1f8598ea4b6a74b15c2f57c875e4cff74148e4628f264b974c80")
total, issuance, accounts = 0, None, 0
for key_hex, value_hex in json.load(open(sys.argv[1])):
    key, value = bytes.fromhex(key_hex[2:]), bytes.fromhex(value_hex[2:])
    if key.startswith(prefix):
        account = key[48:]
        assert len(value) == 80 and hashlib.blake2b(account, digest_size=16).digest() == key[32:48]
        total += int.from_bytes(value[16:32], "little") + int.from_bytes(value[32:48], "little")
        accounts += 1
    elif key == issuance_key:
        issuance = int.from_bytes(value, "little")
print(accounts, total, issuance, "conserved" if total == issuance else "NOT conserved")
PY

run() {  # label, command...: best of 3 wall seconds and the peak RSS of that run
  local label=$1 best="" rss=""; shift
  for _ in 1 2 3; do
    /usr/bin/time -f "%e %M" -o "$work/time" "$@" >"$work/out" 2>/dev/null || true
    read -r secs kib <"$work/time"
    if [ -z "$best" ] || [ "$(echo "$secs < $best" | bc)" = 1 ]; then best=$secs; rss=$kib; fi
  done
  printf '%-44s %7.2f s   peak RSS %6.1f MiB\n' "$label" "$best" "$(echo "$rss / 1024" | bc -l)" >&2
  echo "$best"
}

ours=$(run "state-audit ledger (streamed)" "$BIN/state-audit" ledger --existential-deposit 1 "$work/state.json")
grep -E "^(accounts|FAILED)|conservation" "$work/out" >&2 || true
peer=$(run "python3 json + hashlib peer" python3 "$work/peer.py" "$work/state.json")
cat "$work/out" >&2
printf 'ratio: %.1fx the peer; target under 3 s: %s\n' "$(echo "$peer / $ours" | bc -l)" "$( [ "$(echo "$ours < 3" | bc)" = 1 ] && echo met || echo 'not met')"
