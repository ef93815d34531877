import ATMSystem

/// A file open for writing in a ``JournalStorage``: a descriptor on disk, a number in a simulation.
public struct JournalFileHandle: Sendable, Hashable {
    public let rawValue: Int32

    public init(rawValue: Int32) {
        self.rawValue = rawValue
    }
}

/// Where journal bytes go: the real file system (``FileStorage``) or a simulated disk in tests
/// (ATMJournalTesting's `SimulatedDisk`). Names are file names inside one directory.
///
/// The journal needs exactly these operations; their durability is the POSIX one: written bytes
/// survive a crash only after ``synchronizeData(_:)`` or ``synchronize(_:)``, and creating,
/// renaming or removing a name only after ``synchronizeDirectory()``.
public protocol JournalStorage: Sendable {
    /// The whole content of `name`, or `nil` when there is no such file.
    func contents(of name: String) throws(Errno) -> [UInt8]?
    /// Creates `name` empty, replacing any file of that name, open for writing.
    func create(_ name: String) throws(Errno) -> JournalFileHandle
    /// Opens the existing file `name` for writing.
    func openForWriting(_ name: String) throws(Errno) -> JournalFileHandle
    /// Writes all of `bytes` at `offset` (`pwrite`, looping over short writes).
    func write(_ bytes: [UInt8], at offset: Int, to file: JournalFileHandle) throws(Errno)
    /// `fdatasync`: the file's bytes and size are durable.
    func synchronizeData(_ file: JournalFileHandle) throws(Errno)
    /// `fsync`: the file's bytes and all its metadata are durable.
    func synchronize(_ file: JournalFileHandle) throws(Errno)
    /// `ftruncate`.
    func truncate(_ file: JournalFileHandle, to size: Int) throws(Errno)
    /// Closes the handle; never fails (on Linux the descriptor is gone even on error).
    func close(_ file: JournalFileHandle)
    /// Atomically replaces `newName` (if any) by `name`.
    func rename(_ name: String, to newName: String) throws(Errno)
    /// Removes `name`; ENOENT when there is none.
    func remove(_ name: String) throws(Errno)
    /// `fsync` of the directory: creations, renames and removals so far are durable.
    func synchronizeDirectory() throws(Errno)
}
