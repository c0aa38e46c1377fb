/// Bytes handed out by position the ways a file is, for tests of the positioned hashes
/// (`BLAKE3.hash(length:threads:bytes:)`, `FileCIDBuilder.absorb(length:bytes:)`): `read` copies the
/// range asked for into the caller's scratch buffer (as `pread`), `inPlace` returns the range where it
/// lies (as a mapping), `byTurns` alternates every `turnBytes` (a file partly mapped). The bytes stay
/// put while the object lives, so ranges of it handed out in place stay valid.
public final class PositionedSource: @unchecked Sendable {
    public enum Way: CaseIterable, Sendable { case read, inPlace, byTurns }

    private let storage: UnsafeMutableRawBufferPointer

    public init(_ data: [UInt8]) {
        storage = .allocate(byteCount: max(data.count, 1), alignment: 64)
        storage.copyBytes(from: data)
    }

    deinit { storage.deallocate() }

    /// The `scratch.count` bytes at `offset`, handed out `way`.
    public func bytes(_ way: Way, turnBytes: Int, at offset: Int, scratch: UnsafeMutableRawBufferPointer) -> UnsafeRawBufferPointer {
        let range = UnsafeRawBufferPointer(rebasing: storage[offset..<offset + scratch.count])
        if way == .inPlace || (way == .byTurns && (offset / turnBytes) % 2 == 1) { return range }
        scratch.copyMemory(from: range)
        return UnsafeRawBufferPointer(scratch)
    }

    /// ``bytes(_:turnBytes:at:scratch:)`` as the closure the positioned hashes take.
    public func provider(_ way: Way, turnBytes: Int) -> @Sendable (Int, UnsafeMutableRawBufferPointer) -> UnsafeRawBufferPointer {
        { offset, scratch in self.bytes(way, turnBytes: turnBytes, at: offset, scratch: scratch) }
    }
}
