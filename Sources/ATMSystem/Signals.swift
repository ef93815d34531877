import CPosix

/// Process-wide signal dispositions.
public enum Signals {
    /// Makes writes to a closed peer fail with EPIPE instead of killing the process.
    public static func ignoreBrokenPipe() {
        _ = cposix_ignore_signal(SIGPIPE)
    }
}
