import ATMSystem
import CPosix

/// SIGTERM and SIGINT delivered as a readable descriptor, so shutdown is just another `poll` event.
///
/// The signals are blocked before any other thread starts, so every later thread inherits the
/// mask; one thread takes them with `sigwait(3)` and writes each number into a pipe. No code runs
/// in signal-handler context.
public struct TerminationSignals: ~Copyable, Sendable {
    /// Readable when a signal has arrived; read one byte per signal.
    public let descriptor: FileDescriptor

    /// Call before starting any other thread.
    public init() throws(Errno) {
        var signals = sigset_t()
        sigemptyset(&signals)
        sigaddset(&signals, SIGTERM)
        sigaddset(&signals, SIGINT)
        let blocked = pthread_sigmask(SIG_BLOCK, &signals, nil)
        if blocked != 0 { throw Errno(rawValue: blocked) }
        let (reader, writer) = try makePipe()
        try reader.setNonBlocking(true)
        let waitedFor = signals
        try Threads.detach {
            var waitSet = waitedFor
            while true {
                var number: Int32 = 0
                guard sigwait(&waitSet, &number) == 0 else { continue }
                try? writer.writeAll([UInt8(truncatingIfNeeded: number)])
            }
        }
        descriptor = reader
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
