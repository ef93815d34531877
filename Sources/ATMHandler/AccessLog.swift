import ATMProtocol
import ATMSystem

/// One line per request on stderr — only when stderr is not the client's socket.
///
/// inetd and xinetd hand the connection as fds 0, 1 and 2; a log line written there would reach
/// the client inside its response. systemd gives the journal, socat and tests give a pipe.
public struct AccessLog: Sendable {
    private let destination: FileDescriptor
    private let connection: FileDescriptor
    public let isEnabled: Bool

    /// What one line says about one request.
    public struct Entry: Sendable {
        public var method: String
        public var path: [UInt8]
        /// The status written, or 0 when the response could not be written.
        public var status: Int
        public var requestID: RequestID?
        /// Why the daemon gave no usable answer (`state-no-answer`, …), when it did not.
        public var failure: String?
        public var microseconds: Int64
        /// Who the client is (its certificate subject), when the front says.
        public var identity: ClientIdentity? = nil
    }

    /// Logs to `standardError` unless it is the same file as the connection's `input` or `output`.
    public init(standardError: FileDescriptor, input: FileDescriptor, output: FileDescriptor) {
        destination = standardError
        connection = input
        isEnabled =
            standardError.isOpen && !standardError.isSameFile(as: output) && !standardError.isSameFile(as: input)
    }

    /// `method path status microseconds peer request_id=… [state=…]`; the peer is looked up only when written.
    public func record(_ entry: Entry) {
        guard isEnabled else { return }
        let shownPath = String(
            decoding: entry.path.prefix(256).map { $0 > 0x20 && $0 < 0x7F ? $0 : UInt8(ascii: "?") }, as: UTF8.self)
        var line =
            "atm-handler: \(entry.method) \(shownPath.isEmpty ? "-" : shownPath) \(entry.status) \(entry.microseconds)us \(peer())"
        line += " request_id=\(entry.requestID?.text ?? "-") identity=\(entry.identity?.logValue ?? "-")"
        if let failure = entry.failure { line += " state=\(failure)" }
        StandardError.write(line, to: destination)
    }

    /// A line for operators that is not about one request (bad configuration).
    public func note(_ message: String) {
        guard isEnabled else { return }
        StandardError.write("atm-handler: \(message)", to: destination)
    }

    /// The client's address: REMOTE_ADDR (and REMOTE_PORT) when the super-server sets them, else `getpeername`.
    private func peer() -> String {
        if let address = Environment.value("REMOTE_ADDR") ?? Environment.value("SOCAT_PEERADDR") {
            let port = Environment.value("REMOTE_PORT") ?? Environment.value("SOCAT_PEERPORT")
            return port.map { "\(address):\($0)" } ?? address
        }
        return connection.peerName ?? "-"
    }
}
