#if PostgreSQL
    /// Every statement the ledger runs. Each is one round trip; values are `$n` parameters, cast explicitly so
    /// that the server never has to guess a type.
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

        /// A deposit in one statement: the conditional UPDATE (no read-modify-write), its history row, and
        /// whether the account exists, all on one snapshot, so "not found" and "limit exceeded" cannot be
        /// confused by a concurrent change. Accounts are never deleted, which is what makes the EXISTS exact.
        /// Row: history id, balance after (both NULL when refused), account exists.
        static let deposit = Statement(
            name: "deposit",
            text: """
                WITH changed AS (
                    UPDATE accounts SET balance_cents = balance_cents + $2::bigint
                    WHERE account_number = $1::text AND balance_cents <= $3::bigint - $2::bigint
                    RETURNING balance_cents
                ), recorded AS (
                    INSERT INTO history (account_number, kind, cents, balance_after, request_id)
                    SELECT $1::text, 'deposit', $2::bigint, balance_cents, $4::text FROM changed
                    RETURNING id, balance_after
                )
                SELECT recorded.id, recorded.balance_after,
                    EXISTS (SELECT 1 FROM accounts WHERE account_number = $1::text)
                FROM (VALUES (1)) AS one LEFT JOIN recorded ON true
                """)

        /// A withdrawal, shaped as `deposit`; the condition is that the balance covers it.
        static let withdraw = Statement(
            name: "withdraw",
            text: """
                WITH changed AS (
                    UPDATE accounts SET balance_cents = balance_cents - $2::bigint
                    WHERE account_number = $1::text AND balance_cents >= $2::bigint
                    RETURNING balance_cents
                ), recorded AS (
                    INSERT INTO history (account_number, kind, cents, balance_after, request_id)
                    SELECT $1::text, 'withdrawal', $2::bigint, balance_cents, $3::text FROM changed
                    RETURNING id, balance_after
                )
                SELECT recorded.id, recorded.balance_after,
                    EXISTS (SELECT 1 FROM accounts WHERE account_number = $1::text)
                FROM (VALUES (1)) AS one LEFT JOIN recorded ON true
                """)

        /// Locks both accounts of a transfer in account order (the ORDER BY sits under the row locking, so rows
        /// are locked as sorted), which is why two opposite transfers cannot deadlock.
        static let lockPair = Statement(
            name: "lock_pair",
            text: """
                SELECT account_number, balance_cents FROM accounts
                WHERE account_number IN ($1::text, $2::text) ORDER BY account_number FOR UPDATE
                """)

        /// Moves the money between the two locked rows and writes both history rows.
        /// Row: the source's history id and balance after, and the destination's balance after.
        static let applyTransfer = Statement(
            name: "apply_transfer",
            text: """
                WITH source AS (
                    UPDATE accounts SET balance_cents = balance_cents - $3::bigint
                    WHERE account_number = $1::text RETURNING balance_cents
                ), destination AS (
                    UPDATE accounts SET balance_cents = balance_cents + $3::bigint
                    WHERE account_number = $2::text RETURNING balance_cents
                ), recorded AS (
                    INSERT INTO history (account_number, kind, cents, balance_after, counterparty, request_id)
                    SELECT $1::text, 'transfer_out', $3::bigint, balance_cents, $2::text, $4::text FROM source
                    UNION ALL
                    SELECT $2::text, 'transfer_in', $3::bigint, balance_cents, $1::text, $4::text FROM destination
                    RETURNING id, kind, balance_after
                )
                SELECT id, balance_after, (SELECT balance_after FROM recorded WHERE kind = 'transfer_in')
                FROM recorded WHERE kind = 'transfer_out'
                """)

        /// Claims a key for this transaction and reads what is stored under it (the fingerprint as `\\x…` text). The advisory lock is taken
        /// without waiting: held means another transaction is applying a request with this key right now.
        /// Row: lock taken, then the stored fingerprint and outcome columns (NULL when the key is new).
        static let claimKey = Statement(
            name: "claim_key",
            text: """
                SELECT pg_try_advisory_xact_lock(hashtextextended($1::text, 0)),
                    k.fingerprint, k.outcome_kind, k.outcome_account, k.outcome_cents, k.outcome_history_id
                FROM (VALUES (1)) AS one LEFT JOIN idempotency_keys AS k ON k.key = $1::text
                """)

        /// Stores a key's outcome in the transaction of the change it records. The primary key is what makes a
        /// request apply once even if two claims raced: the second INSERT fails and its transaction rolls back.
        static let storeKey = Statement(
            name: "store_key",
            text: """
                INSERT INTO idempotency_keys
                    (key, fingerprint, outcome_kind, outcome_account, outcome_cents, outcome_history_id)
                VALUES ($1::text, $2::bytea, $3::text, $4::text, $5::bigint, $6::bigint)
                """)

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
