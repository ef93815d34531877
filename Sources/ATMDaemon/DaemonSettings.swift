import ATMLedger
import ATMProtocol
import ATMSystem

/// Every environment variable `atm-stated` reads, each written once: ``DaemonConfiguration`` and
/// ``AccessSettings`` parse them, and `--help` and `atm-stated(8)` list them from here.
public enum DaemonSettings {
    public static let socket = SettingDescription(
        name: "ATM_STATED_SOCKET", defaultText: StateSocket.defaultPath,
        accepted: "a path of 1-\(UnixSocketPath.maximumLength) bytes",
        meaning: "the Unix socket to serve (--socket wins)")
    public static let socketMode = SettingDescription(
        name: "ATM_STATED_SOCKET_MODE", defaultText: "0660", accepted: "an octal file mode",
        meaning: "the mode of the socket file this daemon creates")
    public static let defaultSocketMode: UInt32 = 0o660
    public static let maximumClients = IntegerSetting(
        "ATM_STATED_MAX_CLIENTS", default: 256, in: 1...65_536,
        "clients served at once; more are refused with ERR busy")
    public static let idleTimeout = IntegerSetting(
        "ATM_STATED_IDLE_TIMEOUT_MS", default: 30_000, in: 100...86_400_000,
        "a client silent this long is disconnected")
    public static let journal = SettingDescription(
        name: "ATM_STATED_JOURNAL", defaultText: "none: balances live in memory only", accepted: "a file path",
        meaning: "make every change durable in this journal before answering (--journal wins)")
    public static let journalCompact = IntegerSetting(
        "ATM_STATED_JOURNAL_COMPACT_BYTES", default: 64 << 20, in: 4096...(1 << 40),
        "compact the journal into a snapshot once it grows past this size")
    public static let idempotencyKeys = IntegerSetting(
        "ATM_STATED_IDEMPOTENCY_KEYS", default: 1_000_000, in: 1...100_000_000,
        "idempotency keys kept; the oldest go first")
    public static let history = IntegerSetting(
        "ATM_STATED_HISTORY", default: 100, in: 0...100_000, "history entries kept per account")
    public static let store = SettingDescription(
        name: "ATM_STATED_STORE", defaultText: "memory", accepted: "memory or a postgresql:// URI",
        meaning: "where the balances live; a PostgreSQL database needs the PostgreSQL build (docs/postgresql.md)")
    public static let postgresPool = IntegerSetting(
        "ATM_STATED_PG_POOL", default: 8, in: 1...1000, "connections to PostgreSQL kept open")
    public static let postgresBatch = IntegerSetting(
        "ATM_STATED_PG_BATCH", default: 64, in: 1...1000,
        "the most money movements that share one PostgreSQL commit (group commit); 1 commits each alone")
    public static let postgresBatches = IntegerSetting(
        "ATM_STATED_PG_BATCHES", default: 1, in: 1...1000,
        "group commits in flight at once, each on its own connection (at most ATM_STATED_PG_POOL)")
    public static let policy = SettingDescription(
        name: "ATM_STATED_POLICY", defaultText: "none: every route open", accepted: "a policy file's path",
        meaning: "which client identities may do what, for which accounts (docs/security.md)")
    public static let adminUserID = SettingDescription(
        name: "ATM_STATED_ADMIN_UID", defaultText: "none", accepted: "0-4294967294",
        meaning: "a uid besides root whose connections may CREATE accounts")
    public static let adminUser = SettingDescription(
        name: "ATM_STATED_ADMIN_USER", defaultText: "none", accepted: "a user name",
        meaning: "the same as ATM_STATED_ADMIN_UID, by user name")
    /// Its default depends on ATM_STATED_MAX_CLIENTS: ``clientsPerUser(maximumClients:)``.
    public static let clientsPerUserRange = 1...65_536
    public static let clientsPerUser = SettingDescription(
        name: "ATM_STATED_MAX_CLIENTS_PER_UID", defaultText: "half of ATM_STATED_MAX_CLIENTS",
        accepted: "\(clientsPerUserRange.lowerBound)-\(clientsPerUserRange.upperBound)",
        meaning: "connections one non-admin peer uid may hold")
    /// Sized for an ATM: a customer's visit is a handful of requests over a minute or more, so a terminal
    /// that sends 20 at once or more than 2 a second for long is broken or not a terminal.
    public static let ratePerMinute = IntegerSetting(
        "ATM_STATED_RATE_PER_MINUTE", default: 120, in: 0...6_000_000,
        "commands a minute per client identity (or address); 0 turns the limit off")
    public static let rateBurst = IntegerSetting(
        "ATM_STATED_RATE_BURST", default: 20, in: 1...1_000_000, "commands a client may send at once")
    public static let preload = SettingDescription(
        name: "PRELOAD_ACCOUNTS",
        defaultText: "the original's demo accounts " + PreloadAccounts.demo.map(\.0.digits).joined(separator: ", "),
        accepted: "a JSON object of account number to amount string", meaning: "the accounts at start-up")
    public static let preloadFile = SettingDescription(
        name: "PRELOAD_ACCOUNTS_FILE", defaultText: "none", accepted: "a file path",
        meaning: "a file holding that JSON object, for large account sets (not with PRELOAD_ACCOUNTS)")

    /// ATM_STATED_MAX_CLIENTS_PER_UID's default.
    public static func clientsPerUser(maximumClients: Int) -> Int { max(1, maximumClients / 2) }

    /// Every setting, in the order the help and the manual list them.
    public static var all: [SettingDescription] {
        [
            socket, socketMode, maximumClients.description, idleTimeout.description, journal,
            journalCompact.description, idempotencyKeys.description, history.description, store,
            postgresPool.description, postgresBatch.description, postgresBatches.description, policy, adminUserID,
            adminUser, clientsPerUser, ratePerMinute.description,
            rateBurst.description, preload, preloadFile,
        ]
    }
}
