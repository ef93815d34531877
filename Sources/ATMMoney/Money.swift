/// An exact amount of money in integer cents.
///
/// Money never passes through a binary float: it is parsed digit by digit from the
/// decimal text a client sends, and every arithmetic step reports overflow instead of trapping.
public struct Money: Sendable, Hashable, Comparable {
    /// The amount in cents; negative only if a caller builds one on purpose.
    public let cents: Int64

    public init(cents: Int64) {
        self.cents = cents
    }

    public static let zero = Money(cents: 0)

    /// The largest amount a single deposit or withdrawal may carry: `1000000000000.00`.
    public static let largestAmount = Money(cents: 100_000_000_000_000)

    /// The largest balance an account can hold: `Int64.max` cents.
    public static let largestBalance = Money(cents: .max)

    public static func < (lhs: Money, rhs: Money) -> Bool {
        lhs.cents < rhs.cents
    }

    /// The sum, or `nil` when it would not fit in `Int64`.
    public func adding(_ other: Money) -> Money? {
        let (sum, overflow) = cents.addingReportingOverflow(other.cents)
        return overflow ? nil : Money(cents: sum)
    }

    /// The difference, or `nil` when it would not fit in `Int64`.
    public func subtracting(_ other: Money) -> Money? {
        let (difference, overflow) = cents.subtractingReportingOverflow(other.cents)
        return overflow ? nil : Money(cents: difference)
    }
}
