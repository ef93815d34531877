import ATMDaemonSystem
import ATMSystem

/// Session threads whose client has left, waiting briefly for the next accepted connection.
///
/// Creating a thread (stack, `clone`, and its teardown) costs more than a whole command, and a
/// handler connects once per request: handing a connection to a thread that is already waiting
/// makes the daemon's cost per connection an `accept4` and a wake-up. A thread that gets no
/// connection within ``lingerMilliseconds`` ends, so an idle daemon holds no spare threads.
final class SessionThreads: Sendable {
    private struct State: Sendable {
        /// Threads in ``awaitNext()`` that have not yet been given a connection.
        var idle = 0
        /// Connections handed off and not yet taken, in order of arrival; never more than `idle`.
        var queued: [AcceptedClient] = []
    }

    private let lock = ConditionLock(State())

    /// How long a thread without a client waits for one before it ends.
    static let lingerMilliseconds = 2_000

    /// Gives `client` to a waiting thread; false when none is free (start a new one).
    func handOff(_ client: AcceptedClient) -> Bool {
        let queued = lock.withLock { locked in
            guard locked.state.idle > locked.state.queued.count else { return false }
            locked.state.queued.append(client)
            return true
        }
        // A waiting thread counted in `idle` leaves only by taking a connection or by re-checking the queue
        // under the lock after its time ran out, so this one is taken even if the signal finds nobody waiting.
        if queued { lock.signal() }
        return queued
    }

    /// Waits up to ``lingerMilliseconds`` for a handed-off connection; `nil` when this thread should end.
    func awaitNext() -> AcceptedClient? {
        let deadline = Deadline.after(milliseconds: Self.lingerMilliseconds)
        return lock.withLock { locked in
            locked.state.idle += 1
            defer { locked.state.idle -= 1 }
            while locked.state.queued.isEmpty {
                // Checked under the lock after the wait: a connection queued just as the time ran out is still taken.
                if !locked.wait(until: deadline), locked.state.queued.isEmpty { return nil }
            }
            return locked.state.queued.removeFirst()
        }
    }
}

/// An accepted connection with the credentials its peer connected with.
struct AcceptedClient: Sendable {
    let descriptor: FileDescriptor
    let peer: PeerCredentials
}
