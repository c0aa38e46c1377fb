#!/usr/bin/env python3
"""Independent RFC 6962 / RFC 9162 Merkle roots of the well-known test leaves, for sizes 0 to 8.

Tests/AutoIDLogTests/KnownRootTests.swift types in the values that the certificate-transparency test
suite publishes; this script recomputes them with Python's hashlib from the definition (MTH, RFC 9162
section 2.1.1) so that anyone can check them without our code:  python3 scripts/rfc6962-roots.py
"""
import hashlib

LEAVES = [bytes.fromhex(h) for h in [
    "", "00", "10", "2021", "3031", "40414243", "5051525354555657",
    "606162636465666768696a6b6c6d6e6f", "707172737475767778797a7b7c7d7e7f",
]]


def mth(entries):
    if not entries:
        return hashlib.sha256(b"").digest()
    if len(entries) == 1:
        return hashlib.sha256(b"\x00" + entries[0]).digest()
    k = 1
    while k * 2 < len(entries):
        k *= 2
    return hashlib.sha256(b"\x01" + mth(entries[:k]) + mth(entries[k:])).digest()


for size in range(0, 9):
    print(size, mth(LEAVES[:size]).hex())
