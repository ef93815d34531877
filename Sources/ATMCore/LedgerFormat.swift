import ATMBytes
import ATMMoney

/// The versions of the ledger's stored forms: journal record payloads, snapshot payloads and idempotency
/// fingerprints (docs/journal.md). Each stored value starts with its version, so a reader knows which
/// grammar to apply and refuses one it does not know, and a change to the wire protocol changes none of them.
///
/// - Format 1 (releases up to 22bd11c): text, the protocol's words. It starts with a letter, never with a
///   byte below 0x20, and is read, never written.
/// - Format 2: the binary codec below, little-endian, each value after a version byte of 2.
public enum LedgerFormat {
    /// The version byte every value written now starts with.
    public static let current: UInt8 = 2

    /// The format of a stored value, by its first byte: 1 for text, 2 for binary, nil for neither.
    public static func version(of bytes: ArraySlice<UInt8>) -> UInt8? {
        guard let first = bytes.first else { return nil }
        if first == current { return current }
        return (first >= UInt8(ascii: "A") && first <= UInt8(ascii: "z")) ? 1 : nil
    }
}

/// Where a stored value could not be read.
public typealias LedgerDecodingError = LittleEndianReader.Failure

extension ByteSink where Self: ~Copyable {
    /// An account number: its length in one byte, then its digits.
    public mutating func append(binary account: AccountNumber) {
        append(littleEndian: UInt8(account.digits.utf8.count))
        append(utf8: account.digits)
    }

    /// An amount or balance: cents as a signed 64-bit integer.
    public mutating func append(binary money: Money) {
        append(littleEndian: money.cents)
    }

    /// A short string (a key, a request id): its length in two bytes, then its bytes.
    public mutating func append(binary token: some VisibleToken) {
        append(littleEndian: UInt16(token.text.utf8.count))
        append(utf8: token.text)
    }
}

extension LittleEndianReader {
    /// Reads an account number written by ``ByteSink/append(binary:)-(AccountNumber)``.
    public mutating func readAccount() throws(LedgerDecodingError) -> AccountNumber {
        let count = Int(try read(UInt8.self))
        guard let account = AccountNumber(try read(count: count)) else { throw failure("malformed account number") }
        return account
    }

    /// Reads an amount or balance: never negative.
    public mutating func readMoney(minimum: Int64 = 0) throws(LedgerDecodingError) -> Money {
        let cents = try read(Int64.self)
        guard cents >= minimum else { throw failure("amount out of range") }
        return Money(cents: cents)
    }

    /// Reads a key or request id written by ``ByteSink/append(binary:)-(VisibleToken)``.
    public mutating func readToken<Token: VisibleToken>(_: Token.Type = Token.self) throws(LedgerDecodingError)
        -> Token
    {
        let count = Int(try read(UInt16.self))
        guard let token = Token(try read(count: count)) else { throw failure("malformed key or request id") }
        return token
    }

    /// Reads a count of items that each take at least `bytesEach`: a count the bytes cannot hold is damage,
    /// refused before it sizes an allocation.
    public mutating func readCount(bytesEach: Int) throws(LedgerDecodingError) -> Int {
        let count = Int(try read(UInt32.self))
        guard count <= (bytes.endIndex - index) / max(bytesEach, 1) else {
            throw failure("count beyond the bytes left")
        }
        return count
    }
}
