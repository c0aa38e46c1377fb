#!/bin/sh
# Compares blake3-bench with b3sum on FILE (stdin cases read through a pipe: with "< FILE"
# b3sum would mmap the file). FILE is created (1 GiB of random bytes) if missing and kept; without
# FILE, that file is made in a temporary folder removed on every exit (done, failed or interrupted).
# Interleaves runs and keeps the best of N, because the build machine is shared.
# Usage: sh Benchmarks/blake3-vs-b3sum.sh [FILE] [N]
set -e
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# sh (dash) runs the EXIT trap on exit, not when a signal ends it: make the signals exit.
trap 'exit 129' HUP
trap 'exit 130' INT
trap 'exit 143' TERM
FILE=${1:-$work/blake3-1g.bin}
N=${2:-5}
# Made aside and moved into place: an interrupted run leaves no short FILE for the next one to reuse.
[ -f "$FILE" ] || { head -c 1073741824 /dev/urandom > "$work/part" && mv "$work/part" "$FILE"; }
cat "$FILE" > /dev/null   # into the page cache
BENCH=$(scripts/build-release blake3-bench)/blake3-bench
SIZE=$(stat -c %s "$FILE")
best() { sort -g | head -1; }
b3() { # threads
  for i in $(seq $N); do
    s=$(date +%s.%N); b3sum --num-threads $1 "$FILE" > /dev/null; e=$(date +%s.%N)
    echo "$e - $s" | bc
  done | best
}
ours() { # kernel threads
  for i in $(seq $N); do
    s=$(date +%s.%N); $BENCH "$FILE" --kernel $1 --threads $2 --repeat 1 > /dev/null; e=$(date +%s.%N)
    echo "$e - $s" | bc
  done | best
}
stdin_ours() { # kernel
  for i in $(seq $N); do
    s=$(date +%s.%N); cat "$FILE" | $BENCH --stdin --kernel $1 > /dev/null; e=$(date +%s.%N)
    echo "$e - $s" | bc
  done | best
}
stdin_b3() {
  for i in $(seq $N); do
    s=$(date +%s.%N); cat "$FILE" | b3sum --num-threads 1 > /dev/null; e=$(date +%s.%N)
    echo "$e - $s" | bc
  done | best
}
gbs() { echo "scale=3; $SIZE / $1 / 1000000000" | bc; }
echo "file $FILE ($SIZE bytes), best of $N, GB/s = 10^9 bytes/s, wall clock incl. process start"
for t in 1 2; do
  T=$(b3 $t); echo "b3sum            threads=$t  $(gbs $T) GB/s"
  for k in $($BENCH "$FILE" --kernel all --repeat 0 2>/dev/null | sed -n 's/.*kernel=\([a-z0-9]*\).*/\1/p'); do
    T=$(ours $k $t); echo "ours mmap $k  threads=$t  $(gbs $T) GB/s"
  done
done
T=$(stdin_b3); echo "b3sum stdin      threads=1  $(gbs $T) GB/s"
for k in $($BENCH "$FILE" --kernel all --repeat 0 2>/dev/null | sed -n 's/.*kernel=\([a-z0-9]*\).*/\1/p'); do
  T=$(stdin_ours $k); echo "ours stdin $k       $(gbs $T) GB/s"
done
