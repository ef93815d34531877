import ATMBytes
import ATMCore
import ATMProtocol
import ATMSystem

/// One line per request on stderr — only when stderr is not the client's socket.
///
/// inetd and xinetd hand the connection as fds 0, 1 and 2; a log line written there would reach
/// the client inside its response. systemd gives the journal, socat and tests give a pipe.
public struct AccessLog: Sendable {
    private let destination: FileDescriptor
    /// The client's address as every line shows it: constant for the connection, so found once, not
    /// once per request of a kept-alive connection.
    private var peer: [UInt8]
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
        /// The request's W3C trace id and its span id here (the response's `traceparent`).
        public var trace: TraceSpan? = nil
    }

    /// Logs to `standardError` unless it is the same file as the connection's `input` or `output`.
    public init(standardError: FileDescriptor, input: FileDescriptor, output: FileDescriptor) {
        destination = standardError
        // One fstat each: stderr's also says whether it is open at all.
        if let log = standardError.fileIdentity {
            isEnabled = log != output.fileIdentity && log != input.fileIdentity
        } else {
            isEnabled = false
        }
        peer = isEnabled ? Self.peer(of: input) : []
    }

    /// Notes on `standardError` for a process with no connection of its own (``HandlerPool``'s parent, whose
    /// standard output may well be the same journal stream as its standard error).
    public init(standardError: FileDescriptor) {
        destination = standardError
        isEnabled = standardError.fileIdentity != nil
        peer = []
    }

    /// Shows `address` as every later line's peer: behind a PROXY v2 terminator the socket's peer is the proxy
    /// (`unix`), and only the header names the client.
    ///
    /// The address alone, without the header's source port: ``ClientIdentity`` keeps no port, and the one
    /// the client used is the terminator's business (its own log has it beside this request's id).
    public mutating func replacePeer(with address: ClientAddress) {
        guard isEnabled else { return }
        peer = Array(address.text.utf8)
    }

    /// `method path status microseconds peer request_id=… identity=… [state=…] trace_id=… span_id=…`.
    ///
    /// Fields are only ever added at the end, so a reader of an older line's fields reads this one too.
    /// Built as bytes, not by `String` interpolation: in a process that lives for one request the
    /// interpolated line cost more instructions than reading and parsing the request (bench/where-the-time-goes.md).
    public func record(_ entry: Entry) {
        guard isEnabled else { return }
        var line = ByteWriter(capacity: 256)
        line.append(ascii: "atm-handler: ")
        line.append(utf8: entry.method)
        line.append(UInt8(ascii: " "))
        if entry.path.isEmpty {
            line.append(UInt8(ascii: "-"))
        } else {
            for byte in entry.path.prefix(256) { line.append(byte > 0x20 && byte < 0x7F ? byte : UInt8(ascii: "?")) }
        }
        line.append(UInt8(ascii: " "))
        line.append(decimal: Int64(entry.status))
        line.append(UInt8(ascii: " "))
        line.append(decimal: entry.microseconds)
        line.append(ascii: "us ")
        line.append(bytes: peer)
        line.append(ascii: " request_id=")
        if let requestID = entry.requestID { line.append(utf8: requestID.text) } else { line.append(UInt8(ascii: "-")) }
        line.append(ascii: " identity=")
        if let identity = entry.identity {
            identity.appendLogValue(to: &line)
        } else {
            line.append(UInt8(ascii: "-"))
        }
        if let failure = entry.failure {
            line.append(ascii: " state=")
            line.append(utf8: failure)
        }
        if let trace = entry.trace {
            line.append(ascii: " trace_id=")
            trace.writeTraceID(to: &line)
            line.append(ascii: " span_id=")
            trace.writeSpanID(to: &line)
        } else {
            line.append(ascii: " trace_id=- span_id=-")
        }
        line.append(UInt8(ascii: "\n"))
        try? destination.writeAll(line, until: .after(milliseconds: 1000))
    }

    /// A line for operators that is not about one request (bad configuration).
    public func note(_ message: String) {
        guard isEnabled else { return }
        StandardError.write("atm-handler: \(message)", to: destination)
    }

    /// The client's address: REMOTE_ADDR (and REMOTE_PORT) when the super-server sets them, else `getpeername`.
    private static func peer(of connection: FileDescriptor) -> [UInt8] {
        var line: [UInt8] = []
        if let address = Environment.bytes("REMOTE_ADDR") ?? Environment.bytes("SOCAT_PEERADDR") {
            line += address
            if let port = Environment.bytes("REMOTE_PORT") ?? Environment.bytes("SOCAT_PEERPORT") {
                line.append(UInt8(ascii: ":"))
                line += port
            }
        } else if let name = connection.peerName {
            line.append(utf8: name)
        } else {
            line.append(UInt8(ascii: "-"))
        }
        return line
    }
}
