#if PostgreSQL
    import ATMCore
    import ATMMoney
    @testable import ATMPostgres
    import Synchronization
    import Testing

    @Suite("PostgresLedger fingerprints and audit lines")
    struct FingerprintTests {
        /// A database at schema 1 with a key stored the way release 22bd11c stored it: the command words as text.
        private func makeSchemaOne(_ cluster: TestCluster) {
            _ = cluster.query(LedgerSQL.createMigrationsTable)
            for statement in Migrations.migration1.sql.split(separator: ";") where statement.contains("CREATE") {
                _ = cluster.query(String(statement))
            }
            _ = cluster.query("INSERT INTO schema_migrations (version) VALUES (1)")
            _ = cluster.query("INSERT INTO accounts VALUES ('1001', 1050), ('1002', 0)")
            _ = cluster.query(
                """
                INSERT INTO idempotency_keys
                    (key, fingerprint, outcome_kind, outcome_account, outcome_cents, outcome_history_id)
                VALUES ('old-key', 'DEPOSIT 1001 50', 'balance', '1001', 1050, 1),
                    ('old-refusal', 'TRANSFER 1001 1002 5000', 'insufficient_funds', NULL, NULL, NULL)
                """)
        }

        @Test func aKeyStoredAsFormatOneWordsStillReplaysAfterTheMigration() throws {
            try withCluster { cluster in
                makeSchemaOne(cluster)
                #expect(
                    cluster.query("SELECT fingerprint FROM idempotency_keys WHERE key = 'old-key'") == [
                        "DEPOSIT 1001 50"
                    ])
                let ledger = try cluster.openLedger()
                #expect(cluster.query("SELECT version FROM schema_migrations ORDER BY version") == ["1", "2"])
                #expect(ledger.deposit(50, to: "1001", key: "old-key") == .replayed(.balance("1001", 1050)))
                #expect(
                    ledger.transfer(5000, from: "1001", to: "1002", key: "old-refusal")
                        == .replayed(.refused(.insufficientFunds)))
                #expect(ledger.deposit(51, to: "1001", key: "old-key") == .refused(.keyReused))
                #expect(ledger.withdraw(50, from: "1001", key: "old-key") == .refused(.keyReused))
                #expect(ledger.balance(of: "1001") == .balance("1001", 1050))
                #expect(cluster.query("SELECT count(*) FROM history") == ["0"])
            }
        }

        @Test func aNewKeyStoresTheBinaryFingerprintAndComparesOperationsByValue() throws {
            try withCluster { cluster in
                let ledger = try cluster.openLedger()
                _ = try ledger.seedIfEmpty([("1001", 0)])
                #expect(ledger.deposit(150, to: "1001", key: "new") == .balance("1001", 150))
                let stored = cluster.query("SELECT encode(fingerprint, 'hex') FROM idempotency_keys WHERE key = 'new'")
                let expected = LedgerOperation.deposit(Money(cents: 150), to: number("1001")).fingerprint
                #expect(stored == [ByteaText.encode(expected).dropFirst(2).description])
                #expect(expected.first == LedgerFormat.current)
                #expect(ledger.deposit(150, to: "1001", key: "new") == .replayed(.balance("1001", 150)))
                #expect(ledger.deposit(15, to: "1001", key: "new") == .refused(.keyReused))
            }
        }

        @Test func aDamagedFingerprintIsLoggedAndAnsweredUnavailable() throws {
            try withCluster { cluster in
                let logged = Mutex<[String]>([])
                let ledger = try cluster.openLedger(log: { line in logged.withLock { $0.append(line) } })
                _ = try ledger.seedIfEmpty([("1001", 0)])
                _ = cluster.query(
                    """
                    INSERT INTO idempotency_keys (key, fingerprint, outcome_kind) VALUES ('bad', '\\x09ff', 'balance')
                    """)
                #expect(ledger.deposit(1, to: "1001", key: "bad") == .refused(.unavailable))
                #expect(logged.withLock { $0.count } == 1)
                #expect(logged.withLock { $0.first?.contains("fingerprint") ?? false })
                #expect(ledger.balance(of: "1001") == .balance("1001", 0))
            }
        }

        @Test func committedChangesAndCreatesWriteOneAuditLineEach() throws {
            try withCluster { cluster in
                let lines = Mutex<[String]>([])
                let ledger = try cluster.openLedger(audit: { line in lines.withLock { $0.append(line) } })
                _ = try ledger.seedIfEmpty([("1001", 1000), ("1002", 0)])
                let identity = try #require(ClientSubject("CN=teller"))
                let request = try #require(RequestID(Array("req-1".utf8)[...]))
                #expect(
                    ledger.perform(
                        .transfer(Money(cents: 250), from: number("1001"), to: number("1002")),
                        OperationContext(requestID: request, identity: identity)) == .balance("1001", 750))
                #expect(ledger.create("7", balance: 5) == .balance("7", 5))
                #expect(ledger.withdraw(5000, from: "1001") == .refused(.insufficientFunds))
                let id = cluster.query("SELECT id FROM history WHERE kind = 'transfer_out'").first ?? nil
                #expect(
                    lines.withLock { $0 } == [
                        "audit seq=\(id ?? "?") request_id=req-1 identity=\"CN=teller\" op=transfer account=1001"
                            + " to_account=1002 amount=2.50 balance=7.50 to_balance=2.50",
                        "audit seq=0 request_id=- identity=- op=create account=7 balance=0.05",
                    ])
            }
        }
    }
#endif
