import ATMCore
import ATMLedger
import ATMProtocol

/// Where the daemon's commands are carried out: the in-memory ledger (with or without a journal),
/// or a database shared by several daemons. Sessions neither know nor care which.
public protocol StateBackend: Sendable {
    /// Carries out one request and says how it went, as the reply line to send.
    func reply(to request: StateRequest) -> StateReply
}

extension Ledger: StateBackend {}
