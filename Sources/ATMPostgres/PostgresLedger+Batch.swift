#if PostgreSQL
    import ATMCore
    import ATMMoney

    extension PostgresLedger {
        /// Carries out a batch of deposits, withdrawals and transfers as one call of ``BatchSQL/applyChanges`` in
        /// one autocommit transaction: each change decided in order, all committed together or none.
        ///
        /// The call runs within the earliest deadline of the batch, so no change is applied after its own. A
        /// batch the server refuses with an error nobody expects is tried again one change at a time, so that the
        /// one change behind it fails alone; a retryable error (a lost race on a key, a deadlock) reruns the
        /// whole batch, which committed nothing.
        func applyBatch(_ changes: [Change]) -> [Answer] {
            guard let deadline = changes.map(\.deadline).min() else { return [] }
            var kinds: [String?] = []
            var accounts: [String?] = []
            var others: [String?] = []
            var cents: [Int64] = []
            var keys: [String?] = []
            var fingerprints: [String?] = []
            var requestIDs: [String?] = []
            for change in changes {
                let kind: String
                let account: AccountNumber
                var other: AccountNumber? = nil
                let amount: Money
                switch change.operation {
                case .deposit(let money, let to):
                    (kind, account, amount) = ("deposit", to, money)
                case .withdraw(let money, let from):
                    (kind, account, amount) = ("withdrawal", from, money)
                case .transfer(let money, let from, let to):
                    (kind, account, other, amount) = ("transfer", from, to, money)
                case .balance, .history, .list, .create:
                    // `change(_:)` sends only money movements; anything else would be a bug, answered alone.
                    return changes.map { _ in .refused(.badCommand) }
                }
                kinds.append(kind)
                accounts.append(account.digits)
                others.append(other?.digits)
                cents.append(amount.cents)
                let key = change.context.idempotencyKey
                keys.append(key?.text)
                fingerprints.append(key.map { _ in ByteaText.encode(change.operation.fingerprint) })
                requestIDs.append(change.context.requestID?.text)
            }
            let parameters: [String?] = [
                SQLArray.text(kinds), SQLArray.text(accounts), SQLArray.text(others), SQLArray.integers(cents),
                String(configuration.maximumBalanceCents), SQLArray.text(keys), SQLArray.text(fingerprints),
                SQLArray.text(requestIDs),
            ]
            let result = withRetries(until: deadline) { session throws(Interruption) in
                try session.query(BatchSQL.applyChanges, parameters, commits: true)
            }
            switch result {
            case .success(let rows):
                // Committed: from here each change is read on its own, and a row that cannot be read is
                // unknown for its change alone.
                guard rows.count == changes.count else {
                    configuration.log?("PostgreSQL: a batch of \(changes.count) changes returned \(rows.count) rows")
                    return changes.map { _ in .refused(.unknown) }
                }
                return zip(rows, changes).map { row, change in answer(row, for: change) }
            case .failure(.failed) where changes.count > 1:
                return changes.flatMap { applyBatch([$0]) }
            case .failure(let interruption):
                let outcome = refusal(interruption, wasCommitting: true)
                return changes.map { _ in Answer(outcome: outcome, historyID: nil) }
            }
        }

        /// One change's row of a committed batch: applied, refused, or answered from its key.
        private func answer(_ row: [String?], for change: Change) -> Answer {
            guard row.count == 10, let result = row[1] else { return unreadable("a batch row", change, applied: true) }
            switch result {
            case "balance":
                guard let account = change.operation.account, let id = row[2]?.int64, let after = row[3]?.int64,
                    after >= 0
                else { return unreadable("a batch row", change, applied: true) }
                return Answer(
                    outcome: .balance(account, Money(cents: after)), historyID: id,
                    destinationBalance: row[4]?.int64 ?? 0)
            case "stored":
                // Nothing was written for this change: a replay, or a key reused with another operation. The
                // stored fingerprint is compared by value, decoded whichever format wrote it: format 2 (binary,
                // this release) or format 1 (the command words that releases up to 22bd11c stored).
                guard let bytes = row[5].flatMap(ByteaText.decode),
                    let stored = try? LedgerOperation(fingerprint: bytes[...])
                else { return unreadable("a stored fingerprint", change, applied: false) }
                guard stored == change.operation else { return .refused(.keyReused) }
                let columns = StoredOutcome(kind: row[6] ?? "", account: row[7], cents: row[8], historyID: row[9])
                guard let replay = columns.outcome else {
                    return unreadable("a stored outcome", change, applied: false)
                }
                return Answer(outcome: .replayed(replay), historyID: nil)
            case "in_progress":
                return .refused(.keyInProgress)
            default:
                guard let code = StoredOutcome.code(forKind: result) else {
                    return unreadable("a batch row", change, applied: true)
                }
                return .refused(code)
            }
        }

        /// A row this binary cannot read: logged; `unknown` where the batch may have applied the change,
        /// `unavailable` where it wrote nothing for it (a stored key).
        private func unreadable(_ what: String, _ change: Change, applied: Bool) -> Answer {
            configuration.log?("PostgreSQL: \(what) the ledger cannot read, for \(change.operation)")
            return .refused(applied ? .unknown : .unavailable)
        }
    }
#endif
