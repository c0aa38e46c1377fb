#!/usr/bin/env bash
# `autoid-sign hash FILE` against b3sum in the two states the kernel's page cache holds a file in, whole
# processes, interleaved, medians of N (issue 16, items 1 and 2):
#   read back  the file dropped from the cache (posix_fadvise DONTNEED) and read back with `cat`: the
#              kernel's read-ahead fills large folios (2 MiB where the file system allows; FileHugePages).
#   small      a copy written 4 KiB at a time (`dd bs=4k`): the cache holds it in 4 KiB pages.
# b3sum maps the file: a mapping of 2 MiB folios costs one page fault per 2 MiB, of 4 KiB pages one per
# 64 KiB (fault-around). Our default takes 256 KiB ranges by position on every thread, in place from a
# mapping while probes find it cheap, read otherwise (Sources/AutoIDFiles/PositionedFile.swift); the
# rows `pread` (AUTOID_READ=pread: never mapped) and `map` (AUTOID_READ=map: mapped whole, hashed a read
# buffer of 8 MiB at a time) show each way alone. `ours 1 thread` (--num-threads 1) takes the same ranges
# on the one thread (in place or read), as b3sum --num-threads 1 uses one. Each round runs the ways in a shuffled order. CPU
# time (user + system) and page faults are the process's, from wait4.
#   Benchmarks/page-cache.sh [N]    (default 7; needs b3sum, python3; 2 GiB in a temporary folder, which
#   must be on a disk file system: on tmpfs the page cache is the file and has one state)
# AUTOID_BENCH_DIR names a folder to keep the two files in between runs (made there if missing).
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-7}
command -v b3sum >/dev/null || { echo "page-cache.sh: needs b3sum (apt-get install b3sum)" >&2; exit 69; }
BIN=$(scripts/build-release autoid-sign)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
DIR=${AUTOID_BENCH_DIR:-$work}
mkdir -p "$DIR"
if [ "$(stat -f -c %T "$DIR")" = tmpfs ]; then
  echo "page-cache.sh: $DIR is on tmpfs, where a file has no page-cache states to compare; set AUTOID_BENCH_DIR to a folder on disk" >&2
  exit 69
fi
rm -f "$DIR/part" "$DIR/small.bin.part"  # an interrupted run's
[ ! -f "$DIR/readback.bin" ] || [ "$(stat -c %s "$DIR/readback.bin")" = 1073741824 ] || rm -f "$DIR/readback.bin"
# Made aside and moved into place: an interrupted run leaves no short file for the next one to reuse.
[ -f "$DIR/readback.bin" ] || { head -c 1073741824 /dev/urandom >"$DIR/part" && mv "$DIR/part" "$DIR/readback.bin"; }
echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //') (family $(grep -m1 'cpu family' /proc/cpuinfo | cut -d: -f2 | tr -d ' '), model $(grep -m1 '^model' /proc/cpuinfo | cut -d: -f2 | tr -d ' ')), $(nproc) CPUs; kernel $(uname -r)"
if [ -n "${AUTOID_BLAKE3_KERNEL:-}" ]; then
  echo "BLAKE3 kernel: $AUTOID_BLAKE3_KERNEL (AUTOID_BLAKE3_KERNEL)"
else
  echo "BLAKE3 kernel: $(grep -q -w avx512f /proc/cpuinfo && echo avx512 || (grep -q -w avx2 /proc/cpuinfo && echo avx2 || echo sse41)) (the widest this CPU has)"
fi
python3 - "$BIN/autoid-sign" "$DIR" "$N" <<'PY'
import os, random, statistics, subprocess, sys, time
ours, folder, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
readback, small = os.path.join(folder, "readback.bin"), os.path.join(folder, "small.bin")

def huge():
    for line in open("/proc/meminfo"):
        if line.startswith("FileHugePages:"):
            return int(line.split()[1]) >> 10
    return -1

def drop(path):
    # Written back first: the kernel drops only clean pages.
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
        os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
    finally: os.close(fd)

def timed(cmd, env):
    pid = os.fork()
    if pid == 0:
        try:
            out = os.open("/dev/null", os.O_WRONLY); os.dup2(out, 1)
            os.execvpe(cmd[0], cmd, env)
        finally:
            os._exit(127)  # exec failed: never return into the parent's code
    start = time.perf_counter()
    _, status, usage = os.wait4(pid, 0)
    wall = time.perf_counter() - start
    if status != 0: sys.exit(f"page-cache.sh: {cmd} failed ({status})")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_minflt + usage.ru_majflt

ways = [
    ("b3sum", lambda f: ["b3sum", f], {}),
    ("ours", lambda f: [ours, "hash", f], {}),
    ("ours pread", lambda f: [ours, "hash", f], {"AUTOID_READ": "pread"}),
    ("ours map", lambda f: [ours, "hash", f], {"AUTOID_READ": "map"}),
    ("b3sum 1 thread", lambda f: ["b3sum", "--num-threads", "1", f], {}),
    ("ours 1 thread", lambda f: [ours, "hash", "--num-threads", "1", f], {}),
]
for state, path in (("read back", readback), ("small", small)):
    if state == "read back":
        drop(readback)
        subprocess.run(["cat", readback], stdout=subprocess.DEVNULL, check=True)
    else:
        part = small + ".part"
        subprocess.run(["dd", f"if={readback}", f"of={part}", "bs=4k", "conv=fsync", "status=none"], check=True)
        os.replace(part, small)
    before = huge()
    results = {name: [] for name, _, _ in ways}
    shuffled = random.Random(16)
    for _ in range(n):
        for name, cmd, extra in shuffled.sample(ways, len(ways)):
            env = dict(os.environ); env.pop("AUTOID_READ", None); env.update(extra)
            results[name].append(timed(cmd(path), env))
    print(f"\n{state}: FileHugePages {before} MiB before, {huge()} MiB after (the whole system; the file is 1024 MiB); medians of {n}")
    print(f"  {'':16} {'wall ms':>8} {'best':>7} {'CPU ms':>7} {'faults':>7}   ratio (peer / ours, medians)")
    for name, _, _ in ways:
        r = results[name]
        wall = statistics.median(x[0] for x in r)
        peer = "b3sum 1 thread" if "1 thread" in name else "b3sum"
        ratio = "" if name.startswith("b3sum") else f"{statistics.median(x[0] for x in results[peer]) / wall:.3f}x {peer}"
        print(f"  {name:16} {wall * 1000:8.1f} {min(x[0] for x in r) * 1000:7.1f} {statistics.median(x[1] for x in r) * 1000:7.1f} "
              f"{statistics.median(x[2] for x in r):7.0f}   {ratio}")
PY
