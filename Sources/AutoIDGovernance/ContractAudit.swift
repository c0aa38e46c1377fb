import AutoIDHashing
public import AutoIDIdentity
import AutoIDJSON
public import AutoIDManifest
public import AutoIDReports
import AutoIDSigning
public import FoundationEssentials

/// `state-audit contracts`: every deployed contract's code must have the required number of distinct
/// reviewer approvals (reviewers' Auto IDs under the governance roots) and of security audits (auditors'
/// Auto IDs under the auditor roots), each a signed ``ContractReview`` of its code hash.
public struct ContractAudit: Sendable {
    public var governanceRoots: [AutoID]
    public var auditorRoots: [AutoID]
    public var revocationLists: [(list: RevocationList, source: String)]
    public var requiredApprovals: Int
    public var requiredAudits: Int
    public var time: Date

    public init(
        governanceRoots: [AutoID], auditorRoots: [AutoID], revocationLists: [(list: RevocationList, source: String)] = [],
        requiredApprovals: Int = 2, requiredAudits: Int = 1, time: Date = Date()
    ) {
        self.governanceRoots = governanceRoots
        self.auditorRoots = auditorRoots
        self.revocationLists = revocationLists
        self.requiredApprovals = requiredApprovals
        self.requiredAudits = requiredAudits
        self.time = time
    }

    /// Checks `reviews` and then every contract in `contracts`; `problems` (from reading the contracts)
    /// come first in the report.
    public func run(contracts: [DeployedContract], problems: [AuditCheck] = [], reviews: [(envelope: Envelope, source: String)]) async -> AuditReport {
        var checks = problems
        // Valid approvals: code hash -> kind -> attesters' keys (distinct attesters count once).
        var approvals: [String: [ContractReview.Kind: Set<[UInt8]>]] = [:]
        for (envelope, source) in reviews {
            switch await check(envelope, source: source) {
            case .rejected(let reason):
                checks.append(AuditCheck(name: "review \(source)", failure: "not counted: \(reason)"))
            case .verified(let review, let attester):
                let what = review.kind == .review ? "review" : "security audit"
                guard review.approved else {
                    checks.append(AuditCheck(name: "review \(source): '\(attester.shownName)' rejects code 0x\(review.codeHash) (\(what))"))
                    continue
                }
                let fresh = approvals[review.codeHash, default: [:]][review.kind, default: []].insert(attester.subjectPublicKeyInfo).inserted
                checks.append(
                    AuditCheck(
                        name: "review \(source): '\(attester.shownName)' approves code 0x\(review.codeHash) (\(what))"
                            + (fresh ? "" : "; counted once: the same attester approved it already")))
            }
        }
        var lacking = 0
        for contract in contracts {
            let hash = Hex.encode(contract.codeHash)
            let reviewers = approvals[hash]?[.review]?.count ?? 0
            let auditors = approvals[hash]?[.securityAudit]?.count ?? 0
            var missing: [String] = []
            if reviewers < requiredApprovals { missing.append("\(reviewers) of \(requiredApprovals) distinct reviewer approvals") }
            if auditors < requiredAudits { missing.append("\(auditors) of \(requiredAudits) security audit(s)") }
            if !missing.isEmpty { lacking += 1 }
            checks.append(
                AuditCheck(
                    name: "\(contract.name): \(requiredApprovals) reviewer approval(s) and \(requiredAudits) security audit(s)",
                    failure: missing.isEmpty ? nil : "only " + missing.joined(separator: " and "),
                    detail: missing.isEmpty ? nil : "deploy no code without community review and a security audit"))
        }
        let lines = [
            "contracts      \(contracts.count) deployed, \(Set(contracts.map(\.codeHash)).count) distinct code hash(es), \(lacking) lacking approval",
            "reviews        \(reviews.count) given",
            "required       \(requiredApprovals) distinct reviewer approval(s), \(requiredAudits) security audit(s) per code hash",
        ]
        let fields: [String: JSONValue] = [
            "contracts": .array(
                contracts.map { contract in
                    let hash = Hex.encode(contract.codeHash)
                    return .object([
                        "address": contract.address.map { .string("0x" + Hex.encode($0)) } ?? .null, "codeHash": .string("0x" + hash),
                        "approvals": .integer(approvals[hash]?[.review]?.count ?? 0), "audits": .integer(approvals[hash]?[.securityAudit]?.count ?? 0),
                    ])
                }),
            "lacking": .integer(lacking), "requiredApprovals": .integer(requiredApprovals), "requiredAudits": .integer(requiredAudits),
        ]
        return AuditReport(fields: fields, lines: lines, checks: checks)
    }

    /// The review and its attester when it verifies, else why not.
    func check(_ envelope: Envelope, source: String) async -> Outcome {
        let review: ContractReview
        do {
            review = try ContractReview(envelope: envelope, source: source)
        } catch {
            return .rejected("\(error)")
        }
        let chain: [AutoID]
        do {
            chain = try review.attesterCertificates.map { try AutoID(derEncoded: $0, source: "\(source): attester certificate") }
        } catch {
            return .rejected("\(error)")
        }
        let attester = chain[0]
        guard let key = try? KeyEncoding.publicKey(from: attester.subjectPublicKeyInfo, source: attester.commonName),
            case .valid = ContentVerifier.checkSignature(envelope, key: key)
        else {
            return .rejected("the signature does not verify with the key of '\(attester.shownName)' (forged or altered)")
        }
        let roots = review.kind == .review ? governanceRoots : auditorRoots
        let role = review.kind == .review ? "a reviewer under the governance roots" : "an auditor under the auditor roots"
        let verdict = await AutoIDChainVerifier.verify(leaf: attester, intermediates: Array(chain.dropFirst()), trustRoots: roots, at: time)
        if let error = verdict.error {
            return .rejected("'\(attester.shownName)' is not \(role): \(error.detail)")
        }
        if let path = verdict.chain, !revocationLists.isEmpty {
            do {
                try RevocationList.check(chain: path, lists: revocationLists, at: time)
            } catch {
                return .rejected("'\(attester.shownName)' is revoked: \(error)")
            }
        }
        return .verified(review, attester)
    }

    /// What became of one attestation.
    enum Outcome {
        case verified(ContractReview, AutoID)
        case rejected(String)
    }
}
