#if PostgreSQL
    /// Every statement the ledger runs but a batch of money movements (that is ``BatchSQL``). Each is one round
    /// trip; values are `$n` parameters, cast explicitly so that the server never has to guess a type.
    enum LedgerSQL {
        static let begin = "BEGIN"
        static let commit = "COMMIT"
        static let rollback = "ROLLBACK"

        /// Serialises migrations and seeding across every daemon on the database (a transaction-scoped lock, so
        /// a daemon that dies mid-migration frees it). The two-int form keeps it apart from the key locks.
        static let startupLock = Statement(
            name: "startup_lock", text: "SELECT pg_advisory_xact_lock(1096043853, 1)")

        static let createMigrationsTable = """
            CREATE TABLE IF NOT EXISTS schema_migrations (
                version integer PRIMARY KEY,
                applied_at timestamptz NOT NULL DEFAULT now()
            )
            """

        static let schemaVersion = Statement(
            name: "schema_version", text: "SELECT coalesce(max(version), 0) FROM schema_migrations")

        static let recordMigration = Statement(
            name: "record_migration", text: "INSERT INTO schema_migrations (version) VALUES ($1::integer)")

        static let anyAccount = Statement(
            name: "any_account", text: "SELECT EXISTS (SELECT 1 FROM accounts)")

        /// `create`: a new account, or no row when the number is taken.
        static let createAccount = Statement(
            name: "create_account",
            text: """
                INSERT INTO accounts (account_number, balance_cents) VALUES ($1::text, $2::bigint)
                ON CONFLICT (account_number) DO NOTHING RETURNING balance_cents
                """)

        static let accountNumbers = Statement(
            name: "account_numbers", text: "SELECT account_number FROM accounts ORDER BY account_number")

        /// A page of account numbers after `$1` (NULL: from the first, since every number sorts after ''), in
        /// byte order: a range scan of the primary key, whose collation is "C", that stops at the page's end.
        static let accountPage = Statement(
            name: "account_page",
            text: """
                SELECT account_number FROM accounts
                WHERE account_number > coalesce($1::text, '') COLLATE "C"
                ORDER BY account_number LIMIT $2::bigint
                """)

        /// Readiness: one round trip that touches no table.
        static let ping = Statement(name: "ping", text: "SELECT 1")

        static let balance = Statement(
            name: "balance", text: "SELECT balance_cents FROM accounts WHERE account_number = $1::text")

        static let accountExists = Statement(
            name: "account_exists", text: "SELECT EXISTS (SELECT 1 FROM accounts WHERE account_number = $1::text)")

        /// Forgets keys past the retention (24 hours, the contract's minimum), a bounded batch at a time.
        static let pruneKeys = Statement(
            name: "prune_keys",
            text: """
                DELETE FROM idempotency_keys WHERE key IN (
                    SELECT key FROM idempotency_keys WHERE created_at < now() - interval '24 hours' LIMIT 10000)
                """)

        /// A page of history, newest first; `$3` NULL means from the newest.
        /// Row: id, time (UTC milliseconds), kind, cents, balance after, counterparty.
        static let history = Statement(
            name: "history",
            text: """
                SELECT id, floor(extract(epoch FROM created_at) * 1000)::bigint, kind, cents, balance_after,
                    counterparty
                FROM history
                WHERE account_number = $1::text AND ($3::bigint IS NULL OR id < $3::bigint)
                ORDER BY id DESC LIMIT $2::bigint
                """)
    }
#endif
