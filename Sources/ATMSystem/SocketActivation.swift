import CPosix

/// systemd's socket-passing convention (sd_listen_fds(3)), as `systemd-socket-activate` and a socket unit
/// with `Accept=no` follow it: the daemon's listening socket, and the handler pool's (`ATM_HANDLER_POOL`).
public enum SocketActivation {
    /// The first socket passed to this very process (`LISTEN_FDS`, fd 3), if any.
    ///
    /// The variables are removed afterwards so children do not mistake them for their own (sd_listen_fds(3)).
    public static func takeListeningDescriptor() -> FileDescriptor? {
        defer {
            Environment.remove("LISTEN_PID")
            Environment.remove("LISTEN_FDS")
            Environment.remove("LISTEN_FDNAMES")
        }
        guard let pid = Environment.value("LISTEN_PID"), Int32(pid) == getpid(),
            let count = Environment.value("LISTEN_FDS").flatMap({ Int($0) }), count >= 1
        else { return nil }
        return FileDescriptor(rawValue: 3)
    }
}

extension FileDescriptor {
    /// Whether this is a socket in the listening state (SO_ACCEPTCONN): what a pool accepts from, unlike the
    /// connected socket `Accept=yes` passes in the same place.
    public var isListeningSocket: Bool {
        var listening: Int32 = 0
        var size = socklen_t(MemoryLayout<Int32>.size)
        return getsockopt(rawValue, SOL_SOCKET, SO_ACCEPTCONN, &listening, &size) == 0 && listening != 0
    }

    /// The next pending connection, close-on-exec, and non-blocking when `nonBlocking` (`accept4` sets both
    /// flags in the one call); `nil` when none is waiting or a signal interrupted the wait, and for a
    /// connection that was aborted before it was taken.
    public func accept(nonBlocking: Bool = false) throws(Errno) -> FileDescriptor? {
        let flags = cInt(SOCK_CLOEXEC) | (nonBlocking ? cInt(SOCK_NONBLOCK) : 0)
        let raw = cposix_accept4(rawValue, flags)
        if raw >= 0 {
            return FileDescriptor(rawValue: raw)
        }
        let error = Errno.current
        switch error.rawValue {
        case EAGAIN, EINTR, ECONNABORTED, EPROTO: return nil
        default: throw error
        }
    }

    /// dup2(2): makes `target` refer to this descriptor's file (without close-on-exec), closing what it held.
    public func duplicate(onto target: FileDescriptor) throws(Errno) {
        _ = try retryingInterrupts { dup2(rawValue, target.rawValue) }
    }
}
