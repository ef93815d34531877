import ATMAPI
import ATMMoney
import ATMProtocol
import ATMSystem
import HTTP1

/// Serves the one request on stdin/stdout: read it under one deadline, answer it, close cleanly.
public struct ConnectionHandler {
    private let input = FileDescriptor.standardInput
    private let output = FileDescriptor.standardOutput
    private let configuration: HandlerConfiguration
    private let requestDeadline: Deadline
    private var reader: HTTPRequestReader

    /// How long to keep reading (and discarding) after an early answer, so the client sees it and not a reset.
    private static let drainMilliseconds = 1_000
    private static let drainBytes = 1 << 20

    /// Runs the whole exchange; returns the exit status (0 after any complete response).
    public static func run() -> Int32 {
        let start = Deadline.now
        Signals.ignoreBrokenPipe()
        let log = AccessLog()
        let configuration: HandlerConfiguration
        do {
            configuration = try HandlerConfiguration.fromEnvironment()
        } catch {
            log.note("refusing requests: \(error)")
            let deadline = Deadline.after(milliseconds: HandlerConfiguration().requestTimeoutMilliseconds)
            answer(with: APIError.misconfigured.response, to: nil, until: deadline, log: log, start: start)
            return 0
        }
        var handler = ConnectionHandler(configuration: configuration, start: start)
        let (head, response) = handler.respond()
        answer(with: response, to: head, until: handler.writeDeadline, log: log, start: start)
        handler.close()
        return 0
    }

    /// Writes the response and logs it — before closing, since a super-server may end the process
    /// once the client has its answer.
    private static func answer(
        with response: HTTPResponse, to head: HTTPRequestHead?, until deadline: Deadline, log: AccessLog,
        start: Deadline
    ) {
        let bytes = response.serialized(includingBody: head?.method != .HEAD)
        let written = (try? FileDescriptor.standardOutput.writeAll(bytes, until: deadline)) != nil
        log.record(
            method: head?.method.rawValue ?? "-", path: head?.path ?? [], status: written ? response.status.code : 0,
            microseconds: Deadline.microseconds(since: start))
    }

    private init(configuration: HandlerConfiguration, start: Deadline) {
        self.configuration = configuration
        requestDeadline = Deadline(
            nanoseconds: start.nanoseconds + Int64(configuration.requestTimeoutMilliseconds) * 1_000_000)
        reader = HTTPRequestReader(limits: configuration.limits)
    }

    /// A response write gets as long again as the request had, counted from now.
    private var writeDeadline: Deadline { .after(milliseconds: configuration.requestTimeoutMilliseconds) }

    /// The head (if one was read) and the response to it.
    private mutating func respond() -> (HTTPRequestHead?, HTTPResponse) {
        let head: HTTPRequestHead
        switch readUntilHead() {
        case .head(let parsed): head = parsed
        case .failure(let error): return (nil, APIError.read(error).response)
        default: return (nil, APIError.malformed("the request ended early").response)
        }
        switch RequestPlan(for: head, limits: configuration.limits) {
        case .respond(let response): return (head, response)
        case .fail(let error): return (head, error.response)
        case .call(let operation): return (head, perform(operation, amount: nil))
        case .callWithAmount(let operation, let sendContinue):
            if sendContinue {
                try? output.writeAll(HTTPResponse.continueInterim, until: writeDeadline)
            }
            switch readUntilComplete() {
            case .complete(_, let body):
                do {
                    return (head, perform(operation, amount: try AmountBody.parse(body)))
                } catch {
                    return (head, error.response)
                }
            case .failure(let error): return (head, APIError.read(error).response)
            default: return (head, APIError.malformed("the request ended early").response)
            }
        }
    }

    private mutating func readUntilHead() -> HTTPRequestReader.Event { read(stoppingAtHead: true) }

    private mutating func readUntilComplete() -> HTTPRequestReader.Event { read(stoppingAtHead: false) }

    /// Advances the reader, reading input only when it needs more, until the event wanted (or an end).
    private mutating func read(stoppingAtHead: Bool) -> HTTPRequestReader.Event {
        while true {
            let event = reader.next()
            switch event {
            case .complete, .failure: return event
            case .head: if stoppingAtHead { return event }
            case .needMore: if let end = readMore() { return end }
            }
        }
    }

    /// Reads the next bytes into the reader; returns a final event on timeout or end of input.
    private mutating func readMore() -> HTTPRequestReader.Event? {
        do {
            guard let chunk = try input.read(upTo: 16 * 1024, until: requestDeadline) else {
                return .failure(.requestTimeout)
            }
            if chunk.isEmpty { return reader.finish() }
            reader.append(chunk)
            return nil
        } catch {
            return reader.finish()
        }
    }

    /// Asks the daemon and turns its reply into the response.
    private func perform(_ operation: RequestPlan.Operation, amount: Money?) -> HTTPResponse {
        let command: StateCommand
        switch operation {
        case .health: command = .list
        case .balance(let account): command = .balance(account)
        case .deposit(let account): command = .deposit(amount ?? .zero, to: account)
        case .withdraw(let account): command = .withdraw(amount ?? .zero, from: account)
        }
        let client = StateClient(
            socketPath: configuration.stateSocketPath, timeoutMilliseconds: configuration.stateTimeoutMilliseconds)
        switch client.send(command) {
        case .balance(let account, let balance)?: return .balance(account, balance)
        case .accounts(let accounts)?: return .health(accounts)
        case .error(let error)?:
            switch error.code {
            case .notFound: return APIError.accountNotFound.response
            case .insufficientFunds: return APIError.insufficientFunds.response
            case .limitExceeded: return APIError.balanceLimitExceeded.response
            default: return APIError.stateUnavailable.response
            }
        default: return APIError.stateUnavailable.response
        }
    }

    /// Ends the exchange: if the request was not read to its end, half-close and drain briefly, so the
    /// client reads the response instead of a connection reset (RFC 9112 §9.6).
    private mutating func close() {
        // A request without a body is complete once its head is: let the reader say so from what it holds.
        _ = reader.next()
        let fullyRead = reader.isComplete && reader.unconsumedBytes.isEmpty
        if (try? output.shutdownWriting()) == nil {
            output.close()
        }
        guard !fullyRead else { return }
        let deadline = Deadline.after(milliseconds: Self.drainMilliseconds)
        var drained = 0
        while drained < Self.drainBytes, let chunk = try? input.read(upTo: 16 * 1024, until: deadline), !chunk.isEmpty {
            drained += chunk.count
        }
    }
}
