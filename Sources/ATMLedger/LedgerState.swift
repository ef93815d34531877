import ATMBytes
import ATMCore
import ATMMoney

/// The whole ledger as a plain value: what recovery rebuilds from a snapshot and the journal, and
/// what compaction folds records into.
///
/// Every record is checked against the state it lands on (the account exists, the balance it
/// names is the arithmetic's result), so a journal that does not add up is refused, never believed.
public struct LedgerState: Sendable {
    var accounts: [AccountNumber: AccountState] = [:]
    var keys: IdempotencyTable
    public let historyCapacity: Int
    /// The sequence number of the last record folded in (0 for none).
    public internal(set) var lastSequence: UInt64 = 0

    /// Why a record or snapshot cannot be applied.
    public struct ReplayError: Error, Sendable, Hashable, CustomStringConvertible {
        public let sequence: UInt64
        public let reason: String
        public var description: String {
            sequence == 0 ? "snapshot: \(reason)" : "record \(sequence): \(reason)"
        }
    }

    public init(historyCapacity: Int, idempotencyKeys: Int) {
        self.historyCapacity = historyCapacity
        keys = IdempotencyTable(capacity: idempotencyKeys)
    }

    public var accountCount: Int { accounts.count }

    /// The balance of `account`, if it exists.
    public func balance(of account: AccountNumber) -> Money? {
        accounts[account]?.balance
    }

    /// Applies one record that the journal returned with `sequence`.
    public mutating func apply(_ payload: [UInt8], sequence: UInt64) throws(ReplayError) {
        let record: LedgerRecord
        do {
            record = try LedgerRecord(decoding: payload)
        } catch {
            throw ReplayError(sequence: sequence, reason: error.reason)
        }
        try apply(record, sequence: sequence)
    }

    /// Applies one decoded record, checking it against the state.
    public mutating func apply(_ record: LedgerRecord, sequence: UInt64) throws(ReplayError) {
        func fail(_ reason: String) -> ReplayError { ReplayError(sequence: sequence, reason: reason) }
        guard sequence > lastSequence else { throw fail("sequence does not increase") }
        switch record.change {
        case .deposit(let account, let amount, let balance):
            guard let old = accounts[account]?.balance else { throw fail("deposit to a missing account") }
            guard old.adding(amount) == balance else { throw fail("deposit does not add up") }
        case .withdrawal(let account, let amount, let balance):
            guard let old = accounts[account]?.balance else { throw fail("withdrawal from a missing account") }
            guard old.subtracting(amount) == balance, balance >= .zero else {
                throw fail("withdrawal does not add up")
            }
        case .transfer(let source, let destination, let amount, let sourceBalance, let destinationBalance):
            guard source != destination, let from = accounts[source]?.balance, let to = accounts[destination]?.balance
            else { throw fail("transfer between missing accounts") }
            guard from.subtracting(amount) == sourceBalance, sourceBalance >= .zero,
                to.adding(amount) == destinationBalance
            else { throw fail("transfer does not add up") }
        case .create(let account, let balance):
            guard accounts[account] == nil else { throw fail("account created twice") }
            guard balance >= .zero else { throw fail("negative opening balance") }
            accounts[account] = AccountState(balance: balance)
        case .open(let openings):
            for opening in openings {
                guard accounts[opening.account] == nil else { throw fail("account opened twice") }
                guard opening.balance >= .zero else { throw fail("negative opening balance") }
                accounts[opening.account] = AccountState(balance: opening.balance)
            }
        case .none:
            break
        }
        for (account, balance) in record.change.resultingBalances {
            accounts[account]?.balance = balance
        }
        for (account, entry) in record.change.historyEntries(
            sequence: sequence, timeMilliseconds: record.timeMilliseconds)
        {
            accounts[account]?.history.append(entry, capacity: historyCapacity)
        }
        if let outcome = record.keyOutcome {
            keys.finish(
                outcome.key, operation: outcome.operation, outcome: outcome.outcome,
                timeMilliseconds: record.timeMilliseconds)
        }
        lastSequence = sequence
    }

    /// Opens accounts without a journal (memory mode, or before the first record); duplicates keep the first.
    public mutating func open(_ initial: [(AccountNumber, Money)]) {
        accounts.reserveCapacity(initial.count)
        for (account, balance) in initial where accounts[account] == nil {
            accounts[account] = AccountState(balance: balance)
        }
    }
}
