/// The moment after which the daemon must not apply a command: CLOCK_MONOTONIC, in milliseconds.
///
/// The handler and the daemon run on one host and so share the monotonic clock, which no
/// wall-clock step can move. A command that waited in a stalled daemon or in a socket's backlog
/// across a restart arrives after its deadline and is refused, so a handler that gave up on it
/// (and answered 503 or 504) is never contradicted by a late application.
public struct CommandDeadline: Sendable, Hashable, Comparable {
    public let milliseconds: Int64

    public init(milliseconds: Int64) {
        self.milliseconds = milliseconds
    }

    public static func < (lhs: CommandDeadline, rhs: CommandDeadline) -> Bool {
        lhs.milliseconds < rhs.milliseconds
    }
}
