import AutoIDFiles
import AutoIDHashing
public import AutoIDManifest
public import AutoIDSigning
public import AutoIDThreads
import Crypto

/// A BSD-style checksum list, as OpenBSD's `sha256` and `sha512` write it and `signify -C` checks it:
/// one `ALGORITHM (NAME) = HEX` line per file.
///
/// signify accepts `SHA256` and `SHA512`; so does autoid. A line in another algorithm is kept and
/// reported as unchecked (a failure), never silently skipped. Names are the signer's choice, so they are
/// confined when read (``SubjectLocator``: no absolute names, no `..`, nothing outside the directory).
public struct SignifyChecksumList: Sendable, Equatable {
    public struct Entry: Sendable, Equatable {
        /// As written: `SHA256`, `SHA512`...
        public var algorithm: String
        public var name: String
        public var digest: [UInt8]

        public init(algorithm: String, name: String, digest: [UInt8]) {
            self.algorithm = algorithm
            self.name = name
            self.digest = digest
        }
    }

    public var entries: [Entry]

    /// The most lines a list may have, and the longest line (a name of up to 4 KiB).
    public static let lineLimit = 1_000_000
    public static let lineLengthLimit = 4096 + 200

    /// The digest length of the algorithms autoid checks.
    static let digestLengths = ["SHA256": 32, "SHA512": 64]

    /// Parses `bytes`; every non-empty line must be a checksum line.
    public init(parsing bytes: ArraySlice<UInt8>, source: String) throws {
        var entries: [Entry] = []
        var lineNumber = 0
        for rawLine in bytes.split(separator: 0x0a, omittingEmptySubsequences: false) {
            lineNumber += 1
            var line = rawLine
            if line.last == 0x0d { line = line.dropLast() }
            if line.isEmpty { continue }
            guard lineNumber <= Self.lineLimit else {
                throw MinisignError(.malformed, source: source, detail: "more than \(Self.lineLimit) lines: not a checksum list autoid reads")
            }
            guard line.count <= Self.lineLengthLimit else {
                throw MinisignError(.malformed, source: source, detail: "line \(lineNumber) is longer than \(Self.lineLengthLimit) bytes")
            }
            guard let entry = Self.parse(line) else {
                throw MinisignError(.malformed, source: source, detail: "line \(lineNumber) is not 'ALGORITHM (NAME) = HEX'")
            }
            entries.append(entry)
        }
        self.entries = entries
    }

    /// `ALG (NAME) = HEX`; the name runs to the last `) = `.
    static func parse(_ line: ArraySlice<UInt8>) -> Entry? {
        guard let text = String(validating: line, as: UTF8.self), let open = text.firstRange(of: " ("),
            let close = text.ranges(of: ") = ").last, open.upperBound <= close.lowerBound
        else { return nil }
        let algorithm = String(text[..<open.lowerBound])
        let name = String(text[open.upperBound..<close.lowerBound])
        let hex = text[close.upperBound...]
        guard !algorithm.isEmpty, algorithm.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "/" || $0 == "-") }),
            !name.isEmpty, !hex.isEmpty, let digest = Hex.decode(hex)
        else { return nil }
        if let length = digestLengths[algorithm], digest.count != length { return nil }
        return Entry(algorithm: algorithm, name: name, digest: digest)
    }
}

/// `signify -C`: a checksum list signed with its signature embedded (`signify -S -e`), verified, then
/// every listed file (or the ones asked for) re-hashed.
public enum SignifyChecker {
    /// Verifies the signed list at `signaturePath` with `key`, then the files.
    ///
    /// The signature is checked first; the list is parsed and acted on only when it verifies. The result
    /// is a ``VerificationReport``: the signature verdict, one subject per checked line, and the names
    /// asked for that the list does not hold (`notSubjects`).
    ///
    /// - Throws: ``MinisignError`` or ``FileError`` when the signature file cannot be read or parsed, or
    ///   the verified list is not a checksum list.
    public static func check(
        signaturePath: String, key: MinisignPublicKey, selecting files: [String] = [], locator: SubjectLocator,
        threads: Int = Threads.available
    ) throws -> VerificationReport {
        let bytes = try SmallFile.read(path: signaturePath, limit: MinisignSignature.embeddedSizeLimit)
        let (signature, message) = try MinisignSignature.signify(bytes, source: signaturePath)
        guard key.accepts(keyID: signature.keyID) else {
            return VerificationReport(envelope: signaturePath, signature: .untrustedKey(keyIDs: [signature.keyIDText]), subjects: [])
        }
        guard !message.isEmpty else {
            throw MinisignError(
                .malformed, source: signaturePath,
                detail: "no signed list follows the signature; signify -C checks lists signed with 'signify -S -e'")
        }
        guard key.key.isValidSignature(signature.signature, for: Array(message)) else {
            return VerificationReport(envelope: signaturePath, signature: .invalid, subjects: [])
        }
        let list = try SignifyChecksumList(parsing: message, source: signaturePath)
        let wanted = Set(files)
        let entries = files.isEmpty ? list.entries : list.entries.filter { wanted.contains($0.name) }
        let listed = Set(list.entries.map(\.name))
        let subjects = Threads.map(count: entries.count, threads: threads) { index in
            check(entries[index], locator: locator)
        }
        return VerificationReport(
            envelope: signaturePath, signature: .valid(keyID: signature.keyIDText), subjects: subjects,
            notSubjects: files.filter { !listed.contains($0) })
    }

    /// One line of the list against the file it names.
    static func check(_ entry: SignifyChecksumList.Entry, locator: SubjectLocator) -> VerificationReport.SubjectResult {
        let location = locator.input(for: entry.name).description
        func result(_ status: VerificationReport.SubjectStatus, checked: [String] = [], unchecked: [String] = []) -> VerificationReport.SubjectResult {
            .init(name: entry.name, location: location, status: status, checked: checked, unchecked: unchecked)
        }
        guard SignifyChecksumList.digestLengths[entry.algorithm] != nil else {
            return result(.noKnownDigest, unchecked: [entry.algorithm])
        }
        let input: InputSource
        do {
            input = try locator.locate(entry.name)
            if case .standardInput = input {
                return result(.refused(FileError(code: .refusedName("'-' names standard input, never a listed file"), operation: "read", path: entry.name)))
            }
        } catch {
            if case .refusedName = error.code { return result(.refused(error)) }
            return result(.unreadable(error))
        }
        do {
            let digest = try digest(of: input, algorithm: entry.algorithm)
            return result(digest == entry.digest ? .ok : .mismatch(algorithms: [entry.algorithm]), checked: [entry.algorithm])
        } catch let error as FileError {
            return result(.unreadable(error))
        } catch {
            return result(.unreadable(FileError(code: .other(errno: 5), operation: "read", path: entry.name)))
        }
    }

    static func digest(of input: InputSource, algorithm: String) throws -> [UInt8] {
        if algorithm == "SHA512" {
            var hasher = SHA512()
            try input.forEachChunk(bufferSize: 1 << 20) { hasher.update(bufferPointer: $0) }
            return Array(hasher.finalize())
        }
        var hasher = SHA256Hasher()
        try input.forEachChunk(bufferSize: 1 << 20) { hasher.update($0) }
        return hasher.finalize()
    }
}
