#if PostgreSQL
    import ATMCore
    import ATMMoney
    @testable import ATMPostgres
    import CLibpq
    import Synchronization
    import Testing

    @Suite("PostgresLedger's batches: one commit, each change decided on its own")
    struct BatchTests {
        static func change(_ operation: LedgerOperation, key: String? = nil) -> PostgresLedger.Change {
            PostgresLedger.Change(
                operation: operation, context: context(key: key), deadline: .after(milliseconds: 5000))
        }

        static func money(_ cents: Int64) -> Money { Money(cents: cents) }

        /// One batch of changes that fail for every reason a change can, between ones that apply: each is
        /// decided in order on the balances the changes before it left, a refusal writes nothing, and a key used
        /// twice in one batch replays (or is refused as reused) exactly as across batches.
        @Test func failingChangesInABatchFailAloneAndEachIsDecidedInOrder() throws {
            try withCluster { cluster in
                let ledger = try cluster.openLedger(maximumBalanceCents: 1000)
                _ = try ledger.seedIfEmpty([("1001", 100), ("1002", 0)])
                let a = number("1001")
                let b = number("1002")
                let batch: [PostgresLedger.Change] = [
                    Self.change(.withdraw(Self.money(150), from: a)),
                    Self.change(.deposit(Self.money(100), to: a)),
                    Self.change(.withdraw(Self.money(150), from: a)),
                    Self.change(.deposit(Self.money(5), to: number("9999"))),
                    Self.change(.transfer(Self.money(10), from: a, to: number("9998"))),
                    Self.change(.deposit(Self.money(2000), to: b)),
                    Self.change(.transfer(Self.money(30), from: a, to: b), key: "t1"),
                    Self.change(.transfer(Self.money(30), from: a, to: b), key: "t1"),
                    Self.change(.withdraw(Self.money(30), from: a)),
                    Self.change(.deposit(Self.money(1), to: b), key: "t1"),
                    Self.change(.withdraw(Self.money(30), from: a), key: "w1"),
                ]
                let outcomes = ledger.applyBatch(batch).map(\.outcome)
                let moved = LedgerOutcome.balance("1001", 20)
                #expect(
                    outcomes == [
                        .refused(.insufficientFunds), .balance("1001", 200), .balance("1001", 50),
                        .refused(.notFound), .refused(.destinationNotFound), .refused(.limitExceeded), moved,
                        .replayed(moved), .refused(.insufficientFunds), .refused(.keyReused),
                        .refused(.insufficientFunds),
                    ])
                #expect(ledger.balance(of: "1001") == .balance("1001", 20))
                #expect(ledger.balance(of: "1002") == .balance("1002", 30))
                #expect(cluster.query("SELECT count(*) FROM history") == ["4"])
                // The stored refusal replays in a later batch, and the key of the transfer too.
                #expect(
                    ledger.withdraw(30, from: "1001", key: "w1") == .replayed(.refused(.insufficientFunds)))
                #expect(ledger.transfer(30, from: "1001", to: "1002", key: "t1") == .replayed(moved))
            }
        }

        /// A batch naming no account and no key twice (the usual one) is decided set-based: every outcome still
        /// as the loop decides it (refusals, a stored key replayed or refused as reused, a key another session
        /// holds), the history rows in the batch's order with a transfer's out before its in, and a key row for
        /// every keyed change decided here.
        @Test func aBatchOfDistinctAccountsAndKeysIsDecidedAsOneChangeAtATimeWould() throws {
            try withCluster { cluster in
                let ledger = try cluster.openLedger(maximumBalanceCents: 1000)
                _ = try ledger.seedIfEmpty([
                    ("1001", 100), ("1002", 0), ("1003", 990), ("1004", 50), ("1005", 0), ("1006", 40), ("1007", 0),
                    ("1008", 0), ("1009", 0), ("1010", 100), ("1011", 995), ("1012", 0),
                ])
                #expect(ledger.deposit(5, to: "1007", key: "old") == .balance("1007", 5))
                #expect(ledger.deposit(1, to: "1009", key: "other") == .balance("1009", 1))
                // Another session holds the key "held", as a transaction deciding it on another daemon would.
                let holder = PQconnectdb("host=\(cluster.directory) port=5432 user=postgres dbname=postgres")
                defer { PQfinish(holder) }
                PQclear(PQexec(holder, "SELECT pg_advisory_lock(hashtextextended('held', 0))"))
                let m = Self.money
                let outcomes = ledger.applyBatch([
                    Self.change(.withdraw(m(150), from: number("1001")), key: "w"),
                    Self.change(.deposit(m(100), to: number("1002")), key: "d"),
                    Self.change(.deposit(m(20), to: number("1003"))),
                    Self.change(.deposit(m(5), to: number("9999"))),
                    Self.change(.transfer(m(10), from: number("1004"), to: number("9998"))),
                    Self.change(.transfer(m(30), from: number("1006"), to: number("1005")), key: "t"),
                    Self.change(.deposit(m(5), to: number("1007")), key: "old"),
                    Self.change(.deposit(m(6), to: number("1008")), key: "other"),
                    Self.change(.transfer(m(10), from: number("1010"), to: number("1011"))),
                    Self.change(.deposit(m(7), to: number("1012")), key: "held"),
                ]).map(\.outcome)
                #expect(
                    outcomes == [
                        .refused(.insufficientFunds), .balance("1002", 100), .refused(.limitExceeded),
                        .refused(.notFound), .refused(.destinationNotFound), .balance("1006", 10),
                        .replayed(.balance("1007", 5)), .refused(.keyReused), .refused(.limitExceeded),
                        .refused(.keyInProgress),
                    ])
                let expected: [(String, Int64)] = [
                    ("1001", 100), ("1002", 100), ("1003", 990), ("1004", 50), ("1005", 30), ("1006", 10),
                    ("1007", 5), ("1008", 0), ("1010", 100), ("1011", 995), ("1012", 0),
                ]
                for (account, cents) in expected { #expect(ledger.balance(of: account) == .balance(account, cents)) }
                #expect(
                    cluster.query(
                        """
                        SELECT account_number || ' ' || kind || ' ' || cents || ' ' || balance_after || ' '
                            || coalesce(counterparty, '-') FROM history ORDER BY id OFFSET 2
                        """)
                        == ["1002 deposit 100 100 -", "1006 transfer_out 30 10 1005", "1005 transfer_in 30 30 1006"])
                #expect(
                    cluster.query("SELECT key || ' ' || outcome_kind FROM idempotency_keys ORDER BY key")
                        == ["d balance", "old balance", "other balance", "t balance", "w insufficient_funds"])
                PQclear(PQexec(holder, "SELECT pg_advisory_unlock_all()"))
                // What the batch stored replays in later calls; the held key, once free, is decided.
                #expect(ledger.withdraw(150, from: "1001", key: "w") == .replayed(.refused(.insufficientFunds)))
                #expect(ledger.transfer(30, from: "1006", to: "1005", key: "t") == .replayed(.balance("1006", 10)))
                #expect(ledger.deposit(7, to: "1012", key: "held") == .balance("1012", 7))
            }
        }

        /// A change the server rejects with an error no check foresaw (here a trigger that raises for one
        /// account) fails only itself: the batch is rerun one change at a time and the others commit.
        @Test func aChangeTheServerRejectsFailsAloneAndTheRestOfItsBatchCommits() throws {
            try withCluster { cluster in
                let ledger = try cluster.openLedger()
                _ = try ledger.seedIfEmpty([("1001", 0), ("1002", 0), ("1003", 0)])
                _ = cluster.query(
                    """
                    CREATE FUNCTION refuse_1002() RETURNS trigger LANGUAGE plpgsql
                    AS $$ BEGIN RAISE EXCEPTION 'no deposits to 1002' USING ERRCODE = 'P0001'; END $$
                    """)
                _ = cluster.query(
                    """
                    CREATE TRIGGER refuse_1002 BEFORE INSERT ON history FOR EACH ROW
                    WHEN (NEW.account_number = '1002') EXECUTE FUNCTION refuse_1002()
                    """)
                let outcomes = ledger.applyBatch([
                    Self.change(.deposit(Self.money(1), to: number("1001")), key: "d1"),
                    Self.change(.deposit(Self.money(2), to: number("1002")), key: "d2"),
                    Self.change(.deposit(Self.money(3), to: number("1003")), key: "d3"),
                ]).map(\.outcome)
                #expect(outcomes[0] == .balance("1001", 1))
                if case .refused = outcomes[1] {} else { Issue.record("the rejected change was \(outcomes[1])") }
                #expect(outcomes[2] == .balance("1003", 3))
                #expect(ledger.balance(of: "1002") == .balance("1002", 0))
                #expect(cluster.query("SELECT count(*) FROM idempotency_keys WHERE key = 'd2'") == ["0"])
            }
        }

        /// Transfers in both directions between the same accounts, from two ledgers (two daemons) whose batches
        /// overlap: every batch locks its accounts in account order, so none deadlocks, every change is applied
        /// or refused for want of funds, and the total is exact.
        @Test func transfersBothWaysAcrossBatchesAndDaemonsNeverDeadlock() throws {
            try withCluster { cluster in
                let seed = UInt64(PostgresDeadline.now.monotonicNanoseconds) & 0xffff
                print("BatchTests seed \(seed)")
                let ledgers = [
                    try cluster.openLedger(poolSize: 4, largestBatch: 8, batchesInFlight: 2),
                    try cluster.openLedger(poolSize: 4, largestBatch: 8, batchesInFlight: 2),
                ]
                let accounts = ["1001", "1002", "1003", "1004"]
                _ = try ledgers[0].seedIfEmpty(accounts.map { ($0, 1000) })
                let other = Mutex<[String]>([])
                let applied = Atomic<Int>(0)
                onThreads(16) { thread in
                    var random = SplitMix(seed: seed &+ UInt64(thread))
                    for step in 0..<80 {
                        let first = Int(random.next() % 4)
                        let second = (first + 1 + Int(random.next() % 3)) % 4
                        // Half the threads send low → high, half high → low.
                        let (from, to) =
                            thread % 2 == 0
                            ? (accounts[min(first, second)], accounts[max(first, second)])
                            : (accounts[max(first, second)], accounts[min(first, second)])
                        let outcome = ledgers[(thread / 2) % 2].transfer(
                            Int64(random.next() % 50) + 1, from: from, to: to, key: "x\(thread)-\(step)")
                        switch outcome {
                        case .balance: applied.add(1, ordering: .relaxed)
                        case .refused(.insufficientFunds): break
                        default: other.withLock { $0.append("\(from)→\(to): \(outcome)") }
                        }
                    }
                }
                #expect(other.withLock { $0 } == [])
                #expect(applied.load(ordering: .relaxed) > 0)
                let total = accounts.compactMap { account -> Int64? in
                    if case .balance(_, let money) = ledgers[1].balance(of: account) { return money.cents }
                    return nil
                }
                #expect(total.count == 4 && total.reduce(0, +) == 4000)
                #expect(
                    cluster.query("SELECT count(*) FROM history WHERE kind = 'transfer_out'")
                        == [String(applied.load(ordering: .relaxed))])
            }
        }
    }
#endif
