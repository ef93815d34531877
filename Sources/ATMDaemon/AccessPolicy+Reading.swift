import ATMCore
import ATMMoney
import ATMProtocol

extension AccessPolicy {
    /// Which accounts an identity may read, found once per LIST rather than once per account and rule.
    public enum ReadableAccounts: Sendable, Hashable {
        /// Every account (no policy, or a rule that reads `*` accounts).
        case all
        /// No account: no identity, or no rule that lets it read any.
        case none
        /// The accounts in these ranges.
        case ranges([ClosedRange<AccountOrder>])

        /// Whether `account` is one of them.
        public func contains(_ account: AccountNumber) -> Bool {
            switch self {
            case .all: return true
            case .none: return false
            case .ranges(let ranges):
                let order = AccountOrder(account)
                return ranges.contains { $0.contains(order) }
            }
        }
    }

    /// The operations that read an account, and so let LIST name it: its balance or its history.
    public static let readingOperations: [Operation] = [.balance, .history]

    /// The accounts `identity` may read (a rule for it gives `balance` or `history` on them): what LIST, and
    /// so `/health`, names to it under a policy. None without an identity: the policy needs one for every
    /// account, and the list of account numbers is itself worth keeping from strangers.
    public func readableAccounts(identity: ClientSubject?) -> ReadableAccounts {
        guard let identity else { return .none }
        var ranges: [ClosedRange<AccountOrder>] = []
        for rule in rules {
            if let wanted = rule.identity, wanted != identity { continue }
            if let operations = rule.operations, !Self.readingOperations.contains(where: operations.contains) {
                continue
            }
            guard let accounts = rule.accounts else { return .all }
            ranges += accounts
        }
        return ranges.isEmpty ? .none : .ranges(ranges)
    }
}
