#!/usr/bin/env python3
"""Prints the SS58 known answers SS58Tests.swift types in, from an independent implementation:
polkascan's scalecodec (python3 -m pip install scalecodec==1.2.12), whose ss58_encode follows
Substrate's specification. Alice's addresses for formats 42 and 0 are also published in Substrate's and
Polkadot's documentation; the rest (two-byte formats, Autonomys' 6094) come only from here."""
from scalecodec.utils.ss58 import ss58_encode

ALICE = "d43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d"
for key in (ALICE, "00" * 32, "ff" * 32):
    for fmt in (0, 2, 42, 63, 64, 255, 6094, 16383):
        print(f'("{key}", {fmt}, "{ss58_encode(key, fmt)}"),')
