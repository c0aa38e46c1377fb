import AutoIDCommands

@main
struct Entrypoint {
    static func main() { AutoIDVerify.main() }
}
