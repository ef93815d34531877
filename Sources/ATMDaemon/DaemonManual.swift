import ATMSystem

/// `atm-stated --help`, `--version` and `--man`: what the daemon is, its flags and every setting
/// (``DaemonSettings``), written once.
public enum DaemonManual {
    public static var manual: CommandManual {
        CommandManual(
            name: "atm-stated",
            summary: "own the ATM service's account balances and serve them over a Unix socket",
            synopsis: ["[--socket PATH] [--journal PATH]", "--help | --version | --man"],
            description: [
                "atm-stated owns every account balance behind per-account locks and serves the line protocol "
                    + "of docs/protocol.md on a Unix stream socket (or on the socket systemd passes, LISTEN_FDS) "
                    + "to atm-handler, one connection per handler. It never parses HTTP, and checks every line again.",
                "Balances live in memory by default; with a journal (--journal) every change is on disk before "
                    + "it is answered and a restart loses nothing acknowledged; with ATM_STATED_STORE a PostgreSQL "
                    + "database holds them and several daemons on several hosts share it.",
                "It logs to standard error (under systemd, the journal): one line at start, one audit line per "
                    + "change. SIGTERM or SIGINT stops it after the commands in flight are answered.",
            ],
            options: [
                .init(
                    "--socket", argument: "PATH",
                    "serve on PATH (default: ATM_STATED_SOCKET, else \(DaemonConfiguration.defaultSocketPath))"),
                .init(
                    "--journal", argument: "PATH",
                    "make every change durable in this journal (default: ATM_STATED_JOURNAL)"),
                .init("--help", "print this help and exit"),
                .init("--version", "print the release and the build's stores and traits and exit"),
                .init("--man", "print the manual page atm-stated(8) in man(7) format and exit"),
            ],
            settings: DaemonSettings.all,
            exits: [
                .init(.success, "stopped by SIGTERM or SIGINT, or a flag was answered"),
                .init(.usage, "an unknown argument, or a flag without its value"),
                .init(.dataError, "the journal is damaged where a crash cannot explain it (docs/journal.md)"),
                .init(
                    .unavailable,
                    "another daemon serves the socket or holds the journal, or the database cannot be used"),
                .init(.systemError, "a system call failed"),
                .init(.cannotCreate, "the socket path is taken by something that is not a socket"),
                .init(.configuration, "a setting, the policy file or the preload accounts are invalid"),
            ],
            seeAlso: [
                "atm-handler(8)", "systemd.socket(5)", "docs/protocol.md", "docs/journal.md", "docs/postgresql.md",
            ],
            version: "\(Release.version) (\(build))")
    }

    /// The stores and package traits this binary was built with, for `--version`.
    public static var build: String {
        #if PostgreSQL
            "stores: memory, PostgreSQL; traits: PostgreSQL"
        #elseif StaticStated
            "stores: memory; traits: StaticStated"
        #else
            "stores: memory; traits: none"
        #endif
    }
}
