import ArgumentParser
import AutoIDFiles
import AutoIDLog

/// Where `log root` and `log prove` take leaves from: entry files (each one leaf) or a list of leaf
/// hashes, one per line (base64 or hex), read as a stream.
struct LogLeafInput: ParsableArguments {
    @Argument(help: ArgumentHelp("Entry files, each one leaf, in log order.", valueName: "entry"))
    var entries: [String] = []

    @Option(help: ArgumentHelp("A file (or - for standard input) of leaf hashes, one per line, base64 or hex.", valueName: "file"))
    var leafHashes: String?

    func validate() throws {
        guard entries.isEmpty != (leafHashes == nil) else {
            throw ValidationError("Give either entry files or --leaf-hashes FILE.")
        }
    }

    /// The longest line of a leaf-hash list.
    static let maximumLineLength = 256

    /// Calls `body` with each leaf hash in order, streaming.
    func forEachLeaf(_ body: (TreeHash) throws -> Void) throws {
        if let list = leafHashes {
            var line: [UInt8] = []
            var number = 0
            func finish() throws {
                number += 1
                var text = String(decoding: line, as: UTF8.self)
                if text.hasSuffix("\r") { text.removeLast() }
                line.removeAll(keepingCapacity: true)
                if text.isEmpty { return }
                guard let hash = TreeHash(base64: text) ?? TreeHash(hex: text) else {
                    throw LogError(
                        .malformedInput, input: "\(list): line \(number)", detail: "not a 32-byte leaf hash in base64 or hex",
                        hint: "give one leaf hash per line")
                }
                try body(hash)
            }
            try InputSource(argument: list).forEachChunk { chunk in
                var rest = chunk[...]
                while !rest.isEmpty {
                    let end = rest.firstIndex(of: 0x0a) ?? rest.endIndex
                    guard line.count + (end - rest.startIndex) <= Self.maximumLineLength else {
                        throw LogError(
                            .malformedInput, input: "\(list): line \(number + 1)", detail: "longer than \(Self.maximumLineLength) bytes",
                            hint: "give one leaf hash per line")
                    }
                    line.append(contentsOf: rest[rest.startIndex..<end])
                    if end == rest.endIndex { break }
                    try finish()
                    rest = rest[(end + 1)...]
                }
            }
            if !line.isEmpty { try finish() }
        } else {
            for path in entries { try body(try Self.leafHash(ofFile: path)) }
        }
    }

    /// The leaf hash of a whole file, `SHA-256(0x00 || contents)`, streamed.
    static func leafHash(ofFile path: String) throws -> TreeHash {
        var hasher = LeafHasher()
        try InputSource(argument: path).forEachChunk { hasher.update($0) }
        return hasher.finalize()
    }
}
