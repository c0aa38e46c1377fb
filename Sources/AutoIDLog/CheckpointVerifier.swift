/// Decides whether a signed checkpoint is trusted: signed by one of the log's keys and cosigned by at
/// least `witnessThreshold` of the given witnesses.
///
/// Signature lines are matched to keys by name and key ID together; lines no key matches are ignored, as
/// c2sp.org/signed-note requires (key rotation, other witnesses). A matching line whose signature does
/// not verify rejects the whole note.
public struct CheckpointVerifier: Sendable {
    /// Keys of the log itself (any one suffices).
    public var logKeys: [NoteVerifierKey]
    /// Witness keys (note signatures or cosignatures).
    public var witnessKeys: [NoteVerifierKey]
    /// How many distinct witnesses must have signed.
    public var witnessThreshold: Int
    /// The origin the checkpoint must name; `nil` to require that it equal a log key's name.
    public var origin: String?

    /// A verifier for these keys.
    public init(logKeys: [NoteVerifierKey], witnessKeys: [NoteVerifierKey] = [], witnessThreshold: Int = 0, origin: String? = nil) {
        self.logKeys = logKeys
        self.witnessKeys = witnessKeys
        self.witnessThreshold = witnessThreshold
        self.origin = origin
    }

    /// What a successful verification found.
    public struct Result: Sendable, Equatable {
        /// The checkpoint.
        public var checkpoint: Checkpoint
        /// The note it came from.
        public var note: SignedNote
        /// Names of the log keys whose signatures verified.
        public var logSigners: [String]
        /// Names of the witnesses whose signatures verified.
        public var witnesses: [String]
        /// How many signature lines matched no key and were ignored.
        public var ignoredSignatures: Int
    }

    /// Verifies `note` (read from `source`) and parses its text as a checkpoint.
    public func verify(_ note: SignedNote, source: String) throws -> Result {
        let checkpoint = try Checkpoint(text: note.text, source: source)
        let expectedOrigins = origin.map { [$0] } ?? logKeys.map(\.name)
        guard expectedOrigins.contains(checkpoint.origin) else {
            throw LogError(
                .untrusted, input: source,
                detail: "the checkpoint's origin '\(checkpoint.origin)' is not the log's (\(expectedOrigins.map { "'\($0)'" }.joined(separator: ", ")))",
                hint: "check that this checkpoint comes from the log you audit, or give its origin with --origin")
        }
        let text = Array(note.text.utf8)
        var logSigners: Set<String> = []
        var witnesses: Set<NoteVerifierKey> = []
        var ignored = 0
        for signature in note.signatures {
            let matching = (logKeys + witnessKeys).filter { $0.name.hasSameBytes(as: signature.name) && $0.keyID == signature.keyID }
            guard !matching.isEmpty else {
                ignored += 1
                continue
            }
            for key in matching {
                guard key.verifies(signature, text: text) else {
                    throw LogError(
                        .verificationFailed, input: source,
                        detail: "the signature of '\(key.name)' (key \(NoteVerifierKey.hex(key.keyID))) does not verify",
                        hint: "the checkpoint was altered after signing, or signed with another key: do not trust it")
                }
                if logKeys.contains(key) { logSigners.insert(key.name) }
                if witnessKeys.contains(key) { witnesses.insert(key) }
            }
        }
        guard !logSigners.isEmpty else {
            throw LogError(
                .untrusted, input: source,
                detail: "no signature from the log's key (\(logKeys.map { "\($0.name)+\(NoteVerifierKey.hex($0.keyID))" }.joined(separator: ", ")))",
                hint: "check the --key verifier key, or where this checkpoint came from")
        }
        let witnessNames = Set(witnesses.map(\.name))
        guard witnessNames.count >= witnessThreshold else {
            throw LogError(
                .untrusted, input: source,
                detail: "\(witnessNames.count) of the required \(witnessThreshold) witnesses cosigned",
                hint: "wait for more witnesses to cosign, or check the --witness keys")
        }
        return Result(checkpoint: checkpoint, note: note, logSigners: logSigners.sorted(), witnesses: witnessNames.sorted(), ignoredSignatures: ignored)
    }
}
