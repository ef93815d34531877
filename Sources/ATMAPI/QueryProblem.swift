/// What is wrong with the query of `GET /accounts/{n}/transactions` (``HistoryQuery``).
public enum QueryProblem: Sendable, Hashable {
    /// A `%` not followed by two hex digits.
    case badEscape
    case limitRepeated
    case limitOutOfRange
    case beforeRepeated
    case beforeInvalid
}
