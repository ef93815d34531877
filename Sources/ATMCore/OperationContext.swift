/// What travels with an operation besides its arguments: when it must be done by, the key that makes it
/// happen at most once, and who and what it is for (audit lines).
public struct OperationContext: Sendable, Hashable {
    /// Refuse the operation rather than apply it after this moment.
    public var deadline: OperationDeadline?
    /// Apply the operation at most once for this key (money movements only).
    public var idempotencyKey: IdempotencyKey?
    /// The HTTP request this operation serves, for the audit line.
    public var requestID: RequestID?
    /// Who the HTTP client proved to be, for the audit line.
    public var identity: ClientSubject?
    /// The W3C trace and the handler's span this operation serves, for the audit line.
    public var trace: TraceSpan?

    public init(
        deadline: OperationDeadline? = nil, idempotencyKey: IdempotencyKey? = nil, requestID: RequestID? = nil,
        identity: ClientSubject? = nil, trace: TraceSpan? = nil
    ) {
        self.deadline = deadline
        self.idempotencyKey = idempotencyKey
        self.requestID = requestID
        self.identity = identity
        self.trace = trace
    }
}

/// A moment on this host's CLOCK_MONOTONIC, in milliseconds: the last at which an operation may be applied.
///
/// Local to the daemon's host by construction: whatever a protocol carries (a budget, or an older handler's
/// reading of the same host's clock) is turned into one of these where it is received.
public struct OperationDeadline: Sendable, Hashable, Comparable {
    public let monotonicMilliseconds: Int64

    public init(monotonicMilliseconds: Int64) {
        self.monotonicMilliseconds = monotonicMilliseconds
    }

    /// Whether the deadline has passed at `now` (CLOCK_MONOTONIC milliseconds).
    public func hasPassed(at now: Int64) -> Bool { now > monotonicMilliseconds }

    public static func < (lhs: OperationDeadline, rhs: OperationDeadline) -> Bool {
        lhs.monotonicMilliseconds < rhs.monotonicMilliseconds
    }
}
