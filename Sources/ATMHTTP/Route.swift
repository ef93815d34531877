import ATMCore

/// The service's paths. An account segment that is not 1 to 32 digits still matches its route,
/// so a wrong method is 405 and a right one is 404 `account not found`.
public enum Route: Sendable, Hashable {
    case health
    case openAPI
    case docs
    case balance(AccountNumber?)
    case deposit(AccountNumber?)
    case withdraw(AccountNumber?)

    /// The route for `path`, or `nil` for an unknown path.
    public init?(path: [UInt8]) {
        switch path {
        case Array("/health".utf8): self = .health
        case Array("/openapi.json".utf8): self = .openAPI
        case Array("/docs".utf8): self = .docs
        default:
            let prefix = Array("/accounts/".utf8)
            guard path.starts(with: prefix) else { return nil }
            let rest = path[prefix.count...]
            guard let slash = rest.firstIndex(of: UInt8(ascii: "/")) else { return nil }
            let account = AccountNumber(rest[..<slash])
            switch Array(rest[(slash + 1)...]) {
            case Array("balance".utf8): self = .balance(account)
            case Array("deposit".utf8): self = .deposit(account)
            case Array("withdraw".utf8): self = .withdraw(account)
            default: return nil
            }
        }
    }

    /// The methods this route answers; HEAD goes with every GET.
    public var allowedMethods: [HTTPRequestHead.Method] {
        switch self {
        case .health, .openAPI, .docs, .balance: return [.GET, .HEAD]
        case .deposit, .withdraw: return [.POST]
        }
    }

    /// The `Allow` field value for a 405.
    public var allowHeader: String {
        allowedMethods.map(\.rawValue).joined(separator: ", ")
    }
}
