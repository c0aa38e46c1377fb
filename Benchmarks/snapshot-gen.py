#!/usr/bin/env python3
"""Writes a generated state snapshot to a file, streaming (memory stays small whatever the size).

    snapshot-gen.py FORM COUNT OUT [--sorted] [--seed N]

FORM: map ({"0xkey": "0xvalue", ...}), pairs (state_getPairs, [["0xkey", "0xvalue"], ...]) or lines
(JSON Lines). Keys and values are 32 random bytes (as in issue 16's 1,000,000-pair map). --sorted
writes keys in increasing order, as nodes dump state: the first two key bytes count through 65,536
blocks and the rest is random, sorted within its block, so no list of COUNT keys is held. Uses only
Python's standard library (random), not our code.
"""
import random, sys

form, count, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
is_sorted = "--sorted" in sys.argv
seed = int(sys.argv[sys.argv.index("--seed") + 1]) if "--seed" in sys.argv else 1
rng = random.Random(seed)

def keys():
    if not is_sorted:
        for _ in range(count):
            yield rng.randbytes(32)
        return
    # Sorted without holding COUNT keys: the first two bytes are the block (a counter), the rest random
    # and sorted within the block.
    blocks = 65536
    per, extra = divmod(count, blocks)
    for block in range(blocks):
        n = per + (1 if block < extra else 0)
        for tail in sorted(rng.randbytes(30) for _ in range(n)):
            yield block.to_bytes(2, "big") + tail

with open(out, "w", buffering=1 << 20) as f:
    opener, closer = {"map": ("{", "}"), "pairs": ("[", "]"), "lines": ("", "")}[form]
    f.write(opener)
    first = True
    for key in keys():
        value = rng.randbytes(32)
        if form == "map":
            item = f'"0x{key.hex()}":"0x{value.hex()}"'
        else:
            item = f'["0x{key.hex()}","0x{value.hex()}"]'
        if form == "lines":
            f.write(item + "\n")
        else:
            f.write(item if first else "," + item)
        first = False
    f.write(closer)
