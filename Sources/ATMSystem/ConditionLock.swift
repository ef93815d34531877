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
        pthread_cond_init(condition, nil)
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

        /// Releases the lock, sleeps until ``broadcast()`` (or a spurious wake-up), and takes it back.
        public func wait() {
            pthread_cond_wait(owner.condition, owner.mutex)
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

    /// Runs `body` with the lock held.
    public func withLock<Result, Failure: Error>(_ body: (Locked) throws(Failure) -> Result) throws(Failure) -> Result {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return try body(Locked(owner: self))
    }
}
