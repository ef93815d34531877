import ATMCore
import ATMProtocol

/// The `outcome` label: `ok`, `replayed` (an idempotency key's stored outcome), or the `ERR` code.
enum OperationOutcome: Sendable, Hashable, Comparable {
    case ok
    case replayed
    case refused(ErrorCode)

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
        case .refused(let code): return code.name
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
    private static let codes = ErrorCode.allCases
}
