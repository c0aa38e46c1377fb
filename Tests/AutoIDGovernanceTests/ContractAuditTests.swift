import AutoIDGovernance
import AutoIDHashing
import AutoIDIdentity
import AutoIDJSON
import AutoIDManifest
import AutoIDReports
import AutoIDSigning
import AutoIDState
import Foundation
import Testing

@Suite("state-audit contracts: deployed code against reviews and security audits")
struct ContractAuditTests {
    static let start = Date(timeIntervalSince1970: 1_735_689_600)
    static let end = Date(timeIntervalSince1970: 1_893_456_000)

    @Test("Keccak-256 gives the published and pycryptodome answers (scripts/keccak-vectors.py)")
    func keccak() {
        #expect(Hex.encode(Keccak256.hash([])) == "c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470")
        #expect(Hex.encode(Keccak256.hash(Array("abc".utf8))) == "4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45")
        #expect(Hex.encode(Keccak256.hash(Array(0...255) + Array(0...255))) == "f55ba327291604f0e5be6651752398b7be2331aad65f5763ce067df95cc13be1")
        #expect(Hex.encode(Keccak256.hash([UInt8](repeating: 0x60, count: 135))) == "eb7dd72eb3df26f53a42aa21b6d299b1eb734b62d2ed2f0b1ee275340d33bf18")
        #expect(Hex.encode(Keccak256.hash([UInt8](repeating: 0x60, count: 136))) == "ecf95229c3e772b477c301cf52d3551ba517bc13d8f19d541b980f81d6c01f60")
    }

    /// A governance root with three reviewers, an auditing firm with one auditor, and another root.
    struct Fixture {
        let governanceKey = Ed25519PrivateKey()
        let firmKey = Ed25519PrivateKey()
        let otherKey = Ed25519PrivateKey()
        let governance: AutoID
        let firm: AutoID
        let other: AutoID
        var reviewers: [(AutoID, Ed25519PrivateKey)] = []
        let auditor: (AutoID, Ed25519PrivateKey)
        let outsider: (AutoID, Ed25519PrivateKey)

        init() throws {
            governance = try AutoIDIssuer.issueRoot(
                subjectCommonName: "AutoCo Governance", kind: .organisation, key: governanceKey, notValidBefore: start, notValidAfter: end)
            firm = try AutoIDIssuer.issueRoot(subjectCommonName: "Audit Firm", kind: .organisation, key: firmKey, notValidBefore: start, notValidAfter: end)
            other = try AutoIDIssuer.issueRoot(subjectCommonName: "Elsewhere", kind: .organisation, key: otherKey, notValidBefore: start, notValidAfter: end)
            func leaf(_ issuer: AutoID, _ issuerKey: Ed25519PrivateKey, _ name: String) throws -> (AutoID, Ed25519PrivateKey) {
                let key = Ed25519PrivateKey()
                return (
                    try AutoIDIssuer.issueLeaf(
                        issuer: issuer, issuerKey: issuerKey, subjectPublicKey: key.publicKey, subjectCommonName: name, kind: .human,
                        notValidBefore: start, notValidAfter: end), key
                )
            }
            for name in ["R1", "R2", "R3"] { reviewers.append(try leaf(governance, governanceKey, name)) }
            auditor = try leaf(firm, firmKey, "Auditor")
            outsider = try leaf(other, otherKey, "Outsider")
        }

        func review(_ code: [UInt8], by signer: (AutoID, Ed25519PrivateKey), issuer: AutoID, kind: ContractReview.Kind = .review) -> Envelope {
            ContractReview.make(codeHash: Keccak256.hash(code), kind: kind, issued: start, attester: [signer.0, issuer], key: signer.1)
        }

        func audit() -> ContractAudit {
            ContractAudit(governanceRoots: [governance], auditorRoots: [firm], time: start.addingTimeInterval(86_400))
        }
    }

    static let tokenCode: [UInt8] = [0x60, 0x80, 0x60, 0x40, 0x52] + Array(repeating: 0x00, count: 200)
    static let vaultCode: [UInt8] = [0x60, 0x80, 0x60, 0x40, 0x52, 0x34, 0x80, 0x15]
    static let tokenAddress = [UInt8](repeating: 0xaa, count: 20)
    static let vaultAddress = [UInt8](repeating: 0xbb, count: 20)

    /// pallet-evm storage for the two contracts, metadata for the token only.
    static func evmPairs(metadataHash: [UInt8]? = nil) -> [([UInt8], [UInt8])] {
        func key(_ item: String, _ address: [UInt8]) -> [UInt8] {
            StorageHashing.storagePrefix(pallet: "EVM", item: item) + StorageHasher.blake2_128Concat.hash(address)
        }
        var size = SCALEEncoder()
        size.appendLittleEndian(UInt64(tokenCode.count))
        return [
            (key("AccountCodes", tokenAddress), SCALEEncoder.encode(tokenCode)), (key("AccountCodes", vaultAddress), SCALEEncoder.encode(vaultCode)),
            (key("AccountCodesMetadata", tokenAddress), size.bytes + (metadataHash ?? Keccak256.hash(tokenCode))),
        ]
    }

    func check(_ report: AuditReport, _ prefix: String) -> AuditCheck? { report.checks.first { $0.name.hasPrefix(prefix) } }

    @Test("approved code passes; a missing approval, the same reviewer twice and a reviewer under the wrong issuer do not count")
    func approvals() async throws {
        let f = try Fixture()
        let deployed = DeployedContracts.read(pairs: Self.evmPairs())
        #expect(deployed.problems.isEmpty, "\(deployed.problems)")
        #expect(deployed.contracts.map(\.codeHash) == [Keccak256.hash(Self.tokenCode), Keccak256.hash(Self.vaultCode)])
        let reviews = [
            f.review(Self.tokenCode, by: f.reviewers[0], issuer: f.governance), f.review(Self.tokenCode, by: f.reviewers[1], issuer: f.governance),
            f.review(Self.tokenCode, by: f.auditor, issuer: f.firm, kind: .securityAudit),
            // The vault: R1 twice, an outsider under another root, and its audit.
            f.review(Self.vaultCode, by: f.reviewers[0], issuer: f.governance), f.review(Self.vaultCode, by: f.reviewers[0], issuer: f.governance),
            f.review(Self.vaultCode, by: f.outsider, issuer: f.other), f.review(Self.vaultCode, by: f.auditor, issuer: f.firm, kind: .securityAudit),
        ]
        let report = await f.audit().run(contracts: deployed.contracts, problems: deployed.problems, reviews: reviews.enumerated().map { ($1, "r\($0).json") })
        #expect(check(report, "contract 0x\(Hex.encode(Self.tokenAddress))")?.passed == true)
        let vault = try #require(check(report, "contract 0x\(Hex.encode(Self.vaultAddress))")?.failure)
        #expect(vault == "only 1 of 2 distinct reviewer approvals")
        #expect(check(report, "review r4.json")?.name.contains("counted once") == true)
        #expect(check(report, "review r5.json")?.failure?.contains("'Outsider' is not a reviewer under the governance roots") == true)
        // An auditor's approval is not a reviewer's, and a reviewer's is not an audit.
        let swapped = await f.audit().run(
            contracts: [DeployedContract(address: nil, codeHash: Keccak256.hash(Self.tokenCode))],
            reviews: [
                (f.review(Self.tokenCode, by: f.auditor, issuer: f.firm, kind: .review), "a.json"),
                (f.review(Self.tokenCode, by: f.reviewers[2], issuer: f.governance, kind: .securityAudit), "b.json"),
            ])
        #expect(check(swapped, "review a.json")?.passed == false)
        #expect(check(swapped, "review b.json")?.passed == false)
        #expect(check(swapped, "(code 0x")?.failure == "only 0 of 2 distinct reviewer approvals and 0 of 1 security audit(s)")
    }

    @Test("a forged review does not count; metadata that contradicts the code is reported")
    func forgeryAndMetadata() async throws {
        let f = try Fixture()
        let good = f.review(Self.tokenCode, by: f.reviewers[0], issuer: f.governance)
        let forged = Envelope(
            payloadType: good.payloadType,
            payload: Array(
                String(decoding: good.payload, as: UTF8.self).replacingOccurrences(
                    of: Hex.encode(Keccak256.hash(Self.tokenCode)), with: Hex.encode(Keccak256.hash(Self.vaultCode))
                ).utf8),
            signatures: good.signatures)
        let report = await f.audit().run(contracts: [], reviews: [(forged, "f.json")])
        #expect(check(report, "review f.json")?.failure?.contains("forged") == true)
        let wrong = DeployedContracts.read(pairs: Self.evmPairs(metadataHash: [UInt8](repeating: 7, count: 32)))
        #expect(wrong.problems.first?.failure?.contains("the code has 205 bytes") == true)
    }

    @Test("lists read strictly")
    func lists() throws {
        let hash = "0x" + String(repeating: "ab", count: 32)
        let read = try DeployedContracts.read(list: Array("# deployed\n\(hash)\n0x\(String(repeating: "cd", count: 20)) \(hash)\n\n".utf8), source: "l")
        #expect(read.count == 2)
        for bad in ["0x12", "\(hash) \(hash) x", "0xzz\(String(repeating: "ab", count: 31))"] {
            #expect(throws: ManifestError.self) { _ = try DeployedContracts.read(list: Array(bad.utf8), source: "l") }
        }
    }
}
