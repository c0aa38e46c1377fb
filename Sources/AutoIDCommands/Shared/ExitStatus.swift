public import ArgumentParser
import AutoIDFiles
import AutoIDManifest
import AutoIDSigning
import AutoIDState
import AutoIDIdentity

/// The exit codes every autoid tool uses (DESIGN.md section 8), documented in each man page.
public enum ExitStatus: Int32, CaseIterable, Sendable {
    /// Everything verified, or the command did what was asked.
    case ok = 0
    /// Verification failed: bad signature, digest mismatch, broken invariant.
    case verificationFailed = 1
    /// The signer is not trusted (unknown key, untrusted or revoked identity), or a policy was not met.
    case untrusted = 2
    /// An input is malformed: not an envelope, not a key, damaged or truncated.
    case malformedInput = 3
    /// Reading or writing a file failed.
    case ioError = 4
    /// The command line is wrong (also used by the argument parser).
    case usage = 64

    /// The argument parser's exit code for this status.
    public var exitCode: ExitCode { ExitCode(rawValue) }

    /// The text for the EXIT STATUS part of help and man pages.
    static let documentation = """
        Exit status: 0 verified or done; 1 verification failed (bad signature, digest mismatch); \
        2 signer not trusted or policy not met; 3 malformed input (envelope, key, statement); \
        4 I/O error (missing or unreadable file, cannot write); 64 usage error.
        """

    /// The status for an error thrown by the libraries.
    static func forError(_ error: any Error) -> ExitStatus {
        switch error {
        case let error as FileError:
            switch error.code {
            case .refusedToOverwrite: return .usage
            case .tooLarge: return .malformedInput
            default: return .ioError
            }
        case is ValidationError, is PassphraseError:
            return .usage
        case let error as SigningError:
            switch error.code {
            // Wrong or missing passphrases are the caller's to fix, like a wrong option (autoid-key(5)).
            case .encryptedKey, .wrongPassphrase, .emptyPassphrase: return .usage
            default: return .malformedInput
            }
        case is ManifestError, is StateError:
            return .malformedInput
        case let error as IdentityError:
            switch error.code {
            case .malformed, .tooLarge, .missingCommonName, .wrongKeyType: return .malformedInput
            case .keyMismatch, .invalidRequest: return .usage
            case .badSignature: return .verificationFailed
            default: return .untrusted
            }
        default:
            return .ioError
        }
    }
}

/// Runs a command body, turning library errors into one line on stderr and the documented exit code.
func reportingErrors(tool: String, verbose: Bool = false, _ body: () throws -> Void) throws {
    do {
        try body()
    } catch let exit as ExitCode {
        throw exit
    } catch {
        Console.printError("\(tool): \(error)")
        if verbose { Console.printError("\(tool): cause: \(String(reflecting: error))") }
        throw ExitStatus.forError(error).exitCode
    }
}
