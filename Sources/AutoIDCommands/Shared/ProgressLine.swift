import AutoIDFiles
import AutoIDThreads
import Dispatch
import FoundationEssentials

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A progress line on standard error for work that runs past a second: bytes (with rate, and percentage
/// and ETA when the total is known) or items. Shown only when standard error is a terminal, never with
/// --quiet; cleared before any other output and when the work ends, so output and logs stay clean.
///
/// `AUTOID_PROGRESS_DELAY` (seconds, default 1) sets when the line first appears; tests set it to 0.
final class ProgressLine: @unchecked Sendable {
    private let verb: String
    private let totalBytes: Int?
    private let totalItems: Int?
    private let startBytes = WorkProgress.bytesRead
    private let startItems = WorkProgress.itemsDone
    private let started = DispatchTime.now()
    private let stop = DispatchSemaphore(value: 0)
    private let stopped = DispatchSemaphore(value: 0)
    private let shown = Locked(false)  // whether the line is on the terminal; held while writing it

    /// Starts a display for `verb` ("hashing", "verifying"), or returns nil when there is no terminal
    /// to show it on or `quiet` is set. `totalBytes` is only evaluated when the line shows (it may stat
    /// every input).
    static func start(_ verb: String, totalBytes: @autoclosure () -> Int? = nil, totalItems: Int? = nil, quiet: Bool = false) -> ProgressLine? {
        guard !quiet, isatty(STDERR_FILENO) == 1 else { return nil }
        let line = ProgressLine(verb: verb, totalBytes: totalBytes(), totalItems: totalItems)
        let delay = ProcessInfo.processInfo.environment["AUTOID_PROGRESS_DELAY"].flatMap(Double.init) ?? 1
        WorkProgress.setOutputGuard { [weak line] write in
            if let line { line.clearing(then: write) } else { write() }
        }
        // No delay: the line shows at once, not whenever the drawing thread first runs (on a loaded
        // machine, perhaps only after the work is done).
        if delay <= 0 { line.draw() }
        // Without a thread there is no line to update; `finish` must not wait for one.
        if !Threads.detach({ line.run(delay: max(0, delay)) }) { line.stopped.signal() }
        return line
    }

    /// The total size of `paths` when every one is a regular file (standard input and others: unknown).
    static func totalSize(of paths: [String]) -> Int? {
        var total = 0
        for path in paths {
            var status = stat()
            guard path != "-", stat(path, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG else { return nil }
            total += Int(status.st_size)
        }
        return total
    }

    private init(verb: String, totalBytes: Int?, totalItems: Int?) {
        self.verb = verb
        self.totalBytes = totalBytes
        self.totalItems = totalItems
    }

    /// Ends the display and clears its line.
    func finish() {
        stop.signal()
        stopped.wait()
        WorkProgress.setOutputGuard(nil)
        clear()
    }

    private func run(delay: Double) {
        var wait = delay
        while stop.wait(timeout: .now() + wait) == .timedOut {
            draw()
            wait = 0.25
        }
        stopped.signal()
    }

    private func draw() {
        let text = "\r" + describe() + "\u{1B}[K"
        shown.withLock { shown in
            shown = true
            Self.writeError(text)
        }
    }

    private func clear() { clearing {} }

    /// Clears the line if it shows, then runs `write` before the line may be drawn again.
    private func clearing(then write: () -> Void) {
        shown.withLock { shown in
            if shown {
                shown = false
                Self.writeError("\r\u{1B}[K")
            }
            write()
        }
    }

    /// `hashing 1.2 GiB of 4.0 GiB (30%), 830 MiB/s, 3 s left` or `verifying 1,200 of 10,000 envelopes`.
    func describe() -> String {
        let seconds = max(0.001, Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9)
        let bytes = WorkProgress.bytesRead - startBytes
        let items = WorkProgress.itemsDone - startItems
        var parts: [String] = []
        if let totalItems {
            parts.append("\(verb) \(items) of \(totalItems)")
        } else if items > 0 {
            parts.append("\(verb) \(items)")
        }
        if bytes > 0 || totalItems == nil {
            var text = (parts.isEmpty ? "\(verb) " : "") + Self.size(bytes)
            if let totalBytes, totalBytes > 0 { text += " of \(Self.size(totalBytes)) (\(min(100, bytes * 100 / totalBytes))%)" }
            parts.append(text)
            parts.append("\(Self.size(Int(Double(bytes) / seconds)))/s")
        }
        let fraction: Double? =
            if let totalBytes, totalBytes > 0, bytes > 0 { Double(bytes) / Double(totalBytes) } else if let totalItems, totalItems > 0, items > 0 {
                Double(items) / Double(totalItems)
            } else { nil }
        if let fraction, fraction < 1 { parts.append("\(Int((seconds / fraction - seconds).rounded(.up))) s left") }
        return parts.joined(separator: ", ")
    }

    /// Bytes in binary units with one decimal: `830.0 MiB`.
    static func size(_ bytes: Int) -> String {
        let units = ["B", "KiB", "MiB", "GiB", "TiB"]
        var value = Double(bytes)
        var unit = 0
        while value >= 1024 && unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        return unit == 0 ? "\(bytes) B" : oneDecimal(value) + " " + units[unit]
    }

    /// `value` (0 to 2^40) with one decimal, rounded as `printf("%.1f")` rounds it: `830.0`, `1.2`.
    ///
    /// printf rounds the exact binary value, so 1.05 (stored as 1.0500000000000000444) gives 1.1, while
    /// `(value * 10).rounded()` sees the product rounded to exactly 10.5. So the value is compared with
    /// the midpoint between two tenths exactly: twice the midpoint, in twentieths, is an odd integer,
    /// and the product `value * 20` is exact once its rounding error (`addingProduct`, one rounding) is
    /// added. An exact tie goes to the even tenth, as printf's does.
    static func oneDecimal(_ value: Double) -> String {
        let below = (value * 10).rounded(.down)  // the tenths below value (or value's, when it lies just under a tenth)
        let midpoint = 2 * below + 1
        let product = value * 20
        let error = (-product).addingProduct(value, 20)  // value * 20 - product, exactly
        let up =
            product != midpoint ? product > midpoint : error != 0 ? error > 0 : below.truncatingRemainder(dividingBy: 2) != 0
        let tenths = Int(below) + (up ? 1 : 0)
        return "\(tenths / 10).\(tenths % 10)"
    }

    private static func writeError(_ text: String) {
        let bytes = Array(text.utf8)
        bytes.withUnsafeBytes { buffer in _ = write(STDERR_FILENO, buffer.baseAddress, buffer.count) }
    }
}
