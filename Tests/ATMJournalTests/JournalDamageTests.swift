import ATMBytes
import ATMJournal
import ATMJournalTesting
import Testing

/// Torn tails are cut; every other damage is refused with the file and offset; never a wrong record.
@Suite struct JournalDamageTests {
    private static let payloads = ["alpha", "", "bravo charlie", "d", "echo foxtrot golf"].map(payload)

    /// A small journal's bytes and the offset where its last record starts.
    private func smallJournal() throws -> (bytes: [UInt8], lastRecordStart: Int) {
        let disk = SimulatedDisk()
        let (journal, _) = try openJournal(on: disk)
        for item in Self.payloads.dropLast() { _ = try journal.append(item) }
        let before = try disk.contents(of: "journal")!.count
        _ = try journal.append(Self.payloads.last!)
        return (try disk.contents(of: "journal")!, before)
    }

    private func open(_ bytes: [UInt8]) throws(JournalError) -> (JournalRecovery, SimulatedDisk) {
        let disk = SimulatedDisk()
        disk.store(bytes, as: "journal")
        let recovery = try openJournal(on: disk).1
        return (recovery, disk)
    }

    private var expectedPrefix: [JournalRecord] {
        Self.payloads.dropLast().enumerated().map {
            JournalRecord(sequence: UInt64($0.offset + 1), payload: $0.element)
        }
    }

    @Test func aTornTailAtEveryByteOffsetOfTheLastRecordIsCutAndThePrefixKept() throws {
        let (bytes, start) = try smallJournal()
        for cut in start..<bytes.count {
            let (recovery, disk) = try open(Array(bytes[..<cut]))
            #expect(recovery.records == expectedPrefix, "cut at \(cut)")
            #expect(recovery.truncatedTailBytes == cut - start, "cut at \(cut)")
            #expect(try disk.contents(of: "journal") == Array(bytes[..<start]), "cut at \(cut)")
        }
        #expect(try open(bytes).0.records.count == Self.payloads.count)
    }

    @Test func aFlippedBitInAnyByteGivesThePrefixWhenInTheLastRecordAndARefusalAtOrBeforeItOtherwise() throws {
        let (bytes, start) = try smallJournal()
        for position in 0..<bytes.count {
            for bit in 0..<8 {
                var damaged = bytes
                damaged[position] ^= 1 << bit
                do {
                    let (recovery, _) = try open(damaged)
                    #expect(position >= start, "byte \(position) bit \(bit) was accepted")
                    #expect(recovery.records == expectedPrefix, "byte \(position) bit \(bit)")
                    #expect(recovery.truncatedTailBytes == bytes.count - start)
                } catch {
                    #expect(position < start, "byte \(position) bit \(bit): \(error)")
                    switch error {
                    case .corrupt(let file, let offset, _), .unsupportedVersion(let file, let offset, _):
                        #expect(file == "journal" && offset <= position, "byte \(position) bit \(bit): \(error)")
                    default:
                        Issue.record("byte \(position) bit \(bit): \(error)")
                    }
                }
            }
        }
    }

    @Test func trailingZerosOrGarbageAfterTheLastGoodRecordAreATornTail() throws {
        let (bytes, _) = try smallJournal()
        for tail in [[UInt8](repeating: 0, count: 4096), payload("not a record at all, just noise"), [0xFF]] {
            let (recovery, disk) = try open(bytes + tail)
            #expect(recovery.records.count == Self.payloads.count)
            #expect(recovery.truncatedTailBytes == tail.count)
            #expect(try disk.contents(of: "journal") == bytes)
        }
    }

    @Test func aBadRecordFollowedByAGoodOneIsRefusedAtTheBadRecordsOffset() throws {
        let (bytes, start) = try smallJournal()
        var damaged = bytes
        damaged[start - 2] ^= 0x10  // inside the fourth record's CRC
        let fourth = start - JournalRecordLayout.overhead - 1
        #expect(throws: JournalError.self) { try open(damaged) }
        do {
            _ = try open(damaged)
        } catch {
            guard case .corrupt("journal", let offset, let reason) = error else {
                Issue.record("\(error)")
                return
            }
            #expect(offset == fourth)
            #expect(reason.contains("valid record follows at byte \(start)"))
        }
    }

    @Test func aSequenceGapIsRefused() throws {
        let disk = SimulatedDisk()
        let (journal, _) = try openJournal(on: disk)
        _ = try journal.append(payload("x"))
        var bytes = try disk.contents(of: "journal")!
        // A second record numbered 3 with a valid CRC.
        var record: [UInt8] = []
        record.append(littleEndian: UInt32(1))
        record.append(littleEndian: UInt64(3))
        record += payload("y")
        record.append(littleEndian: CRC32C.checksum(record))
        let offset = bytes.count
        bytes += record
        #expect(
            throws: JournalError.corrupt(file: "journal", offset: offset, reason: "sequence 3 where 2 was expected")
        ) {
            try open(bytes)
        }
    }

    @Test func anUnknownVersionOrABadHeaderIsRefused() throws {
        let (bytes, _) = try smallJournal()
        var newer = bytes
        newer[4] = 3
        #expect(throws: JournalError.unsupportedVersion(file: "journal", offset: 4, version: 3)) { try open(newer) }
        #expect(throws: JournalError.corrupt(file: "journal", offset: 0, reason: "not a journal (bad magic)")) {
            try open(payload("hello world, not a journal"))
        }
        #expect(throws: JournalError.corrupt(file: "journal", offset: 3, reason: "shorter than a journal header")) {
            try open(Array(bytes[..<3]))
        }
    }

    @Test func aDamagedSnapshotOrAMissingJournalBesideASnapshotIsRefused() throws {
        let disk = SimulatedDisk()
        let (journal, _) = try openJournal(on: disk, compactAfterBytes: 100)
        for index in 0..<20 { _ = try journal.append(payload("r\(index)")) }
        journal.waitForCompaction()
        var snapshot = try disk.contents(of: "journal.snapshot")!
        snapshot[snapshot.count / 2] ^= 1
        let damaged = SimulatedDisk()
        damaged.store(snapshot, as: "journal.snapshot")
        damaged.store(try disk.contents(of: "journal")!, as: "journal")
        #expect(throws: JournalError.corrupt(file: "journal.snapshot", offset: 0, reason: "snapshot checksum mismatch"))
        {
            try openJournal(on: damaged)
        }
        let orphan = SimulatedDisk()
        orphan.store(try disk.contents(of: "journal.snapshot")!, as: "journal.snapshot")
        #expect(
            throws: JournalError.corrupt(file: "journal", offset: 0, reason: "missing, but journal.snapshot needs it")
        ) {
            try openJournal(on: orphan)
        }
    }

    @Test func aJournalThatStartsAfterSequenceZeroWithoutASnapshotIsRefused() throws {
        let disk = SimulatedDisk()
        let (journal, _) = try openJournal(on: disk, compactAfterBytes: 100)
        for index in 0..<20 { _ = try journal.append(payload("r\(index)")) }
        journal.waitForCompaction()
        let bare = SimulatedDisk()
        bare.store(try disk.contents(of: "journal")!, as: "journal")
        #expect(throws: JournalError.self) { try openJournal(on: bare) }
    }
}

/// The record framing, as docs/journal.md gives it: length (4), sequence (8), payload, CRC (4).
enum JournalRecordLayout {
    static let overhead = 16
}
