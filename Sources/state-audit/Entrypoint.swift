import AutoIDCommands

@main
struct Entrypoint {
    static func main() { StateAudit.mainReportingUsageOnOneLine(tool: "state-audit") }
}
