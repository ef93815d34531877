import ATMCore

/// The protocol's commands and the ledger's operations: every command but PING, HELP, QUIT and READY (which
/// the protocol answers itself, READY by asking the store's readiness) is one operation.
extension StateCommand {
    /// The ledger operation this command asks for; nil for the protocol's own commands.
    public var operation: LedgerOperation? {
        switch self {
        case .ping, .help, .quit, .ready: return nil
        case .list(let page): return .list(page)
        case .balance(let account): return .balance(account)
        case .history(let account, let limit, let before): return .history(account, limit: limit, before: before)
        case .deposit(let amount, let account): return .deposit(amount, to: account)
        case .withdraw(let amount, let account): return .withdraw(amount, from: account)
        case .transfer(let amount, let source, let destination): return .transfer(amount, from: source, to: destination)
        case .create(let account, let balance): return .create(account, balance: balance)
        }
    }

    /// The command that asks for `operation`.
    public init(_ operation: LedgerOperation) {
        switch operation {
        case .list(let page): self = .list(page)
        case .balance(let account): self = .balance(account)
        case .history(let account, let limit, let before): self = .history(account, limit: limit, before: before)
        case .deposit(let amount, let account): self = .deposit(amount, to: account)
        case .withdraw(let amount, let account): self = .withdraw(amount, from: account)
        case .transfer(let amount, let source, let destination): self = .transfer(amount, from: source, to: destination)
        case .create(let account, let balance): self = .create(account, balance: balance)
        }
    }
}

extension StateReply {
    /// The reply line for a ledger outcome; a refusal carries its code's message from the one table.
    public init(_ outcome: LedgerOutcome) {
        switch outcome {
        case .balance(let account, let balance): self = .balance(account, balance)
        case .accounts(let accounts): self = .accounts(accounts)
        case .history(let account, let entries): self = .history(account, entries)
        case .refused(let code): self = .error(ProtocolError(code))
        case .replayed(let original): self = .replayed(StateReply(original))
        }
    }
}
