/// Every HTTP route the service answers, by the one name both processes know it under.
///
/// This is the part of the route table the daemon sees (it does not link the HTTP API): the word a
/// `REPORT` carries and `atm_http_responses_total{route=…}` shows, and the access policy's operation.
/// The HTTP side (paths, methods, plans, the OpenAPI document) extends it in `ATMAPI`'s `RouteTable`.
/// A fixed set, so a client can never grow the metrics by inventing paths, and no label ever holds an
/// account number.
public enum RouteName: String, Sendable, Hashable, CaseIterable {
    case health
    case balance
    case deposit
    case withdraw
    case transfer
    case transactions
    case metrics
    case openAPI = "openapi"
    case docs
    /// `/health/ready`: whether the daemon can serve changes (one READY round trip, no account named).
    /// Last but one, like `live`: a request's route is found by walking these cases in order, and the
    /// balance route, the hot one, should not walk past them.
    case ready
    /// `/health/live`: whether the handler runs at all (no daemon asked).
    case live
    /// A path no route matches, or a request too broken to have one.
    case unmatched

    /// The route spelled by `bytes`, or `nil`.
    public init?(_ bytes: ArraySlice<UInt8>) {
        for route in Self.allCases where route.rawValue.utf8.elementsEqual(bytes) {
            self = route
            return
        }
        return nil
    }

    /// The access policy's word for what the route does, or `nil` for a route the policy does not govern.
    public var operation: AccessOperation? {
        switch self {
        case .balance: return .balance
        case .deposit: return .deposit
        case .withdraw: return .withdraw
        case .transfer: return .transfer
        case .transactions: return .history
        case .metrics: return .metrics
        case .health, .ready, .live, .openAPI, .docs, .unmatched: return nil
        }
    }

    /// The statuses a handler can answer with; a REPORT of any other is refused, which bounds
    /// the series to `allCases.count × reportableStatuses.count`.
    public static let reportableStatuses: [Int] = [
        200, 304, 400, 401, 403, 404, 405, 408, 409, 411, 413, 414, 415, 417, 422, 429, 431, 500, 501, 503, 504, 505,
    ]
}
