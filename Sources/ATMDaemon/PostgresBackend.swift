import ATMCore
import ATMProtocol

/// A ``LedgerStore`` (the PostgreSQL store) behind the wire protocol, until the protocol edge decodes requests
/// into operations itself: PING, HELP and QUIT are answered here, everything else by the store.
public struct PostgresBackend: StateBackend {
    let store: any LedgerStore

    public init(_ store: any LedgerStore) { self.store = store }

    public func reply(to request: StateRequest) -> StateReply {
        let context = OperationContext(
            deadline: request.deadline.map { OperationDeadline(monotonicMilliseconds: $0.milliseconds) },
            idempotencyKey: request.idempotencyKey, requestID: request.requestID, identity: request.identity)
        switch request.command {
        case .ping: return .pong
        case .help: return .help
        case .quit: return .bye
        case .list: return Self.reply(store.perform(.list, context))
        case .balance(let account): return Self.reply(store.perform(.balance(account), context))
        case .history(let account, let limit, let before):
            return Self.reply(store.perform(.history(account, limit: limit, before: before), context))
        case .deposit(let amount, let account): return Self.reply(store.perform(.deposit(amount, to: account), context))
        case .withdraw(let amount, let account):
            return Self.reply(store.perform(.withdraw(amount, from: account), context))
        case .transfer(let amount, let source, let destination):
            return Self.reply(store.perform(.transfer(amount, from: source, to: destination), context))
        case .create(let account, let balance):
            return Self.reply(store.perform(.create(account, balance: balance), context))
        }
    }

    static func reply(_ outcome: LedgerOutcome) -> StateReply {
        switch outcome {
        case .balance(let account, let balance): return .balance(account, balance)
        case .accounts(let accounts): return .accounts(accounts)
        case .history(let account, let entries): return .history(account, entries)
        case .refused(let code): return .error(ProtocolError(code))
        case .replayed(let original): return .replayed(reply(original))
        }
    }
}
