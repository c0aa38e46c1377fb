#!/usr/bin/env bash
# Start-up cost of one small job, side by side with minisign, and where our start-up time goes.
#   Benchmarks/startup.sh [RUNS]      (default 100; needs perf (apt linux-perf), gcc, minisign, b3sum; builds release)
# Rows (perf stat -r RUNS, task-clock = CPU time of the whole process, and wall time):
#   peers      minisign -Vm FILE -p KEY and b3sum FILE (one small file each)
#   ours       autoid-verify -k KEY ENVELOPE and autoid-sign -k KEY -o OUT FILE (one small file each), the
#              form each tool reads without the argument parser (its fast path), the same with the
#              subcommand named (envelope, sign; fast path too), and lines run with AUTOID_FAST_PATH=0,
#              which the argument parser reads (rows marked "parser"); autoid-verify minisign
#              -p KEY FILE (fast path, and the parser) on minisign's own signature;
#              autoid-verify cid CID FILE (fast path);
#              autoid-sign to stdout;
#              autoid-sign hash FILE, with --num-threads and with -- before FILE (fast path: the fast
#              paths read --, --name=value, grouped flags and repeated options too), and the parser;
#              autoid-verify -k KEY --json ENVELOPE (fast path: the fast paths read the options shell
#              loops use, in any order); autoid-sign -k KEY -o OUT FILE with OUT in a folder of 100,000
#              files (a loop that signs every file of a large folder into it); autoid-verify --version
#              (answered before the parser since 613f5b9), and through the parser
#   breakdown  an empty C program linked with nothing, with the system libraries our tools linked before
#              libarchive, libxml2 and libcrypto were loaded at first use (libsodium, zlib, libcrypto,
#              libxml2 (+ ICU), libarchive (+ its codecs), libstdc++), without libarchive, without libxml2,
#              without libcrypto (libsodium, zlib, libstdc++: what the tools loaded before they linked
#              those statically), without libstdc++ too, and with libm only (what they load now, beside
#              libc): what loading them costs; our autoid-verify relinked with the shared libsodium, zlib,
#              libstdc++ and libgcc_s (as before scripts/static-libraries), with libarchive and libxml2
#              linked at start (as before they were loaded at first use), the same code otherwise; and
#              relinked as a position-dependent executable (-no-pie), which skips the dynamic loader's
#              ~62,000 relative relocations (and gives up ASLR for the executable); and relinked by gold as
#              swiftc links by default, without scripts/build-release's start-up layout (no packed
#              relocations, no symbol order from scripts/startup-symbols.txt), for its row beside ours.
#   baseline   with BASELINE=DIR (another build's release folder, such as main's), its autoid-verify and
#              autoid-sign on the same files, in the same rounds; and for both builds the executable's size,
#              its ICU symbols (none since the sources import FoundationEssentials, not Foundation) and the
#              dynamic loader's relative relocations (LD_DEBUG=statistics).
# Each row: CPU time (task-clock), wall time and page faults, means over RUNS, per round; reported as the
# median of AUTOID_STARTUP_ROUNDS rounds (default 5) with the lowest and highest.
# Builds with scripts/build-release (AUTOID_SCRATCH names another build folder).
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-100}
command -v perf >/dev/null || { echo "startup.sh: needs perf (apt-get install linux-perf)" >&2; exit 69; }
command -v b3sum >/dev/null || { echo "startup.sh: needs b3sum (apt-get install b3sum)" >&2; exit 69; }
SCRATCH=${AUTOID_SCRATCH:-.build-release}  # where scripts/build-release builds (its link commands are relinked below)
BIN=$(cd "$(scripts/build-release autoid-verify autoid-sign)" && pwd)
BASELINE=${BASELINE:-}
[ -z "$BASELINE" ] || [ -x "$BASELINE/autoid-verify" ] || { echo "startup.sh: no autoid-verify in BASELINE=$BASELINE" >&2; exit 66; }
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'), kernel $(uname -r), load $(cut -d' ' -f1 /proc/loadavg)"
. Benchmarks/startup-fixtures.sh  # file.txt, k.key/k.pub, file.dsse.json, m.key/m.pub and its signature, $CID
PUB=$WORK/k.pub
mkdir "$WORK/big" && (cd "$WORK/big" && seq -f 'f%06g' 100000 | xargs touch)

cat >"$WORK/empty.c" <<'C'
int main(void) { return 0; }
C
gcc -O2 "$WORK/empty.c" -o "$WORK/c-none"
gcc -O2 "$WORK/empty.c" -o "$WORK/c-all" -Wl,--no-as-needed -lsodium -lz -lcrypto -lxml2 -larchive -lstdc++
gcc -O2 "$WORK/empty.c" -o "$WORK/c-no-archive" -Wl,--no-as-needed -lsodium -lz -lcrypto -lxml2 -lstdc++
gcc -O2 "$WORK/empty.c" -o "$WORK/c-no-archive-xml" -Wl,--no-as-needed -lsodium -lz -lcrypto -lstdc++
gcc -O2 "$WORK/empty.c" -o "$WORK/c-shared" -Wl,--no-as-needed -lsodium -lz -lstdc++
gcc -O2 "$WORK/empty.c" -o "$WORK/c-no-stdcxx" -Wl,--no-as-needed -lsodium -lz
gcc -O2 "$WORK/empty.c" -o "$WORK/c-now" -Wl,--no-as-needed -lm

# autoid-verify relinked from the link command SwiftPM recorded, with extra linker arguments: without PIE,
# and with libarchive and libxml2 linked as before they were loaded at first use; or (AUTOID_SHARED=1)
# without the folder of static archives, so that libsodium, zlib, libstdc++ and libgcc_s are the shared
# libraries, as before (the same code, only what the dynamic loader maps at start differs).
relink() { # output extra-arguments...
python3 - "$SCRATCH" "$@" <<'PY'
import json, os, subprocess, sys
scratch, out, extra = sys.argv[1], sys.argv[2], sys.argv[3:]
lines = open(f"{scratch}/release.yaml").read().split("\n")
for i, line in enumerate(lines):
    if 'description: "Linking ' in line and line.rstrip().endswith('/autoid-verify"'):
        args = json.loads(lines[i + 1].split("args: ", 1)[1])
        break
else:
    sys.exit(1)
target = args[args.index("-o") + 1]
args[args.index("-o") + 1] = out
if os.environ.get("AUTOID_SHARED") == "1":
    args = [a for a in args if not a.endswith("/.build-static-libraries")]
if os.environ.get("AUTOID_LAYOUT") == "default":  # gold, as swiftc links by default: no RELR, no symbol order
    layout = ("-z", "pack-relative-relocs", "--no-warn-symbol-ordering")
    drop = {i for i, a in enumerate(args) if a.startswith("-use-ld=")}
    drop |= {j for i, a in enumerate(args) if a == "-Xlinker" and i + 1 < len(args)
             and (args[i + 1] in layout or args[i + 1].startswith("--symbol-ordering-file=")) for j in (i, i + 1)}
    args = [a for i, a in enumerate(args) if i not in drop]
subprocess.run(args + extra, check=True, capture_output=True)
PY
}
relink "$WORK/autoid-verify-nopie" -Xlinker -no-pie || echo "(no-pie relink skipped)"
AUTOID_SHARED=1 relink "$WORK/autoid-verify-shared" || echo "(relink with the shared libraries skipped)"
AUTOID_LAYOUT=default relink "$WORK/autoid-verify-gold" || echo "(relink without the start-up layout skipped)"
[ -x "$WORK/autoid-verify-shared" ] && echo "libraries loaded at start: autoid-verify: $(readelf -d "$BIN/autoid-verify" | grep -oE 'lib[a-z_+]*\.so[.0-9]*' | tr '\n' ' ')," \
  "relinked with the shared libraries: $(readelf -d "$WORK/autoid-verify-shared" | grep -oE 'lib[a-z_+]*\.so[.0-9]*' | tr '\n' ' ')"
relink "$WORK/autoid-verify-linked" -Xlinker --no-as-needed -larchive -lxml2 || echo "(relink with libarchive and libxml2 skipped)"
[ -x "$WORK/autoid-verify-linked" ] && echo "libraries loaded at start: autoid-verify: $(readelf -d "$BIN/autoid-verify" | grep -c NEEDED)," \
  "relinked: $(readelf -d "$WORK/autoid-verify-linked" | grep -c NEEDED) ($(readelf -d "$WORK/autoid-verify-linked" | grep -oE 'lib(archive|xml2)[^]]*' | tr '\n' ' '))"

# Each row is measured once per round (perf stat -r RUNS), rounds alternating the rows, and reported as
# the median over rounds, with the lowest and highest round: a shared machine's noise moves whole rounds.
declare -a order=()
declare -A cpus=() walls=() faults=()
measure() { # label command...
  local label=$1; shift
  local row
  row=$(perf stat -r "$RUNS" "$@" 2>&1 >/dev/null </dev/null | awk '
    /task-clock/ {cpu=$1} /seconds time elapsed/ {wall=$1*1000} /page-faults/ {f=$1; gsub(",", "", f)}
    END {print cpu, wall, f}')
  [ -n "${cpus[$label]+set}" ] || order+=("$label")
  read -r cpu wall fault <<<"$row"
  cpus[$label]+="$cpu "; walls[$label]+="$wall "; faults[$label]+="$fault "
}
stats() { # values... -> "median min max"
  printf '%s\n' "$@" | sort -g | awk '{v[NR]=$1} END {m = (NR % 2) ? v[(NR+1)/2] : (v[NR/2] + v[NR/2+1]) / 2; printf "%.2f %.2f %.2f", m, v[1], v[NR]}'
}
report() {
  printf '  %-46s %s\n' "" "CPU ms: median (low-high)   wall ms: median (low-high)   faults"
  for label in "${order[@]}"; do
    read -r cm cl ch <<<"$(stats ${cpus[$label]})"
    read -r wm wl wh <<<"$(stats ${walls[$label]})"
    read -r fm _ _ <<<"$(stats ${faults[$label]})"
    printf '  %-46s %6.2f (%5.2f-%5.2f)        %6.2f (%5.2f-%5.2f)        %5.0f\n' "$label" "$cm" "$cl" "$ch" "$wm" "$wl" "$wh" "$fm"
  done
}
describe() { # label folder: size, ICU symbols and relative relocations of its autoid-verify
  local tool=$2/autoid-verify relr
  # Packed (DT_RELR) relocations are not in the loader's count; readelf says how many addresses they cover.
  relr=$(readelf -rW "$tool" | awk '/^Relocation section/ {packed = /\.relr\.dyn/; if (packed) words = $(NF - 1); next}
    packed && / offsets$/ {n = $1} END {if (n) printf "%d packed in %d words (DT_RELR), ", n, words}')
  echo "$1 autoid-verify: $(($(stat -c %s "$tool") / 1000000)) MB, $(nm "$tool" 2>/dev/null | grep -c icu_ || true) ICU symbols," \
    "$relr$(LD_DEBUG=statistics "$tool" --version 2>&1 >/dev/null | awk '/relative relocations/ {print $NF; exit}') relative relocations for the loader," \
    "loader time $(for _ in $(seq 9); do LD_DEBUG=statistics "$tool" --version 2>&1 >/dev/null | awk '/total startup time/ {print $(NF-1); exit}'; done |
      sort -n | sed -n 5p) TSC cycles (median of 9)"
}
describe "this build's" "$BIN"
[ -z "$BASELINE" ] || describe "baseline ($BASELINE)" "$BASELINE"
cd "$WORK"  # relative names from here on (see above)
"$BIN/autoid-verify" -k "$PUB" file.dsse.json >/dev/null  # stops the script if verification fails
"$BIN/autoid-verify" --trust roots.pem --require-human file.prov.json >/dev/null
ROUNDS=${AUTOID_STARTUP_ROUNDS:-5}
echo "one small file, perf stat -r $RUNS, $ROUNDS rounds:"
for round in $(seq "$ROUNDS"); do
  measure "minisign -Vm FILE -p KEY" minisign -Vm "$WORK/file.txt" -p "$WORK/m.pub"
  measure "autoid-verify -k KEY ENVELOPE" "$BIN/autoid-verify" -k "$PUB" file.dsse.json
  measure "autoid-verify -k KEY --json ENVELOPE" "$BIN/autoid-verify" -k "$PUB" --json file.dsse.json
  measure "autoid-verify envelope -k KEY ENVELOPE" "$BIN/autoid-verify" envelope -k "$PUB" file.dsse.json
  AUTOID_FAST_PATH=0 measure "autoid-verify -k KEY ENVELOPE (parser)" "$BIN/autoid-verify" -k "$PUB" file.dsse.json
  measure "autoid-verify --trust ROOTS --require-human ENV" "$BIN/autoid-verify" --trust roots.pem --require-human file.prov.json
  AUTOID_FAST_PATH=0 measure "autoid-verify --trust ROOTS ... (parser)" "$BIN/autoid-verify" --trust roots.pem --require-human file.prov.json
  measure "autoid-verify minisign -p KEY FILE" "$BIN/autoid-verify" minisign -p "$WORK/m.pub" file.txt
  AUTOID_FAST_PATH=0 measure "autoid-verify minisign -p KEY FILE (parser)" "$BIN/autoid-verify" minisign -p "$WORK/m.pub" file.txt
  measure "autoid-verify cid CID FILE" "$BIN/autoid-verify" cid "$CID" file.txt
  measure "autoid-sign -k KEY -o OUT FILE" "$BIN/autoid-sign" -k k.key -o out.json --force file.txt
  measure "autoid-sign sign -k KEY -o OUT FILE" "$BIN/autoid-sign" sign -k k.key -o out.json --force file.txt
  measure "autoid-sign -k KEY --id ID ... -o OUT FILE" "$BIN/autoid-sign" -k human.key --id human.pem --chain roots.pem --role publisher \
    --source-type digitalCapture -o out.json --force file.txt
  AUTOID_FAST_PATH=0 measure "autoid-sign -k KEY --id ID ... (parser)" "$BIN/autoid-sign" -k human.key --id human.pem --chain roots.pem --role publisher \
    --source-type digitalCapture -o out.json --force file.txt
  measure "autoid-sign -k KEY -o OUT FILE, 100,000 beside" "$BIN/autoid-sign" -k k.key -o big/out.json --force file.txt
  measure "autoid-sign -k KEY FILE (to stdout)" "$BIN/autoid-sign" -k k.key file.txt
  measure "b3sum FILE" b3sum file.txt
  measure "autoid-sign hash FILE" "$BIN/autoid-sign" hash file.txt
  measure "autoid-sign hash --num-threads 8 FILE" "$BIN/autoid-sign" hash --num-threads 8 file.txt
  measure "autoid-sign hash -- FILE" "$BIN/autoid-sign" hash -- file.txt
  AUTOID_FAST_PATH=0 measure "autoid-sign hash FILE (parser)" "$BIN/autoid-sign" hash file.txt
  measure "autoid-verify --version" "$BIN/autoid-verify" --version
  AUTOID_FAST_PATH=0 measure "autoid-verify --version (parser)" "$BIN/autoid-verify" --version
  if [ -n "$BASELINE" ]; then
    measure "baseline: autoid-verify -k KEY ENVELOPE" "$BASELINE/autoid-verify" -k "$PUB" file.dsse.json
    [ -x "$BASELINE/autoid-sign" ] && measure "baseline: autoid-sign -k KEY -o OUT FILE" "$BASELINE/autoid-sign" -k k.key -o out.json --force file.txt
    measure "baseline: autoid-verify --version" "$BASELINE/autoid-verify" --version
  fi
  [ -x "$WORK/autoid-verify-gold" ] && measure "autoid-verify -k KEY ENV, gold, no layout" "$WORK/autoid-verify-gold" -k "$PUB" file.dsse.json
  [ -x "$WORK/autoid-verify-shared" ] && measure "autoid-verify -k KEY ENV, shared libraries" "$WORK/autoid-verify-shared" -k "$PUB" file.dsse.json
  [ -x "$WORK/autoid-verify-shared" ] && measure "autoid-verify --version, shared libraries" "$WORK/autoid-verify-shared" --version
  [ -x "$WORK/autoid-verify-linked" ] && measure "autoid-verify -k KEY ENV, libs linked at start" "$WORK/autoid-verify-linked" -k "$PUB" file.dsse.json
  [ -x "$WORK/autoid-verify-linked" ] && measure "autoid-verify --version, libs linked at start" "$WORK/autoid-verify-linked" --version
  [ -x "$WORK/autoid-verify-nopie" ] && measure "autoid-verify --version, relinked -no-pie" "$WORK/autoid-verify-nopie" --version
  measure "C, empty, no libraries" "$WORK/c-none"
  measure "C, empty, our system libraries" "$WORK/c-all"
  measure "C, empty, without libarchive" "$WORK/c-no-archive"
  measure "C, empty, without libarchive and libxml2" "$WORK/c-no-archive-xml"
  measure "C, empty, libsodium, zlib, libstdc++" "$WORK/c-shared"
  measure "C, empty, libsodium and zlib" "$WORK/c-no-stdcxx"
  measure "C, empty, libm (what we load now)" "$WORK/c-now"
done
report
