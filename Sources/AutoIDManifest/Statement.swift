public import AutoIDDrive
import AutoIDFiles
import AutoIDHashing
public import AutoIDJSON

/// An in-toto Statement (v1): the subjects (named artifacts and their digests) and a typed predicate
/// saying something about them.
///
/// This is the payload autoid signs inside a DSSE envelope, with payload type
/// ``Statement/payloadType``. One statement may cover many files.
public struct Statement: Sendable, Equatable {
    /// `_type` of in-toto Statement v1.
    public static let typeV1 = "https://in-toto.io/Statement/v1"
    /// `_type` of the older in-toto Statement v0.1, which has the same shape; accepted on input.
    public static let typeV01 = "https://in-toto.io/Statement/v0.1"
    /// The DSSE payload type of in-toto statements.
    public static let payloadType = "application/vnd.in-toto+json"

    /// One artifact: its name and digests (in-toto `ResourceDescriptor` with `name` and `digest`), and
    /// optionally where Auto Drive keeps it (`uri`, ``autoDriveURIScheme``).
    public struct Subject: Sendable, Equatable {
        /// The name, usually a relative path; `-` for standard input.
        public var name: String
        /// Lowercase hex digests by in-toto algorithm name (`sha256`, `blake2b`, ...).
        public var digests: [String: String]
        /// The CID Auto Drive gives an uncompressed upload of this content under ``autoDriveName``,
        /// recorded as the descriptor's `uri`, `autodrive:bafkr6i...`: the signed envelope names where
        /// the content lives, and a verifier recomputes it from the same bytes as the digests.
        public var autoDriveCID: AutoDriveCID?

        public init(name: String, digests: [String: String], autoDriveCID: AutoDriveCID? = nil) {
            self.name = name
            self.digests = digests
            self.autoDriveCID = autoDriveCID
        }

        /// The name an Auto Drive upload of this subject records, and so the name its CID is computed
        /// under: the subject name's last path component (`report.pdf` for `dist/report.pdf`), or none
        /// for standard input (`-`), as `autoid-sign hash --cid` does. It is the *signed* name, not the
        /// name of whatever file a verifier reads: a renamed copy still verifies under the signed name.
        public var autoDriveName: String? { Self.autoDriveName(forSubject: name) }

        /// ``autoDriveName`` for a subject called `name`.
        public static func autoDriveName(forSubject name: String) -> String? {
            name == "-" ? nil : PathName.lastComponent(of: name).map(String.init) ?? name
        }
    }

    /// The URI scheme of a subject's Auto Drive CID: `uri` is `autodrive:` and the CID.
    public static let autoDriveURIScheme = "autodrive:"

    public var subjects: [Subject]
    /// A URI naming the predicate's schema.
    public var predicateType: String
    /// The predicate itself.
    public var predicate: JSONValue

    public init(subjects: [Subject], predicateType: String, predicate: JSONValue) {
        self.subjects = subjects
        self.predicateType = predicateType
        self.predicate = predicate
    }

    /// Statement JSON with sorted keys: the bytes that go into the envelope's payload.
    public func jsonBytes() -> [UInt8] {
        let subjectValues: [JSONValue] = subjects.map { subject in
            var members: [String: JSONValue] = [
                "name": .string(subject.name),
                "digest": .object(subject.digests.mapValues(JSONValue.string)),
            ]
            if let cid = subject.autoDriveCID { members["uri"] = .string(Self.autoDriveURIScheme + cid.description) }
            return .object(members)
        }
        let object: JSONValue = .object([
            "_type": .string(Self.typeV1),
            "subject": .array(subjectValues),
            "predicateType": .string(predicateType),
            "predicate": predicate,
        ])
        return object.jsonBytes()
    }

    /// Parses and checks a statement: known `_type`, at least one subject, each with a non-empty name
    /// that no other subject has and at least one hex digest. (A name listed twice could carry two
    /// digests for one file, and a verifier would have to pick one.)
    public init(jsonBytes bytes: [UInt8], source: String) throws(ManifestError) {
        let root: JSONValue
        do {
            root = try JSONParser.parse(bytes)
        } catch {
            throw ManifestError(source: source, location: "payload", detail: "\(error); expected an in-toto Statement")
        }
        guard case .object(let members) = root else {
            throw ManifestError(source: source, location: "payload", detail: "not a JSON object (expected an in-toto Statement)")
        }
        guard let type = members["_type"]?.stringValue else {
            throw ManifestError(source: source, location: "payload._type", detail: "missing; not an in-toto Statement")
        }
        guard type == Self.typeV1 || type == Self.typeV01 else {
            throw ManifestError(source: source, location: "payload._type", detail: "unknown statement type '\(type)'")
        }
        guard case .array(let list)? = members["subject"], !list.isEmpty else {
            throw ManifestError(source: source, location: "payload.subject", detail: "missing, empty or not a list")
        }
        var names = Set<String>()
        subjects = try list.enumerated().map { (index, element) throws(ManifestError) in
            let path = "payload.subject[\(index)]"
            guard let name = element["name"]?.stringValue else {
                throw ManifestError(source: source, location: "\(path).name", detail: "missing or not a string")
            }
            guard !name.isEmpty else {
                throw ManifestError(source: source, location: "\(path).name", detail: "the subject name is empty")
            }
            guard names.insert(name).inserted else {
                throw ManifestError(source: source, location: "\(path).name", detail: "the subject name is listed twice")
            }
            guard case .object(let digestValues)? = element["digest"], !digestValues.isEmpty else {
                throw ManifestError(source: source, location: "\(path).digest", detail: "missing or empty")
            }
            var digests: [String: String] = [:]
            for (algorithm, value) in digestValues {
                guard let hex = value.stringValue, Hex.decode(hex) != nil else {
                    throw ManifestError(source: source, location: "\(path).digest.\(algorithm)", detail: "not a hex string")
                }
                digests[algorithm] = hex.lowercased()
            }
            return Subject(name: name, digests: digests, autoDriveCID: try Self.autoDriveCID(of: element, name: name, path: path, source: source))
        }
        guard let predicateType = members["predicateType"]?.stringValue else {
            throw ManifestError(source: source, location: "payload.predicateType", detail: "missing or not a string")
        }
        self.predicateType = predicateType
        predicate = members["predicate"] ?? .null
    }

    /// The Auto Drive CID in a subject's `uri`, if it is an `autodrive:` URI. Another scheme is not
    /// ours and is left alone; an `autodrive:` URI whose CID does not parse, or a name Auto Drive would
    /// not record (over 255 bytes), is malformed: the signer claimed a CID no one can check.
    private static func autoDriveCID(of element: JSONValue, name: String, path: String, source: String) throws(ManifestError) -> AutoDriveCID? {
        guard let value = element["uri"] else { return nil }
        guard let uri = value.stringValue else {
            throw ManifestError(source: source, location: "\(path).uri", detail: "not a string (a ResourceDescriptor's uri is a URI)")
        }
        guard uri.hasPrefix(autoDriveURIScheme) else { return nil }
        let cid: AutoDriveCID
        do {
            cid = try AutoDriveCID(parsing: String(uri.dropFirst(autoDriveURIScheme.count)))
        } catch {
            throw ManifestError(source: source, location: "\(path).uri", detail: "not an Auto Drive CID: \(error.detail)")
        }
        if let base = Subject.autoDriveName(forSubject: name), base.utf8.count > FileCIDBuilder.maxNameBytes {
            throw ManifestError(
                source: source, location: "\(path).uri",
                detail: "an Auto Drive CID for a name of \(base.utf8.count) bytes, which Auto Drive does not record (at most \(FileCIDBuilder.maxNameBytes))")
        }
        return cid
    }
}
