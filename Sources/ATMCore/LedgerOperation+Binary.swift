import ATMBytes
import ATMMoney

/// Operations and outcomes in binary format 2 (``LedgerFormat``): a tag byte, then the fields.
extension LedgerOperation {
    /// Writes the operation (no version byte: the enclosing record or fingerprint has one).
    public func write<Sink: ByteSink & ~Copyable>(binaryTo out: inout Sink) {
        switch self {
        case .balance(let account):
            out.append(littleEndian: UInt8(1))
            out.append(binary: account)
        case .history(let account, let limit, let before):
            out.append(littleEndian: UInt8(2))
            out.append(binary: account)
            out.append(littleEndian: UInt8(clamping: limit))
            out.append(littleEndian: before ?? 0)
        case .list(let page) where page == .all:
            out.append(littleEndian: UInt8(3))
        case .list(let page):
            out.append(littleEndian: UInt8(8))
            out.append(littleEndian: UInt32(clamping: page.limit ?? 0))
            out.append(littleEndian: UInt8(page.after == nil ? 0 : 1))
            if let after = page.after { out.append(binary: after) }
        case .deposit(let amount, let account):
            out.append(littleEndian: UInt8(4))
            out.append(binary: account)
            out.append(binary: amount)
        case .withdraw(let amount, let account):
            out.append(littleEndian: UInt8(5))
            out.append(binary: account)
            out.append(binary: amount)
        case .transfer(let amount, let source, let destination):
            out.append(littleEndian: UInt8(6))
            out.append(binary: source)
            out.append(binary: destination)
            out.append(binary: amount)
        case .create(let account, let balance):
            out.append(littleEndian: UInt8(7))
            out.append(binary: account)
            out.append(binary: balance)
        }
    }

    /// Reads an operation written by ``write(binaryTo:)``.
    public init(binary reader: inout LittleEndianReader) throws(LedgerDecodingError) {
        switch try reader.read(UInt8.self) {
        case 1: self = .balance(try reader.readAccount())
        case 2:
            let account = try reader.readAccount()
            let limit = Int(try reader.read(UInt8.self))
            let before = try reader.read(UInt64.self)
            guard (1...Self.maximumHistoryLimit).contains(limit) else {
                throw reader.failure("history limit out of range")
            }
            self = .history(account, limit: limit, before: before == 0 ? nil : before)
        case 3: self = .list(.all)
        case 8:
            let limit = Int(try reader.read(UInt32.self))
            guard limit <= AccountPage.maximumLimit else { throw reader.failure("account page limit out of range") }
            let after = try reader.read(UInt8.self) == 0 ? nil : try reader.readAccount()
            self = .list(AccountPage(after: after, limit: limit == 0 ? nil : limit))
        case 4:
            let account = try reader.readAccount()
            self = .deposit(try reader.readMoney(minimum: 1), to: account)
        case 5:
            let account = try reader.readAccount()
            self = .withdraw(try reader.readMoney(minimum: 1), from: account)
        case 6:
            let source = try reader.readAccount()
            let destination = try reader.readAccount()
            guard source != destination else { throw reader.failure("a transfer to the same account") }
            self = .transfer(try reader.readMoney(minimum: 1), from: source, to: destination)
        case 7:
            let account = try reader.readAccount()
            self = .create(account, balance: try reader.readMoney())
        default: throw reader.failure("unknown operation")
        }
    }

    /// The fingerprint an idempotency key is bound to, as stored apart from a record (PostgreSQL): the version
    /// byte, then the operation. Amounts are cents, so `"1.0"` and `"1.00"` give the same fingerprint.
    public var fingerprint: [UInt8] {
        var bytes: [UInt8] = [LedgerFormat.current]
        write(binaryTo: &bytes)
        return bytes
    }

    /// Reads a fingerprint of either format: binary (2), or the command words of format 1.
    public init(fingerprint bytes: ArraySlice<UInt8>) throws(LedgerDecodingError) {
        switch LedgerFormat.version(of: bytes) {
        case 1: self = try Self(format1Words: bytes)
        case LedgerFormat.current:
            var reader = LittleEndianReader(bytes.dropFirst())
            self = try Self(binary: &reader)
            try reader.expectEnd()
        default: throw LedgerDecodingError(offset: 0, reason: "unknown fingerprint format")
        }
    }
}

extension LedgerOutcome {
    /// Writes the outcome (no version byte: the enclosing record has one).
    public func write<Sink: ByteSink & ~Copyable>(binaryTo out: inout Sink) {
        switch self {
        case .balance(let account, let balance):
            out.append(littleEndian: UInt8(1))
            out.append(binary: account)
            out.append(binary: balance)
        case .accounts(let accounts):
            out.append(littleEndian: UInt8(2))
            out.append(littleEndian: UInt32(clamping: accounts.count))
            for account in accounts { out.append(binary: account) }
        case .history(let account, let entries):
            out.append(littleEndian: UInt8(3))
            out.append(binary: account)
            out.append(littleEndian: UInt32(clamping: entries.count))
            for entry in entries { entry.write(binaryTo: &out) }
        case .refused(let code):
            out.append(littleEndian: UInt8(4))
            out.append(littleEndian: code.rawValue)
        case .replayed(let original):
            out.append(littleEndian: UInt8(5))
            original.write(binaryTo: &out)
        }
    }

    /// Reads an outcome written by ``write(binaryTo:)``.
    public init(binary reader: inout LittleEndianReader) throws(LedgerDecodingError) {
        switch try reader.read(UInt8.self) {
        case 1:
            let account = try reader.readAccount()
            self = .balance(account, try reader.readMoney())
        case 2:
            let count = try reader.readCount(bytesEach: 2)
            var accounts: [AccountNumber] = []
            accounts.reserveCapacity(count)
            for _ in 0..<count { accounts.append(try reader.readAccount()) }
            self = .accounts(accounts)
        case 3:
            let account = try reader.readAccount()
            let count = try reader.readCount(bytesEach: HistoryEntry.smallestBinarySize)
            var entries: [HistoryEntry] = []
            entries.reserveCapacity(count)
            for _ in 0..<count { entries.append(try HistoryEntry(binary: &reader)) }
            self = .history(account, entries)
        case 4:
            guard let code = ErrorCode(rawValue: try reader.read(UInt8.self)) else {
                throw reader.failure("unknown error code")
            }
            self = .refused(code)
        case 5:
            let original = try LedgerOutcome(binary: &reader)
            if case .replayed = original { throw reader.failure("a replay of a replay") }
            self = .replayed(original)
        default: throw reader.failure("unknown outcome")
        }
    }
}

extension HistoryEntry {
    /// id, time, kind, amount, balance, and the counterparty's length (0 for none).
    public static let smallestBinarySize = 8 + 8 + 1 + 8 + 8 + 1

    /// Writes the entry: id, time, kind, amount, balance, then the counterparty (an empty account for none).
    public func write<Sink: ByteSink & ~Copyable>(binaryTo out: inout Sink) {
        out.append(littleEndian: id)
        out.append(littleEndian: timeMilliseconds)
        out.append(littleEndian: kind.code)
        out.append(binary: amount)
        out.append(binary: balance)
        if let counterparty {
            out.append(binary: counterparty)
        } else {
            out.append(littleEndian: UInt8(0))
        }
    }

    /// Reads an entry written by ``write(binaryTo:)``, checking what no applied change could write.
    public init(binary reader: inout LittleEndianReader) throws(LedgerDecodingError) {
        let id = try reader.read(UInt64.self)
        let time = try reader.read(Int64.self)
        guard let kind = Kind(code: try reader.read(UInt8.self)) else { throw reader.failure("unknown history kind") }
        let amount = try reader.readMoney(minimum: 1)
        let balance = try reader.readMoney()
        let length = Int(try reader.read(UInt8.self))
        var counterparty: AccountNumber?
        if length > 0 {
            guard let other = AccountNumber(try reader.read(count: length)) else {
                throw reader.failure("malformed account number")
            }
            counterparty = other
        }
        guard id > 0, time >= 0, kind.hasCounterparty == (counterparty != nil) else {
            throw reader.failure("malformed history entry")
        }
        self.init(
            id: id, timeMilliseconds: time, kind: kind, amount: amount, balance: balance, counterparty: counterparty)
    }

}

extension HistoryEntry.Kind {
    /// The kind's number in binary formats: stable, never reused.
    var code: UInt8 {
        switch self {
        case .deposit: return 1
        case .withdrawal: return 2
        case .transferIn: return 3
        case .transferOut: return 4
        }
    }

    init?(code: UInt8) {
        guard let kind = Self.allCases.first(where: { $0.code == code }) else { return nil }
        self = kind
    }
}
