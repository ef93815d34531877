import ATMSystem
import CPosix

/// State behind a pthread read-write lock: many readers at once, one writer alone.
///
/// For state read on every command and changed rarely (the daemon's map of accounts, written only
/// by CREATE): behind a `Mutex`, every command's lookup queued behind every other's. A waiting
/// writer goes before new readers, so readers cannot keep it out.
public final class ReadWriteLock<State: Sendable>: @unchecked Sendable {
    // @unchecked: `storage` is read only under the read lock and written only under the write lock.
    private let lock = UnsafeMutablePointer<pthread_rwlock_t>.allocate(capacity: 1)
    private let storage = UnsafeMutablePointer<State>.allocate(capacity: 1)

    public init(_ state: State) {
        // Fails for want of memory, or on musl (the Embedded handler's C library), which cannot prefer writers:
        // only the daemon, built with glibc, makes one of these locks.
        let status = cposix_rwlock_init_preferring_writers(lock)
        precondition(status == 0, "pthread_rwlock_init failed: \(status)")
        storage.initialize(to: state)
    }

    deinit {
        pthread_rwlock_destroy(lock)
        storage.deinitialize(count: 1)
        storage.deallocate()
        lock.deallocate()
    }

    /// Runs `body` with the state shared with other readers. Not re-entrant: with writers first, a reader
    /// that takes the lock again while a writer waits would wait for ever.
    public func withReadLock<Result, Failure: Error>(_ body: (borrowing State) throws(Failure) -> Result)
        throws(Failure) -> Result
    {
        let status = pthread_rwlock_rdlock(lock)
        precondition(status == 0, "pthread_rwlock_rdlock failed: \(status)")
        defer { pthread_rwlock_unlock(lock) }
        return try body(storage.pointee)
    }

    /// Runs `body` with the state to itself.
    public func withWriteLock<Result, Failure: Error>(_ body: (inout State) throws(Failure) -> Result)
        throws(Failure) -> Result
    {
        let status = pthread_rwlock_wrlock(lock)
        precondition(status == 0, "pthread_rwlock_wrlock failed (EDEADLK: taken again by its holder): \(status)")
        defer { pthread_rwlock_unlock(lock) }
        return try body(&storage.pointee)
    }
}
