import ATMSystem
import CPosix

extension Errno {
    public static let noSpace = Errno(rawValue: ENOSPC)
    public static let inputOutput = Errno(rawValue: EIO)
    public static let fileTooLarge = Errno(rawValue: EFBIG)
}

extension FileDescriptor {
    /// How ``openFile(_:_:)`` opens a regular file; every mode sets `O_CLOEXEC`.
    public enum OpenMode: Sendable {
        /// `O_RDONLY`.
        case readOnly
        /// `O_WRONLY` on a file that must exist.
        case writeExisting
        /// `O_WRONLY | O_CREAT | O_TRUNC`, mode 0600: a fresh, empty file.
        case createOrTruncate

        var flags: Int32 {
            switch self {
            case .readOnly: O_RDONLY | O_CLOEXEC
            case .writeExisting: O_WRONLY | O_CLOEXEC
            case .createOrTruncate: O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC
            }
        }
    }

    /// `open(2)` of a regular file; the caller owns the descriptor and must ``close()`` it.
    public static func openFile(_ path: String, _ mode: OpenMode) throws(Errno) -> FileDescriptor {
        FileDescriptor(rawValue: try retryingInterrupts { cposix_open_creating(path, mode.flags, 0o600) })
    }

    /// `pwrite(2)` of every byte at `offset`, looping over short writes (a full disk reports
    /// ENOSPC on the write after a short one, so the caller learns how far it got only as an error).
    public func write(_ bytes: [UInt8], atOffset offset: Int) throws(Errno) {
        var written = 0
        while written < bytes.count {
            let count = try retryingInterrupts {
                bytes.withUnsafeBytes {
                    pwrite(rawValue, $0.baseAddress! + written, $0.count - written, off_t(offset + written))
                }
            }
            // A regular file never reports 0 for a non-empty write; treat it as an I/O error, not a loop.
            if count == 0 { throw .inputOutput }
            written += count
        }
    }

    /// `pread(2)` until `count` bytes or end of file, whichever comes first.
    public func read(upTo count: Int, atOffset offset: Int) throws(Errno) -> [UInt8] {
        var failure: Errno?
        let bytes = [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            initialized = 0
            while initialized < count {
                do throws(Errno) {
                    let got = try retryingInterrupts {
                        pread(
                            rawValue, buffer.baseAddress! + initialized, count - initialized,
                            off_t(offset + initialized))
                    }
                    if got == 0 { return }
                    initialized += got
                } catch {
                    failure = error
                    return
                }
            }
        }
        if let failure { throw failure }
        return bytes
    }

    /// `fdatasync(2)`: the data and the metadata needed to read it back (the size) are durable.
    public func synchronizeData() throws(Errno) {
        _ = try retryingInterrupts { fdatasync(rawValue) }
    }

    /// `fsync(2)`: data and all metadata are durable (for a file just created).
    public func synchronize() throws(Errno) {
        _ = try retryingInterrupts { fsync(rawValue) }
    }

    /// `ftruncate(2)`.
    public func truncate(to size: Int) throws(Errno) {
        _ = try retryingInterrupts { ftruncate(rawValue, off_t(size)) }
    }

    /// The file's size in bytes, from `fstat(2)`.
    public func size() throws(Errno) -> Int {
        var status = stat()
        _ = try retryingInterrupts { fstat(rawValue, &status) }
        return Int(status.st_size)
    }
}

/// Operations on names in a directory, for files replaced atomically by rename.
public enum FileSystem {
    /// `rename(2)`: atomically replaces `newPath` (if any) with `path`.
    public static func rename(_ path: String, to newPath: String) throws(Errno) {
        _ = try retryingInterrupts { CPosix.rename(path, newPath) }
    }

    /// `unlink(2)`.
    public static func remove(_ path: String) throws(Errno) {
        _ = try retryingInterrupts { unlink(path) }
    }

    /// `fsync(2)` of a directory, so that files created, renamed or removed in it stay so after a crash.
    public static func synchronizeDirectory(_ path: String) throws(Errno) {
        let directory = FileDescriptor(
            rawValue: try retryingInterrupts { cposix_open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC) })
        defer { directory.close() }
        try directory.synchronize()
    }
}

extension FileSystem {
    /// `mkdtemp(3)`: a new, private directory named `prefix` plus six random characters.
    public static func makeTemporaryDirectory(prefix: String) throws(Errno) -> String {
        var template = Array((prefix + "XXXXXX").utf8CString)
        let made = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
        guard made != nil else { throw Errno.current }
        return String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// `rmdir(2)` of an empty directory.
    public static func removeDirectory(_ path: String) throws(Errno) {
        _ = try retryingInterrupts { rmdir(path) }
    }
}
