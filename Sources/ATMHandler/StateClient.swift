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
    /// The daemon answered HELLO in no form this handler knows (or not at all) before the command was
    /// sent: nothing was applied.
    case versionSkew(String)

    public var description: String {
        switch self {
        case .unreachable(let error): return "state-unreachable(\(error))"
        case .notSent(let error): return "state-send-failed(\(error))"
        case .noAnswer: return "state-no-answer"
        case .malformedReply(let reason): return "state-malformed-reply(\(reason))"
        case .versionSkew(let reason): return "state-version-skew(\(reason))"
        }
    }
}

/// The handler's side of the daemon protocol: one connection, opened on first use and reused for
/// every request on the client's connection, each command with its deadline.
///
/// The first command on a connection goes in version 1's form, which every daemon reads, followed in
/// the same write by `HELLO`; its answer is read just before the next command, which then goes in the
/// form agreed (docs/protocol.md, *Versions*). A connection that serves one request never waits for it.
struct StateClient: ~Copyable {
    let socketPath: String
    /// The deadline each command carries, from when it is sent.
    let timeoutMilliseconds: Int
    private var connection: Connection?
    private var lines = LineReader(maximumLength: Self.maximumReplyBytes)
    /// What the daemon on this connection speaks; `nil` until its answer to HELLO has been read.
    private var version: ProtocolVersion?
    /// HELLO was sent and its answer, owed after the reply to the command before it, is unread.
    private var isHelloOwed = false
    /// A REPORT not written yet: it goes in the same write as the next command, or alone by ``flushReport()``.
    private var pendingReport: (route: ReportedRoute, status: Int)?

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
        let descriptor = try connected(until: commandDeadline)
        let speaks = try settledVersion(from: descriptor, until: commandDeadline)
        var line = ByteWriter(capacity: 256)
        takePendingReport(into: &line)
        let deadline = CommandDeadline(milliseconds: commandDeadline.nanoseconds / 1_000_000)
        if let speaks, speaks >= .budgets {
            request.write(to: &line, budgetMilliseconds: Int64(timeoutMilliseconds))
        } else {
            // Version 1 refuses attributes it does not know.
            var original = speaks == .original ? request.inVersion1Form : request
            original.deadline = deadline
            original.write(to: &line)
        }
        try write(&line, to: descriptor, asking: speaks == nil, until: commandDeadline)
        var reply = try reply(to: request.command, from: descriptor, until: waitDeadline)
        // Only a daemon of version 1 refuses `trace=` or LIST's paging (and so applied nothing): the first
        // command went before its answer to HELLO, so it goes again as version 1 reads it, once. An answer
        // to HELLO in no known form leaves the refusal as it is (and the connection dropped).
        if case .error(let error) = reply, error.code == .badArgument, request.needsVersion2, speaks == nil,
            connection != nil, (try? settledVersion(from: descriptor, until: commandDeadline)) == .original
        {
            var bare = request.inVersion1Form
            bare.deadline = deadline
            var again = ByteWriter(capacity: 256)
            bare.write(to: &again)
            try write(&again, to: descriptor, asking: false, until: commandDeadline)
            reply = try self.reply(to: bare.command, from: descriptor, until: waitDeadline)
        }
        if case .error(let error) = reply, error.code == .busy || error.code == .timeout {
            connection = nil  // the daemon closes after these
        }
        return reply
    }

    /// Reads and decodes the reply to `command`; one that does not answer it drops the connection.
    private mutating func reply(to command: StateCommand, from descriptor: FileDescriptor, until deadline: Deadline)
        throws(StateCallError) -> StateReply
    {
        let answer = try replyLine(from: descriptor, until: deadline)
        do throws(ProtocolError) {
            return try StateReply(decoding: answer, answering: command)
        } catch {
            connection = nil
            throw .malformedReply(error.message)
        }
    }

    /// Writes `line`, followed by HELLO when `asking`; a failed write drops the connection (`notSent`).
    private mutating func write(
        _ line: inout ByteWriter, to descriptor: FileDescriptor, asking: Bool, until deadline: Deadline
    ) throws(StateCallError) {
        if asking { ProtocolHello().write(to: &line) }
        do {
            try descriptor.writeAll(line, until: deadline)
        } catch {
            connection = nil
            throw .notSent(error)
        }
        if asking { isHelloOwed = true }
    }

    /// What the daemon speaks, reading its answer to HELLO first if it is owed; `nil` when HELLO was
    /// never sent on this connection. An answer it cannot read drops the connection (`versionSkew`):
    /// the command waiting for it has not been sent.
    private mutating func settledVersion(from descriptor: FileDescriptor, until deadline: Deadline)
        throws(StateCallError) -> ProtocolVersion?
    {
        guard isHelloOwed else { return version }
        isHelloOwed = false
        let line: [UInt8]
        do {
            line = try readLine(from: descriptor, until: deadline)
        } catch {
            connection = nil
            throw .versionSkew("HELLO unanswered")
        }
        switch ProtocolHello.answer(decoding: line[...]) {
        case .agreed(let agreed): version = agreed
        case .predatesHello: version = .original
        case .unexpected:
            connection = nil
            throw .versionSkew("HELLO answered " + String(decoding: line.prefix(64), as: UTF8.self))
        }
        return version
    }

    /// The next reply line, without the attributes a daemon of version 2 or later may add to an `OK`.
    private mutating func replyLine(from descriptor: FileDescriptor, until deadline: Deadline) throws(StateCallError)
        -> ArraySlice<UInt8>
    {
        let line = try readLine(from: descriptor, until: deadline)
        guard let version, version >= .budgets else { return line[...] }
        return ReplyAttributes.removed(from: line[...])
    }

    /// What `METRICS` came to: the exposition text, or the daemon's refusal (`busy`, the access policy,
    /// the rate limit).
    enum MetricsReply {
        case text([UInt8])
        case refused(ProtocolError)
    }

    /// Asks for the daemon's Prometheus text: `OK <byte count>`, a newline, then exactly that many bytes.
    ///
    /// A daemon that does not speak HELLO and refuses the client attributes as malformed predates them
    /// (the handler builds them with the types the daemon reads them with), and so has no access
    /// policy or rate limit that could use them: the command goes again without them, once.
    mutating func metrics(identity: ClientSubject?, address: ClientAddress?) throws(StateCallError) -> MetricsReply {
        let deadline = Deadline.after(milliseconds: timeoutMilliseconds)
        let descriptor = try connected(until: deadline)
        let speaks = try settledVersion(from: descriptor, until: deadline)
        var line = ByteWriter(capacity: 192)
        takePendingReport(into: &line)
        MetricsCommand.metrics(identity: identity, address: address).write(to: &line)
        try write(&line, to: descriptor, asking: speaks == nil, until: deadline)
        var reply = try metricsReply(from: descriptor, until: deadline)
        if case .refused(let error) = reply, error.code == .badArgument, identity != nil || address != nil,
            connection != nil, try settledVersion(from: descriptor, until: deadline) == .original
        {
            var bare = ByteWriter(capacity: 16)
            MetricsCommand.metrics().write(to: &bare)
            try write(&bare, to: descriptor, asking: false, until: deadline)
            reply = try metricsReply(from: descriptor, until: deadline)
        }
        if case .refused = reply { connection = nil }
        return reply
    }

    /// Reads the answer to one METRICS.
    private mutating func metricsReply(from descriptor: FileDescriptor, until deadline: Deadline)
        throws(StateCallError) -> MetricsReply
    {
        let line = try replyLine(from: descriptor, until: deadline)
        if !ASCII.hasPrefix(line, "OK ") {
            guard case .error(let error)? = try? StateReply(decoding: line, answering: .ping) else {
                connection = nil
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
    /// The line waits for the next command, so that a kept-alive connection's next request costs the daemon
    /// one read, not two; ``flushReport()`` sends it alone when no command follows soon.
    mutating func report(_ route: ReportedRoute, status: Int) {
        flushReport()
        pendingReport = (route, status)
    }

    /// Whether a REPORT is waiting to be written.
    var hasPendingReport: Bool { pendingReport != nil }

    /// Writes the waiting REPORT on its own. Connects if this handler has no connection yet; any failure is
    /// dropped, since a missed count must never cost the client anything.
    mutating func flushReport() {
        guard pendingReport != nil else { return }
        let deadline = Deadline.after(milliseconds: min(timeoutMilliseconds, Self.reportMilliseconds))
        guard let descriptor = try? connected(until: deadline) else {
            pendingReport = nil
            return
        }
        var line = ByteWriter(capacity: 32)
        takePendingReport(into: &line)
        try? write(&line, to: descriptor, asking: false, until: deadline)
    }

    /// Puts the waiting REPORT, if any, at the start of `line`, and forgets it.
    private mutating func takePendingReport(into line: inout ByteWriter) {
        guard let report = pendingReport else { return }
        pendingReport = nil
        MetricsCommand.report(report.route, status: report.status).write(to: &line)
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
            // A new connection, perhaps to a daemon restarted at another version: nothing carries over.
            version = nil
            isHelloOwed = false
            if lines.hasPartialLine { lines = LineReader(maximumLength: Self.maximumReplyBytes) }
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
