import ATMCore
import ATMMoney
import ATMProtocol
import HTTP1

/// What the service does for a request, decided from its head alone, before any body is read.
public enum RequestPlan: Sendable, Equatable {
    /// A question for the state daemon that needs no body.
    public enum Query: Sendable, Hashable {
        /// A page of the account numbers (under a policy, of those the caller may read).
        case health(HealthQuery)
        /// Whether the daemon can serve changes (`/health/ready`).
        case ready
        case balance(AccountNumber)
        /// A page of an account's transactions, newest first.
        case transactions(AccountNumber, HistoryQuery)

        /// The daemon command that answers it.
        public var command: StateCommand {
            switch self {
            case .health(let query): return query.command
            case .ready: return .ready
            case .balance(let account): return .balance(account)
            case .transactions(let account, let query):
                return .history(account, limit: query.limit, before: query.before)
            }
        }
    }

    /// A movement of money whose amount (and, for a transfer, destination) is in the body.
    public enum Movement: Sendable, Hashable {
        case deposit(AccountNumber)
        case withdraw(AccountNumber)
        case transfer(from: AccountNumber)

        /// The daemon command for `body`, or the 400 that explains what is wrong with it.
        public func command(body: [UInt8]) throws(APIError) -> StateCommand {
            switch self {
            case .deposit(let account): return .deposit(try AmountBody.amount(in: body), to: account)
            case .withdraw(let account): return .withdraw(try AmountBody.amount(in: body), from: account)
            case .transfer(let source):
                let (amount, destination) = try AmountBody.transfer(in: body)
                guard destination != source else { throw .sameAccount }
                return .transfer(amount, from: source, to: destination)
            }
        }
    }

    /// Answer at once with this response (the static documents).
    case respond(HTTPResponse)
    /// Answer at once with this error; any body is left unread.
    case fail(APIError)
    /// Ask the daemon without reading a body.
    case call(Query)
    /// Ask the daemon for its metrics text (`METRICS`).
    case metrics
    /// Read the body, turn it into a command, then send it; `sendContinue` asks for a `100 Continue` first.
    case move(Movement, idempotencyKey: IdempotencyKey?, sendContinue: Bool)

    /// Decides the plan; every check that needs no body happens here, so a refused request is never read further.
    /// `healthLimit` is `ATM_HEALTH_ACCOUNTS_LIMIT`: the most accounts one `/health` page names.
    public init(
        for head: HTTPRequestHead, limits: HTTPRequestReader.Limits, healthLimit: Int = HealthQuery.defaultLimit
    ) {
        self.init(for: head, route: Route(path: head.path), limits: limits, healthLimit: healthLimit)
    }

    /// As ``init(for:limits:healthLimit:)``, with the route the caller already found for `head.path` (`nil`: none).
    public init(
        for head: HTTPRequestHead, route: Route?, limits: HTTPRequestReader.Limits,
        healthLimit: Int = HealthQuery.defaultLimit
    ) {
        var expectsContinue = false
        if let expectation = head.value(of: "expect") {
            guard HTTPSyntax.equalsIgnoringCase(expectation[...], "100-continue") else {
                self = .fail(.expectationFailed)
                return
            }
            expectsContinue = head.version == .http11
        }
        guard let route else {
            self = .fail(.notFound)
            return
        }
        guard route.allows(head.method) else {
            self = .fail(.methodNotAllowed(allow: route.allowHeader))
            return
        }
        let movement: Movement
        switch route.name {
        case .health:
            do {
                self = .call(.health(try HealthQuery(parsing: head.query, limit: healthLimit)))
            } catch {
                self = .fail(error)
            }
            return
        case .ready:
            self = .call(.ready)
            return
        case .live:
            self = .respond(.probe("live"))
            return
        case .openAPI:
            self = .respond(StaticDocument.openAPI.response(to: head))
            return
        case .docs:
            self = .respond(StaticDocument.docs.response(to: head))
            return
        case .metrics:
            self = .metrics
            return
        case .unmatched:
            self = .fail(.notFound)
            return
        case .balance, .transactions, .deposit, .withdraw, .transfer:
            break
        }
        guard let account = route.account else {
            self = .fail(.accountNotFound)
            return
        }
        switch route.name {
        case .balance:
            self = .call(.balance(account))
            return
        case .transactions:
            do {
                self = .call(.transactions(account, try HistoryQuery(parsing: head.query)))
            } catch {
                self = .fail(error)
            }
            return
        case .deposit: movement = .deposit(account)
        case .withdraw: movement = .withdraw(account)
        default: movement = .transfer(from: account)  // .transfer: the other routes have returned above
        }
        if let failure = Self.bodyFailure(head, limits: limits) {
            self = .fail(failure)
            return
        }
        do {
            self = .move(movement, idempotencyKey: try IdempotencyKeyField.key(in: head), sendContinue: expectsContinue)
        } catch {
            self = .fail(error)
        }
    }

    /// 411 without framing, 415 for a media type other than JSON, 413 for a declared length over the limit.
    private static func bodyFailure(_ head: HTTPRequestHead, limits: HTTPRequestReader.Limits) -> APIError? {
        if head.framing == .none { return .lengthRequired }
        if let contentType = head.value(of: "content-type") {
            let mediaType = HTTPSyntax.trimmingWhitespace(contentType.prefix { $0 != UInt8(ascii: ";") })
            guard HTTPSyntax.equalsIgnoringCase(mediaType, "application/json") else { return .unsupportedMediaType }
        }
        if case .contentLength(let length) = head.framing, length > limits.body {
            return .read(.bodyTooLarge(limit: limits.body))
        }
        return nil
    }
}
