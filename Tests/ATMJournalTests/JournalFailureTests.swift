import ATMDaemonSystem
import ATMJournal
import ATMJournalTesting
import ATMSystem
import Testing

/// After a failed write or fsync the journal refuses every append until reopened, and never loses
/// an acknowledged record.
@Suite struct JournalFailureTests {
    @Test func aFullDiskFailsTheAppendPoisonsTheJournalAndRecoveryKeepsEveryAcknowledgedRecord() throws {
        let disk = SimulatedDisk()
        let (journal, _) = try openJournal(on: disk)
        var acknowledged: [[UInt8]] = []
        for index in 0..<5 {
            acknowledged.append(payload("before \(index)"))
            _ = try journal.append(acknowledged.last!)
        }
        // Room for half a record: the write is short, then ENOSPC.
        disk.setCapacity(try disk.contents(of: "journal")!.count + 10)
        #expect(throws: JournalError.io(operation: "write", file: "journal", errno: .noSpace, mayBeDurable: false)) {
            try journal.append(payload("does not fit in ten bytes"))
        }
        #expect(journal.isPoisoned)
        disk.setCapacity(nil)
        #expect(throws: JournalError.failedEarlier) { try journal.append(payload("after")) }
        #expect(journal.poisonReason?.recordMayBeDurable == false)

        let (reopened, recovery) = try openJournal(on: disk)
        #expect(recovery.records.map(\.payload) == acknowledged)
        #expect(recovery.truncatedTailBytes == 0)
        #expect(!reopened.isPoisoned)
        #expect(try reopened.append(payload("after restart")) == 6)
    }

    @Test func aFullDiskAfterACrashLosesNothingAcknowledged() throws {
        let disk = SimulatedDisk()
        let (journal, _) = try openJournal(on: disk)
        _ = try journal.append(payload("kept"))
        disk.setCapacity(try disk.contents(of: "journal")!.count + 20)
        #expect(throws: JournalError.self) { try journal.append([UInt8](repeating: 7, count: 100)) }
        for seed in UInt64(0)..<20 {
            disk.crash(seed: seed)
            #expect(try openJournal(on: disk).1.records.map(\.payload) == [payload("kept")])
        }
    }

    @Test func aFailedFsyncPoisonsTheJournalAndIsNeverRetried() throws {
        let disk = SimulatedDisk()
        let (journal, _) = try openJournal(on: disk)
        _ = try journal.append(payload("durable"))
        disk.failSync()
        #expect(
            throws: JournalError.io(operation: "fdatasync", file: "journal", errno: .inputOutput, mayBeDurable: true)
        ) {
            try journal.append(payload("unknown"))
        }
        let operations = disk.operationCount
        #expect(throws: JournalError.failedEarlier) { try journal.append(payload("refused")) }
        #expect(throws: JournalError.failedEarlier) { try journal.append(payload("refused")) }
        #expect(disk.operationCount == operations, "a poisoned journal must not touch the disk")
        disk.crash(seed: 1)
        let recovered = try openJournal(on: disk).1.records.map(\.payload)
        #expect(recovered == [payload("durable")] || recovered == [payload("durable"), payload("unknown")])
    }

    @Test func aFailedWriteRefusesEveryAppenderWaitingBehindIt() throws {
        let disk = SimulatedDisk()
        let (journal, _) = try openJournal(on: disk)
        disk.failWrite()
        #expect(throws: JournalError.self) { try journal.append(payload("first")) }
        onThreads(8) { _ in
            #expect(throws: JournalError.failedEarlier) { try journal.append(payload("later")) }
        }
        #expect(try openJournal(on: disk).1.records.isEmpty)
    }

    @Test func aFailedCompactionPoisonsTheJournalAndRecoveryFinishesIt() throws {
        for scheduling in [Journal.CompactionScheduling.appendingThread, .backgroundThread] {
            let disk = SimulatedDisk()
            let (journal, _) = try openJournal(on: disk, compactAfterBytes: 120, compaction: scheduling)
            let records = (0..<5).map { payload("record \($0)") }
            for record in records.dropLast() { _ = try journal.append(record) }
            // The fifth record passes 120 bytes: its write, the new journal's header, then the snapshot.
            disk.failWrite(skipping: 2)
            #expect(try journal.append(records.last!) == 5)
            journal.waitForCompaction()
            #expect(journal.isPoisoned)
            #expect(
                journal.poisonReason
                    == .io(operation: "write", file: "journal.snapshot.tmp", errno: .inputOutput, mayBeDurable: false))
            #expect(throws: JournalError.failedEarlier) { try journal.append(payload("refused")) }
            #expect(disk.fileNames.contains("journal.old"))
            let (reopened, recovery) = try openJournal(on: disk, compactAfterBytes: 120)
            reopened.waitForCompaction()
            #expect(history(recovery).map(\.payload) == records)
            #expect(disk.fileNames == ["journal", "journal.snapshot"])
            #expect(history(try openJournal(on: disk).1).map(\.payload) == records)
        }
    }
}
