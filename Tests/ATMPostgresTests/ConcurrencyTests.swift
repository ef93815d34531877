#if PostgreSQL
    import ATMCore
    import ATMMoney
    import ATMPostgres
    import Synchronization
    import Testing

    @Suite("PostgresLedger under concurrency")
    struct ConcurrencyTests {
        /// Two ledgers (two pools, as two daemons) hammered from 16 threads; every keyed request is sent to both
        /// at once. Totals are exact, no balance is negative, and every key is applied at most once across both.
        @Test func twoLedgersOnOneDatabaseKeepTotalsExactAndApplyEachKeyOnce() throws {
            try withCluster { cluster in
                let seed = UInt64(PostgresDeadline.now.monotonicNanoseconds) & 0xffff
                print("ConcurrencyTests seed \(seed)")
                let ledgers = [try cluster.openLedger(poolSize: 4), try cluster.openLedger(poolSize: 4)]
                let accounts = (1...6).map { String(1000 + $0) }
                _ = try ledgers[0].seedIfEmpty(accounts.map { ($0, 500) })
                let applied = Mutex<[String: Int64]>([:])  // key → net change of the total (0 for transfers)
                let replays = Atomic<Int>(0)
                let unexpected = Mutex<[String]>([])
                onThreads(16) { thread in
                    var random = SplitMix(seed: seed &+ UInt64(thread))
                    for step in 0..<60 {
                        let key = "t\(thread / 2)-\(step)"  // threads 2n and 2n+1 send the same keys
                        var keyRandom = SplitMix(seed: seed &+ UInt64(thread / 2) &* 1000 &+ UInt64(step))
                        let ledger = ledgers[thread % 2]
                        let account = accounts[Int(keyRandom.next() % 6)]
                        let other = accounts[(accounts.firstIndex(of: account)! + 1 + Int(keyRandom.next() % 5)) % 6]
                        let cents = Int64(keyRandom.next() % 300) + 1
                        let operation = keyRandom.next() % 3
                        _ = random.next()
                        let outcome: LedgerOutcome
                        let effect: Int64
                        switch operation {
                        case 0: (outcome, effect) = (ledger.deposit(cents, to: account, key: key), cents)
                        case 1: (outcome, effect) = (ledger.withdraw(cents, from: account, key: key), -cents)
                        default:
                            (outcome, effect) = (ledger.transfer(cents, from: account, to: other, key: key), 0)
                        }
                        switch outcome {
                        case .balance(_, let balance):
                            if balance.cents < 0 { unexpected.withLock { $0.append("negative \(balance)") } }
                            let first = applied.withLock { $0.updateValue(effect, forKey: key) == nil }
                            if !first { unexpected.withLock { $0.append("\(key) applied twice") } }
                        case .replayed, .refused(.keyInProgress): replays.add(1, ordering: .relaxed)
                        case .refused(.insufficientFunds): break
                        default: unexpected.withLock { $0.append("\(key): \(outcome)") }
                        }
                    }
                }
                #expect(unexpected.withLock { $0 } == [])
                let net = applied.withLock { $0.values.reduce(0, +) }
                #expect(cluster.query("SELECT sum(balance_cents) FROM accounts") == [String(6 * 500 + net)])
                #expect(cluster.query("SELECT count(*) FROM accounts WHERE balance_cents < 0") == ["0"])
                #expect(
                    cluster.query(
                        "SELECT count(*) FROM (SELECT request_id FROM history GROUP BY request_id, kind HAVING count(*) > 1) AS twice"
                    ) == ["0"])
                let changed = applied.withLock { $0.count }
                #expect(cluster.query("SELECT count(DISTINCT request_id) FROM history") == [String(changed)])
                #expect(replays.load(ordering: .relaxed) > 0)
            }
        }
    }

    /// A small seeded generator, so a failing run can be replayed from its printed seed.
    struct SplitMix {
        var state: UInt64
        init(seed: UInt64) { state = seed }
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }
#endif
