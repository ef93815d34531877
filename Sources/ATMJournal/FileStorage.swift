import ATMDaemonSystem
import ATMSystem

/// Journal storage on the real file system: files in one directory, through ATMSystem's syscalls.
public struct FileStorage: JournalStorage {
    /// The directory holding the journal, its snapshot and their temporary files.
    public let directory: String

    /// Storage in the directory that holds `path` (the current directory for a bare name).
    public init(directoryOf path: String) {
        let parts = JournalFiles.split(path)
        directory = parts.directory
    }

    private func path(_ name: String) -> String { directory + "/" + name }

    public func contents(of name: String) throws(Errno) -> [UInt8]? {
        let file: FileDescriptor
        do {
            file = try FileDescriptor.openFile(path(name), .readOnly)
        } catch {
            if error == .noSuchFile { return nil }
            throw error
        }
        defer { file.close() }
        let size = try file.size()
        var bytes = try file.read(upTo: size, atOffset: 0)
        // The file may have grown since fstat; read on to its end.
        while true {
            let more = try file.read(upTo: 1 << 16, atOffset: bytes.count)
            if more.isEmpty { return bytes }
            bytes += more
        }
    }

    public func create(_ name: String) throws(Errno) -> JournalFileHandle {
        JournalFileHandle(rawValue: try FileDescriptor.openFile(path(name), .createOrTruncate).rawValue)
    }

    public func openForWriting(_ name: String) throws(Errno) -> JournalFileHandle {
        JournalFileHandle(rawValue: try FileDescriptor.openFile(path(name), .writeExisting).rawValue)
    }

    public func write(_ bytes: [UInt8], at offset: Int, to file: JournalFileHandle) throws(Errno) {
        try FileDescriptor(rawValue: file.rawValue).write(bytes, atOffset: offset)
    }

    public func synchronizeData(_ file: JournalFileHandle) throws(Errno) {
        try FileDescriptor(rawValue: file.rawValue).synchronizeData()
    }

    public func synchronize(_ file: JournalFileHandle) throws(Errno) {
        try FileDescriptor(rawValue: file.rawValue).synchronize()
    }

    public func truncate(_ file: JournalFileHandle, to size: Int) throws(Errno) {
        try FileDescriptor(rawValue: file.rawValue).truncate(to: size)
    }

    public func close(_ file: JournalFileHandle) {
        FileDescriptor(rawValue: file.rawValue).close()
    }

    public func rename(_ name: String, to newName: String) throws(Errno) {
        try FileSystem.rename(path(name), to: path(newName))
    }

    public func remove(_ name: String) throws(Errno) {
        try FileSystem.remove(path(name))
    }

    public func synchronizeDirectory() throws(Errno) {
        try FileSystem.synchronizeDirectory(directory)
    }
}
