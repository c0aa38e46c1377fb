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

    /// The record's name as text, invalid UTF-8 repaired (U+FFFD), so such a name never equals one
    /// the caller looks for; `.` and `..` included.
    public static func text(_ entry: UnsafeMutablePointer<dirent>) -> String {
        String(decoding: name(entry), as: UTF8.self)
    }
}
