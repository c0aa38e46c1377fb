public import AutoIDVerdict

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A C library loaded with `dlopen` at its first use rather than by the dynamic loader at process
/// start, so that commands which never touch it (signing, verifying, hashing) do not pay for loading
/// it and everything it depends on (libarchive brings its compression codecs, libxml2 brings ICU).
///
/// One value per library, made once by a wrapper module (AutoIDLibArchive, AutoIDLibXML2) in a
/// lazily initialised `static let` (thread-safe: Swift runs the initialiser once), which looks up
/// every function it forwards to with ``function(_:as:)``. The handle is never closed: the library
/// stays loaded for the rest of the process, as a linked one would.
public final class SystemLibrary: @unchecked Sendable {
    /// What to load and what to tell the user when it is missing.
    public struct Specification: Sendable {
        /// The library's name in messages ("libarchive").
        public var name: String
        /// File names to try in order: the exact shared-object version the headers describe
        /// ("libarchive.so.13"), never the unversioned development link.
        public var fileNames: [String]
        /// The Debian package that installs it ("libarchive13").
        public var debianPackage: String

        public init(name: String, fileNames: [String], debianPackage: String) {
            self.name = name
            self.fileNames = fileNames
            self.debianPackage = debianPackage
        }
    }

    public let specification: Specification
    /// The file name that loaded.
    public let fileName: String
    private let handle: UnsafeMutableRawPointer

    private init(specification: Specification, fileName: String, handle: UnsafeMutableRawPointer) {
        self.specification = specification
        self.fileName = fileName
        self.handle = handle
    }

    /// Loads the first of `specification.fileNames` that the dynamic loader finds.
    ///
    /// Throws ``SystemLibraryError`` naming the library, the loader's reason and the package to
    /// install.
    public static func load(_ specification: Specification) throws(SystemLibraryError) -> SystemLibrary {
        var reasons: [String] = []
        for fileName in specification.fileNames {
            // RTLD_LOCAL: its symbols serve only the lookups below, never other libraries' references.
            if let handle = dlopen(fileName, RTLD_NOW | RTLD_LOCAL) {
                return SystemLibrary(specification: specification, fileName: fileName, handle: handle)
            }
            reasons.append(dlerror().map { String(cString: $0) } ?? "\(fileName): not found")
        }
        throw SystemLibraryError(specification: specification, detail: reasons.joined(separator: "; "))
    }

    /// The address of the function `symbol`, as the `@convention(c)` function type `type`.
    ///
    /// Throws ``SystemLibraryError`` when the library lacks it (an older version than the one the
    /// headers describe).
    public func function<Function>(_ symbol: String, as type: Function.Type = Function.self) throws(SystemLibraryError) -> Function {
        precondition(
            MemoryLayout<Function>.size == MemoryLayout<UnsafeMutableRawPointer>.size,
            "\(Function.self) is not a C function pointer type")
        guard let address = dlsym(handle, symbol) else {
            throw SystemLibraryError(specification: specification, detail: "\(fileName) has no function \(symbol) (an older version?)")
        }
        return unsafeBitCast(address, to: Function.self)
    }

    /// Ends the process the way every autoid error does: one line on standard error naming the
    /// program, the library and the package to install, and the error's exit status.
    ///
    /// For the wrapper modules' functions, which have no error to throw through: callers that can
    /// throw check ``load(_:)`` first; those that cannot (a JUnit report is built by a non-throwing
    /// function) reach this before they have written anything.
    public static func exit(with error: SystemLibraryError) -> Never {
        let program = CommandLine.arguments.first.map { String($0.split(separator: "/").last ?? Substring($0)) } ?? "autoid"
        let line = Array("\(program): \(error.description)\n".utf8)
        _ = line.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
        #if canImport(Glibc)
        Glibc.exit(error.exitStatus.rawValue)
        #else
        Darwin.exit(error.exitStatus.rawValue)
        #endif
    }
}

/// A system library that could not be loaded at its first use, or lacks a function we call.
///
/// The installation is incomplete, not the input: an I/O error (exit status 4), like any other file
/// the command needs and cannot read.
public struct SystemLibraryError: ReportableError, Equatable {
    public var library: String
    public var debianPackage: String
    /// The dynamic loader's words.
    public var detail: String

    public init(specification: SystemLibrary.Specification, detail: String) {
        library = specification.name
        debianPackage = specification.debianPackage
        self.detail = detail
    }

    public var exitStatus: ExitStatus { .ioError }

    public var description: String {
        "cannot load \(library) (\(detail)); install it with: apt-get install \(debianPackage)"
    }
}
