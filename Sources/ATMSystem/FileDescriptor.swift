import ATMBytes
import CPosix

/// A borrowed file descriptor: a plain value that never closes itself.
///
/// Owning handles (``ListeningSocket``, ``Connection``) wrap one and close it in `deinit`.
public struct FileDescriptor: Sendable, Hashable {
    public let rawValue: Int32

    public init(rawValue: Int32) {
        self.rawValue = rawValue
    }

    public static let standardInput = FileDescriptor(rawValue: 0)
    public static let standardOutput = FileDescriptor(rawValue: 1)
    public static let standardError = FileDescriptor(rawValue: 2)

    /// `read(2)` into `buffer`; 0 means end of input.
    public func read(into buffer: UnsafeMutableRawBufferPointer) throws(Errno) -> Int {
        try retryingInterrupts { CPosix.read(rawValue, buffer.baseAddress, buffer.count) }
    }

    /// Writes every byte, looping over short writes; waits for writability when the descriptor is non-blocking.
    public func writeAll(_ bytes: [UInt8], until deadline: Deadline? = nil) throws(Errno) {
        // `Array.withUnsafeBytes` rethrows untyped errors, so the typed one comes out through a Result.
        try bytes.withUnsafeBytes { raw in Result { () throws(Errno) in try writeAll(raw, until: deadline) } }.get()
    }

    /// Writes every byte a ``ByteWriter`` holds, as the array version does.
    public func writeAll(_ writer: borrowing ByteWriter, until deadline: Deadline? = nil) throws(Errno) {
        try writer.withUnsafeBytes { (raw) throws(Errno) in try writeAll(raw, until: deadline) }
    }

    /// Writes every byte of `bytes`, as the array version does.
    public func writeAll(_ bytes: UnsafeRawBufferPointer, until deadline: Deadline? = nil) throws(Errno) {
        guard let start = bytes.baseAddress else { return }
        var written = 0
        while written < bytes.count {
            do {
                written += try retryingInterrupts { CPosix.write(rawValue, start + written, bytes.count - written) }
            } catch {
                guard error == .wouldBlock else { throw error }
                guard try wait(for: .writable, until: deadline) else { throw .timedOut }
            }
        }
    }

    /// Reads whatever is available, waiting no later than `deadline`: `nil` on timeout, `[]` at end of input.
    ///
    /// The buffer is never zero-filled first: in a process that lives for one request, clearing
    /// kilobytes that `read(2)` is about to overwrite is a measurable share of the work.
    public func read(upTo count: Int, until deadline: Deadline?) throws(Errno) -> [UInt8]? {
        while true {
            guard try wait(for: .readable, until: deadline) else { return nil }
            if let chunk = try readAvailable(upTo: count) { return chunk }
        }
    }

    /// One `read(2)` of a non-blocking descriptor without waiting first: `nil` when nothing is waiting
    /// (`EAGAIN`), `[]` at end of input. Saves the `poll` when the bytes are usually already there.
    public func readAvailable(upTo count: Int) throws(Errno) -> [UInt8]? {
        var failure: Errno?
        let chunk = [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            do throws(Errno) {
                initialized = try retryingInterrupts { CPosix.read(rawValue, buffer.baseAddress, count) }
            } catch {
                failure = error
                initialized = 0
            }
        }
        guard let failure else { return chunk }
        guard failure == .wouldBlock else { throw failure }
        return nil
    }

    /// `close(2)`, never retried: on Linux the descriptor is released even when EINTR is reported.
    ///
    /// Traps on EBADF, as swift-nio does: closing a descriptor that is not open is a double close,
    /// a bug that could otherwise close a descriptor another part of the process has since opened.
    public func close() {
        if CPosix.close(rawValue) == -1 && Errno.current == .badDescriptor {
            fatalError("close(2) of a descriptor that is not open: a double close")
        }
    }

    /// `shutdown(2)` of the sending side, so the peer sees end of input while we still read.
    public func shutdownWriting() throws(Errno) {
        _ = try retryingInterrupts { CPosix.shutdown(rawValue, Int32(SHUT_WR)) }
    }

    /// Sets or clears `O_NONBLOCK`.
    public func setNonBlocking(_ isNonBlocking: Bool) throws(Errno) {
        let flags = try retryingInterrupts { cposix_fcntl(rawValue, F_GETFL) }
        let updated = isNonBlocking ? flags | O_NONBLOCK : flags & ~O_NONBLOCK
        _ = try retryingInterrupts { cposix_fcntl_int(rawValue, F_SETFL, updated) }
    }

    /// The file the descriptor refers to (device and inode), or `nil` when it is not open: equal for
    /// two descriptors of the same file, as fds 1 and 2 are under inetd.
    public var fileIdentity: FileIdentity? {
        var status = stat()
        guard fstat(rawValue, &status) == 0 else { return nil }
        return FileIdentity(device: UInt64(status.st_dev), inode: UInt64(status.st_ino))
    }
}

extension FileDescriptor {
    /// The whole content of the file at `path`; fails with EFBIG beyond `limit` bytes.
    public static func readWholeFile(_ path: String, limit: Int) throws(Errno) -> [UInt8] {
        let raw = try retryingInterrupts { cposix_open(path, O_RDONLY | O_CLOEXEC) }
        let file = FileDescriptor(rawValue: raw)
        defer { file.close() }
        var content: [UInt8] = []
        while true {
            guard let chunk = try file.read(upTo: 1 << 20, until: nil) else { continue }
            if chunk.isEmpty { return content }
            content += chunk
            if content.count > limit { throw Errno(rawValue: EFBIG) }
        }
    }
}

/// Which file an open descriptor refers to: its device and inode.
public struct FileIdentity: Sendable, Hashable {
    public let device: UInt64
    public let inode: UInt64
}
