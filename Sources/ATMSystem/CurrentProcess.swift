import CPosix

/// The running process as a whole.
public enum CurrentProcess {
    /// Ends the process at once with `status`, without running anything else.
    public static func exit(_ status: ExitStatus) -> Never {
        CPosix.exit(status.rawValue)
    }
}
