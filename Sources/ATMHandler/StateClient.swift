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
        if connection == nil {
            do {
                connection = try Connection.connect(toUnixSocket: socketPath, until: commandDeadline)
            } catch {
                throw .unreachable(error)
            }
        }
        guard let descriptor = connection?.descriptor else { throw .noAnswer }
        do {
            try descriptor.writeAll(request.encoded, until: commandDeadline)
        } catch {
            connection = nil
            throw .notSent(error)
        }
        while true {
            let line: [UInt8]?
            do {
                line = try lines.nextLine()
            } catch {
                connection = nil
                throw .malformedReply("the reply is longer than \(Self.maximumReplyBytes) bytes")
            }
            if let line {
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
            guard let chunk = try? descriptor.read(upTo: 64 * 1024, until: waitDeadline), !chunk.isEmpty else {
                connection = nil
                throw .noAnswer
            }
            lines.append(chunk)
        }
    }
}
