import ATMCore
import ATMLedger
import ATMMoney
import Synchronization

func account(_ digits: String) -> AccountNumber { AccountNumber(Array(digits.utf8))! }

func money(_ cents: Int64) -> Money { Money(cents: cents) }

/// A journal in memory: every committed record, in order, and a switch that makes commits fail.
final class RecordingJournal: Sendable {
    private let records = Mutex<[(UInt64, [UInt8])]>([])
    let failsCommits = Atomic<Bool>(false)
    /// Called inside each commit, before it succeeds (to act while a change holds its locks).
    let duringCommit = Mutex<(@Sendable () -> Void)?>(nil)

    var committed: [(UInt64, [UInt8])] { records.withLock { $0 } }

    /// How a failing commit fails.
    let failure = Mutex<CommitOutcome>(.notApplied)

    func commit(_ payload: [UInt8]) -> CommitOutcome {
        if let hook = duringCommit.withLock({ $0 }) { hook() }
        guard !failsCommits.load(ordering: .relaxed) else { return failure.withLock { $0 } }
        return records.withLock { list in
            let sequence = UInt64(list.count + 1)
            list.append((sequence, payload))
            return .durable(sequence: sequence)
        }
    }
}

/// A clock the test moves by hand.
final class ManualClock: Sendable {
    let monotonic = Atomic<Int64>(1_000)
    let wall = Atomic<Int64>(1_764_000_000_000)
}

func makeLedger(
    _ accounts: [(String, Int64)], journal: RecordingJournal = RecordingJournal(), clock: ManualClock = ManualClock(),
    history: Int = 100, keys: Int = 1000
) -> Ledger {
    var state = LedgerState(historyCapacity: history, idempotencyKeys: keys)
    state.open(accounts.map { (account($0.0), money($0.1)) })
    return Ledger(
        state,
        services: LedgerServices(
            commit: { journal.commit($0) }, monotonicMilliseconds: { clock.monotonic.load(ordering: .relaxed) },
            wallMilliseconds: { clock.wall.load(ordering: .relaxed) }))
}

extension Ledger {
    func run(_ operation: LedgerOperation, key: String? = nil, deadline: Int64? = nil) -> LedgerOutcome {
        perform(
            operation,
            OperationContext(
                deadline: deadline.map { OperationDeadline(monotonicMilliseconds: $0) },
                idempotencyKey: key.map { IdempotencyKey(Array($0.utf8)[...])! }))
    }

    func balance(_ digits: String) -> Money? {
        if case .balance(_, let balance) = run(.balance(account(digits))) { return balance }
        return nil
    }
}
