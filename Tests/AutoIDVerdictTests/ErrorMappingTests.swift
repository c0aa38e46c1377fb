import AutoIDBundle
import AutoIDCompression
import AutoIDDrive
import AutoIDFiles
import AutoIDIdentity
import AutoIDJSON
import AutoIDLedger
import AutoIDLog
import AutoIDManifest
import AutoIDMinisign
import AutoIDRegistry
import AutoIDSigning
import AutoIDSigstore
import AutoIDSystemLibrary
import AutoIDTestSupport
import AutoIDVerdict
import Foundation
import Testing

@testable import AutoIDCommands
@testable import AutoIDState

/// Swift Testing has an ExitStatus of its own (exit tests); ours is the one meant here.
typealias ExitStatus = AutoIDVerdict.ExitStatus

/// Every error type in the package must say which exit status it ends a run with (DESIGN.md 8). This
/// suite finds the error types by reading Sources/, so a new one fails here until it conforms to
/// ReportableError and is listed below with its statuses.
@Suite("Every error type maps to a documented exit status")
struct ErrorMappingTests {
    /// Sample errors of each type, keyed `FILE:TYPE` as the source scan finds them, with the status each
    /// must map to.
    static let samples: [String: [(error: any Error, status: ExitStatus)]] = [
        "Sources/AutoIDFiles/FileError.swift:FileError": [
            (FileError(code: .notFound, operation: "open", path: "a"), .ioError),
            (FileError(code: .permissionDenied, operation: "open", path: "a"), .ioError),
            (FileError(code: .isDirectory, operation: "read", path: "a"), .ioError),
            (FileError(code: .alreadyExists, operation: "create", path: "a"), .ioError),
            (FileError(code: .other(errno: EIO), operation: "read", path: "a"), .ioError),
            (FileError(code: .refusedToOverwrite, operation: "write", path: "a"), .usage),
            (FileError(code: .tooLarge(limit: 1), operation: "read", path: "a"), .malformedInput),
            (FileError(code: .tooMany(limit: 1, items: "names"), operation: "read", path: "a"), .malformedInput),
            (FileError(code: .sameFileAsInput("a"), operation: "write", path: "a"), .usage),
            (FileError(code: .changedWhileReading, operation: "read", path: "a"), .ioError),
            (FileError(code: .refusedName("an absolute name"), operation: "read", path: "/a"), .malformedInput),
        ],
        "Sources/AutoIDJSON/JSONParser.swift:Error": [
            (Self.jsonError(), .malformedInput)
        ],
        "Sources/AutoIDManifest/ManifestError.swift:ManifestError": [
            (ManifestError(source: "e", detail: "x"), .malformedInput)
        ],
        "Sources/AutoIDSigning/SigningError.swift:SigningError": [
            (SigningError(.malformedKey, source: "k", detail: "x"), .malformedInput),
            (SigningError(.unsupportedKeyType, source: "k", detail: "x"), .malformedInput),
            (SigningError(.unsupportedEncryption, source: "k", detail: "x"), .malformedInput),
            (SigningError(.wrongKeyKind, source: "k", detail: "x"), .malformedInput),
            (SigningError(.encryptedKey, source: "k", detail: "x"), .usage),
            (SigningError(.wrongPassphrase, source: "k", detail: "x"), .usage),
            (SigningError(.emptyPassphrase, source: "k", detail: "x"), .usage),
        ],
        "Sources/AutoIDState/StateError.swift:StateError": [
            (StateError(.truncatedInput, "x", hint: "h"), .malformedInput),
            (StateError(.invalidProof, "x", hint: "h"), .malformedInput),
            (StateError(.invalidInput, "x", hint: "h"), .malformedInput),
        ],
        "Sources/AutoIDState/SnapshotStreaming/SnapshotScanner.swift:Failure": [
            (SnapshotScanner.Failure(offset: 3, reason: "expected ':'", error: nil), .malformedInput),
            (
                SnapshotScanner.Failure(offset: 0, reason: "key not hex", error: StateError(.invalidInput, "s: $: key \"a\" is not hex", hint: "")),
                .malformedInput
            ),
        ],
        "Sources/AutoIDState/StateAuditError.swift:StateAuditError": [
            (StateAuditError(.layoutUnknown, "x"), .usage),
            (StateAuditError(.notAChainSpec, "x"), .usage),
            (StateAuditError(.invalidStorageKey, "x"), .usage),
        ],
        "Sources/AutoIDLog/LogError.swift:LogError": [
            (LogError(.malformedInput, input: "c", detail: "x"), .malformedInput),
            (LogError(.tooLarge, input: "c", detail: "x"), .malformedInput),
            (LogError(.verificationFailed, input: "c", detail: "x"), .verificationFailed),
            (LogError(.untrusted, input: "c", detail: "x"), .untrusted),
        ],
        "Sources/AutoIDLedger/AccountID.swift:AccountIDError": [
            (AccountIDError.notHex, .malformedInput), (AccountIDError.badChecksum, .malformedInput),
            (AccountIDError.reservedFormat(46), .malformedInput), (AccountIDError.notBase58("0"), .malformedInput),
        ],
        "Sources/AutoIDLedger/LedgerError.swift:LedgerError": [
            (LedgerError(.malformedJournal, source: "j", detail: "x"), .malformedInput),
            (LedgerError(.malformedAccountList, source: "l", detail: "x"), .malformedInput),
            (LedgerError(.badSignature, source: "j", detail: "x"), .verificationFailed),
            (LedgerError(.untrustedIssuer, source: "j", detail: "x"), .untrusted),
        ],
        "Sources/AutoIDRegistry/RegistryError.swift:RegistryError": [
            (RegistryError(.malformedCertificate, "x"), .malformedInput),
            (RegistryError(.malformedValue, "x"), .malformedInput),
        ],
        "Sources/AutoIDIdentity/IdentityError.swift:IdentityError": [
            (IdentityError(.malformed, source: "c", detail: "x"), .malformedInput),
            (IdentityError(.tooLarge, source: "c", detail: "x"), .malformedInput),
            (IdentityError(.missingCommonName, source: "c", detail: "x"), .malformedInput),
            (IdentityError(.wrongKeyType, source: "c", detail: "x"), .malformedInput),
            (IdentityError(.keyMismatch, source: "c", detail: "x"), .usage),
            (IdentityError(.invalidRequest, source: "c", detail: "x"), .usage),
            (IdentityError(.badSignature, source: "c", detail: "x"), .verificationFailed),
            (IdentityError(.expired, source: "c", detail: "x"), .untrusted),
            (IdentityError(.revoked, source: "c", detail: "x"), .untrusted),
            (IdentityError(.unknownIssuer, source: "c", detail: "x"), .untrusted),
            (IdentityError(.untrusted, source: "c", detail: "x"), .untrusted),
        ],
        "Sources/AutoIDDrive/DriveError.swift:DriveError": [
            (DriveError(.malformedCID, subject: "c", detail: "x"), .malformedInput),
            (DriveError(.nameTooLong, subject: "n", detail: "x"), .usage),
            (DriveError(.unsafeOutput, subject: "o", detail: "x"), .usage),
            (DriveError(.refusedFolder, subject: "d", detail: "x"), .malformedInput),
        ],
        "Sources/AutoIDSystemLibrary/SystemLibrary.swift:SystemLibraryError": [
            (
                SystemLibraryError(
                    specification: .init(name: "libarchive", fileNames: ["libarchive.so.13"], debianPackage: "libarchive13"), detail: "x"),
                .ioError
            )
        ],
        "Sources/AutoIDCompression/CompressionError.swift:CompressionError": [
            (CompressionError(.malformed, detail: "x"), .malformedInput),
            (CompressionError(.tooLarge(limit: 1), detail: "x"), .malformedInput),
        ],
        "Sources/AutoIDCompression/Archive/ArchiveError.swift:ArchiveError": [
            (ArchiveError(.malformed, input: "a", detail: "x"), .malformedInput),
            (ArchiveError(.unsupported, input: "a", detail: "x"), .malformedInput),
            (ArchiveError(.tooManyEntries(limit: 1), input: "a", detail: "x"), .malformedInput),
            (ArchiveError(.tooLarge(limit: 1), input: "a", detail: "x"), .malformedInput),
            (ArchiveError(.ratioTooHigh(limit: 1), input: "a", detail: "x"), .malformedInput),
            (ArchiveError(.nameTooLong(limit: 1), input: "a", detail: "x"), .malformedInput),
            (ArchiveError(.readFailed(errno: EIO), input: "a", detail: "x"), .ioError),
            (ArchiveError(.writeFailed(errno: ENOSPC), input: "a", detail: "x"), .ioError),
            (ArchiveError(.sizeMismatch(declared: 1, written: 2), input: "a", detail: "x"), .ioError),
            (ArchiveError(.invalidEntry, input: "a", detail: "x"), .usage),
            (ArchiveError(.outputExists, input: "a", detail: "x"), .usage),
        ],
        "Sources/AutoIDBundle/BundleError.swift:BundleError": [
            (BundleError(.unsafeEntry, input: "b", detail: "x"), .malformedInput),
            (BundleError(.duplicateEntry, input: "b", detail: "x"), .malformedInput),
            (BundleError(.notABundle, input: "b", detail: "x"), .malformedInput),
            (BundleError(.malformedManifest, input: "b", detail: "x"), .malformedInput),
            (BundleError(.entryTooLarge(limit: 1), input: "b", detail: "x"), .malformedInput),
            (BundleError(.malformedSidecar, input: "b", detail: "x"), .malformedInput),
            (BundleError(.refusedSidecar, input: "b", detail: "x"), .malformedInput),
            (BundleError(.invalidInput, input: "b", detail: "x"), .usage),
            (BundleError(.missingContent, input: "b", detail: "x"), .usage),
            (BundleError(.targetExists, input: "b", detail: "x"), .usage),
            (BundleError(.contentMismatch, input: "b", detail: "x"), .verificationFailed),
            (BundleError(.contentChanged, input: "b", detail: "x"), .ioError),
            (BundleError(.writeFailed(errno: ENOSPC), input: "b", detail: "x"), .ioError),
        ],
        "Sources/AutoIDSigstore/SigstoreError.swift:SigstoreError": [
            (SigstoreError(.malformedInput, input: "b", detail: "x"), .malformedInput),
            (SigstoreError(.tooLarge, input: "b", detail: "x"), .malformedInput),
            (SigstoreError(.unsupported, input: "b", detail: "x"), .malformedInput),
            (SigstoreError(.usage, input: "b", detail: "x"), .usage),
        ],
        "Sources/AutoIDMinisign/MinisignError.swift:MinisignError": [
            (MinisignError(.malformed, source: "s", detail: "x"), .malformedInput),
            (MinisignError(.unsupported, source: "s", detail: "x"), .malformedInput),
            (MinisignError(.tooLarge, source: "s", detail: "x"), .malformedInput),
        ],
        "Sources/AutoIDCommands/Shared/PassphraseOptions.swift:PassphraseError": [
            (PassphraseError("x"), .usage)
        ],
    ]

    static func jsonError() -> any Error {
        do {
            _ = try JSONParser.parse(Array("{".utf8))
        } catch {
            return error
        }
        fatalError("'{' parsed as JSON")
    }

    /// `FILE:TYPE` for every type in Sources/ declared or extended to conform to an error protocol.
    static func errorTypesInSources() throws -> Set<String> {
        let root = PackagePaths.root
        let sources = root.appendingPathComponent("Sources")
        guard let walker = FileManager.default.enumerator(atPath: sources.path) else { return [] }
        let declaration = try Regex(
            #"(?m)^\s*(?:(?:public|package|internal|private|fileprivate|final)\s+)*(?:struct|enum|class|actor)\s+(\w+)\s*(?:<[^>]*>)?\s*:([^{]*)\{"#)
        let conformance = try Regex(#"(?m)^\s*(?:(?:public|package|internal|private|fileprivate)\s+)*extension\s+([\w.]+)\s*:([^{]*)\{"#)
        var found = Set<String>()
        for case let relative as String in walker where relative.hasSuffix(".swift") {
            let text = try String(contentsOf: sources.appendingPathComponent(relative), encoding: .utf8)
            for regex in [declaration, conformance] {
                for match in text.matches(of: regex) {
                    guard let name = match.output[1].substring, let list = match.output[2].substring else { continue }
                    let protocols = list.split(separator: ",").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
                    let isError = protocols.contains { ["Error", "Swift.Error", "ReportableError", "LocalizedError"].contains($0) }
                    guard isError else { continue }
                    let typeName = name.split(separator: ".").last.map(String.init) ?? String(name)
                    found.insert("Sources/\(relative):\(typeName)")
                }
            }
        }
        return found
    }

    @Test func everyErrorTypeIsListed() throws {
        let found = try Self.errorTypesInSources()
        #expect(found.count >= Self.samples.count, "the scan found too few error types: \(found.sorted())")
        let unlisted = found.subtracting(Self.samples.keys)
        #expect(unlisted.isEmpty, "error types with no exit-status mapping checked here: \(unlisted.sorted()); make them ReportableError and add samples")
        let stale = Set(Self.samples.keys).subtracting(found)
        #expect(stale.isEmpty, "listed here but no longer in Sources/: \(stale.sorted())")
    }

    @Test func everySampleMapsToItsStatus() {
        for (type, cases) in Self.samples {
            for (error, status) in cases {
                #expect(error is any ReportableError, "\(type) does not conform to ReportableError")
                #expect(ExitStatus.of(error) == status, "\(type): \(error) maps to \(ExitStatus.of(error)), expected \(status)")
                #expect(status != .internalError && status != .ok, "\(type): a library error must not mean success or a bug")
                #expect(!"\(error)".isEmpty)
            }
        }
    }

    @Test func unplannedErrorsAreInternalErrorsNotVerdicts() {
        struct Unplanned: Error {}
        #expect(ExitStatus.of(Unplanned()) == .internalError)
        #expect(ExitStatus.of(CocoaError(.fileReadUnknown)) == .internalError)
        #expect(ExitStatus.internalError.rawValue == 70)
    }

    @Test func worstStatusWins() {
        #expect(ExitStatus.worst(of: []) == .ok)
        #expect(ExitStatus.worst(of: [.ioError, .verificationFailed, .untrusted]) == .verificationFailed)
        #expect(ExitStatus.worst(of: [.ioError, .malformedInput]) == .malformedInput)
        #expect(ExitStatus.worst(.untrusted, .malformedInput) == .untrusted)
        #expect(ExitStatus.worst(.ok, .ioError) == .ioError)
    }
}
