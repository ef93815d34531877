import ATMMoney

/// What a client asks of the ledger, in the ledger's own terms: accounts and money, no wire words.
///
/// Every store (memory, PostgreSQL) carries out exactly these; a protocol decodes into them at its edge.
public enum LedgerOperation: Sendable, Hashable {
    case balance(AccountNumber)
    /// The newest `limit` applied changes of an account, older than the change `before` when given.
    case history(AccountNumber, limit: Int, before: UInt64?)
    /// Account numbers in byte order: every one, or a page of them.
    case list(AccountPage)
    case deposit(Money, to: AccountNumber)
    case withdraw(Money, from: AccountNumber)
    /// Moves money between two different accounts: both change or neither.
    case transfer(Money, from: AccountNumber, to: AccountNumber)
    /// Opens an account (operators only).
    case create(AccountNumber, balance: Money)

    /// The most history entries one operation may ask for.
    public static let maximumHistoryLimit = 100

    /// Whether the operation moves money, and so may carry an idempotency key.
    public var movesMoney: Bool {
        switch self {
        case .deposit, .withdraw, .transfer: return true
        case .balance, .history, .list, .create: return false
        }
    }

    /// Whether the operation changes state (and so must be durable before it is answered).
    public var isChange: Bool {
        if case .create = self { return true }
        return movesMoney
    }

    /// The account the operation is about, if it names one (the source of a transfer).
    public var account: AccountNumber? {
        switch self {
        case .balance(let account), .history(let account, _, _), .deposit(_, let account),
            .withdraw(_, let account), .transfer(_, let account, _), .create(let account, _):
            return account
        case .list:
            return nil
        }
    }

    /// Every account the operation names, the source first.
    public var accounts: [AccountNumber] {
        switch self {
        case .transfer(_, let source, let destination): return [source, destination]
        default: return account.map { [$0] } ?? []
        }
    }
}
