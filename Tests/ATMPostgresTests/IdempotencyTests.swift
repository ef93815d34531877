#if PostgreSQL
    import ATMCore
    import ATMMoney
    import ATMPostgres
    import CLibpq
    import Testing

    @Suite("PostgresLedger idempotency keys")
    struct IdempotencyTests {
        @Test func aRepeatedKeyReplaysTheFirstOutcomeExactlyAndAppliesNothing() throws {
            try withCluster { cluster in
                let ledger = try cluster.openLedger()
                _ = try ledger.seedIfEmpty([("1001", 1000), ("1002", 0)])
                let first = ledger.deposit(50, to: "1001", key: "k1")
                #expect(first.isApplied(cents: 1050))
                _ = ledger.deposit(1, to: "1001")
                #expect(
                    ledger.deposit(50, to: "1001", key: "k1") == .replayed(first))
                let moved = ledger.transfer(
                    10, from: "1001", to: "1002", key: "k2")
                #expect(moved.isApplied(cents: 1041))
                #expect(
                    ledger.transfer(10, from: "1001", to: "1002", key: "k2")
                        == .replayed(moved))
                #expect(ledger.balance(of: "1001") == .balance("1001", 1041))
                #expect(cluster.query("SELECT count(*) FROM history WHERE request_id = 'k2'") == ["2"])
            }
        }

        @Test func aRefusalIsStoredAndReplayedEvenAfterTheBalanceWouldAllowIt() throws {
            try withCluster { cluster in
                let ledger = try cluster.openLedger()
                _ = try ledger.seedIfEmpty([("1001", 10)])
                #expect(
                    ledger.withdraw(20, from: "1001", key: "w")
                        == .refused(.insufficientFunds))
                _ = ledger.deposit(100, to: "1001")
                #expect(
                    ledger.withdraw(20, from: "1001", key: "w")
                        == .replayed(.refused(.insufficientFunds)))
                #expect(ledger.deposit(1, to: "5", key: "n") == .refused(.notFound))
                #expect(ledger.deposit(1, to: "5", key: "n") == .replayed(.refused(.notFound)))
                #expect(
                    ledger.transfer(1, from: "1001", to: "5", key: "t")
                        == .refused(.destinationNotFound))
                #expect(
                    ledger.transfer(1, from: "1001", to: "5", key: "t")
                        == .replayed(.refused(.destinationNotFound)))
                #expect(ledger.balance(of: "1001") == .balance("1001", 110))
            }
        }

        @Test func aKeyReusedWithADifferentRequestIsRefusedAndChangesNothing() throws {
            try withCluster { cluster in
                let ledger = try cluster.openLedger()
                _ = try ledger.seedIfEmpty([("1001", 10)])
                #expect(ledger.deposit(5, to: "1001", key: "k").isApplied(cents: 15))
                #expect(
                    ledger.deposit(6, to: "1001", key: "k")
                        == .refused(.keyReused))
                #expect(
                    ledger.withdraw(5, from: "1001", key: "k")
                        == .refused(.keyReused))
                #expect(ledger.balance(of: "1001") == .balance("1001", 15))
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
                #expect(ledger.deposit(5, to: "1001", key: "busy") == .refused(.keyInProgress))
                #expect(ledger.balance(of: "1001") == .balance("1001", 10))
                PQclear(PQexec(other, "COMMIT"))
                #expect(
                    ledger.deposit(5, to: "1001", key: "busy").isApplied(cents: 15))
            }
        }
    }
#endif
