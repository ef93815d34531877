import CPosix

extension FileDescriptor {
    /// What to wait for with ``wait(for:until:)``.
    public enum Readiness: Sendable {
        case readable
        case writable

        var events: Int16 { Int16(self == .readable ? POLLIN : POLLOUT) }
    }

    /// `poll(2)` on this descriptor until it is ready or `deadline` passes (`nil`: no deadline).
    ///
    /// Returns `false` on timeout. Hang-up and errors count as ready: the next read or write reports them.
    public func wait(for readiness: Readiness, until deadline: Deadline?) throws(Errno) -> Bool {
        // One entry on the stack: the handler waits before every read and write, so no arrays here.
        var entry = pollfd(fd: rawValue, events: readiness.events, revents: 0)
        while true {
            let timeout = deadline.map { $0.remainingMilliseconds } ?? -1
            let count = CPosix.poll(&entry, 1, timeout)
            if count > 0 { return true }
            if count == 0 {
                if deadline?.hasPassed ?? false { return false }
                continue
            }
            let error = Errno.current
            if error != .interrupted { throw error }
        }
    }

    /// `poll(2)` on several descriptors for the same events; returns the indices that are ready.
    ///
    /// EINTR restarts the wait with the time that is left, so signals never shorten or extend it.
    public static func poll(_ descriptors: [FileDescriptor], for readiness: Readiness, until deadline: Deadline?)
        throws(Errno) -> [Int]
    {
        var entries = descriptors.map { pollfd(fd: $0.rawValue, events: readiness.events, revents: 0) }
        while true {
            let timeout = deadline.map { $0.remainingMilliseconds } ?? -1
            let count = CPosix.poll(&entries, nfds_t(entries.count), timeout)
            if count > 0 { return entries.indices.filter { entries[$0].revents != 0 } }
            if count == 0 {
                if deadline?.hasPassed ?? false { return [] }
                continue
            }
            let error = Errno.current
            if error != .interrupted { throw error }
        }
    }
}
