internal import CZlib

/// Inflates one zlib stream (RFC 1950: header, deflate data, Adler-32 trailer) fed in pieces, handing
/// the output on as it is produced: memory stays at one output buffer whatever the sizes.
///
/// The one owner of a zlib `z_stream`, freed in `deinit`. Hostile input is expected: the output is
/// capped (`limit`, a zlib stream can expand about 1,000 times), bytes after the end of the stream and
/// a stream that stops early are errors, and a failed inflater refuses further input.
public final class ZlibInflater {
    /// The zlib state; allocated once because zlib keeps a pointer back to it.
    private let stream: UnsafeMutablePointer<z_stream>
    private var output: [UInt8]
    /// The most output bytes accepted before failing with ``CompressionError/Code/tooLarge(limit:)``.
    public let limit: UInt64
    /// Output bytes produced so far.
    public private(set) var outputCount: UInt64 = 0
    /// Whether the end of the zlib stream (and its checksum) has been read.
    public private(set) var isFinished = false
    private var failed = false

    /// A fresh inflater that fails once more than `limit` bytes would come out.
    public init(limit: UInt64) throws(CompressionError) {
        self.limit = limit
        output = [UInt8](repeating: 0, count: 1 << 18)
        stream = .allocate(capacity: 1)
        stream.initialize(to: z_stream())
        let status = inflateInit_(stream, zlibVersion(), Int32(MemoryLayout<z_stream>.size))
        guard status == Z_OK else {
            stream.deinitialize(count: 1)
            stream.deallocate()
            throw CompressionError(.malformed, detail: "zlib could not start (error \(status))")
        }
    }

    deinit {
        inflateEnd(stream)
        stream.deinitialize(count: 1)
        stream.deallocate()
    }

    /// Inflates `input`, the next bytes of the stream, calling `sink` with each piece of output (valid
    /// only during the call). Throws ``CompressionError`` for damaged data, data after the end of the
    /// stream or output beyond ``limit``; rethrows what `sink` throws.
    public func feed(_ input: UnsafeRawBufferPointer, _ sink: (UnsafeRawBufferPointer) throws -> Void) throws {
        guard !failed else { throw CompressionError(.malformed, detail: "the zlib stream already failed") }
        guard input.count > 0 else { return }
        if isFinished { try fail(.malformed, "data after the end of the zlib stream") }
        stream.pointee.next_in = UnsafeMutablePointer(mutating: input.baseAddress!.assumingMemoryBound(to: Bytef.self))
        var remaining = input.count
        while remaining > 0 || stream.pointee.avail_out == 0 {
            let offered = min(remaining, Int(UInt32.max))
            stream.pointee.avail_in = uInt(offered)
            let produced: Int
            let status: Int32
            (status, produced) = output.withUnsafeMutableBytes { buffer in
                stream.pointee.next_out = buffer.baseAddress!.assumingMemoryBound(to: Bytef.self)
                stream.pointee.avail_out = uInt(buffer.count)
                let status = inflate(stream, Z_NO_FLUSH)
                return (status, buffer.count - Int(stream.pointee.avail_out))
            }
            remaining -= offered - Int(stream.pointee.avail_in)
            if produced > 0 {
                outputCount += UInt64(produced)
                if outputCount > limit {
                    try fail(.tooLarge(limit: Int(clamping: limit)), "stopped after \(outputCount - UInt64(produced)) bytes")
                }
                try output.withUnsafeBytes { try sink(UnsafeRawBufferPointer(rebasing: $0[..<produced])) }
            }
            switch status {
            case Z_STREAM_END:
                isFinished = true
                if remaining > 0 { try fail(.malformed, "data after the end of the zlib stream") }
                return
            case Z_OK:
                continue
            case Z_BUF_ERROR:
                // No progress possible: all input consumed and the output buffer was not filled.
                if remaining == 0 { return }
                try fail(.malformed, "zlib made no progress")
            case Z_NEED_DICT:
                try fail(.malformed, "the zlib stream needs a preset dictionary (not an Auto Drive stream)")
            default:
                let message = stream.pointee.msg.map { String(cString: $0) } ?? "error \(status)"
                try fail(.malformed, "damaged zlib stream: \(message)")
            }
        }
    }

    /// Checks that the whole stream was read: throws ``CompressionError`` when it stopped early.
    public func finish() throws(CompressionError) {
        guard !failed else { throw CompressionError(.malformed, detail: "the zlib stream already failed") }
        guard isFinished else {
            failed = true
            throw CompressionError(.malformed, detail: "the zlib stream is truncated (\(outputCount) bytes came out before it stopped)")
        }
    }

    private func fail(_ code: CompressionError.Code, _ detail: String) throws(CompressionError) -> Never {
        failed = true
        throw CompressionError(code, detail: detail)
    }
}
