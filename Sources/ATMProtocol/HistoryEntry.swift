import ATMBytes
import ATMMoney

/// One applied change of one account, as history reports it.
public struct HistoryEntry: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case deposit
        case withdrawal
        case transferIn = "transfer_in"
        case transferOut = "transfer_out"
    }

    /// The journal sequence number of the change (or the database's id): increasing, unique per daemon.
    public let id: UInt64
    /// Wall-clock time of the change, milliseconds since the Unix epoch (UTC).
    public let timeMilliseconds: Int64
    public let kind: Kind
    public let amount: Money
    /// The balance right after the change.
    public let balance: Money
    /// The other account of a transfer.
    public let counterparty: AccountNumber?

    public init(
        id: UInt64, timeMilliseconds: Int64, kind: Kind, amount: Money, balance: Money,
        counterparty: AccountNumber? = nil
    ) {
        self.id = id
        self.timeMilliseconds = timeMilliseconds
        self.kind = kind
        self.amount = amount
        self.balance = balance
        self.counterparty = counterparty
    }

    /// `id:time:kind:amount:balance[:counterparty]`, one field of a HISTORY reply.
    public var encoded: [UInt8] {
        var bytes: [UInt8] = []
        bytes.append(decimal: Int64(clamping: id))
        bytes.append(UInt8(ascii: ":"))
        bytes.append(decimal: timeMilliseconds)
        bytes.append(UInt8(ascii: ":"))
        bytes.append(utf8: kind.rawValue)
        bytes.append(UInt8(ascii: ":"))
        bytes.append(decimal: amount.cents)
        bytes.append(UInt8(ascii: ":"))
        bytes.append(decimal: balance.cents)
        if let counterparty {
            bytes.append(UInt8(ascii: ":"))
            bytes.append(utf8: counterparty.digits)
        }
        return bytes
    }

    /// Decodes one `id:time:kind:amount:balance[:counterparty]` field.
    public init(decoding field: ArraySlice<UInt8>) throws(ProtocolError) {
        let malformed = ProtocolError(.badArgument, "malformed history entry")
        let parts = field.split(separator: UInt8(ascii: ":"), omittingEmptySubsequences: false)
        guard parts.count == 5 || parts.count == 6,
            let id = DecimalDigits.parse(parts[0], maximum: UInt64(Int64.max)),
            let time = DecimalDigits.parse(parts[1], in: 0...Int64.max),
            let kind = Kind(rawValue: String(decoding: parts[2], as: UTF8.self)),
            let amount = DecimalDigits.parse(parts[3], in: 1...Int64.max),
            let balance = DecimalDigits.parse(parts[4], in: 0...Int64.max)
        else { throw malformed }
        let isTransfer = kind == .transferIn || kind == .transferOut
        var counterparty: AccountNumber?
        if parts.count == 6 {
            guard isTransfer, let other = AccountNumber(parts[5]) else { throw malformed }
            counterparty = other
        } else if isTransfer {
            throw malformed
        }
        self.init(
            id: id, timeMilliseconds: time, kind: kind, amount: Money(cents: amount), balance: Money(cents: balance),
            counterparty: counterparty)
    }
}
