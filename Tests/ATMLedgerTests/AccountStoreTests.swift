import ATMLedger
import ATMMoney
import Dispatch
import Synchronization
import Testing

private func account(_ digits: String) -> AccountNumber { AccountNumber(Array(digits.utf8))! }

@Suite struct AccountStoreTests {
    private func makeStore() -> AccountStore {
        AccountStore([(account("1001"), Money(cents: 100_000)), (account("1002"), Money(cents: 25_050))])
    }

    @Test func depositAndWithdrawReturnTheNewBalance() throws {
        let store = makeStore()
        #expect(try store.deposit(Money(cents: 1050), to: account("1002")) == Money(cents: 26_100))
        #expect(try store.withdraw(Money(cents: 500), from: account("1002")) == Money(cents: 25_600))
        #expect(try store.balance(of: account("1002")) == Money(cents: 25_600))
    }

    @Test func unknownAccountsAreNotFound() {
        let store = makeStore()
        #expect(throws: StoreError.accountNotFound) { try store.balance(of: account("9")) }
        #expect(throws: StoreError.accountNotFound) { try store.deposit(Money(cents: 1), to: account("9")) }
        #expect(throws: StoreError.accountNotFound) { try store.withdraw(Money(cents: 1), from: account("9")) }
    }

    @Test func aWithdrawalNeverTakesABalanceBelowZeroAndChangesNothingWhenRefused() throws {
        let store = makeStore()
        #expect(throws: StoreError.insufficientFunds) {
            try store.withdraw(Money(cents: 100_001), from: account("1001"))
        }
        #expect(try store.balance(of: account("1001")) == Money(cents: 100_000))
        #expect(try store.withdraw(Money(cents: 100_000), from: account("1001")) == .zero)
    }

    @Test func aDepositPastTheLargestBalanceIsRefusedAndChangesNothing() throws {
        let store = AccountStore([(account("1"), Money(cents: Int64.max - 10))])
        #expect(throws: StoreError.balanceLimitExceeded) { try store.deposit(Money(cents: 11), to: account("1")) }
        #expect(try store.balance(of: account("1")) == Money(cents: Int64.max - 10))
        #expect(try store.deposit(Money(cents: 10), to: account("1")) == .largestBalance)
    }

    @Test func negativeAmountsAreRefused() throws {
        let store = makeStore()
        #expect(throws: StoreError.self) { try store.deposit(Money(cents: -1), to: account("1001")) }
        #expect(throws: StoreError.self) { try store.withdraw(Money(cents: -1), from: account("1001")) }
        #expect(try store.balance(of: account("1001")) == Money(cents: 100_000))
    }

    @Test func createAddsAnAccountOnceAndListSortsInByteOrder() throws {
        let store = makeStore()
        try store.create(account("2"), balance: .zero)
        #expect(throws: StoreError.accountExists) { try store.create(account("2"), balance: Money(cents: 5)) }
        #expect(try store.balance(of: account("2")) == .zero)
        #expect(store.accountNumbers().map(\.digits) == ["1001", "1002", "2"])
        #expect(store.count == 3)
    }

    @Test func concurrentWithdrawalsNeverOverdraw() throws {
        let store = AccountStore([(account("1"), Money(cents: 10_000))])
        let counter = Counter()
        DispatchQueue.concurrentPerform(iterations: 200) { _ in
            if (try? store.withdraw(Money(cents: 100), from: account("1"))) != nil { counter.increment() }
        }
        #expect(counter.value == 100)
        #expect(try store.balance(of: account("1")) == .zero)
    }

    @Test func concurrentDepositsAreAllCounted() throws {
        let store = AccountStore([(account("1"), .zero), (account("2"), .zero)])
        DispatchQueue.concurrentPerform(iterations: 8000) { index in
            _ = try? store.deposit(Money(cents: 1), to: account(index % 2 == 0 ? "1" : "2"))
        }
        #expect(try store.balance(of: account("1")) == Money(cents: 4000))
        #expect(try store.balance(of: account("2")) == Money(cents: 4000))
    }
}

private final class Counter: Sendable {
    private let count = Mutex(0)
    func increment() { count.withLock { $0 += 1 } }
    var value: Int { count.withLock { $0 } }
}
