import AutoIDFiles
public import AutoIDVerdict

/// A bundle or XMP sidecar that could not be made, read or extracted: which input, which entry, what
/// went wrong and what to do.
///
/// Hostile or damaged input is malformed (exit status 3); inputs the user gave that cannot make a
/// bundle, and a target that already holds what would be written, are usage errors (64); failing reads
/// and writes, and content that changed while it was bundled, are I/O errors (4); content that does not
/// match the envelope that names it is a failed verification (1).
public struct BundleError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The kind of failure, so callers can react without parsing messages.
    public enum Code: Sendable, Equatable {
        /// An entry a bundle must not hold: an unsafe name, a link, a device, a directory entry.
        case unsafeEntry
        /// The same name twice, or a name that is both a file and a directory.
        case duplicateEntry
        /// Not a bundle: no manifest first, no envelope, a name outside the layout.
        case notABundle
        /// The bundle manifest is not valid JSON of the documented shape.
        case malformedManifest
        /// An entry too large to be held in memory (envelopes, certificates and the manifest are).
        case entryTooLarge(limit: Int)
        /// The command's inputs cannot make a bundle (duplicate names, unsafe subject names, links).
        case invalidInput
        /// An envelope names content that is not being bundled.
        case missingContent
        /// Content does not match the digests an envelope records for it.
        case contentMismatch
        /// A file changed between being hashed and being archived.
        case contentChanged
        /// The extraction target already holds a name the bundle would write.
        case targetExists
        /// Writing failed (the system's errno).
        case writeFailed(errno: Int32)
        /// An XMP sidecar that is not well-formed XMP of the documented shape.
        case malformedSidecar
        /// An XMP sidecar with a document type declaration or entities, refused before parsing.
        case refusedSidecar
    }

    /// What failed.
    public var code: Code
    /// The bundle, sidecar or file concerned: its path as given, or "-" for standard input.
    public var input: String
    /// The entry concerned, already escaped for printing; nil when the failure is not about one entry.
    public var entry: String?
    /// What is wrong and, where useful, what to do.
    public var detail: String

    /// Creates an error; `entry` must already be escaped (``ArchiveEntry/displayPath`` or ``DisplayName``).
    public init(_ code: Code, input: String, entry: String? = nil, detail: String) {
        self.code = code
        self.input = input
        self.entry = entry
        self.detail = detail
    }

    /// One line: the input, the entry, and the detail.
    public var description: String {
        // A path as the user or a list gave it may hold line breaks or escape sequences: shown escaped,
        // as entries are, so the message stays one line that cannot forge another.
        let name = input == "-" ? "standard input" : DisplayName.escape(input)
        let at = entry.map { ": entry '\($0)'" } ?? ""
        return "\(name)\(at): \(detail)"
    }
}

extension BundleError: ReportableError {
    /// See the type's documentation.
    public var exitStatus: ExitStatus {
        switch code {
        case .unsafeEntry, .duplicateEntry, .notABundle, .malformedManifest, .entryTooLarge, .malformedSidecar, .refusedSidecar:
            .malformedInput
        case .invalidInput, .missingContent, .targetExists: .usage
        case .contentMismatch: .verificationFailed
        case .contentChanged, .writeFailed: .ioError
        }
    }
}
