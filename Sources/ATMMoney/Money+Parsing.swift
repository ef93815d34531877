import ATMBytes

/// Why an amount string was refused; each case names one rule of the money grammar (docs/http-api.md).
///
/// A client reads it as a sentence from `ATMAPI.APIError`'s message table, in its language.
public enum MoneyError: Error, Sendable, Hashable {
    case empty
    case tooLong
    case invalidCharacter
    case missingWholeDigits
    case missingFractionDigits
    case tooManyFractionDigits
    case notPositive
    case tooLarge
}

extension Money {
    /// The longest amount text accepted: the length of `"1000000000000.00"`.
    public static let maximumAmountLength = 16

    /// Parses an amount a client asks to move: `> 0` and `<= largestAmount`.
    ///
    /// Grammar: `1*DIGIT [ "." 1*2DIGIT ]`, ASCII digits only.
    public init(amount text: ArraySlice<UInt8>) throws(MoneyError) {
        let value = try Money.parseDecimal(text, maximumLength: Money.maximumAmountLength)
        guard value > .zero else { throw .notPositive }
        guard value <= .largestAmount else { throw .tooLarge }
        self = value
    }

    /// Parses a starting balance (for PRELOAD_ACCOUNTS and CREATE): zero allowed, up to `largestBalance`.
    public init(balance text: ArraySlice<UInt8>) throws(MoneyError) {
        self = try Money.parseDecimal(text, maximumLength: 24)
    }

    /// ``init(amount:)`` for a whole array.
    public init(amount text: [UInt8]) throws(MoneyError) {
        try self.init(amount: text[...])
    }

    /// ``init(balance:)`` for a whole array.
    public init(balance text: [UInt8]) throws(MoneyError) {
        try self.init(balance: text[...])
    }

    private static func parseDecimal(_ text: ArraySlice<UInt8>, maximumLength: Int) throws(MoneyError) -> Money {
        if text.isEmpty { throw .empty }
        if text.count > maximumLength { throw .tooLong }
        var wholeDigits = 0
        var fraction: Int64 = 0
        var fractionDigits = 0
        var sawPoint = false
        for byte in text {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                let digit = Int64(byte &- UInt8(ascii: "0"))
                if sawPoint {
                    fractionDigits += 1
                    if fractionDigits > 2 { throw .tooManyFractionDigits }
                    fraction = fraction * 10 + digit
                } else {
                    wholeDigits += 1
                }
            case UInt8(ascii: "."):
                if sawPoint { throw .invalidCharacter }
                sawPoint = true
            default:
                throw .invalidCharacter
            }
        }
        if wholeDigits == 0 { throw .missingWholeDigits }
        if sawPoint && fractionDigits == 0 { throw .missingFractionDigits }
        if fractionDigits == 1 { fraction *= 10 }
        // Only digits before the point remain, so `nil` can only mean too large.
        let wholeText = text.prefix(wholeDigits)
        guard let whole = DecimalDigits.parse(wholeText, maximum: UInt64(Int64.max), allowingLeadingZeros: true)
        else { throw .tooLarge }
        let (scaled, o1) = Int64(whole).multipliedReportingOverflow(by: 100)
        let (cents, o2) = scaled.addingReportingOverflow(fraction)
        if o1 || o2 { throw .tooLarge }
        return Money(cents: cents)
    }
}
