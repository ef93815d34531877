import ATMBytes
import ATMMoney

/// Format 1 (``LedgerFormat``), frozen: the text that releases up to 22bd11c stored, read so their journals,
/// snapshots and keys still load. It is never written again, and the wire protocol may change without it.
///
/// A stored key's command is `DEPOSIT <account> <cents>`, `WITHDRAW <account> <cents>` or
/// `TRANSFER <from> <to> <cents>`; its outcome `OK <account> <cents>` or `ERR <code> <message>`.
extension LedgerOperation {
    /// Reads the command words a format-1 key was bound to.
    public init(format1Words words: ArraySlice<UInt8>) throws(LedgerDecodingError) {
        let fields = words.split(separator: UInt8(ascii: " "), omittingEmptySubsequences: false)
        func failure() -> LedgerDecodingError { LedgerDecodingError(offset: 0, reason: "malformed format-1 command") }
        func account(_ index: Int) throws(LedgerDecodingError) -> AccountNumber {
            guard index < fields.count, let account = AccountNumber(fields[index]) else { throw failure() }
            return account
        }
        func amount(_ index: Int) throws(LedgerDecodingError) -> Money {
            guard index == fields.count - 1,
                let cents = DecimalDigits.parse(fields[index], in: 1...Money.largestAmount.cents)
            else { throw failure() }
            return Money(cents: cents)
        }
        guard let verb = fields.first else { throw failure() }
        if ASCII.equals(verb, "DEPOSIT") {
            self = .deposit(try amount(2), to: try account(1))
        } else if ASCII.equals(verb, "WITHDRAW") {
            self = .withdraw(try amount(2), from: try account(1))
        } else if ASCII.equals(verb, "TRANSFER") {
            let source = try account(1)
            let destination = try account(2)
            guard source != destination else { throw failure() }
            self = .transfer(try amount(3), from: source, to: destination)
        } else {
            throw failure()
        }
    }
}

extension LedgerOutcome {
    /// Reads the reply a format-1 key stored for `operation`: its new balance, or the refusal's code.
    public init(format1Reply line: ArraySlice<UInt8>, answering operation: LedgerOperation)
        throws(LedgerDecodingError)
    {
        func failure() -> LedgerDecodingError { LedgerDecodingError(offset: 0, reason: "malformed format-1 outcome") }
        let fields = line.split(separator: UInt8(ascii: " "), maxSplits: 2, omittingEmptySubsequences: false)
        guard fields.count == 3 else { throw failure() }
        if ASCII.equals(fields[0], "ERR") {
            guard let code = ErrorCode(name: fields[1]) else { throw failure() }
            self = .refused(code)
        } else if ASCII.equals(fields[0], "OK") {
            guard let account = AccountNumber(fields[1]), account == operation.account,
                let cents = DecimalDigits.parse(fields[2], in: 0...Int64.max)
            else { throw failure() }
            self = .balance(account, Money(cents: cents))
        } else {
            throw failure()
        }
    }
}

extension HistoryEntry {
    /// The entry as one field of text, `id:time:kind:amount:balance[:counterparty]`: how format 1 stored it in
    /// snapshots, and how the wire protocol's HISTORY reply carries it.
    public func write<Sink: ByteSink & ~Copyable>(compactTextTo out: inout Sink) {
        out.append(decimal: Int64(clamping: id))
        out.append(UInt8(ascii: ":"))
        out.append(decimal: timeMilliseconds)
        out.append(UInt8(ascii: ":"))
        out.append(utf8: kind.rawValue)
        out.append(UInt8(ascii: ":"))
        out.append(decimal: amount.cents)
        out.append(UInt8(ascii: ":"))
        out.append(decimal: balance.cents)
        if let counterparty {
            out.append(UInt8(ascii: ":"))
            out.append(utf8: counterparty.digits)
        }
    }

    /// Reads an entry written by ``write(compactTextTo:)``; nil for one no applied change could leave.
    public init?(compactText field: ArraySlice<UInt8>) {
        let parts = field.split(separator: UInt8(ascii: ":"), omittingEmptySubsequences: false)
        guard parts.count == 5 || parts.count == 6,
            let id = DecimalDigits.parse(parts[0], maximum: UInt64(Int64.max)),
            let time = DecimalDigits.parse(parts[1], in: 0...Int64.max),
            let kind = Kind(rawValue: String(decoding: parts[2], as: UTF8.self)),
            let amount = DecimalDigits.parse(parts[3], in: 1...Int64.max),
            let balance = DecimalDigits.parse(parts[4], in: 0...Int64.max)
        else { return nil }
        var counterparty: AccountNumber?
        if parts.count == 6 {
            guard let other = AccountNumber(parts[5]) else { return nil }
            counterparty = other
        }
        guard kind.hasCounterparty == (counterparty != nil) else { return nil }
        self.init(
            id: id, timeMilliseconds: time, kind: kind, amount: Money(cents: amount), balance: Money(cents: balance),
            counterparty: counterparty)
    }
}
