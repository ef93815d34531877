import ATMBytes
import ATMCore
import ATMMoney
import ATMProtocol

/// A snapshot: the whole state as text lines, so an operator can read one with `less`.
///
/// ```
/// atm-ledger-snapshot 1 <last sequence>
/// a <account> <balance cents>
/// h <account> <id>:<time>:<kind>:<amount>:<balance>[:<counterparty>]   (oldest first)
/// k <time> <key>          followed by
/// c <command words>       and
/// o <outcome reply>
/// ```
extension LedgerState {
    private static let header: StaticString = "atm-ledger-snapshot 1 "

    /// The snapshot of this state.
    public var snapshot: [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(64 + accounts.count * 32)
        bytes.append(ascii: Self.header)
        bytes.append(decimal: Int64(clamping: lastSequence))
        bytes.append(UInt8(ascii: "\n"))
        for (account, state) in accounts.sorted(by: { $0.key < $1.key }) {
            bytes.append(ascii: "a ")
            bytes.append(utf8: account.digits)
            bytes.append(UInt8(ascii: " "))
            bytes.append(decimal: state.balance.cents)
            bytes.append(UInt8(ascii: "\n"))
            for entry in state.history.oldestFirst {
                bytes.append(ascii: "h ")
                bytes.append(utf8: account.digits)
                bytes.append(UInt8(ascii: " "))
                bytes += entry.encoded
                bytes.append(UInt8(ascii: "\n"))
            }
        }
        for (key, entry) in keys.finishedOldestFirst {
            guard case .finished(let words, let outcome, let time) = entry else { continue }
            bytes.append(ascii: "k ")
            bytes.append(decimal: time)
            bytes.append(UInt8(ascii: " "))
            bytes.append(utf8: key.text)
            bytes.append(ascii: "\nc ")
            bytes += words
            bytes.append(ascii: "\no ")
            bytes += outcome.encoded
        }
        return bytes
    }

    /// Rebuilds the state a snapshot describes.
    public init(snapshot: [UInt8], historyCapacity: Int, idempotencyKeys: Int) throws(ReplayError) {
        self.init(historyCapacity: historyCapacity, idempotencyKeys: idempotencyKeys)
        func fail(_ reason: String) -> ReplayError { ReplayError(sequence: 0, reason: reason) }
        var lines = snapshot.split(separator: UInt8(ascii: "\n"))[...]
        guard let first = lines.popFirst(), ASCII.hasPrefix(first, Self.header),
            let sequence = DecimalDigits.parse(first.dropFirst(Self.header.utf8CodeUnitCount))
        else { throw fail("not a snapshot this version wrote") }
        lastSequence = sequence
        while let line = lines.popFirst() {
            let fields = line.split(separator: UInt8(ascii: " "), maxSplits: 2, omittingEmptySubsequences: false)
            guard fields.count == 3 else { throw fail("malformed line") }
            if ASCII.equals(fields[0], "a") {
                guard let account = AccountNumber(fields[1]), accounts[account] == nil,
                    let cents = DecimalDigits.parse(fields[2], in: 0...Int64.max)
                else { throw fail("malformed account line") }
                accounts[account] = AccountState(balance: Money(cents: cents))
            } else if ASCII.equals(fields[0], "h") {
                guard let account = AccountNumber(fields[1]), accounts[account] != nil,
                    let entry = try? HistoryEntry(decoding: fields[2])
                else { throw fail("malformed history line") }
                accounts[account]?.history.append(entry, capacity: historyCapacity)
            } else if ASCII.equals(fields[0], "k") {
                guard let time = DecimalDigits.parse(fields[1], in: 0...Int64.max),
                    let key = IdempotencyKey(fields[2]),
                    let commandLine = lines.popFirst(), ASCII.hasPrefix(commandLine, "c "),
                    let outcomeLine = lines.popFirst(), ASCII.hasPrefix(outcomeLine, "o "),
                    let command = try? StateRequest(decoding: commandLine.dropFirst(2)).command,
                    let outcome = try? StateReply(decoding: outcomeLine.dropFirst(2), answering: command)
                else { throw fail("malformed idempotency key") }
                keys.finish(key, words: Array(commandLine.dropFirst(2)), outcome: outcome, timeMilliseconds: time)
            } else {
                throw fail("unknown line kind")
            }
        }
    }

    /// The journal's compactor: the state after `records` on top of `snapshot`, as a new snapshot.
    public static func compact(
        snapshot: [UInt8]?, records: [(UInt64, [UInt8])], historyCapacity: Int, idempotencyKeys: Int
    ) throws(ReplayError) -> [UInt8] {
        var state =
            try snapshot.map { (bytes) throws(ReplayError) in
                try LedgerState(snapshot: bytes, historyCapacity: historyCapacity, idempotencyKeys: idempotencyKeys)
            } ?? LedgerState(historyCapacity: historyCapacity, idempotencyKeys: idempotencyKeys)
        for (sequence, payload) in records {
            try state.apply(payload, sequence: sequence)
        }
        return state.snapshot
    }
}
