import ATMCore
import ATMProtocol

/// The text protocol at the daemon's edge: it answers PING, HELP and QUIT itself, READY from the store's
/// readiness, turns every other request into a ledger operation with its context, asks the store, and
/// writes the outcome as a reply.
///
/// Stores (memory, PostgreSQL) see only the core's types, so the protocol can change without them.
public struct ProtocolEdge: Sendable {
    public let store: any LedgerStore

    public init(store: any LedgerStore) {
        self.store = store
    }

    /// Carries out one request and says how it went, as the reply line to send; LIST names only the
    /// accounts in `readable` (the access policy's, for the request's identity).
    public func reply(
        to request: StateRequest, readable: AccessPolicy.ReadableAccounts = .all
    ) -> StateReply {
        guard let operation = request.command.operation else {
            switch request.command {
            case .quit: return .bye
            case .help: return .help
            case .ready:
                switch store.readiness() {
                case .ready: return .ready
                case .notReady(let reason): return .error(ProtocolError(.unavailable, "not ready: " + reason))
                }
            default: return .pong
            }
        }
        if case .list(let page) = operation, readable != .all {
            return StateReply(
                ReadableListing(store: store, readable: readable).perform(page, Self.context(of: request)))
        }
        return StateReply(store.perform(operation, Self.context(of: request)))
    }

    /// What travels with the operation: the deadline on this host's monotonic clock (the protocol's decoder
    /// has already made one of whatever the line carried), the key, the request id, the identity and the trace.
    static func context(of request: StateRequest) -> OperationContext {
        OperationContext(
            deadline: request.deadline.map { OperationDeadline(monotonicMilliseconds: $0.milliseconds) },
            idempotencyKey: request.idempotencyKey, requestID: request.requestID, identity: request.identity,
            trace: request.trace)
    }
}
