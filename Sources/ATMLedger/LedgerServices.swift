/// What the ledger needs from the world, injected so that tests and the simulator control it.
///
/// The ledger does no I/O of its own: it asks `commit` to make a change durable before applying
/// it, reads time from `clock`, and tells `audit` about every applied change.
public struct LedgerServices: Sendable {
    /// Makes one encoded ``LedgerRecord`` durable and says how that went.
    public var commit: @Sendable ([UInt8]) -> CommitOutcome
    /// Milliseconds on the monotonic clock, the one command deadlines are written in.
    public var monotonicMilliseconds: @Sendable () -> Int64
    /// Milliseconds since the Unix epoch, for history.
    public var wallMilliseconds: @Sendable () -> Int64
    /// Called once for every applied change, after it is durable and applied.
    public var audit: @Sendable (LedgerRecord, UInt64) -> Void
    /// Whether `commit` will refuse every change from now on (a poisoned journal), asked by readiness.
    public var isDurabilityLost: @Sendable () -> Bool

    public init(
        commit: @escaping @Sendable ([UInt8]) -> CommitOutcome,
        monotonicMilliseconds: @escaping @Sendable () -> Int64,
        wallMilliseconds: @escaping @Sendable () -> Int64,
        audit: @escaping @Sendable (LedgerRecord, UInt64) -> Void = { _, _ in },
        isDurabilityLost: @escaping @Sendable () -> Bool = { false }
    ) {
        self.commit = commit
        self.monotonicMilliseconds = monotonicMilliseconds
        self.wallMilliseconds = wallMilliseconds
        self.audit = audit
        self.isDurabilityLost = isDurabilityLost
    }
}

/// What became of a commit: the one fact the answer to a change depends on.
public enum CommitOutcome: Sendable, Hashable {
    /// On disk (or, without a journal, numbered): apply it and answer.
    case durable(sequence: UInt64)
    /// Certainly not on disk (the write failed and was cut back out): answer that nothing was applied.
    case notApplied
    /// Perhaps on disk (an fsync failed): it may reappear after a restart, so the answer is "unknown".
    case unknown
}
