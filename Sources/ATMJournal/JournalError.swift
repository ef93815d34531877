import ATMSystem

/// Why the journal refused to open or to append.
public enum JournalError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Damage that is not a torn tail: the daemon must refuse to start (exit 65, EX_DATAERR).
    case corrupt(file: String, offset: Int, reason: String)
    /// A file written by a format version this build does not know (also exit 65).
    case unsupportedVersion(file: String, offset: Int, version: UInt32)
    /// A system call failed. `mayBeDurable`: the record may still reappear after a restart
    /// (an fsync failed after its bytes were written); when false it is certainly not in the journal.
    case io(operation: String, file: String, errno: Errno, mayBeDurable: Bool)
    /// An earlier write, fsync or compaction failed: the journal refuses every append until it is
    /// reopened (restart), because retrying fsync on the same file can report success for lost data.
    case failedEarlier
    /// A payload above the format's limit; nothing was written and the journal is not poisoned.
    case payloadTooLarge(bytes: Int, limit: Int)

    /// Whether the record of the append that threw this may still be in the journal after a restart.
    public var recordMayBeDurable: Bool {
        if case .io(_, _, _, let mayBeDurable) = self { return mayBeDurable }
        return false
    }

    /// Whether this is damage in the files (refuse to start), rather than a failure of the machine.
    public var isDataError: Bool {
        switch self {
        case .corrupt, .unsupportedVersion: true
        case .io, .failedEarlier, .payloadTooLarge: false
        }
    }

    public var description: String {
        switch self {
        case .corrupt(let file, let offset, let reason):
            "journal damaged: \(file) at byte \(offset): \(reason)"
        case .unsupportedVersion(let file, let offset, let version):
            "journal format version \(version) not supported: \(file) at byte \(offset)"
        case .io(let operation, let file, let errno, let mayBeDurable):
            "journal \(operation) of \(file) failed: \(errno)" + (mayBeDurable ? " (the record may be durable)" : "")
        case .failedEarlier:
            "journal refuses changes after an earlier failure; restart to recover"
        case .payloadTooLarge(let bytes, let limit):
            "journal record of \(bytes) bytes exceeds the limit of \(limit)"
        }
    }
}

/// Runs `body`, turning a failed system call into ``JournalError/io(operation:file:errno:mayBeDurable:)``.
func io<Result>(
    _ operation: String, _ file: String, mayBeDurable: Bool = false, _ body: () throws(Errno) -> Result
) throws(JournalError) -> Result {
    do {
        return try body()
    } catch {
        throw .io(operation: operation, file: file, errno: error, mayBeDurable: mayBeDurable)
    }
}
