/// What ``Journal/open(path:storage:compactAfterBytes:compaction:compactor:)`` found: the state to
/// rebuild, in order: the snapshot (if the journal was ever compacted), then every record after it.
public struct JournalRecovery: Sendable {
    /// The last compacted state, as the compactor produced it; `nil` before the first compaction.
    public let snapshot: [UInt8]?
    /// The last sequence the snapshot covers (0 without one).
    public let snapshotSequence: UInt64
    /// Every record after the snapshot, sequences strictly increasing by one from `snapshotSequence + 1`.
    public let records: [JournalRecord]
    /// Bytes of a torn tail cut off the journal (0 when none): log one line when non-zero.
    public let truncatedTailBytes: Int
    /// The highest sequence recovered (the next append gets `lastSequence + 1`).
    public let lastSequence: UInt64
    /// Whether the journal was created by this open (nothing existed): seed initial state only then.
    public let isNew: Bool
}

/// The records of one journal file, validated.
struct JournalSegment {
    /// The sequence before its first record (the snapshot's, when the file was started).
    var base: UInt64
    var records: [JournalRecord] = []
    /// The byte offset just after the last good record: the file's length once a torn tail is cut.
    var validLength: Int
    /// Bytes after `validLength`: a torn tail.
    var tailBytes: Int = 0

    /// The last sequence in the file (its base when empty).
    var lastSequence: UInt64 { records.last?.sequence ?? base }

    /// Reads one journal file.
    ///
    /// The rule that tells a torn tail from damage: scanning from the header, the first place that
    /// is not a valid record (cut short, a length beyond the limit or the file, or a CRC mismatch)
    /// starts a torn tail if and only if no valid record (length within limits, complete, CRC
    /// matching) starts at any later byte offset. A crash can only damage the last, unsynced
    /// write, after which nothing valid was written; damage with a valid record after it is a
    /// flipped bit or a lost block in the middle, which no crash explains. A valid record whose
    /// sequence is not the previous one plus one is damage too. `allowsTornTail: false` (a closed
    /// file, fully synced before it was closed) treats any tail as damage.
    static func scan(_ bytes: [UInt8], file: String, allowsTornTail: Bool) throws(JournalError) -> JournalSegment {
        let base = try JournalFormat.decodeJournalHeader(bytes, file: file)
        var segment = JournalSegment(base: base, validLength: JournalFormat.journalHeaderSize)
        var offset = JournalFormat.journalHeaderSize
        var expected = base &+ 1
        while offset < bytes.count {
            switch JournalFormat.decodeRecord(in: bytes, at: offset) {
            case .record(let sequence, let payload, let end):
                guard sequence == expected else {
                    throw .corrupt(
                        file: file, offset: offset, reason: "sequence \(sequence) where \(expected) was expected")
                }
                segment.records.append(JournalRecord(sequence: sequence, payload: Array(bytes[payload])))
                expected &+= 1
                offset = end
                segment.validLength = end
            case .invalid(let reason):
                if let later = firstValidRecord(in: bytes, after: offset) {
                    throw .corrupt(
                        file: file, offset: offset, reason: "\(reason), and a valid record follows at byte \(later)")
                }
                guard allowsTornTail else { throw .corrupt(file: file, offset: offset, reason: reason) }
                segment.tailBytes = bytes.count - offset
                return segment
            }
        }
        return segment
    }

    private static func firstValidRecord(in bytes: [UInt8], after offset: Int) -> Int? {
        var candidate = offset + 1
        while candidate + JournalFormat.recordOverhead <= bytes.count {
            if case .record = JournalFormat.decodeRecord(in: bytes, at: candidate) { return candidate }
            candidate += 1
        }
        return nil
    }
}
