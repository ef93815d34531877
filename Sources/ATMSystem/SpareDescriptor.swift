import CPosix

/// One descriptor held in reserve, so that a server out of descriptors (EMFILE) can still accept
/// one waiting connection to refuse it cleanly, instead of leaving it in the backlog or spinning.
public final class SpareDescriptor: @unchecked Sendable {
    private var raw: Int32

    /// Opens `/dev/null` as the spare.
    public init() {
        raw = cposix_open("/dev/null", O_RDONLY | O_CLOEXEC)
    }

    deinit {
        if raw >= 0 { _ = CPosix.close(raw) }
    }

    /// Frees the spare for `body` (which may open one descriptor), then takes it back.
    ///
    /// Only the accepting thread calls this, so the descriptor freed is the one reused.
    public func whileReleased(_ body: () -> Void) {
        if raw >= 0 { _ = CPosix.close(raw) }
        body()
        raw = cposix_open("/dev/null", O_RDONLY | O_CLOEXEC)
    }
}

/// Process resource limits.
public enum ResourceLimits {
    /// Raises the soft limit on open descriptors to the hard limit, so that the configured number of
    /// clients fits; failures are ignored (a sandbox may forbid it, and the unit sets it instead).
    public static func raiseOpenFileLimit() {
        var limit = rlimit()
        guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0, limit.rlim_cur < limit.rlim_max else { return }
        limit.rlim_cur = limit.rlim_max
        _ = setrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
    }
}

extension Errno {
    /// EMFILE or ENFILE: no descriptor left for this process or the system.
    public var isDescriptorExhaustion: Bool { rawValue == EMFILE || rawValue == ENFILE }
}
