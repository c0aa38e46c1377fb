public import AutoIDSystemLibrary
public import CArchive

/// libarchive, loaded at the first call rather than at process start.
///
/// Only bundles (AutoIDCompression's ArchiveReader and ArchiveWriter) and raw decompression use
/// libarchive, and loading it (with the codecs it links: nettle, acl, lzma, zstd, lz4, bzip2...) costs
/// every other command about half a millisecond. So no executable links it: this module imports the
/// C module for its types and constants only, looks the functions up with `dlopen`/`dlsym` the first
/// time one is called, and declares same-named Swift functions that forward to them. Modules that use
/// libarchive import this module and never `CArchive` itself, so a call cannot bind to the C symbol.
///
/// When the library cannot be loaded, the first call ends the process with one line naming it and
/// the package to install (exit status 4, ``SystemLibraryError``); callers that can throw call
/// ``LibArchive/load()`` first, and callers with side effects call ``LibArchive/require()`` before them.
public enum LibArchive {
    /// The shared object the headers describe (soname 13), and its package.
    public static let specification = SystemLibrary.Specification(
        name: "libarchive", fileNames: fileNames, debianPackage: "libarchive13")

    #if canImport(Darwin)
    static let fileNames = ["libarchive.13.dylib", "/opt/homebrew/opt/libarchive/lib/libarchive.13.dylib", "/usr/local/opt/libarchive/lib/libarchive.13.dylib"]
    #else
    static let fileNames = ["libarchive.so.13"]
    #endif

    /// Loaded once, by whichever thread calls first.
    static let loaded = Result { () throws(SystemLibraryError) in try LibArchiveFunctions(SystemLibrary.load(specification)) }

    /// Loads libarchive now; throws ``SystemLibraryError`` when it cannot be loaded.
    public static func load() throws(SystemLibraryError) { _ = try loaded.get() }

    /// Loads libarchive now, or ends the process with ``SystemLibrary/exit(with:)``.
    public static func require() { _ = functions }

    static var functions: LibArchiveFunctions {
        switch loaded {
        case .success(let functions): functions
        case .failure(let error): SystemLibrary.exit(with: error)
        }
    }
}

// Types and constants callers use, under their C names (this module's own shadow CArchive's).
public var ARCHIVE_OK: Int32 { CArchive.ARCHIVE_OK }
public var ARCHIVE_EOF: Int32 { CArchive.ARCHIVE_EOF }

/// Every libarchive function the project calls, looked up once.
struct LibArchiveFunctions: @unchecked Sendable {
    let archive_entry_filetype: @convention(c) (OpaquePointer?) -> mode_t
    let archive_entry_free: @convention(c) (OpaquePointer?) -> Void
    let archive_entry_gid: @convention(c) (OpaquePointer?) -> la_int64_t
    let archive_entry_hardlink: @convention(c) (OpaquePointer?) -> UnsafePointer<CChar>?
    let archive_entry_hardlink_utf8: @convention(c) (OpaquePointer?) -> UnsafePointer<CChar>?
    let archive_entry_is_encrypted: @convention(c) (OpaquePointer?) -> Int32
    let archive_entry_mtime: @convention(c) (OpaquePointer?) -> time_t
    let archive_entry_mtime_is_set: @convention(c) (OpaquePointer?) -> Int32
    let archive_entry_new: @convention(c) () -> OpaquePointer?
    let archive_entry_pathname: @convention(c) (OpaquePointer?) -> UnsafePointer<CChar>?
    let archive_entry_pathname_utf8: @convention(c) (OpaquePointer?) -> UnsafePointer<CChar>?
    let archive_entry_perm: @convention(c) (OpaquePointer?) -> mode_t
    let archive_entry_set_filetype: @convention(c) (OpaquePointer?, UInt32) -> Void
    let archive_entry_set_gid: @convention(c) (OpaquePointer?, la_int64_t) -> Void
    let archive_entry_set_mtime: @convention(c) (OpaquePointer?, time_t, Int) -> Void
    let archive_entry_set_pathname_utf8: @convention(c) (OpaquePointer?, UnsafePointer<CChar>?) -> Void
    let archive_entry_set_perm: @convention(c) (OpaquePointer?, mode_t) -> Void
    let archive_entry_set_size: @convention(c) (OpaquePointer?, la_int64_t) -> Void
    let archive_entry_set_uid: @convention(c) (OpaquePointer?, la_int64_t) -> Void
    let archive_entry_size: @convention(c) (OpaquePointer?) -> la_int64_t
    let archive_entry_size_is_set: @convention(c) (OpaquePointer?) -> Int32
    let archive_entry_symlink: @convention(c) (OpaquePointer?) -> UnsafePointer<CChar>?
    let archive_entry_symlink_utf8: @convention(c) (OpaquePointer?) -> UnsafePointer<CChar>?
    let archive_entry_uid: @convention(c) (OpaquePointer?) -> la_int64_t
    let archive_errno: @convention(c) (OpaquePointer?) -> Int32
    let archive_error_string: @convention(c) (OpaquePointer?) -> UnsafePointer<CChar>?
    let archive_filter_bytes: @convention(c) (OpaquePointer?, Int32) -> la_int64_t
    let archive_filter_count: @convention(c) (OpaquePointer?) -> Int32
    let archive_filter_name: @convention(c) (OpaquePointer?, Int32) -> UnsafePointer<CChar>?
    let archive_format_name: @convention(c) (OpaquePointer?) -> UnsafePointer<CChar>?
    let archive_read_data: @convention(c) (OpaquePointer?, UnsafeMutableRawPointer?, Int) -> la_ssize_t
    let archive_read_free: @convention(c) (OpaquePointer?) -> Int32
    let archive_read_new: @convention(c) () -> OpaquePointer?
    let archive_read_next_header: @convention(c) (OpaquePointer?, UnsafeMutablePointer<OpaquePointer?>?) -> Int32
    let archive_read_open_fd: @convention(c) (OpaquePointer?, Int32, Int) -> Int32
    let archive_read_open_memory: @convention(c) (OpaquePointer?, UnsafeRawPointer?, Int) -> Int32
    let archive_read_support_filter_all: @convention(c) (OpaquePointer?) -> Int32
    let archive_read_support_filter_gzip: @convention(c) (OpaquePointer?) -> Int32
    let archive_read_support_filter_xz: @convention(c) (OpaquePointer?) -> Int32
    let archive_read_support_filter_zstd: @convention(c) (OpaquePointer?) -> Int32
    let archive_read_support_format_raw: @convention(c) (OpaquePointer?) -> Int32
    let archive_read_support_format_tar: @convention(c) (OpaquePointer?) -> Int32
    let archive_read_support_format_zip: @convention(c) (OpaquePointer?) -> Int32
    let archive_version_number: @convention(c) () -> Int32
    let archive_write_add_filter_gzip: @convention(c) (OpaquePointer?) -> Int32
    let archive_write_add_filter_zstd: @convention(c) (OpaquePointer?) -> Int32
    let archive_write_close: @convention(c) (OpaquePointer?) -> Int32
    let archive_write_data: @convention(c) (OpaquePointer?, UnsafeRawPointer?, Int) -> la_ssize_t
    let archive_write_fail: @convention(c) (OpaquePointer?) -> Int32
    let archive_write_finish_entry: @convention(c) (OpaquePointer?) -> Int32
    let archive_write_free: @convention(c) (OpaquePointer?) -> Int32
    let archive_write_header: @convention(c) (OpaquePointer?, OpaquePointer?) -> Int32
    let archive_write_new: @convention(c) () -> OpaquePointer?
    let archive_write_open_fd: @convention(c) (OpaquePointer?, Int32) -> Int32
    let archive_write_set_bytes_in_last_block: @convention(c) (OpaquePointer?, Int32) -> Int32
    let archive_write_set_bytes_per_block: @convention(c) (OpaquePointer?, Int32) -> Int32
    let archive_write_set_format_pax_restricted: @convention(c) (OpaquePointer?) -> Int32
    let archive_write_set_format_ustar: @convention(c) (OpaquePointer?) -> Int32
    let archive_write_set_format_zip: @convention(c) (OpaquePointer?) -> Int32
    let archive_write_set_options: @convention(c) (OpaquePointer?, UnsafePointer<CChar>?) -> Int32

    init(_ library: SystemLibrary) throws(SystemLibraryError) {
        archive_entry_filetype = try library.function("archive_entry_filetype")
        archive_entry_free = try library.function("archive_entry_free")
        archive_entry_gid = try library.function("archive_entry_gid")
        archive_entry_hardlink = try library.function("archive_entry_hardlink")
        archive_entry_hardlink_utf8 = try library.function("archive_entry_hardlink_utf8")
        archive_entry_is_encrypted = try library.function("archive_entry_is_encrypted")
        archive_entry_mtime = try library.function("archive_entry_mtime")
        archive_entry_mtime_is_set = try library.function("archive_entry_mtime_is_set")
        archive_entry_new = try library.function("archive_entry_new")
        archive_entry_pathname = try library.function("archive_entry_pathname")
        archive_entry_pathname_utf8 = try library.function("archive_entry_pathname_utf8")
        archive_entry_perm = try library.function("archive_entry_perm")
        archive_entry_set_filetype = try library.function("archive_entry_set_filetype")
        archive_entry_set_gid = try library.function("archive_entry_set_gid")
        archive_entry_set_mtime = try library.function("archive_entry_set_mtime")
        archive_entry_set_pathname_utf8 = try library.function("archive_entry_set_pathname_utf8")
        archive_entry_set_perm = try library.function("archive_entry_set_perm")
        archive_entry_set_size = try library.function("archive_entry_set_size")
        archive_entry_set_uid = try library.function("archive_entry_set_uid")
        archive_entry_size = try library.function("archive_entry_size")
        archive_entry_size_is_set = try library.function("archive_entry_size_is_set")
        archive_entry_symlink = try library.function("archive_entry_symlink")
        archive_entry_symlink_utf8 = try library.function("archive_entry_symlink_utf8")
        archive_entry_uid = try library.function("archive_entry_uid")
        archive_errno = try library.function("archive_errno")
        archive_error_string = try library.function("archive_error_string")
        archive_filter_bytes = try library.function("archive_filter_bytes")
        archive_filter_count = try library.function("archive_filter_count")
        archive_filter_name = try library.function("archive_filter_name")
        archive_format_name = try library.function("archive_format_name")
        archive_read_data = try library.function("archive_read_data")
        archive_read_free = try library.function("archive_read_free")
        archive_read_new = try library.function("archive_read_new")
        archive_read_next_header = try library.function("archive_read_next_header")
        archive_read_open_fd = try library.function("archive_read_open_fd")
        archive_read_open_memory = try library.function("archive_read_open_memory")
        archive_read_support_filter_all = try library.function("archive_read_support_filter_all")
        archive_read_support_filter_gzip = try library.function("archive_read_support_filter_gzip")
        archive_read_support_filter_xz = try library.function("archive_read_support_filter_xz")
        archive_read_support_filter_zstd = try library.function("archive_read_support_filter_zstd")
        archive_read_support_format_raw = try library.function("archive_read_support_format_raw")
        archive_read_support_format_tar = try library.function("archive_read_support_format_tar")
        archive_read_support_format_zip = try library.function("archive_read_support_format_zip")
        archive_version_number = try library.function("archive_version_number")
        archive_write_add_filter_gzip = try library.function("archive_write_add_filter_gzip")
        archive_write_add_filter_zstd = try library.function("archive_write_add_filter_zstd")
        archive_write_close = try library.function("archive_write_close")
        archive_write_data = try library.function("archive_write_data")
        archive_write_fail = try library.function("archive_write_fail")
        archive_write_finish_entry = try library.function("archive_write_finish_entry")
        archive_write_free = try library.function("archive_write_free")
        archive_write_header = try library.function("archive_write_header")
        archive_write_new = try library.function("archive_write_new")
        archive_write_open_fd = try library.function("archive_write_open_fd")
        archive_write_set_bytes_in_last_block = try library.function("archive_write_set_bytes_in_last_block")
        archive_write_set_bytes_per_block = try library.function("archive_write_set_bytes_per_block")
        archive_write_set_format_pax_restricted = try library.function("archive_write_set_format_pax_restricted")
        archive_write_set_format_ustar = try library.function("archive_write_set_format_ustar")
        archive_write_set_format_zip = try library.function("archive_write_set_format_zip")
        archive_write_set_options = try library.function("archive_write_set_options")
    }
}

// The functions, with the signatures Swift gives the C declarations.
@discardableResult public func archive_entry_filetype(_ a0: OpaquePointer!) -> mode_t { LibArchive.functions.archive_entry_filetype(a0) }
public func archive_entry_free(_ a0: OpaquePointer!) { LibArchive.functions.archive_entry_free(a0) }
@discardableResult public func archive_entry_gid(_ a0: OpaquePointer!) -> la_int64_t { LibArchive.functions.archive_entry_gid(a0) }
@discardableResult public func archive_entry_hardlink(_ a0: OpaquePointer!) -> UnsafePointer<CChar>! { LibArchive.functions.archive_entry_hardlink(a0) }
@discardableResult public func archive_entry_hardlink_utf8(_ a0: OpaquePointer!) -> UnsafePointer<CChar>! {
    LibArchive.functions.archive_entry_hardlink_utf8(a0)
}
@discardableResult public func archive_entry_is_encrypted(_ a0: OpaquePointer!) -> Int32 { LibArchive.functions.archive_entry_is_encrypted(a0) }
@discardableResult public func archive_entry_mtime(_ a0: OpaquePointer!) -> time_t { LibArchive.functions.archive_entry_mtime(a0) }
@discardableResult public func archive_entry_mtime_is_set(_ a0: OpaquePointer!) -> Int32 { LibArchive.functions.archive_entry_mtime_is_set(a0) }
@discardableResult public func archive_entry_new() -> OpaquePointer! { LibArchive.functions.archive_entry_new() }
@discardableResult public func archive_entry_pathname(_ a0: OpaquePointer!) -> UnsafePointer<CChar>! { LibArchive.functions.archive_entry_pathname(a0) }
@discardableResult public func archive_entry_pathname_utf8(_ a0: OpaquePointer!) -> UnsafePointer<CChar>! {
    LibArchive.functions.archive_entry_pathname_utf8(a0)
}
@discardableResult public func archive_entry_perm(_ a0: OpaquePointer!) -> mode_t { LibArchive.functions.archive_entry_perm(a0) }
public func archive_entry_set_filetype(_ a0: OpaquePointer!, _ a1: UInt32) { LibArchive.functions.archive_entry_set_filetype(a0, a1) }
public func archive_entry_set_gid(_ a0: OpaquePointer!, _ a1: la_int64_t) { LibArchive.functions.archive_entry_set_gid(a0, a1) }
public func archive_entry_set_mtime(_ a0: OpaquePointer!, _ a1: time_t, _ a2: Int) { LibArchive.functions.archive_entry_set_mtime(a0, a1, a2) }
public func archive_entry_set_pathname_utf8(_ a0: OpaquePointer!, _ a1: UnsafePointer<CChar>!) { LibArchive.functions.archive_entry_set_pathname_utf8(a0, a1) }
public func archive_entry_set_perm(_ a0: OpaquePointer!, _ a1: mode_t) { LibArchive.functions.archive_entry_set_perm(a0, a1) }
public func archive_entry_set_size(_ a0: OpaquePointer!, _ a1: la_int64_t) { LibArchive.functions.archive_entry_set_size(a0, a1) }
public func archive_entry_set_uid(_ a0: OpaquePointer!, _ a1: la_int64_t) { LibArchive.functions.archive_entry_set_uid(a0, a1) }
@discardableResult public func archive_entry_size(_ a0: OpaquePointer!) -> la_int64_t { LibArchive.functions.archive_entry_size(a0) }
@discardableResult public func archive_entry_size_is_set(_ a0: OpaquePointer!) -> Int32 { LibArchive.functions.archive_entry_size_is_set(a0) }
@discardableResult public func archive_entry_symlink(_ a0: OpaquePointer!) -> UnsafePointer<CChar>! { LibArchive.functions.archive_entry_symlink(a0) }
@discardableResult public func archive_entry_symlink_utf8(_ a0: OpaquePointer!) -> UnsafePointer<CChar>! { LibArchive.functions.archive_entry_symlink_utf8(a0) }
@discardableResult public func archive_entry_uid(_ a0: OpaquePointer!) -> la_int64_t { LibArchive.functions.archive_entry_uid(a0) }
@discardableResult public func archive_errno(_ a0: OpaquePointer!) -> Int32 { LibArchive.functions.archive_errno(a0) }
@discardableResult public func archive_error_string(_ a0: OpaquePointer!) -> UnsafePointer<CChar>! { LibArchive.functions.archive_error_string(a0) }
@discardableResult public func archive_filter_bytes(_ a0: OpaquePointer!, _ a1: Int32) -> la_int64_t { LibArchive.functions.archive_filter_bytes(a0, a1) }
@discardableResult public func archive_filter_count(_ a0: OpaquePointer!) -> Int32 { LibArchive.functions.archive_filter_count(a0) }
@discardableResult public func archive_filter_name(_ a0: OpaquePointer!, _ a1: Int32) -> UnsafePointer<CChar>! {
    LibArchive.functions.archive_filter_name(a0, a1)
}
@discardableResult public func archive_format_name(_ a0: OpaquePointer!) -> UnsafePointer<CChar>! { LibArchive.functions.archive_format_name(a0) }
@discardableResult public func archive_read_data(_ a0: OpaquePointer!, _ a1: UnsafeMutableRawPointer!, _ a2: Int) -> la_ssize_t {
    LibArchive.functions.archive_read_data(a0, a1, a2)
}
@discardableResult public func archive_read_free(_ a0: OpaquePointer!) -> Int32 { LibArchive.functions.archive_read_free(a0) }
@discardableResult public func archive_read_new() -> OpaquePointer! { LibArchive.functions.archive_read_new() }
@discardableResult public func archive_read_next_header(_ a0: OpaquePointer!, _ a1: UnsafeMutablePointer<OpaquePointer?>!) -> Int32 {
    LibArchive.functions.archive_read_next_header(a0, a1)
}
@discardableResult public func archive_read_open_fd(_ a0: OpaquePointer!, _ a1: Int32, _ a2: Int) -> Int32 {
    LibArchive.functions.archive_read_open_fd(a0, a1, a2)
}
@discardableResult public func archive_read_open_memory(_ a0: OpaquePointer!, _ a1: UnsafeRawPointer!, _ a2: Int) -> Int32 {
    LibArchive.functions.archive_read_open_memory(a0, a1, a2)
}
@discardableResult public func archive_read_support_filter_all(_ a0: OpaquePointer!) -> Int32 { LibArchive.functions.archive_read_support_filter_all(a0) }
@discardableResult public func archive_read_support_filter_gzip(_ a0: OpaquePointer!) -> Int32 { LibArchive.functions.archive_read_support_filter_gzip(a0) }
@discardableResult public func archive_read_support_filter_xz(_ a0: OpaquePointer!) -> Int32 { LibArchive.functions.archive_read_support_filter_xz(a0) }
@discardableResult public func archive_read_support_filter_zstd(_ a0: OpaquePointer!) -> Int32 { LibArchive.functions.archive_read_support_filter_zstd(a0) }
@discardableResult public func archive_read_support_format_raw(_ a0: OpaquePointer!) -> Int32 { LibArchive.functions.archive_read_support_format_raw(a0) }
@discardableResult public func archive_read_support_format_tar(_ a0: OpaquePointer!) -> Int32 { LibArchive.functions.archive_read_support_format_tar(a0) }
@discardableResult public func archive_read_support_format_zip(_ a0: OpaquePointer!) -> Int32 { LibArchive.functions.archive_read_support_format_zip(a0) }
@discardableResult public func archive_version_number() -> Int32 { LibArchive.functions.archive_version_number() }
@discardableResult public func archive_write_add_filter_gzip(_ a0: OpaquePointer!) -> Int32 { LibArchive.functions.archive_write_add_filter_gzip(a0) }
@discardableResult public func archive_write_add_filter_zstd(_ a0: OpaquePointer!) -> Int32 { LibArchive.functions.archive_write_add_filter_zstd(a0) }
@discardableResult public func archive_write_close(_ a0: OpaquePointer!) -> Int32 { LibArchive.functions.archive_write_close(a0) }
@discardableResult public func archive_write_data(_ a0: OpaquePointer!, _ a1: UnsafeRawPointer!, _ a2: Int) -> la_ssize_t {
    LibArchive.functions.archive_write_data(a0, a1, a2)
}
@discardableResult public func archive_write_fail(_ a0: OpaquePointer!) -> Int32 { LibArchive.functions.archive_write_fail(a0) }
@discardableResult public func archive_write_finish_entry(_ a0: OpaquePointer!) -> Int32 { LibArchive.functions.archive_write_finish_entry(a0) }
@discardableResult public func archive_write_free(_ a0: OpaquePointer!) -> Int32 { LibArchive.functions.archive_write_free(a0) }
@discardableResult public func archive_write_header(_ a0: OpaquePointer!, _ a1: OpaquePointer!) -> Int32 { LibArchive.functions.archive_write_header(a0, a1) }
@discardableResult public func archive_write_new() -> OpaquePointer! { LibArchive.functions.archive_write_new() }
@discardableResult public func archive_write_open_fd(_ a0: OpaquePointer!, _ a1: Int32) -> Int32 { LibArchive.functions.archive_write_open_fd(a0, a1) }
@discardableResult public func archive_write_set_bytes_in_last_block(_ a0: OpaquePointer!, _ a1: Int32) -> Int32 {
    LibArchive.functions.archive_write_set_bytes_in_last_block(a0, a1)
}
@discardableResult public func archive_write_set_bytes_per_block(_ a0: OpaquePointer!, _ a1: Int32) -> Int32 {
    LibArchive.functions.archive_write_set_bytes_per_block(a0, a1)
}
@discardableResult public func archive_write_set_format_pax_restricted(_ a0: OpaquePointer!) -> Int32 {
    LibArchive.functions.archive_write_set_format_pax_restricted(a0)
}
@discardableResult public func archive_write_set_format_ustar(_ a0: OpaquePointer!) -> Int32 { LibArchive.functions.archive_write_set_format_ustar(a0) }
@discardableResult public func archive_write_set_format_zip(_ a0: OpaquePointer!) -> Int32 { LibArchive.functions.archive_write_set_format_zip(a0) }
@discardableResult public func archive_write_set_options(_ a0: OpaquePointer!, _ a1: UnsafePointer<CChar>!) -> Int32 {
    LibArchive.functions.archive_write_set_options(a0, a1)
}
