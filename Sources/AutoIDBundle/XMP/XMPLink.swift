import AutoIDFiles
import AutoIDHashing
public import AutoIDVerdict
import SystemPackage

/// Writing a sidecar for a media file and its envelope, and checking one against the files it names.
public enum XMPLink {
    /// What checking a sidecar found: one line for the media, one for the manifest, and the verdict.
    public struct Check: Sendable {
        /// `NAME: OK (...)`, `NAME: FAILED (...)`, `NAME: MISSING (...)` or `NAME: NOT CHECKED (...)`.
        public var lines: [String]
        /// A digest that differs fails (1); a missing file is an I/O error (4); the worse wins.
        public var status: ExitStatus
    }

    /// The sidecar of `media` linked to `envelope`, to be written at `output`: the manifest's
    /// location is its file name when it sits beside the sidecar, else a `file:` URI of its absolute
    /// path.
    public static func sidecar(media: String, envelope: String, output: String, currentDirectory: String) throws -> XMPSidecar {
        let mediaDigest = try ContentDigester.digest(InputSource.file(FilePath(media)), algorithms: XMPSidecar.algorithms)
        let manifestDigest = try ContentDigester.digest(InputSource.file(FilePath(envelope)), algorithms: XMPSidecar.algorithms)
        let envelopePath = FilePath(envelope)
        let outputPath = FilePath(output)
        let location: String
        if envelopePath.removingLastComponent() == outputPath.removingLastComponent(), let name = envelopePath.lastComponent?.string {
            location = XMPSidecar.uriReference(forPath: name)
        } else {
            let absolute = envelopePath.isAbsolute ? envelopePath : FilePath(currentDirectory).pushing(envelopePath)
            location = "file://" + XMPSidecar.uriReference(forPath: absolute.lexicallyNormalized().string)
        }
        return XMPSidecar(manifestLocation: location, mediaDigests: hex(mediaDigest), manifestDigests: hex(manifestDigest))
    }

    /// Checks the sidecar at `path` (read with a size cap) against `media` and against the manifest it
    /// names, when that is a local file.
    public static func check(sidecar path: String, media: String) throws -> Check {
        let sidecar = try XMPSidecar(xmlBytes: try SmallFile.read(path: path, limit: XMPSidecar.sizeLimit), source: path)
        var lines: [String] = []
        var statuses: [ExitStatus] = []
        func compare(_ name: String, _ file: String, _ recorded: [HashAlgorithm: String], mismatch: String) {
            let shown = DisplayName.escape(name)
            guard !recorded.isEmpty else {
                lines.append("\(shown): NOT CHECKED (the sidecar records no digest of it)")
                return
            }
            do {
                let algorithms = XMPSidecar.algorithms.filter { recorded[$0] != nil }
                let actual = hex(try ContentDigester.digest(.file(FilePath(file)), algorithms: algorithms))
                let differing = algorithms.filter { actual[$0] != recorded[$0] }.map(\.rawValue)
                if differing.isEmpty {
                    lines.append("\(shown): OK (\(algorithms.map(\.rawValue).joined(separator: ", ")))")
                    statuses.append(.ok)
                } else {
                    lines.append("\(shown): FAILED (\(differing.joined(separator: ", ")) differ: \(mismatch))")
                    statuses.append(.verificationFailed)
                }
            } catch {
                lines.append("\(shown): MISSING (\(DisplayName.escape("\(error)")))")
                statuses.append(ExitStatus.of(error))
            }
        }
        compare(media, media, sidecar.mediaDigests, mismatch: "this sidecar describes another file, or the file changed")
        let directory = FilePath(path).removingLastComponent().string
        if let manifest = sidecar.manifestPath(sidecarDirectory: directory) {
            compare(manifest, manifest, sidecar.manifestDigests, mismatch: "the manifest was replaced or changed")
        } else {
            lines.append("\(DisplayName.escape(sidecar.manifestLocation)): NOT CHECKED (not a local file; autoid never fetches anything)")
        }
        return Check(lines: lines, status: ExitStatus.worst(of: statuses))
    }

    private static func hex(_ digest: ContentDigest) -> [HashAlgorithm: String] {
        digest.digests.mapValues { Hex.encode($0) }
    }
}
