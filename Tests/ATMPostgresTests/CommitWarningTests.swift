#if PostgreSQL
    import ATMCore
    import ATMMoney
    import ATMPostgres
    import Testing

    @Suite("PostgresLedger when the server warns while committing")
    struct CommitWarningTests {
        /// A synchronous commit whose wait for the standby is cancelled succeeds with a WARNING ("has already
        /// committed locally, but might not have been replicated"): a failover could still lose it, so it is no
        /// 200 but unknown, and the key's retry replays it. A deferred trigger warns at COMMIT the same way.
        @Test func aChangeWhoseCommitDrewAWarningIsUnknownAndItsKeyReplaysIt() throws {
            try withCluster { cluster in
                let ledger = try cluster.openLedger()
                _ = try ledger.seedIfEmpty([("1001", 0)])
                _ = cluster.query(
                    """
                    CREATE FUNCTION warn_at_commit() RETURNS trigger LANGUAGE plpgsql
                    AS $$ BEGIN RAISE WARNING 'might not have been replicated'; RETURN NULL; END $$
                    """)
                _ = cluster.query(
                    """
                    CREATE CONSTRAINT TRIGGER warn_at_commit AFTER INSERT ON history DEFERRABLE INITIALLY DEFERRED
                    FOR EACH ROW EXECUTE FUNCTION warn_at_commit()
                    """)
                #expect(ledger.deposit(5, to: "1001", key: "w1") == .refused(.unknown))
                // Unkeyed, the statement commits itself: the same.
                #expect(ledger.deposit(7, to: "1001") == .refused(.unknown))
                _ = cluster.query("DROP TRIGGER warn_at_commit ON history")
                let first = LedgerOutcome.balance(number("1001"), Money(cents: 5))
                #expect(ledger.deposit(5, to: "1001", key: "w1") == .replayed(first))
                #expect(ledger.balance(of: "1001") == .balance(number("1001"), Money(cents: 12)))
                #expect(ledger.deposit(1, to: "1001") == .balance(number("1001"), Money(cents: 13)))
            }
        }
    }
#endif
