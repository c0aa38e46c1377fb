#!/usr/bin/env bash
# In-process BLAKE3 speed per kernel, ours against the reference implementation's own assembly for the
# SAME instruction set, one thread, side by side in one run.
#   Benchmarks/blake3-kernels.sh [ROUNDS]        (default 5)
# The reference: the C library and hand-written assembly that apt `librust-blake3-dev` ships
# (c/blake3*.c, c/blake3_*_x86-64_unix.S), compiled here with gcc three times: as shipped (AVX-512 where the
# CPU has it), with -DBLAKE3_NO_AVX512 (its AVX2 assembly) and with -DBLAKE3_NO_AVX512 -DBLAKE3_NO_AVX2 (its
# SSE4.1 assembly), each driven by a small timing loop (below) over a warm mapping. PyPI `blake3` and b3sum
# pick AVX-512 on an AVX-512 CPU, so they cannot show the AVX2 kernel against its peer; this can.
# Ours: blake3-bench --kernel K --threads 1 (AUTOID_BLAKE3_KERNEL), same file, best of the same repeats.
# Sizes: 1 GiB (memory), 4 MiB (L2/L3) and 256 KiB (L2; the tree's small levels weigh more here).
# Set AUTOID_BENCH_BEFORE=/path/to/an/older/blake3-bench to add a column for it (before/after a change).
# AUTOID_BENCH_FILE names the 1 GiB input (made if missing, kept: reuse it across runs and scripts);
# without it, the input is made in the temporary folder that is removed on every exit.
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${1:-5}
REF_DIR=$(ls -d /usr/share/cargo/registry/blake3-*/c 2>/dev/null | tail -1 || true)
[ -n "$REF_DIR" ] || { echo "blake3-kernels: needs the reference sources (apt-get install librust-blake3-dev)" >&2; exit 69; }
command -v gcc >/dev/null || { echo "blake3-kernels: needs gcc" >&2; exit 69; }
[ "$(uname -m)" = x86_64 ] || { echo "blake3-kernels: x86-64 only (the reference's assembly)" >&2; exit 69; }
OURS=$(scripts/build-release blake3-bench)/blake3-bench
BEFORE=${AUTOID_BENCH_BEFORE:-}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
FILE=${AUTOID_BENCH_FILE:-$WORK/1g.bin}
# Made aside and moved into place: an interrupted run leaves no short file for the next one to reuse.
[ -f "$FILE" ] || { head -c 1073741824 /dev/urandom >"$WORK/part" && mv "$WORK/part" "$FILE"; }
head -c 4194304 "$FILE" >"$WORK/4m.bin"
head -c 262144 "$FILE" >"$WORK/256k.bin"

cat >"$WORK/driver.c" <<'C'
/* Times blake3_hasher_update over a warm mapping of FILE: best of REPEAT runs (run 0 faults pages in). */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include "blake3.h"
static double now(void) { struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t); return t.tv_sec + t.tv_nsec * 1e-9; }
int main(int argc, char **argv) {
  if (argc != 3) { fprintf(stderr, "usage: %s FILE REPEAT\n", argv[0]); return 2; }
  int fd = open(argv[1], O_RDONLY);
  struct stat st;
  if (fd < 0 || fstat(fd, &st) != 0 || st.st_size == 0) { perror(argv[1]); return 2; }
  const unsigned char *p = mmap(NULL, st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
  if (p == MAP_FAILED) { perror("mmap"); return 2; }
  int repeat = atoi(argv[2]);
  double best = 1e99;
  unsigned char out[32];
  for (int r = 0; r <= repeat; r++) {
    double s = now();
    blake3_hasher h;
    blake3_hasher_init(&h);
    blake3_hasher_update(&h, p, st.st_size);
    blake3_hasher_finalize(&h, out, 32);
    double t = now() - s;
    if (r > 0 && t < best) best = t;
  }
  for (int i = 0; i < 32; i++) printf("%02x", out[i]);
  printf(" %.3f\n", st.st_size / best / 1e9);
  return 0;
}
C
build_ref() { # NAME FLAGS...
  local name=$1; shift
  gcc -O2 "$@" -I"$REF_DIR" -o "$WORK/ref-$name" "$WORK/driver.c" "$REF_DIR/blake3.c" "$REF_DIR/blake3_dispatch.c" \
    "$REF_DIR/blake3_portable.c" "$REF_DIR"/blake3_{sse2,sse41,avx2,avx512}_x86-64_unix.S
}
build_ref avx512
build_ref avx2 -DBLAKE3_NO_AVX512
build_ref sse41 -DBLAKE3_NO_AVX512 -DBLAKE3_NO_AVX2

flags=$(grep -m1 '^flags' /proc/cpuinfo)
kernels=""
for k in sse41:sse4_1 avx2:avx2 avx512:avx512f; do
  case " $flags " in *" ${k#*:} "*) kernels="$kernels ${k%%:*}";; esac
done
echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'), kernel $(uname -r), load: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "reference: $REF_DIR (gcc $(gcc -dumpversion)); one thread, in-process, best of $ROUNDS interleaved rounds (GB/s)"

ours() { # BINARY FILE KERNEL REPEAT -> "digest GB/s"
  "$1" "$2" --kernel "$3" --threads 1 --repeat "$4" 2>/dev/null \
    | awk 'NR == 1 {d = $1} /best=/ {for (i = 1; i <= NF; i++) if ($i == "GB/s") {g = $(i - 1); exit}} END {print d, g}'
}
max() { echo "$1 $2" | awk '{print ($2 == "" || $1 > $2) ? $1 : $2}'; }
printf '%-7s %-9s %10s %10s %10s %10s\n' kernel size reference ours ours/ref "${BEFORE:+before}"
for k in $kernels; do
  for size in 1g 4m 256k; do
    case $size in 1g) f=$FILE repeat=3;; 4m) f=$WORK/4m.bin repeat=300;; 256k) f=$WORK/256k.bin repeat=3000;; esac
    r_best="" o_best="" b_best=""
    for _ in $(seq "$ROUNDS"); do
      read -r rd rg < <("$WORK/ref-$k" "$f" "$repeat")
      read -r od og < <(ours "$OURS" "$f" "$k" "$repeat")
      [ "$rd" = "$od" ] || { echo "blake3-kernels: digests differ for $k on $f: reference $rd, ours $od" >&2; exit 1; }
      r_best=$(max "$rg" "$r_best")
      o_best=$(max "$og" "$o_best")
      if [ -n "$BEFORE" ]; then
        read -r _ bg < <(ours "$BEFORE" "$f" "$k" "$repeat")
        b_best=$(max "$bg" "$b_best")
      fi
    done
    printf '%-7s %-9s %10s %10s %9.2fx %10s\n' "$k" "$size" "$r_best" "$o_best" "$(echo "$o_best / $r_best" | bc -l)" "$b_best"
  done
done
