#if PostgreSQL
    import ATMCore
    import ATMMoney
    import Synchronization

    extension PostgresLedger {
        /// A deposit, withdrawal or transfer: checked, applied (once per key) in the next batch to commit (group
        /// commit: see ``GroupCommit`` and ``applyBatch(_:)``), and reported to the audit hook once the database
        /// confirmed its commit.
        func change(_ change: Change) -> LedgerOutcome {
            let audited: (Money, Int64) -> LedgerChange
            switch change.operation {
            case .deposit(let amount, let account):
                guard amount.cents > 0 else { return .refused(.badArgument) }
                audited = { after, _ in .deposit(account, amount: amount, balance: after) }
            case .withdraw(let amount, let account):
                guard amount.cents > 0 else { return .refused(.badArgument) }
                audited = { after, _ in .withdrawal(account, amount: amount, balance: after) }
            case .transfer(let amount, let source, let destination):
                guard amount.cents > 0 else { return .refused(.badArgument) }
                guard source != destination else { return .refused(.sameAccount) }
                audited = { after, destinationAfter in
                    .transfer(
                        from: source, to: destination, amount: amount, fromBalance: after,
                        toBalance: Money(cents: destinationAfter))
                }
            case .balance, .history, .list, .create:
                return .refused(.badCommand)
            }
            if change.context.idempotencyKey != nil { pruneIfDue() }
            let answer = batches.submit(change, until: change.deadline.systemDeadline) { applyBatch($0) }
            if let id = answer.historyID, case .balance(_, let after) = answer.outcome {
                let line = audited(after, answer.destinationBalance).auditLine(
                    sequence: UInt64(clamping: id), requestID: change.context.requestID,
                    identity: change.context.identity, trace: change.context.trace)
                configuration.audit?(line)
            }
            return answer.outcome
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
