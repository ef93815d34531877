import ATMBytes
import ATMCore
import ATMProtocol

/// The query of `GET /accounts/{n}/transactions`: `limit` (1–100, default 20) and `before` (an id).
///
/// The query is read as ``QueryParameters`` (split at `&`, percent-decoded). A `limit`
/// or `before` that is not a decimal number in range, has no value, or appears twice is 400; a
/// broken escape (`%`, `%4`, `%zz`) anywhere is 400; any other parameter is ignored, as the
/// contract ignores a query on every other route; empty pairs (`&&`) are ignored too.
public struct HistoryQuery: Sendable, Hashable {
    public var limit: Int
    public var before: UInt64?

    public static let defaultLimit = 20

    public init(limit: Int = HistoryQuery.defaultLimit, before: UInt64? = nil) {
        self.limit = limit
        self.before = before
    }

    /// Reads `query` (the bytes after `?`, still encoded), or explains in a 400 what is wrong with it.
    public init(parsing query: [UInt8]?) throws(APIError) {
        self.init()
        guard let query else { return }
        var sawLimit = false
        var limit = limit
        var before = before
        try QueryParameters.forEach(in: query) { parameter throws(APIError) in
            if ASCII.equals(parameter.name[...], "limit") {
                guard !sawLimit else { throw .invalidQuery(.limitRepeated) }
                sawLimit = true
                guard parameter.hasValue,
                    let number = DecimalDigits.parse(
                        parameter.value[...], maximum: UInt64(StateCommand.maximumHistoryLimit),
                        allowingLeadingZeros: true),
                    number >= 1
                else {
                    throw .invalidQuery(.limitOutOfRange(maximum: StateCommand.maximumHistoryLimit))
                }
                limit = Int(number)
            } else if ASCII.equals(parameter.name[...], "before") {
                guard before == nil else { throw .invalidQuery(.beforeRepeated) }
                guard parameter.hasValue,
                    let id = DecimalDigits.parse(
                        parameter.value[...], maximum: UInt64(Int64.max), allowingLeadingZeros: true),
                    id >= 1
                else {
                    throw .invalidQuery(.beforeInvalid)
                }
                before = id
            }
        }
        self.limit = limit
        self.before = before
    }
}
