#if PostgreSQL
    import Synchronization

    /// The ledger's operations as SQL on a shared PostgreSQL database: balances, history and idempotency keys
    /// live there, so any number of daemons on any number of hosts can serve the same accounts.
    ///
    /// Every change is one transaction; every wait is bounded by the caller's deadline; every outcome says
    /// whether the change was applied, was certainly not, or may have been (`unknown`).
    public final class PostgresLedger: Sendable {
        let configuration: PostgresConfiguration
        let pool: ConnectionPool
        /// When keys were last pruned (monotonic nanoseconds), so that pruning runs about every ten minutes.
        let lastPrune: Atomic<Int64>

        private init(configuration: PostgresConfiguration) {
            self.configuration = configuration
            self.pool = ConnectionPool(configuration: configuration)
            self.lastPrune = Atomic(PostgresDeadline.now.monotonicNanoseconds)
        }

        /// Connects, applies the migrations this binary knows (taking turns with other daemons on an advisory
        /// lock), and returns the ledger. Refuses a database whose schema is newer than this binary.
        public static func open(_ configuration: PostgresConfiguration) throws(PostgresFailure) -> PostgresLedger {
            if let problem = PostgresConnection.validate(uri: configuration.uri) {
                throw .invalidConfiguration("ATM_STATED_STORE: \(problem)")
            }
            guard configuration.poolSize >= 1, configuration.attemptLimit >= 1 else {
                throw .invalidConfiguration("the pool size and attempt limit must be at least 1")
            }
            let ledger = PostgresLedger(configuration: configuration)
            try ledger.startupTransaction { session throws(Interruption) in
                try session.query(LedgerSQL.startupLock, [])
                try session.script(LedgerSQL.createMigrationsTable)
                let found = try session.query(LedgerSQL.schemaVersion, []).first?.first?.flatMap { Int($0) } ?? 0
                if found > Migrations.latestVersion {
                    return .rollback(.schemaTooNew(found: found, supported: Migrations.latestVersion))
                }
                for migration in Migrations.all where migration.version > found {
                    try session.script(migration.sql)
                    try session.query(LedgerSQL.recordMigration, [String(migration.version)])
                }
                return .commit(nil)
            }
            return ledger
        }

        /// Stores `accounts` if, and only if, the accounts table is empty (PRELOAD_ACCOUNTS seeds a new
        /// database, never an existing one). True when it seeded. Serialised with migrations across daemons.
        public func seedIfEmpty(_ accounts: [(account: String, cents: Int64)]) throws(PostgresFailure) -> Bool {
            var seen: Set<String> = []
            for (account, cents) in accounts {
                guard PostgresLedger.isAccountNumber(account) else { throw .invalidSeed("account number \(account)") }
                guard cents >= 0 else { throw .invalidSeed("negative balance for \(account)") }
                guard seen.insert(account).inserted else { throw .invalidSeed("duplicate account \(account)") }
            }
            var seeded = false
            try startupTransaction { session throws(Interruption) in
                try session.query(LedgerSQL.startupLock, [])
                if try session.query(LedgerSQL.anyAccount, []).first?.first == "t" { return .rollback(nil) }
                for (account, cents) in accounts {
                    try session.query(LedgerSQL.createAccount, [account, String(cents)])
                }
                seeded = true
                return .commit(nil)
            }
            return seeded
        }

        /// Every account number, sorted by bytes.
        public func accountNumbers(until deadline: PostgresDeadline? = nil) -> Result<
            [String], PostgresLedger.ReadFailure
        > {
            let result = withRetries(until: deadline ?? defaultDeadline) { session throws(Interruption) in
                try session.query(LedgerSQL.accountNumbers, []).compactMap { $0.first ?? nil }
            }
            return result.mapError(ReadFailure.init)
        }

        /// The balance of one account, `.notFound`, or why it could not be read.
        public func balance(of account: String, until deadline: PostgresDeadline? = nil) -> Outcome {
            guard PostgresLedger.isAccountNumber(account) else { return .invalid(.accountNumber) }
            let result = withRetries(until: deadline ?? defaultDeadline) { session throws(Interruption) -> Outcome in
                guard let cents = try session.query(LedgerSQL.balance, [account]).first?.first??.int64 else {
                    return .notFound
                }
                return .balance(account: account, cents: cents, historyID: nil)
            }
            return outcome(of: result, wasCommitting: false)
        }

        /// A page of the account's history, newest first: up to `limit` entries older than `before` (an id).
        public func history(
            of account: String, limit: Int, before: Int64? = nil, until deadline: PostgresDeadline? = nil
        ) -> HistoryOutcome {
            guard PostgresLedger.isAccountNumber(account) else { return .invalid(.accountNumber) }
            guard limit >= 1 else { return .invalid(.limit) }
            let result = withRetries(until: deadline ?? defaultDeadline) {
                session throws(Interruption) -> HistoryOutcome in
                let rows = try session.query(LedgerSQL.history, [account, String(limit), before.map { String($0) }])
                if rows.isEmpty {
                    let exists = try session.query(LedgerSQL.accountExists, [account]).first?.first == "t"
                    return exists ? .entries([]) : .notFound
                }
                var entries: [HistoryEntry] = []
                for row in rows {
                    guard row.count == 6, let id = row[0]?.int64, let time = row[1]?.int64,
                        let kind = row[2].flatMap(HistoryEntry.Kind.init(rawValue:)), let cents = row[3]?.int64,
                        let after = row[4]?.int64
                    else { throw .failed(sqlState: "XX000", message: "a history row the ledger cannot read") }
                    entries.append(
                        HistoryEntry(
                            id: id, timeMilliseconds: time, kind: kind, cents: cents, balanceAfter: after,
                            counterparty: row[5]))
                }
                return .entries(entries)
            }
            switch result {
            case .success(let outcome): return outcome
            case .failure(.expired): return .expired
            case .failure(.failed(let sqlState, let message)):
                return .databaseError(sqlState: sqlState, message: message)
            case .failure(.unavailable), .failure(.unknown), .failure(.retry): return .unavailable
            }
        }

        /// Why a read failed; no read changes anything, so none of these is "unknown".
        public enum ReadFailure: Error, Sendable, Equatable {
            case expired
            case unavailable
            case databaseError(sqlState: String, message: String)

            init(_ interruption: Interruption) {
                switch interruption {
                case .expired: self = .expired
                case .failed(let sqlState, let message): self = .databaseError(sqlState: sqlState, message: message)
                case .unavailable, .unknown, .retry: self = .unavailable
                }
            }
        }

        /// A read without a caller's deadline gets the configured statement timeout.
        var defaultDeadline: PostgresDeadline { .after(milliseconds: configuration.statementTimeoutMilliseconds) }

        /// 1 to 32 ASCII digits, as the contract names an account.
        static func isAccountNumber(_ text: String) -> Bool {
            let bytes = text.utf8
            return (1...32).contains(bytes.count)
                && bytes.allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
        }

        /// Maps an interruption to an outcome; reads (`wasCommitting` false) are never `unknown`.
        func outcome(of result: Result<Outcome, Interruption>, wasCommitting: Bool) -> Outcome {
            switch result {
            case .success(let outcome): return outcome
            case .failure(.expired): return .expired
            case .failure(.unavailable), .failure(.retry): return .unavailable
            case .failure(.unknown): return wasCommitting ? .unknown : .unavailable
            case .failure(.failed(let sqlState, let message)):
                return .databaseError(sqlState: sqlState, message: message)
            }
        }

        /// Runs start-up work in one transaction within `startupTimeoutMilliseconds`; a body's `.rollback` with a
        /// failure is thrown.
        private func startupTransaction(
            _ body: (LedgerSession) throws(Interruption) -> Decision<PostgresFailure?>
        ) throws(PostgresFailure) {
            let deadline = PostgresDeadline.after(milliseconds: configuration.startupTimeoutMilliseconds)
            if case .failure(.unreachable(let message)) = pool.probe(until: deadline) { throw .unreachable(message) }
            switch inTransaction(until: deadline, body) {
            case .success(nil): return
            case .success(let failure?): throw failure
            case .failure(.expired): throw .timedOut
            case .failure(.unavailable), .failure(.retry): throw .unreachable("the connection failed during start-up")
            case .failure(.unknown): throw .outcomeUnknown
            case .failure(.failed(let sqlState, let message)):
                throw .databaseError(sqlState: sqlState, message: message)
            }
        }
    }

    extension String {
        /// The text of a bigint column as an Int64.
        var int64: Int64? { Int64(self) }
    }
#endif
