import ATMAPI
import ATMProtocol
import ATMSystem
import HTTP1

/// What `atm-handler` reads from its environment: the daemon's socket, the request limits, the deadlines
/// and keep-alive.
public struct HandlerConfiguration: Sendable {
    public var stateSocketPath = StateSocket.defaultPath
    public var limits = HTTPRequestReader.Limits(
        requestLine: HandlerSettings.requestLine.defaultValue,
        headerSection: HandlerSettings.headerSection.defaultValue,
        body: HandlerSettings.body.defaultValue)
    /// One deadline for the whole request, from its first byte; never reset by a read.
    public var requestTimeoutMilliseconds = HandlerSettings.requestTimeout.defaultValue
    /// A shorter deadline for the first byte and the whole head, so an idle or trickling connection gives
    /// its slot back early; capped by the request deadline.
    public var headerTimeoutMilliseconds = HandlerSettings.headerTimeout.defaultValue
    /// The deadline each daemon command carries: the daemon refuses it after this, the handler waits a little longer.
    public var stateTimeoutMilliseconds = HandlerSettings.stateTimeout.defaultValue
    /// Requests served on one connection (1: one request per process).
    public var keepAliveRequests = HandlerSettings.keepAliveRequests.defaultValue
    /// How long an open connection may wait for its next request.
    public var keepAliveIdleMilliseconds = HandlerSettings.keepAliveIdle.defaultValue
    /// The most account numbers one `/health` answer names; past it the answer is a page with `next`.
    public var healthAccountsLimit = HandlerSettings.healthAccountsLimit.defaultValue
    /// Whether a PROXY protocol v2 header (``ProxyHeader``) comes before the HTTP: the client is then whoever it
    /// names, never the environment or the socket's peer (which is the proxy).
    public var readsProxyHeader = false
    /// Handlers kept waiting on a passed listening socket (``HandlerPool``); 0: this process serves the
    /// connection on stdin and stdout.
    public var poolSpares = HandlerSettings.pool.defaultValue

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
        if let path = environment(HandlerSettings.socketVariable) {
            guard !path.isEmpty, path.utf8.count <= UnixSocketPath.maximumLength else {
                throw SettingError(
                    name: HandlerSettings.socketVariable, value: path,
                    expectation: "a socket path of 1 to \(UnixSocketPath.maximumLength) bytes")
            }
            configuration.stateSocketPath = path
        }
        if let value = environment(HandlerSettings.proxyProtocolVariable) {
            switch value {
            case "off": configuration.readsProxyHeader = false
            case "v2": configuration.readsProxyHeader = true
            default:
                throw SettingError(name: HandlerSettings.proxyProtocolVariable, value: value, expectation: "off or v2")
            }
        }
        configuration.limits.requestLine = try HandlerSettings.requestLine.read(from: environment)
        configuration.limits.headerSection = try HandlerSettings.headerSection.read(from: environment)
        configuration.limits.body = try HandlerSettings.body.read(from: environment)
        configuration.requestTimeoutMilliseconds = try HandlerSettings.requestTimeout.read(from: environment)
        configuration.headerTimeoutMilliseconds = try HandlerSettings.headerTimeout.read(from: environment)
        configuration.stateTimeoutMilliseconds = try HandlerSettings.stateTimeout.read(from: environment)
        configuration.keepAliveRequests = try HandlerSettings.keepAliveRequests.read(from: environment)
        configuration.keepAliveIdleMilliseconds = try HandlerSettings.keepAliveIdle.read(from: environment)
        configuration.healthAccountsLimit = try HandlerSettings.healthAccountsLimit.read(from: environment)
        configuration.poolSpares = try HandlerSettings.pool.read(from: environment)
        return configuration
    }
}
