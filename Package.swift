// swift-tools-version: 6.1
// autoid: content provenance and rollup state, verifiable from a Unix shell.
//
// Layers (dependencies point down only; see DESIGN.md section 2):
//   executables   autoid-sign  autoid-verify  provenance-bundle  state-audit
//   commands      AutoIDCommands (the only target that knows ArgumentParser)
//   domain        AutoIDManifest  AutoIDState  AutoIDIdentity
//   core          AutoIDHashing  AutoIDSigning  AutoIDFiles  AutoIDJSON  AutoIDCompression  AutoIDReports
//   C shims       CSodium  CArchive  CLibXML2
import PackageDescription

let strict: [SwiftSetting] = [
    .enableUpcomingFeature("InternalImportsByDefault"),
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "autoid",
    platforms: [.macOS(.v14)],
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
        .systemLibrary(name: "CSodium", pkgConfig: "libsodium", providers: [.apt(["libsodium-dev"])]),
        .systemLibrary(name: "CArchive", pkgConfig: "libarchive", providers: [.apt(["libarchive-dev"])]),
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),

        // Core.
        .target(
            name: "AutoIDFiles",
            dependencies: [.product(name: "SystemPackage", package: "swift-system")],
            swiftSettings: strict),
        .target(
            name: "AutoIDHashing",
            dependencies: [
                "CSodium", "AutoIDFiles",
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strict),
        .target(
            name: "AutoIDSigning",
            dependencies: [
                "CSodium", "AutoIDFiles", "AutoIDHashing",
                .product(name: "SwiftASN1", package: "swift-asn1"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "CryptoExtras", package: "swift-crypto"),  // AES-CBC, PBKDF2 (PBES2 keys)
            ],
            swiftSettings: strict),

        .target(name: "AutoIDJSON", swiftSettings: strict),
        .target(name: "AutoIDCompression", dependencies: ["CArchive"], swiftSettings: strict),
        .target(name: "AutoIDReports", dependencies: ["CLibXML2"], swiftSettings: strict),

        // Domain.
        .target(
            name: "AutoIDManifest",
            dependencies: ["AutoIDHashing", "AutoIDSigning", "AutoIDFiles", "AutoIDJSON"],
            swiftSettings: strict),

        .target(name: "AutoIDState", dependencies: ["AutoIDHashing", "AutoIDCompression", "AutoIDJSON"], swiftSettings: strict),

        .target(
            name: "AutoIDIdentity",
            dependencies: [
                "AutoIDHashing", "AutoIDSigning", "AutoIDFiles",
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strict),

        // Commands.
        .target(
            name: "AutoIDCommands",
            dependencies: [
                "AutoIDFiles", "AutoIDHashing", "AutoIDSigning", "AutoIDManifest", "AutoIDJSON", "AutoIDState", "AutoIDReports", "AutoIDIdentity",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict),

        // Executables: one Entrypoint.swift each.
        .executableTarget(name: "autoid-sign", dependencies: ["AutoIDCommands"], swiftSettings: strict),
        .executableTarget(name: "autoid-verify", dependencies: ["AutoIDCommands"], swiftSettings: strict),
        .executableTarget(name: "provenance-bundle", dependencies: ["AutoIDCommands"], swiftSettings: strict),
        .executableTarget(name: "state-audit", dependencies: ["AutoIDCommands"], swiftSettings: strict),

        // Benchmarks (run in release; see README).
        .executableTarget(name: "trie-bench", dependencies: ["AutoIDState", "AutoIDHashing"], path: "Benchmarks/trie-bench"),

        // Tests.
        .target(
            name: "AutoIDTestSupport",
            path: "Tests/AutoIDTestSupport",
            swiftSettings: strict),
        .testTarget(
            name: "AutoIDCoreTests",
            dependencies: [
                "AutoIDFiles", "AutoIDHashing", "AutoIDSigning", "AutoIDJSON", "AutoIDTestSupport", "CArchive", "CLibXML2",
                .product(name: "SwiftASN1", package: "swift-asn1"),
            ],
            swiftSettings: strict),
        .testTarget(
            name: "AutoIDManifestTests",
            dependencies: ["AutoIDManifest", "AutoIDSigning", "AutoIDHashing", "AutoIDJSON", "AutoIDTestSupport"],
            swiftSettings: strict),
        .testTarget(
            name: "AutoIDStateTests",
            dependencies: ["AutoIDState", "AutoIDHashing"],
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
            name: "EndToEndTests",
            dependencies: ["AutoIDTestSupport", "AutoIDCommands", "AutoIDState", "AutoIDHashing", "AutoIDJSON"],
            swiftSettings: strict),
    ],
    swiftLanguageModes: [.v6]
)
