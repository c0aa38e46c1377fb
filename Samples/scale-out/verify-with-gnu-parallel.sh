#!/usr/bin/env bash
# Verify provenance envelopes on several machines with GNU parallel over ssh: each host takes one
# share (--shard K/N, chosen by a hash of each envelope's name), and the JSON Lines they print
# concatenate into the verdicts one run would give. The same folder (envelopes, content, roots.pem)
# must be at the same path on every host, e.g. on a shared file system.
#
#   Samples/scale-out/verify-with-gnu-parallel.sh /shared/envelopes host1,host2,host3 > verdicts.jsonl
#
# Exit status: 0 when every envelope verified; otherwise the number of shards that found a problem
# (GNU parallel's own rule); each JSON line carries that envelope's exit code.
set -euo pipefail
folder=${1:?usage: $0 FOLDER HOST[,HOST...]}
hosts=${2:?usage: $0 FOLDER HOST[,HOST...]}
count=$(tr ',' '\n' <<<"$hosts" | wc -l)
seq 1 "$count" | parallel --halt never -j "$count" -S "$hosts" --workdir "$folder" \
  "autoid-verify --trust roots.pem --each --json --shard {}/$count *.dsse.json"
