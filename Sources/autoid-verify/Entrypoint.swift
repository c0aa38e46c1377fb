import AutoIDCommands

@main
struct Entrypoint {
    static func main() async { await AutoIDVerify.main() }
}
