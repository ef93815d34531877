/// The moment after which the daemon must not apply a command: the daemon's CLOCK_MONOTONIC, in milliseconds.
///
/// Whatever the line said, the daemon holds this one form, which no wall-clock step can move: a
/// `budget=` becomes the moment the line was read plus the budget (``StateRequest/init(decoding:receivedAt:)``),
/// and a version-1 `deadline=` is already a moment of the clock the handler and the daemon share on
/// one host. A command that waited in a stalled daemon arrives after its deadline and is refused, so a
/// handler that gave up on it (and answered 503 or 504) is never contradicted by a late application.
public struct CommandDeadline: Sendable, Hashable, Comparable {
    public let milliseconds: Int64

    public init(milliseconds: Int64) {
        self.milliseconds = milliseconds
    }

    public static func < (lhs: CommandDeadline, rhs: CommandDeadline) -> Bool {
        lhs.milliseconds < rhs.milliseconds
    }
}
