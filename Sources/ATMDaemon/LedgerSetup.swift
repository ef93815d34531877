import ATMLedger
import ATMMoney
import ATMSystem
import Synchronization

/// Builds the daemon's ledger from its configuration: in memory, or recovered from a journal.
public enum LedgerSetup {
    /// The clock and audit log every ledger uses; `commit` is the one thing that differs.
    static func services(commit: @escaping @Sendable ([UInt8]) -> UInt64?) -> LedgerServices {
        LedgerServices(
            commit: commit,
            monotonicMilliseconds: { Deadline.now.nanoseconds / 1_000_000 },
            wallMilliseconds: { WallClock.millisecondsSinceEpoch },
            audit: { record, sequence in StandardError.write("atm-stated: \(record.auditLine(sequence: sequence))") })
    }

    /// A ledger that lives in memory only: PRELOAD_ACCOUNTS (or the demo set), sequence numbers from a counter.
    public static func memory(
        _ configuration: DaemonConfiguration, accounts: [(AccountNumber, Money)]
    ) -> Ledger {
        var state = LedgerState(
            historyCapacity: configuration.historySize, idempotencyKeys: configuration.idempotencyKeys)
        state.open(accounts)
        let sequence = Atomic<UInt64>(0)
        return Ledger(state, services: services(commit: { _ in sequence.wrappingAdd(1, ordering: .relaxed).newValue }))
    }
}
