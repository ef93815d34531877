import ATMSystem
import CPosix

/// An exclusive advisory lock on a file (`flock(2)`), held until this value goes away.
///
/// Two daemons appending to one journal would interleave records; the second one to start finds
/// the lock taken and refuses, while a crashed holder's lock vanishes with its process.
public struct FileLock: ~Copyable, Sendable {
    private let descriptor: FileDescriptor

    /// Why the lock could not be had.
    public enum Failure: Error, Sendable, Hashable {
        /// Another process holds it.
        case held
        case failed(Errno)
    }

    /// Takes the lock on `path` (created 0600 if missing) without waiting.
    public init(path: String) throws(Failure) {
        let raw = cposix_open_creating(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard raw >= 0 else { throw .failed(Errno.current) }
        var locked: Int32
        repeat {
            locked = flock(raw, LOCK_EX | LOCK_NB)
        } while locked == -1 && Errno.current == .interrupted
        if locked == -1 {
            let error = Errno.current
            _ = CPosix.close(raw)
            throw error == .wouldBlock ? .held : .failed(error)
        }
        descriptor = FileDescriptor(rawValue: raw)
    }

    deinit {
        descriptor.close()
    }
}
