import ATMBytes
import ATMCore
import ATMMoney

/// LIST's paging attributes, `after=<account>` and `limit=<n>` (docs/protocol.md, LIST).
///
/// Attributes, not arguments, so that a daemon that predates them can still be told apart: one of
/// version 2 ignores them (and lists every account, which the handler then pages itself), one of version
/// 1 refuses them as `bad-argument` (and the handler asks again bare).
extension AccountPage {
    /// Writes ` after=…` and ` limit=…` for those given.
    func write<Sink: ByteSink & ~Copyable>(to line: inout Sink) {
        if let after {
            line.append(ascii: " after=")
            line.append(utf8: after.digits)
        }
        if let limit {
            line.append(ascii: " limit=")
            line.append(decimal: Int64(limit))
        }
    }

    /// Reads `after=` or `limit=` (each at most once, well formed) into the page.
    mutating func read(_ name: ArraySlice<UInt8>, _ value: ArraySlice<UInt8>) throws(ProtocolError) {
        if ASCII.equals(name, "after") {
            guard after == nil, let account = AccountNumber(value) else {
                throw ProtocolError(.badArgument, "after= takes one account number of 1 to 32 digits")
            }
            after = account
        } else {
            guard limit == nil, let count = DecimalDigits.parse(value, in: 1...Int64(Self.maximumLimit)) else {
                throw ProtocolError(.badArgument, "limit= takes one whole number from 1 to \(Self.maximumLimit)")
            }
            limit = Int(count)
        }
    }
}
