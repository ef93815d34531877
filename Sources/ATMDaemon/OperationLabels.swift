import ATMProtocol

/// The `kind` label of `atm_daemon_operations_total` and the latency histogram: one per command
/// verb, plus `invalid` for a line that is no command. A fixed set, so cardinality stays bounded.
enum OperationKind: String, Sendable, Hashable, CaseIterable, Comparable {
    case ping, help, list, quit, balance, deposit, withdraw, transfer, history, create, metrics, invalid

    init(_ command: StateCommand) {
        switch command {
        case .ping: self = .ping
        case .help: self = .help
        case .list: self = .list
        case .quit: self = .quit
        case .balance: self = .balance
        case .deposit: self = .deposit
        case .withdraw: self = .withdraw
        case .transfer: self = .transfer
        case .history: self = .history
        case .create: self = .create
        }
    }

    static func < (lhs: OperationKind, rhs: OperationKind) -> Bool { lhs.rawValue < rhs.rawValue }

    /// Its place in `allCases`, for a counter table (`allCases` builds a new array each time; this one is built once).
    var index: Int { Self.ordered.firstIndex(of: self)! }
    private static let ordered = allCases
}

/// The `outcome` label: `ok`, `replayed` (an idempotency key's stored outcome), or the `ERR` code.
enum OperationOutcome: Sendable, Hashable, Comparable {
    case ok
    case replayed
    case refused(StateErrorCode)

    init(_ reply: StateReply) {
        switch reply {
        case .replayed: self = .replayed
        case .error(let error): self = .refused(error.code)
        default: self = .ok
        }
    }

    var label: String {
        switch self {
        case .ok: return "ok"
        case .replayed: return "replayed"
        case .refused(let code): return code.rawValue
        }
    }

    static func < (lhs: OperationOutcome, rhs: OperationOutcome) -> Bool { lhs.label < rhs.label }

    /// Every outcome, in the order of ``index``.
    static let all: [OperationOutcome] = [.ok, .replayed] + codes.map { .refused($0) }

    /// Its place in ``all``, for a counter table.
    var index: Int {
        switch self {
        case .ok: return 0
        case .replayed: return 1
        case .refused(let code): return 2 + Self.codes.firstIndex(of: code)!
        }
    }
    private static let codes = StateErrorCode.allCases
}
