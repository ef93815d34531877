import ATMDaemonSystem
import ATMJournal
import ATMSystem
import Testing

/// The same journal on real files: compaction, reopening, and a torn tail cut with ftruncate.
@Suite struct FileStorageTests {
    @Test func aJournalOnRealFilesCompactsReopensAndCutsATornTail() throws {
        let directory = try FileSystem.makeTemporaryDirectory(prefix: "/tmp/atm-journal-test-")
        defer {
            for name in ["journal", "journal.snapshot", "journal.old", "journal.new", "journal.snapshot.tmp"] {
                try? FileSystem.remove(directory + "/" + name)
            }
            try? FileSystem.removeDirectory(directory)
        }
        let path = directory + "/journal"
        let records = (0..<60).map { payload("deposit \($0)") }
        do {
            let (journal, recovery) = try Journal.open(
                path: path, storage: FileStorage(directoryOf: path), compactAfterBytes: 400, compactor: keepEveryRecord)
            #expect(recovery.isNew)
            for record in records { _ = try journal.append(record) }
            journal.waitForCompaction()
            #expect(journal.statistics().compactions > 0)
        }
        let journalFile = try FileDescriptor.openFile(path, .writeExisting)
        let length = try journalFile.size()
        try journalFile.write([0x09, 0, 0, 0, 1, 2, 3], atOffset: length)
        journalFile.close()

        let (journal, recovery) = try Journal.open(
            path: path, storage: FileStorage(directoryOf: path), compactAfterBytes: 400, compactor: keepEveryRecord)
        #expect(history(recovery).map(\.payload) == records)
        #expect(recovery.truncatedTailBytes == 7)
        let reread = try FileDescriptor.openFile(path, .readOnly)
        #expect(try reread.size() == length)
        reread.close()
        #expect(try journal.append(payload("next")) == 61)
    }

    @Test func storageLivesInTheDirectoryOfThePath() {
        #expect(FileStorage(directoryOf: "/var/lib/atm/journal").directory == "/var/lib/atm")
        #expect(FileStorage(directoryOf: "journal").directory == ".")
        #expect(FileStorage(directoryOf: "/journal").directory == "/")
    }
}
