/// The exit codes every autoid tool uses (DESIGN.md section 8), documented in each man page.
///
/// A verdict is a value of this type from the domain library up to the process exit: library errors say
/// which status they end a run with (``ReportableError/exitStatus``), reports combine statuses with
/// ``worst(_:_:)``, and the commands only hand the result to the shell.
public enum ExitStatus: Int32, CaseIterable, Sendable {
    /// Everything verified, or the command did what was asked.
    case ok = 0
    /// Verification failed: bad signature, digest mismatch, broken invariant.
    case verificationFailed = 1
    /// The signer is not trusted (unknown key, untrusted or revoked identity), or a policy was not met.
    case untrusted = 2
    /// An input is malformed: not an envelope, not a key, damaged or truncated.
    case malformedInput = 3
    /// Reading or writing a file failed, or a system library a command loads at first use (libarchive,
    /// libxml2) is missing.
    case ioError = 4
    /// The command line is wrong (also used by the argument parser).
    case usage = 64
    /// An internal failure: a bug in autoid, never a verdict on the input (sysexits' EX_SOFTWARE).
    case internalError = 70

    /// The text for the EXIT STATUS part of help and man pages.
    public static let documentation = """
        Exit status: 0 verified or done; 1 verification failed (bad signature, digest mismatch); \
        2 signer not trusted or policy not met; 3 malformed input (envelope, key, statement); \
        4 I/O error (missing or unreadable file, file changed while read, cannot write, \
        libarchive or libxml2 not installed); 64 usage error \
        (also an output that exists without --force, or that is one of the command's inputs); \
        70 internal error (a bug: please report it).
        """

    /// How bad a status is when several results are combined: a failed verification outranks distrust,
    /// distrust outranks malformed input, which outranks an I/O error. Usage and internal errors stop a run
    /// and rank above every verdict.
    public var severity: Int {
        switch self {
        case .ok: 0
        case .ioError: 1
        case .malformedInput: 2
        case .untrusted: 3
        case .verificationFailed: 4
        case .usage: 5
        case .internalError: 6
        }
    }

    /// The status that wins when several results are combined ("worst status wins").
    public static func worst(_ a: ExitStatus, _ b: ExitStatus) -> ExitStatus {
        a.severity >= b.severity ? a : b
    }

    /// The worst of many statuses; `.ok` for none.
    ///
    /// Inlinable, so each caller gets a loop specialised for its own sequence: unspecialised, the
    /// generic `reduce` looked up `Sequence`'s associated types at run time, about 40 µs of a one-file
    /// `autoid-verify` run.
    @inlinable
    public static func worst(of statuses: some Sequence<ExitStatus>) -> ExitStatus {
        var result = ExitStatus.ok
        for status in statuses { result = worst(result, status) }
        return result
    }
}
