import ATMBytes
import ATMCore
import ATMMoney
import ATMProtocol
import HTTP1

/// The service's paths. An account segment that is not 1 to 32 digits still matches its route,
/// so a wrong method is 405 and a right one is 404 `account not found`.
public enum Route: Sendable, Hashable {
    case health
    case openAPI
    case docs
    case balance(AccountNumber?)
    case deposit(AccountNumber?)
    case withdraw(AccountNumber?)
    case transfer(AccountNumber?)
    case transactions(AccountNumber?)
    case metrics

    /// The route for `path`, or `nil` for an unknown path.
    public init?(path: [UInt8]) {
        let path = path[...]
        if ASCII.equals(path, "/health") {
            self = .health
        } else if ASCII.equals(path, "/openapi.json") {
            self = .openAPI
        } else if ASCII.equals(path, "/docs") {
            self = .docs
        } else if ASCII.equals(path, "/metrics") {
            self = .metrics
        } else if ASCII.hasPrefix(path, "/accounts/") {
            let rest = path.dropFirst("/accounts/".utf8.count)
            guard let slash = rest.firstIndex(of: UInt8(ascii: "/")) else { return nil }
            let account = AccountNumber(rest[..<slash])
            let action = rest[(slash + 1)...]
            if ASCII.equals(action, "balance") {
                self = .balance(account)
            } else if ASCII.equals(action, "deposit") {
                self = .deposit(account)
            } else if ASCII.equals(action, "withdraw") {
                self = .withdraw(account)
            } else if ASCII.equals(action, "transfer") {
                self = .transfer(account)
            } else if ASCII.equals(action, "transactions") {
                self = .transactions(account)
            } else {
                return nil
            }
        } else {
            return nil
        }
    }

    /// Whether the route answers `method`; HEAD goes with every GET.
    public func allows(_ method: HTTPRequestHead.Method) -> Bool {
        switch self {
        case .health, .openAPI, .docs, .balance, .transactions, .metrics: return method == .GET || method == .HEAD
        case .deposit, .withdraw, .transfer: return method == .POST
        }
    }

    /// The `Allow` field value for a 405.
    public var allowHeader: String {
        switch self {
        case .health, .openAPI, .docs, .balance, .transactions, .metrics: return "GET, HEAD"
        case .deposit, .withdraw, .transfer: return "POST"
        }
    }
}

extension Route {
    /// The label its responses are counted under (`atm_http_responses_total{route=…}`).
    public var reported: ReportedRoute {
        switch self {
        case .health: return .health
        case .openAPI: return .openAPI
        case .docs: return .docs
        case .metrics: return .metrics
        case .balance: return .balance
        case .deposit: return .deposit
        case .withdraw: return .withdraw
        case .transfer: return .transfer
        case .transactions: return .transactions
        }
    }

    /// The label for a request with `path`, or ``ReportedRoute/unmatched``.
    public static func reported(path: [UInt8]?) -> ReportedRoute {
        path.flatMap { Route(path: $0) }?.reported ?? .unmatched
    }
}
