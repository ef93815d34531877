import ATMBytes
import ATMCore
import ATMMoney

/// Records of ``LedgerFormat`` 1, frozen: how releases up to 22bd11c wrote them, read so their journals still
/// load, never written. Lines: `kind fields… time` first (`deposit <account> <cents> <balance>`,
/// `withdrawal …`, `transfer <from> <to> <cents> <from balance> <to balance>`, `create <account> <balance>`,
/// `open <count>` followed by `<account> <balance>` lines, `none`), then optional `request <id>`, then
/// optional `key <key>`, `command <words>` and `outcome <reply>`.
extension LedgerRecord {
    init(format1 payload: [UInt8]) throws(DecodingError) {
        var lines = payload.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)[...]
        guard let first = lines.popFirst() else { throw DecodingError(reason: "empty record") }
        let words = first.split(separator: UInt8(ascii: " "), omittingEmptySubsequences: false)
        func number(_ index: Int, _ range: ClosedRange<Int64> = 0...Int64.max) throws(DecodingError) -> Int64 {
            guard index < words.count, let value = DecimalDigits.parse(words[index], in: range) else {
                throw DecodingError(reason: "a number in the record is malformed")
            }
            return value
        }
        func account(_ index: Int) throws(DecodingError) -> AccountNumber {
            guard index < words.count, let account = AccountNumber(words[index]) else {
                throw DecodingError(reason: "an account number in the record is malformed")
            }
            return account
        }
        func expectCount(_ count: Int) throws(DecodingError) {
            guard words.count == count else { throw DecodingError(reason: "the record has the wrong number of fields") }
        }
        guard let kind = words.first else { throw DecodingError(reason: "empty record") }
        let change: LedgerChange
        if ASCII.equals(kind, "deposit") || ASCII.equals(kind, "withdrawal") {
            try expectCount(5)
            let account = try account(1)
            let amount = Money(cents: try number(2, 1...Int64.max))
            let balance = Money(cents: try number(3))
            change =
                ASCII.equals(kind, "deposit")
                ? .deposit(account, amount: amount, balance: balance)
                : .withdrawal(account, amount: amount, balance: balance)
        } else if ASCII.equals(kind, "transfer") {
            try expectCount(7)
            change = .transfer(
                from: try account(1), to: try account(2), amount: Money(cents: try number(3, 1...Int64.max)),
                fromBalance: Money(cents: try number(4)), toBalance: Money(cents: try number(5)))
        } else if ASCII.equals(kind, "create") {
            try expectCount(4)
            change = .create(try account(1), balance: Money(cents: try number(2)))
        } else if ASCII.equals(kind, "open") {
            try expectCount(3)
            let count = Int(try number(1, 0...Int64(lines.count)))
            var openings: [LedgerChange.Opening] = []
            openings.reserveCapacity(count)
            for _ in 0..<count {
                let line = lines.removeFirst()
                let fields = line.split(separator: UInt8(ascii: " "), omittingEmptySubsequences: false)
                guard fields.count == 2, let account = AccountNumber(fields[0]),
                    let cents = DecimalDigits.parse(fields[1], in: 0...Int64.max)
                else { throw DecodingError(reason: "malformed opening account") }
                openings.append(LedgerChange.Opening(account, Money(cents: cents)))
            }
            change = .open(openings)
        } else if ASCII.equals(kind, "none") {
            try expectCount(2)
            change = .none
        } else {
            throw DecodingError(reason: "unknown record kind")
        }
        let time = try number(words.count - 1)
        var requestID: RequestID?
        if let line = lines.first, ASCII.hasPrefix(line, "request ") {
            requestID = RequestID(line.dropFirst(8))
            guard requestID != nil else { throw DecodingError(reason: "malformed request id") }
            lines.removeFirst()
        }
        var keyOutcome: KeyOutcome?
        if !lines.isEmpty {
            guard lines.count == 3, ASCII.hasPrefix(lines[lines.startIndex], "key "),
                ASCII.hasPrefix(lines[lines.startIndex + 1], "command "),
                ASCII.hasPrefix(lines[lines.startIndex + 2], "outcome "),
                let key = IdempotencyKey(lines[lines.startIndex].dropFirst(4))
            else { throw DecodingError(reason: "malformed idempotency outcome") }
            do throws(LedgerDecodingError) {
                let operation = try LedgerOperation(format1Words: lines[lines.startIndex + 1].dropFirst(8))
                let outcome = try LedgerOutcome(
                    format1Reply: lines[lines.startIndex + 2].dropFirst(8), answering: operation)
                keyOutcome = KeyOutcome(key: key, operation: operation, outcome: outcome)
            } catch {
                throw DecodingError(reason: "malformed idempotency outcome: \(error.reason)")
            }
        }
        self.init(change: change, timeMilliseconds: time, requestID: requestID, keyOutcome: keyOutcome)
    }
}
