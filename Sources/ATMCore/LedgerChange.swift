import ATMMoney

/// One applied change, with the balances it left: what a journal record holds, what an audit line says, and
/// what a store's replay checks against the arithmetic.
public enum LedgerChange: Sendable, Hashable {
    case deposit(AccountNumber, amount: Money, balance: Money)
    case withdrawal(AccountNumber, amount: Money, balance: Money)
    case transfer(from: AccountNumber, to: AccountNumber, amount: Money, fromBalance: Money, toBalance: Money)
    case create(AccountNumber, balance: Money)
    /// The accounts a new journal starts with (PRELOAD_ACCOUNTS), many to a record.
    case open([Opening])
    /// A refusal (account not found, insufficient funds, …) stored only for its idempotency key.
    case none
}

extension LedgerChange {
    /// One account a new journal opens with.
    public struct Opening: Sendable, Hashable {
        public let account: AccountNumber
        public let balance: Money

        public init(_ account: AccountNumber, _ balance: Money) {
            self.account = account
            self.balance = balance
        }
    }
}
