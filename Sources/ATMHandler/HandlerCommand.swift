import ATMSystem

/// What `atm-handler`'s command line asks for. Super-servers start it with no arguments, to serve; the
/// flags answer an operator's questions and exit, and anything else is refused, so a typo in a unit's
/// `ExecStart=` fails loudly instead of serving with a setting silently ignored.
public enum HandlerCommand: Sendable, Equatable {
    case serve
    case help
    case version
    case manualPage
    /// Checks the environment's settings and exits, before a pool or a front starts with them.
    case check
    /// An argument that is not one of the flags, as given.
    case unknown(String)

    public static func parse(_ arguments: [String]) -> HandlerCommand {
        guard let first = arguments.first else { return .serve }
        let command: HandlerCommand
        switch first {
        case "--help", "-h": command = .help
        case "--version": command = .version
        case "--man": command = .manualPage
        case "--check": command = .check
        default: return .unknown(first)
        }
        return arguments.count == 1 ? command : .unknown(arguments[1])
    }

    /// The manual `--help` and `--man` print: what the handler is, its flags and every setting.
    public static var manual: CommandManual {
        CommandManual(
            name: "atm-handler",
            summary: "serve one HTTP/1.1 client connection of the ATM service",
            synopsis: ["", "--check", "--help | --version | --man"],
            description: [
                "atm-handler is started by a super-server (a systemd socket unit with Accept=yes, xinetd or socat) "
                    + "once per TCP connection, with the connection on standard input and output. It reads one "
                    + "HTTP/1.1 request (more with ATM_KEEP_ALIVE_REQUESTS), asks atm-stated over its Unix socket, "
                    + "answers, and exits. It holds no state: a crash costs one connection, never a balance.",
                "With ATM_HANDLER_POOL=N it is instead started once, with a listening socket passed as systemd "
                    + "passes it (LISTEN_FDS, a socket unit with Accept=no): it keeps N copies of itself waiting "
                    + "in accept(2), each serves one connection as above and exits, and another is started as "
                    + "soon as one takes a connection, so no client waits for a process to start. SIGTERM "
                    + "stops the waiting ones and lets the serving ones finish.",
                "It writes one access line per request to standard error unless standard error is the client's "
                    + "socket (inetd and xinetd pass the socket as descriptors 0, 1 and 2). Behind the shipped "
                    + "HTTPS front (haproxy, ATM_PROXY_PROTOCOL=v2) the PROXY header names the client and its "
                    + "address; behind stunnel SSL_CLIENT_DN names the client; else REMOTE_ADDR or the socket's "
                    + "peer is its address.",
                "A setting that is set but invalid is not guessed at: every request is answered 500 and the "
                    + "access log names the setting. The HTTP API is docs/http-api.md.",
            ],
            options: [
                .init("--check", "check the ATM_* settings in the environment: exit 0, or 78 naming the one refused"),
                .init("--help", "print this help and exit"),
                .init("--version", "print the release and the build (Embedded Swift on musl, or standard) and exit"),
                .init("--man", "print the manual page atm-handler(8) in man(7) format and exit"),
            ],
            settings: HandlerSettings.all,
            exits: [
                .init(.success, "the connection was served (whatever the HTTP status), or a flag was answered"),
                .init(.usage, "an unknown argument"),
                .init(
                    .configuration,
                    "--check, or with ATM_HANDLER_POOL: an invalid setting; with ATM_HANDLER_POOL: no listening socket"),
            ],
            seeAlso: ["atm-stated(8)", "systemd.socket(5)", "xinetd.conf(5)", "haproxy(1)", "stunnel(8)"],
            version: "\(Release.version) (\(build))")
    }

    /// How this binary was built, for `--version`.
    public static var build: String {
        #if hasFeature(Embedded)
            "Embedded Swift, musl, static"
        #else
            "standard Swift build"
        #endif
    }

    /// Answers a command other than ``serve`` on `output`; an unknown argument is reported through `log`
    /// (never onto a client's socket) and is exit status 64.
    public func answer(output: FileDescriptor, log: AccessLog) -> ExitStatus {
        let text: String
        switch self {
        case .serve: return .success
        case .help: text = Self.manual.helpText
        case .version: text = Self.manual.versionLine + "\n"
        case .manualPage: text = Self.manual.manPage
        case .check:
            let settings = Environment.Snapshot(prefix: "ATM_")
            guard case .failure(let error) = HandlerConfiguration.parse(environment: settings.value) else {
                return .success
            }
            AccessLog(standardError: .standardError).note("refusing the settings: \(error.description)")
            return .configuration
        case .unknown(let argument):
            log.note("unknown argument \(argument.debugDescription); see atm-handler --help")
            return .usage
        }
        return (try? output.writeAll(Array(text.utf8), until: .after(milliseconds: 10_000))) != nil
            ? .success : .systemError
    }
}
