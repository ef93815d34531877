import ATMDaemonSystem
import ATMJournal
import ATMSystem
import Synchronization

/// A disk in memory that forgets what was not synced when the power fails, for crash tests.
///
/// Each file keeps its durable bytes and the writes since its last sync; the directory keeps its
/// durable names and the creations, renames and removals since its last sync. ``crash(seed:)``
/// keeps the durable state plus a seeded prefix of the unsynced changes (file writes in order,
/// directory changes in order, as a journaling file system commits them), and may tear the first
/// write it does not keep: a seeded prefix of it survives, followed by nothing, zeros or garbage.
/// Faults: a power failure at the Nth operation (that and every later operation fail with EIO
/// until ``crash(seed:)``), a capacity (ENOSPC after a short write), and failing writes or syncs.
public final class SimulatedDisk: JournalStorage {
    private enum Change: Sendable {
        case write(offset: Int, bytes: [UInt8])
        case truncate(size: Int)
    }

    private enum DirectoryChange: Sendable {
        case link(name: String, inode: Int)
        case rename(from: String, to: String)
        case unlink(name: String)
    }

    private struct Inode: Sendable {
        var durable: [UInt8] = []
        var current: [UInt8] = []
        var unsynced: [Change] = []
    }

    private struct State: Sendable {
        var inodes: [Int: Inode] = [:]
        var nextInode = 1
        var directory: [String: Int] = [:]
        var durableDirectory: [String: Int] = [:]
        var unsyncedDirectory: [DirectoryChange] = []
        var handles: [Int32: Int] = [:]
        var nextHandle: Int32 = 3
        var operations = 0
        var powerFailsAtOperation: Int?
        var isPoweredOff = false
        var capacity: Int?
        /// (writes or syncs to let through first, the error for the next one).
        var writeFailure: (skipping: Int, errno: Errno)?
        var syncFailure: (skipping: Int, errno: Errno)?

        var usedBytes: Int { inodes.values.reduce(0) { $0 + $1.current.count } }

        /// Counts one operation; throws EIO once the power is off. `true`: the power fails now.
        mutating func begin() throws(Errno) -> Bool {
            if isPoweredOff { throw .inputOutput }
            operations += 1
            if operations == powerFailsAtOperation {
                isPoweredOff = true
                return true
            }
            return false
        }

        func inode(of file: JournalFileHandle) throws(Errno) -> Int {
            guard let inode = handles[file.rawValue] else { throw .badDescriptor }
            return inode
        }

        mutating func newHandle(for inode: Int) -> JournalFileHandle {
            let handle = nextHandle
            nextHandle += 1
            handles[handle] = inode
            return JournalFileHandle(rawValue: handle)
        }
    }

    private let state = Mutex(State())

    public init() {}

    // MARK: Faults and power

    /// The power fails at the `count`th counted operation from now (writes, syncs, truncations,
    /// creations, renames, removals): that write lands unsynced, that other operation does not happen.
    public func powerFail(afterOperations count: Int) {
        state.withLock { $0.powerFailsAtOperation = $0.operations + count }
    }

    /// Operations counted so far (to choose a power failure point).
    public var operationCount: Int { state.withLock { $0.operations } }

    /// Whether the power has failed (and ``crash(seed:)`` not yet run).
    public var isPoweredOff: Bool { state.withLock { $0.isPoweredOff } }

    /// Writes beyond `bytes` in total (all files) write what fits, then fail with ENOSPC; `nil`: no limit.
    public func setCapacity(_ bytes: Int?) {
        state.withLock { $0.capacity = bytes }
    }

    /// After `skipping` more writes succeed, the next one fails with `errno`, writing nothing.
    public func failWrite(skipping: Int = 0, with errno: Errno = .inputOutput) {
        state.withLock { $0.writeFailure = (skipping, errno) }
    }

    /// After `skipping` more file syncs succeed, the next one fails with `errno`; its unsynced
    /// writes stay unsynced (they may or may not survive a crash, as after a real failed fsync).
    public func failSync(skipping: Int = 0, with errno: Errno = .inputOutput) {
        state.withLock { $0.syncFailure = (skipping, errno) }
    }

    /// Power loss and reboot: keeps what was durable plus a seeded prefix of what was not (see the
    /// type's description), closes every handle, and clears the faults.
    public func crash(seed: UInt64) {
        var random = SeededRandom(seed: seed)
        state.withLock { state in
            var directory = state.durableDirectory
            let keptDirectoryChanges = Int.random(in: 0...state.unsyncedDirectory.count, using: &random)
            for change in state.unsyncedDirectory.prefix(keptDirectoryChanges) {
                Self.apply(change, to: &directory)
            }
            var inodes: [Int: Inode] = [:]
            for number in Set(directory.values).sorted() {
                guard let inode = state.inodes[number] else { continue }
                let bytes = Self.survivingBytes(of: inode, using: &random)
                inodes[number] = Inode(durable: bytes, current: bytes)
            }
            state.inodes = inodes
            state.directory = directory
            state.durableDirectory = directory
            state.unsyncedDirectory = []
            state.handles = [:]
            state.powerFailsAtOperation = nil
            state.isPoweredOff = false
            state.capacity = nil
            state.writeFailure = nil
            state.syncFailure = nil
        }
    }

    private static func survivingBytes(of inode: Inode, using random: inout SeededRandom) -> [UInt8] {
        var bytes = inode.durable
        let kept = Int.random(in: 0...inode.unsynced.count, using: &random)
        for change in inode.unsynced.prefix(kept) { apply(change, to: &bytes) }
        guard kept < inode.unsynced.count, case .write(let offset, let data) = inode.unsynced[kept], !data.isEmpty,
            Bool.random(using: &random)
        else { return bytes }
        let landed = Int.random(in: 0..<data.count, using: &random)
        var torn = Array(data[..<landed])
        switch Int.random(in: 0..<3, using: &random) {
        case 0: break
        case 1: torn += [UInt8](repeating: 0, count: data.count - landed)
        default: torn += (landed..<data.count).map { _ in UInt8.random(in: 0...255, using: &random) }
        }
        apply(.write(offset: offset, bytes: torn), to: &bytes)
        return bytes
    }

    private static func takeFailure(_ failure: inout (skipping: Int, errno: Errno)?) -> Errno? {
        guard let current = failure else { return nil }
        if current.skipping == 0 {
            failure = nil
            return current.errno
        }
        failure = (current.skipping - 1, current.errno)
        return nil
    }

    private static func apply(_ change: Change, to bytes: inout [UInt8]) {
        switch change {
        case .write(let offset, let data):
            if bytes.count < offset + data.count {
                bytes += [UInt8](repeating: 0, count: offset + data.count - bytes.count)
            }
            bytes.replaceSubrange(offset..<offset + data.count, with: data)
        case .truncate(let size):
            if size < bytes.count {
                bytes.removeSubrange(size...)
            } else {
                bytes += [UInt8](repeating: 0, count: size - bytes.count)
            }
        }
    }

    private static func apply(_ change: DirectoryChange, to directory: inout [String: Int]) {
        switch change {
        case .link(let name, let inode): directory[name] = inode
        case .rename(let from, let to):
            if let inode = directory.removeValue(forKey: from) { directory[to] = inode }
        case .unlink(let name): directory[name] = nil
        }
    }

    // MARK: Test set-up

    /// Stores `bytes` as the durable content of `name` (replacing it), as if written, synced and renamed.
    public func store(_ bytes: [UInt8], as name: String) {
        state.withLock { state in
            let number = state.directory[name] ?? state.nextInode
            if number == state.nextInode { state.nextInode += 1 }
            state.inodes[number] = Inode(durable: bytes, current: bytes)
            state.directory[name] = number
            state.durableDirectory[name] = number
        }
    }

    /// The names in the directory now.
    public var fileNames: [String] { state.withLock { $0.directory.keys.sorted() } }

    // MARK: JournalStorage

    public func contents(of name: String) throws(Errno) -> [UInt8]? {
        try state.withLock { state throws(Errno) -> [UInt8]? in
            if state.isPoweredOff { throw .inputOutput }
            guard let number = state.directory[name] else { return nil }
            return state.inodes[number]?.current
        }
    }

    public func create(_ name: String) throws(Errno) -> JournalFileHandle {
        try state.withLock { state throws(Errno) -> JournalFileHandle in
            if try state.begin() { throw .inputOutput }
            let number = state.nextInode
            state.nextInode += 1
            state.inodes[number] = Inode()
            state.directory[name] = number
            state.unsyncedDirectory.append(.link(name: name, inode: number))
            return state.newHandle(for: number)
        }
    }

    public func openForWriting(_ name: String) throws(Errno) -> JournalFileHandle {
        try state.withLock { state throws(Errno) -> JournalFileHandle in
            if state.isPoweredOff { throw .inputOutput }
            guard let number = state.directory[name] else { throw .noSuchFile }
            return state.newHandle(for: number)
        }
    }

    public func write(_ bytes: [UInt8], at offset: Int, to file: JournalFileHandle) throws(Errno) {
        try state.withLock { state throws(Errno) in
            let powerFailsNow = try state.begin()
            let number = try state.inode(of: file)
            if let failure = Self.takeFailure(&state.writeFailure) { throw failure }
            var data = bytes
            var failure: Errno?
            if let capacity = state.capacity {
                let current = state.inodes[number]!.current.count
                let growth = max(0, offset + bytes.count - current)
                let free = max(0, capacity - state.usedBytes)
                if growth > free {
                    data = Array(bytes.prefix(max(0, current - offset) + free))
                    failure = .noSpace
                }
            }
            let change = Change.write(offset: offset, bytes: data)
            Self.apply(change, to: &state.inodes[number]!.current)
            state.inodes[number]!.unsynced.append(change)
            if powerFailsNow { throw .inputOutput }
            if let failure { throw failure }
        }
    }

    public func synchronizeData(_ file: JournalFileHandle) throws(Errno) {
        try synchronize(file)
    }

    public func synchronize(_ file: JournalFileHandle) throws(Errno) {
        try state.withLock { state throws(Errno) in
            if try state.begin() { throw .inputOutput }
            let number = try state.inode(of: file)
            if let failure = Self.takeFailure(&state.syncFailure) { throw failure }
            state.inodes[number]!.durable = state.inodes[number]!.current
            state.inodes[number]!.unsynced = []
        }
    }

    public func truncate(_ file: JournalFileHandle, to size: Int) throws(Errno) {
        try state.withLock { state throws(Errno) in
            if try state.begin() { throw .inputOutput }
            let number = try state.inode(of: file)
            Self.apply(.truncate(size: size), to: &state.inodes[number]!.current)
            state.inodes[number]!.unsynced.append(.truncate(size: size))
        }
    }

    public func close(_ file: JournalFileHandle) {
        state.withLock { _ = $0.handles.removeValue(forKey: file.rawValue) }
    }

    public func rename(_ name: String, to newName: String) throws(Errno) {
        try state.withLock { state throws(Errno) in
            if try state.begin() { throw .inputOutput }
            guard state.directory[name] != nil else { throw .noSuchFile }
            let change = DirectoryChange.rename(from: name, to: newName)
            Self.apply(change, to: &state.directory)
            state.unsyncedDirectory.append(change)
        }
    }

    public func remove(_ name: String) throws(Errno) {
        try state.withLock { state throws(Errno) in
            if try state.begin() { throw .inputOutput }
            guard state.directory[name] != nil else { throw .noSuchFile }
            let change = DirectoryChange.unlink(name: name)
            Self.apply(change, to: &state.directory)
            state.unsyncedDirectory.append(change)
        }
    }

    public func synchronizeDirectory() throws(Errno) {
        try state.withLock { state throws(Errno) in
            if try state.begin() { throw .inputOutput }
            state.durableDirectory = state.directory
            state.unsyncedDirectory = []
        }
    }
}
