#if PostgreSQL
    import Glibc

    /// A point on the monotonic clock (CLOCK_MONOTONIC), the same clock as ATMSystem's `Deadline`, so the daemon
    /// passes its command deadline through as `PostgresDeadline(monotonicNanoseconds: deadline.nanoseconds)`.
    public struct PostgresDeadline: Sendable, Hashable, Comparable {
        /// Nanoseconds since CLOCK_MONOTONIC's origin.
        public let monotonicNanoseconds: Int64

        public init(monotonicNanoseconds: Int64) {
            self.monotonicNanoseconds = monotonicNanoseconds
        }

        /// The current instant.
        public static var now: PostgresDeadline {
            var spec = timespec()
            clock_gettime(CLOCK_MONOTONIC, &spec)
            return PostgresDeadline(monotonicNanoseconds: Int64(spec.tv_sec) &* 1_000_000_000 &+ Int64(spec.tv_nsec))
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

        /// Milliseconds left rounded up, for `poll()`, so a wait never ends just short of the deadline.
        var pollMilliseconds: Int32 {
            let left = monotonicNanoseconds &- PostgresDeadline.now.monotonicNanoseconds
            return left <= 0 ? 0 : Int32(clamping: (left + 999_999) / 1_000_000)
        }

        /// True once the deadline is reached.
        public var hasPassed: Bool { PostgresDeadline.now >= self }

        public static func < (lhs: PostgresDeadline, rhs: PostgresDeadline) -> Bool {
            lhs.monotonicNanoseconds < rhs.monotonicNanoseconds
        }

        /// The earlier of two deadlines.
        static func earliest(_ a: PostgresDeadline, _ b: PostgresDeadline) -> PostgresDeadline { a < b ? a : b }
    }
#endif
