import ATMSystem
import CPosix

/// systemd's readiness notification; socket activation is ATMSystem's ``SocketActivation``, which the handler shares.
public enum Systemd {
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
