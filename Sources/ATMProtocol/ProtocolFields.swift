import ATMBytes
import ATMCore
import ATMMoney

/// A cursor over the space-separated fields of one protocol line, by index: no field is copied.
struct ProtocolFields {
    private let line: ArraySlice<UInt8>
    private var position: Int

    /// Checks the line's bytes (printable ASCII, single spaces) and drops a trailing `\r`.
    init(_ line: ArraySlice<UInt8>) throws(ProtocolError) {
        var bytes = line
        if bytes.last == UInt8(ascii: "\r") { bytes = bytes.dropLast() }
        var previousWasSpace = true
        for byte in bytes {
            guard byte >= 0x20 && byte < 0x7F else {
                throw ProtocolError(.badCommand, "only printable ASCII is allowed")
            }
            let isSpace = byte == UInt8(ascii: " ")
            if isSpace && previousWasSpace {
                throw ProtocolError(.badArgument, "fields are separated by exactly one space")
            }
            previousWasSpace = isSpace
        }
        if previousWasSpace && !bytes.isEmpty {
            throw ProtocolError(.badArgument, "fields are separated by exactly one space")
        }
        self.line = bytes
        position = bytes.startIndex
    }

    var isAtEnd: Bool { position >= line.endIndex }

    /// The next field, or `nil` at the end of the line.
    mutating func next() -> ArraySlice<UInt8>? {
        guard position < line.endIndex else { return nil }
        var end = position
        while end < line.endIndex && line[end] != UInt8(ascii: " ") { end += 1 }
        let field = line[position..<end]
        position = end + 1
        return field
    }

    mutating func account() throws(ProtocolError) -> AccountNumber {
        guard let field = next() else { throw ProtocolError(.badArgument, "missing account number") }
        guard let account = AccountNumber(field) else {
            throw ProtocolError(.badArgument, "an account number is 1 to 32 digits")
        }
        return account
    }

    /// A decimal integer without sign or leading zeros, inside `range`.
    mutating func cents(in range: ClosedRange<Int64>) throws(ProtocolError) -> Int64 {
        guard let field = next() else { throw ProtocolError(.badArgument, "missing amount in cents") }
        guard let value = DecimalDigits.parse(field, in: range) else {
            throw ProtocolError(
                .badArgument,
                "a number here is a decimal integer without leading zeros, from \(range.lowerBound) to \(range.upperBound)"
            )
        }
        return value
    }

    /// Whether the next field is all digits (an optional number rather than an attribute).
    var nextIsNumber: Bool {
        var copy = self
        guard let field = copy.next() else { return false }
        return ASCII.isDigits(field)
    }

    func expectEnd() throws(ProtocolError) {
        guard isAtEnd else { throw ProtocolError(.badArgument, "too many arguments") }
    }
}
