import AutoIDHashing
public import AutoIDJSON
public import AutoIDSigning

/// A DSSE envelope (Dead Simple Signing Envelope, v1): a typed payload and the signatures over it.
///
/// Signatures cover the pre-authentication encoding ``preAuthenticationEncoding(payloadType:payload:)``
/// of the type and the payload bytes, never the JSON around them. Several signatures on one envelope are
/// co-signatures. A `keyid` is a hint for finding the key, never grounds for trust.
public struct Envelope: Sendable, Equatable {
    /// One signature and its key hint.
    public struct Signature: Sendable, Equatable {
        /// Hint for which key made the signature; may be empty.
        public var keyID: String
        /// The raw signature bytes.
        public var signature: [UInt8]

        public init(keyID: String, signature: [UInt8]) {
            self.keyID = keyID
            self.signature = signature
        }
    }

    /// The media type of the payload, such as `application/vnd.in-toto+json`.
    public var payloadType: String
    /// The payload bytes exactly as signed.
    public var payload: [UInt8]
    /// The signatures, in order.
    public var signatures: [Signature]

    public init(payloadType: String, payload: [UInt8], signatures: [Signature] = []) {
        self.payloadType = payloadType
        self.payload = payload
        self.signatures = signatures
    }

    /// `PAE(type, body) = "DSSEv1" SP LEN(type) SP type SP LEN(body) SP body`, lengths in ASCII decimal.
    public static func preAuthenticationEncoding(payloadType: String, payload: [UInt8]) -> [UInt8] {
        let type = Array(payloadType.utf8)
        var out = Array("DSSEv1 \(type.count) ".utf8)
        out += type
        out += Array(" \(payload.count) ".utf8)
        out += payload
        return out
    }

    /// The bytes every signature in this envelope signs.
    public var signedBytes: [UInt8] {
        Self.preAuthenticationEncoding(payloadType: payloadType, payload: payload)
    }

    /// Adds a signature by `key`, with the key's ``Ed25519PublicKey/keyID`` as hint.
    public mutating func sign(with key: Ed25519PrivateKey) {
        signatures.append(Signature(keyID: key.publicKey.keyID, signature: key.signature(for: signedBytes)))
    }
}

// MARK: - JSON

extension Envelope {
    /// Envelopes are small; anything larger than this is refused before parsing.
    public static let sizeLimit = 64 * 1024 * 1024

    /// The envelope as JSON: `{"payload", "payloadType", "signatures": [{"keyid", "sig"}]}`, keys sorted,
    /// with a trailing newline.
    public func jsonBytes() -> [UInt8] {
        let object: JSONValue = .object([
            "payloadType": .string(payloadType),
            "payload": .string(Base64.encode(payload)),
            "signatures": .array(signatures.map { .object(["keyid": .string($0.keyID), "sig": .string(Base64.encode($0.signature))]) }),
        ])
        return object.jsonBytes() + [0x0a]
    }

    /// Parses an envelope from JSON, naming `source` and the JSON path of anything wrong.
    public init(jsonBytes bytes: [UInt8], source: String) throws {
        guard bytes.count <= Self.sizeLimit else {
            throw ManifestError(source: source, detail: "larger than the \(Self.sizeLimit)-byte limit for an envelope")
        }
        guard !bytes.isEmpty else {
            throw ManifestError(source: source, detail: "the file is empty; expected a DSSE envelope")
        }
        let root: JSONValue
        do {
            root = try JSONParser.parse(bytes)
        } catch {
            // Only an error at the very end suggests a cut-off file; any other is what it says.
            let hint = error.offset >= bytes.count ? " (the file ends too early: truncated?)" : ""
            throw ManifestError(source: source, detail: "not a DSSE envelope: \(error)\(hint)")
        }
        guard case .object(let members) = root else {
            throw ManifestError(source: source, location: "$", detail: "expected a JSON object (a DSSE envelope)")
        }
        payloadType = try Self.string(members, "payloadType", at: "$", source: source)
        let payloadText = try Self.string(members, "payload", at: "$", source: source)
        guard let payload = Base64.decode(payloadText) else {
            throw ManifestError(source: source, location: "$.payload", detail: "not valid base64")
        }
        self.payload = payload
        guard case .array(let list)? = members["signatures"] else {
            throw ManifestError(source: source, location: "$.signatures", detail: "missing or not a list")
        }
        guard !list.isEmpty else {
            throw ManifestError(source: source, location: "$.signatures", detail: "the envelope is not signed (no signatures)")
        }
        signatures = try list.enumerated().map { index, element in
            let path = "$.signatures[\(index)]"
            guard case .object(let item) = element else {
                throw ManifestError(source: source, location: path, detail: "expected an object")
            }
            var keyID = ""
            if let value = item["keyid"], value != .null {
                guard let text = value.stringValue else {
                    throw ManifestError(source: source, location: "\(path).keyid", detail: "expected a string")
                }
                keyID = text
            }
            let sigText = try Self.string(item, "sig", at: path, source: source)
            guard let sig = Base64.decode(sigText) else {
                throw ManifestError(source: source, location: "\(path).sig", detail: "not valid base64")
            }
            return Signature(keyID: keyID, signature: sig)
        }
    }

    private static func string(_ object: [String: JSONValue], _ key: String, at path: String, source: String) throws -> String {
        guard let value = object[key] else {
            throw ManifestError(source: source, location: "\(path).\(key)", detail: "missing")
        }
        guard let text = value.stringValue else {
            throw ManifestError(source: source, location: "\(path).\(key)", detail: "expected a string")
        }
        return text
    }
}

extension Envelope {
    /// The payload as JSON, for envelopes whose payload is itself the document (attestations, ballots,
    /// journals, reviews): refused unless the payload type is `payloadType`; `what` names the expected
    /// document in the error ("a ballot"). The signature is not checked here.
    public func jsonPayload(expecting payloadType: String, what: String, source: String) throws(ManifestError) -> JSONValue {
        guard self.payloadType == payloadType else {
            throw ManifestError(source: source, location: "$.payloadType", detail: "not \(what) ('\(self.payloadType.prefix(80))')")
        }
        do {
            return try JSONParser.parse(payload)
        } catch {
            throw ManifestError(source: source, location: "payload", detail: "\(error)")
        }
    }
}
