import Foundation
import Glibc
import Testing

/// `/health` against the shipped binaries: the original's bytes within the limit, pages past it in a large
/// bank, the access policy's filter with and without a certificate identity, and the probes when the
/// daemon is unreachable, its journal refuses changes, or its database is stopped.
@Suite struct HealthTests {
    private static func get(_ target: String, method: String = "GET") -> [UInt8] {
        Array("\(method) \(target) HTTP/1.1\r\nHost: a\r\n\r\n".utf8)
    }

    private static func ask(
        _ target: String, socket: String, method: String = "GET", environment: [String: String] = [:]
    ) throws -> ParsedResponse {
        var environment = environment
        environment["ATM_STATED_SOCKET"] = socket
        let run = try runHandler(get(target, method: method), environment: environment)
        return try #require(ParsedResponse(run.output, answeringHead: method == "HEAD"), "\(run.text)")
    }

    /// Accounts 100000 … 100000+count-1 as a PRELOAD_ACCOUNTS_FILE; their numbers sort as they count.
    private static func bank(_ count: Int, in directory: URL) throws -> URL {
        let file = directory.appendingPathComponent("accounts.json")
        let members = (0..<count).map { #""\#(100_000 + $0)":"1.00""# }
        try Data(("{" + members.joined(separator: ",") + "}").utf8).write(to: file)
        return file
    }

    private static func accounts(_ body: String) -> (accounts: [String], next: String?) {
        let object = try? JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any]
        return ((object?["accounts"] as? [String]) ?? [], object?["next"] as? String)
    }

    @Test func aBankAtTheLimitGetsTheOriginalsAnswerAndOnePastItAPage() throws {
        let directory = Binaries.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let exact = try StateDaemon(environment: ["PRELOAD_ACCOUNTS_FILE": try Self.bank(10_000, in: directory).path])
        let whole = try Self.ask("/health", socket: exact.socketPath)
        #expect(whole.status == 200)
        let expected =
            #"{"status":"ok","accounts":["#
            + (0..<10_000).map { #""\#(100_000 + $0)""# }
            .joined(separator: ",") + "]}"
        #expect(whole.bodyText == expected, "the original's bytes")

        let pastDirectory = Binaries.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: pastDirectory) }
        let past = try StateDaemon(
            environment: ["PRELOAD_ACCOUNTS_FILE": try Self.bank(10_001, in: pastDirectory).path])
        let first = Self.accounts(try Self.ask("/health", socket: past.socketPath).bodyText)
        #expect(first.accounts.count == 10_000)
        #expect(first.accounts.first == "100000")
        #expect(first.next == "109999")
        let second = try Self.ask("/health?after=109999", socket: past.socketPath)
        #expect(second.bodyText == #"{"status":"ok","accounts":["110000"]}"#)
    }

    @Test func aLargeBankIsWalkedPageByPageWithEveryAccountOnce() throws {
        let directory = Binaries.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let daemon = try StateDaemon(environment: ["PRELOAD_ACCOUNTS_FILE": try Self.bank(12_000, in: directory).path])
        var seen: [String] = []
        var cursor: String?
        var pages = 0
        repeat {
            let target = "/health?limit=3500" + (cursor.map { "&after=\($0)" } ?? "")
            let response = try Self.ask(target, socket: daemon.socketPath)
            #expect(response.status == 200)
            #expect(response.body.count < 100_000, "a page, never the bank")
            let page = Self.accounts(response.bodyText)
            seen += page.accounts
            cursor = page.next
            pages += 1
        } while cursor != nil && pages < 10
        #expect(pages == 4)
        #expect(seen == (0..<12_000).map { String(100_000 + $0) })
        // The setting lowers the default page.
        let small = try Self.ask("/health", socket: daemon.socketPath, environment: ["ATM_HEALTH_ACCOUNTS_LIMIT": "3"])
        #expect(small.bodyText == #"{"status":"ok","accounts":["100000","100001","100002"],"next":"100002"}"#)
        let invalid = try Self.ask(
            "/health", socket: daemon.socketPath, environment: ["ATM_HEALTH_ACCOUNTS_LIMIT": "100001"])
        #expect(invalid.status == 500, "an invalid setting refuses every request")
    }

    @Test func underAPolicyHealthListsOnlyWhatTheIdentityMayReadAndNothingWithoutOne() throws {
        let directory = Binaries.temporaryDirectory()
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let policy = directory.appendingPathComponent("policy")
        try Data(
            """
            allow balance,deposit 1001-1002 O=ATM network, CN=terminal-0042
            allow history 2001 CN=auditor
            allow metrics * CN=prometheus
            """.utf8
        ).write(to: policy)
        let daemon = try StateDaemon(environment: ["ATM_STATED_POLICY": policy.path])
        let terminal = try Self.ask(
            "/health", socket: daemon.socketPath, environment: ["SSL_CLIENT_DN": "O=ATM network, CN=terminal-0042"])
        #expect(terminal.status == 200)
        #expect(terminal.bodyText == #"{"status":"ok","accounts":["1001","1002"]}"#)
        let auditor = try Self.ask("/health", socket: daemon.socketPath, environment: ["SSL_CLIENT_DN": "CN=auditor"])
        #expect(auditor.bodyText == #"{"status":"ok","accounts":["2001"]}"#)
        let prometheus = try Self.ask(
            "/health", socket: daemon.socketPath, environment: ["SSL_CLIENT_DN": "CN=prometheus"])
        #expect(prometheus.bodyText == #"{"status":"ok","accounts":[]}"#, "metrics reads no account")
        let anonymous = try Self.ask("/health", socket: daemon.socketPath)
        #expect(anonymous.status == 200, "health stays open")
        #expect(anonymous.bodyText == #"{"status":"ok","accounts":[]}"#)
        let paged = try Self.ask(
            "/health?limit=1", socket: daemon.socketPath,
            environment: ["SSL_CLIENT_DN": "O=ATM network, CN=terminal-0042"])
        #expect(paged.bodyText == #"{"status":"ok","accounts":["1001"],"next":"1001"}"#)
        for probe in ["/health/ready", "/health/live"] {
            let answer = try Self.ask(probe, socket: daemon.socketPath)
            #expect(answer.status == 200, "\(probe) is open under a policy")
            #expect(!answer.bodyText.contains("100"), "\(probe) names no account")
        }
    }

    @Test(arguments: ["GET", "HEAD"])
    func withoutADaemonReadyIs503AndLiveIs200(method: String) throws {
        let socket = Binaries.temporaryDirectory().appendingPathComponent("none.sock").path
        let ready = try Self.ask("/health/ready", socket: socket, method: method)
        #expect(ready.status == 503)
        #expect(ready.header("Retry-After") == "1")
        if method == "GET" { #expect(ready.bodyText == #"{"detail":"state service unavailable"}"#) }
        let live = try Self.ask("/health/live", socket: socket, method: method)
        #expect(live.status == 200)
        #expect(live.header("Content-Length") == "17")
    }

    /// A daemon whose journal may not grow past a few kilobytes (RLIMIT_FSIZE, with SIGXFSZ ignored so the
    /// write fails with EFBIG instead of killing it): once a deposit meets the limit, every change is
    /// refused, and readiness says so while liveness and reads carry on.
    @Test(.enabled(if: !TestStore.isPostgreSQL, "the journal is the memory store's"))
    func readyIs503OnceTheJournalRefusesChanges() throws {
        let directory = Binaries.temporaryDirectory()
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let socket = directory.appendingPathComponent("stated.sock").path
        let journal = directory.appendingPathComponent("journal").path
        let daemon = try ChildProcess(
            "/bin/bash",
            [
                "-c", #"trap "" XFSZ; ulimit -f 8; exec "$0" --socket "$1" --journal "$2""#, Binaries.stated, socket,
                journal,
            ],
            environment: ["PRELOAD_ACCOUNTS": #"{"1001":"0.00"}"#])
        defer {
            daemon.signal(SIGKILL)
            daemon.wait()
        }
        let started = Date().addingTimeInterval(10)
        while TestSocket.unix(socket) == nil && Date() < started && daemon.isRunning { usleep(5_000) }
        #expect(try Self.ask("/health/ready", socket: socket).status == 200, "\(daemon.standardError)")
        var refused = false
        for step in 0..<2_000 where !refused {
            let answer = TestSocket.unix(socket)?.ask(
                "DEPOSIT 1001 1 key=fill-\(step)-\(String(repeating: "k", count: 200))")
            refused = answer?.hasPrefix("ERR unavailable") == true || answer?.hasPrefix("ERR unknown") == true
        }
        #expect(refused, "the journal reached its size limit: \(daemon.standardError)")
        let ready = try Self.ask("/health/ready", socket: socket)
        #expect(ready.status == 503)
        #expect(ready.header("Retry-After") == "1")
        #expect(ready.bodyText.contains("not ready: the journal refuses changes"), "\(ready.bodyText)")
        #expect(try Self.ask("/health/live", socket: socket).status == 200)
        #expect(try Self.ask("/accounts/1001/balance", socket: socket).status == 200, "reads go on")
        #expect(daemon.isRunning)
    }

    @Test(.enabled(if: TestStore.isPostgreSQL, "needs ATM_TEST_STORE=postgresql"))
    func readyIs503WhileTheDatabaseIsStoppedAndReadyAgainAfter() throws {
        // A cluster of its own: stopping the suite's cluster would fail every other test running now.
        let cluster = Binaries.temporaryDirectory().appendingPathComponent("pg").path
        let control = Binaries.repository.appendingPathComponent("scripts/pg-cluster").path
        #expect(try runProgram(control, ["init", cluster]).status == 0)
        defer { _ = try? runProgram(control, ["remove", cluster]) }
        #expect(try runProgram(control, ["start", cluster]).status == 0)
        let clusterURI = String(decoding: try runProgram(control, ["uri", cluster]).output, as: UTF8.self)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let database = try TestDatabase(on: clusterURI)
        let daemon = try StateDaemon(environment: ["PRELOAD_ACCOUNTS": #"{"1":"0.00"}"#], database: database)
        #expect(try Self.ask("/health/ready", socket: daemon.socketPath).status == 200)
        _ = try runProgram(control, ["stop", cluster, "fast"])
        let down = try Self.ask("/health/ready", socket: daemon.socketPath)
        #expect(down.status == 503)
        #expect(down.header("Retry-After") == "1")
        #expect(down.bodyText.contains("database"), "\(down.bodyText)")
        #expect(try Self.ask("/health/live", socket: daemon.socketPath).status == 200)
        _ = try runProgram(control, ["start", cluster])
        #expect(try Self.ask("/health/ready", socket: daemon.socketPath).status == 200, "ready again, same daemon")
        #expect(daemon.child.isRunning)
    }
}
