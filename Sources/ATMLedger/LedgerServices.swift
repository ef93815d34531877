/// What the ledger needs from the world, injected so that tests and the simulator control it.
///
/// The ledger does no I/O of its own: it asks `commit` to make a change durable before applying
/// it, reads time from `clock`, and tells `audit` about every applied change.
public struct LedgerServices: Sendable {
    /// Makes one encoded ``LedgerRecord`` durable and returns its sequence number, or `nil` when it
    /// could not, in which case the change must be answered as not applied.
    public var commit: @Sendable ([UInt8]) -> UInt64?
    /// Milliseconds on the monotonic clock, the one command deadlines are written in.
    public var monotonicMilliseconds: @Sendable () -> Int64
    /// Milliseconds since the Unix epoch, for history.
    public var wallMilliseconds: @Sendable () -> Int64
    /// Called once for every applied change, after it is durable and applied.
    public var audit: @Sendable (LedgerRecord, UInt64) -> Void

    public init(
        commit: @escaping @Sendable ([UInt8]) -> UInt64?,
        monotonicMilliseconds: @escaping @Sendable () -> Int64,
        wallMilliseconds: @escaping @Sendable () -> Int64,
        audit: @escaping @Sendable (LedgerRecord, UInt64) -> Void = { _, _ in }
    ) {
        self.commit = commit
        self.monotonicMilliseconds = monotonicMilliseconds
        self.wallMilliseconds = wallMilliseconds
        self.audit = audit
    }
}
