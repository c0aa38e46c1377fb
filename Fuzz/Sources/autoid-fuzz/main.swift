// autoid-fuzz: libFuzzer over every parser of untrusted bytes (Fuzz/README.md).
//
// Built only by scripts/fuzz (AUTOID_FUZZ=1, -sanitize=fuzzer,address). The target is chosen by the
// environment variable AUTOID_FUZZ_TARGET (one binary, so one build, for all targets); an unknown or
// missing name stops the run at once with the list of names. libFuzzer's flags and corpus folders are
// this program's arguments.

import CFuzzer

#if canImport(Glibc)
import Glibc
#endif

/// The target this process runs, chosen once before fuzzing starts.
nonisolated(unsafe) var selectedTarget: FuzzTarget?

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzerTestOneInput(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let bytes = count == 0 || data == nil ? [] : Array(UnsafeBufferPointer(start: data, count: count))
    selectedTarget?.run(bytes)
    return 0
}

let name = getenv("AUTOID_FUZZ_TARGET").map { String(cString: $0) } ?? ""
guard let target = FuzzTarget.all.first(where: { $0.name == name }) else {
    let message = Array("autoid-fuzz: set AUTOID_FUZZ_TARGET to one of: \(FuzzTarget.all.map(\.name).joined(separator: " "))\n".utf8)
    _ = message.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
    exit(64)
}
selectedTarget = target
var argc = CommandLine.argc
var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
exit(LLVMFuzzerRunDriver(&argc, &argv) { data, count in fuzzerTestOneInput(data, count) })
