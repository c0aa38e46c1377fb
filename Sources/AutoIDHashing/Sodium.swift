internal import CSodium

/// libsodium's one-time initialisation, done once per process before any call into it.
package enum Sodium {
    private static let initialized: Bool = {
        sodium_init() >= 0
    }()

    /// Initialises libsodium; safe to call from any thread, any number of times.
    package static func initialize() {
        precondition(initialized, "libsodium failed to initialise (sodium_init)")
    }
}
