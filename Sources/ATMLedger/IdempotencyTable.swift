import ATMCore

/// Idempotency keys and what became of the command each was first used with.
///
/// Bounded by count: past `capacity`, the oldest finished keys go first (docs/http-api.md: kept at least
/// 24 hours, up to ATM_STATED_IDEMPOTENCY_KEYS). A key in progress is never evicted.
struct IdempotencyTable: Sendable {
    enum Entry: Sendable, Hashable {
        /// The first operation is being carried out; it is the key's fingerprint, compared by value (amounts
        /// in cents, so `"1.0"` and `"1.00"` are the same), whatever format stored it.
        case inProgress(LedgerOperation)
        /// The stored outcome, replayed for the same operation.
        case finished(LedgerOperation, outcome: LedgerOutcome, timeMilliseconds: Int64)
    }

    /// What a command with a key must do.
    enum Claim: Sendable, Hashable {
        /// Nobody used the key: the caller now holds it and must finish or release it.
        case claimed
        case replay(LedgerOutcome)
        case reusedWithAnotherOperation
        case inProgress
    }

    let capacity: Int
    private(set) var entries: [IdempotencyKey: Entry] = [:]
    /// Finished keys, oldest first, from `head` on.
    private var order: [IdempotencyKey] = []
    private var head = 0

    init(capacity: Int) {
        self.capacity = capacity
    }

    var count: Int { entries.count }

    mutating func claim(_ key: IdempotencyKey, for operation: LedgerOperation) -> Claim {
        switch entries[key] {
        case nil:
            entries[key] = .inProgress(operation)
            return .claimed
        case .inProgress(let first)?:
            return first == operation ? .inProgress : .reusedWithAnotherOperation
        case .finished(let first, let outcome, _)?:
            return first == operation ? .replay(outcome) : .reusedWithAnotherOperation
        }
    }

    /// Gives up a claim whose command was not carried out (expired, or not durable).
    mutating func release(_ key: IdempotencyKey) {
        if case .inProgress? = entries[key] { entries[key] = nil }
    }

    /// Stores the outcome of a claimed (or replayed) key.
    mutating func finish(
        _ key: IdempotencyKey, operation: LedgerOperation, outcome: LedgerOutcome, timeMilliseconds: Int64
    ) {
        if case .finished? = entries[key] { return }
        entries[key] = .finished(operation, outcome: outcome, timeMilliseconds: timeMilliseconds)
        order.append(key)
        while entries.count > capacity, head < order.count {
            entries[order[head]] = nil
            head += 1
        }
        if head > 4096 && head * 2 > order.count {
            order.removeFirst(head)
            head = 0
        }
    }

    /// Finished keys, oldest first, with their entries (for snapshots).
    var finishedOldestFirst: [(IdempotencyKey, Entry)] {
        order[head...].compactMap { key in entries[key].map { (key, $0) } }
    }
}
