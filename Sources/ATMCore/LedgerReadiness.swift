/// Whether a store can serve changes now: what `READY` answers and `/health/ready` reports.
///
/// A store that answers reads but refuses changes (a failed journal, an unreachable database) is not
/// ready: an orchestrator should stop sending it clients, while its liveness says it need not be killed.
public enum LedgerReadiness: Sendable, Hashable {
    case ready
    /// Changes would be refused now; the reason is a sentence for operators (never names an account).
    case notReady(String)
}
