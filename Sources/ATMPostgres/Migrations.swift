#if PostgreSQL
    /// The schema, as numbered migrations applied in order at start; each runs once, inside the start-up
    /// transaction, and is recorded in `schema_migrations`. Never edit a released one: add the next number.
    enum Migrations {
        /// One numbered step of DDL (no values: constants only).
        struct Migration: Sendable {
            let version: Int
            let sql: String
        }

        /// Every migration this binary knows, in order; the last one's version is the schema it expects.
        static let all: [Migration] = [migration1, migration2]

        /// The newest schema version this binary knows.
        static var latestVersion: Int { all.last?.version ?? 0 }

        /// Accounts, their history and the idempotency keys.
        ///
        /// Account numbers sort as bytes (`COLLATE "C"`), as the health route lists them. `balance_cents >= 0` is
        /// the database's own guard against a negative balance, under whatever the statements do.
        static let migration1 = Migration(
            version: 1,
            sql: """
                CREATE TABLE accounts (
                    account_number text COLLATE "C" PRIMARY KEY CHECK (account_number ~ '^[0-9]{1,32}$'),
                    balance_cents bigint NOT NULL CHECK (balance_cents >= 0)
                );
                CREATE TABLE history (
                    id bigserial PRIMARY KEY,
                    account_number text COLLATE "C" NOT NULL REFERENCES accounts,
                    kind text NOT NULL CHECK (kind IN ('deposit', 'withdrawal', 'transfer_in', 'transfer_out')),
                    cents bigint NOT NULL CHECK (cents > 0),
                    balance_after bigint NOT NULL CHECK (balance_after >= 0),
                    counterparty text COLLATE "C",
                    request_id text,
                    created_at timestamptz NOT NULL DEFAULT now()
                );
                CREATE INDEX history_by_account ON history (account_number, id DESC);
                CREATE TABLE idempotency_keys (
                    key text COLLATE "C" PRIMARY KEY,
                    fingerprint text NOT NULL,
                    outcome_kind text NOT NULL,
                    outcome_account text,
                    outcome_cents bigint,
                    outcome_history_id bigint,
                    created_at timestamptz NOT NULL DEFAULT now()
                );
                CREATE INDEX idempotency_keys_by_age ON idempotency_keys (created_at);
                """)

        /// Fingerprints become bytes: new keys store ``LedgerOperation/fingerprint`` (format 2, binary). A key
        /// stored by release 22bd11c or earlier held the command words (format 1) as text; its bytes are copied
        /// exactly, still in format 1, and the ledger decodes either format by its first byte and compares the
        /// operations by value, so those keys still replay.
        static let migration2 = Migration(
            version: 2,
            sql: """
                ALTER TABLE idempotency_keys RENAME COLUMN fingerprint TO fingerprint_words;
                ALTER TABLE idempotency_keys ADD COLUMN fingerprint bytea;
                UPDATE idempotency_keys SET fingerprint = convert_to(fingerprint_words, 'UTF8');
                ALTER TABLE idempotency_keys ALTER COLUMN fingerprint SET NOT NULL;
                ALTER TABLE idempotency_keys DROP COLUMN fingerprint_words;
                """)
    }
#endif
