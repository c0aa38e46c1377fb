/// The signed message of a c2sp.org/tlog-cosignature v1 Ed25519 cosignature.
enum Cosignature {
    /// `cosignature/v1\ntime T\n` followed by the whole note text (T decimal, no leading zeros).
    static func message(timestamp: UInt64, text: [UInt8]) -> [UInt8] {
        Array("cosignature/v1\ntime \(timestamp)\n".utf8) + text
    }
}
