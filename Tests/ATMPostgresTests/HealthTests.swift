#if PostgreSQL
    import ATMCore
    import ATMMoney
    import ATMPostgres
    import Testing

    @Suite("PostgresLedger pages of accounts and readiness")
    struct PostgresHealthTests {
        @Test func aPageIsTheKeyRangeAfterTheCursorInByteOrder() throws {
            try withCluster { cluster in
                let ledger = try cluster.openLedger()
                _ = try ledger.seedIfEmpty([("2", 0), ("1001", 0), ("1002", 0), ("10", 0), ("3000", 0)])
                func list(_ page: AccountPage) -> LedgerOutcome { ledger.perform(.list(page), context()) }
                let all = ["10", "1001", "1002", "2", "3000"].map(number)
                #expect(list(.all) == .accounts(all))
                #expect(list(AccountPage(limit: 2)) == .accounts(Array(all.prefix(2))))
                #expect(list(AccountPage(after: number("1001"), limit: 2)) == .accounts([number("1002"), number("2")]))
                #expect(list(AccountPage(after: number("25"))) == .accounts([number("3000")]), "any cursor")
                #expect(list(AccountPage(after: number("3000"), limit: 5)) == .accounts([]))
            }
        }

        @Test func readyWhileTheDatabaseAnswersAndNotOnceItIsStopped() throws {
            try withCluster { cluster in
                let ledger = try cluster.openLedger()
                #expect(ledger.readiness() == .ready)
                try cluster.stop()
                guard case .notReady(let reason) = ledger.readiness() else {
                    Issue.record("a stopped database was ready")
                    return
                }
                #expect(reason.contains("database"), "\(reason)")
                try cluster.start()
                #expect(ledger.readiness() == .ready, "ready again without a restart")
            }
        }
    }
#endif
