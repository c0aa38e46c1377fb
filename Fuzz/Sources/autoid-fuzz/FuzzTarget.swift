import AutoIDCompression
import AutoIDFiles
import AutoIDGovernance
import AutoIDHashing
import AutoIDIdentity
import AutoIDJSON
import AutoIDLedger
import AutoIDLog
import AutoIDManifest
import AutoIDMinisign
import AutoIDProvenance
import AutoIDRegistry
import AutoIDSigning
import SystemPackage

@testable import AutoIDBundle
@testable import AutoIDDrive
@testable import AutoIDSigstore
@testable import AutoIDState

#if canImport(Glibc)
import Glibc
#endif

/// One fuzz target: a name (scripts/fuzz TARGET) and the parsers it feeds.
///
/// A target must never crash, hang or leak on any input: thrown errors are the expected outcome for
/// almost every input, and each error's message is rendered too (it is what a user would see). Where a
/// parse succeeds, the target goes on to what the tools do next with the value (re-encoding, lookups,
/// digests), so those paths see hostile values as well.
struct FuzzTarget: Sendable {
    let name: String
    let run: @Sendable ([UInt8]) -> Void

    init(_ name: String, _ run: @escaping @Sendable ([UInt8]) -> Void) {
        self.name = name
        self.run = run
    }

    static let source = "fuzz-input"

    /// Runs `body`, rendering any error it throws as the tools would print it.
    static func attempt<T>(_ body: () throws -> T) -> T? {
        do {
            return try body()
        } catch {
            _ = String(describing: error)
            return nil
        }
    }

    static let all: [FuzzTarget] = [
        FuzzTarget("json") { bytes in
            _ = attempt { try JSONParser.parse(bytes) }
        },
        FuzzTarget("keys") { bytes in
            // No passphrase: an encrypted key stops after its structure and cost limits are checked.
            _ = attempt { try KeyEncoding.privateKey(from: bytes, source: source) }
            _ = attempt { try KeyEncoding.publicKey(from: bytes, source: source) }
            _ = attempt { try SignerKey(subjectPublicKeyInfo: bytes, source: source) }
            _ = attempt { try SignerKey(pem: String(decoding: bytes, as: UTF8.self), source: source) }
        },
        FuzzTarget("certificates") { bytes in
            if let ids = attempt({ try AutoID.parseAll(bytes, source: source) }) {
                for id in ids {
                    _ = (id.serialNumberHex, id.issuerName, id.subjectName, id.issuerCommonName, id.isCertificateAuthority)
                    _ = attempt { try CertificateFields(tbsCertificate: id.derBytes[...], source: source) }
                }
            }
            _ = attempt { try RegistryCertificate(der: bytes) }
            _ = attempt { try CertificateFields(tbsCertificate: bytes[...], source: source) }
        },
        FuzzTarget("crl") { bytes in
            _ = attempt { try RevocationList(bytes: bytes, source: source) }
        },
        FuzzTarget("envelope") { bytes in
            if let envelope = attempt({ try Envelope(jsonBytes: bytes, source: source) }) {
                _ = envelope.signedBytes
                _ = envelope.jsonBytes()
                if let statement = attempt({ try Statement(jsonBytes: envelope.payload, source: source) }) {
                    predicates(statement.predicate)
                }
                _ = attempt { try PersonhoodAttestation(envelope: envelope, source: source) }
            }
            if let statement = attempt({ try Statement(jsonBytes: bytes, source: source) }) {
                predicates(statement.predicate)
            }
        },
        FuzzTarget("predicates") { bytes in
            if let json = attempt({ try JSONParser.parse(bytes) }) {
                predicates(json)
                _ = attempt { try ProvenancePolicy(json: json, source: source) }
            }
        },
        FuzzTarget("attestation") { bytes in
            if let json = attempt({ try JSONParser.parse(bytes) }) {
                _ = attempt { try PersonhoodAttestation(json: json, source: source, path: "$") }
            }
            if let envelope = attempt({ try Envelope(jsonBytes: bytes, source: source) }) {
                _ = attempt { try PersonhoodAttestation(envelope: envelope, source: source) }
            }
        },
        FuzzTarget("scale") { bytes in
            // The first byte picks the type, so each decoder sees the rest whole.
            guard let selector = bytes.first else { return }
            let rest = Array(bytes.dropFirst())
            switch selector % 7 {
            case 0:
                if let header = attempt({ try BlockHeader.decode(rest) }) { _ = header.hash }
            case 1: _ = attempt { try RuntimeVersion(scale: rest) }
            case 2: _ = attempt { try RegistrySignature(scale: rest) }
            case 3: _ = attempt { try SCALEDecoder.decode(RegisteredAutoID.self, from: rest) }
            case 4: _ = attempt { try SCALEDecoder.decode(RevokedSerials.self, from: rest) }
            case 5: _ = attempt { try SCALEDecoder.decode([[UInt8]].self, from: rest) }
            default:
                if let entries = attempt({ try HeaderChainAudit.entries(in: rest, source: source) }) {
                    _ = HeaderChainAudit(expectedLastHash: nil).run(entries)
                }
            }
        },
        FuzzTarget("trie-node") { bytes in
            if let node = attempt({ try TrieNode.decode(bytes) }) { _ = node.encoded() }
        },
        FuzzTarget("read-proof") { bytes in
            readProof(bytes)
        },
        FuzzTarget("chain-spec") { bytes in
            guard let snapshot = attempt({ try StateSnapshot(jsonBytes: bytes, source: source) }) else { return }
            _ = attempt { try snapshot.runtimeVersion() }
            for version in StateVersion.allCases { _ = attempt { try snapshot.stateRoot(version: version) } }
            _ = attempt { try ChainSpecAudit().run(snapshot, name: source) }
        },
        FuzzTarget("snapshot-stream") { bytes in
            snapshotStream(bytes)
        },
        FuzzTarget("wasm") { bytes in
            if let module = attempt({ try WasmModule(bytes) }) { _ = module.customSection(named: "runtime_version") }
            _ = attempt { try RuntimeVersion(code: bytes) }
        },
        FuzzTarget("checksums") { bytes in
            for line in bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
                for length in [32, 64] {
                    _ = ChecksumLine(parsing: line, digestLength: length)
                    _ = ChecksumLine(parsing: line, digestLength: length, tag: length == 32 ? "SHA256" : "BLAKE2b")
                }
            }
            _ = attempt { try SignifyChecksumList(parsing: bytes[...], source: source) }
        },
        FuzzTarget("archive") { bytes in
            archive(bytes)
        },
        FuzzTarget("xmp") { bytes in
            _ = attempt { try XMPSidecar(xmlBytes: bytes, source: source) }
        },
        FuzzTarget("checkpoint") { bytes in
            let text = String(decoding: bytes, as: UTF8.self)
            if let note = attempt({ try SignedNote(bytes: bytes, source: source) }) {
                _ = note.bytes
                _ = attempt { try Checkpoint(text: note.text, source: source) }
                _ = attempt { try LogState(note: note, source: source) }
            }
            _ = attempt { try Checkpoint(text: text, source: source) }
            _ = attempt { try LogState(bytes: bytes, source: source) }
            _ = attempt { try LogProofFile(bytes: bytes, source: source) }
            _ = attempt { try NoteVerifierKey(text: text, source: source) }
        },
        FuzzTarget("minisign") { bytes in
            _ = attempt { try MinisignSignature(minisign: bytes, source: source) }
            _ = attempt { try MinisignPublicKey(fileBytes: bytes, source: source) }
            _ = attempt { try MinisignPublicKey(base64: String(decoding: bytes, as: UTF8.self), source: source) }
            _ = attempt { try MinisignSecretKey(fileBytes: bytes, source: source, passphrase: nil) }
        },
        FuzzTarget("sigstore") { bytes in
            _ = attempt { try SigstoreBundle(jsonBytes: bytes, source: source) }
            _ = attempt { try TrustedRoot(jsonBytes: bytes, source: source) }
            _ = attempt { try SignedTimestamp(der: bytes) }
            _ = attempt { try RekorEntryBody(bytes, kind: "hashedrekord", version: "0.0.1", source: source) }
            _ = attempt { try RekorEntryBody(bytes, kind: "dsse", version: "0.0.2", source: source) }
        },
        FuzzTarget("ledger") { bytes in
            // Ledger journals, account lists, DAO ballots and forum posts (predicates, bare and in
            // envelopes), proposals (plain and signed), deployed contract lists, SS58 account ids, and
            // AccountInfo records as the ledger audit reads them from state.
            if let json = attempt({ try JSONParser.parse(bytes) }) {
                _ = attempt { try LedgerJournal(json: json, source: source, path: "$.predicate") }
                _ = attempt { try AccountList(json: json, source: source, path: "$.predicate") }
                _ = attempt { try DAOBallot(json: json, source: source, path: "$.predicate") }
                _ = attempt { try DAOPost(json: json, source: source, path: "$.predicate") }
            }
            if let envelope = attempt({ try Envelope(jsonBytes: bytes, source: source) }) {
                _ = attempt { try LedgerJournal(envelope: envelope, source: source) }
                _ = attempt { try AccountList(envelope: envelope, source: source) }
                _ = attempt { try DAOBallot(envelope: envelope, source: source) }
                _ = attempt { try DAOPost(envelope: envelope, source: source) }
            }
            _ = attempt { try DAOProposal(bytes: bytes, source: source) }
            _ = attempt { try DAOProposal(fileBytes: bytes, source: source) }
            _ = attempt { try AccountID.parse(String(decoding: bytes.prefix(128), as: UTF8.self)) }
            _ = attempt { try DAOResult(bytes: bytes, source: source) }
            _ = attempt { try DeployedContracts.read(list: bytes, source: source) }
            _ = attempt { try bytes.withUnsafeBytes { try AccountInfo(exactly: $0) } }
        },
        FuzzTarget("cid") { bytes in
            _ = attempt { try AutoDriveCID(parsing: String(decoding: bytes, as: UTF8.self)) }
            // Auto Drive's stored (zlib) form, as `autoid-verify cid --stored-compressed` reads it.
            let expected = AutoDriveCID(digest: [UInt8](repeating: 0, count: 32))
            _ = attempt {
                try CIDVerification.verify(
                    expected: expected, input: scratchFile(bytes), name: nil, storedCompressed: true, outputLimit: 1 << 20, threads: 1)
            }
            _ = attempt { try RawDecompressor.decompress(bytes, limit: 1 << 20) }
        },
        FuzzTarget("ed25519") { bytes in
            Ed25519Differential.run(bytes)
        },
        FuzzTarget("rfc3339") { bytes in
            RFC3339Check.run(bytes)
        },
    ]

    /// The streaming snapshot reader (state-audit snapshot, registry, ledger) on the same bytes as
    /// `chain-spec` feeds the whole-file reader. The first byte picks the chunk size (1 to 256 bytes, so
    /// tokens split everywhere) and whether sorting spills runs to disk after a few KiB; the rest is the
    /// snapshot. Where both readers compute a root, the roots must agree (a differential check).
    static func snapshotStream(_ bytes: [UInt8]) {
        guard let control = bytes.first else { return }
        let input = Array(bytes.dropFirst())
        var options = SnapshotReadOptions()
        options.chunkSize = Int(control) + 1
        options.runBytes = control & 1 == 0 ? 4096 : 1 << 20
        options.wholeReadLimit = 0  // the streaming reader's own verdict, not the whole reader's
        options.temporaryDirectory = scratchDirectory
        options.trySortedFirst = control & 2 == 0
        for version in [StateVersion.v0, .v1] {
            guard case .streamed(let streamed)? = attempt({ try SnapshotStream.read(bytes: input, name: source, stateVersion: version, options: options) })
            else { continue }
            guard let whole = attempt({ try StateSnapshot(jsonBytes: input, source: source) }),
                let wholeRoot = attempt({ try whole.stateRoot(version: version) })
            else { continue }
            precondition(
                streamed.stateRoot == wholeRoot,
                "snapshot-stream: the streaming reader's root \(String(describing: streamed.stateRoot)) differs from the whole reader's \(wholeRoot)")
        }
        // The file path, as the tools read it, and the flat record walk the ledger audit uses.
        guard case .file(let file) = scratchFile(input) else { return }
        _ = attempt { try SnapshotStream.read(path: file.string, name: source, stateVersion: nil, options: options) }
        _ = attempt { try SnapshotStream.forEachFlatPair(path: file.string, name: source) { _, _ in } }
    }

    static func predicates(_ json: JSONValue) {
        _ = attempt { try ContentPredicate(json: json, source: source, path: "$.predicate") }
        _ = attempt { try ProvenancePredicate(json: json, source: source, path: "$.predicate") }
        _ = attempt { try PersonhoodAttestation(json: json, source: source, path: "$.predicate") }
    }

    /// Input framing: byte 0 = number of keys (mod 4), then each key as length (1 byte) + bytes,
    /// then nodes as length (2 bytes, little-endian) + bytes. The root is the hash of the first node
    /// (so the walk starts), or the empty root. JSON input (`{` or `[`) goes through ProofAudit instead.
    static func readProof(_ bytes: [UInt8]) {
        if let first = bytes.first, first == UInt8(ascii: "{") || first == UInt8(ascii: "[") {
            if let json = attempt({ try StateDocument.parse(bytes, source: source) }) {
                _ = attempt { try ProofAudit.nodes(of: json, source: source) }
                _ = attempt { try ProofAudit(root: TrieConstants.emptyRoot, keys: []).run(json, name: source) }
            }
            return
        }
        var index = 0
        func take(_ n: Int) -> [UInt8]? {
            guard n >= 0, index + n <= bytes.count else { return nil }
            defer { index += n }
            return Array(bytes[index..<index + n])
        }
        guard let count = take(1)?[0] else { return }
        var keys: [[UInt8]] = []
        for _ in 0..<Int(count % 4) {
            guard let length = take(1)?[0], let key = take(Int(length)) else { return }
            keys.append(key)
        }
        var nodes: [[UInt8]] = []
        while let length = take(2), let node = take(Int(length[0]) | Int(length[1]) << 8) { nodes.append(node) }
        let root = nodes.first.flatMap { H256(BLAKE2b.hash($0, outputByteCount: 32)) } ?? TrieConstants.emptyRoot
        for version in StateVersion.allCases {
            _ = attempt { try ReadProof.verify(root: root, nodes: nodes, keys: keys, version: version) }
        }
    }

    /// A bundle through the same scan and all-or-nothing extraction `provenance-bundle extract` uses,
    /// with smaller caps (the fuzzer's inputs are small; bombs hit the ratio cap), then the raw reader.
    static func archive(_ bytes: [UInt8]) {
        let limits = ArchiveLimits(maximumEntries: 1000, maximumTotalBytes: 64 << 20, maximumRatio: 100, ratioGraceBytes: 1 << 20)
        _ = attempt { try BundleManifest(jsonBytes: bytes, source: source, maximumEntries: 1000) }
        let input = scratchFile(bytes)
        let target = scratchDirectory + "/extract"
        if let stage = attempt({ try ExtractionStage(target: target) }) {
            if attempt({ try BundleScanner.scan(input, limits: limits, sink: stage) }) != nil {
                if attempt({ try stage.commit() }) != nil { removeTree(target) }
            }
        }
        if let reader = attempt({ try ArchiveReader(bytes: bytes, name: source, limits: limits) }) {
            var buffer = [UInt8](repeating: 0, count: 4096)
            while let entry = attempt({ try reader.next() }), let entry {
                _ = (entry.path, entry.displayPath)
                while let n = attempt({ try buffer.withUnsafeMutableBytes { try reader.read(into: $0) } }), n > 0 {}
            }
        }
    }

    /// This process's scratch directory, inside AUTOID_FUZZ_SCRATCH (which scripts/fuzz makes and removes).
    static let scratchDirectory: String = {
        let base = getenv("AUTOID_FUZZ_SCRATCH").map { String(cString: $0) } ?? "/tmp"
        let path = base + "/autoid-fuzz-\(getpid())"
        mkdir(path, 0o700)
        return path
    }()

    /// Writes `bytes` to this process's scratch file and names it as an input.
    static func scratchFile(_ bytes: [UInt8]) -> InputSource {
        let path = scratchDirectory + "/input"
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        precondition(fd >= 0, "autoid-fuzz: cannot write \(path)")
        var written = 0
        bytes.withUnsafeBytes { raw in
            while written < raw.count {
                let n = write(fd, raw.baseAddress! + written, raw.count - written)
                precondition(n > 0, "autoid-fuzz: cannot write \(path)")
                written += n
            }
        }
        close(fd)
        return InputSource(argument: path)
    }

    /// Removes a committed extraction (`rm -rf`, children first, never following links).
    static func removeTree(_ path: String) {
        guard let dir = opendir(path) else {
            unlink(path)
            return
        }
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(cString: $0.bindMemory(to: CChar.self).baseAddress!) }
            guard name != ".", name != ".." else { continue }
            let child = path + "/" + name
            var info = stat()
            if lstat(child, &info) == 0, info.st_mode & S_IFMT == S_IFDIR { removeTree(child) } else { unlink(child) }
        }
        closedir(dir)
        rmdir(path)
    }
}
