#!/usr/bin/env bash
# Known answers for Tests/AutoIDMinisignTests, made by the real tools (apt: minisign, signify-openbsd;
# python3's hashlib for scrypt). Prints what the tests type in; run it again to make fresh ones.
set -euo pipefail
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
cd "$dir"
printf 'hello\n' > f
minisign -G -W -p un.pub -s un.key >/dev/null
minisign -S -s un.key -m f -x f.minisig -t 'timestamp:1796117848	file:f	hashed' >/dev/null
minisign -S -l -s un.key -m f -x f.legacy -t 'timestamp:1796117848	file:f' >/dev/null
printf 'pw\npw\n' | minisign -G -p enc.pub -s enc.key >/dev/null 2>&1
signify-openbsd -G -n -p sy.pub -s sy.sec >/dev/null
signify-openbsd -S -s sy.sec -m f -x f.sig
printf 'SHA256 (f) = %s\n' "$(sha256sum f | cut -d' ' -f1)" > SHA256
signify-openbsd -S -e -s sy.sec -m SHA256 -x SHA256.sig
for file in un.pub un.key f.minisig f.legacy enc.pub enc.key sy.pub f.sig SHA256.sig; do
    echo "== $file"; cat "$file"
done
echo "== scrypt(N=2^14, r=8, p=1, password 'pw', salt 32 x 0x01, 104 bytes)"
python3 -c "import hashlib; print(hashlib.scrypt(b'pw', salt=bytes([1])*32, n=1<<14, r=8, p=1, dklen=104).hex())"
