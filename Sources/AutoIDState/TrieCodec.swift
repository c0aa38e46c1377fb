// Substrate trie node codec (sp-trie `NodeCodec`): base-16 Patricia-Merkle trie with
// no extension nodes, hashed with BLAKE2b-256.
//
// Node layout:  header | partial key nibbles | [bitmap u16 LE] | [value] | [children]
// Header first byte (high bits):
//   01xxxxxx  leaf (inline value)                 6-bit nibble count
//   10xxxxxx  branch without value                6-bit nibble count
//   11xxxxxx  branch with inline value            6-bit nibble count
//   001xxxxx  leaf with hashed value (LayoutV1)   5-bit nibble count
//   0001xxxx  branch with hashed value (LayoutV1) 4-bit nibble count
//   00000000  empty trie
// A nibble count that fills its bit field (all ones) continues in following bytes:
// each 255 adds 255 and continues, a byte below 255 adds itself + 1 and ends.
// Inline values are compact-length prefixed; hashed values are 32 raw bytes.
// Children are compact-length prefixed: 32 bytes = hash of the child node, fewer = the
// child node itself (inline), which happens when its encoding is shorter than 32 bytes.
import AutoIDHashing

/// Trie layout version (`sp_core::storage::StateVersion`).
public enum StateVersion: Sendable, Hashable, CaseIterable {
    /// LayoutV0: all values inline.
    case v0
    /// LayoutV1: values of 33 bytes or more are stored as a separate node and referenced by hash.
    case v1

    /// Values of at least this many bytes are hashed (nil: never).
    public var valueHashingThreshold: Int? {
        switch self {
        case .v0: return nil
        case .v1: return 33
        }
    }
}

/// BLAKE2b-256 on raw memory via libsodium (the hot path of the trie); identical output to
/// `AutoIDHashing.BLAKE2b.hash(_:outputByteCount: 32)` but without array allocations.
enum Blake256 {
    @inline(__always)
    static func hash(_ p: UnsafeRawPointer?, _ n: Int) -> H256 {
        var out = H256.zero
        withUnsafeMutableBytes(of: &out) { o in
            BLAKE2b.hash256(UnsafeRawBufferPointer(start: p, count: n), into: o)
        }
        return out
    }

    static func hash(_ bytes: [UInt8]) -> H256 {
        bytes.withUnsafeBytes { hash($0.baseAddress, $0.count) }
    }
}

public enum TrieConstants {
    /// Encoding of the empty trie (one zero byte).
    public static let emptyNode: [UInt8] = [0]
    /// blake2b-256(0x00) = 0x03170a2e7597b7b7e3d84c05391d139a62b157e78786d8c082f29dcf4c111314.
    public static let emptyRoot: H256 = H256(BLAKE2b.hash([0], outputByteCount: 32))!
    /// Largest nibble count a node header can express (sp-trie NIBBLE_SIZE_BOUND).
    public static let maxPartialNibbles = 65535
    /// Keys longer than this cannot be encoded (their partial keys could exceed the bound).
    public static let maxKeyBytes = 32767

    static let leafPrefix: UInt8 = 0b01 << 6
    static let branchNoValuePrefix: UInt8 = 0b10 << 6
    static let branchWithValuePrefix: UInt8 = 0b11 << 6
    static let hashedLeafPrefix: UInt8 = 0b001 << 5
    static let hashedBranchPrefix: UInt8 = 0b0001 << 4
}

// MARK: - Low-level encoding helpers

@inline(__always)
func appendCompactLength(_ n: Int, to out: inout [UInt8]) {
    if n < 1 << 6 {
        out.append(UInt8(truncatingIfNeeded: n << 2))
    } else if n < 1 << 14 {
        let v = UInt16(truncatingIfNeeded: n << 2 | 1)
        out.append(UInt8(truncatingIfNeeded: v))
        out.append(UInt8(truncatingIfNeeded: v >> 8))
    } else if n < 1 << 30 {
        let v = UInt32(truncatingIfNeeded: n << 2 | 2)
        for k in 0..<4 { out.append(UInt8(truncatingIfNeeded: v >> (8 * UInt32(k)))) }
    } else {
        var e = SCALEEncoder()
        e.appendCompact(UInt64(n))
        out.append(contentsOf: e.bytes)
    }
}

/// Appends a node header: `prefix` in the top `maskBits` bits, nibble count in the rest.
@inline(__always)
func appendNodeHeader(prefix: UInt8, maskBits: Int, nibbleCount: Int, to out: inout [UInt8]) {
    let maxValue = 255 >> maskBits
    if nibbleCount < maxValue {
        out.append(prefix | UInt8(truncatingIfNeeded: nibbleCount))
        return
    }
    out.append(prefix | UInt8(truncatingIfNeeded: maxValue))
    var rem = nibbleCount - (maxValue - 1)
    while true {
        if rem < 256 {
            out.append(UInt8(truncatingIfNeeded: rem - 1))
            return
        }
        out.append(255)
        rem -= 255
    }
}

// MARK: - Decoded node (value type)

/// A node's value: stored inline, or (LayoutV1) as the hash of a separate value node.
public enum TrieNodeValue: Equatable, Hashable, Sendable {
    case inline([UInt8])
    case hashed(H256)
}

/// A branch's reference to a child: the child's hash, or the child's encoding itself
/// when that is shorter than 32 bytes.
public enum TrieChildReference: Equatable, Hashable, Sendable {
    case hash(H256)
    case inline([UInt8])
}

/// One decoded trie node.
public struct TrieNode: Equatable, Hashable, Sendable {
    public enum Kind: Equatable, Hashable, Sendable { case empty, leaf, branch }

    public let kind: Kind
    /// Partial key, one nibble (0...15) per element.
    public let partialKey: [UInt8]
    public let value: TrieNodeValue?
    /// 16 slots for a branch, empty otherwise.
    public let children: [TrieChildReference?]

    public static let empty = TrieNode(kind: .empty, partialKey: [], value: nil, children: [])

    public static func leaf(partialKey: [UInt8], value: TrieNodeValue) -> TrieNode {
        TrieNode(kind: .leaf, partialKey: partialKey, value: value, children: [])
    }

    /// `children` must have 16 entries.
    public static func branch(partialKey: [UInt8], value: TrieNodeValue?, children: [TrieChildReference?]) -> TrieNode {
        precondition(children.count == 16, "a branch has 16 child slots")
        return TrieNode(kind: .branch, partialKey: partialKey, value: value, children: children)
    }

    /// The node's canonical encoding.
    public func encoded() -> [UInt8] {
        var out: [UInt8] = []
        let n = partialKey.count
        switch kind {
        case .empty:
            return [0]
        case .leaf:
            if case .hashed = value {
                appendNodeHeader(prefix: TrieConstants.hashedLeafPrefix, maskBits: 3, nibbleCount: n, to: &out)
            } else {
                appendNodeHeader(prefix: TrieConstants.leafPrefix, maskBits: 2, nibbleCount: n, to: &out)
            }
        case .branch:
            switch value {
            case .none: appendNodeHeader(prefix: TrieConstants.branchNoValuePrefix, maskBits: 2, nibbleCount: n, to: &out)
            case .inline: appendNodeHeader(prefix: TrieConstants.branchWithValuePrefix, maskBits: 2, nibbleCount: n, to: &out)
            case .hashed: appendNodeHeader(prefix: TrieConstants.hashedBranchPrefix, maskBits: 4, nibbleCount: n, to: &out)
            }
        }
        var i = 0
        if n & 1 == 1 {
            out.append(partialKey[0] & 0x0F)
            i = 1
        }
        while i < n {
            out.append((partialKey[i] & 0x0F) << 4 | (partialKey[i + 1] & 0x0F))
            i += 2
        }
        var bitmapAt = 0
        if kind == .branch {
            bitmapAt = out.count
            out.append(0)
            out.append(0)
        }
        switch value {
        case .none: break
        case .inline(let v):
            appendCompactLength(v.count, to: &out)
            out.append(contentsOf: v)
        case .hashed(let h): out.append(contentsOf: h.bytes)
        }
        if kind == .branch {
            var bitmap: UInt16 = 0
            for (idx, c) in children.enumerated() {
                guard let c else { continue }
                bitmap |= 1 << UInt16(idx)
                switch c {
                case .hash(let h):
                    appendCompactLength(32, to: &out)
                    out.append(contentsOf: h.bytes)
                case .inline(let b):
                    appendCompactLength(b.count, to: &out)
                    out.append(contentsOf: b)
                }
            }
            out[bitmapAt] = UInt8(truncatingIfNeeded: bitmap)
            out[bitmapAt + 1] = UInt8(truncatingIfNeeded: bitmap >> 8)
        }
        return out
    }

    /// Decodes one node; the whole input must be consumed.
    public static func decode(_ bytes: [UInt8]) throws(StateError) -> TrieNode {
        try bytes.withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> Result<TrieNode, StateError> in
            Result { () throws(StateError) -> TrieNode in
                let p = try parseTrieNode(raw, allowEmpty: true, what: "trie node")
                switch p.kind {
                case .empty: return .empty
                case .leaf, .branch:
                    var partial: [UInt8] = []
                    partial.reserveCapacity(p.nibbleCount)
                    let odd = p.nibbleCount & 1
                    for k in 0..<p.nibbleCount {
                        let j = k + odd  // position in the padded nibble stream
                        let b = raw[p.partialOffset + (j >> 1)]
                        partial.append(j & 1 == 0 ? b >> 4 : b & 0x0F)
                    }
                    var value: TrieNodeValue? = nil
                    if p.hasValue {
                        let v = Array(raw[p.valueStart..<(p.valueStart + p.valueCount)])
                        value = p.hashedValue ? .hashed(H256(v)!) : .inline(v)
                    }
                    if p.kind == .leaf { return .leaf(partialKey: partial, value: value!) }
                    var children = [TrieChildReference?](repeating: nil, count: 16)
                    var off = p.childrenStart
                    for idx in 0..<16 where p.bitmap & (1 << UInt16(idx)) != 0 {
                        let (len, hdr) = readChildLength(raw, off)
                        let body = Array(raw[(off + hdr)..<(off + hdr + len)])
                        children[idx] = len == 32 ? .hash(H256(body)!) : .inline(body)
                        off += hdr + len
                    }
                    return .branch(partialKey: partial, value: value, children: children)
                }
            }
        }.get()
    }
}

// MARK: - Non-allocating node parser (shared by decoding and proof verification)

struct ParsedNode {
    var kind: TrieNode.Kind = .empty
    var hashedValue = false
    var partialOffset = 0
    var nibbleCount = 0
    var hasValue = false
    var valueStart = 0
    var valueCount = 0
    var bitmap: UInt16 = 0
    var childrenStart = 0
}

/// Length and header size of a child reference at `off` (already validated by `parseTrieNode`:
/// child references are always single-byte compact lengths of 1...32).
@inline(__always)
func readChildLength(_ b: UnsafeRawBufferPointer, _ off: Int) -> (Int, Int) {
    (Int(b[off] >> 2), 1)
}

/// Parses and fully validates one node held in `b`. Byte offsets in errors are relative to `b`
/// plus `base`.
func parseTrieNode(
    _ b: UnsafeRawBufferPointer, allowEmpty: Bool, what: @autoclosure () -> String,
    base: Int = 0
) throws(StateError) -> ParsedNode {
    let n = b.count
    var off = 0
    func fail(_ msg: String, _ at: Int) -> StateError {
        StateError(
            .malformedNode, "\(what()): \(msg)", offset: base + at,
            hint: "The node bytes are corrupt or not a Substrate trie node; obtain the node again from a trusted source")
    }
    func short(_ need: @autoclosure () -> String, _ at: Int) -> StateError {
        StateError(
            .malformedNode, "\(what()): ended while reading \(need()) (node is \(n) bytes)", offset: base + at,
            hint: "The node is truncated; obtain the complete node encoding")
    }
    // Reads a canonical compact integer; lengths up to 2^30 are supported here.
    func compact(_ need: @autoclosure () -> String) throws(StateError) -> Int {
        guard off < n else { throw short(need(), off) }
        let start = off
        let first = b[off]
        switch first & 3 {
        case 0:
            off += 1
            return Int(first >> 2)
        case 1:
            guard off + 2 <= n else { throw short(need(), off) }
            let v = (Int(first) | Int(b[off + 1]) << 8) >> 2
            if v < 64 { throw fail("non-canonical compact \(need()) \(v)", start) }
            off += 2
            return v
        case 2:
            guard off + 4 <= n else { throw short(need(), off) }
            let v = (Int(first) | Int(b[off + 1]) << 8 | Int(b[off + 2]) << 16 | Int(b[off + 3]) << 24) >> 2
            if v < 1 << 14 { throw fail("non-canonical compact \(need()) \(v)", start) }
            off += 4
            return v
        default:
            throw fail("\(need()) uses compact big-integer mode, too large for a node of \(n) bytes", start)
        }
    }

    guard n > 0 else { throw short("node header", 0) }
    let h = b[0]
    off = 1
    var p = ParsedNode()
    var maskBits = 2
    if h == 0 {
        guard allowEmpty else { throw fail("empty-trie marker 0x00 where a node is required", 0) }
        guard n == 1 else { throw fail("\(n - 1) trailing byte(s) after the empty-trie marker", 1) }
        return p
    }
    switch h >> 6 {
    case 0b01: p.kind = .leaf
    case 0b10: p.kind = .branch
    case 0b11:
        p.kind = .branch
        p.hasValue = true
    default:
        if h >> 5 == 0b001 {
            p.kind = .leaf
            p.hashedValue = true
            maskBits = 3
        } else if h >> 4 == 0b0001 {
            p.kind = .branch
            p.hashedValue = true
            p.hasValue = true
            maskBits = 4
        } else {
            throw fail("header byte 0x\(String(h, radix: 16)) is not a valid node header", 0)
        }
    }
    if p.kind == .leaf { p.hasValue = true }
    let maxValue = 255 >> maskBits
    var count = Int(h) & maxValue
    if count == maxValue {
        count -= 1
        while true {
            guard off < n else { throw short("nibble count continuation", off) }
            let c = Int(b[off])
            off += 1
            if c < 255 {
                count += c + 1
                break
            }
            count += 255
            if count > TrieConstants.maxPartialNibbles {
                throw fail("nibble count exceeds \(TrieConstants.maxPartialNibbles)", off - 1)
            }
        }
        if count > TrieConstants.maxPartialNibbles {
            throw fail("nibble count \(count) exceeds \(TrieConstants.maxPartialNibbles)", off - 1)
        }
    }
    p.nibbleCount = count
    p.partialOffset = off
    let partialBytes = (count + 1) / 2
    guard off + partialBytes <= n else { throw short("\(count)-nibble partial key", off) }
    if count & 1 == 1 && b[off] & 0xF0 != 0 {
        throw fail("padding nibble of odd-length partial key is not zero", off)
    }
    off += partialBytes
    if p.kind == .branch {
        guard off + 2 <= n else { throw short("child bitmap", off) }
        p.bitmap = UInt16(b[off]) | UInt16(b[off + 1]) << 8
        if p.bitmap == 0 { throw fail("branch has an empty child bitmap", off) }
        off += 2
    }
    if p.hasValue {
        if p.hashedValue {
            guard off + 32 <= n else { throw short("32-byte value hash", off) }
            p.valueStart = off
            p.valueCount = 32
            off += 32
        } else {
            let len = try compact("value length")
            guard len <= n - off else { throw short("\(len)-byte value", off) }
            p.valueStart = off
            p.valueCount = len
            off += len
        }
    }
    if p.kind == .branch {
        p.childrenStart = off
        var bits = p.bitmap
        while bits != 0 {
            let idx = bits.trailingZeroBitCount
            bits &= bits &- 1
            // A child reference is a 32-byte hash or an inline node of 1...31 bytes, so its
            // length is always a single-byte compact (first byte = length << 2).
            guard off < n else { throw short("child \(idx) reference length", off) }
            let first = b[off]
            let len = Int(first >> 2)
            if first & 3 != 0 || len > 32 {
                throw fail("child \(idx) reference length byte 0x\(String(first, radix: 16)) is not a 32-byte hash or an inline node under 32 bytes", off)
            }
            if len == 0 { throw fail("child \(idx) reference is empty", off) }
            off += 1
            guard len <= n - off else { throw short("child \(idx) reference of \(len) bytes", off) }
            off += len
        }
    }
    if off != n { throw fail("\(n - off) trailing byte(s) after the node", off) }
    return p
}
