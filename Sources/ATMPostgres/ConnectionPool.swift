#if PostgreSQL
    import Glibc

    /// A fixed number of connection slots. A lease waits (on a condition variable, until the caller's deadline)
    /// for a free slot, reuses its idle connection if it is still sound, or connects afresh: so a lost
    /// connection is replaced on next use and a database that comes back is used again without a restart.
    final class ConnectionPool: @unchecked Sendable {
        /// Why no connection was leased; neither sent anything, so nothing was applied.
        enum LeaseFailure: Error {
            /// Every slot stayed busy until the deadline.
            case expired
            /// A new connection could not be made (libpq's message).
            case unreachable(String)
        }

        private let configuration: PostgresConfiguration
        private let lock = ConditionLock()
        /// Guarded by `lock`: sound connections not leased, and slots not leased (idle or empty).
        private var idle: [PostgresConnection] = []
        private var freeSlots: Int

        init(configuration: PostgresConfiguration) {
            self.configuration = configuration
            self.freeSlots = configuration.poolSize
        }

        /// A connection for the caller alone until it is given back with `release`.
        func lease(until deadline: PostgresDeadline) -> Result<PostgresConnection, LeaseFailure> {
            lock.lock()
            while freeSlots == 0 {
                if !lock.wait(until: deadline) && freeSlots == 0 {
                    lock.unlock()
                    return .failure(.expired)
                }
            }
            freeSlots -= 1
            let reusable = idle.popLast()
            lock.unlock()
            if let reusable, reusable.isReusable { return .success(reusable) }
            let connectDeadline = PostgresDeadline.earliest(
                deadline, .after(milliseconds: configuration.connectTimeoutMilliseconds))
            switch PostgresConnection.connect(
                uri: configuration.uri, statementTimeout: configuration.statementTimeoutMilliseconds,
                grace: configuration.answerGraceMilliseconds, until: connectDeadline)
            {
            case .success(let connection): return .success(connection)
            case .failure(let failure):
                giveBackSlot(nil)
                return .failure(deadline.hasPassed ? .expired : .unreachable(failure.message))
            }
        }

        /// Leases and returns one connection, to learn libpq's reason when the database cannot be reached.
        func probe(until deadline: PostgresDeadline) -> Result<Void, LeaseFailure> {
            lease(until: deadline).map { release($0) }
        }

        /// Returns a leased connection; one that is broken or mid-transaction is closed, its slot left empty.
        func release(_ connection: PostgresConnection) {
            giveBackSlot(connection.isBroken || connection.isInTransaction ? nil : connection)
        }

        private func giveBackSlot(_ connection: PostgresConnection?) {
            lock.lock()
            if let connection { idle.append(connection) }
            freeSlots += 1
            lock.signal()
            lock.unlock()
        }
    }

    /// A pthread mutex and condition variable on CLOCK_MONOTONIC, for waits with a deadline that wall-clock
    /// jumps cannot stretch. (Synchronization's `Mutex` has no condition wait.)
    final class ConditionLock: @unchecked Sendable {
        private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
        private let condition = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)

        init() {
            pthread_mutex_init(mutex, nil)
            var attributes = pthread_condattr_t()
            pthread_condattr_init(&attributes)
            pthread_condattr_setclock(&attributes, CLOCK_MONOTONIC)
            pthread_cond_init(condition, &attributes)
            pthread_condattr_destroy(&attributes)
        }

        deinit {
            pthread_cond_destroy(condition)
            pthread_mutex_destroy(mutex)
            condition.deallocate()
            mutex.deallocate()
        }

        func lock() { pthread_mutex_lock(mutex) }
        func unlock() { pthread_mutex_unlock(mutex) }
        func signal() { pthread_cond_signal(condition) }

        /// Waits for a signal with the mutex held; false once the deadline has passed.
        func wait(until deadline: PostgresDeadline) -> Bool {
            if deadline.hasPassed { return false }
            var spec = timespec(
                tv_sec: Int(deadline.monotonicNanoseconds / 1_000_000_000),
                tv_nsec: Int(deadline.monotonicNanoseconds % 1_000_000_000))
            return pthread_cond_timedwait(condition, mutex, &spec) != ETIMEDOUT
        }
    }
#endif
