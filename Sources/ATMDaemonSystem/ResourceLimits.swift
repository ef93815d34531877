import ATMSystem
import CPosix

/// Process resource limits.
public enum ResourceLimits {
    /// Raises the soft limit on open descriptors to the hard limit, so that the configured number of
    /// clients fits; failures are ignored (a sandbox may forbid it, and the unit sets it instead).
    public static func raiseOpenFileLimit() {
        var limit = rlimit()
        guard getrlimit(cInt(RLIMIT_NOFILE), &limit) == 0, limit.rlim_cur < limit.rlim_max else { return }
        limit.rlim_cur = limit.rlim_max
        _ = setrlimit(cInt(RLIMIT_NOFILE), &limit)
    }
}
