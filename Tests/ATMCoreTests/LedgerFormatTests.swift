import ATMBytes
import ATMCore
import ATMMoney
import Testing

/// The stored forms of operations, outcomes and history entries (format 2), and the frozen format 1.
@Suite struct LedgerFormatTests {
    static let a = AccountNumber(Array("1001".utf8))!
    static let b = AccountNumber(Array("92233720368547758".utf8))!
    static let entry = HistoryEntry(
        id: 7, timeMilliseconds: 1_796_558_100_428, kind: .transferOut, amount: Money(cents: 100),
        balance: Money(cents: 26_950), counterparty: a)

    static let operations: [LedgerOperation] = [
        .balance(a), .history(a, limit: 100, before: nil), .history(b, limit: 1, before: 42), .list(.all),
        .deposit(Money(cents: 1), to: a), .withdraw(Money.largestAmount, from: b),
        .transfer(Money(cents: 2500), from: a, to: b), .create(b, balance: Money.largestBalance),
    ]

    static let outcomes: [LedgerOutcome] = [
        .balance(a, .zero), .accounts([]), .accounts([a, b]), .history(a, []), .history(b, [entry]),
        .refused(.insufficientFunds), .replayed(.balance(b, Money.largestBalance)), .replayed(.refused(.notFound)),
    ]

    @Test(arguments: operations)
    func everyOperationReadsBackAsItWasWritten(_ operation: LedgerOperation) throws {
        var bytes: [UInt8] = []
        operation.write(binaryTo: &bytes)
        var reader = LittleEndianReader(bytes)
        #expect(try LedgerOperation(binary: &reader) == operation)
        #expect(reader.isAtEnd)
        #expect(try LedgerOperation(fingerprint: operation.fingerprint[...]) == operation)
    }

    @Test(arguments: outcomes)
    func everyOutcomeReadsBackAsItWasWritten(_ outcome: LedgerOutcome) throws {
        var bytes: [UInt8] = []
        outcome.write(binaryTo: &bytes)
        var reader = LittleEndianReader(bytes)
        #expect(try LedgerOutcome(binary: &reader) == outcome)
        #expect(reader.isAtEnd)
    }

    @Test func everyCutShortEncodingIsAnErrorNotATrap() {
        for operation in Self.operations {
            let fingerprint = operation.fingerprint
            for length in 0..<fingerprint.count {
                #expect(throws: LedgerDecodingError.self) { try LedgerOperation(fingerprint: fingerprint[..<length]) }
            }
        }
        for outcome in Self.outcomes {
            var bytes: [UInt8] = []
            outcome.write(binaryTo: &bytes)
            for length in 0..<bytes.count {
                var reader = LittleEndianReader(bytes[..<length])
                #expect(throws: LedgerDecodingError.self) { try LedgerOutcome(binary: &reader) }
            }
        }
    }

    @Test func aCountLargerThanTheBytesCanHoldIsRefusedBeforeItAllocates() {
        var bytes: [UInt8] = [2]
        bytes.append(littleEndian: UInt32.max)
        var reader = LittleEndianReader(bytes)
        #expect(throws: LedgerDecodingError.self) { try LedgerOutcome(binary: &reader) }
    }

    @Test func aReplayOfAReplayAndATransferToItselfAreRefused() {
        var replay: [UInt8] = []
        LedgerOutcome.replayed(.refused(.notFound)).write(binaryTo: &replay)
        var twice: [UInt8] = [5]
        twice += replay
        var reader = LittleEndianReader(twice)
        #expect(throws: LedgerDecodingError.self) { try LedgerOutcome(binary: &reader) }
        var selfTransfer: [UInt8] = [LedgerFormat.current, 6]
        selfTransfer.append(binary: Self.a)
        selfTransfer.append(binary: Self.a)
        selfTransfer.append(binary: Money(cents: 1))
        #expect(throws: LedgerDecodingError.self) { try LedgerOperation(fingerprint: selfTransfer[...]) }
    }

    @Test func aFormat1FingerprintIsTheSameOperationAsItsFormat2One() throws {
        let cases: [(String, LedgerOperation)] = [
            ("DEPOSIT 1001 1050", .deposit(Money(cents: 1050), to: Self.a)),
            ("WITHDRAW 92233720368547758 100000000000000", .withdraw(Money.largestAmount, from: Self.b)),
            ("TRANSFER 1001 92233720368547758 2500", .transfer(Money(cents: 2500), from: Self.a, to: Self.b)),
        ]
        for (words, operation) in cases {
            #expect(LedgerFormat.version(of: Array(words.utf8)[...]) == 1)
            #expect(try LedgerOperation(fingerprint: Array(words.utf8)[...]) == operation)
            #expect(try LedgerOperation(fingerprint: Array(words.utf8)[...]).fingerprint == operation.fingerprint)
        }
    }

    @Test(arguments: [
        "", "DEPOSIT", "DEPOSIT 1001", "DEPOSIT 1001 0", "DEPOSIT 1001 1050 ", "DEPOSIT x 1", "BALANCE 1001",
        "TRANSFER 1001 1001 5", "WITHDRAW 1001 100000000000001", "deposit 1001 5",
    ])
    func aMalformedFormat1FingerprintIsRefused(_ words: String) {
        #expect(throws: LedgerDecodingError.self) { try LedgerOperation(format1Words: Array(words.utf8)[...]) }
    }

    @Test func aFormat1OutcomeIsReadForTheOperationItAnswers() throws {
        let deposit = LedgerOperation.deposit(Money(cents: 1), to: Self.a)
        #expect(
            try LedgerOutcome(format1Reply: Array("OK 1001 101050".utf8)[...], answering: deposit)
                == .balance(Self.a, Money(cents: 101_050)))
        #expect(
            try LedgerOutcome(
                format1Reply: Array("ERR insufficient-funds insufficient funds".utf8)[...], answering: deposit)
                == .refused(.insufficientFunds))
        for line in ["OK 1002 5", "OK 1001", "ERR no-such-code x", "REPLAY OK 1001 5", "OK 1001 -5"] {
            #expect(throws: LedgerDecodingError.self) {
                try LedgerOutcome(format1Reply: Array(line.utf8)[...], answering: deposit)
            }
        }
    }

    @Test func aHistoryEntryReadsBackFromItsCompactText() {
        var text: [UInt8] = []
        Self.entry.write(compactTextTo: &text)
        #expect(String(decoding: text, as: UTF8.self) == "7:1796558100428:transfer_out:100:26950:1001")
        #expect(HistoryEntry(compactText: text[...]) == Self.entry)
        for bad in ["7:1:deposit:100:5:1001", "7:1:transfer_in:100:5", "7:1:deposit:0:5", "7:1:gift:1:1", "1:2:3"] {
            #expect(HistoryEntry(compactText: Array(bad.utf8)[...]) == nil, "\(bad)")
        }
    }
}
