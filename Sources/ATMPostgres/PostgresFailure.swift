#if PostgreSQL
    /// Why the ledger could not start (or seed); each has a one-line `description` for the daemon's stderr.
    ///
    /// Suggested exit statuses: `invalidConfiguration` and `schemaTooNew` 78 (EX_CONFIG: the setting or the
    /// binary is wrong, restarting will not help); `unreachable`, `timedOut`, `outcomeUnknown` 69
    /// (EX_UNAVAILABLE: try again later, as systemd's `Restart=` does); `invalidSeed` 78; `databaseError` 69.
    public enum PostgresFailure: Error, Sendable, Equatable, CustomStringConvertible {
        /// The configuration cannot work (a URI libpq rejects, a pool of no connections).
        case invalidConfiguration(String)
        /// No connection could be made; libpq's message.
        case unreachable(String)
        /// The database's schema is at a version this binary does not know: a newer binary migrated it.
        case schemaTooNew(found: Int, supported: Int)
        /// The start-up work did not finish within `startupTimeoutMilliseconds`.
        case timedOut
        /// The connection was lost after COMMIT was sent: the seed may or may not be in the database.
        case outcomeUnknown
        /// A seed account that cannot be stored (a bad number, a negative balance, a duplicate).
        case invalidSeed(String)
        /// The server refused a statement.
        case databaseError(sqlState: String, message: String)

        public var description: String {
            switch self {
            case .invalidConfiguration(let detail): "PostgreSQL: invalid configuration: \(detail)"
            case .unreachable(let detail): "PostgreSQL: cannot connect: \(detail)"
            case .schemaTooNew(let found, let supported):
                "PostgreSQL: the database schema is version \(found), newer than the \(supported) this binary knows; "
                    + "run a newer atm-stated"
            case .timedOut: "PostgreSQL: start-up did not finish in time"
            case .outcomeUnknown: "PostgreSQL: the connection was lost during COMMIT; the outcome is unknown"
            case .invalidSeed(let detail): "PostgreSQL: invalid seed account: \(detail)"
            case .databaseError(let sqlState, let message): "PostgreSQL: error \(sqlState): \(message)"
            }
        }
    }
#endif
