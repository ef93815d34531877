import ATMSystem
import CPosix

/// State behind a pthread mutex with one condition variable, for threads that must sleep until
/// another thread changes the state (no polling, no sleeps).
///
/// `Synchronization.Mutex` has no condition variable, so waiting needs this one.
public final class ConditionLock<State: Sendable>: @unchecked Sendable {
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private let condition = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
    private let storage = UnsafeMutablePointer<State>.allocate(capacity: 1)

    public init(_ state: State) {
        pthread_mutex_init(mutex, nil)
        // Timed waits measure CLOCK_MONOTONIC, as ``Deadline`` does, so a wall-clock step cannot stretch them.
        var attributes = pthread_condattr_t()
        pthread_condattr_init(&attributes)
        pthread_condattr_setclock(&attributes, CLOCK_MONOTONIC)
        pthread_cond_init(condition, &attributes)
        pthread_condattr_destroy(&attributes)
        storage.initialize(to: state)
    }

    deinit {
        pthread_cond_destroy(condition)
        pthread_mutex_destroy(mutex)
        storage.deinitialize(count: 1)
        storage.deallocate()
        condition.deallocate()
        mutex.deallocate()
    }

    /// Access to the state while the lock is held; valid only inside ``withLock(_:)``.
    public struct Locked {
        fileprivate let owner: ConditionLock

        /// The protected state.
        public var state: State {
            unsafeAddress { UnsafePointer(owner.storage) }
            nonmutating unsafeMutableAddress { owner.storage }
        }

        /// Releases the lock, sleeps until a signal or broadcast (or a spurious wake-up), and takes it back.
        public func wait() {
            pthread_cond_wait(owner.condition, owner.mutex)
        }

        /// As ``wait()``, but gives up at `deadline`: false once it has passed (the state may still have changed).
        public func wait(until deadline: Deadline) -> Bool {
            if deadline.hasPassed { return false }
            var spec = timespec(
                tv_sec: Int(deadline.nanoseconds / 1_000_000_000), tv_nsec: Int(deadline.nanoseconds % 1_000_000_000))
            return pthread_cond_timedwait(owner.condition, owner.mutex, &spec) != ETIMEDOUT
        }

        /// Wakes every waiting thread; each re-checks the state.
        public func broadcast() {
            pthread_cond_broadcast(owner.condition)
        }

        /// Runs `body` with the lock released (for I/O), and takes the lock back.
        public func whileUnlocked<Result, Failure: Error>(_ body: () throws(Failure) -> Result) throws(Failure)
            -> Result
        {
            pthread_mutex_unlock(owner.mutex)
            defer { pthread_mutex_lock(owner.mutex) }
            return try body()
        }
    }

    /// Wakes one waiting thread, from outside the lock: after changing the state under ``withLock(_:)``,
    /// signalling once the lock is released spares the woken thread from waking straight into a lock
    /// that is still held.
    public func signal() {
        pthread_cond_signal(condition)
    }

    /// Runs `body` with the lock held.
    public func withLock<Result, Failure: Error>(_ body: (Locked) throws(Failure) -> Result) throws(Failure) -> Result {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return try body(Locked(owner: self))
    }
}
