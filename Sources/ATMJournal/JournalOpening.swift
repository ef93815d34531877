import ATMSystem

/// Recovery at open: reads the snapshot and journal files, checks that they chain, cuts a torn
/// tail, and resolves whatever an interrupted rotation or compaction left behind.
///
/// Every state a crash can leave is one of these, and each is handled:
/// - `NAME.new` or `NAME.snapshot.tmp` present: never renamed into place, so never committed: removed.
/// - no `NAME`, but `NAME.old`: the crash came between the two renames of a rotation: `NAME.old`
///   becomes `NAME` again.
/// - nothing at all: a new journal (header written to `NAME.new`, fsynced, renamed, directory fsynced).
/// - `NAME.old` and `NAME`: a compaction was running; if the snapshot already covers `NAME.old` it
///   is removed, otherwise the fold runs again (the compactor is pure, so the result is the same).
struct JournalOpening {
    let storage: any JournalStorage
    let files: JournalFiles

    struct Opened {
        var recovery: JournalRecovery
        var file: JournalFileHandle
        var fileLength: Int
        /// `NAME.old` holds records the snapshot does not cover yet.
        var needsFold: Bool
    }

    func run() throws(JournalError) -> Opened {
        try removeIfPresent(files.newJournal)
        try removeIfPresent(files.newSnapshot)
        let snapshot = try read(files.snapshot).map { bytes throws(JournalError) in
            try JournalFormat.decodeSnapshot(bytes, file: files.snapshot)
        }
        var closedBytes = try read(files.closed)
        var journalBytes = try read(files.journal)
        if journalBytes == nil, closedBytes != nil {
            try io("rename", files.closed) { () throws(Errno) in try storage.rename(files.closed, to: files.journal) }
            try io("fsync directory", files.journal) { () throws(Errno) in try storage.synchronizeDirectory() }
            swap(&journalBytes, &closedBytes)
        }
        guard let journalBytes else {
            if snapshot != nil {
                throw .corrupt(file: files.journal, offset: 0, reason: "missing, but \(files.snapshot) needs it")
            }
            return try create()
        }

        var segments: [(name: String, segment: JournalSegment)] = []
        if let closedBytes {
            segments.append(
                (files.closed, try JournalSegment.scan(closedBytes, file: files.closed, allowsTornTail: false)))
        }
        let live = try JournalSegment.scan(journalBytes, file: files.journal, allowsTornTail: true)
        segments.append((files.journal, live))
        for (previous, next) in zip(segments, segments.dropFirst())
        where next.segment.base != previous.segment.lastSequence {
            throw .corrupt(
                file: next.name, offset: 8,
                reason:
                    "starts after sequence \(next.segment.base), but \(previous.name) ends at \(previous.segment.lastSequence)"
            )
        }
        let snapshotSequence = snapshot?.lastSequence ?? 0
        let first = segments[0]
        guard first.segment.base <= snapshotSequence else {
            let what = snapshot == nil ? "there is no snapshot" : "\(files.snapshot) ends at \(snapshotSequence)"
            throw .corrupt(
                file: first.name, offset: 8, reason: "starts after sequence \(first.segment.base), but \(what)")
        }
        guard snapshotSequence <= live.lastSequence else {
            throw .corrupt(
                file: files.snapshot, offset: 8,
                reason: "covers sequence \(snapshotSequence), beyond the journal's last \(live.lastSequence)")
        }

        // Valid: only now change anything.
        let file = try io("open", files.journal) { () throws(Errno) in try storage.openForWriting(files.journal) }
        if live.tailBytes > 0 {
            try io("truncate", files.journal) { () throws(Errno) in try storage.truncate(file, to: live.validLength) }
            try io("fsync", files.journal) { () throws(Errno) in try storage.synchronize(file) }
        }
        var needsFold = false
        if let closed = segments.first, closed.name == files.closed {
            if snapshotSequence >= closed.segment.lastSequence {
                try io("remove", files.closed) { () throws(Errno) in try storage.remove(files.closed) }
                try io("fsync directory", files.closed) { () throws(Errno) in try storage.synchronizeDirectory() }
            } else {
                needsFold = true
            }
        }
        let records = segments.flatMap { $0.segment.records }.filter { $0.sequence > snapshotSequence }
        let recovery = JournalRecovery(
            snapshot: snapshot?.payload, snapshotSequence: snapshotSequence, records: records,
            truncatedTailBytes: live.tailBytes, lastSequence: max(snapshotSequence, live.lastSequence), isNew: false)
        return Opened(recovery: recovery, file: file, fileLength: live.validLength, needsFold: needsFold)
    }

    /// A new, empty journal, made visible under its name only once its header is durable.
    private func create() throws(JournalError) -> Opened {
        let file = try JournalRotation.writeFreshJournal(base: 0, storage: storage, files: files)
        do throws(JournalError) {
            try io("rename", files.journal) { () throws(Errno) in
                try storage.rename(files.newJournal, to: files.journal)
            }
            try io("fsync directory", files.journal) { () throws(Errno) in try storage.synchronizeDirectory() }
        } catch {
            storage.close(file)
            throw error
        }
        let recovery = JournalRecovery(
            snapshot: nil, snapshotSequence: 0, records: [], truncatedTailBytes: 0, lastSequence: 0, isNew: true)
        return Opened(recovery: recovery, file: file, fileLength: JournalFormat.journalHeaderSize, needsFold: false)
    }

    private func read(_ name: String) throws(JournalError) -> [UInt8]? {
        try io("read", name) { () throws(Errno) in try storage.contents(of: name) }
    }

    private func removeIfPresent(_ name: String) throws(JournalError) {
        do {
            try storage.remove(name)
        } catch {
            guard error == .noSuchFile else {
                throw .io(operation: "remove", file: name, errno: error, mayBeDurable: false)
            }
        }
    }
}
