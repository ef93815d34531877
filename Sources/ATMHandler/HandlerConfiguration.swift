import ATMAPI
import ATMSystem
import HTTP1

/// What `atm-handler` reads from its environment: the daemon's socket, the request limits, the deadlines
/// and keep-alive.
public struct HandlerConfiguration: Sendable {
    public var stateSocketPath = "/run/atm/stated.sock"
    public var limits = HTTPRequestReader.Limits()
    /// One deadline for the whole request, from its first byte; never reset by a read.
    public var requestTimeoutMilliseconds = 10_000
    /// A shorter deadline for the first byte and the whole head, so an idle or trickling connection gives
    /// its slot back early; capped by the request deadline.
    public var headerTimeoutMilliseconds = 3_000
    /// The deadline each daemon command carries: the daemon refuses it after this, the handler waits a little longer.
    public var stateTimeoutMilliseconds = 1_000
    /// Requests served on one connection (1: one request per process).
    public var keepAliveRequests = 1
    /// How long an open connection may wait for its next request.
    public var keepAliveIdleMilliseconds = 5_000
    /// The most account numbers one `/health` answer names; past it the answer is a page with `next`.
    public var healthAccountsLimit = HealthQuery.defaultLimit

    /// The environment variables, their defaults, valid ranges and meaning, as the README documents them.
    public static let variables: [(name: String, defaultValue: String, range: String, meaning: String)] = [
        ("ATM_STATED_SOCKET", "/run/atm/stated.sock", "1-107 bytes", "the state daemon's Unix socket"),
        ("ATM_MAX_REQUEST_LINE_BYTES", "8192", "64-1048576", "longest request line; longer is 414"),
        ("ATM_MAX_HEADER_BYTES", "16384", "64-1048576", "largest header section; larger is 431"),
        ("ATM_MAX_BODY_BYTES", "4096", "16-1048576", "largest request body; larger is 413"),
        (
            "ATM_REQUEST_TIMEOUT_MS", "10000", "1-3600000",
            "deadline for a whole request from its first byte; later is 408"
        ),
        (
            "ATM_HEADER_TIMEOUT_MS", "3000", "1-3600000",
            "deadline for the request head; later is 408 (a quiet close if nothing came)"
        ),
        (
            "ATM_STATED_TIMEOUT_MS", "1000", "1-60000",
            "deadline each daemon command carries; unreachable is 503, no answer to a change is 504"
        ),
        ("ATM_KEEP_ALIVE_REQUESTS", "1", "1-100000", "requests served on one connection"),
        ("ATM_KEEP_ALIVE_IDLE_MS", "5000", "1-3600000", "wait for the next request on an open connection"),
        (
            "ATM_HEALTH_ACCOUNTS_LIMIT", "10000", "1-100000",
            "most account numbers one /health answer names; past it, pages with next and ?after="
        ),
    ]

    public init() {}

    /// Reads `environment`; a set but invalid variable is refused with its name.
    public static func parse(environment: (String) -> String?) -> Result<HandlerConfiguration, SettingError> {
        do throws(SettingError) {
            return .success(try read(environment))
        } catch {
            return .failure(error)
        }
    }

    private static func read(_ environment: (String) -> String?) throws(SettingError) -> HandlerConfiguration {
        var configuration = HandlerConfiguration()
        if let path = environment("ATM_STATED_SOCKET") {
            guard !path.isEmpty, path.utf8.count <= UnixSocketPath.maximumLength else {
                throw SettingError(
                    name: "ATM_STATED_SOCKET", value: path,
                    expectation: "a socket path of 1 to \(UnixSocketPath.maximumLength) bytes")
            }
            configuration.stateSocketPath = path
        }
        func read(_ name: String, _ defaultValue: Int, _ range: ClosedRange<Int>) throws(SettingError) -> Int {
            try Setting.integer(name, from: environment, default: defaultValue, in: range)
        }
        configuration.limits.requestLine = try read("ATM_MAX_REQUEST_LINE_BYTES", 8192, 64...1_048_576)
        configuration.limits.headerSection = try read("ATM_MAX_HEADER_BYTES", 16384, 64...1_048_576)
        configuration.limits.body = try read("ATM_MAX_BODY_BYTES", 4096, 16...1_048_576)
        configuration.requestTimeoutMilliseconds = try read("ATM_REQUEST_TIMEOUT_MS", 10_000, 1...3_600_000)
        configuration.headerTimeoutMilliseconds = try read("ATM_HEADER_TIMEOUT_MS", 3_000, 1...3_600_000)
        configuration.stateTimeoutMilliseconds = try read("ATM_STATED_TIMEOUT_MS", 1_000, 1...60_000)
        configuration.keepAliveRequests = try read("ATM_KEEP_ALIVE_REQUESTS", 1, 1...100_000)
        configuration.keepAliveIdleMilliseconds = try read("ATM_KEEP_ALIVE_IDLE_MS", 5_000, 1...3_600_000)
        configuration.healthAccountsLimit = try read(
            "ATM_HEALTH_ACCOUNTS_LIMIT", HealthQuery.defaultLimit, 1...HealthQuery.maximumLimit)
        return configuration
    }
}
