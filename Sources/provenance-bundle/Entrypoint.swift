import AutoIDCommands

@main
struct Entrypoint {
    static func main() { ProvenanceBundle.main() }
}
