import ATMSystem
import CPosix

/// The two systemd conventions the daemon speaks: socket activation and readiness notification.
public enum Systemd {
    /// The first socket passed by systemd (`LISTEN_FDS`, fd 3), if it was passed to this very process.
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

    /// Sends `READY=1` to `$NOTIFY_SOCKET` when it is set (sd_notify(3)); silent otherwise.
    public static func notifyReady() {
        guard let path = Environment.value("NOTIFY_SOCKET"), let address = UnixSocketAddress(path: path) else { return }
        let raw = socket(AF_UNIX, cInt(SOCK_DGRAM) | cInt(SOCK_CLOEXEC), 0)
        guard raw >= 0 else { return }
        defer { FileDescriptor(rawValue: raw).close() }
        let message = Array("READY=1".utf8)
        _ = address.withSocketAddress { pointer, length in
            message.withUnsafeBytes { sendto(raw, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL), pointer, length) }
        }
    }
}
