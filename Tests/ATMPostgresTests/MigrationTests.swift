#if PostgreSQL
    import ATMPostgres
    import Synchronization
    import Testing

    @Suite("PostgresLedger migrations")
    struct MigrationTests {
        @Test func daemonsStartingTogetherOnAnEmptyDatabaseMigrateItOnce() throws {
            try withCluster { cluster in
                let failures = Mutex<[String]>([])
                let seeded = Atomic<Int>(0)
                onThreads(6) { index in
                    do throws(PostgresFailure) {
                        let ledger = try cluster.openLedger(poolSize: 1)
                        if try ledger.seedIfEmpty([("1001", 100), ("1002", Int64(index))]) {
                            seeded.add(1, ordering: .relaxed)
                        }
                    } catch {
                        failures.withLock { $0.append(error.description) }
                    }
                }
                #expect(failures.withLock { $0 } == [])
                #expect(seeded.load(ordering: .relaxed) == 1)
                #expect(cluster.query("SELECT version FROM schema_migrations ORDER BY version") == ["1", "2"])
                #expect(cluster.query("SELECT count(*) FROM accounts") == ["2"])
            }
        }

        @Test func aDatabaseWithANewerSchemaIsRefusedWithOneClearLine() throws {
            try withCluster { cluster in
                _ = try cluster.openLedger()
                _ = cluster.query("INSERT INTO schema_migrations (version) VALUES (99)")
                #expect(throws: PostgresFailure.schemaTooNew(found: 99, supported: 2)) { _ = try cluster.openLedger() }
                let line = PostgresFailure.schemaTooNew(found: 99, supported: 2).description
                #expect(line.contains("version 99") && !line.contains("\n"))
            }
        }

        @Test func anUnreachableDatabaseFailsToOpenQuickly() throws {
            let start = PostgresDeadline.now
            #expect {
                _ = try PostgresLedger.open(
                    PostgresConfiguration(
                        uri: "postgresql:///postgres?host=/nonexistent-atm&port=5432", startupTimeoutMilliseconds: 2000)
                )
            } throws: { error in
                guard case .unreachable = error as? PostgresFailure else { return false }
                return true
            }
            #expect(PostgresDeadline.now < start.adding(milliseconds: 2000))
            #expect(throws: PostgresFailure.self) { _ = try PostgresLedger.open(PostgresConfiguration(uri: "mysql:x")) }
        }
    }
#endif
