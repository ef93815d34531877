#if PostgreSQL
    /// Why an operation stopped before it had an outcome of its own; each says whether anything may have been
    /// applied.
    enum Interruption: Error {
        /// The deadline passed before the change could be made (nothing applied).
        case expired
        /// The connection was unusable, or failed before the change committed (nothing applied).
        case unavailable
        /// The committing statement was sent and no answer came (perhaps applied).
        case unknown
        /// A serialization failure, a deadlock or a lost race on a unique key: rolled back, worth another try.
        case retry
        /// Any other server error (nothing applied).
        case failed(sqlState: String, message: String)
    }

    /// A leased connection and the deadline of the operation using it: statements as throwing calls, with the
    /// libpq reply already turned into "applied or not".
    struct LedgerSession {
        let connection: PostgresConnection
        let deadline: PostgresDeadline

        /// Runs a statement. `commits` says the statement itself commits (autocommit, or COMMIT): only then is
        /// an unanswered statement of unknown outcome; before COMMIT, a lost connection rolls the work back.
        @discardableResult
        func query(_ statement: Statement, _ parameters: [String?], commits: Bool = false) throws(Interruption)
            -> [[String?]]
        {
            try interpret(connection.run(statement, parameters, until: deadline), commits: commits)
        }

        /// Runs constant SQL (BEGIN, COMMIT, DDL).
        func script(_ sql: String, commits: Bool = false) throws(Interruption) {
            _ = try interpret(connection.runScript(sql, until: deadline), commits: commits)
        }

        private func interpret(_ reply: PostgresConnection.Reply, commits: Bool) throws(Interruption) -> [[String?]] {
            switch reply {
            case .rows(let rows):
                // The server warned while committing: a synchronous commit whose wait for the standby was
                // cancelled (a deadline, a shutdown) "has already committed locally, but might not have been
                // replicated to the standby", so a failover now could lose it. Not a 200, then: unknown.
                if commits && connection.warnedDuringLastStatement { throw .unknown }
                return rows
            case .notSent(let expired):
                throw expired ? .expired : .unavailable
            case .noAnswer:
                connection.markBroken()
                if commits { throw .unknown }
                throw deadline.hasPassed ? .expired : .unavailable
            case .failed(let sqlState, let message):
                switch SQLStateMeaning(sqlState: sqlState) {
                case .retry: throw .retry
                case .expired: throw .expired
                case .sessionLost:
                    connection.markBroken()
                    throw commits ? .unknown : .unavailable
                case .notPrimary:
                    connection.markBroken()
                    throw .unavailable
                case .unexpected: throw .failed(sqlState: sqlState, message: message)
                }
            }
        }
    }

    extension PostgresLedger {
        /// What a transaction's body decided: keep its writes, or leave nothing behind (a read-only answer).
        enum Decision<Value> {
            case commit(Value)
            case rollback(Value)
        }

        /// Runs `body` in one transaction on a leased connection, retrying from the start (a bounded number of
        /// times, within the deadline) when the server asks for it.
        func inTransaction<Value>(
            until deadline: PostgresDeadline, _ body: (LedgerSession) throws(Interruption) -> Decision<Value>
        ) -> Result<Value, Interruption> {
            withRetries(until: deadline) { session throws(Interruption) in
                try session.script(LedgerSQL.begin)
                switch try body(session) {
                case .commit(let value):
                    try session.script(LedgerSQL.commit, commits: true)
                    return value
                case .rollback(let value):
                    try session.script(LedgerSQL.rollback)
                    return value
                }
            }
        }

        /// Runs `body` on a leased connection, again from the start on `.retry`; on any interruption an open
        /// transaction is rolled back (or the connection dropped, which rolls it back too).
        func withRetries<Value>(
            until deadline: PostgresDeadline, _ body: (LedgerSession) throws(Interruption) -> Value
        ) -> Result<Value, Interruption> {
            var attempt = 1
            while true {
                let connection: PostgresConnection
                switch pool.lease(until: deadline) {
                case .success(let leased): connection = leased
                case .failure(.expired): return .failure(.expired)
                case .failure(.unreachable): return .failure(deadline.hasPassed ? .expired : .unavailable)
                }
                let session = LedgerSession(connection: connection, deadline: deadline)
                let result: Result<Value, Interruption>
                do throws(Interruption) {
                    result = .success(try body(session))
                } catch {
                    result = .failure(error)
                }
                if case .failure = result, connection.isInTransaction, !connection.isBroken {
                    let cleanup = LedgerSession(
                        connection: connection, deadline: .after(milliseconds: configuration.answerGraceMilliseconds))
                    do throws(Interruption) { try cleanup.script(LedgerSQL.rollback) } catch { connection.markBroken() }
                }
                pool.release(connection)
                guard case .failure(.retry) = result else { return result }
                if attempt >= configuration.attemptLimit || deadline.hasPassed {
                    return .failure(deadline.hasPassed ? .expired : .unavailable)
                }
                attempt += 1
            }
        }
    }
#endif
