import CPosix

/// An owned, connected socket that closes when it goes out of scope.
public struct Connection: ~Copyable, Sendable {
    public let descriptor: FileDescriptor

    public init(adopting descriptor: FileDescriptor) {
        self.descriptor = descriptor
    }

    deinit {
        descriptor.close()
    }

    /// Connects to the Unix stream socket at `path` without ever blocking: a full backlog is `EAGAIN`, not a wait.
    ///
    /// The returned socket is non-blocking; use the deadline-taking reads and writes.
    public static func connect(toUnixSocket path: String, until deadline: Deadline) throws(Errno) -> Connection {
        guard let address = UnixSocketAddress(path: path) else { throw Errno(rawValue: ENAMETOOLONG) }
        let raw = try retryingInterrupts {
            socket(
                AF_UNIX, cInt(SOCK_STREAM) | cInt(SOCK_CLOEXEC) | cInt(SOCK_NONBLOCK), 0)
        }
        let connection = Connection(adopting: FileDescriptor(rawValue: raw))
        let result = address.withSocketAddress { CPosix.connect(raw, $0, $1) }
        if result == -1 {
            let error = Errno.current
            // A Unix socket connect either completes at once or fails; EINTR/EINPROGRESS leave it pending.
            if error != .interrupted && error != .inProgress { throw error }
            guard try connection.descriptor.wait(for: .writable, until: deadline) else {
                throw .timedOut
            }
            var pending: Int32 = 0
            var size = socklen_t(MemoryLayout<Int32>.size)
            getsockopt(raw, SOL_SOCKET, SO_ERROR, &pending, &size)
            if pending != 0 { throw Errno(rawValue: pending) }
        }
        return connection
    }
}
