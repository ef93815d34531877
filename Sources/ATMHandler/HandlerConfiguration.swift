import ATMSystem
import HTTP1

/// What `atm-handler` reads from its environment: the daemon's socket, the request limits and the deadlines.
public struct HandlerConfiguration: Sendable {
    public var stateSocketPath = "/run/atm/stated.sock"
    public var limits = HTTPRequestReader.Limits()
    /// One deadline for the whole request, from the first byte read; never reset by a read.
    public var requestTimeoutMilliseconds = 10_000
    /// How long the daemon may take to accept and answer one command.
    public var stateTimeoutMilliseconds = 1_000

    /// The environment variables, their defaults and their meaning, as the README documents them.
    public static let variables = [
        ("ATM_STATED_SOCKET", "/run/atm/stated.sock", "the state daemon's Unix socket"),
        ("ATM_MAX_REQUEST_LINE_BYTES", "8192", "longest request line; longer is 414"),
        ("ATM_MAX_HEADER_BYTES", "16384", "largest header section; larger is 431"),
        ("ATM_MAX_BODY_BYTES", "4096", "largest request body; larger is 413"),
        ("ATM_REQUEST_TIMEOUT_MS", "10000", "deadline for the whole request to arrive; later is 408"),
        ("ATM_STATED_TIMEOUT_MS", "1000", "deadline for the daemon's answer; later is 503"),
    ]

    public init() {}

    /// Reads the environment; a set but invalid variable is refused with its name.
    public static func fromEnvironment() throws(SettingError) -> HandlerConfiguration {
        var configuration = HandlerConfiguration()
        if let path = Environment.value("ATM_STATED_SOCKET") {
            guard !path.isEmpty, path.utf8.count <= 107 else {
                throw SettingError(
                    name: "ATM_STATED_SOCKET", value: path, expectation: "a socket path of 1 to 107 bytes")
            }
            configuration.stateSocketPath = path
        }
        func read(_ name: String, _ defaultValue: Int, _ range: ClosedRange<Int>) throws(SettingError) -> Int {
            try Setting.integer(name, from: Environment.value, default: defaultValue, in: range)
        }
        configuration.limits.requestLine = try read("ATM_MAX_REQUEST_LINE_BYTES", 8192, 64...1_048_576)
        configuration.limits.headerSection = try read("ATM_MAX_HEADER_BYTES", 16384, 64...1_048_576)
        configuration.limits.body = try read("ATM_MAX_BODY_BYTES", 4096, 16...1_048_576)
        configuration.requestTimeoutMilliseconds = try read("ATM_REQUEST_TIMEOUT_MS", 10_000, 1...3_600_000)
        configuration.stateTimeoutMilliseconds = try read("ATM_STATED_TIMEOUT_MS", 1_000, 1...60_000)
        return configuration
    }
}
