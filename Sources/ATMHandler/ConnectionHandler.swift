import ATMAPI
import ATMBytes
import ATMCore
import ATMProtocol
import ATMSystem
import HTTP1

/// Serves one client connection: read a request under its deadlines, answer it, and either close
/// cleanly or (with keep-alive on) read the next one, reusing one connection to the daemon.
public struct ConnectionHandler: ~Copyable {
    private let input: FileDescriptor
    private let output: FileDescriptor
    private let configuration: HandlerConfiguration
    private var log: AccessLog
    private var client: StateClient
    private var reader: HTTPRequestReader
    /// When the current request's first byte may have arrived; its deadlines count from here.
    private var requestStart: Deadline
    /// Whether the current request has sent any byte: one that sent nothing in time is closed quietly.
    private var hasReceivedBytes = false
    /// Who the client is, read on first use (a request that never reaches the daemon does not need it).
    private var identity: ClientIdentity?

    /// How long to keep reading (and discarding) after an early answer, so the client sees it and not a reset.
    private static let drainMilliseconds = 1_000
    private static let drainBytes = 1 << 20
    /// How long a kept-alive connection's REPORT waits for the next request's command to go with.
    private static let reportDelayMilliseconds = 20

    /// Serves the connection on stdin and stdout with the process's environment (or answers `--help`,
    /// `--version` or `--man`); returns the exit status.
    public static func run() -> ExitStatus {
        let start = Deadline.now
        Signals.ignoreBrokenPipe()
        let log = AccessLog(standardError: .standardError, input: .standardInput, output: .standardOutput)
        // Super-servers pass no arguments; only an operator's question has any.
        if CurrentProcess.hasArguments {
            return HandlerCommand.parse(CurrentProcess.arguments)
                .answer(output: .standardOutput, log: log)
        }
        let settings = Environment.Snapshot(prefix: "ATM_")
        switch HandlerConfiguration.parse(environment: settings.value) {
        case .success(let configuration) where configuration.poolSpares > 0:
            return runPool(configuration)
        case .success(let configuration):
            var handler = ConnectionHandler(
                input: .standardInput, output: .standardOutput, configuration: configuration, log: log, start: start)
            handler.serve()
        case .failure(let error) where (settings.value(HandlerSettings.pool.name) ?? "0") != "0":
            // A pool has an operator watching its unit and no client to answer: it refuses to start.
            AccessLog(standardError: .standardError).note("handler pool: not starting: \(error.description)")
            return .configuration
        case .failure(let error):
            log.note("refusing requests: \(error.description)")
            let response = APIError.misconfigured.response
            let written =
                (try? FileDescriptor.standardOutput.writeAll(
                    response.serialized(date: HTTPDate(secondsSinceEpoch: WallClock.millisecondsSinceEpoch / 1000)),
                    until: .after(milliseconds: HandlerConfiguration().requestTimeoutMilliseconds)))
                != nil
            log.record(
                AccessLog.Entry(
                    method: "-", path: [], status: written ? response.status.code : 0, requestID: nil, failure: nil,
                    microseconds: Deadline.microseconds(since: start)))
        }
        return .success
    }

    /// `ATM_HANDLER_POOL`: the pool on the listening socket systemd passed, each child serving one connection.
    private static func runPool(_ configuration: HandlerConfiguration) -> ExitStatus {
        let log = AccessLog(standardError: .standardError)
        guard let listener = SocketActivation.takeListeningDescriptor(), listener.isListeningSocket else {
            log.note(
                "handler pool: not starting: \(HandlerSettings.pool.name) needs a listening socket passed as fd 3"
                    + " (LISTEN_FDS=1: a socket unit with Accept=no, or systemd-socket-activate without --accept)")
            return .configuration
        }
        let pool = HandlerPool(listener: listener, spares: configuration.poolSpares, log: log)
        return pool.run { start in
            let connectionLog = AccessLog(
                standardError: .standardError, input: .standardInput, output: .standardOutput)
            var handler = ConnectionHandler(
                input: .standardInput, output: .standardOutput, configuration: configuration, log: connectionLog,
                start: start)
            handler.serve()
        }
    }

    /// A handler for the connection on `input` and `output` (the same socket, or two ends of pipes in tests).
    public init(
        input: FileDescriptor, output: FileDescriptor, configuration: HandlerConfiguration, log: AccessLog,
        start: Deadline = .now
    ) {
        self.input = input
        self.output = output
        self.configuration = configuration
        self.log = log
        client = StateClient(
            socketPath: configuration.stateSocketPath, timeoutMilliseconds: configuration.stateTimeoutMilliseconds)
        reader = HTTPRequestReader(limits: configuration.limits)
        requestStart = start
    }

    /// Serves requests until the connection ends, then closes it.
    public mutating func serve() {
        if configuration.readsProxyHeader {
            switch readProxyHeader() {
            case .success(let client):
                identity = client
                // The socket's peer is the proxy; a LOCAL or UNSPEC header names no address, so it stays.
                if let address = client.address { log.replacePeer(with: address) }
            case .failure(let error):
                // Said to the operator, not to the client: the peer is the proxy, and no request was read.
                log.note("closing a connection: \(error.description)")
                close()
                return
            }
        }
        var served = 0
        while true {
            served += 1
            let isLast = served >= configuration.keepAliveRequests
            guard var exchange = respond() else { break }
            // A request too broken to have a head still gets an id.
            let requestID = exchange.requestID ?? RequestIDField.make(from: Self.randomPair())
            exchange.requestID = requestID
            exchange.response.extraFields.reserveCapacity(exchange.response.extraFields.count + 3)
            exchange.response.extraFields.append(HTTPField(name: "X-Request-ID", value: Array(requestID.text.utf8)))
            let trace = exchange.trace ?? TraceContext(for: nil, random: RandomBytes.words)
            trace.addFields(to: &exchange.response)
            if exchange.allowsAnother { _ = reader.next() }  // a request without a body is complete at its head
            var response = exchange.response
            let keepsOpen = !isLast && exchange.allowsAnother && reader.isComplete
            response.closesConnection = !keepsOpen
            let date = HTTPDate(secondsSinceEpoch: WallClock.millisecondsSinceEpoch / 1000)
            let includingBody = exchange.head?.method != .HEAD
            var bytes = ByteWriter(capacity: response.estimatedSize(includingBody: includingBody))
            response.write(date: date, includingBody: includingBody, to: &bytes)
            let written = (try? output.writeAll(bytes, until: writeDeadline)) != nil
            // Logged before closing: a super-server may end the process once the client has its answer.
            log.record(
                AccessLog.Entry(
                    method: exchange.head?.method.rawValue ?? "-", path: exchange.head?.path ?? [],
                    status: written ? response.status.code : 0, requestID: exchange.requestID,
                    failure: exchange.failure, microseconds: Deadline.microseconds(since: requestStart),
                    identity: identity, trace: trace.span))
            // Counted by the daemon (atm_http_responses_total) once the client has its answer.
            if written { client.report(exchange.reported, status: response.status.code) }
            guard written, keepsOpen, awaitNextRequest() else { break }
        }
        close()
    }

    /// What one request came to.
    private struct Exchange {
        var head: HTTPRequestHead?
        var response: HTTPResponse
        var requestID: RequestID?
        /// The request's W3C trace and span (``TraceContext``); `nil` for a request without a head.
        var trace: TraceContext?
        /// The route REPORT counts the response under.
        var reported: ReportedRoute = .unmatched
        /// Why the daemon gave no usable answer, for the log.
        var failure: String?
        /// False after a framing error or when the client asked to close: the connection ends.
        var allowsAnother: Bool
    }

    /// Every path below replaces it; building a real error response here cost a few thousand instructions.
    private static var placeholder: HTTPResponse {
        HTTPResponse(status: .internalServerError, contentType: "", body: [])
    }

    /// A response write gets as long as a whole request may take, counted from now.
    private var writeDeadline: Deadline { .after(milliseconds: configuration.requestTimeoutMilliseconds) }

    private var requestDeadline: Deadline {
        Deadline(nanoseconds: requestStart.nanoseconds + Int64(configuration.requestTimeoutMilliseconds) * 1_000_000)
    }

    private var headDeadline: Deadline {
        let milliseconds = min(configuration.headerTimeoutMilliseconds, configuration.requestTimeoutMilliseconds)
        return Deadline(nanoseconds: requestStart.nanoseconds + Int64(milliseconds) * 1_000_000)
    }

    /// Reads one request and decides its response; `nil` for a connection that sent nothing in time
    /// (or closed), which is closed quietly, as a client's unused spare connection should be (RFC 9112 §9.5).
    private mutating func respond() -> Exchange? {
        let head: HTTPRequestHead
        switch read(stoppingAtHead: true) {
        case .head(let parsed): head = parsed
        case .failure(.requestTimeout) where !hasReceivedBytes: return nil
        case .failure(let error): return Exchange(response: APIError.read(error).response, allowsAnother: false)
        default:
            guard hasReceivedBytes else { return nil }
            return Exchange(response: APIError.malformed(.requestEndedEarly).response, allowsAnother: false)
        }
        let requestID = RequestIDField.id(in: head) ?? RequestIDField.make(from: Self.randomPair())
        let trace = TraceContext(for: head, random: RandomBytes.words)
        var exchange = Exchange(
            head: head, response: Self.placeholder, requestID: requestID, trace: trace,
            allowsAnother: head.version == .http11 && !head.asksToClose)
        let route = Route(path: head.path)
        exchange.reported = route?.name ?? .unmatched
        switch RequestPlan(
            for: head, route: route, limits: configuration.limits, healthLimit: configuration.healthAccountsLimit)
        {
        case .respond(let response): exchange.response = response
        case .fail(let error):
            exchange.response = error.negotiatedResponse(for: head)
            exchange.allowsAnother = false
        case .call(let query):
            perform(
                StateRequest(query.command, requestID: requestID, trace: trace.span), answering: query,
                into: &exchange)
        case .metrics:
            performMetrics(into: &exchange)
        case .move(let movement, let key, let sendContinue):
            if sendContinue {
                try? output.writeAll(HTTPResponse.continueInterim, until: writeDeadline)
            }
            switch read(stoppingAtHead: false) {
            case .complete(_, let body):
                do {
                    let command = try movement.command(body: body)
                    perform(
                        StateRequest(command, idempotencyKey: key, requestID: requestID, trace: trace.span),
                        into: &exchange)
                } catch {
                    exchange.response = error.negotiatedResponse(for: head)
                }
            case .failure(let error):
                exchange.response = APIError.read(error).negotiatedResponse(for: head)
                exchange.allowsAnother = false
            default:
                exchange.response = APIError.malformed(.requestEndedEarly).negotiatedResponse(for: head)
                exchange.allowsAnother = false
            }
        }
        return exchange
    }

    /// Asks the daemon and turns its reply into the response (docs/http-api.md, Statuses: 503 and 504), as
    /// `query` reads it when the request is one.
    private mutating func perform(
        _ request: StateRequest, answering query: RequestPlan.Query? = nil, into exchange: inout Exchange
    ) {
        let who = clientIdentity()
        var request = request
        request.identity = who.subject
        request.address = who.address
        do {
            let reply = try client.send(request)
            exchange.response =
                query?.response(to: reply, for: exchange.head) ?? reply.negotiatedResponse(for: exchange.head)
            if query?.isUnexpected(reply) ?? reply.isUnexpected {
                exchange.failure =
                    "state-unexpected-reply(\(String(decoding: reply.encoded.dropLast(), as: UTF8.self)))"
            }
        } catch {
            exchange.failure = error.description
            switch error {
            case .unreachable, .notSent, .versionSkew:
                exchange.response = APIError.stateUnavailable.negotiatedResponse(for: exchange.head)
            case .noAnswer:
                let error = request.command.isChange ? APIError.outcomeUnknown : .stateUnavailable
                exchange.response = error.negotiatedResponse(for: exchange.head)
            case .malformedReply:
                exchange.response = APIError.unexpectedStateReply.negotiatedResponse(for: exchange.head)
            }
        }
    }

    /// Two random words for a new request id.
    private static func randomPair() -> (UInt64, UInt64) {
        let words = RandomBytes.words()
        return (words.0, words.1)
    }

    /// Who the client is, found once per connection: its identity and address travel with every command.
    private mutating func clientIdentity() -> ClientIdentity {
        let who = identity ?? ClientIdentity.current(environment: Environment.value, connection: input)
        identity = who
        return who
    }

    /// Asks the daemon for its metrics text; the daemon's refusal (policy, rate limit, busy) is answered
    /// as for any route, and a daemon that cannot be reached is 503. (A daemon from before the client
    /// attributes is asked again without them: ``StateClient``.)
    private mutating func performMetrics(into exchange: inout Exchange) {
        let who = clientIdentity()
        do {
            switch try client.metrics(identity: who.subject, address: who.address) {
            case .text(let text): exchange.response = .metrics(text)
            case .refused(let error):
                exchange.response = StateReply.error(error).negotiatedResponse(for: exchange.head)
                exchange.failure = "state-refused(\(error.code.name))"
            }
        } catch {
            exchange.failure = error.description
            exchange.response = APIError.stateUnavailable.negotiatedResponse(for: exchange.head)
        }
    }

    /// Reads the PROXY v2 header within the head's deadline; the bytes after it are the first request's.
    private mutating func readProxyHeader() -> Result<ClientIdentity, ProxyHeaderError> {
        var bytes: [UInt8] = []
        while true {
            switch ProxyHeader.read(bytes[...]) {
            case .header(let client, let length):
                if bytes.count > length {
                    hasReceivedBytes = true
                    reader.append(bytes[length...])
                }
                return .success(client)
            case .failure(let error): return .failure(error)
            case .needMore:
                guard let chunk = try? input.read(upTo: ProxyHeader.maximumLength, until: headDeadline), !chunk.isEmpty
                else { return .failure(.incomplete) }
                bytes.append(contentsOf: chunk)
            }
        }
    }

    /// Advances the reader, reading input only when it needs more, until the event wanted (or an end).
    private mutating func read(stoppingAtHead: Bool) -> HTTPRequestReader.Event {
        while true {
            let event = reader.next()
            switch event {
            case .complete, .failure: return event
            case .head: if stoppingAtHead { return event }
            case .needMore:
                if let end = readMore(until: stoppingAtHead ? headDeadline : requestDeadline) { return end }
            }
        }
    }

    /// Reads the next bytes into the reader; returns a final event on timeout or end of input.
    private mutating func readMore(until deadline: Deadline) -> HTTPRequestReader.Event? {
        do {
            guard let chunk = try input.read(upTo: 16 * 1024, until: deadline) else {
                return .failure(.requestTimeout)
            }
            if chunk.isEmpty { return reader.finish().event }
            hasReceivedBytes = true
            reader.append(chunk[...])
            return nil
        } catch {
            return reader.finish().event
        }
    }

    /// Waits up to the keep-alive idle time for the next request's first byte; false when none comes.
    private mutating func awaitNextRequest() -> Bool {
        let leftover = reader.unconsumedBytes
        reader = HTTPRequestReader(limits: configuration.limits)
        hasReceivedBytes = !leftover.isEmpty
        if hasReceivedBytes {
            reader.append(leftover[...])
        } else {
            // The next request's first bytes, read here: a client that closes a kept-alive connection between
            // requests has ended it, not sent a broken request (RFC 9112 §9.6), so it gets no 400 and no line.
            // (readMore gives an event only when no byte came: the idle time passed or the input ended.)
            let idle = Deadline.after(milliseconds: configuration.keepAliveIdleMilliseconds)
            // The last request's REPORT goes in the same write as the next command when that request follows
            // at once (one wake-up of the daemon, not two), and alone once the connection has idled a moment.
            if client.hasPendingReport {
                let soon = min(Self.reportDelayMilliseconds, configuration.keepAliveIdleMilliseconds)
                let event = readMore(until: .after(milliseconds: soon))
                if event != nil {
                    guard case .failure(.requestTimeout)? = event else { return false }
                    client.flushReport()
                    guard readMore(until: idle) == nil else { return false }
                }
            } else {
                guard readMore(until: idle) == nil else { return false }
            }
        }
        requestStart = .now
        return true
    }

    /// Ends the exchange: if the request was not read to its end, half-close and drain briefly, so the
    /// client reads the response instead of a connection reset (RFC 9112 §9.6).
    private mutating func close() {
        client.flushReport()
        // A request without a body is complete once its head is: let the reader say so from what it holds.
        _ = reader.next()
        let fullyRead = reader.isComplete && reader.unconsumedBytes.isEmpty
        if (try? output.shutdownWriting()) == nil {
            output.close()
        }
        guard !fullyRead, hasReceivedBytes else { return }
        let deadline = Deadline.after(milliseconds: Self.drainMilliseconds)
        var drained = 0
        while drained < Self.drainBytes, let chunk = try? input.read(upTo: 16 * 1024, until: deadline), !chunk.isEmpty {
            drained += chunk.count
        }
    }
}
