import Foundation
import Glibc
import Synchronization
import Testing

/// Several atm-stated on one PostgreSQL database, each with its own handlers; a database that goes away and
/// comes back; migrations. These need a database, so they run in the PostgreSQL pass of the suite
/// (`ATM_TEST_STORE=postgresql`, scripts/test-postgres); the memory pass runs the first test only.
@Suite(.serialized) struct PostgresTests {
    /// A POST with an Idempotency-Key, whose X-Request-ID is the key too, so the database's history rows
    /// (which store the request id) say which key applied them.
    private static func keyed(_ operation: String, _ account: String, _ body: String, key: String) -> String {
        "POST /accounts/\(account)/\(operation) HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\n"
            + "Idempotency-Key: \(key)\r\nX-Request-ID: \(key)\r\nContent-Length: \(body.utf8.count)\r\n\r\n\(body)"
    }

    @Test func aPostgreSQLStoreIsRefusedWhereItCannotWork() throws {
        let directory = Binaries.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        if TestStore.isPostgreSQL {
            // This build has the trait: a journal with a database is the refusal.
            let database = try TestDatabase()
            let child = try ChildProcess(
                Binaries.stated, ["--socket", directory.path + "/s.sock", "--journal", directory.path + "/j"],
                environment: ["ATM_STATED_STORE": database.uri])
            #expect(child.wait() == 78)
            #expect(child.standardError.contains("journal"))
        } else {
            // The default build has no libpq: a database URI is refused with how to get one that has it.
            let child = try ChildProcess(
                Binaries.stated, ["--socket", directory.path + "/s.sock"],
                environment: ["ATM_STATED_STORE": "postgresql:///atm?host=/nonexistent"])
            #expect(child.wait() == 78)
            #expect(child.standardError.contains("built without PostgreSQL; build with --traits PostgreSQL"))
        }
        let other = try ChildProcess(
            Binaries.stated, ["--socket", directory.path + "/t.sock"], environment: ["ATM_STATED_STORE": "mysql://x"])
        #expect(other.wait() == 78)
        #expect(other.standardError.contains("ATM_STATED_STORE"))
    }

    @Test(.enabled(if: TestStore.isPostgreSQL, "needs ATM_TEST_STORE=postgresql"))
    func twoDaemonsOnOneDatabaseApplyEveryKeyOnceAndKeepTheTotalsExact() throws {
        let database = try TestDatabase()
        let preload = #"{"1":"100.00","2":"100.00","3":"100.00","4":"0.00"}"#
        let first = try StateDaemon(environment: ["PRELOAD_ACCOUNTS": preload], database: database)
        let second = try StateDaemon(environment: ["PRELOAD_ACCOUNTS": preload], database: database)
        let servers = [
            try SuperServer.systemdSocketActivate(stateSocket: first.socketPath),
            try SuperServer.systemdSocketActivate(stateSocket: second.socketPath),
        ]
        let seed = UInt64.random(in: 1...UInt64(UInt32.max))
        print("PostgresTests seed \(seed)")
        /// Per key: the cents it adds to the total if applied, and whether it is a transfer (two history rows).
        let sent = Mutex<[(key: String, delta: Int64, isTransfer: Bool)]>([])
        let unexpected = Mutex<[String]>([])
        let applied = Atomic<Int>(0)
        onThreads(12) { thread in
            var random = SeededGenerator(seed: seed &+ UInt64(thread))
            for step in 0..<15 {
                let key = "two-\(seed)-\(thread)-\(step)"
                let cents = Int64(random.next() % 3_000) + 1
                let amount = #"{"amount":"\#(cents / 100).\#(String(format: "%02d", cents % 100))"}"#
                let account = String(random.next() % 4 + 1)
                let request: String
                let delta: Int64
                switch random.next() % 3 {
                case 0:
                    request = Self.keyed("deposit", account, amount, key: key)
                    delta = cents
                case 1:
                    request = Self.keyed("withdraw", account, amount, key: key)
                    delta = -cents
                default:
                    let destination = String((Int(account)! % 4) + 1)
                    let body =
                        #"{"to_account":"\#(destination)","amount":"\#(cents / 100).\#(String(format: "%02d", cents % 100))"}"#
                    request = Self.keyed("transfer", account, body, key: key)
                    delta = 0
                }
                sent.withLock { $0.append((key, delta, delta == 0)) }
                // The same key to both daemons at once, then once more after both answered.
                let connections = servers.map { TestSocket.tcp(port: $0.port) }
                for connection in connections { _ = connection?.send(request) }
                let answers = connections.map { $0.flatMap { ParsedResponse($0.readToEnd()) } }
                let settled = ParsedResponse(servers[thread % 2].exchange(request) ?? [])
                guard let settled, settled.header("Idempotent-Replayed") == "true" else {
                    unexpected.withLock {
                        $0.append("\(key): the third answer is no replay: \(String(describing: settled?.statusLine))")
                    }
                    continue
                }
                if settled.status == 200 { applied.add(1, ordering: .relaxed) }
                let originals = answers.compactMap { $0 }.filter {
                    $0.header("Idempotent-Replayed") == nil && $0.status != 409
                }
                if originals.count != 1 || answers.contains(where: { $0 == nil }) {
                    unexpected.withLock { $0.append("\(key): \(answers.map { $0?.statusLine ?? "none" })") }
                }
                for answer in answers.compactMap({ $0 }) where answer.status != 409 {
                    if answer.status != settled.status || answer.bodyText != settled.bodyText {
                        unexpected.withLock {
                            $0.append("\(key): \(answer.statusLine) differs from the stored outcome")
                        }
                    }
                }
            }
        }
        #expect(unexpected.withLock { $0 } == [], "seed \(seed)")
        #expect(applied.load(ordering: .relaxed) > 0)

        let history = try database.query("SELECT request_id || ' ' || count(*) FROM history GROUP BY request_id")
        var rows: [String: Int] = [:]
        for line in history.split(separator: "\n") {
            let parts = line.split(separator: " ")
            rows[String(parts[0])] = Int(parts[1])
        }
        var expectedTotal: Int64 = 30_000
        for (key, delta, isTransfer) in sent.withLock({ $0 }) {
            guard let count = rows[key] else { continue }
            #expect(count == (isTransfer ? 2 : 1), "key \(key) applied once (seed \(seed))")
            expectedTotal += delta
        }
        #expect(rows.values.reduce(0, +) > 0)
        #expect(try database.query("SELECT sum(balance_cents) FROM accounts") == String(expectedTotal), "seed \(seed)")
        #expect(try database.query("SELECT count(*) FROM accounts WHERE balance_cents < 0") == "0")
        let keys = sent.withLock { $0.count }
        #expect(try database.query("SELECT count(*) FROM idempotency_keys") == String(keys))
        _ = (first, second)
    }

    @Test(.enabled(if: TestStore.isPostgreSQL, "needs ATM_TEST_STORE=postgresql"))
    func aDatabaseStoppedAndRestartedUnderLoadGivesOnly503Or504AndServesAgainWithoutARestart() throws {
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
        let server = try SuperServer.systemdSocketActivate(stateSocket: daemon.socketPath)

        struct Answer {
            let key: String
            let status: Int
            let start: Date
            let end: Date
        }
        let answers = Mutex<[Answer]>([])
        let running = Atomic<Bool>(true)
        let window = Mutex<(down: Date, up: Date)?>(nil)
        let outage = Thread {
            usleep(700_000)
            _ = try? runProgram(control, ["stop", cluster, "fast"])
            let down = Date()
            usleep(1_500_000)
            let up = Date()
            _ = try? runProgram(control, ["start", cluster])
            window.withLock { $0 = (down, up) }
            usleep(1_500_000)
            running.store(false, ordering: .relaxed)
        }
        outage.start()
        onThreads(8) { thread in
            var step = 0
            while running.load(ordering: .relaxed) {
                let key = "outage-\(thread)-\(step)"
                step += 1
                let start = Date()
                let status =
                    ParsedResponse(server.exchange(Self.keyed("deposit", "1", #"{"amount":"0.01"}"#, key: key)) ?? [])?
                    .status ?? 0
                answers.withLock { $0.append(Answer(key: key, status: status, start: start, end: Date())) }
            }
        }
        let all = answers.withLock { $0 }
        let (down, up) = try #require(window.withLock { $0 })
        #expect(all.allSatisfy { [200, 503, 504].contains($0.status) }, "\(Set(all.map(\.status)))")
        #expect(all.contains { $0.status == 200 && $0.start > up }, "served again after the database came back")
        #expect(all.contains { $0.status == 503 || $0.status == 504 })
        // A command arriving while the database is down waits for a connection (reconnecting with a backoff)
        // until its deadline: it ends 503 or 504, or 200 once the database is back, never 200 before.
        let whileDown = all.filter { $0.start > down && $0.start < up }
        #expect(!whileDown.isEmpty)
        #expect(whileDown.allSatisfy { $0.status == 503 || $0.status == 504 || $0.end > up })

        let appliedKeys = Set(
            try database.query("SELECT request_id FROM history").split(separator: "\n").map(String.init))
        let refused = all.filter { $0.status == 503 }.map(\.key)
        #expect(refused.allSatisfy { !appliedKeys.contains($0) }, "no 503-answered deposit was applied")
        #expect(all.filter { $0.status == 200 }.allSatisfy { appliedKeys.contains($0.key) })
        #expect(
            try database.query("SELECT balance_cents FROM accounts WHERE account_number = '1'")
                == String(appliedKeys.count))
        #expect(daemon.child.isRunning, "the same atm-stated throughout")
    }

    @Test(.enabled(if: TestStore.isPostgreSQL, "needs ATM_TEST_STORE=postgresql"))
    func twoDaemonsStartingAtOnceOnAnEmptyDatabaseMigrateAndSeedItOnce() throws {
        let database = try TestDatabase()
        let preload = #"{"1":"1.00","2":"2.00","3":"3.00"}"#
        let daemons = Mutex<[StateDaemon]>([])
        let failures = Mutex<[String]>([])
        onThreads(2) { _ in
            do {
                let daemon = try StateDaemon(environment: ["PRELOAD_ACCOUNTS": preload], database: database)
                daemons.withLock { $0.append(daemon) }
            } catch {
                failures.withLock { $0.append("\(error)") }
            }
        }
        #expect(failures.withLock { $0 } == [])
        #expect(daemons.withLock { $0.count } == 2)
        #expect(try database.query("SELECT string_agg(version::text, ',') FROM schema_migrations") == "1,2")
        #expect(try database.query("SELECT sum(balance_cents) || '/' || count(*) FROM accounts") == "600/3")
        for daemon in daemons.withLock({ $0 }) { #expect(daemon.ask("BALANCE 3") == "OK 3 300") }
    }

    @Test(.enabled(if: TestStore.isPostgreSQL, "needs ATM_TEST_STORE=postgresql"))
    func aDatabaseWithANewerSchemaIsRefusedWithExitStatus78() throws {
        let database = try TestDatabase()
        let daemon = try StateDaemon(database: database)
        #expect(daemon.stop() == 0)
        _ = try database.query("INSERT INTO schema_migrations (version) VALUES (1000)")
        let directory = Binaries.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let child = try ChildProcess(
            Binaries.stated, ["--socket", directory.path + "/s.sock"], environment: ["ATM_STATED_STORE": database.uri])
        #expect(child.wait() == 78)
        #expect(child.standardError.contains("schema is version 1000, newer than the 2 this binary knows"))
        #expect(!FileManager.default.fileExists(atPath: directory.path + "/s.sock"))
    }
}
