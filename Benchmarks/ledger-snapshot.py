#!/usr/bin/env python3
"""Writes a state_getPairs snapshot with COUNT System.Account records and a conserving TotalIssuance.

    Benchmarks/ledger-snapshot.py COUNT OUT.json [--jsonl]

Independent of our Swift code: keys are the published prefix of System.Account
(twox128("System") ++ twox128("Account")) typed in, then blake2_128(AccountId32) ++ AccountId32 with
Python's hashlib; values are AccountInfo<u32, AccountData<u128>> packed with struct. Account ids and
balances come from a fixed seed, so the same COUNT always gives the same file. Pairs are sorted by key,
as state_getPairs returns them.
"""
import hashlib
import random
import struct
import sys

ACCOUNT_PREFIX = bytes.fromhex("26aa394eea5630e07c48ae0c9558cef7b99d880ec681799c0cf30e8886371da9")
TOTAL_ISSUANCE = bytes.fromhex("c2261276cc9d1f8598ea4b6a74b15c2f57c875e4cff74148e4628f264b974c80")
NEW_LOGIC = 1 << 127


def u128(value):
    return value.to_bytes(16, "little")


def main():
    count, out = int(sys.argv[1]), sys.argv[2]
    json_lines = "--jsonl" in sys.argv[3:]
    rng = random.Random(20261201)
    pairs = []
    total = 0
    for index in range(count):
        account = rng.randbytes(32)
        free = rng.getrandbits(90)
        reserved = rng.getrandbits(70) if index % 4 == 0 else 0
        frozen = free // 3 if index % 7 == 0 else 0
        total += free + reserved
        key = ACCOUNT_PREFIX + hashlib.blake2b(account, digest_size=16).digest() + account
        value = struct.pack("<IIII", index % 1000, 0, 1, 0) + u128(free) + u128(reserved) + u128(frozen) + u128(NEW_LOGIC)
        pairs.append((key, value))
    pairs.append((TOTAL_ISSUANCE, u128(total)))
    pairs.sort()
    with open(out, "w") as f:
        if json_lines:
            for key, value in pairs:
                f.write('["0x%s","0x%s"]\n' % (key.hex(), value.hex()))
        else:
            f.write("[")
            f.write(",".join('["0x%s","0x%s"]' % (key.hex(), value.hex()) for key, value in pairs))
            f.write("]\n")
    print(total)


if __name__ == "__main__":
    main()
