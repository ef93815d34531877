import ATMDaemonSystem
import ATMSystem

/// An append-only, checksummed, sequence-numbered journal of opaque records with group commit,
/// crash recovery and compaction into a snapshot. It knows nothing of what the payloads mean.
///
/// Files (see docs/journal.md): `PATH` the live journal, `PATH.snapshot` the compacted state,
/// `PATH.old` a closed journal being compacted; `PATH.new` and `PATH.snapshot.tmp` are temporary.
public final class Journal: Sendable {
    /// Where the fold of a closed journal into a snapshot runs.
    public enum CompactionScheduling: Sendable {
        /// On a thread of its own, so appends never wait for it (the daemon's choice).
        case backgroundThread
        /// On the appending thread that rotated the journal, holding appends meanwhile: deterministic,
        /// for simulations.
        case appendingThread
    }

    /// Folds the previous snapshot (nil before the first) and the records after it into the next
    /// snapshot. It must be a pure function of its inputs: it runs off the append path, and after
    /// a crash it may run again over the same records. `nil` means the records do not fold (damage):
    /// the journal refuses further changes, and the next start refuses with exit 65.
    public typealias Compactor = @Sendable (_ snapshot: [UInt8]?, _ records: [JournalRecord]) -> [UInt8]?

    struct Failure: Sendable {
        /// The sequences of the batch whose write or sync failed (nil: a rotation or compaction failed).
        var failedSequences: ClosedRange<UInt64>?
        var error: JournalError

        func error(for sequence: UInt64) -> JournalError {
            failedSequences?.contains(sequence) == true ? error : .failedEarlier
        }
    }

    struct State: Sendable {
        var file: JournalFileHandle
        var fileLength: Int
        var nextSequence: UInt64
        var durableSequence: UInt64
        /// Encoded records waiting for the next leader.
        var pending: [UInt8] = []
        /// A leader is writing and syncing (or rotating); others wait.
        var isWriting = false
        var failure: Failure?
        var isCompacting = false
        var snapshot: [UInt8]?
        var snapshotSequence: UInt64
        var statistics = JournalStatistics()
    }

    let storage: any JournalStorage
    let files: JournalFiles
    let compactAfterBytes: Int
    let scheduling: CompactionScheduling
    let compactor: Compactor
    let lock: ConditionLock<State>

    private init(
        storage: any JournalStorage, files: JournalFiles, compactAfterBytes: Int, scheduling: CompactionScheduling,
        compactor: @escaping Compactor, state: State
    ) {
        self.storage = storage
        self.files = files
        self.compactAfterBytes = compactAfterBytes
        self.scheduling = scheduling
        self.compactor = compactor
        self.lock = ConditionLock(state)
    }

    deinit {
        storage.close(lock.withLock { $0.state.file })
    }

    /// The largest payload one record may carry.
    public static let maximumPayloadBytes = JournalFormat.maximumPayloadBytes

    /// Opens the journal at `path` (creating it if nothing is there), validates and recovers it:
    /// a torn tail is cut off (reported in ``JournalRecovery/truncatedTailBytes``), any other damage
    /// throws ``JournalError/corrupt(file:offset:reason:)`` or ``JournalError/unsupportedVersion(file:offset:version:)``
    /// and changes nothing. An interrupted compaction is finished.
    ///
    /// - Parameters:
    ///   - path: the journal file; its directory holds the snapshot and temporary files.
    ///   - storage: ``FileStorage(directoryOf:)`` with the same path, or, in tests, ATMJournalTesting's `SimulatedDisk`.
    ///   - compactAfterBytes: the live file's size that triggers a compaction.
    ///   - compactor: the pure fold that makes the next snapshot.
    public static func open(
        path: String, storage: some JournalStorage, compactAfterBytes: Int,
        compaction: CompactionScheduling = .backgroundThread, compactor: @escaping Compactor
    ) throws(JournalError) -> (Journal, JournalRecovery) {
        let files = JournalFiles(name: JournalFiles.split(path).name)
        let opened = try JournalOpening(storage: storage, files: files).run()
        let journal = Journal(
            storage: storage, files: files, compactAfterBytes: compactAfterBytes, scheduling: compaction,
            compactor: compactor,
            state: State(
                file: opened.file, fileLength: opened.fileLength, nextSequence: opened.recovery.lastSequence + 1,
                durableSequence: opened.recovery.lastSequence, isCompacting: opened.needsFold,
                snapshot: opened.recovery.snapshot, snapshotSequence: opened.recovery.snapshotSequence))
        journal.lock.withLock { $0.state.statistics.journalBytes = opened.fileLength }
        if opened.needsFold { journal.startFold() }
        return (journal, opened.recovery)
    }

    /// Whether an earlier failure makes every append throw until the journal is reopened.
    public var isPoisoned: Bool { lock.withLock { $0.state.failure != nil } }

    /// The failure that poisoned the journal, for the one log line; `nil` while healthy.
    public var poisonReason: JournalError? { lock.withLock { $0.state.failure?.error } }

    /// The highest durable sequence.
    public var lastSequence: UInt64 { lock.withLock { $0.state.durableSequence } }

    /// Counters for metrics.
    public func statistics() -> JournalStatistics { lock.withLock { $0.state.statistics } }

    /// Blocks until no compaction is running (for an orderly shutdown, and for tests).
    public func waitForCompaction() {
        lock.withLock { locked in
            while locked.state.isCompacting { locked.wait() }
        }
    }
}
