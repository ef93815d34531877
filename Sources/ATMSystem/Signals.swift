import Glibc

/// Process-wide signal dispositions.
public enum Signals {
    /// Makes writes to a closed peer fail with EPIPE instead of killing the process.
    public static func ignoreBrokenPipe() {
        signal(SIGPIPE, SIG_IGN)
    }
}

/// SIGTERM and SIGINT delivered as a readable descriptor, so shutdown is just another `poll` event.
///
/// The signals are blocked before any other thread starts, so every later thread inherits the
/// mask; one thread takes them with `sigwait(3)` and writes each number into a pipe. No code runs
/// in signal-handler context.
public struct TerminationSignals: ~Copyable, Sendable {
    /// Readable when a signal has arrived; read one byte per signal.
    public let descriptor: FileDescriptor
    private let writeEnd: FileDescriptor

    /// Call before starting any other thread.
    public init() throws(Errno) {
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, SIGTERM)
        sigaddset(&set, SIGINT)
        let blocked = pthread_sigmask(SIG_BLOCK, &set, nil)
        if blocked != 0 { throw Errno(rawValue: blocked) }
        var ends: [Int32] = [-1, -1]
        _ = try retryingInterrupts { pipe(&ends) }
        for end in ends {
            _ = fcntl(end, F_SETFD, FD_CLOEXEC)
        }
        let reader = FileDescriptor(rawValue: ends[0])
        let writer = FileDescriptor(rawValue: ends[1])
        try reader.setNonBlocking(true)
        try Threads.detach {
            var waitSet = sigset_t()
            sigemptyset(&waitSet)
            sigaddset(&waitSet, SIGTERM)
            sigaddset(&waitSet, SIGINT)
            while true {
                var number: Int32 = 0
                guard sigwait(&waitSet, &number) == 0 else { continue }
                try? writer.writeAll([UInt8(truncatingIfNeeded: number)])
            }
        }
        descriptor = reader
        writeEnd = writer
    }

    deinit {
        descriptor.close()
    }

    /// The number of a pending signal, consuming it, or `nil` if none is pending.
    public func take() -> Int32? {
        var byte: UInt8 = 0
        let got = withUnsafeMutableBytes(of: &byte) { try? descriptor.read(into: $0) }
        return got == 1 ? Int32(byte) : nil
    }
}
