#if PostgreSQL
    import ATMCore
    import ATMMoney
    import Synchronization

    extension PostgresLedger {
        /// A deposit, withdrawal or transfer: checked, applied (once per key), and reported to the audit hook
        /// once the database confirmed its commit.
        func change(_ change: Change) -> LedgerOutcome {
            let answer: Answer
            let audited: (Money, Int64) -> LedgerChange
            switch change.operation {
            case .deposit(let amount, let account):
                guard amount.cents > 0 else { return .refused(.badArgument) }
                let parameters = [
                    account.digits, String(amount.cents), String(configuration.maximumBalanceCents),
                    change.context.requestID?.text,
                ]
                answer = applySingle(LedgerSQL.deposit, parameters, account, refusal: .limitExceeded, change)
                audited = { after, _ in .deposit(account, amount: amount, balance: after) }
            case .withdraw(let amount, let account):
                guard amount.cents > 0 else { return .refused(.badArgument) }
                let parameters = [account.digits, String(amount.cents), change.context.requestID?.text]
                answer = applySingle(LedgerSQL.withdraw, parameters, account, refusal: .insufficientFunds, change)
                audited = { after, _ in .withdrawal(account, amount: amount, balance: after) }
            case .transfer(let amount, let source, let destination):
                guard amount.cents > 0 else { return .refused(.badArgument) }
                guard source != destination else { return .refused(.sameAccount) }
                answer = transfer(amount, from: source, to: destination, change)
                audited = { after, destinationAfter in
                    .transfer(
                        from: source, to: destination, amount: amount, fromBalance: after,
                        toBalance: Money(cents: destinationAfter))
                }
            case .balance, .history, .list, .create:
                return .refused(.badCommand)
            }
            if let id = answer.historyID, case .balance(_, let after) = answer.outcome {
                let line = audited(after, answer.destinationBalance).auditLine(
                    sequence: UInt64(clamping: id), requestID: change.context.requestID,
                    identity: change.context.identity, trace: change.context.trace)
                configuration.audit?(line)
            }
            return answer.outcome
        }

        /// Moves `amount` from `source` to `destination`: both rows locked in account order, both changed and both
        /// history rows written in one transaction, or nothing.
        private func transfer(
            _ amount: Money, from source: AccountNumber, to destination: AccountNumber, _ change: Change
        ) -> Answer {
            let cents = amount.cents
            let limit = configuration.maximumBalanceCents
            let result = inTransaction(until: change.deadline) { session throws(Interruption) -> Decision<Answer> in
                if let answered = try claim(change, in: session) { return .rollback(answered) }
                let rows = try session.query(LedgerSQL.lockPair, [source.digits, destination.digits])
                var balances: [String: Int64] = [:]
                for row in rows { if let number = row[0], let cents = row[1]?.int64 { balances[number] = cents } }
                let answer: Answer
                if let from = balances[source.digits] {
                    if let to = balances[destination.digits] {
                        if from < cents {
                            answer = .refused(.insufficientFunds)
                        } else if to > limit - cents {
                            answer = .refused(.limitExceeded)
                        } else {
                            let applied = try session.query(
                                LedgerSQL.applyTransfer,
                                [source.digits, destination.digits, String(cents), change.context.requestID?.text])
                            guard let id = applied.first?[0]?.int64, let after = applied.first?[1]?.int64,
                                let toAfter = applied.first?[2]?.int64
                            else {
                                throw .failed(sqlState: "XX000", message: "a transfer that returned no row")
                            }
                            answer = Answer(
                                outcome: .balance(source, Money(cents: after)), historyID: id,
                                destinationBalance: toAfter)
                        }
                    } else {
                        answer = .refused(.destinationNotFound)
                    }
                } else {
                    answer = .refused(.notFound)
                }
                return try record(answer, for: change, in: session)
            }
            return answer(of: result)
        }

        /// Creates an account with an opening balance (no history row: it is not a change of a balance, so its
        /// audit line has no sequence number: seq=0).
        func create(
            _ account: AccountNumber, balance: Money, _ context: OperationContext, until deadline: PostgresDeadline
        ) -> LedgerOutcome {
            guard balance.cents >= 0 else { return .refused(.badArgument) }
            let result = withRetries(until: deadline) { session throws(Interruption) -> LedgerOutcome in
                let rows = try session.query(
                    LedgerSQL.createAccount, [account.digits, String(balance.cents)], commits: true)
                return rows.isEmpty ? .refused(.exists) : .balance(account, balance)
            }
            let outcome = outcome(of: result, wasCommitting: true)
            if case .balance = outcome {
                configuration.audit?(
                    LedgerChange.create(account, balance: balance).auditLine(
                        sequence: 0, requestID: context.requestID, identity: context.identity, trace: context.trace))
            }
            return outcome
        }

        /// Forgets idempotency keys older than 24 hours (at most a batch); the ledger also does this by itself
        /// about every ten minutes.
        public func pruneIdempotencyKeys(until deadline: PostgresDeadline? = nil) -> Result<Void, ReadFailure> {
            withRetries(until: deadline ?? defaultDeadline) { session throws(Interruption) in
                _ = try session.query(LedgerSQL.pruneKeys, [], commits: true)
            }.mapError(ReadFailure.init)
        }

        /// A deposit or withdrawal: without a key, the one statement alone (autocommit, one round trip); with a
        /// key, that statement between the key's claim and its record in one transaction.
        private func applySingle(
            _ statement: Statement, _ parameters: [String?], _ account: AccountNumber, refusal: ErrorCode,
            _ change: Change
        ) -> Answer {
            func decide(_ rows: [[String?]]) throws(Interruption) -> Answer {
                guard let row = rows.first, row.count == 3 else {
                    throw .failed(sqlState: "XX000", message: "a change that returned no row")
                }
                if let id = row[0]?.int64, let after = row[1]?.int64 {
                    return Answer(outcome: .balance(account, Money(cents: after)), historyID: id)
                }
                return .refused(row[2] == "t" ? refusal : .notFound)
            }
            guard change.context.idempotencyKey != nil else {
                let result = withRetries(until: change.deadline) { session throws(Interruption) -> Answer in
                    try decide(session.query(statement, parameters, commits: true))
                }
                return answer(of: result)
            }
            pruneIfDue()
            let result = inTransaction(until: change.deadline) { session throws(Interruption) -> Decision<Answer> in
                if let answered = try claim(change, in: session) { return .rollback(answered) }
                return try record(decide(session.query(statement, parameters)), for: change, in: session)
            }
            return answer(of: result)
        }

        /// A change's answer, or the refusal its interruption means (a change is `unknown` when its commit got
        /// no answer).
        private func answer(of result: Result<Answer, Interruption>) -> Answer {
            switch result {
            case .success(let answer): return answer
            case .failure(let interruption):
                return Answer(outcome: refusal(interruption, wasCommitting: true), historyID: nil)
            }
        }

        /// For a keyed change: takes the key's lock and answers from what is stored (a replay, a reuse with a
        /// different operation, or in progress elsewhere); nil means the key is new and now this transaction's.
        ///
        /// The stored fingerprint is compared by value, decoded whichever format it was written in: format 2
        /// (binary, this release) or format 1 (the command words that releases up to 22bd11c stored).
        private func claim(_ change: Change, in session: LedgerSession) throws(Interruption) -> Answer? {
            guard let key = change.context.idempotencyKey else { return nil }
            guard let row = try session.query(LedgerSQL.claimKey, [key.text]).first, row.count == 6 else {
                throw .failed(sqlState: "XX000", message: "a key claim that returned no row")
            }
            guard let stored = row[1] else { return row[0] == "t" ? nil : .refused(.keyInProgress) }
            guard let bytes = ByteaText.decode(stored),
                let operation = try? LedgerOperation(fingerprint: bytes[...])
            else {
                throw .failed(sqlState: "XX000", message: "a stored fingerprint the ledger cannot read")
            }
            guard operation == change.operation else { return .refused(.keyReused) }
            let columns = StoredOutcome(kind: row[2] ?? "", account: row[3], cents: row[4], historyID: row[5])
            guard let replay = columns.outcome else {
                throw .failed(sqlState: "XX000", message: "a stored outcome the ledger cannot read")
            }
            return Answer(outcome: .replayed(replay), historyID: nil)
        }

        /// Stores the outcome under the change's key (in the same transaction) and commits; without a key,
        /// commits a change and rolls back a refusal (which wrote nothing).
        private func record(
            _ answer: Answer, for change: Change, in session: LedgerSession
        ) throws(Interruption) -> Decision<Answer> {
            guard let key = change.context.idempotencyKey else {
                if case .balance = answer.outcome { return .commit(answer) }
                return .rollback(answer)
            }
            guard let stored = StoredOutcome.columns(for: answer) else { return .rollback(answer) }
            try session.query(
                LedgerSQL.storeKey,
                [
                    key.text, ByteaText.encode(change.operation.fingerprint), stored.kind, stored.account,
                    stored.cents, stored.historyID,
                ])
            return .commit(answer)
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
    }
#endif
