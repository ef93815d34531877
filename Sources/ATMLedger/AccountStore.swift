import ATMMoney
import Synchronization

/// Why the store refused an operation; a refused operation changed nothing.
public enum StoreError: Error, Sendable, Hashable {
    case accountNotFound
    case insufficientFunds
    case balanceLimitExceeded
    case accountExists
}

/// Every account's balance, in memory, each behind its own lock.
///
/// The map from number to account has a lock of its own, held only to look an account up or add
/// one; a deposit holds just its account's lock, so work on different accounts never waits.
public final class AccountStore: Sendable {
    private final class Account: Sendable {
        let balance: Mutex<Money>

        init(_ balance: Money) {
            self.balance = Mutex(balance)
        }
    }

    private let accounts: Mutex<[AccountNumber: Account]>

    /// Starts with `initial`; a duplicated number keeps its first balance (callers refuse duplicates earlier).
    public init(_ initial: [(AccountNumber, Money)] = []) {
        var map: [AccountNumber: Account] = [:]
        map.reserveCapacity(initial.count)
        for (number, balance) in initial where map[number] == nil {
            map[number] = Account(balance)
        }
        accounts = Mutex(map)
    }

    private func account(_ number: AccountNumber) throws(StoreError) -> Account {
        guard let account = accounts.withLock({ $0[number] }) else { throw .accountNotFound }
        return account
    }

    /// The current balance.
    public func balance(of number: AccountNumber) throws(StoreError) -> Money {
        try account(number).balance.withLock { $0 }
    }

    /// Adds `amount`; refused, changing nothing, if the balance would pass `Money.largestBalance`.
    public func deposit(_ amount: Money, to number: AccountNumber) throws(StoreError) -> Money {
        let account = try account(number)
        return try account.balance.withLock { (balance: inout Money) throws(StoreError) -> Money in
            guard amount >= .zero, let updated = balance.adding(amount) else { throw .balanceLimitExceeded }
            balance = updated
            return updated
        }
    }

    /// Takes `amount` away; refused, changing nothing, if the balance would go below zero.
    public func withdraw(_ amount: Money, from number: AccountNumber) throws(StoreError) -> Money {
        let account = try account(number)
        return try account.balance.withLock { (balance: inout Money) throws(StoreError) -> Money in
            guard amount >= .zero, amount <= balance, let updated = balance.subtracting(amount) else {
                throw .insufficientFunds
            }
            balance = updated
            return updated
        }
    }

    /// Opens a new account; refused if the number is taken or the balance is negative.
    public func create(_ number: AccountNumber, balance: Money) throws(StoreError) {
        guard balance >= .zero else { throw .balanceLimitExceeded }
        try accounts.withLock { (map: inout [AccountNumber: Account]) throws(StoreError) in
            guard map[number] == nil else { throw .accountExists }
            map[number] = Account(balance)
        }
    }

    /// Every account number, in byte order.
    public func accountNumbers() -> [AccountNumber] {
        accounts.withLock { Array($0.keys) }.sorted()
    }

    /// How many accounts there are.
    public var count: Int {
        accounts.withLock { $0.count }
    }
}
