/// What is wrong with the query of `GET /accounts/{n}/transactions` (``HistoryQuery``) or `GET /health`
/// (``HealthQuery``).
public enum QueryProblem: Sendable, Hashable {
    /// A `%` not followed by two hex digits.
    case badEscape
    case limitRepeated
    /// Not a whole number from 1 to `maximum` (the route's largest page).
    case limitOutOfRange(maximum: Int)
    case beforeRepeated
    case beforeInvalid
    case afterRepeated
    /// `after` is not an account number.
    case afterInvalid
}
