// swift-tools-version: 6.1
// autoid: content provenance and rollup state, verifiable from a Unix shell.
//
// Layers (dependencies point down only; see DESIGN.md section 2):
//   executables    autoid-sign  autoid-verify  provenance-bundle  state-audit
//   commands       AutoIDCommands (the only target that knows ArgumentParser)
//   domain (upper) AutoIDProvenance  joint human/AI provenance: parties, chains of envelopes, policies
//                                    (over Manifest and Identity)
//                  AutoIDRegistry    the Auto ID registry in rollup state (over State and Identity)
//                  AutoIDBundle      provenance bundles (archives, hostile-proof extraction) and XMP sidecars
//                                    (over Manifest and Provenance: a bundle verifies as its envelopes do)
//                  AutoIDSigstore    Sigstore bundles verified offline (over Log, Manifest and X.509)
//                  AutoIDGovernance  DAO proposals, ballots (joint human/AI) and tallies; reviews of deployed
//                                    contract code (over Manifest, Identity and State)
//                  AutoIDLedger      balances in rollup state (System.Account, TotalIssuance) and signed
//                                    mint/burn journals (over State, Manifest and Identity)
//   domain         AutoIDManifest  AutoIDIdentity  AutoIDState  AutoIDLog (RFC 9162 logs, C2SP checkpoints)
//                  AutoIDDrive     Auto Drive CIDs (auto-dag-data's DAG-PB files and folders), stored-compressed
//                                  downloads (over core only; Manifest names a subject's CID with it)
//                  AutoIDMinisign  minisign and signify signatures, signify checksum lists
//   core           AutoIDVerdict  AutoIDThreads  AutoIDCPU  AutoIDBLAKE3 (+ one kernel module per ISA)
//                  AutoIDBLAKE2bKernel (+ AVX2)  AutoIDSHA256NI (SHA extensions)  AutoIDHashing  AutoIDSigning
//                  AutoIDFiles  AutoIDJSON
//                  AutoIDCompression  AutoIDReports
//                  AutoIDLibArchive  AutoIDLibXML2  (libarchive, libxml2 loaded at first use: AutoIDSystemLibrary)
//   C shims        CSodium  CArchive  CLibXML2  CCPUID  COpenSSLCrypto  CZlib  CFileSystem
import PackageDescription

let strict: [SwiftSetting] = [
    .enableUpcomingFeature("InternalImportsByDefault"),
    .enableUpcomingFeature("ExistentialAny"),
]

// BLAKE3 kernels: one module per instruction set, each built with that ISA's flags so the generic
// @inlinable kernel specialises to its instructions; AutoIDBLAKE3 picks one at run time from the CPU's
// flags, so no binary runs an instruction the CPU lacks. These modules are ALWAYS optimised (-O),
// in debug builds too: at -Onone the stdlib SIMD operations they use are emitted as shared weak
// symbols and the linker could hand AVX-512 code to baseline callers (SIGILL, observed). Each ISA
// module also specialises over its own private lane type. Benchmarks/BLAKE3-NOTES.md has the details;
// Tests/AutoIDBLAKE3Tests/SymbolTests.swift guards both measures. The AVX-512 and AVX2 modules keep
// LLVM's machine scheduler off (-enable-misched=false): it moved one group's rounds ahead of the other's
// in the two-group block loops, where they must stay interleaved (AVX512Kernel16.swift `avx512Pairs16`:
// 4 MiB in-process on a Zen 5, +3% over one group with the scheduler on, +18-29% with it off;
// AVX2Kernel8.swift `avx2Pairs8`: +15% with it off). It also applies to the generic 8- and 4-lane
// kernels these modules compile (leftover inputs, padded strided blocks): not measured apart.
#if arch(x86_64)
let avx512Flags: [SwiftSetting] = [.unsafeFlags(["-O", "-Xcc", "-mavx512f", "-Xcc", "-mavx512vl", "-Xllvm", "-enable-misched=false"])]
let avx2Flags: [SwiftSetting] = [.unsafeFlags(["-O", "-Xcc", "-mavx2", "-Xllvm", "-enable-misched=false"])]
let sse41Flags: [SwiftSetting] = [.unsafeFlags(["-O", "-Xcc", "-msse4.1"])]
// Byte-shuffle and prefetch intrinsics through `Builtin` (TRICK 6 in Sources/AutoIDBLAKE3Intrinsics): needs
// -parse-stdlib; -mavx2 only so that the never-called copies this module emits can be compiled
// (callers inline the code and compile it with their own flags).
let intrinsicsFlags: [SwiftSetting] = [.unsafeFlags(["-O", "-parse-stdlib", "-enforce-exclusivity=unchecked", "-Xcc", "-mavx2"])]
// SHA-256 with the SHA extensions (AutoIDSHA256NI), and its three instructions through `Builtin`.
let shaFlags: [SwiftSetting] = [.unsafeFlags(["-O", "-Xcc", "-msha", "-Xcc", "-mssse3"])]
let shaIntrinsicsFlags: [SwiftSetting] = [.unsafeFlags(["-O", "-parse-stdlib", "-enforce-exclusivity=unchecked", "-Xcc", "-msha"])]
#else
let avx512Flags: [SwiftSetting] = [.unsafeFlags(["-O"])]
let avx2Flags: [SwiftSetting] = [.unsafeFlags(["-O"])]
let sse41Flags: [SwiftSetting] = [.unsafeFlags(["-O"])]
let intrinsicsFlags: [SwiftSetting] = [.unsafeFlags(["-O", "-parse-stdlib"])]
let shaFlags: [SwiftSetting] = [.unsafeFlags(["-O"])]
let shaIntrinsicsFlags: [SwiftSetting] = [.unsafeFlags(["-O", "-parse-stdlib"])]
#endif

// libxml2's headers live in their own directory (pkg-config's --cflags for libxml-2.0); given by hand
// because CLibXML2 has no pkgConfig: SwiftPM would add its --libs to every link, and every tool would
// load libxml2 and ICU at start. Only the modules that import CLibXML2 (AutoIDLibXML2) or load it
// through AutoIDLibXML2's public interface need the path.
#if os(Linux)
// The tools export no symbols. swiftc links an executable with -export-dynamic: about 20,000 of our
// and our packages' symbols in the dynamic symbol table (1.7 MB of each tool), which nothing looks up,
// but which dladdr walks one by one when the Swift runtime calls it at start (0.1-0.2 ms of it).
//
// The tools also link libsodium, zlib, libstdc++ and the unwinder statically once scripts/static-libraries
// has gathered their archives into .build-static-libraries (scripts/test and scripts/build-release run it):
// searched before the system's folders, those archives stand in for the shared libraries, whose loading
// and symbol binding cost a one-file run about 1 ms of its 4-5 (Benchmarks/startup.sh). Without the folder
// the same -l options find the shared libraries, as they do for every other link here.
let toolLinking: [LinkerSetting] = [
    .unsafeFlags(["-Xlinker", "--no-export-dynamic", "-L" + Context.packageDirectory + "/.build-static-libraries"], .when(platforms: [.linux]))
]
// No pkgConfig for libsodium and zlib on Linux: SwiftPM put pkg-config's library folder
// (/usr/lib/<triple>) ahead of every other search folder, where the shared libraries would be found
// before the tools' archives. Headers and libraries are in the system's default folders.
let sodium = Target.systemLibrary(name: "CSodium")
let zlib = Target.systemLibrary(name: "CZlib")  // zlib streams (Auto Drive)
let libxml2Headers: [SwiftSetting] = [.unsafeFlags(["-Xcc", "-I/usr/include/libxml2"])]
#else
let libxml2Headers: [SwiftSetting] = [
    .unsafeFlags(["-Xcc", "-I/opt/homebrew/opt/libxml2/include/libxml2", "-Xcc", "-I/usr/local/opt/libxml2/include/libxml2"])
]
let sodium = Target.systemLibrary(name: "CSodium", pkgConfig: "libsodium", providers: [.brew(["libsodium"])])
let zlib = Target.systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.brew(["zlib"])])  // zlib streams (Auto Drive)
#endif

let package = Package(
    name: "autoid",
    platforms: [.macOS(.v15)],  // UInt128 and Synchronization's Atomic need macOS 15
    products: [
        .executable(name: "autoid-sign", targets: ["autoid-sign"]),
        .executable(name: "autoid-verify", targets: ["autoid-verify"]),
        .executable(name: "provenance-bundle", targets: ["provenance-bundle"]),
        .executable(name: "state-audit", targets: ["state-audit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "4.5.2"),
        .package(url: "https://github.com/apple/swift-asn1.git", from: "1.7.4"),
        .package(url: "https://github.com/apple/swift-system.git", from: "1.8.1"),
        .package(url: "https://github.com/apple/swift-certificates.git", from: "1.21.1"),
    ],
    targets: [
        // C shims: one module map and one header each; nothing else.
        sodium,  // apt libsodium-dev
        // libarchive and libxml2: headers only (no pkgConfig, no `link` in the module maps), so no
        // executable links them; AutoIDLibArchive and AutoIDLibXML2 load them at first use (apt
        // libarchive-dev and libxml2-dev for the headers).
        .systemLibrary(name: "CArchive"),
        .systemLibrary(name: "CLibXML2"),
        zlib,  // apt zlib1g-dev
        .systemLibrary(name: "CCPUID"),  // the compiler's <cpuid.h>, XGETBV, the affinity mask: AutoIDCPU, AutoIDThreads
        .systemLibrary(name: "CFileSystem"),  // <sys/vfs.h>: which file system a file lives on (/proc, /sys): AutoIDFiles
        // OpenSSL's SHA-256 block function for Merkle node hashes on CPUs without SHA extensions (see its
        // shim.h for why not swift-crypto): headers only, like libarchive's; AutoIDLog loads libcrypto
        // at first use (apt libssl-dev for the headers).
        .systemLibrary(name: "COpenSSLCrypto"),

        // Core.
        .target(name: "AutoIDBLAKE3Kernel", dependencies: ["AutoIDBLAKE3Intrinsics"], swiftSettings: [.unsafeFlags(["-O"])]),
        .target(name: "AutoIDBLAKE3AVX512", dependencies: ["AutoIDBLAKE3Kernel", "AutoIDBLAKE3Intrinsics"], swiftSettings: avx512Flags),
        .target(name: "AutoIDBLAKE3Intrinsics", swiftSettings: intrinsicsFlags),
        .target(name: "AutoIDBLAKE3AVX2", dependencies: ["AutoIDBLAKE3Kernel", "AutoIDBLAKE3Intrinsics"], swiftSettings: avx2Flags),
        .target(name: "AutoIDBLAKE3SSE41", dependencies: ["AutoIDBLAKE3Kernel", "AutoIDBLAKE3Intrinsics"], swiftSettings: sse41Flags),
        // Which instruction sets this CPU and OS can run (CPUID + the OS's answer): the one place that
        // decides whether an ISA module above may be called.
        .target(name: "AutoIDCPU", dependencies: ["CCPUID"], swiftSettings: strict),
        // SHA-256 compressions with the x86 SHA extensions, one or two messages at a time (Merkle nodes,
        // leaves and proofs in AutoIDLog); callers check CPUFeatures.shaRequirements first.
        .target(name: "AutoIDSHA256Intrinsics", swiftSettings: shaIntrinsicsFlags),
        .target(name: "AutoIDSHA256NI", dependencies: ["AutoIDSHA256Intrinsics"], swiftSettings: shaFlags),
        .target(
            name: "AutoIDBLAKE3",
            dependencies: ["AutoIDBLAKE3Kernel", "AutoIDBLAKE3AVX512", "AutoIDBLAKE3AVX2", "AutoIDBLAKE3SSE41", "AutoIDThreads", "AutoIDCPU"],
            swiftSettings: strict),
        .target(name: "AutoIDThreads", dependencies: ["CCPUID"], swiftSettings: strict),
        // Exit statuses and the error protocol every module's errors conform to (one verdict model).
        .target(name: "AutoIDVerdict", swiftSettings: strict),
        // C libraries loaded with dlopen at their first use, not at process start: the loader, and one
        // module per library that forwards same-named Swift functions to the looked-up C functions.
        .target(name: "AutoIDSystemLibrary", dependencies: ["AutoIDVerdict"], swiftSettings: strict),
        .target(name: "AutoIDLibArchive", dependencies: ["CArchive", "AutoIDSystemLibrary"], swiftSettings: strict),
        .target(name: "AutoIDLibXML2", dependencies: ["CLibXML2", "AutoIDSystemLibrary"], swiftSettings: strict + libxml2Headers),
        // BLAKE2b in Swift: scalar + generic many-message kernel (always -O, like the BLAKE3 kernel),
        // and its AVX2 instance, used by AutoIDHashing only after the run-time CPU check.
        .target(name: "AutoIDBLAKE2bKernel", swiftSettings: [.unsafeFlags(["-O"])]),
        .target(name: "AutoIDBLAKE2bAVX2", dependencies: ["AutoIDBLAKE2bKernel"], swiftSettings: avx2Flags),
        .target(
            name: "AutoIDFiles",
            dependencies: ["AutoIDThreads", "AutoIDVerdict", "CFileSystem", .product(name: "SystemPackage", package: "swift-system")],
            swiftSettings: strict),
        .target(
            name: "AutoIDHashing",
            dependencies: [
                "CSodium", "AutoIDFiles", "AutoIDBLAKE3", "AutoIDCPU", "AutoIDBLAKE2bKernel", "AutoIDBLAKE2bAVX2", "AutoIDThreads",
                "AutoIDSHA256NI", .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strict),
        .target(
            name: "AutoIDSigning",
            dependencies: [
                "CSodium", "AutoIDFiles", "AutoIDHashing", "AutoIDVerdict",
                .product(name: "SwiftASN1", package: "swift-asn1"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "CryptoExtras", package: "swift-crypto"),  // AES-CBC, PBKDF2 (PBES2 keys)
            ],
            swiftSettings: strict),

        .target(name: "AutoIDJSON", dependencies: ["AutoIDVerdict"], swiftSettings: strict),
        // Raw compressed streams, and streaming archive reading and writing (tar, tar.gz/zst/xz, zip) with
        // caps for hostile input; atomic output through AutoIDFiles.
        .target(
            name: "AutoIDCompression",
            dependencies: ["AutoIDLibArchive", "CZlib", "AutoIDVerdict", "AutoIDFiles", .product(name: "SystemPackage", package: "swift-system")],
            swiftSettings: strict),
        .target(name: "AutoIDReports", dependencies: ["AutoIDLibXML2", "AutoIDJSON", "AutoIDVerdict"], swiftSettings: strict + libxml2Headers),

        // Domain.
        .target(
            name: "AutoIDManifest",
            dependencies: [
                "AutoIDHashing", "AutoIDSigning", "AutoIDDrive", "AutoIDFiles", "AutoIDJSON", "AutoIDThreads", "AutoIDVerdict",
                .product(name: "SystemPackage", package: "swift-system"),
            ],
            swiftSettings: strict),

        // Provenance bundles (one archive with content, envelopes, certificates: create, verify in one
        // streaming pass, hostile-proof extraction) and XMP sidecars (libxml2, no DTDs or entities).
        .target(
            name: "AutoIDBundle",
            dependencies: [
                "AutoIDLibXML2", "AutoIDCompression", "AutoIDDrive", "AutoIDManifest", "AutoIDProvenance", "AutoIDIdentity", "AutoIDHashing", "AutoIDSigning",
                "AutoIDFiles", "AutoIDJSON", "AutoIDThreads", "AutoIDVerdict", .product(name: "SystemPackage", package: "swift-system"),
            ],
            swiftSettings: strict + libxml2Headers),

        // Auto Drive: CIDs exactly as Autonomys' auto-dag-data computes them (DAG-PB nodes, BLAKE3, base32),
        // streaming on every core; downloads in the stored (zlib) form verified, then inflated.
        .target(
            name: "AutoIDDrive",
            dependencies: [
                "AutoIDBLAKE3", "AutoIDHashing", "AutoIDThreads", "AutoIDFiles", "AutoIDCompression", "AutoIDJSON", "AutoIDReports", "AutoIDVerdict",
            ],
            swiftSettings: strict),

        .target(
            name: "AutoIDState",
            dependencies: [
                "AutoIDBLAKE3Intrinsics", "AutoIDHashing", "AutoIDFiles", "AutoIDCompression", "AutoIDJSON", "AutoIDReports", "AutoIDThreads",
                "AutoIDVerdict",
            ],
            swiftSettings: strict),

        // minisign and signify: signatures (Ed, prehashed ED, trusted comments), signing, and signify's
        // signed checksum lists; the key formats live in AutoIDSigning (they need libsodium's scrypt).
        .target(
            name: "AutoIDMinisign",
            dependencies: [
                "AutoIDSigning", "AutoIDHashing", "AutoIDManifest", "AutoIDFiles", "AutoIDJSON", "AutoIDThreads", "AutoIDVerdict",
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strict),

        // The balances ledger in rollup state (System.Account, Balances.TotalIssuance), its audits, and signed
        // mint/burn journals that explain the change between two snapshots.
        .target(
            name: "AutoIDLedger",
            dependencies: [
                "AutoIDState", "AutoIDManifest", "AutoIDIdentity", "AutoIDSigning", "AutoIDHashing", "AutoIDFiles", "AutoIDJSON", "AutoIDReports",
                "AutoIDThreads", "AutoIDVerdict",
            ],
            swiftSettings: strict),

        // DAO governance: proposals, ballots cast by members or their AI assistants, tallies and quorums.
        .target(
            name: "AutoIDGovernance",
            dependencies: [
                "AutoIDManifest", "AutoIDIdentity", "AutoIDState", "AutoIDSigning", "AutoIDHashing", "AutoIDJSON", "AutoIDReports", "AutoIDVerdict",
                "AutoIDFiles",
            ],
            swiftSettings: strict),

        // Append-only logs: RFC 9162 trees and proofs, C2SP signed notes, checkpoints, witnessed audits.
        .target(
            name: "AutoIDLog",
            dependencies: [
                "AutoIDHashing", "AutoIDSigning", "AutoIDFiles", "AutoIDJSON", "AutoIDReports", "AutoIDVerdict", "COpenSSLCrypto",
                "AutoIDCPU", "AutoIDSHA256NI", "AutoIDSystemLibrary",
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strict),

        .target(
            name: "AutoIDIdentity",
            dependencies: [
                "AutoIDHashing", "AutoIDSigning", "AutoIDFiles", "AutoIDJSON", "AutoIDVerdict",
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strict),

        // Sigstore bundles, verified offline: message signatures and DSSE envelopes, Fulcio certificate
        // chains from a TrustedRoot, Rekor entries (inclusion proof via AutoIDLog, signed checkpoint).
        .target(
            name: "AutoIDSigstore",
            dependencies: [
                "AutoIDLog", "AutoIDManifest", "AutoIDHashing", "AutoIDSigning", "AutoIDFiles", "AutoIDJSON", "AutoIDReports", "AutoIDVerdict",
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strict),

        .target(
            name: "AutoIDProvenance",
            dependencies: [
                "AutoIDIdentity", "AutoIDManifest", "AutoIDRegistry", "AutoIDState", "AutoIDHashing", "AutoIDSigning", "AutoIDJSON", "AutoIDVerdict",
                "AutoIDFiles", "AutoIDThreads",
            ],
            swiftSettings: strict),

        // The Auto ID registry as pallet-auto-id keeps it in rollup state (needs both State and Identity).
        .target(
            name: "AutoIDRegistry",
            dependencies: [
                "AutoIDState", "AutoIDIdentity", "AutoIDHashing", "AutoIDJSON", "AutoIDReports", "AutoIDVerdict",
                .product(name: "SwiftASN1", package: "swift-asn1"),
            ],
            swiftSettings: strict),

        // Commands.
        .target(
            name: "AutoIDCommands",
            dependencies: [
                "AutoIDFiles", "AutoIDHashing", "AutoIDSigning", "AutoIDManifest", "AutoIDJSON", "AutoIDState", "AutoIDReports", "AutoIDIdentity",
                "AutoIDProvenance", "AutoIDRegistry", "AutoIDVerdict", "AutoIDLog", "AutoIDThreads",
                "AutoIDBundle", "AutoIDCompression", "AutoIDSigstore", "AutoIDDrive", "AutoIDMinisign", "AutoIDLedger", "AutoIDGovernance",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict),

        // Executables: one Entrypoint.swift each.
        .executableTarget(name: "autoid-sign", dependencies: ["AutoIDCommands"], swiftSettings: strict, linkerSettings: toolLinking),
        .executableTarget(name: "autoid-verify", dependencies: ["AutoIDCommands"], swiftSettings: strict, linkerSettings: toolLinking),
        .executableTarget(name: "provenance-bundle", dependencies: ["AutoIDCommands"], swiftSettings: strict, linkerSettings: toolLinking),
        .executableTarget(name: "state-audit", dependencies: ["AutoIDCommands"], swiftSettings: strict, linkerSettings: toolLinking),

        // Benchmarks (run in release; see README).
        .executableTarget(name: "blake3-bench", dependencies: ["AutoIDBLAKE3"], path: "Benchmarks/blake3-bench"),
        .executableTarget(
            name: "provenance-bench", dependencies: ["AutoIDProvenance", "AutoIDIdentity", "AutoIDManifest", "AutoIDSigning", "AutoIDHashing"],
            path: "Benchmarks/provenance-bench"),
        .executableTarget(name: "verify-bench", dependencies: ["AutoIDManifest", "AutoIDSigning"], path: "Benchmarks/verify-bench"),
        .executableTarget(name: "log-bench", dependencies: ["AutoIDLog", "AutoIDThreads"], path: "Benchmarks/log-bench"),
        .executableTarget(name: "trie-bench", dependencies: ["AutoIDState", "AutoIDHashing", "AutoIDThreads"], path: "Benchmarks/trie-bench"),

        // Tests.
        .target(
            name: "AutoIDTestSupport",
            path: "Tests/AutoIDTestSupport",
            swiftSettings: strict),
        .testTarget(
            name: "AutoIDCoreTests",
            dependencies: [
                "AutoIDFiles", "AutoIDHashing", "AutoIDSigning", "AutoIDJSON", "AutoIDTestSupport", "AutoIDThreads", "AutoIDLibArchive", "AutoIDLibXML2",
                "AutoIDBLAKE3",
                // CSodium: the Ed25519 tests check our verifier against libsodium's.
                "AutoIDSystemLibrary", "CSodium", .product(name: "SwiftASN1", package: "swift-asn1"),
                .product(name: "SystemPackage", package: "swift-system"),
            ],
            swiftSettings: strict + libxml2Headers),
        .testTarget(
            name: "AutoIDManifestTests",
            dependencies: [
                "AutoIDManifest", "AutoIDDrive", "AutoIDSigning", "AutoIDHashing", "AutoIDJSON", "AutoIDTestSupport", "AutoIDVerdict", "AutoIDFiles",
            ],
            swiftSettings: strict),
        .testTarget(
            name: "AutoIDCompressionTests",
            dependencies: ["AutoIDCompression", "AutoIDFiles", "AutoIDVerdict", "AutoIDTestSupport", .product(name: "SystemPackage", package: "swift-system")],
            swiftSettings: strict),
        .testTarget(
            name: "AutoIDBLAKE3Tests",
            dependencies: ["AutoIDBLAKE3", "AutoIDBLAKE3Kernel", "AutoIDBLAKE3AVX2", "AutoIDBLAKE3AVX512", "AutoIDCPU", "AutoIDTestSupport"]),
        .testTarget(
            name: "AutoIDStateTests",
            dependencies: ["AutoIDState", "AutoIDFiles", "AutoIDHashing", "AutoIDJSON", "AutoIDReports", "AutoIDVerdict", "AutoIDTestSupport"],
            swiftSettings: strict),
        .testTarget(
            name: "AutoIDLedgerTests",
            dependencies: [
                "AutoIDLedger", "AutoIDState", "AutoIDHashing", "AutoIDJSON", "AutoIDReports", "AutoIDVerdict", "AutoIDTestSupport", "AutoIDIdentity",
                "AutoIDManifest", "AutoIDSigning",
            ],
            swiftSettings: strict),
        .testTarget(
            name: "AutoIDGovernanceTests",
            dependencies: [
                "AutoIDGovernance", "AutoIDIdentity", "AutoIDManifest", "AutoIDSigning", "AutoIDJSON", "AutoIDReports", "AutoIDTestSupport", "AutoIDState",
                "AutoIDHashing",
            ],
            swiftSettings: strict),
        .testTarget(
            name: "AutoIDLogTests",
            dependencies: ["AutoIDLog", "AutoIDSigning", "AutoIDHashing", "AutoIDJSON", "AutoIDReports", "AutoIDTestSupport"],
            swiftSettings: strict),
        .testTarget(
            name: "AutoIDIdentityTests",
            dependencies: [
                "AutoIDIdentity", "AutoIDSigning", "AutoIDHashing", "AutoIDTestSupport",
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strict),
        .testTarget(
            name: "AutoIDRegistryTests",
            dependencies: [
                "AutoIDRegistry", "AutoIDState", "AutoIDIdentity", "AutoIDSigning", "AutoIDHashing", "AutoIDJSON", "AutoIDReports",
                "AutoIDVerdict", "AutoIDTestSupport",
            ],
            swiftSettings: strict),
        .testTarget(
            name: "AutoIDProvenanceTests",
            dependencies: ["AutoIDProvenance", "AutoIDIdentity", "AutoIDManifest", "AutoIDSigning", "AutoIDJSON", "AutoIDVerdict", "AutoIDTestSupport"],
            swiftSettings: strict),
        .testTarget(
            name: "AutoIDVerdictTests",
            dependencies: [
                "AutoIDTestSupport", "AutoIDVerdict", "AutoIDCommands", "AutoIDCompression", "AutoIDFiles", "AutoIDIdentity",
                "AutoIDJSON", "AutoIDLog", "AutoIDManifest", "AutoIDRegistry", "AutoIDSigning", "AutoIDState", "AutoIDBundle",
                "AutoIDSigstore", "AutoIDDrive", "AutoIDMinisign", "AutoIDLedger", "AutoIDSystemLibrary",
            ],
            swiftSettings: strict),
        .testTarget(
            name: "AutoIDBundleTests",
            dependencies: [
                "AutoIDBundle", "AutoIDCompression", "AutoIDManifest", "AutoIDSigning", "AutoIDHashing", "AutoIDFiles", "AutoIDVerdict", "AutoIDTestSupport",
            ],
            swiftSettings: strict),
        .testTarget(
            name: "AutoIDSigstoreTests",
            dependencies: [
                "AutoIDSigstore", "AutoIDLog", "AutoIDHashing", "AutoIDSigning", "AutoIDJSON", "AutoIDReports", "AutoIDVerdict", "AutoIDFiles",
                "AutoIDTestSupport",
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strict),
        .testTarget(
            name: "AutoIDDriveTests",
            dependencies: [
                "AutoIDDrive", "AutoIDCompression", "AutoIDBLAKE3", "AutoIDFiles", "AutoIDReports", "AutoIDVerdict", "AutoIDTestSupport",
            ],
            swiftSettings: strict),
        .testTarget(
            name: "AutoIDMinisignTests",
            dependencies: [
                "AutoIDMinisign", "AutoIDSigning", "AutoIDHashing", "AutoIDManifest", "AutoIDFiles", "AutoIDJSON", "AutoIDVerdict",
                "AutoIDTestSupport",
            ],
            swiftSettings: strict),
        .testTarget(
            name: "EndToEndTests",
            dependencies: [
                "AutoIDTestSupport", "AutoIDCommands", "AutoIDState", "AutoIDHashing", "AutoIDJSON", "AutoIDRegistry",
                "AutoIDIdentity", "AutoIDSigning", "AutoIDLog", "AutoIDManifest", "AutoIDLedger",
            ],
            swiftSettings: strict),
    ],
    swiftLanguageModes: [.v6]
)

// Fuzzing (scripts/fuzz, Fuzz/README.md): one libFuzzer executable over every parser of untrusted bytes.
// Declared only when AUTOID_FUZZ is set (scripts/fuzz sets it and builds into .build-fuzz with
// -sanitize=fuzzer,address, which links libFuzzer's driver), so normal builds and CI never compile it.
if Context.environment["AUTOID_FUZZ"] != nil {
    package.targets.append(.systemLibrary(name: "CFuzzer", path: "Fuzz/Sources/CFuzzer"))  // LLVMFuzzerRunDriver
    package.targets.append(
        .executableTarget(
            name: "autoid-fuzz",
            dependencies: [
                "AutoIDBundle", "AutoIDCompression", "AutoIDDrive", "AutoIDFiles", "AutoIDGovernance", "AutoIDHashing", "AutoIDIdentity", "AutoIDJSON",
                "AutoIDLedger",
                "AutoIDLog", "AutoIDManifest", "AutoIDMinisign", "AutoIDProvenance", "AutoIDRegistry", "AutoIDSigning", "AutoIDSigstore",
                "AutoIDState", "AutoIDVerdict", "CFuzzer", "CSodium", .product(name: "SystemPackage", package: "swift-system"),
            ],
            path: "Fuzz/Sources/autoid-fuzz",
            swiftSettings: strict))
}

// Sanitizer stages (scripts/test, scripts/sanitize): AUTOID_TEST_TARGETS names the test targets a stage runs,
// separated by spaces. The package then declares only those and the targets they reach: no tools, no
// benchmarks, no other tests, so that a sanitized build compiles what its tests run and nothing more
// (a cold ThreadSanitizer build of its stage's seven test targets: 320 s instead of 501 s).
if let names = Context.environment["AUTOID_TEST_TARGETS"] {
    let byName = Dictionary(uniqueKeysWithValues: package.targets.map { ($0.name, $0) })
    var kept = Set<String>()
    var pending = names.split(separator: " ").map(String.init)
    while let name = pending.popLast() {
        guard kept.insert(name).inserted else { continue }
        guard let target = byName[name] else { fatalError("AUTOID_TEST_TARGETS: no target named \(name)") }
        for dependency in target.dependencies {
            switch dependency {
            case .targetItem(let name, _), .byNameItem(let name, _): pending.append(name)
            case .productItem: break  // another package's product: SwiftPM builds what it needs
            @unknown default: break
            }
        }
    }
    package.targets.removeAll { !kept.contains($0.name) }
    package.products = []
}

// Sanitizer stages (scripts/sanitize): AUTOID_SANITIZER=address or thread instruments our own targets and
// links the sanitizer's runtime; the packages we depend on (swift-crypto with BoringSSL's C and C++,
// swift-certificates, swift-asn1, swift-system, the argument parser) compile as in any debug build,
// uninstrumented: their memory accesses are not checked (the runtime still intercepts their allocations
// and pthread locks). Their commands are then the same under either sanitizer, so the two stages share
// one scratch folder (.build-sanitize) and the second compiles only our modules again: in a fresh clone
// on 2026-12-03 the packages took about 200 s of the ThreadSanitizer stage's 460 s of building (before the
// stages shared a folder, the AddressSanitizer stage compiled them again); in a fresh clone scripts/test builds both stages in .build
// itself, where the main build compiled them already. (AUTOID_SANITIZE_PACKAGES=1 scripts/sanitize instruments
// them too, with `swift build --sanitize`, in a folder of its own.)
if let sanitizer = Context.environment["AUTOID_SANITIZER"] {
    guard sanitizer == "address" || sanitizer == "thread" else { fatalError("AUTOID_SANITIZER: address or thread, not \(sanitizer)") }
    for target in package.targets where target.type != .system {
        target.swiftSettings = (target.swiftSettings ?? []) + [.unsafeFlags(["-sanitize=" + sanitizer])]
        target.linkerSettings = (target.linkerSettings ?? []) + [.unsafeFlags(["-sanitize=" + sanitizer])]
    }
}
