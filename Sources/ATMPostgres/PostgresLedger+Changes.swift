#if PostgreSQL
    import Synchronization

    extension PostgresLedger {
        /// Adds `cents` to `account`: one conditional UPDATE, so concurrent deposits on any daemon never lose one.
        public func deposit(_ cents: Int64, to account: String, request: ChangeContext) -> Outcome {
            if let invalid = PostgresLedger.check(account: account, cents: cents, request: request) { return invalid }
            let parameters = [account, String(cents), String(configuration.maximumBalanceCents), request.requestID]
            let outcome = applySingle(
                LedgerSQL.deposit, parameters, account: account, refusal: .limitExceeded, request: request)
            if case .balance(_, let after, let id?) = outcome {
                report(.deposit, account, cents, after, historyID: id, request: request)
            }
            return outcome
        }

        /// Takes `cents` from `account` if its balance covers them, in one conditional UPDATE.
        public func withdraw(_ cents: Int64, from account: String, request: ChangeContext) -> Outcome {
            if let invalid = PostgresLedger.check(account: account, cents: cents, request: request) { return invalid }
            let parameters = [account, String(cents), request.requestID]
            let outcome = applySingle(
                LedgerSQL.withdraw, parameters, account: account, refusal: .insufficientFunds, request: request)
            if case .balance(_, let after, let id?) = outcome {
                report(.withdrawal, account, cents, after, historyID: id, request: request)
            }
            return outcome
        }

        /// Moves `cents` from `source` to `destination`: both rows locked in account order, both changed and both
        /// history rows written in one transaction, or nothing.
        public func transfer(
            _ cents: Int64, from source: String, to destination: String, request: ChangeContext
        ) -> Outcome {
            if let invalid = PostgresLedger.check(account: source, cents: cents, request: request) { return invalid }
            guard PostgresLedger.isAccountNumber(destination) else { return .invalid(.accountNumber) }
            guard source != destination else { return .invalid(.sameAccount) }
            let limit = configuration.maximumBalanceCents
            var destinationAfter: Int64 = 0
            let result = inTransaction(until: request.deadline) { session throws(Interruption) -> Decision<Outcome> in
                if let answered = try claim(request, in: session) { return .rollback(answered) }
                let rows = try session.query(LedgerSQL.lockPair, [source, destination])
                var balances: [String: Int64] = [:]
                for row in rows { if let number = row[0], let cents = row[1]?.int64 { balances[number] = cents } }
                let outcome: Outcome
                if let from = balances[source] {
                    if let to = balances[destination] {
                        if from < cents {
                            outcome = .insufficientFunds
                        } else if to > limit - cents {
                            outcome = .limitExceeded
                        } else {
                            let applied = try session.query(
                                LedgerSQL.applyTransfer, [source, destination, String(cents), request.requestID])
                            guard let id = applied.first?[0]?.int64, let after = applied.first?[1]?.int64,
                                let toAfter = applied.first?[2]?.int64
                            else {
                                throw .failed(sqlState: "XX000", message: "a transfer that returned no row")
                            }
                            destinationAfter = toAfter
                            outcome = .balance(account: source, cents: after, historyID: id)
                        }
                    } else {
                        outcome = .destinationNotFound
                    }
                } else {
                    outcome = .notFound
                }
                return try record(outcome, for: request, in: session)
            }
            let answer = outcome(of: result, wasCommitting: true)
            if case .balance(_, let after, let id?) = answer {
                report(
                    .transfer, source, cents, after, historyID: id, request: request,
                    counterparty: (destination, destinationAfter))
            }
            return answer
        }

        /// Hands a committed change to the configured audit hook.
        private func report(
            _ kind: AppliedChange.Kind, _ account: String, _ cents: Int64, _ after: Int64, historyID: Int64,
            request: ChangeContext, counterparty: (account: String, balanceAfter: Int64)? = nil
        ) {
            configuration.audit?(
                AppliedChange(
                    historyID: historyID, kind: kind, account: account, cents: cents, balanceAfter: after,
                    counterparty: counterparty?.account, counterpartyBalanceAfter: counterparty?.balanceAfter,
                    requestID: request.requestID, identity: request.identity))
        }

        /// Creates an account with an opening balance (no history row: it is not a change of a balance).
        public func create(_ account: String, balance cents: Int64, until deadline: PostgresDeadline? = nil) -> Outcome
        {
            guard PostgresLedger.isAccountNumber(account) else { return .invalid(.accountNumber) }
            guard cents >= 0 else { return .invalid(.amount) }
            let result = withRetries(until: deadline ?? defaultDeadline) { session throws(Interruption) -> Outcome in
                let rows = try session.query(LedgerSQL.createAccount, [account, String(cents)], commits: true)
                return rows.isEmpty ? .exists : .balance(account: account, cents: cents, historyID: nil)
            }
            return outcome(of: result, wasCommitting: true)
        }

        /// Forgets idempotency keys older than 24 hours (at most a batch); the ledger also does this by itself
        /// about every ten minutes. The number forgotten.
        public func pruneIdempotencyKeys(until deadline: PostgresDeadline? = nil) -> Result<Int, ReadFailure> {
            withRetries(until: deadline ?? defaultDeadline) { session throws(Interruption) -> Int in
                _ = try session.query(LedgerSQL.pruneKeys, [], commits: true)
                return 0
            }.mapError(ReadFailure.init)
        }

        /// A deposit or withdrawal: without a key, the one statement alone (autocommit, one round trip); with a
        /// key, that statement between the key's claim and its record in one transaction.
        private func applySingle(
            _ statement: Statement, _ parameters: [String?], account: String, refusal: Outcome, request: ChangeContext
        ) -> Outcome {
            func decide(_ rows: [[String?]]) throws(Interruption) -> Outcome {
                guard let row = rows.first, row.count == 3 else {
                    throw .failed(sqlState: "XX000", message: "a change that returned no row")
                }
                if let id = row[0]?.int64, let after = row[1]?.int64 {
                    return .balance(account: account, cents: after, historyID: id)
                }
                return row[2] == "t" ? refusal : .notFound
            }
            guard request.idempotencyKey != nil else {
                let result = withRetries(until: request.deadline) { session throws(Interruption) -> Outcome in
                    try decide(session.query(statement, parameters, commits: true))
                }
                return outcome(of: result, wasCommitting: true)
            }
            pruneIfDue()
            let result = inTransaction(until: request.deadline) { session throws(Interruption) -> Decision<Outcome> in
                if let answered = try claim(request, in: session) { return .rollback(answered) }
                return try record(decide(session.query(statement, parameters)), for: request, in: session)
            }
            return outcome(of: result, wasCommitting: true)
        }

        /// For a keyed request: takes the key's lock and answers from what is stored (a replay, a reuse with a
        /// different request, or in progress elsewhere); nil means the key is new and now this transaction's.
        private func claim(_ request: ChangeContext, in session: LedgerSession) throws(Interruption) -> Outcome? {
            guard let key = request.idempotencyKey else { return nil }
            guard let row = try session.query(LedgerSQL.claimKey, [key]).first, row.count == 6 else {
                throw .failed(sqlState: "XX000", message: "a key claim that returned no row")
            }
            guard let fingerprint = row[1] else { return row[0] == "t" ? nil : .keyInProgress }
            guard fingerprint == request.fingerprint else { return .keyReusedWithDifferentRequest }
            let stored = StoredOutcome(kind: row[2] ?? "", account: row[3], cents: row[4], historyID: row[5])
            guard let replay = stored.outcome else {
                throw .failed(sqlState: "XX000", message: "a stored outcome the ledger cannot read")
            }
            return .replayed(replay)
        }

        /// Stores the outcome under the request's key (in the same transaction) and commits; without a key,
        /// commits a change and rolls back a refusal (which wrote nothing).
        private func record(
            _ outcome: Outcome, for request: ChangeContext, in session: LedgerSession
        ) throws(Interruption) -> Decision<Outcome> {
            guard let key = request.idempotencyKey else {
                if case .balance = outcome { return .commit(outcome) }
                return .rollback(outcome)
            }
            guard let stored = StoredOutcome.columns(for: outcome) else { return .rollback(outcome) }
            try session.query(
                LedgerSQL.storeKey,
                [key, request.fingerprint, stored.kind, stored.account, stored.cents, stored.historyID])
            return .commit(outcome)
        }

        /// Prunes old keys when ten minutes have passed since the last time (on this ledger), at most once at a
        /// time; a failure is left for the next time.
        private func pruneIfDue() {
            let now = PostgresDeadline.now.monotonicNanoseconds
            let last = lastPrune.load(ordering: .relaxed)
            guard now &- last >= 600 * 1_000_000_000 else { return }
            guard lastPrune.compareExchange(expected: last, desired: now, ordering: .relaxed).exchanged else { return }
            _ = pruneIdempotencyKeys(until: .after(milliseconds: configuration.statementTimeoutMilliseconds))
        }

        private static func check(account: String, cents: Int64, request: ChangeContext) -> Outcome? {
            guard isAccountNumber(account) else { return .invalid(.accountNumber) }
            guard cents > 0 else { return .invalid(.amount) }
            if let key = request.idempotencyKey, key.isEmpty || key.utf8.count > 255 {
                return .invalid(.idempotencyKey)
            }
            return nil
        }
    }

    /// An outcome as the `idempotency_keys` columns hold it: kind, account, cents, history id (as text, the way
    /// libpq passes them). Only outcomes the daemon decided are stored.
    struct StoredOutcome {
        let kind: String
        let account: String?
        let cents: String?
        let historyID: String?

        /// The columns for `outcome`; nil for an outcome that is not stored (an interruption, a replay).
        static func columns(for outcome: PostgresLedger.Outcome) -> StoredOutcome? {
            switch outcome {
            case .balance(let account, let cents, let historyID):
                StoredOutcome(
                    kind: "balance", account: account, cents: String(cents), historyID: historyID.map { String($0) })
            case .notFound: StoredOutcome(kind: "not_found", account: nil, cents: nil, historyID: nil)
            case .destinationNotFound:
                StoredOutcome(kind: "destination_not_found", account: nil, cents: nil, historyID: nil)
            case .insufficientFunds: StoredOutcome(kind: "insufficient_funds", account: nil, cents: nil, historyID: nil)
            case .limitExceeded: StoredOutcome(kind: "limit_exceeded", account: nil, cents: nil, historyID: nil)
            default: nil
            }
        }

        /// The outcome these columns hold; nil for a row this binary did not write.
        var outcome: PostgresLedger.Outcome? {
            switch kind {
            case "balance":
                guard let account, let cents = cents?.int64 else { return nil }
                return .balance(account: account, cents: cents, historyID: historyID?.int64)
            case "not_found": return .notFound
            case "destination_not_found": return .destinationNotFound
            case "insufficient_funds": return .insufficientFunds
            case "limit_exceeded": return .limitExceeded
            default: return nil
            }
        }
    }
#endif
