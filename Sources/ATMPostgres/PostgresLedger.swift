#if PostgreSQL
    import ATMCore
    import ATMMoney
    import Synchronization

    /// The ledger's operations as SQL on a shared PostgreSQL database: balances, history and idempotency keys
    /// live there, so any number of daemons on any number of hosts can serve the same accounts.
    ///
    /// Every change is one transaction; every wait is bounded by the caller's deadline; every outcome says
    /// whether the change was applied, was certainly not, or may have been (`unknown`).
    public final class PostgresLedger: LedgerStore {
        let configuration: PostgresConfiguration
        let pool: ConnectionPool
        /// When keys were last pruned (monotonic nanoseconds), so that pruning runs about every ten minutes.
        let lastPrune: Atomic<Int64>
        /// Money movements waiting for, or riding in, a shared commit.
        let batches: GroupCommit<Change, Answer>

        private init(configuration: PostgresConfiguration) {
            self.configuration = configuration
            self.pool = ConnectionPool(configuration: configuration)
            self.batches = GroupCommit(
                largestBatch: configuration.largestBatch,
                batchesInFlight: min(configuration.batchesInFlight, configuration.poolSize)
            ) { _, unsent in
                switch unsent {
                case .expired: return .refused(.expired)
                case .unanswered: return .refused(.unknown)
                }
            }
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
        public func seedIfEmpty(_ accounts: [(account: AccountNumber, balance: Money)]) throws(PostgresFailure) -> Bool
        {
            var seen: Set<AccountNumber> = []
            for (account, balance) in accounts {
                guard balance.cents >= 0 else { throw .invalidSeed("negative balance for \(account)") }
                guard seen.insert(account).inserted else { throw .invalidSeed("duplicate account \(account)") }
            }
            var seeded = false
            try startupTransaction { session throws(Interruption) in
                try session.query(LedgerSQL.startupLock, [])
                if try session.query(LedgerSQL.anyAccount, []).first?.first == "t" { return .rollback(nil) }
                for (account, balance) in accounts {
                    try session.query(LedgerSQL.createAccount, [account.digits, String(balance.cents)])
                }
                seeded = true
                return .commit(nil)
            }
            return seeded
        }

        /// Carries out `operation` on the database. Every wait ends by the context's deadline (or, without one,
        /// `defaultDeadlineMilliseconds` from now); `.refused(.unavailable)` and `.refused(.expired)` mean
        /// certainly not applied, `.refused(.unknown)` that a commit went unanswered.
        public func perform(_ operation: LedgerOperation, _ context: OperationContext) -> LedgerOutcome {
            let deadline =
                context.deadline.map(PostgresDeadline.init)
                ?? .after(milliseconds: configuration.defaultDeadlineMilliseconds)
            switch operation {
            case .list(let page):
                switch page == .all ? accountNumbers(until: deadline) : accountNumbers(page, until: deadline) {
                case .success(let numbers): return .accounts(numbers)
                case .failure(.expired): return .refused(.expired)
                case .failure(.unavailable): return .refused(.unavailable)
                case .failure(.databaseError(let sqlState, let message)):
                    return refusal(.failed(sqlState: sqlState, message: message), wasCommitting: false)
                }
            case .balance(let account): return balance(of: account, until: deadline)
            case .history(let account, let limit, let before):
                return history(of: account, limit: limit, before: before, until: deadline)
            case .create(let account, let balance): return create(account, balance: balance, context, until: deadline)
            case .deposit, .withdraw, .transfer:
                return change(Change(operation: operation, context: context, deadline: deadline))
            }
        }

        /// Every account number, sorted by bytes.
        public func accountNumbers(until deadline: PostgresDeadline? = nil) -> Result<
            [AccountNumber], PostgresLedger.ReadFailure
        > {
            let result = withRetries(until: deadline ?? defaultDeadline) { session throws(Interruption) in
                try session.query(LedgerSQL.accountNumbers, []).compactMap { row in
                    row.first??.accountNumber
                }
            }
            return result.mapError(ReadFailure.init)
        }

        /// The balance of one account, `.refused(.notFound)`, or why it could not be read.
        func balance(of account: AccountNumber, until deadline: PostgresDeadline) -> LedgerOutcome {
            let result = withRetries(until: deadline) { session throws(Interruption) -> LedgerOutcome in
                guard let cents = try session.query(LedgerSQL.balance, [account.digits]).first?.first??.int64 else {
                    return .refused(.notFound)
                }
                return .balance(account, Money(cents: cents))
            }
            return outcome(of: result, wasCommitting: false)
        }

        /// A page of the account's history, newest first: up to `limit` entries older than `before` (an id).
        func history(
            of account: AccountNumber, limit: Int, before: UInt64?, until deadline: PostgresDeadline
        ) -> LedgerOutcome {
            guard (1...LedgerOperation.maximumHistoryLimit).contains(limit) else { return .refused(.badArgument) }
            let parameters = [account.digits, String(limit), before.map { String(Int64(clamping: $0)) }]
            let result = withRetries(until: deadline) { session throws(Interruption) -> LedgerOutcome in
                let rows = try session.query(LedgerSQL.history, parameters)
                if rows.isEmpty {
                    let exists = try session.query(LedgerSQL.accountExists, [account.digits]).first?.first == "t"
                    return exists ? .history(account, []) : .refused(.notFound)
                }
                var entries: [HistoryEntry] = []
                entries.reserveCapacity(rows.count)
                for row in rows {
                    guard let entry = PostgresLedger.historyEntry(row) else {
                        throw .failed(sqlState: "XX000", message: "a history row the ledger cannot read")
                    }
                    entries.append(entry)
                }
                return .history(account, entries)
            }
            return outcome(of: result, wasCommitting: false)
        }

        /// A history row (id, time, kind, cents, balance after, counterparty) as an entry; nil for a row no applied
        /// change could write.
        static func historyEntry(_ row: [String?]) -> HistoryEntry? {
            guard row.count == 6, let id = row[0]?.int64, id > 0, let time = row[1]?.int64,
                let kind = row[2].flatMap(HistoryEntry.Kind.init(rawValue:)), let cents = row[3]?.int64, cents > 0,
                let after = row[4]?.int64, after >= 0
            else { return nil }
            var counterparty: AccountNumber?
            if let other = row[5] {
                guard let number = other.accountNumber else { return nil }
                counterparty = number
            }
            guard kind.hasCounterparty == (counterparty != nil) else { return nil }
            return HistoryEntry(
                id: UInt64(id), timeMilliseconds: max(0, time), kind: kind, amount: Money(cents: cents),
                balance: Money(cents: after), counterparty: counterparty)
        }

        /// A read without a caller's deadline gets the configured statement timeout.
        var defaultDeadline: PostgresDeadline { .after(milliseconds: configuration.statementTimeoutMilliseconds) }

        /// Maps an interruption to an outcome; reads (`wasCommitting` false) are never `unknown`.
        func outcome(of result: Result<LedgerOutcome, Interruption>, wasCommitting: Bool) -> LedgerOutcome {
            switch result {
            case .success(let outcome): return outcome
            case .failure(let interruption): return refusal(interruption, wasCommitting: wasCommitting)
            }
        }

        /// The refusal an interruption means. A server error the ledger does not expect (a bug or a damaged
        /// schema) rolled its transaction back, so it is `unavailable`, and worth a log line.
        func refusal(_ interruption: Interruption, wasCommitting: Bool) -> LedgerOutcome {
            switch interruption {
            case .expired: return .refused(.expired)
            case .unavailable, .retry: return .refused(.unavailable)
            case .unknown: return .refused(wasCommitting ? .unknown : .unavailable)
            case .failed(let sqlState, let message):
                configuration.log?("PostgreSQL: unexpected error \(sqlState): \(message)")
                return .refused(.unavailable)
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

        /// The text of an account number column.
        var accountNumber: AccountNumber? { AccountNumber(Array(utf8)) }
    }
#endif
