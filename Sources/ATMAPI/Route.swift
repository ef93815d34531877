import ATMBytes
import ATMCore
import ATMMoney
import ATMProtocol
import HTTP1

/// A request's route: which one (``RouteName``, described in ``RouteDescription``) and, for a route
/// under `/accounts/`, the account its path names.
///
/// An account segment that is not 1 to 32 digits still matches its route (with no account), so a wrong
/// method is 405 and a right one is 404 `account not found`.
public struct Route: Sendable, Hashable {
    public let name: RouteName
    /// The account the path names; `nil` when the segment cannot name one, or the route has none.
    public let account: AccountNumber?

    public init(_ name: RouteName, account: AccountNumber? = nil) {
        self.name = name
        self.account = account
    }

    /// The route for `path`, or `nil` for an unknown path: the first route whose described path matches.
    public init?(path: [UInt8]) {
        let path = path[...]
        if ASCII.hasPrefix(path, "/accounts/") {
            let rest = path.dropFirst("/accounts/".utf8.count)
            guard let slash = rest.firstIndex(of: UInt8(ascii: "/")) else { return nil }
            let action = rest[(slash + 1)...]
            for name in RouteName.allCases {
                if case .account(let wanted) = name.http.path, ASCII.equals(action, wanted) {
                    self.init(name, account: AccountNumber(rest[..<slash]))
                    return
                }
            }
        } else {
            for name in RouteName.allCases {
                if case .fixed(let wanted) = name.http.path, ASCII.equals(path, wanted) {
                    self.init(name)
                    return
                }
            }
        }
        return nil
    }

    /// Whether the route answers `method`; HEAD goes with every GET.
    public func allows(_ method: HTTPRequestHead.Method) -> Bool {
        switch name.http.methods {
        case .read: return method == .GET || method == .HEAD
        case .post: return method == .POST
        }
    }

    /// The `Allow` field value for a 405.
    public var allowHeader: String { name.http.methods.allow }

    /// The label its responses are counted under (`atm_http_responses_total{route=…}`).
    public var reported: ReportedRoute { name }

    /// The label for a request with `path`, or ``RouteName/unmatched``.
    public static func reported(path: [UInt8]?) -> ReportedRoute {
        path.flatMap { Route(path: $0) }?.name ?? .unmatched
    }
}
