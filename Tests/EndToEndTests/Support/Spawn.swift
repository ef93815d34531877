import Foundation
import Glibc

/// A child process started with `posix_spawn` and reaped with `waitpid`, so tests never depend on
/// Foundation's SIGCHLD bookkeeping when several children come and go at once.
final class Spawned: @unchecked Sendable {
    let pid: pid_t
    private let lock = NSLock()
    private var exitStatus: Int32?
    /// What the child wrote; owned by the reader threads too, so they never keep `self` alive.
    private let collected = Collected()

    /// Starts `executable`; stdin is `stdinDescriptor` (or /dev/null), stdout and stderr are collected —
    /// unless `inetdStyle`, where fds 0, 1 and 2 are all `stdinDescriptor`, as inetd and xinetd hand a connection.
    /// A `listeningDescriptor` becomes the child's fd 3.
    init(
        _ executable: String, _ arguments: [String], environment: [String: String], stdinDescriptor: Int32? = nil,
        inetdStyle: Bool = false, listeningDescriptor: Int32? = nil
    ) throws {
        // Tests write requests to children that may exit first (an early 4xx): EPIPE, not a dead test
        // process. Children get every signal back to its default (POSIX_SPAWN_SETSIGDEF below).
        Glibc.signal(SIGPIPE, SIG_IGN)
        let outPipe = try makePipe()
        let errPipe = try makePipe()
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        if let stdinDescriptor {
            posix_spawn_file_actions_adddup2(&actions, stdinDescriptor, 0)
        } else {
            posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        }
        if inetdStyle, let stdinDescriptor {
            posix_spawn_file_actions_adddup2(&actions, stdinDescriptor, 1)
            posix_spawn_file_actions_adddup2(&actions, stdinDescriptor, 2)
        } else {
            posix_spawn_file_actions_adddup2(&actions, outPipe[1], 1)
            posix_spawn_file_actions_adddup2(&actions, errPipe[1], 2)
        }
        if let listeningDescriptor {
            // fd 3, as systemd passes a socket (sd_listen_fds(3)); dup2 clears close-on-exec.
            posix_spawn_file_actions_adddup2(&actions, listeningDescriptor, 3)
        }
        for descriptor in [outPipe[0], outPipe[1], errPipe[0], errPipe[1]] {
            posix_spawn_file_actions_addclose(&actions, descriptor)
        }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var defaults = sigset_t()
        sigfillset(&defaults)
        var empty = sigset_t()
        sigemptyset(&empty)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setsigmask(&attributes, &empty)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var child: pid_t = 0
        descriptorLock.lock()
        let result = posix_spawn(&child, executable, &actions, &attributes, argv, envp)
        descriptorLock.unlock()
        close(outPipe[1])
        close(errPipe[1])
        guard result == 0 else {
            close(outPipe[0])
            close(errPipe[0])
            throw POSIXError(POSIXErrorCode(rawValue: result) ?? .ENOENT)
        }
        pid = child
        collected.start(reading: outPipe[0], into: \.output)
        collected.start(reading: errPipe[0], into: \.errors)
    }

    deinit {
        if exitStatus == nil {
            kill(pid, SIGKILL)
            var status: Int32 = 0
            waitpid(pid, &status, 0)
        }
    }

    /// Runs `executable` to its end (at most `timeout` seconds); its exit status, or -1.
    static func run(_ executable: String, _ arguments: [String], timeout: Double = 30) -> Int32 {
        guard let child = try? Spawned(executable, arguments, environment: ["PATH": "/usr/sbin:/usr/bin:/sbin:/bin"])
        else { return -1 }
        return child.wait(timeout: timeout) ?? -1
    }

    var standardError: String { String(decoding: collected.bytes(\.errors), as: UTF8.self) }

    var standardOutput: [UInt8] { collected.bytes(\.output) }

    var isRunning: Bool { wait(timeout: 0) == nil }

    func signal(_ number: Int32) { kill(pid, number) }

    /// Waits up to `timeout` seconds; the exit status (128 + signal if killed), or `nil` if it still runs.
    @discardableResult
    func wait(timeout: Double = 10) -> Int32? {
        lock.lock()
        if let exitStatus {
            lock.unlock()
            return exitStatus
        }
        lock.unlock()
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            var status: Int32 = 0
            let result = waitpid(pid, &status, WNOHANG)
            if result == pid {
                let code = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
                collected.waitForEnd()
                lock.lock()
                exitStatus = code
                lock.unlock()
                return code
            }
            if Date() >= deadline { return nil }
            usleep(2_000)
        }
    }
}

/// The bytes a child wrote on stdout and stderr, gathered by one thread per pipe.
private final class Collected: @unchecked Sendable {
    struct Streams {
        var output: [UInt8] = []
        var errors: [UInt8] = []
    }

    private let lock = NSLock()
    private var streams = Streams()
    private let readers = DispatchGroup()

    func start(reading descriptor: Int32, into stream: WritableKeyPath<Streams, [UInt8]> & Sendable) {
        readers.enter()
        let thread = Thread { [self] in
            var buffer = [UInt8](repeating: 0, count: 65536)
            while true {
                let got = read(descriptor, &buffer, buffer.count)
                if got < 0 && errno == EINTR { continue }
                if got <= 0 { break }
                lock.lock()
                streams[keyPath: stream] += buffer[..<got]
                lock.unlock()
            }
            close(descriptor)
            readers.leave()
        }
        thread.start()
    }

    func bytes(_ stream: KeyPath<Streams, [UInt8]>) -> [UInt8] {
        lock.lock()
        defer { lock.unlock() }
        return streams[keyPath: stream]
    }

    /// Waits (briefly) for both pipes to reach end of file after the child exited.
    func waitForEnd() { _ = readers.wait(timeout: .now() + 2) }
}

/// Held while creating descriptors and while spawning, so no child inherits another test's pipe end.
private let descriptorLock = NSLock()

/// A pipe whose both ends are close-on-exec (posix_spawn's dup2 clears the flag on the copies it makes).
func makePipe() throws -> [Int32] {
    descriptorLock.lock()
    defer { descriptorLock.unlock() }
    var ends: [Int32] = [0, 0]
    guard pipe(&ends) == 0 else { throw POSIXError(.EMFILE) }
    for end in ends { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
    return ends
}
