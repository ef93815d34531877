import CPosix

/// A process's id, as fork(2) and waitpid(2) name it.
public struct ProcessID: Sendable, Hashable, CustomStringConvertible {
    public let rawValue: Int32

    public init(rawValue: Int32) {
        self.rawValue = rawValue
    }

    /// This process's own id.
    public static var current: ProcessID { ProcessID(rawValue: getpid()) }

    public var description: String { String(rawValue) }
}

/// The children of this process: made by fork(2) (no exec: a child runs on from the same image), signalled,
/// and reaped.
public enum ChildProcess {
    /// Which side of a fork this is.
    public enum Side: Sendable, Equatable {
        case parent(child: ProcessID)
        case child
    }

    /// fork(2). Only for a single-threaded process: the child has only the calling thread.
    public static func fork() throws(Errno) -> Side {
        let pid = CPosix.fork()
        if pid < 0 { throw Errno.current }
        return pid == 0 ? .child : .parent(child: ProcessID(rawValue: pid))
    }

    /// One child that has ended and how: its exit status, or the signal that killed it.
    public struct Ending: Sendable, Equatable, CustomStringConvertible {
        public let child: ProcessID
        /// The raw status waitpid(2) reported.
        public let status: Int32

        public init(child: ProcessID, status: Int32) {
            self.child = child
            self.status = status
        }

        public var description: String {
            let signal = status & 0x7f
            return signal == 0 ? "exit status \((status >> 8) & 0xff)" : "killed by signal \(signal)"
        }
    }

    /// Calls `ended` with every child that has ended since the last call, without waiting (waitpid(-1, WNOHANG)).
    public static func reapEnded(_ ended: (Ending) -> Void) {
        while true {
            var status: Int32 = 0
            let pid = waitpid(-1, &status, WNOHANG)
            if pid > 0 {
                ended(Ending(child: ProcessID(rawValue: pid), status: status))
            } else if pid < 0 && Errno.current == .interrupted {
                continue
            } else {
                return
            }
        }
    }

    /// In a forked child: SIGTERM when `parent` ends, so a child waiting for work does not outlive the
    /// process that would reap it; false when `parent` has already gone.
    public static func terminateWithParent(_ parent: ProcessID) -> Bool {
        cposix_terminate_with_parent(parent.rawValue) == 0
    }

    /// Asks `child` to stop (SIGTERM); a child already gone is not an error.
    public static func terminate(_ child: ProcessID) {
        _ = kill(child.rawValue, SIGTERM)
    }
}
