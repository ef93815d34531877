import CPosix

extension FileDescriptor {
    /// What to wait for with ``wait(for:until:)``.
    public enum Readiness: Sendable {
        case readable
        case writable
    }

    /// `poll(2)` on this descriptor until it is ready or `deadline` passes (`nil`: no deadline).
    ///
    /// Returns `false` on timeout. Hang-up and errors count as ready: the next read or write reports them.
    public func wait(for readiness: Readiness, until deadline: Deadline?) throws(Errno) -> Bool {
        try FileDescriptor.poll([self], for: readiness, until: deadline).first != nil
    }

    /// `poll(2)` on several descriptors for the same events; returns the indices that are ready.
    ///
    /// EINTR restarts the wait with the time that is left, so signals never shorten or extend it.
    public static func poll(_ descriptors: [FileDescriptor], for readiness: Readiness, until deadline: Deadline?)
        throws(Errno) -> [Int]
    {
        let events = Int16(readiness == .readable ? POLLIN : POLLOUT)
        var entries = descriptors.map { pollfd(fd: $0.rawValue, events: events, revents: 0) }
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
