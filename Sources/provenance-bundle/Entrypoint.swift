import AutoIDCommands

@main
struct Entrypoint {
    static func main() { ProvenanceBundle.mainReportingUsageOnOneLine(tool: "provenance-bundle") }
}
