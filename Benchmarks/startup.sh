#!/usr/bin/env bash
# Start-up cost of one small job, side by side with minisign, and where our start-up time goes.
#   Benchmarks/startup.sh [RUNS]      (default 100; needs perf (apt linux-perf), gcc, minisign; builds release)
# Rows (perf stat -r RUNS, task-clock = CPU time of the whole process, and wall time):
#   peers      minisign -Vm FILE -p KEY and minisign -Sm FILE (one file each)
#   ours       autoid-verify -k KEY ENVELOPE and autoid-sign -k KEY -o OUT FILE (one small file each)
#   breakdown  an empty C program linked with nothing, with the system libraries our tools link
#              (libsodium, zlib, libcrypto, libxml2 (+ ICU), libarchive (+ its codecs), libstdc++), and
#              without libarchive, and without libarchive and libxml2: what loading them costs; and our
#              autoid-verify relinked as a position-dependent executable (-no-pie), which skips the
#              dynamic loader's ~125,000 relative relocations (and gives up ASLR for the executable).
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-100}
command -v perf >/dev/null || { echo "startup.sh: needs perf (apt-get install linux-perf)" >&2; exit 69; }
SCRATCH=.build  # the release build Benchmarks/run makes too
swift build -c release --static-swift-stdlib --scratch-path "$SCRATCH" --product autoid-verify >/dev/null
swift build -c release --static-swift-stdlib --scratch-path "$SCRATCH" --product autoid-sign >/dev/null
BIN=$SCRATCH/release
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'), kernel $(uname -r), load $(cut -d' ' -f1 /proc/loadavg)"
printf 'hello\n' >"$WORK/file.txt"
"$BIN/autoid-sign" keygen --no-passphrase -s "$WORK/k.key" -p "$WORK/k.pub" >/dev/null
"$BIN/autoid-sign" -k "$WORK/k.key" -o "$WORK/file.dsse.json" "$WORK/file.txt" >/dev/null
PUB=$WORK/k.pub
minisign -G -W -p "$WORK/m.pub" -s "$WORK/m.key" >/dev/null 2>&1
minisign -S -s "$WORK/m.key" -m "$WORK/file.txt" >/dev/null 2>&1

cat >"$WORK/empty.c" <<'C'
int main(void) { return 0; }
C
gcc -O2 "$WORK/empty.c" -o "$WORK/c-none"
gcc -O2 "$WORK/empty.c" -o "$WORK/c-all" -Wl,--no-as-needed -lsodium -lz -lcrypto -lxml2 -larchive -lstdc++
gcc -O2 "$WORK/empty.c" -o "$WORK/c-no-archive" -Wl,--no-as-needed -lsodium -lz -lcrypto -lxml2 -lstdc++
gcc -O2 "$WORK/empty.c" -o "$WORK/c-no-archive-xml" -Wl,--no-as-needed -lsodium -lz -lcrypto -lstdc++

# autoid-verify relinked without PIE, from the link command SwiftPM recorded.
python3 - "$SCRATCH" "$WORK/autoid-verify-nopie" <<'PY' || echo "(no-pie relink skipped)"
import json, subprocess, sys
scratch, out = sys.argv[1], sys.argv[2]
lines = open(f"{scratch}/release.yaml").read().split("\n")
for i, line in enumerate(lines):
    if 'description: "Linking ' in line and line.rstrip().endswith('/autoid-verify"'):
        args = json.loads(lines[i + 1].split("args: ", 1)[1])
        break
else:
    sys.exit(1)
target = args[args.index("-o") + 1]
args[args.index("-o") + 1] = out
subprocess.run(args + ["-Xlinker", "-no-pie"], check=True, capture_output=True)
PY

measure() { # label command...
  local label=$1; shift
  perf stat -r "$RUNS" "$@" 2>&1 >/dev/null </dev/null | awk -v l="$label" '
    /task-clock/ {cpu=$1} /seconds time elapsed/ {wall=$1*1000}
    END {printf "  %-44s %7.2f ms CPU  %7.2f ms wall\n", l, cpu, wall}'
}
echo "one small file, perf stat -r $RUNS:"
for round in 1 2; do
  measure "minisign -Vm FILE -p KEY" minisign -Vm "$WORK/file.txt" -p "$WORK/m.pub"
  measure "autoid-verify -k KEY ENVELOPE" "$BIN/autoid-verify" -k "$PUB" "$WORK/file.dsse.json"
  measure "autoid-sign -k KEY -o OUT FILE" "$BIN/autoid-sign" -k "$WORK/k.key" -o "$WORK/out.json" --force "$WORK/file.txt"
  measure "autoid-verify --version" "$BIN/autoid-verify" --version
  [ -x "$WORK/autoid-verify-nopie" ] && measure "autoid-verify --version, relinked -no-pie" "$WORK/autoid-verify-nopie" --version
  measure "C, empty, no libraries" "$WORK/c-none"
  measure "C, empty, our system libraries" "$WORK/c-all"
  measure "C, empty, without libarchive" "$WORK/c-no-archive"
  measure "C, empty, without libarchive and libxml2" "$WORK/c-no-archive-xml"
done
