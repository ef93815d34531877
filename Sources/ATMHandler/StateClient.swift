import ATMBytes
import ATMCore
import ATMProtocol
import ATMSystem

/// Why a call to `atm-stated` got no usable reply, and so what the client may be told.
public enum StateCallError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Could not connect: nothing was sent, so nothing was applied.
    case unreachable(Errno)
    /// The command line could not be written whole: the daemon applies only whole lines, so nothing was applied.
    case notSent(Errno)
    /// The command was sent and no reply came in time (or the connection broke): it may have been applied.
    case noAnswer
    /// The reply was not a reply to this command: a bug on one side, the outcome unknown.
    case malformedReply(String)

    public var description: String {
        switch self {
        case .unreachable(let error): return "state-unreachable(\(error))"
        case .notSent(let error): return "state-send-failed(\(error))"
        case .noAnswer: return "state-no-answer"
        case .malformedReply(let reason): return "state-malformed-reply(\(reason))"
        }
    }
}

/// The handler's side of the daemon protocol: one connection, opened on first use and reused for
/// every request on the client's connection, each command with its deadline.
struct StateClient: ~Copyable {
    let socketPath: String
    /// The deadline each command carries, from when it is sent.
    let timeoutMilliseconds: Int
    private var connection: Connection?
    private var lines = LineReader(maximumLength: Self.maximumReplyBytes)

    /// The largest reply read (a LIST of very many accounts); a longer one counts as malformed.
    private static let maximumReplyBytes = 64 << 20
    /// How long past the command's own deadline the handler keeps waiting, so that a change the
    /// daemon applied just in time (and then made durable) is still answered with its outcome.
    static let graceMilliseconds = 250

    init(socketPath: String, timeoutMilliseconds: Int) {
        self.socketPath = socketPath
        self.timeoutMilliseconds = timeoutMilliseconds
    }

    /// Sends `request` with a deadline `timeoutMilliseconds` from now and waits a little past it for the reply.
    mutating func send(_ request: StateRequest) throws(StateCallError) -> StateReply {
        let commandDeadline = Deadline.after(milliseconds: timeoutMilliseconds)
        let waitDeadline = Deadline(
            nanoseconds: commandDeadline.nanoseconds + Int64(Self.graceMilliseconds) * 1_000_000)
        var request = request
        request.deadline = CommandDeadline(milliseconds: commandDeadline.nanoseconds / 1_000_000)
        let descriptor = try sendLine(until: commandDeadline) { request.write(to: &$0) }
        let line = try readLine(from: descriptor, until: waitDeadline)
        let reply: StateReply
        do {
            reply = try StateReply(decoding: line, answering: request.command)
        } catch {
            connection = nil
            throw .malformedReply(error.message)
        }
        if case .error(let error) = reply, error.code == .busy || error.code == .timeout {
            connection = nil  // the daemon closes after these
        }
        return reply
    }

    /// Connects if need be and writes the command line `write` makes; a failed write drops the
    /// connection (`notSent`).
    private mutating func sendLine(until deadline: Deadline, _ write: (inout ByteWriter) -> Void) throws(StateCallError)
        -> FileDescriptor
    {
        var line = ByteWriter(capacity: 192)
        write(&line)
        let descriptor = try connected(until: deadline)
        do {
            try descriptor.writeAll(line, until: deadline)
        } catch {
            connection = nil
            throw .notSent(error)
        }
        return descriptor
    }

    /// What `METRICS` came to: the exposition text, or the daemon's refusal (`busy`, the access policy,
    /// the rate limit).
    enum MetricsReply {
        case text([UInt8])
        case refused(ProtocolError)
    }

    /// Asks for the daemon's Prometheus text: `OK <byte count>`, a newline, then exactly that many bytes.
    mutating func metrics(_ command: MetricsCommand) throws(StateCallError) -> MetricsReply {
        let deadline = Deadline.after(milliseconds: timeoutMilliseconds)
        let descriptor = try sendLine(until: deadline) { command.write(to: &$0) }
        let line = try readLine(from: descriptor, until: deadline)
        if !ASCII.hasPrefix(line[...], "OK ") {
            connection = nil
            guard case .error(let error)? = try? StateReply(decoding: line, answering: .ping) else {
                throw .malformedReply("METRICS was answered neither OK nor ERR")
            }
            return .refused(error)
        }
        guard let count = DecimalDigits.parse(line.dropFirst(3), maximum: UInt64(MetricsCommand.maximumTextBytes))
        else {
            connection = nil
            throw .malformedReply("METRICS was answered without a byte count")
        }
        while true {
            if let text = lines.nextBytes(Int(count)) { return .text(text) }
            try readMore(from: descriptor, until: deadline)
        }
    }

    /// Tells the daemon how a request was answered (`REPORT`), without waiting: no reply comes.
    ///
    /// Connects if this handler has no connection yet; any failure is dropped, since a missed
    /// count must never cost the client anything.
    mutating func report(_ route: ReportedRoute, status: Int) {
        let deadline = Deadline.after(milliseconds: min(timeoutMilliseconds, Self.reportMilliseconds))
        _ = try? sendLine(until: deadline) { MetricsCommand.report(route, status: status).write(to: &$0) }
    }

    /// How long a REPORT may take to connect and write: the response is already on its way.
    private static let reportMilliseconds = 100

    /// The open connection, or a new one.
    private mutating func connected(until deadline: Deadline) throws(StateCallError) -> FileDescriptor {
        if connection == nil {
            do {
                connection = try Connection.connect(toUnixSocket: socketPath, until: deadline)
            } catch {
                throw .unreachable(error)
            }
        }
        guard let descriptor = connection?.descriptor else { throw .noAnswer }
        return descriptor
    }

    /// The next reply line, reading as needed until `deadline`.
    private mutating func readLine(from descriptor: FileDescriptor, until deadline: Deadline) throws(StateCallError)
        -> [UInt8]
    {
        while true {
            let line: [UInt8]?
            do {
                line = try lines.nextLine()
            } catch {
                connection = nil
                throw .malformedReply("the reply is longer than \(Self.maximumReplyBytes) bytes")
            }
            if let line { return line }
            try readMore(from: descriptor, until: deadline)
        }
    }

    /// Reads what the daemon sent next; no bytes by `deadline`, or a closed connection, is no answer.
    private mutating func readMore(from descriptor: FileDescriptor, until deadline: Deadline) throws(StateCallError) {
        guard let chunk = try? descriptor.read(upTo: 64 * 1024, until: deadline), !chunk.isEmpty else {
            connection = nil
            throw .noAnswer
        }
        lines.append(chunk)
    }
}
