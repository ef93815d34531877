import ATMSystem
import CPosix

/// A one-shot broadcast to many threads: a pipe whose write end is closed to fire it.
///
/// Every waiter polls the read end next to its own descriptor; end of file on it means "stop".
public struct StopSignal: ~Copyable, Sendable {
    public let readEnd: FileDescriptor
    private let writeEnd: FileDescriptor

    public init() throws(Errno) {
        (readEnd, writeEnd) = try makePipe()
    }

    /// Wakes every waiter, now and later. Call it once: a second call is a double close and traps.
    public func fire() {
        writeEnd.close()
    }

    /// Releases the read end once no waiter is left.
    public consuming func close() {
        readEnd.close()
    }
}
