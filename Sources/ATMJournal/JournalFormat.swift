import ATMBytes

/// The byte layout of journal and snapshot files (docs/journal.md describes it byte by byte).
///
/// All integers are little-endian. A journal file is a 20-byte header, then records:
/// `length: u32` (payload bytes), `sequence: u64`, `payload`, `crc: u32` (CRC-32C of the
/// length, sequence and payload bytes). A snapshot file is one header, its payload and a CRC-32C
/// over everything before it.
enum JournalFormat {
    /// The version written in every new file's header. 2: payloads of any ``LedgerFormat``, binary from now on
    /// (a release that reads only version 1, whose payloads were all text, refuses these files by name).
    static let version: UInt32 = 2
    /// The header versions read: 1 (files of releases up to 22bd11c, continued by this one) and 2.
    static let readableVersions: ClosedRange<UInt32> = 1...2
    /// "ATMJ": a journal file.
    static let journalMagic: [UInt8] = Array("ATMJ".utf8)
    /// "ATMS": a snapshot file.
    static let snapshotMagic: [UInt8] = Array("ATMS".utf8)
    /// magic, version, base sequence, header CRC.
    static let journalHeaderSize = 4 + 4 + 8 + 4
    /// length and sequence before the payload, CRC after it.
    static let recordOverhead = 4 + 8 + 4
    /// magic, version, last sequence, payload length; the CRC follows the payload.
    static let snapshotHeaderSize = 4 + 4 + 8 + 8
    /// The largest payload a record may carry; a length field above it is damage, not a record.
    static let maximumPayloadBytes = 16 << 20

    /// A journal header whose first record will be `base + 1` (`base` is the snapshot's last sequence).
    static func journalHeader(base: UInt64) -> [UInt8] {
        var bytes = journalMagic
        bytes.append(littleEndian: version)
        bytes.append(littleEndian: base)
        bytes.append(littleEndian: CRC32C.checksum(bytes))
        return bytes
    }

    /// Appends one encoded record to `bytes`.
    static func appendRecord(sequence: UInt64, payload: [UInt8], to bytes: inout [UInt8]) {
        let start = bytes.count
        bytes.append(littleEndian: UInt32(payload.count))
        bytes.append(littleEndian: sequence)
        bytes += payload
        bytes.append(littleEndian: CRC32C.checksum(bytes, in: start..<bytes.count))
    }

    /// The whole snapshot file for `payload`, covering every record up to `lastSequence`.
    static func snapshotFile(lastSequence: UInt64, payload: [UInt8]) -> [UInt8] {
        var bytes = snapshotMagic
        bytes.reserveCapacity(snapshotHeaderSize + payload.count + 4)
        bytes.append(littleEndian: version)
        bytes.append(littleEndian: lastSequence)
        bytes.append(littleEndian: UInt64(payload.count))
        bytes += payload
        bytes.append(littleEndian: CRC32C.checksum(bytes))
        return bytes
    }

    /// A decoded snapshot file.
    struct Snapshot {
        var lastSequence: UInt64
        var payload: [UInt8]
    }

    /// Decodes a snapshot file; it is written whole and renamed into place, so any flaw is damage.
    static func decodeSnapshot(_ bytes: [UInt8], file: String) throws(JournalError) -> Snapshot {
        guard bytes.count >= snapshotHeaderSize + 4 else {
            throw .corrupt(file: file, offset: bytes.count, reason: "shorter than a snapshot header")
        }
        guard Array(bytes[0..<4]) == snapshotMagic else {
            throw .corrupt(file: file, offset: 0, reason: "not a snapshot (bad magic)")
        }
        let version = bytes.littleEndian(UInt32.self, at: 4)
        guard readableVersions.contains(version) else {
            throw .unsupportedVersion(file: file, offset: 4, version: version)
        }
        let length = bytes.littleEndian(UInt64.self, at: 16)
        guard length == UInt64(bytes.count - snapshotHeaderSize - 4) else {
            throw .corrupt(file: file, offset: 16, reason: "payload length \(length) does not match the file size")
        }
        let crcOffset = bytes.count - 4
        guard CRC32C.checksum(bytes, in: 0..<crcOffset) == bytes.littleEndian(UInt32.self, at: crcOffset) else {
            throw .corrupt(file: file, offset: 0, reason: "snapshot checksum mismatch")
        }
        return Snapshot(
            lastSequence: bytes.littleEndian(UInt64.self, at: 8), payload: Array(bytes[snapshotHeaderSize..<crcOffset]))
    }

    /// The base sequence of a journal file's header, or the reason it is not a valid header.
    static func decodeJournalHeader(_ bytes: [UInt8], file: String) throws(JournalError) -> UInt64 {
        guard bytes.count >= journalHeaderSize else {
            throw .corrupt(file: file, offset: bytes.count, reason: "shorter than a journal header")
        }
        guard Array(bytes[0..<4]) == journalMagic else {
            throw .corrupt(file: file, offset: 0, reason: "not a journal (bad magic)")
        }
        let version = bytes.littleEndian(UInt32.self, at: 4)
        guard readableVersions.contains(version) else {
            throw .unsupportedVersion(file: file, offset: 4, version: version)
        }
        guard CRC32C.checksum(bytes, in: 0..<16) == bytes.littleEndian(UInt32.self, at: 16) else {
            throw .corrupt(file: file, offset: 0, reason: "header checksum mismatch")
        }
        return bytes.littleEndian(UInt64.self, at: 8)
    }

    /// What starts at one offset of a journal's record area.
    enum Decoded {
        case record(sequence: UInt64, payload: Range<Int>, end: Int)
        case invalid(reason: String)
    }

    /// Decodes the record at `offset`: complete, within the length limit, and its CRC matching.
    static func decodeRecord(in bytes: [UInt8], at offset: Int) -> Decoded {
        let remaining = bytes.count - offset
        guard remaining >= recordOverhead else { return .invalid(reason: "record cut short (\(remaining) bytes)") }
        let length = Int(bytes.littleEndian(UInt32.self, at: offset))
        guard length <= maximumPayloadBytes else { return .invalid(reason: "record length \(length) beyond the limit") }
        guard length + recordOverhead <= remaining else {
            return .invalid(reason: "record cut short (\(remaining) of \(length + recordOverhead) bytes)")
        }
        let crcOffset = offset + 12 + length
        guard CRC32C.checksum(bytes, in: offset..<crcOffset) == bytes.littleEndian(UInt32.self, at: crcOffset) else {
            return .invalid(reason: "record checksum mismatch")
        }
        return .record(
            sequence: bytes.littleEndian(UInt64.self, at: offset + 4), payload: offset + 12..<crcOffset,
            end: crcOffset + 4)
    }
}
