/// Receives the data of every entry a bundle scan accepts, as it streams past (extraction writes it
/// to a staging directory). Each entry is `begin`, any number of `write`s, then `end`; a scan that
/// fails stops calling and the sink must keep nothing.
public protocol BundleEntrySink: AnyObject {
    /// A new entry called `path` (a name that passed ``BundleLayout/problem(withName:)``, never seen
    /// before in this scan).
    func begin(_ path: String) throws
    /// The entry's next bytes, valid only during the call.
    func write(_ chunk: UnsafeRawBufferPointer) throws
    /// The entry's data ended.
    func end() throws
}
