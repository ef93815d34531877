import ATMBytes
import ATMDaemonSystem
import ATMJournal
import ATMJournalTesting
import ATMSystem

/// A compactor for tests: the snapshot is every record so far, so the whole history can be checked.
let keepEveryRecord: Journal.Compactor = { snapshot, records in
    var bytes = snapshot ?? []
    for record in records {
        bytes.append(littleEndian: record.sequence)
        bytes.append(littleEndian: UInt32(record.payload.count))
        bytes += record.payload
    }
    return bytes
}

/// The records a ``keepEveryRecord`` snapshot holds.
func recordsInSnapshot(_ snapshot: [UInt8]?) -> [JournalRecord] {
    guard let snapshot else { return [] }
    var records: [JournalRecord] = []
    var offset = 0
    while offset < snapshot.count {
        let sequence = snapshot.littleEndian(UInt64.self, at: offset)
        let count = Int(snapshot.littleEndian(UInt32.self, at: offset + 8))
        records.append(JournalRecord(sequence: sequence, payload: Array(snapshot[offset + 12..<offset + 12 + count])))
        offset += 12 + count
    }
    return records
}

/// Everything recovered, snapshot first.
func history(_ recovery: JournalRecovery) -> [JournalRecord] {
    recordsInSnapshot(recovery.snapshot) + recovery.records
}

func payload(_ text: String) -> [UInt8] { Array(text.utf8) }

/// Runs `body(index)` on `count` OS threads at once and waits for all of them.
///
/// Real threads, not a Dispatch pool: appenders block in the journal, and a pool as wide as the
/// cores would serialize them and hide group commit.
func onThreads(_ count: Int, _ body: @escaping @Sendable (Int) -> Void) {
    let remaining = ConditionLock(count)
    for index in 0..<count {
        try! Threads.detach {
            body(index)
            remaining.withLock { locked in
                locked.state -= 1
                locked.broadcast()
            }
        }
    }
    remaining.withLock { locked in
        while locked.state > 0 { locked.wait() }
    }
}

/// Opens a journal named "journal" on `disk`.
func openJournal(
    on disk: SimulatedDisk, compactAfterBytes: Int = 1 << 30,
    compaction: Journal.CompactionScheduling = .appendingThread
) throws(JournalError) -> (Journal, JournalRecovery) {
    try Journal.open(
        path: "journal", storage: disk, compactAfterBytes: compactAfterBytes, compaction: compaction,
        compactor: keepEveryRecord)
}
