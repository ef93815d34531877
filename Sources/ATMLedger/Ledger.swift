import ATMDaemonSystem
import ATMMoney
import ATMProtocol
import ATMSystem
import Synchronization

/// Every account in memory, each behind its own lock, and the rules of money: the daemon's ledger.
///
/// The map from number to account has a lock of its own, held only to look an account up or add
/// one; a change holds just its accounts' locks (two, in account order, for a transfer, so
/// opposite transfers cannot deadlock) from the deadline check through the durable commit to
/// the update, so nothing is applied or answered before it is durable, and nothing after its
/// deadline.
public final class Ledger: Sendable {
    final class Account: Sendable {
        let state: Mutex<AccountState>

        init(_ state: AccountState) {
            self.state = Mutex(state)
        }
    }

    let accounts: ReadWriteLock<[AccountNumber: Account]>
    let keys: Mutex<IdempotencyTable>
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
        keys = Mutex(state.keys)
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

    func account(_ number: AccountNumber) -> Account? {
        accounts.withReadLock { $0[number] }
    }

    /// Carries out one request and says how it went, as the reply line to send.
    public func reply(to request: StateRequest) -> StateReply {
        switch request.command {
        case .ping: return .pong
        case .help: return .help
        case .quit: return .bye
        case .list: return .accounts(accounts.withReadLock { Array($0.keys) }.sorted())
        case .balance(let number):
            guard let account = account(number) else { return .error(Self.notFound) }
            return .balance(number, account.state.withLock { $0.balance })
        case .history(let number, let limit, let before):
            guard let account = account(number) else { return .error(Self.notFound) }
            return .history(number, account.state.withLock { $0.history.newest(limit, before: before) })
        case .create(let number, let balance):
            return create(number, balance: balance, request: request)
        case .deposit, .withdraw, .transfer:
            return move(request)
        }
    }

    static let notFound = ProtocolError(.notFound, "account not found")
    static let expired = ProtocolError(.expired, "the command's deadline passed before it could be applied")
    static let unavailable = ProtocolError(
        .unavailable, "changes are refused: the journal could not be written; restart atm-stated")
    static let unknown = ProtocolError(
        .unknown, "the journal's fsync failed: this change may or may not survive a restart")

    /// Whether `request`'s deadline has passed.
    func hasExpired(_ request: StateRequest) -> Bool {
        guard let deadline = request.deadline else { return false }
        return services.monotonicMilliseconds() > deadline.milliseconds
    }

    /// Makes `record` durable: its sequence number, or the error to answer; after a failure every
    /// later change is refused until a restart (an fsync is never retried on the same file).
    func commit(_ record: LedgerRecord) -> Result<UInt64, ProtocolError> {
        guard !refusesChanges else { return .failure(Self.unavailable) }
        switch services.commit(record.encoded) {
        case .durable(let sequence): return .success(sequence)
        case .notApplied:
            isRefusingChanges.store(true, ordering: .relaxed)
            return .failure(Self.unavailable)
        case .unknown:
            isRefusingChanges.store(true, ordering: .relaxed)
            return .failure(Self.unknown)
        }
    }

    private func create(_ number: AccountNumber, balance: Money, request: StateRequest) -> StateReply {
        guard !refusesChanges else { return .error(Self.unavailable) }
        return accounts.withWriteLock { map -> StateReply in
            guard map[number] == nil else { return .error(ProtocolError(.exists, "account already exists")) }
            guard !hasExpired(request) else { return .error(Self.expired) }
            let record = LedgerRecord(
                change: .create(number, balance: balance), timeMilliseconds: services.wallMilliseconds(),
                requestID: request.requestID, identity: request.identity)
            let sequence: UInt64
            switch commit(record) {
            case .success(let committed): sequence = committed
            case .failure(let error): return .error(error)
            }
            map[number] = Account(AccountState(balance: balance))
            services.audit(record, sequence)
            return .balance(number, balance)
        }
    }
}
