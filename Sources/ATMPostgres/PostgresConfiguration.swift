#if PostgreSQL
    /// How `PostgresLedger` reaches its database and how long it may wait; the daemon fills it from its environment.
    public struct PostgresConfiguration: Sendable {
        /// A libpq connection URI, `postgresql://user@host:port/db?…` (or `postgres://`); libpq parses it.
        public var uri: String
        /// Connections kept open, and so the most statements in flight from this process at once.
        public var poolSize: Int
        /// The longest a new connection may take, besides the caller's deadline (whichever is sooner).
        public var connectTimeoutMilliseconds: Int
        /// The ceiling for any one statement on the server (`statement_timeout`); a deadline lowers it, never raises it.
        public var statementTimeoutMilliseconds: Int
        /// How long past a deadline the ledger still waits for an answer already asked for, before calling the
        /// outcome unknown. Keep it below the handler's own wait past the deadline.
        public var answerGraceMilliseconds: Int
        /// The bound on `open` (connecting, waiting for another daemon's migrations, migrating).
        public var startupTimeoutMilliseconds: Int
        /// The largest balance a deposit or transfer may reach; past it the change is `limitExceeded`.
        public var maximumBalanceCents: Int64
        /// How many times a transaction that met a serialization failure or deadlock is tried in all.
        public var attemptLimit: Int
        /// The most money movements one transaction carries (group commit).
        public var largestBatch: Int
        /// The most batches in flight at once, each on its own connection (at most `poolSize`); a change that
        /// arrives while they are all in flight waits for the next, and shares its commit.
        public var batchesInFlight: Int
        /// The deadline of an operation whose context has none (a person at the socket).
        public var defaultDeadlineMilliseconds: Int
        /// Called with the audit line (``LedgerChange/auditLine(sequence:requestID:identity:trace:)``, the sequence the
        /// history row's id, 0 for a create) of every change the database confirmed committed (not for replays,
        /// refusals, or a COMMIT whose answer never came), after the commit, on the thread that asked.
        public var audit: (@Sendable (String) -> Void)?
        /// Called with one line for each server error the ledger did not expect (answered `unavailable`).
        public var log: (@Sendable (String) -> Void)?

        public init(
            uri: String,
            poolSize: Int = 8,
            connectTimeoutMilliseconds: Int = 2000,
            statementTimeoutMilliseconds: Int = 5000,
            answerGraceMilliseconds: Int = 200,
            startupTimeoutMilliseconds: Int = 30_000,
            maximumBalanceCents: Int64 = .max,
            attemptLimit: Int = 5,
            largestBatch: Int = 64,
            batchesInFlight: Int = 1,
            defaultDeadlineMilliseconds: Int = 5000,
            audit: (@Sendable (String) -> Void)? = nil,
            log: (@Sendable (String) -> Void)? = nil
        ) {
            self.uri = uri
            self.poolSize = poolSize
            self.connectTimeoutMilliseconds = connectTimeoutMilliseconds
            self.statementTimeoutMilliseconds = statementTimeoutMilliseconds
            self.answerGraceMilliseconds = answerGraceMilliseconds
            self.startupTimeoutMilliseconds = startupTimeoutMilliseconds
            self.maximumBalanceCents = maximumBalanceCents
            self.attemptLimit = attemptLimit
            self.largestBatch = largestBatch
            self.batchesInFlight = batchesInFlight
            self.defaultDeadlineMilliseconds = defaultDeadlineMilliseconds
            self.audit = audit
            self.log = log
        }
    }
#endif
