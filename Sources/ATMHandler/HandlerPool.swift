import ATMBytes
import ATMSystem

/// Handlers started ahead of their connections (`ATM_HANDLER_POOL`): the parent keeps that many children
/// waiting in accept(2) on the listening socket systemd passes, each child serves one connection exactly as
/// a super-server's handler does and exits, and a new child is forked as soon as one takes a connection.
///
/// Why: a TLS terminator connects to the handlers only after its handshake, so a handler started per
/// connection (`Accept=yes`) makes every client wait for a fork and an exec. Here that start happens before
/// the client arrives, while each connection still has a process of its own that nothing outlives.
public struct HandlerPool {
    /// Children kept waiting for a connection.
    public let spares: Int
    /// Children at once, waiting and serving: beyond it a connection waits in the socket's backlog.
    public let limit: Int
    private let listener: FileDescriptor
    private let log: AccessLog

    /// Handlers serving at once, as a socket unit's `MaxConnections=` would allow them.
    public static let servingLimit = 256
    /// How long the pool waits before replacing a child that ended while it waited (a crash, a kill):
    /// a broken child must not become a fork loop.
    private static let backOffMilliseconds = 1_000

    public init(listener: FileDescriptor, spares: Int, log: AccessLog) {
        self.listener = listener
        self.spares = spares
        limit = spares + Self.servingLimit
        self.log = log
    }

    /// Runs the pool until SIGTERM or SIGINT, then stops the waiting children, lets the serving ones finish
    /// and returns. `serve` runs in each child once its connection is on standard input and output.
    public func run(serve: (Deadline) -> Void) -> ExitStatus {
        SignalWatch.start()
        let notifications: (read: FileDescriptor, write: FileDescriptor)
        do {
            // Children wait in a blocking accept(2): on a socket passed non-blocking (NonBlocking=yes) they
            // would spin instead.
            try listener.setNonBlocking(false)
            notifications = try makePipe()
            try notifications.read.setNonBlocking(true)
        } catch {
            log.note("handler pool: cannot set up the socket and its pipe: \(error)")
            return .systemError
        }
        log.note("handler pool: \(spares) handlers wait on the passed socket, at most \(limit) at once")
        // Nothing below allocates per connection: the parent runs for months.
        var noticeBuffer = [UInt8](repeating: 0, count: 4096)
        var waiting: [ProcessID] = []
        waiting.reserveCapacity(spares)
        var serving = 0
        var stopping = false
        // Spares not replaced until `resumeForking`: one per child that ended while it waited (a crash, a kill),
        // all of them after a failed fork. Children that took a connection are always replaced at once.
        var withheld = 0
        var resumeForking: Deadline?
        let parent = ProcessID.current
        /// Moves the children that took a connection from waiting to serving.
        func readNotices() {
            Self.readNotices(notifications.read, into: &noticeBuffer) { child in
                if let index = waiting.firstIndex(of: child) {
                    waiting.remove(at: index)
                    serving += 1
                }
            }
        }
        while true {
            readNotices()
            ChildProcess.reapEnded { ending in
                // A child writes its notice before it can end: one that took a connection after the read
                // above has its notice in the pipe by now.
                if waiting.contains(ending.child) { readNotices() }
                if let index = waiting.firstIndex(of: ending.child) {
                    waiting.remove(at: index)
                    if !stopping {
                        log.note("handler pool: a waiting handler ended (\(ending)); replacing it in 1 s")
                        withheld = min(spares, withheld + 1)
                        resumeForking = .after(milliseconds: Self.backOffMilliseconds)
                    }
                } else {
                    serving -= 1
                }
            }
            if SignalWatch.take(.terminate) || SignalWatch.take(.interrupt), !stopping {
                stopping = true
                log.note("handler pool: stopping: \(serving) connections finish, no new ones are taken")
                waiting.forEach(ChildProcess.terminate)
            }
            _ = SignalWatch.take(.childEnded)
            if stopping {
                if waiting.isEmpty && serving <= 0 { return .success }
                // A child told while between its check and its accept(2) would wait on: tell it again.
                waiting.forEach(ChildProcess.terminate)
                SignalWatch.wait(for: notifications.read, milliseconds: Self.backOffMilliseconds)
                continue
            }
            if let resume = resumeForking, resume.hasPassed {
                resumeForking = nil
                withheld = 0
            }
            while waiting.count < spares - withheld && waiting.count + serving < limit {
                let side: ChildProcess.Side
                do {
                    side = try ChildProcess.fork()
                } catch {
                    log.note("handler pool: cannot start a handler: \(error); trying again in 1 s")
                    withheld = spares
                    resumeForking = .after(milliseconds: Self.backOffMilliseconds)
                    break
                }
                switch side {
                case .parent(let child): waiting.append(child)
                case .child:
                    notifications.read.close()
                    CurrentProcess.exit(serveOne(notifying: notifications.write, parent: parent, serve: serve))
                }
            }
            let retry = resumeForking.map { Int(max(0, $0.remainingMilliseconds)) }
            SignalWatch.wait(for: notifications.read, milliseconds: retry)
        }
    }

    /// A child's life: wait for one connection (or SIGTERM), tell the parent, put the connection on standard
    /// input and output, serve it.
    private func serveOne(notifying pipe: FileDescriptor, parent: ProcessID, serve: (Deadline) -> Void) -> ExitStatus {
        SignalWatch.stopInChild(recordingTermination: true)
        // A pool killed outright (SIGKILL, a crash) takes its waiting children with it: one left accepting
        // would serve with settings nobody runs any more, and nobody would reap it.
        guard ChildProcess.terminateWithParent(parent) else { return .success }
        var connection: FileDescriptor?
        while connection == nil {
            if SignalWatch.take(.terminate) { return .success }
            do {
                connection = try listener.accept()
            } catch {
                log.note("handler pool: accept failed: \(error)")
                return .systemError
            }
        }
        guard let connection else { return .systemError }
        let start = Deadline.now
        SignalWatch.ignoreTermination()
        var notice = ByteWriter(capacity: 4)
        notice.append(littleEndian: ProcessID.current.rawValue)
        // A notice that cannot be written (the pool is gone) does not cost the client its connection.
        try? pipe.writeAll(notice)
        pipe.close()
        do {
            listener.close()
            try connection.duplicate(onto: .standardInput)
            try connection.duplicate(onto: .standardOutput)
            connection.close()
        } catch {
            log.note("handler pool: cannot take the connection: \(error)")
            return .systemError
        }
        serve(start)
        return .success
    }

    /// Calls `taken` with each child that took a connection since the last read: each wrote its id, four
    /// bytes in one write (atomic on a pipe, so a read never splits one).
    private static func readNotices(
        _ pipe: FileDescriptor, into buffer: inout [UInt8], _ taken: (ProcessID) -> Void
    ) {
        while true {
            let count = buffer.withUnsafeMutableBytes { raw in (try? pipe.read(into: raw)) ?? 0 }
            guard count >= 4 else { return }
            for index in stride(from: 0, to: count - 3, by: 4) {
                taken(ProcessID(rawValue: buffer.littleEndian(Int32.self, at: index)))
            }
        }
    }
}
