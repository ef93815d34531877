import ATMMoney

/// How a ``LedgerOperation`` came out, as a code and values: no prose, no wire words.
///
/// Every refusal says by its ``ErrorCode`` whether anything was applied; messages and HTTP statuses for
/// it come from the code's one table.
public enum LedgerOutcome: Sendable, Hashable {
    /// An account's balance: asked for, or the new balance after a change (a transfer's source).
    case balance(AccountNumber, Money)
    case accounts([AccountNumber])
    /// An account's newest applied changes, newest first.
    case history(AccountNumber, [HistoryEntry])
    case refused(ErrorCode)
    /// The stored outcome of an earlier operation with the same idempotency key: nothing was applied now.
    indirect case replayed(LedgerOutcome)
}

/// Where operations are carried out: the in-memory ledger (with or without a journal), or a database shared
/// by several daemons. A protocol's sessions neither know nor care which.
public protocol LedgerStore: Sendable {
    /// Carries out `operation` and says how it went; never throws, never traps: a failure is an outcome.
    func perform(_ operation: LedgerOperation, _ context: OperationContext) -> LedgerOutcome

    /// Whether changes can be made durable now, found at the cost of at most one bounded round trip to
    /// whatever holds them (`READY`); never throws, never traps.
    func readiness() -> LedgerReadiness
}

extension LedgerStore {
    /// A store with nothing that can fail (a test's) is always ready.
    public func readiness() -> LedgerReadiness { .ready }
}
