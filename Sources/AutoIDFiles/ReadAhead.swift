import AutoIDThreads
import Dispatch
import SystemPackage

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a descriptor in whole buffers on a second thread while the caller works on the previous
/// buffer, so reading (a pipe, or copying from the page cache) overlaps hashing instead of taking
/// turns with it. Two buffers of `bufferSize` bytes: memory is bounded whatever the input size.
///
/// The first buffer is read on the calling thread; an input that ends within it starts no thread.
/// Every chunk handed to the caller is full except the last, so consumers that split work by size
/// (BLAKE3 subtrees on several cores) see large chunks even from a pipe that delivers 64 KiB a read.
///
/// Owns the descriptor when `closesDescriptor` is set and closes it when the last user is done: the
/// reading thread may still be inside `read` after the caller stopped early (a consumer error), so
/// the caller must not close it under the thread.
final class ReadAhead: @unchecked Sendable {
    /// One buffer and what the last fill put in it. Handed between the threads by semaphores: only
    /// one thread touches a slot at a time.
    private final class Slot {
        let buffer: UnsafeMutableRawBufferPointer
        var count = 0
        var error: FileError?
        /// Signalled by the reader when the slot holds data (or an error, or end of input).
        let filled = DispatchSemaphore(value: 0)
        /// Signalled by the consumer when the slot may be refilled.
        let emptied = DispatchSemaphore(value: 0)

        init(byteCount: Int) {
            buffer = .allocate(byteCount: byteCount, alignment: 64)
        }

        deinit { buffer.deallocate() }
    }

    private let descriptor: FileDescriptor
    private let closesDescriptor: Bool
    private let name: String
    private let slots: [Slot]
    /// Set by the consumer when it stops early, before it signals `emptied` for the last time; read
    /// by the reader each time it wakes. Behind a lock, because not every read is ordered by a
    /// semaphore: the reader may wake for a slot it was already free to fill (slot 1 at the start)
    /// and check the flag just as the consumer sets it (a data race ThreadSanitizer reported).
    private let cancelledValue = Locked(false)
    private var cancelled: Bool {
        get { cancelledValue.withLock { $0 } }
        set { cancelledValue.withLock { $0 = newValue } }
    }

    init(descriptor: FileDescriptor, closesDescriptor: Bool, name: String, bufferSize: Int) {
        self.descriptor = descriptor
        self.closesDescriptor = closesDescriptor
        self.name = name
        slots = [Slot(byteCount: bufferSize), Slot(byteCount: bufferSize)]
    }

    deinit {
        if closesDescriptor { try? descriptor.close() }
    }

    private var bufferSize: Int { slots[0].buffer.count }

    /// Fills `slot` completely, or up to the end of the input, or records the read error.
    private func fill(_ slot: Slot) {
        (slot.count, slot.error) = Self.fill(slot.buffer, from: descriptor, name: name)
    }

    /// Reads `descriptor` into `buffer` until it is full or the input ends: how many bytes it holds,
    /// and the read error that stopped it early, if one did (`name` names the input in it).
    static func fill(_ buffer: UnsafeMutableRawBufferPointer, from descriptor: FileDescriptor, name: String) -> (Int, FileError?) {
        var count = 0
        while count < buffer.count {
            do {
                let n = try descriptor.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[count...]))
                if n == 0 { break }
                count += n
            } catch let error as Errno {
                return (count, FileError(errno: error.rawValue, operation: "read", path: name))
            } catch {
                return (count, FileError(errno: 5, operation: "read", path: name))  // EIO; read throws only Errno
            }
        }
        return (count, nil)
    }

    /// True when the consumer will ask for nothing after this slot.
    private func isLast(_ slot: Slot) -> Bool { slot.error != nil || slot.count < slot.buffer.count }

    /// The second thread: fill slot 1, then 0, 1, ... each once the consumer has emptied it.
    private func readLoop() {
        var index = 1
        while true {
            let slot = slots[index]
            slot.emptied.wait()
            if cancelled { return }
            fill(slot)
            slot.filled.signal()
            if isLast(slot) { return }
            index ^= 1
        }
    }

    /// Calls `body` with each chunk in order until the end of the input; rethrows read errors as
    /// ``FileError`` and stops at the first error `body` throws.
    func forEachChunk(_ body: (UnsafeRawBufferPointer) throws -> Void) throws {
        let first = slots[0]
        fill(first)
        if let error = first.error { throw error }
        if isLast(first) {
            if first.count > 0 { try body(UnsafeRawBufferPointer(rebasing: first.buffer[..<first.count])) }
            return
        }
        slots[1].emptied.signal()  // slot 1 starts out free (semaphores start at 0: see below)
        guard Threads.detach({ self.readLoop() }) else {
            try forEachChunkOnThisThread(first: first, body)
            return
        }
        var index = 0
        var slot = first
        do {
            while true {
                try body(UnsafeRawBufferPointer(rebasing: slot.buffer[..<slot.count]))
                slot.emptied.signal()
                index ^= 1
                slot = slots[index]
                slot.filled.wait()
                if let error = slot.error { throw error }
                if isLast(slot) {
                    if slot.count > 0 { try body(UnsafeRawBufferPointer(rebasing: slot.buffer[..<slot.count])) }
                    return
                }
            }
        } catch {
            // Let the reader see `cancelled` at its next wait. (libdispatch traps if a semaphore is
            // freed below its initial value; every semaphore here starts at 0, so extra signals are safe.)
            cancelled = true
            for slot in slots { slot.emptied.signal() }
            throw error
        }
    }

    /// The fallback when no thread could be started: read and process in turn.
    private func forEachChunkOnThisThread(first: Slot, _ body: (UnsafeRawBufferPointer) throws -> Void) throws {
        try body(UnsafeRawBufferPointer(rebasing: first.buffer[..<first.count]))
        while true {
            fill(first)
            if let error = first.error { throw error }
            if first.count > 0 { try body(UnsafeRawBufferPointer(rebasing: first.buffer[..<first.count])) }
            if isLast(first) { return }
        }
    }
}
