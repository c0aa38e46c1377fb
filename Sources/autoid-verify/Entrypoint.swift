import AutoIDCommands

@main
struct Entrypoint {
    static func main() async { await AutoIDVerify.mainReportingUsageOnOneLine(tool: "autoid-verify") }
}
