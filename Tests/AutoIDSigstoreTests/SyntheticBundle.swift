import AutoIDHashing
import AutoIDJSON
import AutoIDLog
import AutoIDSigning
import AutoIDSigstore
import Crypto
import Foundation

/// A Sigstore bundle made here, from our own keys and our own tiny log: a P-256 signer and an Ed25519
/// log that signs its checkpoint as Rekor v2 does. Lets every path run without the shared vectors,
/// including DSSE envelopes, and lets tests change one part at a time.
struct SyntheticBundle {
    static let origin = "log.example.org/test"
    let signer = P256.Signing.PrivateKey()
    let logKey: Ed25519PrivateKey
    let artifact: [UInt8]
    /// Entries of the log before ours, so that the proof has hashes.
    let otherEntries = 12

    init(artifact: [UInt8] = Array("release 1.0 of something\n".utf8), seed: UInt8 = 7) throws {
        self.artifact = artifact
        logKey = try Ed25519PrivateKey(seed: [UInt8](repeating: seed, count: 32))
    }

    /// The signer's public key, PEM.
    var signerPEM: String { signer.publicKey.pemRepresentation }

    /// The log's public key as PEM SubjectPublicKeyInfo (Ed25519).
    var logPEM: String {
        let der = [0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00] + logKey.publicKey.rawRepresentation
        return "-----BEGIN PUBLIC KEY-----\n\(Base64.encode(der))\n-----END PUBLIC KEY-----\n"
    }

    /// Rekor v2's log ID: SHA-256(origin || 0x0A || 0x01 || key), whose first 4 bytes are the key hint.
    var logID: [UInt8] { SHA256Hasher.hash(Array(Self.origin.utf8) + [0x0a, 0x01] + logKey.publicKey.rawRepresentation) }

    /// A trusted root that holds only this log.
    var trustedRoot: [UInt8] {
        let der = [0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00] + logKey.publicKey.rawRepresentation
        return JSONValue.object([
            "mediaType": .string("application/vnd.dev.sigstore.trustedroot+json;version=0.1"),
            "tlogs": .array([
                .object([
                    "baseUrl": .string("https://" + Self.origin),
                    "publicKey": .object(["rawBytes": .string(Base64.encode(der)), "keyDetails": .string("PKIX_ED25519")]),
                    "logId": .object(["keyId": .string(Base64.encode(logID))]),
                ])
            ]),
        ]).jsonBytes()
    }

    var verifier: JSONValue {
        .object([
            "publicKey": .object(["rawBytes": .string(Base64.encode(signer.publicKey.derRepresentation))]), "keyDetails": .string("PKIX_ECDSA_P256_SHA_256"),
        ])
    }

    /// A message-signature bundle (hashedrekord 0.0.2).
    func messageBundle() throws -> [UInt8] {
        let digest = SHA256.hash(data: artifact)
        let signature = try signer.signature(for: digest).derRepresentation
        let body = JSONValue.object([
            "apiVersion": .string("0.0.2"), "kind": .string("hashedrekord"),
            "spec": .object([
                "hashedRekordV002": .object([
                    "data": .object(["algorithm": .string("SHA2_256"), "digest": .string(Base64.encode(Array(digest)))]),
                    "signature": .object(["content": .string(Base64.encode(Array(signature))), "verifier": verifier]),
                ])
            ]),
        ]).jsonBytes()
        return try bundle(
            body: body, kind: "hashedrekord",
            content: (
                "messageSignature",
                .object([
                    "messageDigest": .object(["algorithm": .string("SHA2_256"), "digest": .string(Base64.encode(Array(digest)))]),
                    "signature": .string(Base64.encode(Array(signature))),
                ])
            ))
    }

    /// A DSSE bundle (dsse 0.0.2) whose in-toto statement names the artifact's SHA-256.
    func dsseBundle(subjectDigest: [UInt8]? = nil) throws -> [UInt8] {
        let statement = JSONValue.object([
            "_type": .string("https://in-toto.io/Statement/v1"),
            "subject": .array([
                .object([
                    "name": .string("artifact.txt"), "digest": .object(["sha256": .string(Hex.encode(subjectDigest ?? Array(SHA256.hash(data: artifact))))]),
                ])
            ]),
            "predicateType": .string("https://slsa.dev/provenance/v1"),
            "predicate": .object([:]),
        ]).jsonBytes()
        let type = "application/vnd.in-toto+json"
        let pae = Array("DSSEv1 \(type.utf8.count) \(type) \(statement.count) ".utf8) + statement
        let signature = try signer.signature(for: pae).derRepresentation
        let body = JSONValue.object([
            "apiVersion": .string("0.0.2"), "kind": .string("dsse"),
            "spec": .object([
                "dsseV002": .object([
                    "payloadHash": .object(["algorithm": .string("SHA2_256"), "digest": .string(Base64.encode(SHA256Hasher.hash(statement)))]),
                    "signatures": .array([.object(["content": .string(Base64.encode(Array(signature))), "verifier": verifier])]),
                ])
            ]),
        ]).jsonBytes()
        return try bundle(
            body: body, kind: "dsse",
            content: (
                "dsseEnvelope",
                .object([
                    "payload": .string(Base64.encode(statement)), "payloadType": .string(type),
                    "signatures": .array([.object(["sig": .string(Base64.encode(Array(signature))), "keyid": .string("")])]),
                ])
            ))
    }

    /// The bundle around `body`, logged at index `otherEntries` of a log of `otherEntries + 3` entries.
    private func bundle(body: [UInt8], kind: String, content: (String, JSONValue)) throws -> [UInt8] {
        var leaves = (0..<otherEntries).map { MerkleTree.leafHash(Array("entry \($0)".utf8)) }
        leaves.append(MerkleTree.leafHash(body))
        leaves += (0..<2).map { MerkleTree.leafHash(Array("later \($0)".utf8)) }
        let index = UInt64(otherEntries)
        let proof = try require(InclusionProof.generate(leafIndex: index, leaves: leaves), "proof")
        let root = MerkleTree.root(leafHashes: leaves)
        let checkpoint = try Checkpoint(origin: Self.origin, size: UInt64(leaves.count), root: root)
        let note = try SignedNote(text: checkpoint.text, signatures: [])
            .adding(try NoteSigner(name: Self.origin, type: .ed25519, privateKey: logKey).sign(text: checkpoint.text, timestamp: 0))
        return JSONValue.object([
            "mediaType": .string("application/vnd.dev.sigstore.bundle.v0.3+json"),
            "verificationMaterial": .object([
                "publicKey": .object(["hint": .string("test key")]),
                "tlogEntries": .array([
                    .object([
                        "logIndex": .string(String(index)),
                        "logId": .object(["keyId": .string(Base64.encode(logID))]),
                        "kindVersion": .object(["kind": .string(kind), "version": .string("0.0.2")]),
                        "inclusionProof": .object([
                            "logIndex": .string(String(index)), "rootHash": .string(root.base64), "treeSize": .string(String(leaves.count)),
                            "hashes": .array(proof.hashes.map { .string($0.base64) }),
                            "checkpoint": .object(["envelope": .string(String(decoding: note.bytes, as: UTF8.self))]),
                        ]),
                        "canonicalizedBody": .string(Base64.encode(body)),
                    ])
                ]),
            ]),
            content.0: content.1,
        ]).jsonBytes()
    }
}

/// `#require` outside a test function: throws when nil.
func require<T>(_ value: T?, _ what: String = "value") throws -> T {
    guard let value else { throw RequireError(what: what) }
    return value
}

struct RequireError: Error { var what: String }
