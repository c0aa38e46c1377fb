public import AutoIDReports

extension RegistryAuditReport {
    /// The findings as report checks, in the same order: named `SUBJECT RULE: SUMMARY`.
    public var checks: [AuditCheck] {
        findings.map { AuditCheck(name: $0.name, failure: $0.failure, detail: $0.detail) }
    }
}
