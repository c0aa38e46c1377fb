public import AutoIDFiles

/// What goes into a bundle, as the user named it on the command line.
public struct BundleInputs: Sendable {
    /// DSSE envelope files (at least one); stored as `envelopes/<file name>`.
    public var envelopes: [String]
    /// Content files and directories; each file is stored as `content/<path as given>` (a directory's
    /// files as `content/<directory>/<path below it>`), which is its subject name.
    public var content: [String]
    /// A tar stream whose regular files are content, each under its name in the stream.
    public var contentTar: InputSource?
    /// Certificate chains (PEM); stored as `certs/<file name>`.
    public var certificates: [String]
    /// Revocation lists; stored as `crls/<file name>`.
    public var revocationLists: [String]
    /// Registry read proofs; stored as `proofs/<file name>`.
    public var proofs: [String]
    /// Block headers the proofs are checked against; stored as `headers/<file name>`.
    public var headers: [String]

    public init(
        envelopes: [String], content: [String] = [], contentTar: InputSource? = nil, certificates: [String] = [],
        revocationLists: [String] = [], proofs: [String] = [], headers: [String] = []
    ) {
        self.envelopes = envelopes
        self.content = content
        self.contentTar = contentTar
        self.certificates = certificates
        self.revocationLists = revocationLists
        self.proofs = proofs
        self.headers = headers
    }
}
