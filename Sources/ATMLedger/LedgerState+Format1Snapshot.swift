import ATMBytes
import ATMCore
import ATMMoney

/// Snapshots of ``LedgerFormat`` 1, frozen: text lines, as releases up to 22bd11c wrote them; read, never written.
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
    static let format1Header: StaticString = "atm-ledger-snapshot 1 "

    /// Rebuilds the state a format-1 snapshot describes.
    init(format1Snapshot snapshot: [UInt8], historyCapacity: Int, idempotencyKeys: Int) throws(ReplayError) {
        self.init(historyCapacity: historyCapacity, idempotencyKeys: idempotencyKeys)
        func fail(_ reason: String) -> ReplayError { ReplayError(sequence: 0, reason: reason) }
        var lines = snapshot.split(separator: UInt8(ascii: "\n"))[...]
        guard let first = lines.popFirst(), ASCII.hasPrefix(first, Self.format1Header),
            let sequence = DecimalDigits.parse(first.dropFirst(Self.format1Header.utf8CodeUnitCount))
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
                    let entry = HistoryEntry(compactText: fields[2])
                else { throw fail("malformed history line") }
                accounts[account]?.history.append(entry, capacity: historyCapacity)
            } else if ASCII.equals(fields[0], "k") {
                guard let time = DecimalDigits.parse(fields[1], in: 0...Int64.max),
                    let key = IdempotencyKey(fields[2]),
                    let commandLine = lines.popFirst(), ASCII.hasPrefix(commandLine, "c "),
                    let outcomeLine = lines.popFirst(), ASCII.hasPrefix(outcomeLine, "o "),
                    let operation = try? LedgerOperation(format1Words: commandLine.dropFirst(2)),
                    let outcome = try? LedgerOutcome(format1Reply: outcomeLine.dropFirst(2), answering: operation)
                else { throw fail("malformed idempotency key") }
                keys.finish(key, operation: operation, outcome: outcome, timeMilliseconds: time)
            } else {
                throw fail("unknown line kind")
            }
        }
    }
}
