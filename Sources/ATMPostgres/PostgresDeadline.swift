#if PostgreSQL
    import ATMCore
    import ATMSystem

    /// A point on the monotonic clock (CLOCK_MONOTONIC), the same clock as ATMSystem's `Deadline`, so the daemon
    /// passes its command deadline through as `PostgresDeadline(monotonicNanoseconds: deadline.nanoseconds)`.
    public struct PostgresDeadline: Sendable, Hashable, Comparable {
        /// Nanoseconds since CLOCK_MONOTONIC's origin.
        public let monotonicNanoseconds: Int64

        public init(monotonicNanoseconds: Int64) {
            self.monotonicNanoseconds = monotonicNanoseconds
        }

        /// The same instant as an operation's deadline (CLOCK_MONOTONIC milliseconds); saturates.
        public init(_ deadline: OperationDeadline) {
            let milliseconds = deadline.monotonicMilliseconds
            let (nanoseconds, overflow) = milliseconds.multipliedReportingOverflow(by: 1_000_000)
            self.init(monotonicNanoseconds: overflow ? (milliseconds < 0 ? .min : .max) : nanoseconds)
        }

        /// This instant as an operation's deadline, rounded down to the millisecond.
        public var operationDeadline: OperationDeadline {
            OperationDeadline(monotonicMilliseconds: monotonicNanoseconds / 1_000_000)
        }

        /// The current instant.
        public static var now: PostgresDeadline {
            PostgresDeadline(monotonicNanoseconds: Deadline.now.nanoseconds)
        }

        /// `milliseconds` from now.
        public static func after(milliseconds: Int) -> PostgresDeadline {
            now.adding(milliseconds: milliseconds)
        }

        /// This instant moved by `milliseconds` (negative moves it back); saturates instead of trapping.
        public func adding(milliseconds: Int) -> PostgresDeadline {
            let (delta, overflow) = Int64(clamping: milliseconds).multipliedReportingOverflow(by: 1_000_000)
            if overflow { return PostgresDeadline(monotonicNanoseconds: milliseconds < 0 ? .min : .max) }
            let (sum, sumOverflow) = monotonicNanoseconds.addingReportingOverflow(delta)
            if sumOverflow { return PostgresDeadline(monotonicNanoseconds: delta < 0 ? .min : .max) }
            return PostgresDeadline(monotonicNanoseconds: sum)
        }

        /// Whole milliseconds left, rounded down, never negative; what a server-side timeout may be set to.
        public var remainingMilliseconds: Int {
            let left = monotonicNanoseconds &- PostgresDeadline.now.monotonicNanoseconds
            return left <= 0 ? 0 : Int(left / 1_000_000)
        }

        /// The same instant as ATMSystem's `Deadline`, for its `poll()` and condition waits.
        var systemDeadline: Deadline { Deadline(nanoseconds: monotonicNanoseconds) }

        /// True once the deadline is reached.
        public var hasPassed: Bool { PostgresDeadline.now >= self }

        public static func < (lhs: PostgresDeadline, rhs: PostgresDeadline) -> Bool {
            lhs.monotonicNanoseconds < rhs.monotonicNanoseconds
        }

        /// The earlier of two deadlines.
        static func earliest(_ a: PostgresDeadline, _ b: PostgresDeadline) -> PostgresDeadline { a < b ? a : b }
    }
#endif
