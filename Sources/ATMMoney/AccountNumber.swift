import ATMBytes

/// An account number: 1 to 32 ASCII digits.
///
/// Checked once where it enters (a URL path segment, a protocol line, PRELOAD_ACCOUNTS), so that
/// no other byte can ever reach the daemon's wire protocol in its place.
public struct AccountNumber: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The digits; ASCII, so `String` keeps up to 15 of them inline without allocating.
    public let digits: String

    public static let maximumLength = 32

    /// `nil` unless `bytes` are 1 to 32 ASCII digits.
    public init?(_ bytes: ArraySlice<UInt8>) {
        guard bytes.count <= AccountNumber.maximumLength, ASCII.isDigits(bytes) else { return nil }
        digits = String(decoding: bytes, as: UTF8.self)
    }

    /// `nil` unless `bytes` are 1 to 32 ASCII digits.
    public init?(_ bytes: [UInt8]) {
        self.init(bytes[...])
    }

    /// Byte order, the order Python's `sorted()` gave the original service.
    public static func < (lhs: AccountNumber, rhs: AccountNumber) -> Bool {
        lhs.digits.utf8.lexicographicallyPrecedes(rhs.digits.utf8)
    }

    public var description: String { digits }
}
