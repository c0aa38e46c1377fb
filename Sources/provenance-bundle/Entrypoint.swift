import AutoIDCommands

@main
struct Entrypoint {
    static func main() async { await ProvenanceBundle.mainReportingUsageOnOneLine(tool: "provenance-bundle") }
}
