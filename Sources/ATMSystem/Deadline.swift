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

/// The wall clock (CLOCK_REALTIME), for times a person reads: history entries, `Date`.
///
/// Deadlines use ``Deadline`` instead, on the monotonic clock, so a clock step never stretches them.
public enum WallClock {
    /// Milliseconds since 1970-01-01T00:00:00Z; `clock_gettime` goes through the vDSO, no system call.
    public static var millisecondsSinceEpoch: Int64 {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return Int64(spec.tv_sec) &* 1000 &+ Int64(spec.tv_nsec) / 1_000_000
    }
}
