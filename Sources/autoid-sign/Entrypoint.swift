import AutoIDCommands

@main
struct Entrypoint {
    static func main() { AutoIDSign.main() }
}
