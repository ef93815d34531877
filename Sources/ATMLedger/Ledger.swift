import ATMCore
import ATMDaemonSystem
import ATMMoney
import ATMSystem
import Synchronization

/// Every account in memory, each behind its own lock, and the rules of money: the daemon's ledger.
///
/// The map from number to account has a lock of its own, held only to look an account up or add
/// one; a change holds just its accounts' locks (two, in account order, for a transfer, so
/// opposite transfers cannot deadlock) from the deadline check through the durable commit to
/// the update, so nothing is applied or answered before it is durable, and nothing after its
/// deadline. Account creations take turns on a lock of their own across their commit, so that no
/// lookup waits for a journal's sync.
public final class Ledger: LedgerStore {
    final class Account: Sendable {
        let state: Mutex<AccountState>

        init(_ state: AccountState) {
            self.state = Mutex(state)
        }
    }

    let accounts: ReadWriteLock<[AccountNumber: Account]>
    /// Every account number in byte order, so that LIST's page is a binary search and a slice, not a sort
    /// of the whole bank. An account joins it after it joins ``accounts``, once durable.
    let numbers: ReadWriteLock<[AccountNumber]>
    let keys: IdempotencyShards
    /// Held by one account creation at a time, from its check that the number is free to its insertion.
    let creation = Mutex<Void>(())
    let services: LedgerServices
    let historyCapacity: Int
    /// Set once a commit has failed: from then on changes are refused until a restart.
    let isRefusingChanges = Atomic<Bool>(false)

    /// A ledger holding `state` (recovered from a journal, or opened from PRELOAD_ACCOUNTS).
    public init(_ state: LedgerState, services: LedgerServices) {
        var map: [AccountNumber: Account] = [:]
        map.reserveCapacity(state.accounts.count)
        for (number, account) in state.accounts {
            map[number] = Account(account)
        }
        accounts = ReadWriteLock(map)
        numbers = ReadWriteLock(map.keys.sorted())
        keys = IdempotencyShards(state.keys)
        historyCapacity = state.historyCapacity
        self.services = services
    }

    /// How many accounts there are.
    public var count: Int {
        accounts.withReadLock { $0.count }
    }

    /// Whether a failed commit has stopped all changes.
    public var refusesChanges: Bool {
        isRefusingChanges.load(ordering: .relaxed)
    }

    /// Not ready once a commit has failed, or once the journal refuses appends (a failed rotation or
    /// compaction poisons it before any change has met the failure): both mean every change is refused.
    public func readiness() -> LedgerReadiness {
        if refusesChanges || services.isDurabilityLost() {
            return .notReady("the journal refuses changes (a write or sync failed); restart atm-stated")
        }
        return .ready
    }

    func account(_ number: AccountNumber) -> Account? {
        accounts.withReadLock { $0[number] }
    }

    /// Carries out one operation and says how it went.
    public func perform(_ operation: LedgerOperation, _ context: OperationContext) -> LedgerOutcome {
        switch operation {
        case .list(let page): return .accounts(numbers.withReadLock { Array(page.slice(of: $0)) })
        case .balance(let number):
            guard let account = account(number) else { return .refused(.notFound) }
            return .balance(number, account.state.withLock { $0.balance })
        case .history(let number, let limit, let before):
            guard let account = account(number) else { return .refused(.notFound) }
            return .history(number, account.state.withLock { $0.history.newest(limit, before: before) })
        case .create(let number, let balance):
            return create(number, balance: balance, context)
        case .deposit, .withdraw, .transfer:
            return move(operation, context)
        }
    }

    /// Whether the operation's deadline has passed.
    func hasExpired(_ context: OperationContext) -> Bool {
        context.deadline?.hasPassed(at: services.monotonicMilliseconds()) ?? false
    }

    /// Makes `record` durable: its sequence number, or the refusal to answer; after a failure every
    /// later change is refused until a restart (an fsync is never retried on the same file).
    func commit(_ record: LedgerRecord) -> Result<UInt64, ErrorCode> {
        guard !refusesChanges else { return .failure(.unavailable) }
        switch services.commit(record.encoded) {
        case .durable(let sequence): return .success(sequence)
        case .notApplied:
            isRefusingChanges.store(true, ordering: .relaxed)
            return .failure(.unavailable)
        case .unknown:
            isRefusingChanges.store(true, ordering: .relaxed)
            return .failure(.unknown)
        }
    }

    /// Opens an account: durable first, then in the map. Creations take turns on ``creation``, so two
    /// creations of one number cannot both pass the check, while lookups and changes of other accounts
    /// go on during the commit (the new account cannot be seen, or changed, before it is durable).
    private func create(_ number: AccountNumber, balance: Money, _ context: OperationContext) -> LedgerOutcome {
        guard !refusesChanges else { return .refused(.unavailable) }
        return creation.withLock { _ -> LedgerOutcome in
            guard account(number) == nil else { return .refused(.exists) }
            guard !hasExpired(context) else { return .refused(.expired) }
            let record = LedgerRecord(
                change: .create(number, balance: balance), timeMilliseconds: services.wallMilliseconds(),
                requestID: context.requestID, identity: context.identity, trace: context.trace)
            let sequence: UInt64
            switch commit(record) {
            case .success(let committed): sequence = committed
            case .failure(let code): return .refused(code)
            }
            accounts.withWriteLock { $0[number] = Account(AccountState(balance: balance)) }
            numbers.withWriteLock { sorted in
                sorted.insert(number, at: AccountPage(after: number).slice(of: sorted).startIndex)
            }
            services.audit(record, sequence)
            return .balance(number, balance)
        }
    }
}
