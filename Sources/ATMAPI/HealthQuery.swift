import ATMBytes
import ATMCore
import ATMMoney
import ATMProtocol

/// The query of `GET /health`: `after` (an account number, the `next` of an earlier page) and `limit`
/// (1 to `ATM_HEALTH_ACCOUNTS_LIMIT`, which is also the default).
///
/// Without either, and with no more accounts than the limit, `/health` answers exactly as the original
/// did; past the limit the first page carries a `next` cursor, so no probe pulls megabytes unasked.
/// A bad value, one without a value or one given twice is 400 (the query is read as ``QueryParameters``);
/// any other parameter is ignored, as on every route.
public struct HealthQuery: Sendable, Hashable {
    /// Only accounts after this one, in byte order.
    public var after: AccountNumber?
    /// The most accounts the page names.
    public var limit: Int

    /// `ATM_HEALTH_ACCOUNTS_LIMIT`'s default: the original's answer for any bank of up to this many
    /// accounts (about 110 KB at the demo's four digits), a page past it.
    public static let defaultLimit = 10_000
    /// The largest `ATM_HEALTH_ACCOUNTS_LIMIT`: a page of about 3.4 MB at 32 digits an account.
    public static let maximumLimit = 100_000

    public init(after: AccountNumber? = nil, limit: Int = HealthQuery.defaultLimit) {
        self.after = after
        self.limit = limit
    }

    /// Reads `query` (the bytes after `?`, still encoded) with `limit` as the default and the largest
    /// page, or explains in a 400 what is wrong with it.
    public init(parsing query: [UInt8]?, limit maximum: Int) throws(APIError) {
        self.init(limit: maximum)
        guard let query else { return }
        var after: AccountNumber?
        var limit: Int?
        try QueryParameters.forEach(in: query) { parameter throws(APIError) in
            if ASCII.equals(parameter.name[...], "limit") {
                guard limit == nil else { throw .invalidQuery(.limitRepeated) }
                guard parameter.hasValue,
                    let number = DecimalDigits.parse(
                        parameter.value[...], maximum: UInt64(maximum), allowingLeadingZeros: true),
                    number >= 1
                else {
                    throw .invalidQuery(.limitOutOfRange(maximum: maximum))
                }
                limit = Int(number)
            } else if ASCII.equals(parameter.name[...], "after") {
                guard after == nil else { throw .invalidQuery(.afterRepeated) }
                guard parameter.hasValue, let account = AccountNumber(parameter.value) else {
                    throw .invalidQuery(.afterInvalid)
                }
                after = account
            }
        }
        self.after = after
        self.limit = limit ?? maximum
    }

    /// The daemon command that answers it: one account more than the page, so that the reply says whether
    /// there is a next page without a second round trip.
    public var command: StateCommand {
        .list(AccountPage(after: after, limit: limit + 1))
    }

    /// The page of `accounts` (the daemon's reply, in byte order) and its `next` cursor, when more follow.
    ///
    /// A daemon that predates the paging attributes answers every account; so the accounts up to `after`
    /// are dropped here too, and the page cut here, whoever answered.
    public func page(of accounts: [AccountNumber]) -> (accounts: ArraySlice<AccountNumber>, next: AccountNumber?) {
        let rest = AccountPage(after: after).slice(of: accounts)
        guard rest.count > limit else { return (rest, nil) }
        let page = rest.prefix(limit)
        return (page, page.last)
    }
}
