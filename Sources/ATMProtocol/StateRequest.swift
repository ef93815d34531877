import ATMBytes
import ATMCore

/// One request line: a command and the attributes that travel with it.
///
/// `VERB arguments [after=ACCOUNT] [limit=N] [budget=MS] [deadline=MS] [key=KEY] [request=ID] [identity=SUBJECT]
/// [address=ADDRESS] [trace=TRACE-SPAN]`,
/// attributes in any order, each at most once, and any others ignored (docs/protocol.md, *Compatibility*).
/// A person typing at the socket may leave them all out.
public struct StateRequest: Sendable, Hashable {
    public var command: StateCommand
    /// Refuse the command rather than apply it after this moment of the daemon's monotonic clock, however
    /// the line said it (`deadline=` or `budget=`).
    public var deadline: CommandDeadline?
    /// Apply the command at most once for this key (deposit, withdraw and transfer only).
    public var idempotencyKey: IdempotencyKey?
    /// The HTTP request this command serves, for the audit line.
    public var requestID: RequestID?
    /// Who the HTTP client proved to be (its certificate subject), for the access policy, rate limits and audit.
    public var identity: ClientSubject?
    /// Where the HTTP client connected from, for rate limits when it has no identity.
    public var address: ClientAddress?
    /// The W3C trace and the handler's span this command serves (`trace=`), for the audit line.
    ///
    /// Optional in the protocol's sense: a daemon of version 2 from before it ignores it; one of version 1
    /// refuses it, and the handler then sends the command again without it (docs/protocol.md, *Attributes*).
    public var trace: TraceSpan?

    public init(
        _ command: StateCommand, deadline: CommandDeadline? = nil, idempotencyKey: IdempotencyKey? = nil,
        requestID: RequestID? = nil, trace: TraceSpan? = nil
    ) {
        self.command = command
        self.deadline = deadline
        self.idempotencyKey = idempotencyKey
        self.requestID = requestID
        self.trace = trace
    }

    /// The longest request line the daemon reads, newline included; longer lines are refused.
    ///
    /// Room for the longest command with a 255-byte key, a 128-byte request id, a 512-byte identity
    /// percent-encoded (three bytes each at worst) and a 49-byte trace, with margin.
    public static let maximumLineLength = 4096

    /// The line to send, newline included.
    public var encoded: [UInt8] {
        var line: [UInt8] = []
        line.reserveCapacity(128)
        write(to: &line)
        return line
    }

    /// Writes ``encoded`` into `line`: version 1's form, the deadline as a moment of this host's clock.
    public func write<Sink: ByteSink & ~Copyable>(to line: inout Sink) {
        command.write(to: &line)
        if let deadline {
            line.append(ascii: " deadline=")
            line.append(decimal: deadline.milliseconds)
        }
        writeAttributes(to: &line)
    }

    /// Writes the line in version 2's form: `budget=` milliseconds, counted by the daemon from when it
    /// reads the line, instead of ``deadline``, so that it means the same whatever the daemon's clock.
    public func write<Sink: ByteSink & ~Copyable>(to line: inout Sink, budgetMilliseconds: Int64) {
        command.write(to: &line)
        line.append(ascii: " budget=")
        line.append(decimal: budgetMilliseconds)
        writeAttributes(to: &line)
    }

    /// The largest `budget=` read; a longer one is malformed.
    public static let maximumBudgetMilliseconds = Int64(Int32.max)

    private func writeAttributes<Sink: ByteSink & ~Copyable>(to line: inout Sink) {
        if let idempotencyKey {
            line.append(ascii: " key=")
            line.append(utf8: idempotencyKey.text)
        }
        if let requestID {
            line.append(ascii: " request=")
            line.append(utf8: requestID.text)
        }
        Self.appendClientAttributes(identity: identity, address: address, to: &line)
        if let trace {
            line.append(ascii: " trace=")
            trace.write(to: &line)
        }
        line.append(UInt8(ascii: "\n"))
    }

    /// Decodes one line (without its `\n`; a trailing `\r` is tolerated for people typing).
    ///
    /// `receivedAt` is when the daemon read the line, in milliseconds of its CLOCK_MONOTONIC: what a
    /// `budget=` counts from. Without it (a stored line, a test) a budget is refused. With both a budget
    /// and a `deadline=`, the earlier moment holds.
    public init(decoding line: ArraySlice<UInt8>, receivedAt: Int64? = nil) throws(ProtocolError) {
        var fields = try ProtocolFields(line)
        self.init(try StateCommand(reading: &fields))
        var budgetEnd: CommandDeadline?
        while let field = fields.next() {
            let attribute = try ProtocolAttribute(field)
            let name = attribute.name
            let value = attribute.value
            if ASCII.equals(name, "budget") {
                guard budgetEnd == nil,
                    let milliseconds = DecimalDigits.parse(value, in: 0...Self.maximumBudgetMilliseconds)
                else {
                    throw ProtocolError(.badArgument, "budget= takes one whole number of milliseconds")
                }
                guard let receivedAt else {
                    throw ProtocolError(.badArgument, "budget= counts from receipt: only a live connection takes it")
                }
                let (sum, overflow) = receivedAt.addingReportingOverflow(milliseconds)
                budgetEnd = CommandDeadline(milliseconds: overflow ? .max : sum)
            } else if ASCII.equals(name, "deadline") {
                guard deadline == nil, let milliseconds = DecimalDigits.parse(value, in: 0...Int64.max) else {
                    throw ProtocolError(.badArgument, "deadline= takes one whole number of milliseconds")
                }
                deadline = CommandDeadline(milliseconds: milliseconds)
            } else if ASCII.equals(name, "key") {
                guard command.movesMoney else {
                    throw ProtocolError(.badArgument, "only DEPOSIT, WITHDRAW and TRANSFER take a key")
                }
                guard idempotencyKey == nil, let key = IdempotencyKey(value) else {
                    throw ProtocolError(.badArgument, "key= takes one key of 1 to 255 visible ASCII characters")
                }
                idempotencyKey = key
            } else if ASCII.equals(name, "request") {
                guard requestID == nil, let id = RequestID(value) else {
                    throw ProtocolError(.badArgument, "request= takes one id of 1 to 128 visible ASCII characters")
                }
                requestID = id
            } else if ASCII.equals(name, "trace") {
                guard trace == nil, let span = TraceSpan(encoded: value) else {
                    throw ProtocolError(
                        .badArgument,
                        "trace= takes one trace id and span id: 32 and 16 lowercase hex digits, joined by -")
                }
                trace = span
            } else if ASCII.equals(name, "after") || ASCII.equals(name, "limit") {
                guard case .list(var page) = command else {
                    throw ProtocolError(.badArgument, "only LIST takes after= and limit=")
                }
                try page.read(name, value)
                command = .list(page)
            } else if try !Self.readClientAttribute(name, value, identity: &identity, address: &address) {
                try attribute.ignoreAsUnknown()
            }
        }
        if let budgetEnd {
            deadline = min(deadline ?? budgetEnd, budgetEnd)
        }
    }

    /// Reads `identity=` or `address=` into its place (each at most once); false for any other name.
    /// METRICS takes these two as well, so both readers share this.
    static func readClientAttribute(
        _ name: ArraySlice<UInt8>, _ value: ArraySlice<UInt8>, identity: inout ClientSubject?,
        address: inout ClientAddress?
    ) throws(ProtocolError) -> Bool {
        if ASCII.equals(name, "identity") {
            guard identity == nil, let subject = ClientSubject(encoded: value) else {
                throw ProtocolError(.badArgument, "identity= takes one percent-encoded subject of 1 to 512 bytes")
            }
            identity = subject
            return true
        }
        if ASCII.equals(name, "address") {
            guard address == nil, let client = ClientAddress(value) else {
                throw ProtocolError(.badArgument, "address= takes one address of 1 to 64 visible ASCII characters")
            }
            address = client
            return true
        }
        return false
    }

    /// Appends ` identity=…` and ` address=…` for those given.
    static func appendClientAttributes<Sink: ByteSink & ~Copyable>(
        identity: ClientSubject?, address: ClientAddress?, to line: inout Sink
    ) {
        if let identity {
            line.append(ascii: " identity=")
            identity.write(to: &line)
        }
        if let address {
            line.append(ascii: " address=")
            line.append(utf8: address.text)
        }
    }

    /// Decodes one line given as an array.
    public init(decoding line: [UInt8], receivedAt: Int64? = nil) throws(ProtocolError) {
        try self.init(decoding: line[...], receivedAt: receivedAt)
    }
}
