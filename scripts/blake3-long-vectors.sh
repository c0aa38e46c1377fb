#!/usr/bin/env bash
# Known answers for Tests/AutoIDBLAKE3Tests/KnownAnswerTests.swift beyond the official vectors (which end at
# 102,400 bytes, 100 chunks): inputs of whole chunks larger than the 512-chunk batches the tree hashes in
# (Sources/AutoIDBLAKE3/Tree.swift, rootOutput), made by the reference b3sum (apt b3sum) on the official
# input pattern (byte i is i % 251), in the three modes with the official key and context. Prints the
# Answer entries the tests type in.
set -euo pipefail
command -v b3sum >/dev/null || { echo "blake3-long-vectors: needs b3sum (apt-get install b3sum)" >&2; exit 69; }
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
key='whats the Elvish word for friend'
context='BLAKE3 2019-12-27 16:29:52 test vectors context'
# 513 chunks (one past a batch), 1 MiB, 1.25 MiB, 2 MiB, and 2 MiB and one chunk.
for length in 525312 1048576 1310720 2097152 2098176; do
    python3 -c "import sys; sys.stdout.buffer.write(bytes(i % 251 for i in range($length)))" >"$dir/input"
    hash=$(b3sum --no-names "$dir/input")
    keyed=$(printf '%s' "$key" | b3sum --no-names --keyed "$dir/input")
    derived=$(b3sum --no-names --derive-key "$context" "$dir/input")
    printf '        Answer(\n            length: %s,\n            hash: "%s",\n            keyed: "%s",\n            deriveKey: "%s"),\n' \
        "$length" "$hash" "$keyed" "$derived"
done
