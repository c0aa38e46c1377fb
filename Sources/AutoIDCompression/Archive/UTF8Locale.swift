#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs libarchive calls with the calling thread's character set set to UTF-8.
///
/// libarchive converts entry names between the archive's encoding (UTF-8 in pax headers and flagged
/// zip entries) and "the current locale's" with `nl_langinfo(CODESET)` and `mbrtowc`. Our tools never
/// call `setlocale`, so that locale is "C" (ASCII): a UTF-8 name then fails to convert, and libarchive
/// 3.6's pax writer crashed on the NULL name it got back (seen here, `strlen(NULL)`). `uselocale`
/// changes the locale of this thread only, for the length of `body`, and never the process's.
enum UTF8Locale {
    /// C.UTF-8 (glibc 2.35+ and macOS have it built in); nil if the system has none, and then libarchive
    /// runs in the process locale.
    nonisolated(unsafe) private static let utf8: locale_t? =
        newlocale(LC_CTYPE_MASK, "C.UTF-8", nil)
        ?? newlocale(LC_CTYPE_MASK, "en_US.UTF-8", nil)

    static func run<T, E: Error>(_ body: () throws(E) -> T) throws(E) -> T {
        guard let utf8 = utf8 else { return try body() }
        let previous = uselocale(utf8)
        defer { uselocale(previous) }
        return try body()
    }
}
