import ATMCore
import ATMLedger
import ATMMoney
import Dispatch
import Synchronization
import Testing

@Suite struct LedgerMoneyTests {
    private func makeBank() -> Ledger { makeLedger([("1001", 100_000), ("1002", 25_050)]) }

    @Test func depositAndWithdrawAnswerTheNewBalance() {
        let ledger = makeBank()
        #expect(ledger.run(.deposit(money(1050), to: account("1002"))) == .balance(account("1002"), money(26_100)))
        #expect(ledger.run(.withdraw(money(500), from: account("1002"))) == .balance(account("1002"), money(25_600)))
        #expect(ledger.balance("1002") == money(25_600))
    }

    @Test func unknownAccountsAreNotFound() {
        let ledger = makeBank()
        for command: LedgerOperation in [
            .balance(account("9")), .deposit(money(1), to: account("9")), .withdraw(money(1), from: account("9")),
            .transfer(money(1), from: account("9"), to: account("1001")),
            .history(account("9"), limit: 5, before: nil),
        ] {
            #expect(ledger.run(command) == .refused(.notFound))
        }
        #expect(
            ledger.run(.transfer(money(1), from: account("1001"), to: account("9")))
                == .refused(.destinationNotFound))
    }

    @Test func aRefusedWithdrawalChangesNothingAndNothingGoesBelowZero() {
        let journal = RecordingJournal()
        let ledger = makeLedger([("1001", 100_000)], journal: journal)
        #expect(ledger.run(.withdraw(money(100_001), from: account("1001"))).isError(.insufficientFunds))
        #expect(ledger.balance("1001") == money(100_000))
        #expect(journal.committed.isEmpty)
        #expect(ledger.run(.withdraw(money(100_000), from: account("1001"))) == .balance(account("1001"), .zero))
    }

    @Test func aDepositPastTheLargestBalanceIsRefused() {
        let ledger = makeLedger([("1", Int64.max - 10)])
        #expect(ledger.run(.deposit(money(11), to: account("1"))).isError(.limitExceeded))
        #expect(ledger.balance("1") == money(Int64.max - 10))
        #expect(ledger.run(.deposit(money(10), to: account("1"))) == .balance(account("1"), .largestBalance))
    }

    @Test func createOpensAnAccountOnceAndListSortsInByteOrder() {
        let ledger = makeBank()
        #expect(ledger.run(.create(account("2"), balance: .zero)) == .balance(account("2"), .zero))
        #expect(ledger.run(.create(account("2"), balance: money(5))).isError(.exists))
        #expect(ledger.run(.list(.all)) == .accounts([account("1001"), account("1002"), account("2")]))
    }

    @Test func aTransferMovesBothBalancesOrNeither() {
        let ledger = makeBank()
        #expect(
            ledger.run(.transfer(money(500), from: account("1001"), to: account("1002")))
                == .balance(account("1001"), money(99_500)))
        #expect(ledger.balance("1002") == money(25_550))
        #expect(
            ledger.run(.transfer(money(99_501), from: account("1001"), to: account("1002"))).isError(.insufficientFunds)
        )
        let full = makeLedger([("1", 10), ("2", Int64.max)])
        #expect(full.run(.transfer(money(1), from: account("1"), to: account("2"))).isError(.limitExceeded))
        #expect(full.balance("1") == money(10))
        #expect(full.balance("2") == money(Int64.max))
    }

    @Test func concurrentWithdrawalsNeverOverdraw() {
        let ledger = makeLedger([("1", 10_000)])
        let applied = Atomic<Int>(0)
        DispatchQueue.concurrentPerform(iterations: 200) { _ in
            if case .balance = ledger.run(.withdraw(money(100), from: account("1"))) {
                applied.wrappingAdd(1, ordering: .relaxed)
            }
        }
        #expect(applied.load(ordering: .relaxed) == 100)
        #expect(ledger.balance("1") == .zero)
    }

    @Test func oppositeTransfersRunConcurrentlyWithoutDeadlockAndKeepTheTotal() {
        let accounts = (1...10).map { ("\($0)", Int64(1_000)) }
        let ledger = makeLedger(accounts)
        DispatchQueue.concurrentPerform(iterations: 4000) { index in
            let from = index % 10 + 1
            let to = (index * 7 + 3) % 10 + 1
            guard from != to else { return }
            _ = ledger.run(.transfer(money(Int64(index % 300 + 1)), from: account("\(from)"), to: account("\(to)")))
        }
        let total = (1...10).compactMap { ledger.balance("\($0)")?.cents }.reduce(0, +)
        #expect(total == 10_000)
        #expect((1...10).allSatisfy { (ledger.balance("\($0)")?.cents ?? -1) >= 0 })
    }
}

@Suite struct LedgerDeadlineTests {
    @Test func aCommandPastItsDeadlineIsRefusedAndChangesNothing() {
        let clock = ManualClock()
        let journal = RecordingJournal()
        let ledger = makeLedger([("1001", 1000)], journal: journal, clock: clock)
        clock.monotonic.store(5_000, ordering: .relaxed)
        #expect(ledger.run(.withdraw(money(10), from: account("1001")), deadline: 4_999).isError(.expired))
        #expect(ledger.run(.deposit(money(10), to: account("1001")), key: "k1", deadline: 4_999).isError(.expired))
        #expect(ledger.run(.transfer(money(1), from: account("1001"), to: account("7")), deadline: 1).isError(.expired))
        #expect(ledger.balance("1001") == money(1000))
        #expect(journal.committed.isEmpty)
        // The key was released, not stored: a retry within its deadline is applied.
        #expect(
            ledger.run(.deposit(money(10), to: account("1001")), key: "k1", deadline: 5_000)
                == .balance(account("1001"), money(1010)))
    }
}

@Suite struct LedgerIdempotencyTests {
    @Test func theSameKeyAndCommandReplaysTheStoredOutcomeWithoutApplyingAgain() {
        let journal = RecordingJournal()
        let ledger = makeLedger([("1001", 1000)], journal: journal)
        let first = ledger.run(.deposit(money(100), to: account("1001")), key: "abc")
        #expect(first == .balance(account("1001"), money(1100)))
        #expect(ledger.run(.deposit(money(100), to: account("1001")), key: "abc") == .replayed(first))
        #expect(ledger.balance("1001") == money(1100))
        #expect(journal.committed.count == 1)
    }

    @Test func aKeyUsedWithAnotherCommandIsRefused() {
        let ledger = makeLedger([("1001", 1000), ("1002", 0)])
        _ = ledger.run(.deposit(money(100), to: account("1001")), key: "abc")
        #expect(ledger.run(.deposit(money(101), to: account("1001")), key: "abc").isError(.keyReused))
        #expect(ledger.run(.deposit(money(100), to: account("1002")), key: "abc").isError(.keyReused))
        #expect(ledger.run(.withdraw(money(100), from: account("1001")), key: "abc").isError(.keyReused))
        #expect(ledger.balance("1001") == money(1100))
    }

    @Test func aRefusalTheDaemonDecidedIsStoredAndReplayedEvenOnceItWouldSucceed() {
        let ledger = makeLedger([("1001", 50)])
        let refusal = ledger.run(.withdraw(money(100), from: account("1001")), key: "w")
        #expect(refusal.isError(.insufficientFunds))
        _ = ledger.run(.deposit(money(100), to: account("1001")))
        #expect(ledger.run(.withdraw(money(100), from: account("1001")), key: "w") == .replayed(refusal))
        #expect(ledger.balance("1001") == money(150))
        let missing = ledger.run(.deposit(money(1), to: account("404")), key: "m")
        #expect(ledger.run(.deposit(money(1), to: account("404")), key: "m") == .replayed(missing))
    }

    @Test func aDuplicateWhileTheFirstIsInProgressIsTold409AndADifferentOne422() {
        let journal = RecordingJournal()
        let ledger = makeLedger([("1001", 1000)], journal: journal)
        let seen = Mutex<[LedgerOutcome]>([])
        journal.duringCommit.withLock {
            $0 = {
                seen.withLock {
                    $0.append(ledger.run(.deposit(money(5), to: account("1001")), key: "slow"))
                    $0.append(ledger.run(.deposit(money(6), to: account("1001")), key: "slow"))
                }
            }
        }
        let first = ledger.run(.deposit(money(5), to: account("1001")), key: "slow")
        journal.duringCommit.withLock { $0 = nil }
        #expect(first == .balance(account("1001"), money(1005)))
        #expect(seen.withLock { $0.map { $0.errorCode } } == [.keyInProgress, .keyReused])
    }

    @Test func oneThousandConcurrentRequestsWithOneKeyApplyOnce() {
        let ledger = makeLedger([("1001", 0)])
        DispatchQueue.concurrentPerform(iterations: 1000) { _ in
            _ = ledger.run(.deposit(money(7), to: account("1001")), key: "once")
        }
        #expect(ledger.balance("1001") == money(7))
    }

    @Test func pastTheCapacityTheOldestKeysGoFirst() {
        let ledger = makeLedger([("1001", 0)], keys: 2)
        for key in ["a", "b", "c"] { _ = ledger.run(.deposit(money(1), to: account("1001")), key: key) }
        #expect(ledger.balance("1001") == money(3))
        _ = ledger.run(.deposit(money(1), to: account("1001")), key: "a")  // forgotten: applied again
        #expect(ledger.balance("1001") == money(4))
        if case .replayed = ledger.run(.deposit(money(1), to: account("1001")), key: "c") {
        } else {
            Issue.record("the newest key was forgotten")
        }
    }
}

@Suite struct LedgerFailureTests {
    @Test func aFailedCommitAnswersUnavailableAppliesNothingAndRefusesLaterChangesButServesReads() {
        let journal = RecordingJournal()
        let ledger = makeLedger([("1001", 1000), ("1002", 0)], journal: journal)
        journal.failsCommits.store(true, ordering: .relaxed)
        #expect(ledger.run(.deposit(money(5), to: account("1001")), key: "k").isError(.unavailable))
        journal.failsCommits.store(false, ordering: .relaxed)
        #expect(ledger.run(.withdraw(money(5), from: account("1001"))).isError(.unavailable))
        #expect(ledger.run(.transfer(money(5), from: account("1001"), to: account("1002"))).isError(.unavailable))
        #expect(ledger.run(.create(account("3"), balance: .zero)).isError(.unavailable))
        #expect(ledger.balance("1001") == money(1000))
        #expect(ledger.run(.list(.all)) == .accounts([account("1001"), account("1002")]))
        #expect(ledger.refusesChanges)
        #expect(journal.committed.isEmpty)
    }

    @Test func aFailedFsyncIsAnsweredUnknownSinceTheRecordMaySurviveARestart() {
        let journal = RecordingJournal()
        let ledger = makeLedger([("1001", 1000)], journal: journal)
        journal.failsCommits.store(true, ordering: .relaxed)
        journal.failure.withLock { $0 = .unknown }
        #expect(ledger.run(.deposit(money(5), to: account("1001"))).isError(.unknown))
        #expect(ledger.run(.deposit(money(5), to: account("1001"))).isError(.unavailable))
        #expect(ledger.balance("1001") == money(1000))
    }
}

@Suite struct LedgerHistoryTests {
    @Test func historyListsAppliedChangesNewestFirstWithChainedBalances() {
        let clock = ManualClock()
        let ledger = makeLedger([("1001", 1000), ("1002", 0)], clock: clock)
        _ = ledger.run(.deposit(money(500), to: account("1001")))
        _ = ledger.run(.withdraw(money(5000), from: account("1001")))  // refused: never appears
        _ = ledger.run(.withdraw(money(200), from: account("1001")))
        _ = ledger.run(.transfer(money(300), from: account("1001"), to: account("1002")))
        guard case .history(_, let entries) = ledger.run(.history(account("1001"), limit: 10, before: nil)) else {
            Issue.record("no history")
            return
        }
        #expect(entries.map(\.kind) == [.transferOut, .withdrawal, .deposit])
        #expect(entries.map(\.balance.cents) == [1000, 1300, 1500])
        #expect(entries[0].counterparty == account("1002"))
        #expect(entries.map(\.id) == entries.map(\.id).sorted(by: >))
        guard case .history(_, let other) = ledger.run(.history(account("1002"), limit: 10, before: nil)) else {
            Issue.record("no history")
            return
        }
        #expect(other.map(\.kind) == [.transferIn])
        #expect(other[0].id == entries[0].id)
    }

    @Test func pagingWithBeforeVisitsEveryChangeOnceAndTheRingKeepsTheNewest() {
        let ledger = makeLedger([("1", 0)], history: 25)
        for cents in 1...40 { _ = ledger.run(.deposit(money(Int64(cents)), to: account("1"))) }
        var seen: [HistoryEntry] = []
        var before: UInt64?
        while case .history(_, let page) = ledger.run(.history(account("1"), limit: 7, before: before)), !page.isEmpty {
            seen += page
            before = page.last!.id
        }
        #expect(seen.count == 25)
        #expect(seen.map(\.amount.cents) == Array((16...40).reversed()).map(Int64.init))
        #expect(Set(seen.map(\.id)).count == 25)
    }
}

extension LedgerOutcome {
    var errorCode: ErrorCode? {
        if case .refused(let code) = self { return code }
        return nil
    }

    func isError(_ code: ErrorCode) -> Bool { errorCode == code }
}
