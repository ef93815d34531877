import ATMCore
import ATMLedger
import ATMMoney
import ATMSystem

#if PostgreSQL
    import ATMCore
    import ATMPostgres
#endif

extension DaemonConfiguration {
    /// Where the balances live (`ATM_STATED_STORE`).
    public enum Store: Sendable, Equatable {
        /// In this process: the in-memory ledger, with or without a journal.
        case memory
        /// In a PostgreSQL database shared with other daemons; a libpq URI.
        case postgresql(uri: String)

        /// Reads `ATM_STATED_STORE`: unset or `memory`, or a `postgresql://` / `postgres://` URI. A URI in a build
        /// without the trait, a journal together with a database, a malformed host list, several hosts without
        /// `target_session_attrs=read-write` (``StoreHosts``), or anything else is refused with status 78.
        static func parse(_ raw: String?, journalPath: String?) throws(Failure) -> Store {
            guard let raw, raw != "memory" else { return .memory }
            guard raw.hasPrefix("postgresql://") || raw.hasPrefix("postgres://") else {
                throw .config("ATM_STATED_STORE must be memory or a postgresql:// URI, not \(raw.debugDescription)")
            }
            #if PostgreSQL
                guard journalPath == nil else {
                    throw .config(
                        "a journal cannot be used with a PostgreSQL ATM_STATED_STORE: the database is the store")
                }
                do {
                    _ = try StoreHosts(uri: raw)
                } catch {
                    throw .config(error.description)
                }
                return .postgresql(uri: raw)
            #else
                throw .config("this atm-stated was built without PostgreSQL; build with --traits PostgreSQL")
            #endif
        }
    }
}

/// Chooses the daemon's backend from its configuration: the in-memory ledger, or a PostgreSQL database.
public enum BackendSetup {
    /// The backend to serve, and how to name it in the start-up line.
    public struct Chosen: Sendable {
        public let store: any LedgerStore
        /// `12 accounts`, `PostgreSQL (12 accounts)`.
        public let summary: String
        /// How many accounts there are now, for the metrics.
        public let accountCount: @Sendable () -> Int
    }

    /// The backend `configuration` asks for; `memory` builds the in-memory one (with the journal, if any) and is
    /// called only when the store is memory.
    public static func make(
        _ configuration: DaemonConfiguration, memory: () throws(DaemonConfiguration.Failure) -> Ledger
    ) throws(DaemonConfiguration.Failure) -> Chosen {
        switch configuration.store {
        case .memory:
            let ledger = try memory()
            return Chosen(store: ledger, summary: accounts(ledger.count), accountCount: { ledger.count })
        case .postgresql(let uri):
            #if PostgreSQL
                return try postgresql(uri: uri, configuration)
            #else
                _ = uri
                throw .config("this atm-stated was built without PostgreSQL; build with --traits PostgreSQL")
            #endif
        }
    }

    /// `1 account`, `12 accounts`.
    static func accounts(_ count: Int) -> String { "\(count) account\(count == 1 ? "" : "s")" }

    #if PostgreSQL
        /// Opens the database (migrating it, taking turns with other daemons), seeds an empty one from
        /// PRELOAD_ACCOUNTS, and wraps it. A wrong setting or a schema newer than this binary exits 78 (EX_CONFIG);
        /// a database that cannot be reached exits 69 (EX_UNAVAILABLE), which systemd's restart retries.
        static func postgresql(uri: String, _ configuration: DaemonConfiguration) throws(DaemonConfiguration.Failure)
            -> Chosen
        {
            let settings = PostgresConfiguration(
                uri: uri, poolSize: configuration.postgresPoolSize, largestBatch: configuration.postgresBatch,
                batchesInFlight: configuration.postgresBatches,
                audit: { StandardError.write("atm-stated: \($0)") },
                log: { StandardError.write("atm-stated: \($0)") })
            let ledger: PostgresLedger
            do {
                ledger = try PostgresLedger.open(settings)
            } catch {
                throw refusal(error)
            }
            let accounts = try DaemonConfiguration.preloadAccounts()
            do {
                _ = try ledger.seedIfEmpty(accounts.map { (account: $0.0, balance: $0.1) })
            } catch {
                throw refusal(error)
            }
            let count: String
            switch ledger.accountNumbers() {
            case .success(let numbers): count = BackendSetup.accounts(numbers.count)
            case .failure: count = "accounts"
            }
            // A scrape of the metrics must not wait long on a database that is down: 0 then.
            let accountCount: @Sendable () -> Int = {
                (try? ledger.accountNumbers(until: .after(milliseconds: 500)).get().count) ?? 0
            }
            return Chosen(store: ledger, summary: "\(count) in PostgreSQL", accountCount: accountCount)
        }

        /// The refusal to start for `failure`, with its sysexits(3) status: the deployment is wrong (78, EX_CONFIG),
        /// or the database is not there yet (69, EX_UNAVAILABLE).
        static func refusal(_ failure: PostgresFailure) -> DaemonConfiguration.Failure {
            switch failure {
            case .invalidConfiguration, .schemaTooNew, .invalidSeed:
                DaemonConfiguration.Failure(message: failure.description, status: .configuration)
            case .unreachable, .timedOut, .outcomeUnknown, .databaseError:
                DaemonConfiguration.Failure(message: failure.description, status: .unavailable)
            }
        }
    #endif
}
