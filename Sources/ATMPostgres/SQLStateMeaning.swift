#if PostgreSQL
    /// What a server error's SQLSTATE means for the command that met it and for the connection it came on.
    ///
    /// The distinction that matters in a failover: an error that says the session is gone (the server is
    /// shutting down, crashed, or is no longer the primary) drops the connection, so the pool makes a new one
    /// (to the new primary, through a multi-host URI); the command itself is not retried, since its client
    /// must learn whether it was applied: "not applied" (503) when the error came before anything committing
    /// was sent or answered, "unknown" (504) when it answered the COMMIT (or an autocommit change) itself.
    enum SQLStateMeaning: Equatable, Sendable {
        /// Serialization failure, deadlock, a lost race on a unique key: rolled back, worth another try.
        case retry
        /// `statement_timeout`, which a deadline sets: cancelled, rolled back.
        case expired
        /// The session is ending (class 08 connection exception; class 57 operator intervention such as
        /// 57P01 admin shutdown, 57P02 crash shutdown, 57P03 cannot connect now): the connection is dropped.
        /// A committing statement answered so may have committed before the server went away.
        case sessionLost
        /// 25006, read-only transaction: this server is a standby (or a primary demoted under us). The write
        /// was refused before it changed anything; the connection is dropped so the next one finds the primary.
        case notPrimary
        /// Anything else: a bug or a damaged schema; rolled back.
        case unexpected

        init(sqlState: String) {
            switch sqlState {
            case "40001", "40P01", "23505": self = .retry
            case "57014": self = .expired
            case "25006": self = .notPrimary
            default: self = sqlState.hasPrefix("08") || sqlState.hasPrefix("57") ? .sessionLost : .unexpected
            }
        }
    }
#endif
