import ATMDaemonSystem
import ATMSystem

/// Appending with group commit.
///
/// Leader/follower: an appender encodes its record into `pending` under the lock and takes the
/// next sequence number. If no leader is writing, it becomes the leader: it takes everything
/// pending, releases the lock, writes it with one `pwrite` and makes it durable with one
/// `fdatasync`, then publishes the new durable sequence and wakes everyone. Records that arrive
/// meanwhile wait in `pending` (sleeping on the condition, no polling) for the next leader, one
/// of them, which covers them all with its single sync. Nothing returns before its bytes are durable.
extension Journal {
    /// Appends one record and returns its sequence number once the record is durable.
    ///
    /// Safe to call from many threads at once; one `fdatasync` covers every record that arrived
    /// while the previous one ran. After a failed write, sync or compaction the journal is
    /// poisoned: this append throws the failure, and every later one ``JournalError/failedEarlier``.
    /// A caller that needs several changes to be atomic puts them in one payload.
    public func append(_ payload: [UInt8]) throws(JournalError) -> UInt64 {
        guard payload.count <= JournalFormat.maximumPayloadBytes else {
            throw .payloadTooLarge(bytes: payload.count, limit: JournalFormat.maximumPayloadBytes)
        }
        return try lock.withLock { locked throws(JournalError) -> UInt64 in
            if locked.state.failure != nil { throw .failedEarlier }
            let sequence = locked.state.nextSequence
            locked.state.nextSequence += 1
            JournalFormat.appendRecord(sequence: sequence, payload: payload, to: &locked.state.pending)
            while true {
                if locked.state.durableSequence >= sequence { return sequence }
                if let failure = locked.state.failure { throw failure.error(for: sequence) }
                if locked.state.isWriting {
                    locked.wait()
                } else {
                    lead(locked)
                }
            }
        }
    }

    /// One leader turn: write and sync everything pending, then rotate if the file grew past the limit.
    private func lead(_ locked: ConditionLock<State>.Locked) {
        let batch = locked.state.pending
        locked.state.pending = []
        let first = locked.state.durableSequence + 1
        let last = locked.state.nextSequence - 1
        let file = locked.state.file
        let offset = locked.state.fileLength
        locked.state.isWriting = true
        defer {
            locked.state.isWriting = false
            locked.broadcast()
        }
        let started = Deadline.now
        let failure = locked.whileUnlocked { writeDurably(batch, at: offset, to: file) }
        if let failure {
            locked.state.failure = Failure(failedSequences: first...last, error: failure)
            return
        }
        locked.state.durableSequence = last
        locked.state.fileLength += batch.count
        let seconds = Double(Deadline.now.nanoseconds - started.nanoseconds) / 1e9
        let count = Int(last - first + 1)
        locked.state.statistics.recordsWritten += UInt64(count)
        locked.state.statistics.bytesWritten += UInt64(batch.count)
        locked.state.statistics.syncs += 1
        locked.state.statistics.lastRecordsPerSync = count
        locked.state.statistics.recordsPerSync.record(Double(count))
        locked.state.statistics.syncSeconds.record(seconds)
        locked.state.statistics.journalBytes = locked.state.fileLength
        // The batch is durable: let its appenders return before a rotation holds the lock's leader slot.
        locked.broadcast()
        if locked.state.fileLength >= compactAfterBytes, !locked.state.isCompacting {
            rotate(locked, base: last, closing: file)
        }
    }

    /// Writes `batch` at `offset` and syncs it; the error to report, or `nil` once durable.
    ///
    /// A failed write may have left a prefix of the batch (whole records among it) in the file;
    /// it is truncated away and synced, so that those records cannot reappear after a restart.
    /// That sync is not a retry of a failed one. A failed `fdatasync` is never retried: the
    /// kernel may have dropped the dirty pages and would report the next sync as a success.
    private func writeDurably(_ batch: [UInt8], at offset: Int, to file: JournalFileHandle) -> JournalError? {
        do {
            try storage.write(batch, at: offset, to: file)
        } catch {
            do {
                try storage.truncate(file, to: offset)
                try storage.synchronizeData(file)
                return .io(operation: "write", file: files.journal, errno: error, mayBeDurable: false)
            } catch {
                return .io(operation: "write", file: files.journal, errno: error, mayBeDurable: true)
            }
        }
        do {
            try storage.synchronizeData(file)
        } catch {
            return .io(operation: "fdatasync", file: files.journal, errno: error, mayBeDurable: true)
        }
        return nil
    }
}
