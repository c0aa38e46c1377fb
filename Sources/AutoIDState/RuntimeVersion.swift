import AutoIDCompression

/// A Substrate runtime's `RuntimeVersion`, as stored in the `runtime_version` custom section of its wasm.
///
/// The final byte (`state_version`, later named `system_version`) decides the trie layout of genesis
/// state: 0 means LayoutV0, 1 and 2 mean LayoutV1. Runtimes older than the field have none and use V0.
public struct RuntimeVersion: Sendable, Equatable {
    public var specName: String
    public var implName: String
    public var authoringVersion: UInt32
    public var specVersion: UInt32
    public var implVersion: UInt32
    /// Runtime API identifiers (8 bytes each) and their versions.
    public var apis: [([UInt8], UInt32)]
    /// `nil` for runtimes that predate the field.
    public var transactionVersion: UInt32?
    /// `nil` for runtimes that predate the field.
    public var systemVersion: UInt8?

    public static func == (a: RuntimeVersion, b: RuntimeVersion) -> Bool {
        a.specName == b.specName && a.implName == b.implName && a.authoringVersion == b.authoringVersion
            && a.specVersion == b.specVersion && a.implVersion == b.implVersion
            && a.apis.map(\.0) == b.apis.map(\.0) && a.apis.map(\.1) == b.apis.map(\.1)
            && a.transactionVersion == b.transactionVersion && a.systemVersion == b.systemVersion
    }

    /// The trie layout this runtime's state uses.
    public var stateVersion: StateVersion {
        (systemVersion ?? 0) == 0 ? .v0 : .v1
    }

    /// Substrate's prefix in front of a zstd-compressed wasm blob (`sp_maybe_compressed_blob`).
    public static let compressedCodePrefix: [UInt8] = [0x52, 0xbc, 0x53, 0x76, 0x46, 0xdb, 0x8e, 0x05]
    /// How large a decompressed runtime may be (Substrate's own bomb limit is 50 MiB).
    public static let codeSizeLimit = 128 * 1024 * 1024

    /// Decodes the SCALE payload of a `runtime_version` section.
    public init(scale bytes: [UInt8]) throws(StateError) {
        var decoder = SCALEDecoder(bytes)
        specName = try decoder.decode(String.self)
        implName = try decoder.decode(String.self)
        authoringVersion = try decoder.decode(UInt32.self)
        specVersion = try decoder.decode(UInt32.self)
        implVersion = try decoder.decode(UInt32.self)
        let count = try decoder.decodeLength("runtime APIs")
        var apis: [([UInt8], UInt32)] = []
        for _ in 0..<count {
            apis.append((try decoder.readBytes(8, "runtime API id"), try decoder.decode(UInt32.self)))
        }
        self.apis = apis
        transactionVersion = decoder.isAtEnd ? nil : try decoder.decode(UInt32.self)
        systemVersion = decoder.isAtEnd ? nil : try decoder.readByte("state version")
        try decoder.finish(what: "runtime version")
    }

    /// Reads the runtime version out of the `:code` value: decompressing it when it carries Substrate's
    /// prefix, then finding the `runtime_version` custom section.
    public init(code: [UInt8]) throws(StateError) {
        var wasm = code
        if code.starts(with: Self.compressedCodePrefix) {
            do {
                wasm = try RawDecompressor.decompress(Array(code.dropFirst(8)), limit: Self.codeSizeLimit)
            } catch {
                throw StateError(
                    .invalidInput, "the compressed runtime in :code \(error)", offset: 8,
                    hint: "the chain spec's :code is damaged; or pass --state-version")
            }
        }
        guard let section = try WasmModule(wasm).customSection(named: "runtime_version") else {
            throw StateError(
                .invalidInput, "the runtime has no runtime_version custom section", offset: nil,
                hint: "pass --state-version to say which trie layout the chain uses")
        }
        try self.init(scale: section)
    }
}
