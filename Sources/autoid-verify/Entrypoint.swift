import AutoIDCommands

@main
struct Entrypoint {
    static func main() { AutoIDVerify.mainReportingUsageOnOneLine(tool: "autoid-verify", fastPath: AutoIDVerify.fastPath) }
}
