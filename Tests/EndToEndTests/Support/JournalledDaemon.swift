import Foundation
import Glibc
import Synchronization

/// An `atm-stated` with a journal in a directory the test keeps: killed, stopped and restarted at will,
/// each life on the same socket path and journal, its logs gathered across lives.
final class JournalledDaemon: @unchecked Sendable {
    let directory: URL
    let socketPath: String
    let journalPath: String
    private let environment: [String: String]
    private let lock = NSLock()
    private var child: Spawned?
    private var earlierLogs = ""
    /// The exit status of the life that ended last (nil while one runs or was killed by the test).
    private(set) var lastExitStatus: Int32?

    init(preload: String, environment: [String: String] = [:], directory: URL = Binaries.temporaryDirectory()) {
        self.directory = directory
        socketPath = directory.appendingPathComponent("stated.sock").path
        journalPath = directory.appendingPathComponent("journal").path
        var merged = ["PRELOAD_ACCOUNTS": preload, "ATM_STATED_HISTORY": "100000"]
        merged.merge(environment) { _, new in new }
        self.environment = merged
    }

    /// Starts a life and waits until it answers PING (or throws with its stderr when it exits first).
    func start(listening descriptor: Int32? = nil, timeout: Double = 10) throws {
        let spawned: Spawned
        if let descriptor {
            // LISTEN_PID must be the daemon's own pid: the shell sets it, then becomes the daemon.
            spawned = try Spawned(
                "/bin/sh",
                ["-c", "LISTEN_PID=$$ LISTEN_FDS=1 exec \"$0\" --journal \"$1\"", Binaries.stated, journalPath],
                environment: environment, listeningDescriptor: descriptor)
        } else {
            spawned = try Spawned(
                Binaries.stated, ["--socket", socketPath, "--journal", journalPath], environment: environment)
        }
        lock.withLock { child = spawned }
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if TestSocket.unix(socketPath, timeout: 1)?.ask("PING") == "OK PONG" { return }
            if !spawned.isRunning { break }
            usleep(2_000)
        }
        let status = spawned.wait(timeout: 1)
        lock.withLock {
            earlierLogs += spawned.standardError
            child = nil
            lastExitStatus = status
        }
        spawned.signal(SIGKILL)
        throw StateDaemon.DaemonDidNotStart(errors: spawned.standardError)
    }

    func signal(_ number: Int32) { lock.withLock { child }?.signal(number) }

    /// SIGKILL, then waits for the end of this life.
    func kill() { end(with: SIGKILL) }

    /// SIGTERM, then waits; the exit status.
    @discardableResult
    func stop() -> Int32? { end(with: SIGTERM) }

    @discardableResult
    private func end(with number: Int32) -> Int32? {
        guard let current = lock.withLock({ child }) else { return nil }
        current.signal(number)
        let status = current.wait(timeout: 10)
        lock.withLock {
            earlierLogs += current.standardError
            child = nil
        }
        return status
    }

    /// Everything every life wrote to stderr.
    var logs: String { lock.withLock { earlierLogs + (child?.standardError ?? "") } }

    /// How many audit lines name each request id: the changes that were applied, by request.
    var appliedRequestIDs: [String: Int] {
        var counts: [String: Int] = [:]
        for line in logs.split(separator: "\n") where line.contains(" audit seq=") {
            guard let field = line.split(separator: " ").first(where: { $0.hasPrefix("request_id=") }) else { continue }
            counts[String(field.dropFirst("request_id=".count)), default: 0] += 1
        }
        return counts
    }

    func ask(_ line: String) -> String? { TestSocket.unix(socketPath)?.ask(line) }

    /// The balance in cents, asked over the protocol.
    func cents(_ account: String) -> Int64? {
        guard let reply = ask("BALANCE \(account)"), reply.hasPrefix("OK ") else { return nil }
        return reply.split(separator: " ").last.flatMap { Int64($0) }
    }

    /// One entry of the daemon's history, as HISTORY prints it.
    struct Entry {
        let id: UInt64
        let kind: String
        let cents: Int64
        let balance: Int64
        var signedCents: Int64 { kind == "deposit" || kind == "transfer_in" ? cents : -cents }
    }

    /// The whole history of `account`, newest first, paged through with `before`.
    func history(_ account: String) -> [Entry] {
        var entries: [Entry] = []
        var before = ""
        while let reply = ask("HISTORY \(account) 100\(before)"), reply.hasPrefix("OK ") {
            let page = reply.split(separator: " ").dropFirst(3).compactMap { field -> Entry? in
                let parts = field.split(separator: ":")
                guard parts.count >= 5, let id = UInt64(parts[0]), let cents = Int64(parts[3]),
                    let balance = Int64(parts[4])
                else { return nil }
                return Entry(id: id, kind: String(parts[2]), cents: cents, balance: balance)
            }
            guard let last = page.last else { break }
            entries += page
            before = " \(last.id)"
        }
        return entries
    }

    deinit {
        if let child { child.signal(SIGKILL) }
        try? FileManager.default.removeItem(at: directory)
    }
}

/// A POST to a money route with optional Idempotency-Key and X-Request-ID.
func movementRequest(
    _ operation: String, account: String, body: String, key: String? = nil, requestID: String? = nil
) -> [UInt8] {
    var head = "POST /accounts/\(account)/\(operation) HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\n"
    if let key { head += "Idempotency-Key: \(key)\r\n" }
    if let requestID { head += "X-Request-ID: \(requestID)\r\n" }
    return Array((head + "Content-Length: \(body.utf8.count)\r\n\r\n\(body)").utf8)
}

/// Sends one request through a real `atm-handler` process and parses the answer (nil when torn).
func exchange(_ request: [UInt8], stateSocket: String, timeoutMilliseconds: Int = 1000) -> ParsedResponse? {
    guard
        let run = try? runHandler(
            request,
            environment: ["ATM_STATED_SOCKET": stateSocket, "ATM_STATED_TIMEOUT_MS": "\(timeoutMilliseconds)"])
    else { return nil }
    return ParsedResponse(run.output)
}
