import ATMBytes
import ATMCore
import ATMMoney

/// A snapshot: the whole state, in ``LedgerFormat`` 2 (binary) — the version byte, the last sequence, the
/// accounts (each with its balance and history, oldest first), then the finished idempotency keys, oldest first
/// (time, key, operation, outcome). Snapshots of format 1 (text) are still read.
extension LedgerState {
    /// The snapshot of this state.
    public var snapshot: [UInt8] {
        var bytes: [UInt8] = [LedgerFormat.current]
        bytes.reserveCapacity(64 + accounts.count * 32)
        bytes.append(littleEndian: lastSequence)
        bytes.append(littleEndian: UInt32(clamping: accounts.count))
        for (account, state) in accounts.sorted(by: { $0.key < $1.key }) {
            bytes.append(binary: account)
            bytes.append(binary: state.balance)
            let history = state.history.oldestFirst
            bytes.append(littleEndian: UInt32(clamping: history.count))
            for entry in history { entry.write(binaryTo: &bytes) }
        }
        let finished = keys.finishedOldestFirst
        bytes.append(littleEndian: UInt32(clamping: finished.count))
        for (key, entry) in finished {
            guard case .finished(let operation, let outcome, let time) = entry else { continue }
            bytes.append(littleEndian: time)
            bytes.append(binary: key)
            operation.write(binaryTo: &bytes)
            outcome.write(binaryTo: &bytes)
        }
        return bytes
    }

    /// Rebuilds the state a snapshot of either format describes.
    public init(snapshot: [UInt8], historyCapacity: Int, idempotencyKeys: Int) throws(ReplayError) {
        switch LedgerFormat.version(of: snapshot[...]) {
        case 1:
            try self.init(format1Snapshot: snapshot, historyCapacity: historyCapacity, idempotencyKeys: idempotencyKeys)
        case LedgerFormat.current:
            self.init(historyCapacity: historyCapacity, idempotencyKeys: idempotencyKeys)
            do throws(LedgerDecodingError) {
                try read(binarySnapshot: snapshot)
            } catch {
                throw ReplayError(sequence: 0, reason: "malformed snapshot: \(error)")
            }
        default:
            throw ReplayError(sequence: 0, reason: "not a snapshot this version can read")
        }
    }

    private mutating func read(binarySnapshot snapshot: [UInt8]) throws(LedgerDecodingError) {
        var reader = LittleEndianReader(snapshot.dropFirst())
        lastSequence = try reader.read(UInt64.self)
        let accountCount = try reader.readCount(bytesEach: 2 + 8 + 4)
        accounts.reserveCapacity(accountCount)
        var previous: AccountNumber?
        for _ in 0..<accountCount {
            let account = try reader.readAccount()
            guard previous.map({ $0 < account }) ?? true else { throw reader.failure("accounts out of order") }
            previous = account
            var state = AccountState(balance: try reader.readMoney())
            let entries = try reader.readCount(bytesEach: HistoryEntry.smallestBinarySize)
            for _ in 0..<entries {
                state.history.append(try HistoryEntry(binary: &reader), capacity: historyCapacity)
            }
            accounts[account] = state
        }
        let keyCount = try reader.readCount(bytesEach: 8 + 3 + 2)
        for _ in 0..<keyCount {
            let time = try reader.read(Int64.self)
            let key: IdempotencyKey = try reader.readToken()
            let operation = try LedgerOperation(binary: &reader)
            guard operation.movesMoney else { throw reader.failure("a key for an operation that moves no money") }
            keys.finish(key, operation: operation, outcome: try LedgerOutcome(binary: &reader), timeMilliseconds: time)
        }
        try reader.expectEnd()
    }

    /// The journal's compactor: the state after `records` on top of `snapshot`, as a new snapshot.
    public static func compact(
        snapshot: [UInt8]?, records: [(UInt64, [UInt8])], historyCapacity: Int, idempotencyKeys: Int
    ) throws(ReplayError) -> [UInt8] {
        var state =
            try snapshot.map { (bytes) throws(ReplayError) in
                try LedgerState(snapshot: bytes, historyCapacity: historyCapacity, idempotencyKeys: idempotencyKeys)
            } ?? LedgerState(historyCapacity: historyCapacity, idempotencyKeys: idempotencyKeys)
        for (sequence, payload) in records {
            try state.apply(payload, sequence: sequence)
        }
        return state.snapshot
    }
}
