extension StringProtocol {
    /// Whether the two are the same UTF-8 bytes. Swift's `==` holds canonically equivalent text equal
    /// ("café" composed and decomposed), where the system, Go and C tools, and identity providers see two
    /// names: names from input that pick a key, a log, a folder or an identity are compared this way.
    public func hasSameBytes(as other: some StringProtocol) -> Bool { utf8.elementsEqual(other.utf8) }
}
