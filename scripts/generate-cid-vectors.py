#!/usr/bin/env python3
"""Known-answer Auto Drive CIDs from an implementation independent of ours.

Computes CIDs the way Autonomys' auto-dag-data library does (DESIGN.md section 10), written from
the format description: protobuf and DAG-PB bytes by hand (no protobuf library), BLAKE3 from the
PyPI `blake3` package (the official Rust implementation), base32 from Python's standard library,
zlib from Python's zlib module. Run by hand; its output is typed into
Tests/AutoIDDriveTests/KnownCIDTests.swift, so tests and CI never need `blake3` installed:

    python3 -m pip install --break-system-packages blake3
    scripts/generate-cid-vectors.py

Content is generated, never read from disk: `pattern(n)` is byte i = i % 251, `text(s)` is UTF-8.
"""

import base64
import zlib

import blake3

CHUNK = 65535 - 469  # node max size less the metadata reserve: 65,066
LINKS = CHUNK // 40  # a DAG-PB link to a 36-byte CID takes 40 bytes: 1,626

FILE, FILE_INLINK, FILE_CHUNK, FOLDER, FOLDER_INLINK = 0, 1, 2, 3, 4


def varint(n):
    out = bytearray()
    while True:
        byte = n & 0x7F
        n >>= 7
        if n:
            out.append(byte | 0x80)
        else:
            out.append(byte)
            return bytes(out)


def field_varint(number, value):
    return varint(number << 3 | 0) + varint(value)


def field_bytes(number, value):
    return varint(number << 3 | 2) + varint(len(value)) + value


def ipld_node_data(type_, link_depth=0, size=None, name=None, data=None, upload_options=None):
    """IPLDNodeData: proto3 leaves out type File (0) and linkDepth 0; optional fields when absent."""
    out = b""
    if type_ != FILE:
        out += field_varint(1, type_)
    if link_depth != 0:
        out += field_varint(2, link_depth)
    if size is not None:
        out += field_varint(3, size)
    if name is not None:
        out += field_bytes(4, name.encode("utf-8"))
    if data is not None:
        out += field_bytes(5, data)
    if upload_options is not None:
        out += field_bytes(6, upload_options)
    return out


def upload_options(level=None):
    """FileUploadOptions { compression { algorithm ZLIB (0: left out), level } } or empty."""
    if level is None:
        return b""
    return field_bytes(1, field_varint(2, level))


def pb_node(data, links=()):
    """DAG-PB PBNode: every link (field 2, holding only Hash, field 1) before Data (field 1)."""
    out = b""
    for cid in links:
        out += field_bytes(2, field_bytes(1, cid))
    return out + field_bytes(1, data)


def cid_of(node):
    """CIDv1, multicodec raw (0x55), multihash BLAKE3 (0x1f, 32 bytes), as binary."""
    return bytes([0x01, 0x55, 0x1F, 0x20]) + blake3.blake3(node).digest()


def cid_text(cid):
    return "b" + base64.b32encode(cid).decode().lower().rstrip("=")


def file_cid(content, name=None, level=None):
    options = upload_options(level)
    chunks = [content[i : i + CHUNK] for i in range(0, len(content), CHUNK)]
    if len(chunks) == 1:
        return cid_of(pb_node(ipld_node_data(FILE, size=len(content), name=name, data=content, upload_options=options)))
    cids = [cid_of(pb_node(ipld_node_data(FILE_CHUNK, size=len(c), data=c))) for c in chunks]
    depth = 1
    while len(cids) > LINKS:
        groups = [cids[i : i + LINKS] for i in range(0, len(cids), LINKS)]
        # auto-dag-data records the number of links as an inlink node's size.
        cids = [cid_of(pb_node(ipld_node_data(FILE_INLINK, link_depth=depth, size=len(g)), g)) for g in groups]
        depth += 1
    return cid_of(pb_node(ipld_node_data(FILE, link_depth=depth, size=len(content), name=name, upload_options=options), cids))


def folder_cid(name, tree):
    """An uncompressed folder upload: tree maps names to bytes (a file) or to a dict (a folder).

    Each file is an ordinary file DAG under its own name with empty upload options; a folder holding no
    file is left out (uploaders list files only); children go in byte order of their names; over 1,626
    children are grouped into FolderInlink nodes {type 4, linkDepth d} with d from 0 (so the first level
    writes none); the Folder node {type 3, linkDepth, size = total file bytes, name, uploadOptions {}}
    links the rest. Returns (cid, size) or None for a folder with no file.
    """
    children = []
    for child_name, value in tree.items():
        if isinstance(value, dict):
            sub = folder_cid(child_name, value)
            if sub is None:
                continue
            children.append((child_name.encode("utf-8"), sub[0], sub[1]))
        else:
            children.append((child_name.encode("utf-8"), file_cid(value, child_name), len(value)))
    if not children:
        return None
    children.sort(key=lambda child: child[0])
    cids = [cid for _, cid, _ in children]
    size = sum(child_size for _, _, child_size in children)
    depth = 0
    while len(cids) > LINKS:
        groups = [cids[i : i + LINKS] for i in range(0, len(cids), LINKS)]
        cids = [cid_of(pb_node(ipld_node_data(FOLDER_INLINK, link_depth=depth), g)) for g in groups]
        depth += 1
    node = pb_node(ipld_node_data(FOLDER, link_depth=depth, size=size, name=name, upload_options=upload_options()), cids)
    return cid_of(node), size


def pattern(n):
    return bytes(i % 251 for i in range(n))


def main():
    cases = [
        ("empty, no name", b"", None),
        ("empty, named empty.bin", b"", "empty.bin"),
        ("one byte 'a', no name", b"a", None),
        ("one byte 'a', named a.txt", b"a", "a.txt"),
        ("'hello world\\n' named hello.txt", b"hello world\n", "hello.txt"),
        ("'hello world\\n', non-ASCII name", b"hello world\n", "h\u00e9llo w\u00f6rld \u6587\u4ef6.txt"),
        ("pattern(65066), exactly one chunk, no name", pattern(CHUNK), None),
        ("pattern(65066), exactly one chunk, named one.bin", pattern(CHUNK), "one.bin"),
        ("pattern(65067), one chunk plus one byte, no name", pattern(CHUNK + 1), None),
        ("pattern(65067), named two.bin", pattern(CHUNK + 1), "two.bin"),
        ("pattern(1626 * 65066), root links every chunk", pattern(LINKS * CHUNK), None),
        ("pattern(1626 * 65066 + 1), two levels", pattern(LINKS * CHUNK + 1), "big.bin"),
        ("pattern(3 * 1626 * 65066 + 12345), two levels", pattern(3 * LINKS * CHUNK + 12345), None),
    ]
    for title, content, name in cases:
        print(f"{title}: {cid_text(file_cid(content, name))}")

    # Folders (uncompressed folder uploads). Trees are spelled out here and typed into
    # Tests/AutoIDDriveTests/FolderCIDTests.swift, which writes them to disk.
    docs = {"hello.txt": b"hello world\n", "a.txt": b"a"}
    site = {
        "index.html": b"<h1>hi</h1>\n",
        "b.txt": b"b",
        "img": {"logo.bin": pattern(CHUNK + 1), "icon.txt": b"icon"},
        "empty": {"nothing": {}},
        "\u00e9t\u00e9.txt": b"summer",
    }
    wide = {"f%04d" % i: str(i).encode() for i in range(LINKS + 1)}
    full = {"f%04d" % i: str(i).encode() for i in range(LINKS)}
    for title, name, tree in [
        ("folder docs {a.txt 'a', hello.txt 'hello world\\n'}", "docs", docs),
        ("folder docs renamed papers", "papers", docs),
        ("folder site {b.txt, empty/nothing/, img/{icon.txt, logo.bin pattern(65067)}, index.html, \u00e9t\u00e9.txt}", "site", site),
        ("folder one {only.txt 'x'}", "one", {"only.txt": b"x"}),
        ("folder full: 1626 files f0000..f1625 holding str(i)", "full", full),
        ("folder wide: 1627 files f0000..f1626 holding str(i), one FolderInlink level", "wide", wide),
    ]:
        cid, size = folder_cid(name, tree)
        print(f"{title}: {cid_text(cid)} (size {size})")

    # Stored compressed form: zlib level 9 of the content is what Auto Drive stores and returns;
    # the CID covers those bytes, with compression { level: 9 } in the root's upload options.
    text = b"".join(b"Auto Drive keeps line %d of this compressible text.\n" % (i % 10) for i in range(6000))
    stored = zlib.compress(text, 9)
    print(f"compressible text: {len(text)} bytes, zlib -9 stored {len(stored)} bytes")
    print(f"stored zlib bytes (hex): {stored.hex()}")
    print(f"stored, compression level 9, named notes.txt: {cid_text(file_cid(stored, 'notes.txt', 9))}")
    print(f"stored, compression level 9, no name: {cid_text(file_cid(stored, None, 9))}")
    print(f"plain text, no options, named notes.txt: {cid_text(file_cid(text, 'notes.txt'))}")
    small = zlib.compress(b"hello world\n", 9)
    print(f"zlib -9 of 'hello world\\n' (hex): {small.hex()}")
    print(f"  stored, level 9, named hello.txt: {cid_text(file_cid(small, 'hello.txt', 9))}")


if __name__ == "__main__":
    main()
