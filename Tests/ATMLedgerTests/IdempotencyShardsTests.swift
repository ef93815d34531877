import ATMCore
import Dispatch
import Testing

@testable import ATMLedger

/// The ledger's keys spread over shards: how many, what each keeps, and that a key means the same
/// whichever shard holds it.
@Suite struct IdempotencyShardsTests {
    private func key(_ text: String) -> IdempotencyKey { IdempotencyKey(Array(text.utf8)[...])! }

    @Test(arguments: [
        (1, 1), (32_767, 1), (32_768, 2), (65_536, 4), (1_000_000, 61), (100_000_000, 64),
    ])
    func aTableIsSplitOnlyWhereEachShardHoldsManyKeys(capacity: Int, shards: Int) {
        #expect(IdempotencyShards(IdempotencyTable(capacity: capacity)).shardCount == shards)
    }

    @Test func keysRecoveredFromTheJournalAreReplayedFromTheirShards() {
        var recovered = IdempotencyTable(capacity: 1_000_000)
        let operation = LedgerOperation.deposit(money(5), to: account("1001"))
        for index in 0..<1000 {
            recovered.finish(
                key("k\(index)"), operation: operation, outcome: .balance(account("1001"), money(Int64(index))),
                timeMilliseconds: Int64(index))
        }
        let shards = IdempotencyShards(recovered)
        #expect(shards.count == 1000)
        for index in 0..<1000 {
            #expect(
                shards.claim(key("k\(index)"), for: operation)
                    == .replay(.balance(account("1001"), money(Int64(index)))))
        }
        #expect(shards.claim(key("k0"), for: .deposit(money(6), to: account("1001"))) == .reusedWithAnotherOperation)
        #expect(shards.claim(key("new"), for: operation) == .claimed)
        #expect(shards.claim(key("new"), for: operation) == .inProgress)
        shards.release(key("new"))
        #expect(shards.claim(key("new"), for: operation) == .claimed)
    }

    /// Two shards of 16,384: past 32,768 keys each shard lets its own oldest go, so the first keys are
    /// forgotten (applied again) and the newest half are all still replayed.
    @Test func pastTheCapacityEachShardLetsItsOldestGo() {
        let ledger = makeLedger([("1001", 0)], keys: 2 * IdempotencyShards.keysPerShard)
        let total = 40_000
        for index in 0..<total { _ = ledger.run(.deposit(money(1), to: account("1001")), key: "k\(index)") }
        #expect(ledger.balance("1001") == money(Int64(total)))
        for index in (total - total / 2)..<total {
            guard case .replayed = ledger.run(.deposit(money(1), to: account("1001")), key: "k\(index)") else {
                Issue.record("key k\(index), among the newest, was forgotten")
                return
            }
        }
        for index in 0..<1000 { _ = ledger.run(.deposit(money(1), to: account("1001")), key: "k\(index)") }
        #expect(ledger.balance("1001") == money(Int64(total + 1000)), "the oldest keys were kept")
    }

    @Test func oneKeyFromManyThreadsIsAppliedOnceInAShardedTable() {
        let ledger = makeLedger([("1001", 0)], keys: 1_000_000)
        DispatchQueue.concurrentPerform(iterations: 1000) { index in
            _ = ledger.run(.deposit(money(7), to: account("1001")), key: "once")
            _ = ledger.run(.deposit(money(1), to: account("1001")), key: "each-\(index)")
        }
        #expect(ledger.balance("1001") == money(7 + 1000))
    }
}
