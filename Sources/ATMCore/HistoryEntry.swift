import ATMMoney

/// One applied change as an account's history shows it: the change's sequence number, when, what, how
/// much, the balance right after it, and for transfers the other account.
public struct HistoryEntry: Sendable, Hashable {
    /// What the change did to this account; the raw values are the API's `type` words.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case deposit
        case withdrawal
        case transferIn = "transfer_in"
        case transferOut = "transfer_out"

        /// Whether the other account is named (transfers always, others never).
        public var hasCounterparty: Bool { self == .transferIn || self == .transferOut }
    }

    public let id: UInt64
    /// Wall-clock time of the change, milliseconds since the Unix epoch (UTC).
    public let timeMilliseconds: Int64
    public let kind: Kind
    public let amount: Money
    public let balance: Money
    public let counterparty: AccountNumber?

    public init(
        id: UInt64, timeMilliseconds: Int64, kind: Kind, amount: Money, balance: Money,
        counterparty: AccountNumber? = nil
    ) {
        self.id = id
        self.timeMilliseconds = timeMilliseconds
        self.kind = kind
        self.amount = amount
        self.balance = balance
        self.counterparty = counterparty
    }
}
