import ATMCore
import ATMMoney

/// Deposits, withdrawals and transfers: claim the key, lock the accounts in order, check the
/// deadline, decide, commit, apply, answer.
extension Ledger {
    /// What a money movement came to, decided under its accounts' locks.
    private enum Decision {
        case apply(LedgerChange, LedgerOutcome)
        /// A refusal the daemon decided; stored for an idempotency key, since a retry would meet the same.
        case refuse(ErrorCode)
        /// Not carried out and not stored: a retry may succeed.
        case abandon(ErrorCode)
    }

    func move(_ operation: LedgerOperation, _ context: OperationContext) -> LedgerOutcome {
        guard !refusesChanges else { return .refused(.unavailable) }
        if let key = context.idempotencyKey {
            switch keys.claim(key, for: operation) {
            case .claimed: break
            case .replay(let outcome): return .replayed(outcome)
            case .reusedWithAnotherOperation: return .refused(.keyReused)
            case .inProgress: return .refused(.keyInProgress)
            }
        }
        let request = Request(operation: operation, context: context)
        let reply: LedgerOutcome
        switch operation {
        case .deposit(let amount, let number):
            reply = moveOne(number, request) { balance in
                guard let updated = balance.adding(amount) else { return .refuse(.limitExceeded) }
                return .apply(.deposit(number, amount: amount, balance: updated), .balance(number, updated))
            }
        case .withdraw(let amount, let number):
            reply = moveOne(number, request) { balance in
                guard amount <= balance, let updated = balance.subtracting(amount) else {
                    return .refuse(.insufficientFunds)
                }
                return .apply(.withdrawal(number, amount: amount, balance: updated), .balance(number, updated))
            }
        case .transfer(let amount, let source, let destination):
            reply = transfer(amount, from: source, to: destination, request)
        case .balance, .history, .list, .create:
            preconditionFailure("move(_:_:) is only called for money movements")
        }
        return reply
    }

    /// A movement with what travels with it, as the helpers below need both.
    private struct Request {
        let operation: LedgerOperation
        let context: OperationContext
    }

    /// A deposit or withdrawal: one account's lock.
    private func moveOne(
        _ number: AccountNumber, _ request: Request, decide: (Money) -> Decision
    ) -> LedgerOutcome {
        guard let account = account(number) else {
            return settle(request, hasExpired(request.context) ? .abandon(.expired) : .refuse(.notFound)) { _, _ in }
        }
        return account.state.withLock { state in
            let decision = hasExpired(request.context) ? .abandon(.expired) : decide(state.balance)
            return settle(request, decision) { record, sequence in
                apply(record, sequence: sequence, to: &state, of: number)
            }
        }
    }

    /// A transfer: both accounts' locks, taken in account order.
    private func transfer(
        _ amount: Money, from source: AccountNumber, to destination: AccountNumber, _ request: Request
    ) -> LedgerOutcome {
        guard let from = account(source) else {
            return settle(request, hasExpired(request.context) ? .abandon(.expired) : .refuse(.notFound)) { _, _ in }
        }
        guard let to = account(destination) else {
            return settle(request, hasExpired(request.context) ? .abandon(.expired) : .refuse(.destinationNotFound)) {
                _, _ in
            }
        }
        let (first, second) = source < destination ? (from, to) : (to, from)
        return first.state.withLock { firstState in
            second.state.withLock { secondState in
                let fromBalance = source < destination ? firstState.balance : secondState.balance
                let toBalance = source < destination ? secondState.balance : firstState.balance
                let decision: Decision
                if hasExpired(request.context) {
                    decision = .abandon(.expired)
                } else if amount > fromBalance {
                    decision = .refuse(.insufficientFunds)
                } else if let newTo = toBalance.adding(amount), let newFrom = fromBalance.subtracting(amount) {
                    decision = .apply(
                        .transfer(
                            from: source, to: destination, amount: amount, fromBalance: newFrom, toBalance: newTo),
                        .balance(source, newFrom))
                } else {
                    decision = .refuse(.limitExceeded)
                }
                return settle(request, decision) { record, sequence in
                    apply(record, sequence: sequence, to: &firstState, of: min(source, destination))
                    apply(record, sequence: sequence, to: &secondState, of: max(source, destination))
                }
            }
        }
    }

    /// Commits what was decided (a change, or a refusal an idempotency key must remember), then
    /// lets `update` apply it to the locked accounts, stores the key's outcome and answers.
    private func settle(
        _ request: Request, _ decision: Decision, update: (LedgerRecord, UInt64) -> Void
    ) -> LedgerOutcome {
        let key = request.context.idempotencyKey
        let change: LedgerChange
        let reply: LedgerOutcome
        switch decision {
        case .abandon(let error):
            if let key { keys.release(key) }
            return .refused(error)
        case .refuse(let error):
            guard key != nil else { return .refused(error) }
            change = .none
            reply = .refused(error)
        case .apply(let decided, let answer):
            change = decided
            reply = answer
        }
        let record = LedgerRecord(
            change: change, timeMilliseconds: services.wallMilliseconds(), requestID: request.context.requestID,
            keyOutcome: key.map { LedgerRecord.KeyOutcome(key: $0, operation: request.operation, outcome: reply) },
            identity: request.context.identity, trace: request.context.trace)
        let sequence: UInt64
        switch commit(record) {
        case .success(let committed): sequence = committed
        case .failure(let error):
            if let key { keys.release(key) }
            return .refused(error)
        }
        update(record, sequence)
        if let key {
            keys.finish(key, operation: request.operation, outcome: reply, timeMilliseconds: record.timeMilliseconds)
        }
        if change != .none { services.audit(record, sequence) }
        return reply
    }

    /// Applies a committed change to one locked account: its new balance and its history entry.
    private func apply(_ record: LedgerRecord, sequence: UInt64, to state: inout AccountState, of number: AccountNumber)
    {
        for (account, balance) in record.change.resultingBalances where account == number {
            state.balance = balance
        }
        for (account, entry) in record.change.historyEntries(
            sequence: sequence, timeMilliseconds: record.timeMilliseconds)
        where account == number {
            state.history.append(entry, capacity: historyCapacity)
        }
    }
}
