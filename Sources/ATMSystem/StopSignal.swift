import CPosix

/// A one-shot broadcast to many threads: a pipe whose write end is closed to fire it.
///
/// Every waiter polls the read end next to its own descriptor; end of file on it means "stop".
public struct StopSignal: Sendable {
    public let readEnd: FileDescriptor
    private let writeEnd: FileDescriptor

    public init() throws(Errno) {
        (readEnd, writeEnd) = try makePipe()
    }

    /// Wakes every waiter, now and later.
    public func fire() {
        writeEnd.close()
    }

    /// Releases the read end once no waiter is left.
    public func close() {
        readEnd.close()
    }
}

/// `pipe(2)` with both ends close-on-exec: (read end, write end).
func makePipe() throws(Errno) -> (FileDescriptor, FileDescriptor) {
    var ends: [Int32] = [-1, -1]
    _ = try retryingInterrupts { pipe(&ends) }
    for end in ends {
        _ = cposix_fcntl_int(end, F_SETFD, FD_CLOEXEC)
    }
    return (FileDescriptor(rawValue: ends[0]), FileDescriptor(rawValue: ends[1]))
}
