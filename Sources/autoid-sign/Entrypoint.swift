import AutoIDCommands

@main
struct Entrypoint {
    static func main() { AutoIDSign.mainReportingUsageOnOneLine(tool: "autoid-sign", fastPath: AutoIDSign.fastPath) }
}
