#!/usr/bin/env bash
# Run the AVX-512 BLAKE3 kernel of blake3-bench inside a tiny Linux guest
# booted in the Bochs emulator, and compare every digest with b3sum.
#
# Why: the development and CI machines have no AVX-512, and qemu's TCG does
# not emulate it, so the avx512 kernel would otherwise never execute. Bochs
# (Debian package `bochs`, built with EVEX support) emulates AVX-512 for the
# cpu models `tigerlake`, `corei7_icelake_u` and `corei7_skylake_x`; this
# script uses corei7_skylake_x (see the quirks below).
#
# What it does (all in a scratch directory, nothing installed on the host):
#   1. `apt-get download` a Debian kernel image and unpack its vmlinuz;
#   2. build an initramfs with busybox-static, the blake3-bench binary, every
#      library `ldd` lists plus the dynamic loader, and test inputs (the
#      official BLAKE3 test-vector pattern, byte i = i % 251, at the
#      test-vector lengths, plus a 1 MiB random file);
#   3. grub-mkrescue a bootable ISO (console=ttyS0), boot it in Bochs with
#      the serial port written to a file; /init runs blake3-bench with
#      AUTOID_BLAKE3_KERNEL=avx512 and --threads 1 and 2 on each input;
#   4. compare the guest's digests with the host's b3sum and print
#      PASS/FAIL per input and the kernel the guest reported.
#
# Host packages: bochs bochsbios vgabios busybox-static grub-pc-bin
# grub-common xorriso mtools cpio zstd b3sum python3 (runs as root: mknod).
#
# Usage: scripts/avx512-under-bochs.sh [BINARY]
# Environment:
#   CPU_MODEL   Bochs cpu model (default corei7_skylake_x)
#   CPU_COUNT   emulated processors (default 1)
#   TIMEOUT     seconds before Bochs is killed (default 1800)
#   WORK        scratch directory (default: a new mktemp -d)
#   KERNEL      path of a vmlinuz to use instead of downloading one
#   KERNEL_ARGS kernel command line besides console= and rdinit= (default
#               "loglevel=4 mitigations=off nokaslr clearcpuid=pku,ospke,xsaves,xsavec panic=-1")
#   KERNEL_PKG  Debian package to download (default: what linux-image-amd64
#               depends on)
# Debian's Bochs has no 'nogui' display; the rfb display is used with
# timeout=0 so it never waits for a VNC client (it listens on :5900).
# Exit status: 0 if every digest matched b3sum and every run reported
# kernel=avx512, 1 otherwise.
set -euo pipefail

here=$(cd "$(dirname "$0")/.." && pwd)
BIN=${1:-$here/.build/release/blake3-bench}
CPU_MODEL=${CPU_MODEL:-corei7_skylake_x}
CPU_COUNT=${CPU_COUNT:-1}
TIMEOUT=${TIMEOUT:-1800}
WORK=${WORK:-$(mktemp -d /tmp/avx512-bochs.XXXXXX)}
# Bochs 2.7 quirks, found by booting Debian's 6.1 kernel:
# - CPUID 0xD sub-leaf 9 (PKRU) reports size 0 while PKU is advertised, and
#   sub-leaf 1 EBX reports the standard, not the compacted, XSAVE size. Linux
#   then finds the XSAVE layout inconsistent and disables XSAVE, which takes
#   AVX, AVX2 and AVX-512 with it. clearcpuid=pku,ospke,xsaves,xsavec keeps
#   PKRU out of XCR0 and makes the kernel use the standard XSAVE format.
# - with cpu model tigerlake the kernel then hangs in an exception loop early
#   in boot; corei7_skylake_x (avx512f/dq/cd/bw/vl) boots and runs.
KERNEL_ARGS=${KERNEL_ARGS:-loglevel=4 mitigations=off nokaslr clearcpuid=pku,ospke,xsaves,xsavec panic=-1}
mkdir -p "$WORK"
WORK=$(cd "$WORK" && pwd)
log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

for tool in bochs-bin busybox grub-mkrescue xorriso mformat cpio zstd b3sum python3 ldd; do
    command -v "$tool" >/dev/null || { echo "missing host tool: $tool" >&2; exit 2; }
done
[ -x "$BIN" ] || { echo "no binary at $BIN" >&2; exit 2; }
log "work directory: $WORK"

# 1. Kernel -------------------------------------------------------------------
if [ -z "${KERNEL:-}" ]; then
    if [ -z "${KERNEL_PKG:-}" ]; then
        KERNEL_PKG=$(apt-cache depends linux-image-amd64 | awk '/Depends: linux-image-/ {print $2; exit}')
    fi
    if ! ls "$WORK"/kroot/boot/vmlinuz-* >/dev/null 2>&1; then
        log "downloading $KERNEL_PKG"
        (cd "$WORK" && apt-get download "$KERNEL_PKG" >/dev/null 2>&1)
        dpkg-deb -x "$WORK"/"$KERNEL_PKG"_*.deb "$WORK/kroot"
    fi
    KERNEL=$(ls "$WORK"/kroot/boot/vmlinuz-* | head -n1)
fi
log "kernel: $KERNEL"

# 2. Inputs and expected digests ---------------------------------------------
rm -rf "$WORK/root" && mkdir -p "$WORK/root/inputs"
python3 - "$WORK/root/inputs" <<'EOF'
import os, sys
d = sys.argv[1]
lengths = [0, 1, 63, 64, 65, 1023, 1024, 1025, 2048, 2049, 3072, 3073, 4096,
           4097, 5120, 5121, 6144, 6145, 7168, 7169, 8192, 8193, 16384, 31744,
           102400]
for n in lengths:
    with open(os.path.join(d, "tv-%06d" % n), "wb") as f:
        f.write(bytes(i % 251 for i in range(n)))
with open(os.path.join(d, "random-1MiB"), "wb") as f:
    f.write(os.urandom(1 << 20))
EOF
(cd "$WORK/root/inputs" && b3sum -- *) > "$WORK/expected.txt"

# 3. Initramfs -------------------------------------------------------------------
R=$WORK/root
mkdir -p "$R"/{bin,dev,proc,sys,tmp,etc,lib64}
cp "$(command -v busybox)" "$R/bin/busybox"
file "$R/bin/busybox" | grep -q 'statically linked' || { echo "busybox is not static (install busybox-static)" >&2; exit 2; }
cp "$BIN" "$R/bin/blake3-bench"
libdirs=
while read -r lib; do
    mkdir -p "$R$(dirname "$lib")"
    cp -L "$lib" "$R$lib"
    case ":$libdirs:" in *":$(dirname "$lib"):"*) ;; *) libdirs=$libdirs${libdirs:+:}$(dirname "$lib") ;; esac
done < <(ldd "$BIN" | awk '/=> \// {print $3} /^\t\/[^ ]+ \(/ {print $1}')
# the program interpreter as the binary names it
interp=$(readelf -l "$BIN" | sed -n 's/.*Requesting program interpreter: \(.*\)\]/\1/p')
mkdir -p "$R$(dirname "$interp")" && cp -L "$interp" "$R$interp"
find "$R" -name '*.so*' -type f ! -name 'ld-linux*' ! -name 'libc.so*' -exec strip --strip-unneeded {} + 2>/dev/null || true
mknod -m 600 "$R/dev/console" c 5 1
mknod -m 666 "$R/dev/null" c 1 3

cat > "$R/init" <<EOF
#!/bin/busybox sh
/bin/busybox --install -s /bin
export PATH=/bin LD_LIBRARY_PATH=$libdirs
mount -t proc proc /proc
mount -t sysfs sys /sys
mount -t devtmpfs dev /dev 2>/dev/null
echo "=== GUEST BEGIN uptime \$(cut -d' ' -f1 /proc/uptime)"
echo "CPUFLAGS \$(grep -m1 '^flags' /proc/cpuinfo)"
echo "CPUMODEL \$(grep -m1 'model name' /proc/cpuinfo)"
echo "NPROC \$(nproc)"
dmesg | grep -iE 'xsave|xstate|x86/fpu|pku' | sed 's/^/DMESG /' 
for f in /inputs/*; do
  for t in 1 2; do
    out=\$(AUTOID_BLAKE3_KERNEL=avx512 /bin/blake3-bench "\$f" --repeat 1 --threads \$t 2>/tmp/err)
    rc=\$?
    digest=\$(echo "\$out" | head -n1 | cut -d' ' -f1)
    kernel=\$(echo "\$out" | grep -o 'kernel=[a-z0-9]*' | head -n1)
    echo "RESULT \$(basename "\$f") threads=\$t rc=\$rc \$kernel \$digest"
    [ -s /tmp/err ] && sed 's/^/STDERR /' /tmp/err
  done
done
# without the override: does autodetection pick avx512?
out=\$(/bin/blake3-bench /inputs/random-1MiB --repeat 1 2>&1)
echo "AUTODETECT \$(echo "\$out" | grep -o 'kernel=[a-z0-9]*' | head -n1)"
echo "=== GUEST END uptime \$(cut -d' ' -f1 /proc/uptime)"
poweroff -f
EOF
chmod +x "$R/init"
log "packing initramfs ($(du -sh "$R" | cut -f1) unpacked)"
mkdir -p "$WORK/iso/boot/grub"
(cd "$R" && find . | cpio -o -H newc --quiet | zstd -q -T0 -12 > "$WORK/iso/boot/initrd.zst")
cp "$KERNEL" "$WORK/iso/boot/vmlinuz"
cat > "$WORK/iso/boot/grub/grub.cfg" <<EOF
serial --unit=0 --speed=115200
terminal_input serial console
terminal_output serial console
set timeout=0
menuentry "avx512" {
  linux /boot/vmlinuz console=ttyS0,115200 $KERNEL_ARGS rdinit=/init
  initrd /boot/initrd.zst
}
EOF
grub-mkrescue -o "$WORK/boot.iso" "$WORK/iso" >/dev/null 2>&1
log "iso: $(du -h "$WORK/boot.iso" | cut -f1)"

# 4. Bochs ----------------------------------------------------------------------
serial=$WORK/serial.txt
: > "$serial"
cat > "$WORK/bochsrc" <<EOF
megs: 1024
cpu: model=$CPU_MODEL, count=$CPU_COUNT, ips=200000000
romimage: file=/usr/share/bochs/BIOS-bochs-latest
vgaromimage: file=/usr/share/vgabios/vgabios.bin
ata0: enabled=1, ioaddr1=0x1f0, ioaddr2=0x3f0, irq=14
ata0-master: type=cdrom, path=$WORK/boot.iso, status=inserted
boot: cdrom
com1: enabled=1, mode=file, dev=$serial
display_library: rfb, options="timeout=0"
clock: sync=none, time0=local
log: $WORK/bochs.log
panic: action=fatal
error: action=report
info: action=ignore
debug: action=ignore
EOF
printf 'c\nquit\n' > "$WORK/bochs.rc"
log "booting Bochs (cpu model $CPU_MODEL, timeout ${TIMEOUT}s)"
start=$(date +%s)
bochs-bin -q -f "$WORK/bochsrc" -rc "$WORK/bochs.rc" > "$WORK/bochs.out" 2>&1 &
bpid=$!
status=timeout
while kill -0 "$bpid" 2>/dev/null; do
    if grep -q '=== GUEST END' "$serial"; then status=done; sleep 2; break; fi
    if grep -q 'Kernel panic' "$serial"; then status=panic; sleep 2; break; fi
    if [ $(( $(date +%s) - start )) -ge "$TIMEOUT" ]; then break; fi
    sleep 2
done
kill -0 "$bpid" 2>/dev/null || [ "$status" != timeout ] || status="bochs exited (see $WORK/bochs.out)"
grep -q '=== GUEST END' "$serial" && status=done
kill "$bpid" 2>/dev/null || true
wait "$bpid" 2>/dev/null || true
elapsed=$(( $(date +%s) - start ))
log "Bochs stopped after ${elapsed}s: $status"
tr -d '\r' < "$serial" > "$WORK/serial.clean"

# 5. Compare -----------------------------------------------------------------
echo "--- guest (cpu model $CPU_MODEL) ---"
grep -E '^(=== GUEST|CPUFLAGS|CPUMODEL|NPROC|DMESG|AUTODETECT|STDERR)' "$WORK/serial.clean" | sort -u || true
echo "--- results ---"
fail=0; n=0
while read -r want name; do
    for t in 1 2; do
        line=$(grep -E "^RESULT $name threads=$t " "$WORK/serial.clean" | head -n1 || true)
        got=$(echo "$line" | awk '{print $NF}')
        kern=$(echo "$line" | grep -o 'kernel=[a-z0-9]*' || true)
        n=$((n + 1))
        if [ -n "$line" ] && [ "$got" = "$want" ] && [ "$kern" = kernel=avx512 ]; then
            echo "PASS $name threads=$t $kern $got"
        else
            echo "FAIL $name threads=$t ${kern:-kernel=?} got=${got:-none} want=$want"
            fail=$((fail + 1))
        fi
    done
done < "$WORK/expected.txt"
echo "--- $((n - fail))/$n passed; boot+run ${elapsed}s in Bochs ($status); serial log $serial ---"
[ "$status" = done ] && [ "$fail" -eq 0 ]
