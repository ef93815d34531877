/// Wall-clock bounds derived from the deadlines a test configures, never from a guess about the machine.
///
/// A test that checks a deadline sets it itself and expects the effect no sooner than the deadline
/// (``seconds(_:)``, the clock starts before the process does) and no later than the deadline plus
/// ``slack`` (``latest(_:)``). A test that checks something does *not* wait sets the deadline it
/// must not wait for longer than ``latest(_:)`` of what it may wait for, so the two cannot be confused
/// however loaded the machine is.
enum Bounds {
    /// What a loaded machine (two cores shared with other builds) may add before a test sees an
    /// effect: a process start, scheduling, a poll that wakes late.
    static let slack = 1.5

    /// How long the handler keeps waiting past a command's own deadline (`StateClient.graceMilliseconds`).
    static let stateGraceMilliseconds = 250

    /// `milliseconds` as seconds: the earliest a deadline of that length can be seen to pass.
    static func seconds(_ milliseconds: Int) -> Double { Double(milliseconds) / 1000 }

    /// The latest an effect bounded by the sum of `milliseconds` may be seen: their sum plus ``slack``.
    static func latest(_ milliseconds: Int...) -> Double { seconds(milliseconds.reduce(0, +)) + slack }
}
