import CPosix

/// A point in time on the monotonic clock, so that wall-clock jumps never stretch a deadline.
public struct Deadline: Sendable, Hashable, Comparable {
    /// Nanoseconds since an arbitrary, fixed origin (CLOCK_MONOTONIC).
    public let nanoseconds: Int64

    public init(nanoseconds: Int64) {
        self.nanoseconds = nanoseconds
    }

    public static var now: Deadline {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return Deadline(nanoseconds: Int64(spec.tv_sec) &* 1_000_000_000 &+ Int64(spec.tv_nsec))
    }

    /// `milliseconds` from now.
    public static func after(milliseconds: Int) -> Deadline {
        Deadline(nanoseconds: now.nanoseconds &+ Int64(milliseconds) &* 1_000_000)
    }

    /// Milliseconds left, rounded up, never negative; suitable for `poll()`.
    public var remainingMilliseconds: Int32 {
        let left = nanoseconds &- Deadline.now.nanoseconds
        if left <= 0 { return 0 }
        return Int32(clamping: (left + 999_999) / 1_000_000)
    }

    public var hasPassed: Bool { Deadline.now >= self }

    /// Microseconds from `start` to now, for logs.
    public static func microseconds(since start: Deadline) -> Int64 {
        (now.nanoseconds &- start.nanoseconds) / 1000
    }

    public static func < (lhs: Deadline, rhs: Deadline) -> Bool {
        lhs.nanoseconds < rhs.nanoseconds
    }
}
