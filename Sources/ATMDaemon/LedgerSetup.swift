import ATMCore
import ATMDaemonSystem
import ATMJournal
import ATMLedger
import ATMMoney
import ATMSystem
import Synchronization

/// Builds the daemon's ledger from its configuration: in memory, or recovered from a journal.
public enum LedgerSetup {
    /// The clock and audit log every ledger uses; `commit` is the one thing that differs.
    static func services(
        commit: @escaping @Sendable ([UInt8]) -> CommitOutcome,
        isDurabilityLost: @escaping @Sendable () -> Bool = { false }
    ) -> LedgerServices {
        LedgerServices(
            commit: commit,
            monotonicMilliseconds: { Deadline.now.nanoseconds / 1_000_000 },
            wallMilliseconds: { WallClock.millisecondsSinceEpoch },
            audit: { record, sequence in StandardError.write("atm-stated: \(record.auditLine(sequence: sequence))") },
            isDurabilityLost: isDurabilityLost)
    }

    /// A ledger that lives in memory only: PRELOAD_ACCOUNTS (or the demo set), sequence numbers from a counter.
    public static func memory(
        _ configuration: DaemonConfiguration, accounts: [(AccountNumber, Money)]
    ) -> Ledger {
        var state = LedgerState(
            historyCapacity: configuration.historySize, idempotencyKeys: configuration.idempotencyKeys)
        state.open(accounts)
        let sequence = Atomic<UInt64>(0)
        return Ledger(
            state,
            services: services(commit: { _ in .durable(sequence: sequence.wrappingAdd(1, ordering: .relaxed).newValue) }
            ))
    }

    /// How many accounts one opening record holds, so a million preloaded accounts take a hundred records.
    static let openingsPerRecord = 10_000

    /// A ledger whose every change is durable in the journal at `path` before it is applied or answered.
    ///
    /// The state is rebuilt from the snapshot and the records after it. `accounts` (PRELOAD_ACCOUNTS,
    /// read only when called) seed only a new, empty journal; on an existing one they are ignored
    /// with one log line. Damage refuses to start with exit 65 and the file and offset.
    public static func journalled(
        _ configuration: DaemonConfiguration, path: String,
        storage: some JournalStorage, accounts: () throws(DaemonConfiguration.Failure) -> [(AccountNumber, Money)],
        log: @escaping @Sendable (String) -> Void
    ) throws(DaemonConfiguration.Failure) -> JournalledLedger {
        let lock: FileLock
        do {
            lock = try FileLock(path: path + ".lock")
        } catch .held {
            throw .init(message: "another atm-stated holds the journal \(path); stop it first", status: .unavailable)
        } catch {
            throw .init(message: "journal \(path): cannot lock \(path).lock: \(error)", status: .systemError)
        }
        let history = configuration.historySize
        let keys = configuration.idempotencyKeys
        let opened: (Journal, JournalRecovery)
        do {
            opened = try Journal.open(
                path: path, storage: storage, compactAfterBytes: configuration.journalCompactBytes,
                compactor: { snapshot, records in
                    try? LedgerState.compact(
                        snapshot: snapshot, records: records.map { ($0.sequence, $0.payload) },
                        historyCapacity: history,
                        idempotencyKeys: keys)
                })
        } catch {
            throw .init(message: "journal: \(error.description)", status: error.isDataError ? .dataError : .systemError)
        }
        let (journal, recovery) = opened
        if recovery.truncatedTailBytes > 0 {
            log(
                "journal \(path): cut a torn tail of \(recovery.truncatedTailBytes) bytes (a write cut short by a crash)"
            )
        }
        var state = LedgerState(historyCapacity: history, idempotencyKeys: keys)
        do throws(LedgerState.ReplayError) {
            if let snapshot = recovery.snapshot {
                state = try LedgerState(snapshot: snapshot, historyCapacity: history, idempotencyKeys: keys)
            }
            for record in recovery.records {
                try state.apply(record.payload, sequence: record.sequence)
            }
        } catch {
            throw .init(message: "journal \(path): \(error.description); refusing to start", status: .dataError)
        }
        if recovery.isNew {
            try seed(&state, journal: journal, with: try accounts(), path: path)
        } else if Environment.value("PRELOAD_ACCOUNTS") != nil || Environment.value("PRELOAD_ACCOUNTS_FILE") != nil {
            log("journal \(path) holds \(recovery.lastSequence) records: PRELOAD_ACCOUNTS ignored")
        }
        let ledger = Ledger(
            state,
            services: services(
                commit: { payload in
                    do throws(JournalError) {
                        return .durable(sequence: try journal.append(payload))
                    } catch {
                        log("journal \(path): \(error.description); refusing changes until restarted")
                        return error.recordMayBeDurable ? .unknown : .notApplied
                    }
                }, isDurabilityLost: { journal.isPoisoned }))
        return JournalledLedger(ledger: ledger, journal: journal, lock: lock)
    }

    /// Writes the opening accounts of a new journal, durably, before anything is served.
    private static func seed(
        _ state: inout LedgerState, journal: Journal, with accounts: [(AccountNumber, Money)], path: String
    ) throws(DaemonConfiguration.Failure) {
        var start = 0
        repeat {  // at least one record, so an empty PRELOAD_ACCOUNTS still marks the journal as begun
            let chunk = accounts[start..<min(start + openingsPerRecord, accounts.count)]
            let record = LedgerRecord(
                change: .open(chunk.map { LedgerChange.Opening($0.0, $0.1) }),
                timeMilliseconds: WallClock.millisecondsSinceEpoch)
            do {
                let sequence = try journal.append(record.encoded)
                try state.apply(record, sequence: sequence)
            } catch let error as JournalError {
                throw .init(
                    message: "journal \(path): cannot write the opening accounts: \(error.description)",
                    status: .systemError)
            } catch {
                throw .init(
                    message: "journal \(path): the opening accounts are invalid: \(error)", status: .configuration)
            }
            start += openingsPerRecord
        } while start < accounts.count
    }
}

/// A ledger with its journal, and the lock that keeps every other daemon off that journal while it lives.
public struct JournalledLedger: ~Copyable {
    public let ledger: Ledger
    public let journal: Journal
    let lock: FileLock
}
