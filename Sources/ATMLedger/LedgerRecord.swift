import ATMBytes
import ATMCore
import ATMMoney
import ATMProtocol

/// One durable change, as the journal holds it: what changed, the balances it left, and the
/// idempotency outcome it settles.
///
/// Records carry resulting balances, not just amounts, so that replay can check every one
/// against the arithmetic and refuse a journal that does not add up.
public struct LedgerRecord: Sendable, Hashable {
    /// The outcome stored for a key, with the command words it is bound to.
    public struct KeyOutcome: Sendable, Hashable {
        public let key: IdempotencyKey
        public let words: [UInt8]
        public let outcome: StateReply

        public init(key: IdempotencyKey, words: [UInt8], outcome: StateReply) {
            self.key = key
            self.words = words
            self.outcome = outcome
        }
    }

    public let change: LedgerChange
    public let timeMilliseconds: Int64
    public let requestID: RequestID?
    public let keyOutcome: KeyOutcome?
    /// The client identity the change was made for, for the audit line only: not journalled.
    public let identity: ClientSubject?

    /// Encoded as lines, `kind fields…` first, then `request`, `key`, `command` and `outcome` lines.
    public var encoded: [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(96)
        switch change {
        case .deposit(let account, let amount, let balance):
            bytes.append(ascii: "deposit ")
            bytes.append(fields: [account.digits], [amount.cents, balance.cents])
        case .withdrawal(let account, let amount, let balance):
            bytes.append(ascii: "withdrawal ")
            bytes.append(fields: [account.digits], [amount.cents, balance.cents])
        case .transfer(let source, let destination, let amount, let sourceBalance, let destinationBalance):
            bytes.append(ascii: "transfer ")
            bytes.append(
                fields: [source.digits, destination.digits],
                [amount.cents, sourceBalance.cents, destinationBalance.cents])
        case .create(let account, let balance):
            bytes.append(ascii: "create ")
            bytes.append(fields: [account.digits], [balance.cents])
        case .open(let openings):
            bytes.append(ascii: "open ")
            bytes.append(decimal: Int64(openings.count))
        case .none:
            bytes.append(ascii: "none")
        }
        bytes.append(ascii: " ")
        bytes.append(decimal: timeMilliseconds)
        if case .open(let openings) = change {
            for opening in openings {
                bytes.append(UInt8(ascii: "\n"))
                bytes.append(utf8: opening.account.digits)
                bytes.append(UInt8(ascii: " "))
                bytes.append(decimal: opening.balance.cents)
            }
        }
        if let requestID {
            bytes.append(ascii: "\nrequest ")
            bytes.append(utf8: requestID.text)
        }
        if let keyOutcome {
            bytes.append(ascii: "\nkey ")
            bytes.append(utf8: keyOutcome.key.text)
            bytes.append(ascii: "\ncommand ")
            bytes += keyOutcome.words
            bytes.append(ascii: "\noutcome ")
            bytes += keyOutcome.outcome.encoded.dropLast()
        }
        return bytes
    }

    /// Why a payload is not a record this version wrote.
    public struct DecodingError: Error, Sendable, Hashable, CustomStringConvertible {
        public let reason: String
        public var description: String { reason }
    }

    public init(
        change: LedgerChange, timeMilliseconds: Int64, requestID: RequestID? = nil, keyOutcome: KeyOutcome? = nil,
        identity: ClientSubject? = nil
    ) {
        self.change = change
        self.timeMilliseconds = timeMilliseconds
        self.requestID = requestID
        self.keyOutcome = keyOutcome
        self.identity = identity
    }

    public init(decoding payload: [UInt8]) throws(DecodingError) {
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
            let words = Array(lines[lines.startIndex + 1].dropFirst(8))
            do {
                let command = try StateRequest(decoding: words).command
                let outcome = try StateReply(decoding: lines[lines.startIndex + 2].dropFirst(8), answering: command)
                keyOutcome = KeyOutcome(key: key, words: words, outcome: outcome)
            } catch {
                throw DecodingError(reason: "malformed idempotency outcome: \(error.message)")
            }
        }
        self.init(change: change, timeMilliseconds: time, requestID: requestID, keyOutcome: keyOutcome)
    }
}

extension LedgerRecord.KeyOutcome {
    public init(key: IdempotencyKey, command: StateCommand, outcome: StateReply) {
        self.init(key: key, words: command.words, outcome: outcome)
    }
}

extension Array where Element == UInt8 {
    fileprivate mutating func append(fields accounts: [String], _ numbers: [Int64]) {
        for account in accounts {
            append(utf8: account)
            append(UInt8(ascii: " "))
        }
        for (index, number) in numbers.enumerated() {
            if index > 0 { append(UInt8(ascii: " ")) }
            append(decimal: number)
        }
    }
}
