#!/usr/bin/env python3
"""Prints the Keccak-256 known answers typed into Tests/AutoIDGovernanceTests/ContractAuditTests.swift,
from an independent implementation (pip install pycryptodome==3.23.0). The empty and "abc" answers are
also the published Ethereum values."""
from Crypto.Hash import keccak


def k(data):
    h = keccak.new(digest_bits=256)
    h.update(data)
    return h.hexdigest()


for label, data in [("empty", b""), ("abc", b"abc"), ("bytes 0..255 twice", bytes(range(256)) * 2),
                    ("0x60 x 135", bytes([0x60] * 135)), ("0x60 x 136", bytes([0x60] * 136))]:
    print(label, k(data))
