import ATMCore
import ATMLedger
import ATMMoney
import Testing

/// Replay and compaction: the state rebuilt from committed records equals the live one.
@Suite struct LedgerRecoveryTests {
    /// A workload over a few accounts, with keys, refusals and transfers.
    private func runWorkload(_ ledger: Ledger) {
        _ = ledger.run(.create(account("3"), balance: money(70)))
        _ = ledger.run(.deposit(money(500), to: account("1")), key: "d1")
        _ = ledger.run(.withdraw(money(9999), from: account("2")), key: "w1")
        _ = ledger.run(.transfer(money(120), from: account("1"), to: account("2")), key: "t1")
        _ = ledger.run(.withdraw(money(20), from: account("3")))
        _ = ledger.run(.transfer(money(5), from: account("2"), to: account("3")))
    }

    private func recover(_ journal: RecordingJournal, from initial: [(String, Int64)]) throws -> LedgerState {
        var state = LedgerState(historyCapacity: 100, idempotencyKeys: 1000)
        for (sequence, payload) in journal.committed { try state.apply(payload, sequence: sequence) }
        _ = initial
        return state
    }

    @Test func replayingTheJournalRebuildsBalancesHistoryAndKeys() throws {
        let journal = RecordingJournal()
        let live = makeLedger([], journal: journal)
        _ = live.run(.create(account("1"), balance: money(1000)))
        _ = live.run(.create(account("2"), balance: money(50)))
        runWorkload(live)
        let state = try recover(journal, from: [])
        let recovered = Ledger(
            state,
            services: LedgerServices(
                commit: { _ in .notApplied }, monotonicMilliseconds: { 0 }, wallMilliseconds: { 0 })
        )
        for digits in ["1", "2", "3"] {
            #expect(recovered.balance(digits) == live.balance(digits))
            #expect(
                recovered.run(.history(account(digits), limit: 100, before: nil))
                    == live.run(.history(account(digits), limit: 100, before: nil)))
        }
        // Keys survive: the same request replays byte for byte, a different one is refused.
        #expect(
            recovered.run(.deposit(money(500), to: account("1")), key: "d1")
                == live.run(.deposit(money(500), to: account("1")), key: "d1"))
        #expect(recovered.run(.deposit(money(1), to: account("1")), key: "w1").isError(.keyReused))
    }

    @Test func aSnapshotRoundTripsAndCompactionEqualsReplay() throws {
        let journal = RecordingJournal()
        let live = makeLedger([], journal: journal)
        _ = live.run(.create(account("1"), balance: money(1000)))
        _ = live.run(.create(account("2"), balance: money(50)))
        runWorkload(live)
        let records = journal.committed
        let half = records.count / 2
        let firstSnapshot = try LedgerState.compact(
            snapshot: nil, records: Array(records[..<half]), historyCapacity: 100, idempotencyKeys: 1000)
        let compacted = try LedgerState.compact(
            snapshot: firstSnapshot, records: Array(records[half...]), historyCapacity: 100, idempotencyKeys: 1000)
        let replayed = try recover(journal, from: [])
        #expect(compacted == replayed.snapshot)
        let restored = try LedgerState(snapshot: compacted, historyCapacity: 100, idempotencyKeys: 1000)
        #expect(restored.snapshot == compacted)
        #expect(restored.lastSequence == UInt64(records.count))
        #expect(restored.balance(of: account("3")) == live.balance("3"))
    }

    @Test func aRecordThatDoesNotAddUpIsRefusedNotBelieved() throws {
        var state = LedgerState(historyCapacity: 10, idempotencyKeys: 10)
        try state.apply(Array("create 1 100 5".utf8), sequence: 1)
        for bad in [
            "deposit 1 50 151 6", "withdrawal 1 50 49 6", "withdrawal 1 101 0 6", "deposit 9 1 1 6", "create 1 5 6",
            "transfer 1 1 5 95 105 6", "deposit 1 50 150", "bogus 1 2 3", "deposit 1 0 100 6", "deposit 1 -5 95 6",
            "none 6\nkey k\ncommand DEPOSIT 1 5\noutcome OK 2 5",
        ] {
            var copy = state
            #expect(throws: LedgerState.ReplayError.self, "\(bad)") { try copy.apply(Array(bad.utf8), sequence: 2) }
        }
        #expect(throws: LedgerState.ReplayError.self) { try state.apply(Array("deposit 1 5 105 6".utf8), sequence: 1) }
        #expect(state.balance(of: account("1")) == money(100))
    }

    @Test func everyRecordKindRoundTripsThroughItsEncoding() throws {
        let key = IdempotencyKey(Array("k-1".utf8)[...])!
        let records = [
            LedgerRecord(change: .deposit(account("1"), amount: money(5), balance: money(10)), timeMilliseconds: 7),
            LedgerRecord(
                change: .transfer(
                    from: account("1"), to: account("2"), amount: money(5), fromBalance: money(0), toBalance: money(5)),
                timeMilliseconds: 8, requestID: RequestID(Array("r".utf8)[...]),
                keyOutcome: .init(
                    key: key, operation: .transfer(money(5), from: account("1"), to: account("2")),
                    outcome: .balance(account("1"), .zero))),
            LedgerRecord(
                change: .none, timeMilliseconds: 9,
                keyOutcome: .init(
                    key: key, operation: .withdraw(money(5), from: account("1")),
                    outcome: .refused(.insufficientFunds))),
            LedgerRecord(change: .create(account("3"), balance: .largestBalance), timeMilliseconds: 0),
        ]
        for record in records {
            #expect(try LedgerRecord(decoding: record.encoded) == record)
        }
    }
}
