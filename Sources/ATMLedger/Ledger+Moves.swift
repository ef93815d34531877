import ATMCore
import ATMMoney
import ATMProtocol

/// Deposits, withdrawals and transfers: claim the key, lock the accounts in order, check the
/// deadline, decide, commit, apply, answer.
extension Ledger {
    /// What a money movement came to, decided under its accounts' locks.
    private enum Decision {
        case apply(LedgerChange, StateReply)
        /// A refusal the daemon decided; stored for an idempotency key, since a retry would meet the same.
        case refuse(ProtocolError)
        /// Not carried out and not stored: a retry may succeed.
        case abandon(ProtocolError)
    }

    func move(_ request: StateRequest) -> StateReply {
        guard !refusesChanges else { return .error(Self.unavailable) }
        if let key = request.idempotencyKey {
            switch keys.withLock({ $0.claim(key, for: request.command.words) }) {
            case .claimed: break
            case .replay(let outcome): return .replayed(outcome)
            case .reusedWithAnotherCommand:
                return .error(ProtocolError(.keyReused, "idempotency key reused with a different request"))
            case .inProgress:
                return .error(ProtocolError(.keyInProgress, "a request with this idempotency key is in progress"))
            }
        }
        let reply: StateReply
        switch request.command {
        case .deposit(let amount, let number):
            reply = moveOne(number, request) { balance in
                guard let updated = balance.adding(amount) else { return .refuse(Self.limitExceeded) }
                return .apply(.deposit(number, amount: amount, balance: updated), .balance(number, updated))
            }
        case .withdraw(let amount, let number):
            reply = moveOne(number, request) { balance in
                guard amount <= balance, let updated = balance.subtracting(amount) else {
                    return .refuse(Self.insufficientFunds)
                }
                return .apply(.withdrawal(number, amount: amount, balance: updated), .balance(number, updated))
            }
        case .transfer(let amount, let source, let destination):
            reply = transfer(amount, from: source, to: destination, request)
        default:
            preconditionFailure("move(_:) is only called for money movements")
        }
        return reply
    }

    static let insufficientFunds = ProtocolError(.insufficientFunds, "insufficient funds")
    static let limitExceeded = ProtocolError(.limitExceeded, "balance limit exceeded")
    static let destinationNotFound = ProtocolError(.destinationNotFound, "destination account not found")

    /// A deposit or withdrawal: one account's lock.
    private func moveOne(
        _ number: AccountNumber, _ request: StateRequest, decide: (Money) -> Decision
    ) -> StateReply {
        guard let account = account(number) else {
            return settle(request, hasExpired(request) ? .abandon(Self.expired) : .refuse(Self.notFound)) { _, _ in }
        }
        return account.state.withLock { state in
            let decision = hasExpired(request) ? .abandon(Self.expired) : decide(state.balance)
            return settle(request, decision) { record, sequence in
                apply(record, sequence: sequence, to: &state, of: number)
            }
        }
    }

    /// A transfer: both accounts' locks, taken in account order.
    private func transfer(
        _ amount: Money, from source: AccountNumber, to destination: AccountNumber, _ request: StateRequest
    ) -> StateReply {
        guard let from = account(source) else {
            return settle(request, hasExpired(request) ? .abandon(Self.expired) : .refuse(Self.notFound)) { _, _ in }
        }
        guard let to = account(destination) else {
            return settle(request, hasExpired(request) ? .abandon(Self.expired) : .refuse(Self.destinationNotFound)) {
                _, _ in
            }
        }
        let (first, second) = source < destination ? (from, to) : (to, from)
        return first.state.withLock { firstState in
            second.state.withLock { secondState in
                let fromBalance = source < destination ? firstState.balance : secondState.balance
                let toBalance = source < destination ? secondState.balance : firstState.balance
                let decision: Decision
                if hasExpired(request) {
                    decision = .abandon(Self.expired)
                } else if amount > fromBalance {
                    decision = .refuse(Self.insufficientFunds)
                } else if let newTo = toBalance.adding(amount), let newFrom = fromBalance.subtracting(amount) {
                    decision = .apply(
                        .transfer(
                            from: source, to: destination, amount: amount, fromBalance: newFrom, toBalance: newTo),
                        .balance(source, newFrom))
                } else {
                    decision = .refuse(Self.limitExceeded)
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
        _ request: StateRequest, _ decision: Decision, update: (LedgerRecord, UInt64) -> Void
    ) -> StateReply {
        let key = request.idempotencyKey
        let change: LedgerChange
        let reply: StateReply
        switch decision {
        case .abandon(let error):
            if let key { keys.withLock { $0.release(key) } }
            return .error(error)
        case .refuse(let error):
            guard key != nil else { return .error(error) }
            change = .none
            reply = .error(error)
        case .apply(let decided, let answer):
            change = decided
            reply = answer
        }
        let record = LedgerRecord(
            change: change, timeMilliseconds: services.wallMilliseconds(), requestID: request.requestID,
            keyOutcome: key.map { LedgerRecord.KeyOutcome(key: $0, command: request.command, outcome: reply) },
            identity: request.identity)
        let sequence: UInt64
        switch commit(record) {
        case .success(let committed): sequence = committed
        case .failure(let error):
            if let key { keys.withLock { $0.release(key) } }
            return .error(error)
        }
        update(record, sequence)
        if let key {
            keys.withLock {
                $0.finish(key, words: request.command.words, outcome: reply, timeMilliseconds: record.timeMilliseconds)
            }
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
