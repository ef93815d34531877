import ATMDaemonSystem
import ATMSystem

/// Compaction in two steps, so that appends wait only for the first.
///
/// 1. Rotation, on the leader right after a sync (appends wait for it: a few small syncs once per
///    `compactAfterBytes`): a fresh journal whose header's base is the last durable sequence is
///    written to `NAME.new` and fsynced; `NAME` is renamed to `NAME.old` (directory fsynced), and
///    `NAME.new` to `NAME` (directory fsynced). Appends continue into the new file.
/// 2. The fold, on a background thread: `NAME.old` is read back and validated, the compactor
///    folds the snapshot and its records into the next snapshot, which is written to
///    `NAME.snapshot.tmp`, fsynced, renamed over `NAME.snapshot` (directory fsynced); then
///    `NAME.old` is removed (directory fsynced).
/// One directory change is in flight at any time, so a crash leaves one of the states that
/// ``JournalOpening`` resolves. Any failure poisons the journal: a restart recovers from the files.
extension Journal {
    func rotate(_ locked: ConditionLock<State>.Locked, base: UInt64, closing oldFile: JournalFileHandle) {
        locked.state.isCompacting = true
        let started = Deadline.now
        let rotated = locked.whileUnlocked { () -> Result<JournalFileHandle, JournalError> in
            do throws(JournalError) {
                let file = try JournalRotation.writeFreshJournal(base: base, storage: storage, files: files)
                do throws(JournalError) {
                    try io("rename", files.journal) { () throws(Errno) in
                        try storage.rename(files.journal, to: files.closed)
                    }
                    try io("fsync directory", files.closed) { () throws(Errno) in try storage.synchronizeDirectory() }
                    try io("rename", files.newJournal) { () throws(Errno) in
                        try storage.rename(files.newJournal, to: files.journal)
                    }
                    try io("fsync directory", files.journal) { () throws(Errno) in try storage.synchronizeDirectory() }
                } catch {
                    storage.close(file)
                    throw error
                }
                storage.close(oldFile)
                return .success(file)
            } catch {
                return .failure(error)
            }
        }
        let seconds = Double(Deadline.now.nanoseconds - started.nanoseconds) / 1e9
        locked.state.statistics.rotationSeconds.record(seconds)
        switch rotated {
        case .success(let file):
            locked.state.file = file
            locked.state.fileLength = JournalFormat.journalHeaderSize
            locked.state.statistics.journalBytes = JournalFormat.journalHeaderSize
            switch scheduling {
            case .backgroundThread: startFold()
            case .appendingThread: locked.whileUnlocked { fold() }
            }
        case .failure(let error):
            locked.state.isCompacting = false
            locked.state.failure = Failure(failedSequences: nil, error: error)
        }
    }

    /// Runs ``fold()`` on a thread of its own (inline if no thread can be started).
    func startFold() {
        switch scheduling {
        case .appendingThread:
            fold()
        case .backgroundThread:
            do {
                try Threads.detach(stackSize: 1 << 20) { self.fold() }
            } catch {
                fold()
            }
        }
    }

    /// Folds `NAME.old` into the snapshot and removes it; poisons the journal if anything fails.
    func fold() {
        let started = Deadline.now
        let (previous, previousSequence) = lock.withLock { ($0.state.snapshot, $0.state.snapshotSequence) }
        let outcome: Result<(payload: [UInt8], sequence: UInt64), JournalError>
        do throws(JournalError) {
            outcome = .success(try writeSnapshot(after: previous, covering: previousSequence))
        } catch {
            outcome = .failure(error)
        }
        lock.withLock { locked in
            switch outcome {
            case .success(let snapshot):
                locked.state.snapshot = snapshot.payload
                locked.state.snapshotSequence = snapshot.sequence
                locked.state.statistics.compactions += 1
                locked.state.statistics.lastCompactionSeconds =
                    Double(Deadline.now.nanoseconds - started.nanoseconds) / 1e9
            case .failure(let error):
                if locked.state.failure == nil { locked.state.failure = Failure(failedSequences: nil, error: error) }
            }
            locked.state.isCompacting = false
            locked.broadcast()
        }
    }

    private func writeSnapshot(
        after previous: [UInt8]?, covering previousSequence: UInt64
    ) throws(JournalError) -> (payload: [UInt8], sequence: UInt64) {
        guard let bytes = try io("read", files.closed, { () throws(Errno) in try storage.contents(of: files.closed) })
        else {
            throw .corrupt(file: files.closed, offset: 0, reason: "vanished while being compacted")
        }
        let segment = try JournalSegment.scan(bytes, file: files.closed, allowsTornTail: false)
        guard let payload = compactor(previous, segment.records.filter { $0.sequence > previousSequence }) else {
            throw .corrupt(file: files.closed, offset: 0, reason: "its records do not fold into a snapshot")
        }
        let sequence = max(previousSequence, segment.lastSequence)
        let file = try io("create", files.newSnapshot) { () throws(Errno) in try storage.create(files.newSnapshot) }
        defer { storage.close(file) }
        let contents = JournalFormat.snapshotFile(lastSequence: sequence, payload: payload)
        try io("write", files.newSnapshot) { () throws(Errno) in try storage.write(contents, at: 0, to: file) }
        try io("fsync", files.newSnapshot) { () throws(Errno) in try storage.synchronize(file) }
        try io("rename", files.snapshot) { () throws(Errno) in try storage.rename(files.newSnapshot, to: files.snapshot)
        }
        try io("fsync directory", files.snapshot) { () throws(Errno) in try storage.synchronizeDirectory() }
        try io("remove", files.closed) { () throws(Errno) in try storage.remove(files.closed) }
        try io("fsync directory", files.closed) { () throws(Errno) in try storage.synchronizeDirectory() }
        return (payload, sequence)
    }
}

/// Writing a journal file that starts empty.
enum JournalRotation {
    /// Writes a header with `base` to `NAME.new` and fsyncs it; the caller renames it into place.
    static func writeFreshJournal(
        base: UInt64, storage: any JournalStorage, files: JournalFiles
    ) throws(JournalError) -> JournalFileHandle {
        let file = try io("create", files.newJournal) { () throws(Errno) in try storage.create(files.newJournal) }
        do throws(JournalError) {
            try io("write", files.newJournal) { () throws(Errno) in
                try storage.write(JournalFormat.journalHeader(base: base), at: 0, to: file)
            }
            try io("fsync", files.newJournal) { () throws(Errno) in try storage.synchronize(file) }
            return file
        } catch {
            storage.close(file)
            throw error
        }
    }
}
