#if PostgreSQL
    import ATMCore
    import ATMMoney
    import ATMPostgres

    /// The account spelled `digits` (the tests name only valid ones).
    func number(_ digits: String) -> AccountNumber {
        guard let account = AccountNumber(Array(digits.utf8)) else { preconditionFailure("not an account: \(digits)") }
        return account
    }

    /// A context due `milliseconds` from now, keyed by `key` (which is also its request id) when given.
    func context(key: String? = nil, milliseconds: Int = 5000) -> OperationContext {
        OperationContext(
            deadline: PostgresDeadline.after(milliseconds: milliseconds).operationDeadline,
            idempotencyKey: key.flatMap { IdempotencyKey(Array($0.utf8)[...]) },
            requestID: key.flatMap { RequestID(Array($0.utf8)[...]) })
    }

    /// The store's operations spelled shortly, with account numbers and cents as literals.
    extension PostgresLedger {
        func deposit(_ cents: Int64, to account: String, key: String? = nil, milliseconds: Int = 5000)
            -> LedgerOutcome
        {
            perform(.deposit(Money(cents: cents), to: number(account)), context(key: key, milliseconds: milliseconds))
        }

        func withdraw(_ cents: Int64, from account: String, key: String? = nil) -> LedgerOutcome {
            perform(.withdraw(Money(cents: cents), from: number(account)), context(key: key))
        }

        func transfer(_ cents: Int64, from source: String, to destination: String, key: String? = nil)
            -> LedgerOutcome
        {
            perform(.transfer(Money(cents: cents), from: number(source), to: number(destination)), context(key: key))
        }

        func balance(of account: String) -> LedgerOutcome { perform(.balance(number(account)), context()) }

        func history(of account: String, limit: Int, before: UInt64? = nil) -> LedgerOutcome {
            perform(.history(number(account), limit: limit, before: before), context())
        }

        func create(_ account: String, balance cents: Int64) -> LedgerOutcome {
            perform(.create(number(account), balance: Money(cents: cents)), context())
        }

        func seedIfEmpty(_ accounts: [(String, Int64)]) throws(PostgresFailure) -> Bool {
            try seedIfEmpty(accounts.map { (account: number($0.0), balance: Money(cents: $0.1)) })
        }
    }

    extension LedgerOutcome {
        /// The balance `account` holds `cents` (asked for, or left by a change).
        static func balance(_ account: String, _ cents: Int64) -> LedgerOutcome {
            .balance(number(account), Money(cents: cents))
        }

        /// An applied change (or a read) leaving `cents`.
        func isApplied(cents expected: Int64) -> Bool {
            if case .balance(_, let balance) = self { return balance.cents == expected }
            return false
        }

        var isBalance: Bool {
            if case .balance = self { return true }
            return false
        }
    }
#endif
