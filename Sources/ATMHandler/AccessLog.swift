import ATMSystem

/// One line per request on stderr — only when stderr is not the client's socket.
///
/// inetd and xinetd hand the connection as fds 0, 1 and 2; a log line written there would reach
/// the client inside its response. systemd gives the journal, socat and tests give a pipe.
struct AccessLog {
    let isEnabled: Bool

    init() {
        let standardError = FileDescriptor.standardError
        isEnabled =
            standardError.isOpen && !standardError.isSameFile(as: .standardOutput)
            && !standardError.isSameFile(as: .standardInput)
    }

    /// `method path status microseconds peer`; the peer is looked up only when the line is written.
    func record(method: String, path: [UInt8], status: Int, microseconds: Int64) {
        guard isEnabled else { return }
        let peer = Self.peer()
        let shownPath = String(
            decoding: path.prefix(256).map { $0 > 0x20 && $0 < 0x7F ? $0 : UInt8(ascii: "?") }, as: UTF8.self)
        StandardError.write(
            "atm-handler: \(method) \(shownPath.isEmpty ? "-" : shownPath) \(status) \(microseconds)us \(peer)")
    }

    /// A line for operators that is not about one request (bad configuration).
    func note(_ message: String) {
        guard isEnabled else { return }
        StandardError.write("atm-handler: \(message)")
    }

    /// The client's address: REMOTE_ADDR (and REMOTE_PORT) when the super-server sets them, else `getpeername`.
    private static func peer() -> String {
        if let address = Environment.value("REMOTE_ADDR") ?? Environment.value("SOCAT_PEERADDR") {
            let port = Environment.value("REMOTE_PORT") ?? Environment.value("SOCAT_PEERPORT")
            return port.map { "\(address):\($0)" } ?? address
        }
        return CurrentProcess.peerName(of: .standardInput) ?? "-"
    }
}
