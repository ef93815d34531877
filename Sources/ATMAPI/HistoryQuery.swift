import ATMBytes
import ATMCore
import ATMProtocol

/// The query of `GET /accounts/{n}/transactions`: `limit` (1–100, default 20) and `before` (an id).
///
/// The query is split at `&` into `name=value` pairs, and each name and value is percent-decoded
/// (RFC 3986 §2.1; `+` is not a space here, since no value this route takes has one). A `limit`
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
        for pair in query.split(separator: UInt8(ascii: "&"), omittingEmptySubsequences: true) {
            let equals = pair.firstIndex(of: UInt8(ascii: "="))
            guard let name = ASCII.percentDecoded(pair[..<(equals ?? pair.endIndex)]),
                let value = ASCII.percentDecoded(equals.map { pair[($0 + 1)...] } ?? [])
            else {
                throw .invalidQuery(.badEscape)
            }
            if ASCII.equals(name[...], "limit") {
                guard !sawLimit else { throw .invalidQuery(.limitRepeated) }
                sawLimit = true
                guard equals != nil,
                    let number = DecimalDigits.parse(
                        value[...], maximum: UInt64(StateCommand.maximumHistoryLimit), allowingLeadingZeros: true),
                    number >= 1
                else {
                    throw .invalidQuery(.limitOutOfRange)
                }
                limit = Int(number)
            } else if ASCII.equals(name[...], "before") {
                guard before == nil else { throw .invalidQuery(.beforeRepeated) }
                guard equals != nil,
                    let id = DecimalDigits.parse(value[...], maximum: UInt64(Int64.max), allowingLeadingZeros: true),
                    id >= 1
                else {
                    throw .invalidQuery(.beforeInvalid)
                }
                before = id
            }
        }
    }
}
