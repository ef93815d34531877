import ATMJournal
import ATMJournalTesting
import ATMSystem
import Synchronization
import Testing

@Suite struct JournalAppendTests {
    @Test func aNewJournalIsEmptyAndRecordsComeBackInOrderAfterReopening() throws {
        let disk = SimulatedDisk()
        let (journal, first) = try openJournal(on: disk)
        #expect(first.isNew && first.records.isEmpty && first.lastSequence == 0 && first.snapshot == nil)
        #expect(try journal.append(payload("one")) == 1)
        #expect(try journal.append([]) == 2)
        #expect(try journal.append(payload("three")) == 3)
        let (_, recovery) = try openJournal(on: disk)
        #expect(!recovery.isNew)
        #expect(
            recovery.records == [
                JournalRecord(sequence: 1, payload: payload("one")), JournalRecord(sequence: 2, payload: []),
                JournalRecord(sequence: 3, payload: payload("three")),
            ])
        #expect(recovery.lastSequence == 3 && recovery.truncatedTailBytes == 0)
    }

    @Test func appendingAfterReopeningContinuesTheSequence() throws {
        let disk = SimulatedDisk()
        _ = try openJournal(on: disk).0.append(payload("a"))
        let (journal, _) = try openJournal(on: disk)
        #expect(try journal.append(payload("b")) == 2)
        #expect(try history(openJournal(on: disk).1).map(\.payload) == [payload("a"), payload("b")])
    }

    @Test func aPayloadAboveTheLimitIsRefusedWithoutPoisoning() throws {
        let (journal, _) = try openJournal(on: SimulatedDisk())
        #expect(
            throws: JournalError.payloadTooLarge(
                bytes: Journal.maximumPayloadBytes + 1, limit: Journal.maximumPayloadBytes)
        ) {
            try journal.append([UInt8](repeating: 1, count: Journal.maximumPayloadBytes + 1))
        }
        #expect(!journal.isPoisoned)
        #expect(try journal.append(payload("fine")) == 1)
    }

    @Test func concurrentAppendersGetDistinctIncreasingSequencesAndEveryRecordIsRecovered() throws {
        let disk = SimulatedDisk()
        let (journal, _) = try openJournal(on: disk)
        let threads = 64
        let perThread = 40
        let results = Mutex([[UInt64]](repeating: [], count: threads))
        onThreads(threads) { thread in
            var mine: [UInt64] = []
            for index in 0..<perThread {
                mine.append(try! journal.append(payload("\(thread)-\(index)")))
            }
            results.withLock { $0[thread] = mine }
        }
        let sequences = results.withLock { $0 }
        for mine in sequences { #expect(mine == mine.sorted() && mine.count == perThread) }
        #expect(Set(sequences.joined()) == Set(1...UInt64(threads * perThread)))
        let statistics = journal.statistics()
        #expect(statistics.recordsWritten == UInt64(threads * perThread))
        #expect(statistics.recordsPerSync.count == statistics.syncs)

        let recovered = try openJournal(on: disk).1.records
        #expect(recovered.map(\.sequence) == Array(1...UInt64(threads * perThread)))
        for (thread, mine) in sequences.enumerated() {
            for (index, sequence) in mine.enumerated() {
                #expect(recovered[Int(sequence) - 1].payload == payload("\(thread)-\(index)"))
            }
        }
    }

    @Test func compactionFoldsClosedRecordsIntoTheSnapshotAndRecoveryReturnsTheWholeHistory() throws {
        for scheduling in [Journal.CompactionScheduling.appendingThread, .backgroundThread] {
            let disk = SimulatedDisk()
            let (journal, _) = try openJournal(on: disk, compactAfterBytes: 300, compaction: scheduling)
            for index in 0..<200 { _ = try journal.append(payload("record \(index)")) }
            journal.waitForCompaction()
            #expect(journal.statistics().compactions > 0)
            #expect(!journal.isPoisoned)
            #expect(disk.fileNames == ["journal", "journal.snapshot"])
            let (_, recovery) = try openJournal(on: disk)
            #expect(recovery.snapshot != nil && recovery.snapshotSequence > 0)
            #expect(recovery.records.first?.sequence == recovery.snapshotSequence + 1 || recovery.records.isEmpty)
            #expect(history(recovery).map(\.payload) == (0..<200).map { payload("record \($0)") })
            #expect(history(recovery).map(\.sequence) == Array(1...200))
        }
    }
}
