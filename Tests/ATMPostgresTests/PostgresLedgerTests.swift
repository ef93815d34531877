#if PostgreSQL
    import ATMCore
    import ATMMoney
    import ATMPostgres
    import Testing

    /// Runs `body` against a fresh cluster and removes the cluster afterwards, whatever happens.
    func withCluster(_ body: (TestCluster) throws -> Void) throws {
        let cluster = try TestCluster()
        defer { cluster.destroy() }
        try body(cluster)
    }

    @Suite("PostgresLedger outcomes")
    struct PostgresLedgerTests {
        @Test func seedsOnlyAnEmptyAccountsTableAndListsAccountsInByteOrder() throws {
            try withCluster { cluster in
                let ledger = try cluster.openLedger()
                #expect(try ledger.seedIfEmpty([("1002", 25050), ("1001", 100_000), ("10010", 0)]))
                #expect(try !ledger.seedIfEmpty([("2000", 1)]))
                #expect(try ledger.accountNumbers().get().map(\.digits) == ["1001", "10010", "1002"])
                #expect(ledger.balance(of: "2000") == .refused(.notFound))
                #expect(ledger.balance(of: "1002") == .balance("1002", 25050))
                #expect(throws: PostgresFailure.invalidSeed("negative balance for 3")) {
                    try ledger.seedIfEmpty([("3", -1)])
                }
            }
        }

        @Test func depositAndWithdrawAnswerEveryOutcome() throws {
            try withCluster { cluster in
                let ledger = try cluster.openLedger(maximumBalanceCents: 10_000)
                _ = try ledger.seedIfEmpty([("1001", 1000)])
                #expect(ledger.deposit(500, to: "1001") == .balance("1001", 1500))
                #expect(ledger.deposit(9000, to: "1001") == .refused(.limitExceeded))
                #expect(ledger.deposit(8500, to: "1001").isApplied(cents: 10_000))
                #expect(ledger.deposit(1, to: "9999") == .refused(.notFound))
                #expect(ledger.withdraw(10_001, from: "1001") == .refused(.insufficientFunds))
                #expect(ledger.withdraw(10_000, from: "1001").isApplied(cents: 0))
                #expect(ledger.withdraw(1, from: "1001") == .refused(.insufficientFunds))
                #expect(ledger.withdraw(1, from: "9999") == .refused(.notFound))
                #expect(ledger.deposit(0, to: "1001") == .refused(.badArgument))
                #expect(ledger.deposit(1, to: "1001", milliseconds: -1) == .refused(.expired))
                #expect(ledger.balance(of: "1001") == .balance("1001", 0))
                #expect(ledger.create("1001", balance: 5) == .refused(.exists))
                #expect(ledger.create("7777", balance: 5) == .balance("7777", 5))
                #expect(ledger.create("7778", balance: -5) == .refused(.badArgument))
            }
        }

        @Test func transferAnswersEveryOutcomeAndMovesMoneyOrNothing() throws {
            try withCluster { cluster in
                let ledger = try cluster.openLedger(maximumBalanceCents: 10_000)
                _ = try ledger.seedIfEmpty([("1001", 1000), ("1002", 9000)])
                #expect(ledger.transfer(100, from: "1001", to: "1002").isApplied(cents: 900))
                #expect(ledger.balance(of: "1002") == .balance("1002", 9100))
                #expect(ledger.transfer(901, from: "1001", to: "1002") == .refused(.insufficientFunds))
                #expect(ledger.transfer(901, from: "1002", to: "1001").isApplied(cents: 8199))
                #expect(ledger.deposit(8199, to: "1001").isApplied(cents: 10_000))
                #expect(ledger.transfer(1, from: "1002", to: "1001") == .refused(.limitExceeded))
                #expect(ledger.transfer(1, from: "9999", to: "1001") == .refused(.notFound))
                #expect(ledger.transfer(1, from: "1001", to: "9999") == .refused(.destinationNotFound))
                #expect(ledger.transfer(1, from: "1001", to: "1001") == .refused(.sameAccount))
                #expect(ledger.balance(of: "1001") == .balance("1001", 10_000))
                #expect(ledger.balance(of: "1002") == .balance("1002", 8199))
            }
        }

        @Test func historyIsNewestFirstPagedByIDAndNamesTheCounterparty() throws {
            try withCluster { cluster in
                let ledger = try cluster.openLedger()
                _ = try ledger.seedIfEmpty([("1001", 1000), ("1002", 0)])
                _ = ledger.deposit(50, to: "1001")
                _ = ledger.withdraw(20, from: "1001")
                _ = ledger.transfer(30, from: "1001", to: "1002")
                guard case .history(_, let page) = ledger.history(of: "1001", limit: 2) else {
                    Issue.record("no history")
                    return
                }
                #expect(page.map(\.kind) == [.transferOut, .withdrawal])
                #expect(page.map(\.balance.cents) == [1000, 1030])
                #expect(page[0].counterparty?.digits == "1002")
                #expect(page[0].id > page[1].id)
                guard case .history(_, let rest) = ledger.history(of: "1001", limit: 20, before: page[1].id) else {
                    Issue.record("no second page")
                    return
                }
                #expect(rest.map(\.kind) == [.deposit])
                #expect(rest[0].amount.cents == 50 && rest[0].counterparty == nil)
                guard case .history(_, let incoming) = ledger.history(of: "1002", limit: 5) else {
                    Issue.record("no destination history")
                    return
                }
                #expect(incoming.map(\.kind) == [.transferIn])
                #expect(incoming[0].counterparty?.digits == "1001" && incoming[0].balance.cents == 30)
                let now = Int64(cluster.query("SELECT floor(extract(epoch FROM now()) * 1000)::bigint")[0] ?? "") ?? 0
                #expect(abs(now - incoming[0].timeMilliseconds) < 60_000)
                #expect(ledger.history(of: "9999", limit: 5) == .refused(.notFound))
                #expect(ledger.history(of: "1001", limit: 0) == .refused(.badArgument))
                #expect(ledger.history(of: "1001", limit: 5, before: 1) == .history(number("1001"), []))
            }
        }
    }

#endif
