import AutoIDCommands

@main
struct Entrypoint {
    static func main() { StateAudit.main() }
}
