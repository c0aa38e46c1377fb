import AutoIDVerdict
import ArgumentParser
import AutoIDFiles
import AutoIDIdentity
import AutoIDJSON
import AutoIDManifest
import AutoIDProvenance
import Foundation

/// `autoid-verify identity`: show an Auto ID and check its chain to trusted roots.
struct VerifyIdentity: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "identity",
        abstract: "Show an Auto ID and verify its certificate chain against trust roots.",
        discussion: """
            CERT is a PEM file with the Auto ID first and, optionally, the certificates that issued it after \
            it (or DER with one certificate); --chain adds more intermediates. Prints the identifier (derived \
            as the Auto ID registry does), kind, AI model, issuer, validity, key type and linked identities. \
            With --trust (a PEM file, or a folder of .pem/.crt files), the chain is verified: validity \
            windows, basic constraints, key usage, path length and signatures (RSA, ECDSA, Ed25519); the \
            verdict names the first failing link. Each --crl (an issuer's signed revocation list, as \
            'autoid-sign revoke' writes) is checked against its issuer in the chain: signature, dates, and \
            whether it revokes the certificate below. Without --trust nothing is trusted and the output \
            says so. Each --attestation (see 'autoid-sign attest') counts as a personhood factor when its \
            attester chains to the same trust roots, it names this Auto ID and key, it is current, and an \
            email or uri factor is one this Auto ID claims; --require-factors N fails (exit status 2) with \
            fewer than N distinct factors.

            Exit status: 0 shown, or trusted; 1 a signature in the chain is bad; 2 not trusted (expired, \
            unknown issuer, not a CA, revoked...); 3 malformed certificate; 4 I/O error; 64 usage error.
            """)

    @Argument(help: ArgumentHelp("The Auto ID certificate (PEM or DER).", valueName: "cert"))
    var certificate: String

    @Option(help: ArgumentHelp("Trusted root certificates: a PEM file or a folder of them.", valueName: "path"))
    var trust: String?

    @Option(help: ArgumentHelp("More intermediate certificates (PEM); repeat for several files.", valueName: "file"))
    var chain: [String] = []

    @Option(name: .customLong("crl"), help: ArgumentHelp("A revocation list from an issuer in the chain; repeat for several.", valueName: "file"))
    var revocationLists: [String] = []

    @Option(name: .customLong("attestation"), help: ArgumentHelp("A personhood attestation about this Auto ID; repeat for several.", valueName: "file"))
    var attestations: [String] = []

    @Option(help: ArgumentHelp("Require this many distinct personhood factors attested by trusted Auto IDs.", valueName: "n"))
    var requireFactors: Int?

    @Option(help: ArgumentHelp("Verify as of this time (RFC 3339, e.g. 2026-01-01T00:00:00Z) instead of now.", valueName: "time"))
    var at: String?

    @Flag(help: "Print a JSON report on standard output.")
    var json = false

    @Flag(name: .shortAndLong, help: "Print the cause of errors in full.")
    var verbose = false

    func validate() throws {
        if (requireFactors != nil || !attestations.isEmpty) && trust == nil {
            throw ValidationError("Personhood attestations are only checked against --trust roots; give --trust.")
        }
        if let requireFactors, requireFactors < 1 { throw ValidationError("--require-factors must be at least 1.") }
    }

    func run() throws {
        var status = ExitStatus.ok
        try reportingErrors(tool: "autoid-verify", verbose: verbose) {
            let time: Date
            if let at {
                guard let parsed = ISO8601DateFormatter().date(from: at) else {
                    throw ValidationError("--at '\(at)' is not an RFC 3339 time such as 2026-01-01T00:00:00Z.")
                }
                time = parsed
            } else {
                time = Date()
            }
            let bundle = try AutoIDFile.load(path: certificate)
            let intermediates = Array(bundle.dropFirst()) + (try chain.flatMap { try AutoIDFile.load(path: $0) })
            var subject = AutoIDChainVerifier.resolveIdentifiers(bundle)[0]
            var verdict: ChainVerdict?
            if let trust {
                let roots = try Self.loadRoots(trust)
                let leaf = subject
                var result = Self.await { await AutoIDChainVerifier.verify(leaf: leaf, intermediates: intermediates, trustRoots: roots, at: time) }
                if let path = result.chain, !revocationLists.isEmpty {
                    let lists = try revocationLists.map { (try RevocationList.load(path: $0), $0) }
                    do {
                        try RevocationList.check(chain: path, lists: lists, at: time)
                    } catch let error as IdentityError {
                        result = .rejected(error)
                    }
                }
                verdict = result
                if let path = result.chain, let resolved = path.first { subject = resolved }
                if let error = result.error { status = ExitStatus.forError(error) }
            }
            var factorResults: [PersonhoodPolicy.Result] = []
            var factorLines: [String] = []
            if !attestations.isEmpty || requireFactors != nil, let trust, verdict?.isTrusted == true {
                let roots = try Self.loadRoots(trust)
                let envelopes = try attestations.map { path in
                    (try Envelope(jsonBytes: try SmallFile.read(path: path, limit: 1 << 20), source: path), path)
                }
                let checkedSubject = subject
                factorResults = Self.await { await PersonhoodPolicy.evaluate(subject: checkedSubject, attestations: envelopes, trustRoots: roots, at: time) }
                for result in factorResults {
                    let what = result.factor.map { "\($0)" } ?? "?"
                    if let rejection = result.rejection {
                        factorLines.append("factor         \(what): not counted (\(result.source): \(rejection))")
                    } else {
                        factorLines.append("factor         \(what): attested by '\(result.attester ?? "?")'")
                    }
                }
                let count = PersonhoodPolicy.distinctFactors(factorResults)
                if let requireFactors {
                    let met = count >= requireFactors
                    factorLines.append("personhood     \(count) of \(requireFactors) required factors" + (met ? "" : ": NOT MET"))
                    if !met && status == .ok { status = .untrusted }
                }
            }
            if json {
                var object = Self.describe(subject)
                if !factorResults.isEmpty || requireFactors != nil {
                    object["factors"] = .array(factorResults.map { result in
                        .object([
                            "attestation": .string(result.source),
                            "factor": result.factor.map { .string("\($0)") } ?? .null,
                            "attester": result.attester.map { .string($0) } ?? .null,
                            "counted": .bool(result.rejection == nil),
                            "reason": result.rejection.map { .string($0) } ?? .null,
                        ])
                    })
                    object["distinctFactors"] = .integer(PersonhoodPolicy.distinctFactors(factorResults))
                    if let requireFactors { object["requiredFactors"] = .integer(requireFactors) }
                }
                if let verdict {
                    object["trusted"] = .bool(verdict.isTrusted)
                    if let error = verdict.error { object["failure"] = .string(error.description) }
                    if let path = verdict.chain { object["chain"] = .array(path.map { .string($0.commonName) }) }
                } else {
                    object["trusted"] = .null
                }
                object["exitCode"] = .integer(status.rawValue)
                try Console.writeOut(JSONValue.object(object).jsonBytes(pretty: true) + [0x0a])
            } else {
                for line in Self.lines(subject) { try Console.printOut(line) }
                switch verdict {
                case nil: try Console.printOut("trust          not checked (give --trust ROOTS to verify the chain)")
                case .trusted(let path)?: try Console.printOut("trust          TRUSTED via " + path.map { "'\($0.commonName)'" }.joined(separator: " -> "))
                case .rejected(let error)?: try Console.printOut("trust          NOT TRUSTED: \(error.detail) [\(error.source)]")
                }
                for line in factorLines { try Console.printOut(line) }
            }
        }
        if status != .ok { throw status.exitCode }
    }

    static func loadRoots(_ path: String) throws -> [AutoID] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw FileError(code: .notFound, operation: "open", path: path)
        }
        guard isDirectory.boolValue else { return try AutoIDFile.load(path: path) }
        let names = try FileManager.default.contentsOfDirectory(atPath: path).sorted()
            .filter { $0.hasSuffix(".pem") || $0.hasSuffix(".crt") || $0.hasSuffix(".cer") }
        return try names.flatMap { try AutoIDFile.load(path: path + "/" + $0) }
    }

    static func lines(_ id: AutoID) -> [String] {
        var lines = [
            "identifier     \(id.identifier?.hex ?? "unknown (issuer chain not given)")",
            "name           \(id.commonName)",
            "kind           \(id.kind?.name ?? "not stated")",
        ]
        if let model = id.model { lines.append("model          \(model)") }
        lines += [
            "issuer         \(id.isSelfIssued ? "self (root)" : id.issuerCommonName ?? id.issuerName)",
            "valid          \(id.notValidBefore.ISO8601Format()) to \(id.notValidAfter.ISO8601Format())",
            "key            \(id.keyType)",
            "serial         \(id.serialNumberHex)",
            "authority      \(id.isCertificateAuthority ? "may issue Auto IDs" + (id.pathLengthConstraint.map { " (path length \($0))" } ?? "") : "no")",
        ]
        for link in id.linkedIdentities { lines.append("linked         \(link)") }
        return lines
    }

    static func describe(_ id: AutoID) -> [String: JSONValue] {
        var object: [String: JSONValue] = [
            "identifier": id.identifier.map { .string($0.hex) } ?? .null,
            "name": .string(id.commonName),
            "kind": id.kind.map { .string($0.name) } ?? .null,
            "issuer": .string(id.issuerCommonName ?? id.issuerName),
            "selfIssued": .bool(id.isSelfIssued),
            "notValidBefore": .string(id.notValidBefore.ISO8601Format()),
            "notValidAfter": .string(id.notValidAfter.ISO8601Format()),
            "keyType": .string(id.keyType.description),
            "serial": .string(id.serialNumberHex),
            "certificateAuthority": .bool(id.isCertificateAuthority),
            "linkedIdentities": .array(id.linkedIdentities.map { .string($0.description) }),
        ]
        if let model = id.model {
            object["model"] = .object([
                "provider": .string(model.provider), "name": .string(model.modelName),
                "version": model.modelVersion.map { .string($0) } ?? .null,
            ])
        }
        return object
    }

    /// Runs async library work from this synchronous command and waits for it.
    static func await<T: Sendable>(_ body: @escaping @Sendable () async -> T) -> T {
        let box = ResultBox<T>()
        let done = DispatchSemaphore(value: 0)
        Task {
            box.value = await body()
            done.signal()
        }
        done.wait()
        return box.value!
    }
}

private final class ResultBox<T>: @unchecked Sendable {
    var value: T?
}
