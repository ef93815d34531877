import ATMLedger
import ATMMoney
import ATMProtocol
import ATMSystem

/// Everything `atm-stated` is told at start-up, from its arguments and environment.
public struct DaemonConfiguration: Sendable {
    /// Where the socket lives unless `--socket` or ATM_STATED_SOCKET says otherwise.
    public static let defaultSocketPath = StateSocket.defaultPath

    public var socketPath = DaemonConfiguration.defaultSocketPath
    public var socketMode = DaemonSettings.defaultSocketMode
    public var maximumClients = DaemonSettings.maximumClients.defaultValue
    public var idleTimeoutMilliseconds = DaemonSettings.idleTimeout.defaultValue
    /// The journal file; `nil` keeps balances in memory only.
    public var journalPath: String?
    /// Compact the journal into a snapshot once it grows past this many bytes.
    public var journalCompactBytes = DaemonSettings.journalCompact.defaultValue
    /// Idempotency keys kept (docs/http-api.md: up to this count, the oldest go first).
    public var idempotencyKeys = DaemonSettings.idempotencyKeys.defaultValue
    /// History entries kept per account.
    public var historySize = DaemonSettings.history.defaultValue
    /// Where the balances live: this process (the default) or a PostgreSQL database (BackendSetup.swift).
    public var store = Store.memory
    /// Connections to PostgreSQL this daemon keeps open, so the most commands it has in the database at once.
    public var postgresPoolSize = DaemonSettings.postgresPool.defaultValue
    /// The most money movements one PostgreSQL commit carries (group commit).
    public var postgresBatch = DaemonSettings.postgresBatch.defaultValue
    /// Group commits in flight at once; a change arriving while all are in flight rides in the next.
    public var postgresBatches = DaemonSettings.postgresBatches.defaultValue

    /// What the command line asked for besides serving.
    public enum Action: Sendable, Equatable {
        case serve
        case showHelp
        case showVersion
        /// `--man`: print atm-stated(8).
        case showManual
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

    public init() {}

    /// Reads `arguments` (without the program name) and the environment.
    public static func parse(
        _ arguments: [String], environment: (String) -> String? = Environment.value
    ) throws(Failure) -> (DaemonConfiguration, Action) {
        var configuration = DaemonConfiguration()
        if let path = environment(DaemonSettings.socket.name) { configuration.socketPath = path }
        configuration.journalPath = environment(DaemonSettings.journal.name)
        var remaining = arguments[...]
        while let argument = remaining.popFirst() {
            switch argument {
            case "--help", "-h": return (configuration, .showHelp)
            case "--version": return (configuration, .showVersion)
            case "--man": return (configuration, .showManual)
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
                DaemonSettings.socketMode.name, from: environment, default: DaemonSettings.defaultSocketMode)
            configuration.maximumClients = try DaemonSettings.maximumClients.read(from: environment)
            configuration.idleTimeoutMilliseconds = try DaemonSettings.idleTimeout.read(from: environment)
            configuration.journalCompactBytes = try DaemonSettings.journalCompact.read(from: environment)
            configuration.idempotencyKeys = try DaemonSettings.idempotencyKeys.read(from: environment)
            configuration.historySize = try DaemonSettings.history.read(from: environment)
            configuration.postgresPoolSize = try DaemonSettings.postgresPool.read(from: environment)
            configuration.postgresBatch = try DaemonSettings.postgresBatch.read(from: environment)
            configuration.postgresBatches = try DaemonSettings.postgresBatches.read(from: environment)
        } catch {
            throw .config(error.description)
        }
        configuration.store = try Store.parse(
            environment(DaemonSettings.store.name), journalPath: configuration.journalPath)
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
        let inline = environment(DaemonSettings.preload.name)
        let file = environment(DaemonSettings.preloadFile.name).map { String(decoding: $0, as: UTF8.self) }
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
