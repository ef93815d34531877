import ATMSystem
import CPosix

/// An owned, listening Unix stream socket; closes in `deinit`.
///
/// Accepts without blocking, so one `poll` can watch it next to a signal descriptor.
public struct ListeningSocket: ~Copyable, Sendable {
    public let descriptor: FileDescriptor
    /// The socket file this process created, removed by ``removeSocketFile()``; `nil` for an adopted socket.
    public let ownedPath: String?

    /// Takes over an already listening descriptor (systemd socket activation).
    public init(adopting descriptor: FileDescriptor) throws(Errno) {
        self.descriptor = descriptor
        ownedPath = nil
        try descriptor.setNonBlocking(true)
        _ = try retryingInterrupts { cposix_fcntl_int(descriptor.rawValue, F_SETFD, FD_CLOEXEC) }
    }

    /// `socket` + `bind` + `chmod` + `listen` on `path`, which must not exist.
    public init(bindingUnixSocket path: String, mode: mode_t, backlog: Int32) throws(Errno) {
        guard let address = UnixSocketAddress(path: path) else { throw Errno(rawValue: ENAMETOOLONG) }
        let raw = try retryingInterrupts {
            socket(
                AF_UNIX, cInt(SOCK_STREAM) | cInt(SOCK_CLOEXEC) | cInt(SOCK_NONBLOCK), 0)
        }
        do {
            _ = try retryingInterrupts { address.withSocketAddress { CPosix.bind(raw, $0, $1) } }
            _ = try retryingInterrupts { chmod(path, mode) }
            _ = try retryingInterrupts { listen(raw, backlog) }
        } catch {
            FileDescriptor(rawValue: raw).close()
            throw error
        }
        descriptor = FileDescriptor(rawValue: raw)
        ownedPath = path
    }

    /// Removes the socket file if this process created it, so the path is free for the next daemon.
    public func removeSocketFile() {
        if let ownedPath { removeFile(ownedPath) }
    }

    deinit {
        descriptor.close()
    }

    /// The next pending connection, or `nil` when none is waiting (``FileDescriptor/accept(nonBlocking:)``).
    public func accept(nonBlocking: Bool = false) throws(Errno) -> FileDescriptor? {
        try descriptor.accept(nonBlocking: nonBlocking)
    }
}
