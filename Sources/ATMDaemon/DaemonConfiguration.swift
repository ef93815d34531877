import ATMLedger
import ATMMoney
import ATMSystem

/// Everything `atm-stated` is told at start-up, from its arguments and environment.
public struct DaemonConfiguration: Sendable {
    /// Where the socket lives unless `--socket` or ATM_STATED_SOCKET says otherwise.
    public static let defaultSocketPath = "/run/atm/stated.sock"

    public var socketPath = DaemonConfiguration.defaultSocketPath
    public var socketMode: UInt32 = 0o660
    public var maximumClients = 256
    public var idleTimeoutMilliseconds = 30_000
    /// The journal file; `nil` keeps balances in memory only.
    public var journalPath: String?
    /// Compact the journal into a snapshot once it grows past this many bytes.
    public var journalCompactBytes = 64 << 20
    /// Idempotency keys kept (docs/http-api.md: up to this count, the oldest go first).
    public var idempotencyKeys = 1_000_000
    /// History entries kept per account.
    public var historySize = 100
    /// Where the balances live: this process (the default) or a PostgreSQL database (BackendSetup.swift).
    public var store = Store.memory
    /// Connections to PostgreSQL this daemon keeps open, so the most commands it has in the database at once.
    public var postgresPoolSize = 8

    /// What the command line asked for besides serving.
    public enum Action: Sendable, Equatable {
        case serve
        case showHelp
        case showVersion
    }

    /// A refusal to start, with the sysexits(3) status to exit with.
    public struct Failure: Error, Sendable {
        public let message: String
        public let status: ExitStatus

        public init(message: String, status: ExitStatus) {
            self.message = message
            self.status = status
        }

        static func usage(_ message: String) -> Failure { Failure(message: message, status: .usage) }
        static func config(_ message: String) -> Failure { Failure(message: message, status: .configuration) }
    }

    public static let usage = """
        Usage: atm-stated [--socket PATH] [--journal PATH]
               atm-stated --help | --version

        Owns every account balance in memory and serves the line protocol (docs/protocol.md)
        on a Unix stream socket, or on the socket systemd passes (LISTEN_FDS).

        Options:
          --socket PATH   socket path (default: $ATM_STATED_SOCKET, else \(defaultSocketPath))
          --journal PATH  make every change durable in this journal before answering (default:
                          $ATM_STATED_JOURNAL, else none: balances live in memory only)
          --help          print this help and exit
          --version       print the version and exit

        Environment:
          ATM_STATED_SOCKET            socket path
          ATM_STATED_SOCKET_MODE       octal mode of the socket file (default 0660)
          ATM_STATED_MAX_CLIENTS       clients served at once; more are refused with ERR busy (default 256)
          ATM_STATED_IDLE_TIMEOUT_MS   a client silent this long is disconnected (default 30000)
          ATM_STATED_JOURNAL           journal path (see --journal)
          ATM_STATED_JOURNAL_COMPACT_BYTES  compact the journal into a snapshot past this size (default 67108864)
          ATM_STATED_IDEMPOTENCY_KEYS  idempotency keys kept, oldest dropped first (default 1000000)
          ATM_STATED_HISTORY           history entries kept per account (default 100)
          ATM_STATED_STORE             memory (default) or a PostgreSQL URI postgresql://… (docs/postgresql.md)
          ATM_STATED_PG_POOL           connections to PostgreSQL kept open, 1 to 1000 (default 8)
        \(AccessSettings.usage)
          PRELOAD_ACCOUNTS             JSON object of account -> balance, e.g. {"1001":"1000.00"}
          PRELOAD_ACCOUNTS_FILE        a file holding that JSON, for large account sets
        """

    public init() {}

    /// Reads `arguments` (without the program name) and the environment.
    public static func parse(
        _ arguments: [String], environment: (String) -> String? = Environment.value
    ) throws(Failure) -> (DaemonConfiguration, Action) {
        var configuration = DaemonConfiguration()
        if let path = environment("ATM_STATED_SOCKET") { configuration.socketPath = path }
        configuration.journalPath = environment("ATM_STATED_JOURNAL")
        var remaining = arguments[...]
        while let argument = remaining.popFirst() {
            switch argument {
            case "--help", "-h": return (configuration, .showHelp)
            case "--version": return (configuration, .showVersion)
            case "--socket":
                guard let path = remaining.popFirst() else { throw .usage("--socket needs a path") }
                configuration.socketPath = path
            case "--journal":
                guard let path = remaining.popFirst() else { throw .usage("--journal needs a path") }
                configuration.journalPath = path
            default:
                if argument.hasPrefix("--socket=") {
                    configuration.socketPath = String(argument.dropFirst("--socket=".count))
                } else if argument.hasPrefix("--journal=") {
                    configuration.journalPath = String(argument.dropFirst("--journal=".count))
                } else {
                    throw .usage("unknown argument \(argument.debugDescription); see --help")
                }
            }
        }
        guard !configuration.socketPath.isEmpty, configuration.socketPath.utf8.count <= UnixSocketPath.maximumLength
        else {
            throw .config("the socket path must be 1 to \(UnixSocketPath.maximumLength) bytes long")
        }
        if let path = configuration.journalPath, path.isEmpty {
            throw .config("the journal path must not be empty")
        }
        do {
            configuration.socketMode = try Setting.fileMode(
                "ATM_STATED_SOCKET_MODE", from: environment, default: 0o660)
            configuration.maximumClients = try Setting.integer(
                "ATM_STATED_MAX_CLIENTS", from: environment, default: 256, in: 1...65_536)
            configuration.idleTimeoutMilliseconds = try Setting.integer(
                "ATM_STATED_IDLE_TIMEOUT_MS", from: environment, default: 30_000,
                in: 100...86_400_000)
            configuration.journalCompactBytes = try Setting.integer(
                "ATM_STATED_JOURNAL_COMPACT_BYTES", from: environment, default: 64 << 20, in: 4096...(1 << 40))
            configuration.idempotencyKeys = try Setting.integer(
                "ATM_STATED_IDEMPOTENCY_KEYS", from: environment, default: 1_000_000, in: 1...100_000_000)
            configuration.historySize = try Setting.integer(
                "ATM_STATED_HISTORY", from: environment, default: 100, in: 0...100_000)
            configuration.postgresPoolSize = try Setting.integer(
                "ATM_STATED_PG_POOL", from: environment, default: 8, in: 1...1000)
        } catch {
            throw .config(error.description)
        }
        configuration.store = try Store.parse(environment("ATM_STATED_STORE"), journalPath: configuration.journalPath)
        return (configuration, .serve)
    }

    /// The start-up accounts from the process environment: see ``preloadAccounts(environment:)``.
    public static func preloadAccounts() throws(Failure) -> [(AccountNumber, Money)] {
        try preloadAccounts(environment: Environment.bytes)
    }

    /// The start-up accounts: PRELOAD_ACCOUNTS or PRELOAD_ACCOUNTS_FILE (both at once is refused, so neither
    /// silently wins), else the demo set. `environment` gives each variable's raw bytes.
    public static func preloadAccounts(
        environment: (String) -> [UInt8]?
    ) throws(Failure) -> [(AccountNumber, Money)] {
        let json: [UInt8]
        let inline = environment("PRELOAD_ACCOUNTS")
        let file = environment("PRELOAD_ACCOUNTS_FILE").map { String(decoding: $0, as: UTF8.self) }
        if inline != nil, file != nil {
            throw .config("PRELOAD_ACCOUNTS and PRELOAD_ACCOUNTS_FILE are both set; set only one")
        }
        if let inline {
            json = inline
        } else if let path = file {
            do {
                json = try FileDescriptor.readWholeFile(path, limit: 512 << 20)
            } catch {
                throw .config("PRELOAD_ACCOUNTS_FILE \(path.debugDescription) cannot be read: \(error)")
            }
        } else {
            return PreloadAccounts.demo
        }
        do {
            return try PreloadAccounts.parse(json)
        } catch {
            throw .config(error.description)
        }
    }
}
