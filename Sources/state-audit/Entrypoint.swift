import AutoIDCommands

@main
struct Entrypoint {
    static func main() async { await StateAudit.mainReportingUsageOnOneLine(tool: "state-audit") }
}
