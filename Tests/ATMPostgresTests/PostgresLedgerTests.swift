#if PostgreSQL
    import ATMPostgres
    import Testing

    /// Runs `body` against a fresh cluster and removes the cluster afterwards, whatever happens.
    func withCluster(_ body: (TestCluster) throws -> Void) throws {
        let cluster = try TestCluster()
        defer { cluster.destroy() }
        try body(cluster)
    }

    func change(_ fingerprint: String, key: String? = nil, milliseconds: Int = 5000) -> PostgresLedger.ChangeContext {
        PostgresLedger.ChangeContext(
            idempotencyKey: key, fingerprint: fingerprint, requestID: key, deadline: .after(milliseconds: milliseconds))
    }

    @Suite("PostgresLedger outcomes")
    struct PostgresLedgerTests {
        @Test func seedsOnlyAnEmptyAccountsTableAndListsAccountsInByteOrder() throws {
            try withCluster { cluster in
                let ledger = try cluster.openLedger()
                #expect(try ledger.seedIfEmpty([("1002", 25050), ("1001", 100_000), ("10010", 0)]))
                #expect(try !ledger.seedIfEmpty([("2000", 1)]))
                #expect(try ledger.accountNumbers().get() == ["1001", "10010", "1002"])
                #expect(ledger.balance(of: "2000") == .notFound)
                #expect(ledger.balance(of: "1002") == .balance(account: "1002", cents: 25050, historyID: nil))
                #expect(throws: PostgresFailure.invalidSeed("negative balance for 3")) {
                    try ledger.seedIfEmpty([("3", -1)])
                }
            }
        }

        @Test func depositAndWithdrawAnswerEveryOutcome() throws {
            try withCluster { cluster in
                let ledger = try cluster.openLedger(maximumBalanceCents: 10_000)
                _ = try ledger.seedIfEmpty([("1001", 1000)])
                guard case .balance("1001", 1500, let id?) = ledger.deposit(500, to: "1001", request: change("d"))
                else {
                    Issue.record("deposit not applied")
                    return
                }
                #expect(id > 0)
                #expect(ledger.deposit(9000, to: "1001", request: change("d")) == .limitExceeded)
                #expect(ledger.deposit(8500, to: "1001", request: change("d")).isApplied(cents: 10_000))
                #expect(ledger.deposit(1, to: "9999", request: change("d")) == .notFound)
                #expect(ledger.withdraw(10_001, from: "1001", request: change("w")) == .insufficientFunds)
                #expect(ledger.withdraw(10_000, from: "1001", request: change("w")).isApplied(cents: 0))
                #expect(ledger.withdraw(1, from: "1001", request: change("w")) == .insufficientFunds)
                #expect(ledger.withdraw(1, from: "9999", request: change("w")) == .notFound)
                #expect(ledger.deposit(0, to: "1001", request: change("d")) == .invalid(.amount))
                #expect(ledger.deposit(1, to: "10a", request: change("d")) == .invalid(.accountNumber))
                #expect(ledger.deposit(1, to: "1001", request: change("d", milliseconds: -1)) == .expired)
                #expect(ledger.balance(of: "1001") == .balance(account: "1001", cents: 0, historyID: nil))
                #expect(ledger.create("1001", balance: 5) == .exists)
                #expect(ledger.create("7777", balance: 5) == .balance(account: "7777", cents: 5, historyID: nil))
                #expect(ledger.create("7778", balance: -5) == .invalid(.amount))
            }
        }

        @Test func transferAnswersEveryOutcomeAndMovesMoneyOrNothing() throws {
            try withCluster { cluster in
                let ledger = try cluster.openLedger(maximumBalanceCents: 10_000)
                _ = try ledger.seedIfEmpty([("1001", 1000), ("1002", 9000)])
                #expect(ledger.transfer(100, from: "1001", to: "1002", request: change("t")).isApplied(cents: 900))
                #expect(ledger.balance(of: "1002") == .balance(account: "1002", cents: 9100, historyID: nil))
                #expect(ledger.transfer(901, from: "1001", to: "1002", request: change("t")) == .insufficientFunds)
                #expect(ledger.transfer(901, from: "1002", to: "1001", request: change("t")).isApplied(cents: 8199))
                #expect(ledger.deposit(8199, to: "1001", request: change("d")).isApplied(cents: 10_000))
                #expect(ledger.transfer(1, from: "1002", to: "1001", request: change("t")) == .limitExceeded)
                #expect(ledger.transfer(1, from: "9999", to: "1001", request: change("t")) == .notFound)
                #expect(ledger.transfer(1, from: "1001", to: "9999", request: change("t")) == .destinationNotFound)
                #expect(ledger.transfer(1, from: "1001", to: "1001", request: change("t")) == .invalid(.sameAccount))
                #expect(ledger.balance(of: "1001") == .balance(account: "1001", cents: 10_000, historyID: nil))
                #expect(ledger.balance(of: "1002") == .balance(account: "1002", cents: 8199, historyID: nil))
            }
        }

        @Test func historyIsNewestFirstPagedByIDAndNamesTheCounterparty() throws {
            try withCluster { cluster in
                let ledger = try cluster.openLedger()
                _ = try ledger.seedIfEmpty([("1001", 1000), ("1002", 0)])
                _ = ledger.deposit(50, to: "1001", request: change("a"))
                _ = ledger.withdraw(20, from: "1001", request: change("b"))
                _ = ledger.transfer(30, from: "1001", to: "1002", request: change("c"))
                guard case .entries(let page) = ledger.history(of: "1001", limit: 2) else {
                    Issue.record("no history")
                    return
                }
                #expect(page.map(\.kind) == [.transferOut, .withdrawal])
                #expect(page.map(\.balanceAfter) == [1000, 1030])
                #expect(page[0].counterparty == "1002")
                #expect(page[0].id > page[1].id)
                guard case .entries(let rest) = ledger.history(of: "1001", limit: 20, before: page[1].id) else {
                    Issue.record("no second page")
                    return
                }
                #expect(rest.map(\.kind) == [.deposit])
                #expect(rest[0].cents == 50 && rest[0].counterparty == nil)
                guard case .entries(let incoming) = ledger.history(of: "1002", limit: 5) else {
                    Issue.record("no destination history")
                    return
                }
                #expect(incoming.map(\.kind) == [.transferIn])
                #expect(incoming[0].counterparty == "1001" && incoming[0].balanceAfter == 30)
                let now = Int64(cluster.query("SELECT floor(extract(epoch FROM now()) * 1000)::bigint")[0] ?? "") ?? 0
                #expect(abs(now - incoming[0].timeMilliseconds) < 60_000)
                #expect(ledger.history(of: "9999", limit: 5) == .notFound)
                #expect(ledger.history(of: "1001", limit: 0) == .invalid(.limit))
                #expect(ledger.history(of: "1001", limit: 5, before: 1) == .entries([]))
            }
        }
    }

    extension PostgresLedger.Outcome {
        /// An applied change leaving `cents`.
        func isApplied(cents expected: Int64) -> Bool {
            if case .balance(_, let cents, let id?) = self { return cents == expected && id > 0 }
            return false
        }
    }
#endif
