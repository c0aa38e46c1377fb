import AutoIDFiles
import AutoIDJSON
import AutoIDState

extension StateAudit {
    /// Reading the files `state-audit` is given, each with the size limit of its kind; parsing is the
    /// domain's (AutoIDState). `-` is standard input wherever a path is.
    enum InputFiles {
        /// Snapshots (raw chain specs, pairs, maps, JSON Lines) up to 4 GiB.
        static let snapshotLimit = 4 * 1024 * 1024 * 1024
        /// Raw chain specs up to 2 GiB.
        static let chainSpecLimit = 2 * 1024 * 1024 * 1024
        /// Header files (one header, an array, or JSON Lines) up to 256 MiB.
        static let headersLimit = 256 * 1024 * 1024

        /// The snapshot at `path`, read whole.
        static func snapshot(_ path: String, limit: Int = snapshotLimit) throws -> StateSnapshot {
            try StateSnapshot(jsonBytes: try SmallFile.read(path: path, limit: limit), source: path)
        }

        /// A header or proof document: JSON, or a bare hex string.
        static func document(_ path: String) throws -> JSONValue {
            try StateDocument.parse(try SmallFile.read(path: path, limit: StateDocument.sizeLimit), source: path)
        }

        /// The block header at `path`.
        static func header(_ path: String) throws -> BlockHeader {
            try BlockHeader(json: try document(path), source: path)
        }

        /// Every header in the file at `path`, in order.
        static func headers(_ path: String) throws -> [HeaderChainAudit.Entry] {
            try HeaderChainAudit.entries(in: try SmallFile.read(path: path, limit: headersLimit), source: path)
        }
    }
}
