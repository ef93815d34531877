import ATMCore
import ATMMoney

/// One account: its balance and its recent history.
struct AccountState: Sendable {
    var balance: Money
    var history = HistoryRing()

    init(balance: Money) {
        self.balance = balance
    }
}

extension LedgerChange {
    /// The history entry each account gets for this change, with the change's sequence number as id.
    func historyEntries(sequence: UInt64, timeMilliseconds: Int64) -> [(AccountNumber, HistoryEntry)] {
        func entry(_ kind: HistoryEntry.Kind, _ amount: Money, _ balance: Money, _ other: AccountNumber? = nil)
            -> HistoryEntry
        {
            HistoryEntry(
                id: sequence, timeMilliseconds: timeMilliseconds, kind: kind, amount: amount, balance: balance,
                counterparty: other)
        }
        switch self {
        case .deposit(let account, let amount, let balance): return [(account, entry(.deposit, amount, balance))]
        case .withdrawal(let account, let amount, let balance): return [(account, entry(.withdrawal, amount, balance))]
        case .transfer(let source, let destination, let amount, let sourceBalance, let destinationBalance):
            return [
                (source, entry(.transferOut, amount, sourceBalance, destination)),
                (destination, entry(.transferIn, amount, destinationBalance, source)),
            ]
        case .create, .open, .none: return []
        }
    }

    /// Every account the change touches, with the balance it leaves.
    var resultingBalances: [(AccountNumber, Money)] {
        switch self {
        case .deposit(let account, _, let balance), .withdrawal(let account, _, let balance),
            .create(let account, let balance):
            return [(account, balance)]
        case .transfer(let source, let destination, _, let sourceBalance, let destinationBalance):
            return [(source, sourceBalance), (destination, destinationBalance)]
        case .open(let openings): return openings.map { ($0.account, $0.balance) }
        case .none: return []
        }
    }
}
