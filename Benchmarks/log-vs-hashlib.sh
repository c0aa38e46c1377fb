#!/usr/bin/env bash
# RFC 9162 root of 2^20 leaves: our Swift code (one core) beside Python's hashlib (C, OpenSSL's SHA-256)
# over the same leaves in the same run; then inclusion-proof verification on 1 and all cores.
#   Benchmarks/log-vs-hashlib.sh [log2-leaves=20] [proofs=1000000]     (builds in release)
set -euo pipefail
cd "$(dirname "$0")/.."
L=${1:-20}
P=${2:-1000000}
BIN=$(scripts/build-release log-bench)
grep -m1 'model name' /proc/cpuinfo | sed 's/^/cpu: /'
echo "cores: $(nproc); kernel $(uname -r); SHA extensions: $(grep -q -w sha_ni /proc/cpuinfo && echo yes || echo no)"
echo "== ours (SHA extensions where the CPU has them, two messages interleaved)"
"$BIN/log-bench" "$L" "$P"
echo "== ours with OpenSSL's block function (AUTOID_SHA256=openssl)"
AUTOID_SHA256=openssl "$BIN/log-bench" "$L" "$P"
python3 - "$L" <<'PY'
import hashlib, struct, sys, time
n = 1 << int(sys.argv[1])
entries = [struct.pack('<Q', i) * 4 for i in range(n)]
best = float('inf')
for _ in range(3):
    start = time.perf_counter()
    sha = hashlib.sha256
    stack = []  # (hash, height): complete subtrees, as in MerkleRootBuilder
    for e in entries:
        h = sha(b'\x00' + e).digest()
        height = 0
        while stack and stack[-1][1] == height:
            left, _ = stack.pop()
            h = sha(b'\x01' + left + h).digest()
            height += 1
        stack.append((h, height))
    root = stack[-1][0]
    for left, _ in reversed(stack[:-1]):
        root = sha(b'\x01' + left + root).digest()
    best = min(best, time.perf_counter() - start)
print(f"python root of 2^{sys.argv[1]} entries, 1 core: {root.hex()}")
print(f"python hashlib entries -> root: {n / best / 1e6:6.2f} M leaves/s ({best:.3f} s)")
PY
