import Foundation
import Glibc

/// A started long-running child process (daemon or super-server); killed when released.
final class ChildProcess: @unchecked Sendable {
    let spawned: Spawned

    init(_ executable: String, _ arguments: [String] = [], environment: [String: String] = [:]) throws {
        var env = ProcessInfo.processInfo.environment.filter { $0.key == "PATH" || $0.key == "HOME" }
        env.merge(environment) { _, new in new }
        spawned = try Spawned(executable, arguments, environment: env)
    }

    var standardError: String { spawned.standardError }
    var isRunning: Bool { spawned.isRunning }

    func signal(_ number: Int32) { spawned.signal(number) }

    /// Waits up to `timeout` seconds; returns the exit status, or `nil` if it is still running.
    @discardableResult
    func wait(timeout: Double = 10) -> Int32? { spawned.wait(timeout: timeout) }
}

/// A running `atm-stated` on a private socket.
///
/// With `ATM_TEST_STORE=postgresql` (see `TestStore`) it keeps its balances in `database`: a fresh one of its own
/// unless one is passed (to share it with another daemon) or the environment names a store already.
final class StateDaemon: @unchecked Sendable {
    let directory: URL
    let socketPath: String
    let child: ChildProcess
    /// The PostgreSQL database it serves, nil on the memory store.
    let database: TestDatabase?

    init(
        environment: [String: String] = [:], arguments: [String]? = nil, directory: URL = Binaries.temporaryDirectory(),
        socketName: String = "stated.sock", database: TestDatabase? = nil
    ) throws {
        self.directory = directory
        socketPath = directory.appendingPathComponent(socketName).path
        var environment = environment
        if let database {
            self.database = database
        } else if TestStore.isPostgreSQL && environment["ATM_STATED_STORE"] == nil {
            self.database = try TestDatabase()
        } else {
            self.database = nil
        }
        if let database = self.database { environment["ATM_STATED_STORE"] = database.uri }
        child = try ChildProcess(Binaries.stated, arguments ?? ["--socket", socketPath], environment: environment)
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline {
            if TestSocket.unix(socketPath) != nil { return }
            if !child.isRunning { break }
            usleep(5_000)
        }
        throw DaemonDidNotStart(errors: child.standardError)
    }

    struct DaemonDidNotStart: Error { let errors: String }

    func connect(timeout: Double = 5) -> TestSocket? { TestSocket.unix(socketPath, timeout: timeout) }

    /// One command on a fresh connection.
    func ask(_ line: String) -> String? { connect()?.ask(line) }

    /// Whether a fresh client gets `OK PONG` within `seconds` (clients that just left may still count).
    func answersPingWithin(seconds: Double) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        repeat {
            if ask("PING") == "OK PONG" { return true }
            usleep(10_000)
        } while Date() < deadline
        return false
    }

    /// SIGTERM and wait; returns the exit status.
    func stop() -> Int32? {
        child.signal(SIGTERM)
        return child.wait()
    }

    /// Ends the daemon before its directory goes, so it never serves from a removed socket path.
    deinit {
        child.signal(SIGKILL)
        child.wait()
        try? FileManager.default.removeItem(at: directory)
    }
}

/// The result of one `atm-handler` run.
struct HandlerRun {
    let output: [UInt8]
    let errors: String
    let status: Int32
    let seconds: Double

    var text: String { String(decoding: output, as: UTF8.self) }
}

/// Runs `atm-handler` with `input` on stdin (a pipe) and collects stdout and stderr.
func runHandler(_ input: [UInt8], environment: [String: String]) throws -> HandlerRun {
    let inputPipe = try makePipe()
    let start = Date()
    let child: Spawned
    do {
        child = try Spawned(Binaries.handler, [], environment: environment, stdinDescriptor: inputPipe[0])
    } catch {
        close(inputPipe[0])
        close(inputPipe[1])
        throw error
    }
    close(inputPipe[0])
    var offset = 0
    while offset < input.count {
        let written = input[offset...].withUnsafeBytes { write(inputPipe[1], $0.baseAddress, $0.count) }
        if written <= 0 { break }
        offset += written
    }
    close(inputPipe[1])
    let status = child.wait(timeout: 30) ?? -1
    return HandlerRun(
        output: child.standardOutput, errors: child.standardError, status: status,
        seconds: Date().timeIntervalSince(start))
}

/// Starts `atm-handler` the way inetd does: one end of a socket pair as its fds 0, 1 and 2.
/// Returns the handler and the client's end, which the caller closes.
func spawnHandlerInetdStyle(stateSocket: String) throws -> (handler: Spawned, client: Int32) {
    var pair: [Int32] = [0, 0]
    guard socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0, &pair) == 0 else {
        throw POSIXError(.EMFILE)
    }
    defer { close(pair[1]) }
    let handler = try Spawned(
        Binaries.handler, [], environment: ["ATM_STATED_SOCKET": stateSocket], stdinDescriptor: pair[1],
        inetdStyle: true)
    return (handler, pair[0])
}

/// A parsed HTTP response as the tests see it.
struct ParsedResponse {
    let statusLine: String
    let headers: [(String, String)]
    let body: [UInt8]

    var status: Int { Int(statusLine.split(separator: " ")[1]) ?? 0 }
    var bodyText: String { String(decoding: body, as: UTF8.self) }

    func header(_ name: String) -> String? {
        headers.first { $0.0.lowercased() == name.lowercased() }?.1
    }

    /// Parses exactly one response, skipping interim `100 Continue` responses; `nil` when malformed or torn.
    ///
    /// The body must be exactly `Content-Length` bytes, or empty for the answer to a HEAD request or a 304.
    init?(_ bytes: [UInt8], answeringHead: Bool = false) {
        var rest = bytes[...]
        while true {
            guard let end = rest.firstRange(of: Array("\r\n\r\n".utf8)) else { return nil }
            let head = String(decoding: rest[..<end.lowerBound], as: UTF8.self)
            rest = rest[end.upperBound...]
            var lines = head.components(separatedBy: "\r\n")
            let statusLine = lines.removeFirst()
            guard statusLine.hasPrefix("HTTP/1.1 ") else { return nil }
            if statusLine.hasPrefix("HTTP/1.1 100 ") { continue }
            var headers: [(String, String)] = []
            for line in lines {
                guard let colon = line.firstIndex(of: ":") else { return nil }
                headers.append(
                    (String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)))
            }
            guard let length = headers.first(where: { $0.0.lowercased() == "content-length" }).flatMap({ Int($0.1) }),
                rest.count == (answeringHead || statusLine.hasPrefix("HTTP/1.1 304 ") ? 0 : length)
            else { return nil }
            self.statusLine = statusLine
            self.headers = headers
            self.body = Array(rest)
            return
        }
    }
}
