import AutoIDDrive
public import AutoIDFiles
public import AutoIDHashing
public import AutoIDJSON
public import AutoIDSigning
import SystemPackage

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Makes signed content manifests: hashes every input in one streaming pass, lists them as subjects of
/// one in-toto Statement, and signs it into a DSSE envelope.
public enum ContentSigner {
    /// An input to sign: what to read, and the name to record for it.
    public struct Input: Sendable {
        public var name: String
        public var source: InputSource

        public init(name: String, source: InputSource) {
            self.name = name
            self.source = source
        }
    }

    /// Hashes `inputs` with `algorithms` and builds the statement listing them, in the order given.
    ///
    /// With `autoDriveCIDs`, each subject also records the CID Auto Drive gives an uncompressed upload
    /// of the content under the subject's base name (``Statement/Subject/autoDriveName``), computed in
    /// the same read as the digests. Only that form can be recomputed from the content: a compressed
    /// upload's CID covers the compressor's output. Throws ``DriveError`` for a base name Auto Drive
    /// does not record (over 255 bytes).
    public static func statement(
        for inputs: [Input], algorithms: [HashAlgorithm], predicate: JSONValue,
        predicateType: String = ContentPredicate.type, autoDriveCIDs: Bool = false
    ) throws -> Statement {
        let subjects = try inputs.map { input in
            guard autoDriveCIDs else {
                let digest = try ContentDigester.digest(input.source, algorithms: algorithms)
                return Statement.Subject(name: input.name, digests: digest.hexDigests)
            }
            let builder: FileCIDBuilder
            do {
                builder = try FileCIDBuilder(name: Statement.Subject.autoDriveName(forSubject: input.name))
            } catch {
                throw DriveError(
                    .nameTooLong, subject: input.name,
                    detail:
                        "Auto Drive records names of at most \(FileCIDBuilder.maxNameBytes) bytes, so no upload of it has a CID under this name; rename the file or sign without --cid"
                )
            }
            var extra: [any StreamingHasher] = [CIDHasher(builder)]
            let digest = try ContentDigester.digest(input.source, algorithms: algorithms, alongside: &extra)
            return Statement.Subject(name: input.name, digests: digest.hexDigests, autoDriveCID: AutoDriveCID(digest: extra[0].finalize()))
        }
        return Statement(subjects: subjects, predicateType: predicateType, predicate: predicate)
    }

    /// Wraps `statement` in a DSSE envelope signed by `key`.
    public static func envelope(for statement: Statement, signedBy key: Ed25519PrivateKey) -> Envelope {
        var envelope = Envelope(payloadType: Statement.payloadType, payload: statement.jsonBytes())
        envelope.sign(with: key)
        return envelope
    }
}

extension ContentSigner {
    /// The most files one directory operand may expand to.
    public static let directoryFileLimit = 1_000_000

    /// The inputs for command-line operands: `-` is standard input, a file is itself, and a directory is
    /// every regular file below it, recursively, in byte order of their paths, each named `DIR/...` as
    /// the operand was written. Symbolic links, devices, FIFOs and sockets inside a directory are refused
    /// (sign a link's target by naming it): what is signed must be what a verifier will read.
    public static func inputs(for operands: [String]) throws -> [Input] {
        var inputs: [Input] = []
        for operand in operands {
            guard operand != "-" else {
                inputs.append(Input(name: "-", source: .standardInput))
                continue
            }
            var info = stat()
            if stat(operand, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR {
                let base = operand.hasSuffix("/") && operand.count > 1 ? String(operand.dropLast()) : operand
                var found: [String] = []
                try collect(directory: base, into: &found)
                if found.isEmpty {
                    throw FileError(code: .notFound, operation: "sign", path: operand, hint: "the directory holds no regular file")
                }
                inputs += found.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
                    .map { Input(name: $0, source: .file(FilePath($0))) }
            } else {
                inputs.append(Input(name: operand, source: .file(FilePath(operand))))
            }
        }
        return inputs
    }

    private static func collect(directory: String, into found: inout [String]) throws {
        guard let handle = opendir(directory) else { throw FileError(errno: errno, operation: "list", path: directory) }
        defer { closedir(handle) }
        while let entry = readdir(handle) {
            let name = try DirectoryEntry.text(entry, in: directory, operation: "sign")
            if name == "." || name == ".." { continue }
            let path = directory + "/" + name
            var info = stat()
            guard lstat(path, &info) == 0 else { throw FileError(errno: errno, operation: "inspect", path: path) }
            switch info.st_mode & S_IFMT {
            case S_IFREG:
                found.append(path)
                if found.count > directoryFileLimit {
                    throw FileError(code: .tooLarge(limit: directoryFileLimit), operation: "sign", path: directory, hint: "more files than one envelope takes")
                }
            case S_IFDIR:
                try collect(directory: path, into: &found)
            default:
                throw FileError(
                    code: .other(errno: EINVAL), operation: "sign", path: path,
                    hint: "not a regular file (a link, device, FIFO or socket); sign a link's target by naming it")
            }
        }
    }
}
