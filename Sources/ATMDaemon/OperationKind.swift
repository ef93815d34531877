import ATMCore
import ATMProtocol

/// The `kind` label of `atm_daemon_operations_total` and the latency histogram: one per command
/// verb, plus `invalid` for a line that is no command. A fixed set, so cardinality stays bounded.
enum OperationKind: String, Sendable, Hashable, CaseIterable, Comparable {
    case ping, help, list, quit, ready, balance, deposit, withdraw, transfer, history, create, metrics, invalid

    init(_ command: StateCommand) {
        switch command {
        case .ping: self = .ping
        case .help: self = .help
        case .list: self = .list
        case .quit: self = .quit
        case .ready: self = .ready
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
