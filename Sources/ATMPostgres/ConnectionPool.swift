import ATMDaemonSystem

#if PostgreSQL
    import ATMSystem

    /// A fixed number of connection slots. A lease waits (on a condition variable, until the caller's deadline)
    /// for a free slot, reuses its idle connection if it is still sound, or connects afresh: so a lost
    /// connection is replaced on next use and a database that comes back is used again without a restart.
    final class ConnectionPool: Sendable {
        /// Why no connection was leased; neither sent anything, so nothing was applied.
        enum LeaseFailure: Error {
            /// Every slot stayed busy until the deadline.
            case expired
            /// A new connection could not be made (libpq's message).
            case unreachable(String)
        }

        /// What the lock guards: sound connections not leased, and slots not leased (idle or empty).
        struct Slots: Sendable {
            var idle: [PostgresConnection] = []
            var free: Int
        }

        private let configuration: PostgresConfiguration
        private let slots: ConditionLock<Slots>

        init(configuration: PostgresConfiguration) {
            self.configuration = configuration
            self.slots = ConditionLock(Slots(free: configuration.poolSize))
        }

        /// A connection for the caller alone until it is given back with `release`.
        ///
        /// When a new connection cannot be made (the primary died, the standby is not promoted yet and refuses a
        /// read-write session), `reconnecting` tries again after ``ConnectBackoff``'s waits until the deadline
        /// would pass; libpq tries every host of a multi-host URI on each attempt. Nothing is sent meanwhile.
        func lease(until deadline: PostgresDeadline, reconnecting: Bool = true) -> Result<
            PostgresConnection, LeaseFailure
        > {
            let leased: PostgresConnection?? = slots.withLock { locked in
                while locked.state.free == 0 {
                    if !locked.wait(until: deadline.systemDeadline) && locked.state.free == 0 { return nil }
                }
                locked.state.free -= 1
                return .some(locked.state.idle.popLast())
            }
            guard let leased else { return .failure(.expired) }
            if let reusable = leased, reusable.isReusable { return .success(reusable) }
            var backoff = ConnectBackoff()
            while true {
                let connectDeadline = PostgresDeadline.earliest(
                    deadline, .after(milliseconds: configuration.connectTimeoutMilliseconds))
                switch PostgresConnection.connect(
                    uri: configuration.uri, statementTimeout: configuration.statementTimeoutMilliseconds,
                    grace: configuration.answerGraceMilliseconds, until: connectDeadline)
                {
                case .success(let connection): return .success(connection)
                case .failure(let failure):
                    if reconnecting, let wait = backoff.next(remainingMilliseconds: deadline.remainingMilliseconds) {
                        ConnectionPool.pause(milliseconds: wait)
                        continue
                    }
                    giveBackSlot(nil)
                    return .failure(deadline.hasPassed ? .expired : .unreachable(failure.message))
                }
            }
        }

        /// Waits without holding anything: `poll()` on no descriptors.
        private static func pause(milliseconds: Int) {
            let until = PostgresDeadline.after(milliseconds: milliseconds).systemDeadline
            _ = try? FileDescriptor.poll([], for: .readable, until: until)
        }

        /// Leases and returns one connection, to learn libpq's reason when the database cannot be reached.
        /// One attempt, no backoff: at start an unreachable database is reported at once (exit 69).
        func probe(until deadline: PostgresDeadline) -> Result<Void, LeaseFailure> {
            lease(until: deadline, reconnecting: false).map { release($0) }
        }

        /// Returns a leased connection; one that is broken or mid-transaction is closed, its slot left empty.
        func release(_ connection: PostgresConnection) {
            giveBackSlot(connection.isBroken || connection.isInTransaction ? nil : connection)
        }

        private func giveBackSlot(_ connection: PostgresConnection?) {
            slots.withLock { locked in
                if let connection { locked.state.idle.append(connection) }
                locked.state.free += 1
            }
            slots.signal()  // after unlocking: the woken thread finds the lock free
        }
    }
#endif
