import Foundation
import Glibc
import Synchronization
import Testing

/// Hostile clients and failing parts: nothing hangs past its deadline, nothing is applied twice.
@Suite(.serialized) struct FaultTests {
    private static func deposit(_ account: String, _ amount: String) -> String {
        moneyRequest("deposit", account: account, amount: amount)
    }

    @Test func killingTheDaemonMidLoadGivesOnlyWholeAnswersAndARestartServesAgain() throws {
        let directory = Binaries.temporaryDirectory()
        let first = try StateDaemon(environment: ["PRELOAD_ACCOUNTS": #"{"1":"0.00"}"#], directory: directory)
        let stateTimeout = 1_000
        let server = try SuperServer.systemdSocketActivate(
            stateSocket: first.socketPath, environment: ["ATM_STATED_TIMEOUT_MS": "\(stateTimeout)"])
        let ok = Atomic<Int>(0)
        let unavailable = Atomic<Int>(0)
        let other = Atomic<Int>(0)
        let slowest = Mutex<Double>(0)
        let killer = Thread {
            usleep(150_000)
            first.child.signal(SIGKILL)
        }
        killer.start()
        onThreads(32) { _ in
            for _ in 0..<20 {
                let start = Date()
                let answer = server.exchange(Self.deposit("1", "0.01")) ?? []
                let elapsed = Date().timeIntervalSince(start)
                slowest.withLock { $0 = max($0, elapsed) }
                switch ParsedResponse(answer)?.status {
                case 200: ok.add(1, ordering: .relaxed)
                case 503, 504: unavailable.add(1, ordering: .relaxed)
                default: other.add(1, ordering: .relaxed)
                }
            }
        }
        #expect(other.load(ordering: .relaxed) == 0, "every answer is a complete 200, 503 or 504")
        #expect(ok.load(ordering: .relaxed) > 0)
        #expect(unavailable.load(ordering: .relaxed) > 0)
        #expect(
            slowest.withLock { $0 } < Bounds.latest(stateTimeout, Bounds.stateGraceMilliseconds),
            "no request outlives the daemon deadline by much")

        let second = try StateDaemon(environment: ["PRELOAD_ACCOUNTS": #"{"1":"0.00"}"#], directory: directory)
        let answer = ParsedResponse(server.exchange(Self.deposit("1", "1.00")) ?? [])
        #expect(answer?.status == 200)
        #expect(answer?.bodyText == #"{"account_number":"1","balance":"1.00"}"#)
        #expect(second.child.isRunning)
    }

    @Test func aOneBytePerHundredMillisecondsTrickleIs408AtTheDeadlineNotLater() throws {
        let daemon = try StateDaemon()
        let requestTimeout = 1_500
        let server = try SuperServer.systemdSocketActivate(
            stateSocket: daemon.socketPath,
            environment: ["ATM_REQUEST_TIMEOUT_MS": "\(requestTimeout)", "ATM_HEADER_TIMEOUT_MS": "\(requestTimeout)"])
        // Before the connect: the handler (and its deadline) starts only once it is accepted.
        let start = Date()
        let client = try #require(TestSocket.tcp(port: server.port, timeout: 5))
        let request = Array("GET /accounts/1001/balance HTTP/1.1\r\nHost: t\r\n\r\n".utf8)
        var answered: [UInt8] = []
        for byte in request {
            if !client.send([byte]) { break }
            usleep(100_000)
            if Date().timeIntervalSince(start) > Bounds.seconds(requestTimeout - 100) { break }
        }
        answered = client.readToEnd()
        let elapsed = Date().timeIntervalSince(start)
        #expect(ParsedResponse(answered)?.status == 408)
        #expect(
            elapsed >= Bounds.seconds(requestTimeout) && elapsed < Bounds.latest(requestTimeout),
            "answered at \(elapsed) s for a \(requestTimeout) ms deadline")
    }

    @Test func twoHundredTricklingClientsDoNotStopANormalRequest() throws {
        let daemon = try StateDaemon()
        let trickleTimeout = 4_000
        let server = try SuperServer.systemdSocketActivate(
            stateSocket: daemon.socketPath,
            environment: ["ATM_REQUEST_TIMEOUT_MS": "\(trickleTimeout)", "ATM_HEADER_TIMEOUT_MS": "\(trickleTimeout)"])
        let slow = (0..<200).compactMap { _ in TestSocket.tcp(port: server.port, timeout: 6) }
        #expect(slow.count == 200)
        let stop = Atomic<Bool>(false)
        let trickle = Thread {
            let request = Array("GET /health HTTP/1.1\r\nHost: t\r\n".utf8)
            var index = 0
            while !stop.load(ordering: .relaxed) && index < request.count {
                for client in slow { client.send([request[index]]) }
                index += 1
                usleep(100_000)
            }
        }
        trickle.start()
        usleep(500_000)
        let start = Date()
        let answer = ParsedResponse(server.exchange("GET /accounts/1001/balance HTTP/1.1\r\nHost: t\r\n\r\n") ?? [])
        #expect(answer?.status == 200)
        // Queued behind the tricklers, it would be answered only when their deadline ends them.
        #expect(Date().timeIntervalSince(start) < Bounds.latest() && Bounds.latest() < Bounds.seconds(trickleTimeout))
        stop.store(true, ordering: .relaxed)
    }

    @Test func aClientThatClosesRightAfterADepositGetsItAppliedOnceOrNotAtAll() throws {
        let daemon = try StateDaemon(environment: ["PRELOAD_ACCOUNTS": #"{"1":"0.00"}"#])
        var expected: Int64 = 0
        for attempt in 0..<20 {
            let (handler, client) = try spawnHandlerInetdStyle(stateSocket: daemon.socketPath)
            let request = Array(Self.deposit("1", "1.00").utf8)
            #expect(writeAll(client, request))
            if attempt % 2 == 1 { usleep(2_000) }
            close(client)
            #expect(handler.wait() == 0, "the handler exits cleanly, not killed by SIGPIPE")
            let reply = try #require(daemon.ask("BALANCE 1"))
            let balance = Int64(reply.split(separator: " ").last ?? "") ?? -1
            #expect(balance == expected || balance == expected + 100, "applied once or not at all")
            expected = balance
        }
    }

    @Test func aThousandConnectionsAtOnceAreRefusedOrQueuedAndTheDaemonServesAfter() throws {
        let daemon = try StateDaemon(environment: ["ATM_STATED_MAX_CLIENTS": "256"])
        var clients: [TestSocket] = []
        for _ in 0..<1000 {
            if let client = daemon.connect(timeout: 2) { clients.append(client) }
        }
        #expect(clients.count >= 900)
        var busy = 0
        var served = 0
        for client in clients {
            client.send("PING\n")
        }
        for client in clients {
            switch client.readLine() {
            case "OK PONG": served += 1
            case let line? where line.hasPrefix("ERR busy"): busy += 1
            default: break
            }
        }
        #expect(served >= 200 && served <= 256)
        #expect(busy + served == clients.count)
        clients.removeAll()
        #expect(daemon.answersPingWithin(seconds: 2), "served again once the clients left")
        #expect(daemon.child.isRunning)
    }

    @Test func runningOutOfDescriptorsRefusesClientsButNeverStopsTheDaemon() throws {
        let directory = Binaries.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("few.sock").path
        // A hard limit of 48 descriptors: the daemon cannot raise it, and 200 clients exhaust it.
        let child = try ChildProcess(
            "/bin/sh", ["-c", "ulimit -n 48 && exec \"$0\" --socket \"$1\"", Binaries.stated, path])
        var up = false
        for _ in 0..<500 where !up {
            up = TestSocket.unix(path)?.ask("PING") == "OK PONG"
            if !up { usleep(10_000) }
        }
        #expect(up)
        var clients = (0..<200).compactMap { _ in TestSocket.unix(path, timeout: 2) }
        for client in clients { client.send("PING\n") }
        let answers = clients.map { $0.readLine() }
        #expect(answers.contains("OK PONG"))
        #expect(answers.contains { $0?.hasPrefix("ERR busy") == true })
        #expect(child.isRunning)
        clients.removeAll()
        var served = false
        for _ in 0..<300 where !served {
            served = TestSocket.unix(path)?.ask("PING") == "OK PONG"
            if !served { usleep(10_000) }
        }
        #expect(served, "serving again once the clients left")
        #expect(child.isRunning)
    }

    @Test func daemonMemoryStaysFlatAcrossManyCommandsAndRequests() throws {
        let daemon = try StateDaemon()
        let server = try SuperServer.systemdSocketActivate(stateSocket: daemon.socketPath)
        func load(commands: Int, requests: Int) {
            onThreads(8) { _ in
                if let client = daemon.connect() {
                    for index in 0..<(commands / 8) {
                        _ = client.ask(index % 2 == 0 ? "BALANCE 1001" : "DEPOSIT 1001 1")
                    }
                }
                for _ in 0..<(requests / 8) {
                    _ = server.exchange("GET /accounts/1001/balance HTTP/1.1\r\nHost: t\r\n\r\n")
                }
            }
        }
        load(commands: 10_000, requests: 1_000)
        let before = try residentKiB(of: daemon)
        load(commands: 100_000, requests: 10_000)
        let after = try residentKiB(of: daemon)
        print("atm-stated RSS after warm-up \(before) KiB, after 100000 commands and 10000 requests \(after) KiB")
        #expect(after <= before + 2048, "RSS grew from \(before) KiB to \(after) KiB")
        #expect(daemon.ask("BALANCE 1001") == "OK 1001 \(100_000 + 55_000)")
    }

    private func residentKiB(of daemon: StateDaemon) throws -> Int {
        let status = try String(contentsOfFile: "/proc/\(daemon.child.spawned.pid)/status", encoding: .utf8)
        let line = try #require(status.split(separator: "\n").first { $0.hasPrefix("VmRSS:") })
        return Int(line.split(separator: " ", omittingEmptySubsequences: true)[1]) ?? 0
    }
}
