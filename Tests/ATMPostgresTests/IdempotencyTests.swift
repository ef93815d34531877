#if PostgreSQL
    import ATMPostgres
    import CLibpq
    import Testing

    @Suite("PostgresLedger idempotency keys")
    struct IdempotencyTests {
        @Test func aRepeatedKeyReplaysTheFirstOutcomeExactlyAndAppliesNothing() throws {
            try withCluster { cluster in
                let ledger = try cluster.openLedger()
                _ = try ledger.seedIfEmpty([("1001", 1000), ("1002", 0)])
                let first = ledger.deposit(50, to: "1001", request: change("deposit 1001 50", key: "k1"))
                #expect(first.isApplied(cents: 1050))
                _ = ledger.deposit(1, to: "1001", request: change("deposit 1001 1"))
                #expect(
                    ledger.deposit(50, to: "1001", request: change("deposit 1001 50", key: "k1")) == .replayed(first))
                let moved = ledger.transfer(
                    10, from: "1001", to: "1002", request: change("transfer 1001 1002 10", key: "k2"))
                #expect(moved.isApplied(cents: 1041))
                #expect(
                    ledger.transfer(10, from: "1001", to: "1002", request: change("transfer 1001 1002 10", key: "k2"))
                        == .replayed(moved))
                #expect(ledger.balance(of: "1001") == .balance(account: "1001", cents: 1041, historyID: nil))
                #expect(cluster.query("SELECT count(*) FROM history WHERE request_id = 'k2'") == ["2"])
            }
        }

        @Test func aRefusalIsStoredAndReplayedEvenAfterTheBalanceWouldAllowIt() throws {
            try withCluster { cluster in
                let ledger = try cluster.openLedger()
                _ = try ledger.seedIfEmpty([("1001", 10)])
                #expect(
                    ledger.withdraw(20, from: "1001", request: change("withdraw 1001 20", key: "w"))
                        == .insufficientFunds)
                _ = ledger.deposit(100, to: "1001", request: change("deposit 1001 100"))
                #expect(
                    ledger.withdraw(20, from: "1001", request: change("withdraw 1001 20", key: "w"))
                        == .replayed(.insufficientFunds))
                #expect(ledger.deposit(1, to: "5", request: change("deposit 5 1", key: "n")) == .notFound)
                #expect(ledger.deposit(1, to: "5", request: change("deposit 5 1", key: "n")) == .replayed(.notFound))
                #expect(
                    ledger.transfer(1, from: "1001", to: "5", request: change("transfer 1001 5 1", key: "t"))
                        == .destinationNotFound)
                #expect(
                    ledger.transfer(1, from: "1001", to: "5", request: change("transfer 1001 5 1", key: "t"))
                        == .replayed(.destinationNotFound))
                #expect(ledger.balance(of: "1001") == .balance(account: "1001", cents: 110, historyID: nil))
            }
        }

        @Test func aKeyReusedWithADifferentRequestIsRefusedAndChangesNothing() throws {
            try withCluster { cluster in
                let ledger = try cluster.openLedger()
                _ = try ledger.seedIfEmpty([("1001", 10)])
                #expect(ledger.deposit(5, to: "1001", request: change("deposit 1001 5", key: "k")).isApplied(cents: 15))
                #expect(
                    ledger.deposit(6, to: "1001", request: change("deposit 1001 6", key: "k"))
                        == .keyReusedWithDifferentRequest)
                #expect(
                    ledger.withdraw(5, from: "1001", request: change("withdraw 1001 5", key: "k"))
                        == .keyReusedWithDifferentRequest)
                #expect(ledger.balance(of: "1001") == .balance(account: "1001", cents: 15, historyID: nil))
            }
        }

        @Test func aKeyHeldByAnotherTransactionIsInProgressUntilItCommits() throws {
            try withCluster { cluster in
                let ledger = try cluster.openLedger()
                _ = try ledger.seedIfEmpty([("1001", 10)])
                // Another daemon's transaction, part way through a request with key "busy".
                let other = try #require(
                    PQconnectdb("host=\(cluster.directory) port=5432 user=postgres dbname=postgres"))
                defer { PQfinish(other) }
                PQclear(PQexec(other, "BEGIN"))
                PQclear(PQexec(other, "SELECT pg_advisory_xact_lock(hashtextextended('busy', 0))"))
                #expect(ledger.deposit(5, to: "1001", request: change("deposit 1001 5", key: "busy")) == .keyInProgress)
                #expect(ledger.balance(of: "1001") == .balance(account: "1001", cents: 10, historyID: nil))
                PQclear(PQexec(other, "COMMIT"))
                #expect(
                    ledger.deposit(5, to: "1001", request: change("deposit 1001 5", key: "busy")).isApplied(cents: 15))
            }
        }
    }
#endif
