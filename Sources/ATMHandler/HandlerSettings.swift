import ATMAPI
import ATMProtocol
import ATMSystem

/// Every environment variable `atm-handler` reads, each written once: ``HandlerConfiguration`` parses them,
/// and `--help` and `atm-handler(8)` list them from here. Computed, so a request pays only for the fields
/// it reads (each folds to a constant); the descriptions' text is built only for `--help` and `--man`.
public enum HandlerSettings {
    /// The socket's variable, apart from its description: building that text cost every request about
    /// 1,400 instructions (5%) when the parser read the name through it.
    public static let socketVariable = "ATM_STATED_SOCKET"

    public static var socket: SettingDescription {
        SettingDescription(
            name: socketVariable, defaultText: StateSocket.defaultPath,
            accepted: "a path of 1-\(UnixSocketPath.maximumLength) bytes", meaning: "the state daemon's Unix socket")
    }
    public static let proxyProtocolVariable = "ATM_PROXY_PROTOCOL"

    public static var proxyProtocol: SettingDescription {
        SettingDescription(
            name: proxyProtocolVariable, defaultText: "off", accepted: "off or v2",
            meaning: "v2: each connection starts with a PROXY protocol v2 header (a TLS terminator such as haproxy"
                + " in front) naming the client's address and verified certificate; a connection without one is closed")
    }
    public static var requestLine: IntegerSetting {
        IntegerSetting(
            "ATM_MAX_REQUEST_LINE_BYTES", default: 8192, in: 64...1_048_576, "longest request line; longer is 414")
    }
    public static var headerSection: IntegerSetting {
        IntegerSetting(
            "ATM_MAX_HEADER_BYTES", default: 16384, in: 64...1_048_576, "largest header section; larger is 431")
    }
    public static var body: IntegerSetting {
        IntegerSetting(
            "ATM_MAX_BODY_BYTES", default: 4096, in: 16...1_048_576, "largest request body; larger is 413")
    }
    public static var requestTimeout: IntegerSetting {
        IntegerSetting(
            "ATM_REQUEST_TIMEOUT_MS", default: 10_000, in: 1...3_600_000,
            "deadline for a whole request from its first byte; later is 408")
    }
    public static var headerTimeout: IntegerSetting {
        IntegerSetting(
            "ATM_HEADER_TIMEOUT_MS", default: 3_000, in: 1...3_600_000,
            "deadline for the request head; later is 408 (a quiet close if nothing came)")
    }
    public static var stateTimeout: IntegerSetting {
        IntegerSetting(
            "ATM_STATED_TIMEOUT_MS", default: 1_000, in: 1...60_000,
            "deadline each daemon command carries; unreachable is 503, no answer to a change is 504")
    }
    public static var keepAliveRequests: IntegerSetting {
        IntegerSetting(
            "ATM_KEEP_ALIVE_REQUESTS", default: 1, in: 1...100_000, "requests served on one connection")
    }
    public static var keepAliveIdle: IntegerSetting {
        IntegerSetting(
            "ATM_KEEP_ALIVE_IDLE_MS", default: 5_000, in: 1...3_600_000,
            "wait for the next request on an open connection")
    }

    public static var healthAccountsLimit: IntegerSetting {
        IntegerSetting(
            "ATM_HEALTH_ACCOUNTS_LIMIT", default: HealthQuery.defaultLimit, in: 1...HealthQuery.maximumLimit,
            "most account numbers one /health answer names; past it, pages with next and ?after=")
    }
    public static var pool: IntegerSetting {
        IntegerSetting(
            "ATM_HANDLER_POOL", default: 0, in: 0...64,
            "0: serve the connection on stdin and stdout (a super-server's); N: keep N handlers waiting on the"
                + " listening socket systemd passes (Accept=no), each serving one connection and exiting")
    }

    /// The numeric settings, in the order the help lists them.
    public static var integers: [IntegerSetting] {
        [
            requestLine, headerSection, body, requestTimeout, headerTimeout, stateTimeout, keepAliveRequests,
            keepAliveIdle, healthAccountsLimit, pool,
        ]
    }

    /// Every setting, as the help and the manual list them.
    public static var all: [SettingDescription] { [socket, proxyProtocol] + integers.map { $0.description } }
}
