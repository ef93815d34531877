import ATMCore

/// A cursor over the space-separated fields of one protocol line.
struct ProtocolFields {
    private let fields: [ArraySlice<UInt8>]
    private var index = 0

    init<Line: Collection<UInt8>>(_ line: Line) throws(ProtocolError) where Line.Index == Int {
        var bytes = ArraySlice(line)
        if bytes.last == UInt8(ascii: "\r") { bytes.removeLast() }
        guard bytes.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) else {
            throw ProtocolError(.badCommand, "only printable ASCII is allowed")
        }
        fields = bytes.split(separator: UInt8(ascii: " "), omittingEmptySubsequences: false)
        if fields.contains(where: \.isEmpty) && !bytes.isEmpty {
            throw ProtocolError(.badArgument, "fields are separated by exactly one space")
        }
    }

    mutating func next() -> String? {
        guard index < fields.count, !fields[index].isEmpty else { return nil }
        defer { index += 1 }
        return String(decoding: fields[index], as: UTF8.self)
    }

    mutating func account() throws(ProtocolError) -> AccountNumber {
        guard index < fields.count else { throw ProtocolError(.badArgument, "missing account number") }
        guard let account = AccountNumber(fields[index]) else {
            throw ProtocolError(.badArgument, "an account number is 1 to 32 digits")
        }
        index += 1
        return account
    }

    /// A decimal integer of cents without sign or leading zeros, inside `range`.
    mutating func cents(in range: ClosedRange<Int64>) throws(ProtocolError) -> Int64 {
        guard index < fields.count else { throw ProtocolError(.badArgument, "missing amount in cents") }
        let field = fields[index]
        let isDecimal = !field.isEmpty && field.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
        guard isDecimal, field.first != UInt8(ascii: "0") || field.count == 1 else {
            throw ProtocolError(.badArgument, "amount in cents must be a decimal integer without leading zeros")
        }
        var value: Int64 = 0
        var overflow = false
        for byte in field where !overflow {
            let (times10, o1) = value.multipliedReportingOverflow(by: 10)
            let (next, o2) = times10.addingReportingOverflow(Int64(byte - UInt8(ascii: "0")))
            overflow = o1 || o2
            value = next
        }
        guard !overflow, range.contains(value) else {
            throw ProtocolError(.badArgument, "amount in cents must be from \(range.lowerBound) to \(range.upperBound)")
        }
        index += 1
        return value
    }

    func expectEnd() throws(ProtocolError) {
        guard index >= fields.count else { throw ProtocolError(.badArgument, "too many arguments") }
    }
}
