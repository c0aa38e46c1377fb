#if canImport(Glibc)
public import Glibc  // dirent, in this type's signatures
#elseif canImport(Darwin)
public import Darwin
#endif

/// The name of a record `readdir` returned, read where it lies.
///
/// A record is only as long as its name (`d_reclen`), so copying the whole 256-byte `d_name` field out
/// of it (`withUnsafeBytes(of: entry.pointee.d_name)`) reads past the end of the last record in
/// readdir's buffer: a heap over-read AddressSanitizer reported in the folder CID walk. Every
/// directory walk reads names through here instead: up to the NUL, inside the record.
public enum DirectoryEntry {
    /// The record's name as bytes (never containing NUL or `/`).
    public static func name(_ entry: UnsafeMutablePointer<dirent>) -> [UInt8] {
        let field = UnsafeRawPointer(entry) + MemoryLayout<dirent>.offset(of: \dirent.d_name)!
        return Array(UnsafeRawBufferPointer(start: field, count: strlen(field.assumingMemoryBound(to: CChar.self))))
    }

    /// Whether the record is `.` or `..`.
    public static func isDotOrDotDot(_ entry: UnsafeMutablePointer<dirent>) -> Bool {
        let bytes = name(entry)
        return bytes == [0x2e] || bytes == [0x2e, 0x2e]
    }

    /// The record's name as text, invalid UTF-8 repaired (U+FFFD), so such a name never equals one
    /// the caller looks for; `.` and `..` included. For walks that look for names of their own making
    /// (temporary files, sort runs); a walk that passes names on uses ``text(_:in:operation:)``.
    public static func text(_ entry: UnsafeMutablePointer<dirent>) -> String {
        String(decoding: name(entry), as: UTF8.self)
    }

    /// The record's name as text when it is UTF-8, else nil.
    public static func utf8Text(_ entry: UnsafeMutablePointer<dirent>) -> String? {
        let bytes = name(entry)
        let text = String(decoding: bytes, as: UTF8.self)
        return text.utf8.elementsEqual(bytes) ? text : nil
    }

    /// The record's name as text, for a walk whose names go on into paths, envelopes or bundles: a
    /// name that is not UTF-8 is refused (``FileError/Code/refusedName(_:)``, exit 3) with its bytes
    /// shown escaped. Repaired, it would name another file (and fail as "no such file", or worse).
    public static func text(_ entry: UnsafeMutablePointer<dirent>, in directory: String, operation: String) throws(FileError) -> String {
        if let text = utf8Text(entry) { return text }
        throw FileError(
            code: .refusedName("it holds a name that is not UTF-8: '\(DisplayName.escape(bytes: name(entry)))'"),
            operation: operation, path: directory, hint: "rename it with a UTF-8 name")
    }
}
