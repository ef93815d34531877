import Foundation
import Glibc
import Synchronization
import Testing

/// docs/http-api.md (503 and 504) and README "The journal": a 503 was not applied, a 504 resolved by
/// retrying with its key applies once, and nothing acknowledged is lost to a crash.
@Suite(.serialized) struct TrustTests {
    private static let deadline = 300

    @Test func aStalledDaemonAppliesNothingItAnswered503AndKeyedRetriesOf504ApplyOnce() throws {
        let daemon = JournalledDaemon(preload: #"{"1":"1000.00"}"#)
        try daemon.start()
        let outcomes = Mutex<[(id: String, key: String?, status: Int, retryAfter: String?)]>([])
        let stalled = DispatchSemaphore(value: 0)
        Thread {
            usleep(150_000)
            daemon.signal(SIGSTOP)
            usleep(useconds_t(Self.deadline * 4 * 1000))
            daemon.signal(SIGCONT)
            stalled.signal()
        }.start()
        onThreads(16) { thread in
            for index in 0..<10 {
                let id = "w-\(thread)-\(index)"
                let key = thread % 2 == 0 ? "key-\(thread)-\(index)" : nil
                let answer = exchange(
                    movementRequest("withdraw", account: "1", body: #"{"amount":"1.00"}"#, key: key, requestID: id),
                    stateSocket: daemon.socketPath, timeoutMilliseconds: Self.deadline)
                outcomes.withLock {
                    $0.append((id, key, answer?.status ?? 0, answer?.header("Retry-After")))
                }
                usleep(30_000)
            }
        }
        stalled.wait()
        let first = outcomes.withLock { $0 }
        #expect(first.allSatisfy { [200, 503, 504].contains($0.status) }, "only whole 200, 503 or 504 answers")
        #expect(first.contains { $0.status == 504 }, "the stall was seen: some changes were handed over unanswered")
        #expect(first.filter { $0.status == 504 }.allSatisfy { $0.retryAfter == nil }, "504 carries no Retry-After")
        #expect(first.filter { $0.status == 503 }.allSatisfy { $0.retryAfter == "1" })

        // Retry every keyed 503/504 with its key until it is settled.
        var retryIDs: [String: [String]] = [:]
        for outcome in first where outcome.status != 200 {
            guard let key = outcome.key else { continue }
            var status = 0
            var attempt = 0
            repeat {
                attempt += 1
                let id = "\(outcome.id)-retry-\(attempt)"
                retryIDs[key, default: []].append(id)
                status =
                    exchange(
                        movementRequest("withdraw", account: "1", body: #"{"amount":"1.00"}"#, key: key, requestID: id),
                        stateSocket: daemon.socketPath, timeoutMilliseconds: Self.deadline)?.status ?? 0
            } while status != 200 && attempt < 20
            #expect(status == 200, "the retry of \(key) settled")
        }
        let applied = daemon.appliedRequestIDs
        #expect(applied.values.allSatisfy { $0 == 1 }, "no request applied twice")
        for outcome in first {
            switch outcome.status {
            case 503: #expect(applied[outcome.id] == nil, "\(outcome.id) was answered 503 but applied")
            case 200: #expect(applied[outcome.id] == 1, "\(outcome.id) was answered 200 but not applied")
            default: break
            }
            if let key = outcome.key {
                let attempts = [outcome.id] + (retryIDs[key] ?? [])
                #expect(attempts.filter { applied[$0] != nil }.count == 1, "key \(key) has exactly one effect")
            }
        }
        #expect(daemon.cents("1") == 100_000 - Int64(applied.count) * 100, "the balance is exactly what was applied")
    }

    @Test func aCommandLeftInTheBacklogAcrossADaemonRestartIsNotApplied() throws {
        let daemon = JournalledDaemon(preload: #"{"1":"10.00"}"#)
        let listener = bindUnixSocket(daemon.socketPath, type: SOCK_STREAM)
        defer { close(listener) }
        #expect(listen(listener, 64) == 0)
        try daemon.start(listening: listener)
        daemon.signal(SIGSTOP)
        let answer = exchange(
            movementRequest("deposit", account: "1", body: #"{"amount":"5.00"}"#, requestID: "in-backlog"),
            stateSocket: daemon.socketPath, timeoutMilliseconds: Self.deadline)
        #expect(answer?.status == 504, "handed over, no answer: unknown")
        daemon.kill()
        // The connection still waits in the listener's backlog; the next daemon accepts it and reads the deposit.
        try daemon.start(listening: listener)
        let settled = Date().addingTimeInterval(2)
        while Date() < settled && !daemon.logs.contains("in-backlog") { usleep(20_000) }
        #expect(daemon.cents("1") == 1000)
        #expect(daemon.appliedRequestIDs["in-backlog"] == nil)
        #expect(
            exchange(
                movementRequest("deposit", account: "1", body: #"{"amount":"5.00"}"#), stateSocket: daemon.socketPath)?
                .status == 200)
    }

    @Test func aHundredKillsUnderLoadLoseNoAcknowledgedChangeAndApplyNoneTwice() throws {
        let seed =
            ProcessInfo.processInfo.environment["ATM_CRASH_SEED"].flatMap(UInt64.init)
            ?? UInt64.random(in: 1...1_000_000)
        print("crash loop seed \(seed) (ATM_CRASH_SEED=\(seed) replays the choices)")
        let daemon = JournalledDaemon(preload: #"{"1":"500.00","2":"500.00"}"#)
        try daemon.start()
        let changes = Mutex<[String: [Int64]]>([:])  // account -> signed cents of each change answered 200
        let running = Atomic<Bool>(true)
        let killer = DispatchSemaphore(value: 0)
        Thread {
            var generator = SeededGenerator(seed: seed)
            for _ in 0..<100 {
                usleep(useconds_t(Int.random(in: 10_000...40_000, using: &generator)))
                daemon.kill()
                try? daemon.start()
            }
            running.store(false, ordering: .relaxed)
            killer.signal()
        }.start()
        onThreads(16) { thread in
            var generator = SeededGenerator(seed: seed &+ UInt64(thread))
            var index = 0
            while running.load(ordering: .relaxed) {
                index += 1
                let key = "c-\(thread)-\(index)"
                let account = Bool.random(using: &generator) ? "1" : "2"
                let isDeposit = Bool.random(using: &generator)
                let cents = Int64.random(in: 1...500, using: &generator)
                let body = #"{"amount":"\#(cents / 100).\#(String(format: "%02d", cents % 100))"}"#
                for attempt in 1...400 {
                    let status =
                        exchange(
                            movementRequest(
                                isDeposit ? "deposit" : "withdraw", account: account, body: body, key: key,
                                requestID: "\(key)-\(attempt)"),
                            stateSocket: daemon.socketPath, timeoutMilliseconds: Self.deadline)?.status ?? 0
                    if status == 200 {
                        changes.withLock { $0[account, default: []].append(isDeposit ? cents : -cents) }
                        break
                    }
                    if status == 400 { break }  // insufficient funds: decided, stored, never applied
                    usleep(5_000)
                }
            }
        }
        killer.wait()
        let sums = changes.withLock { $0.mapValues { $0.reduce(0, +) } }
        #expect(daemon.cents("1") == 50_000 + (sums["1"] ?? 0))
        #expect(daemon.cents("2") == 50_000 + (sums["2"] ?? 0))
        #expect(
            changes.withLock { $0.values.map(\.count).reduce(0, +) } > 50, "the clients got through between the kills")
        #expect(daemon.appliedRequestIDs.values.allSatisfy { $0 == 1 }, "no request applied twice")
        // The journal-backed history holds exactly the acknowledged changes: each once, none missing.
        for account in ["1", "2"] {
            let expected = changes.withLock { $0[account] ?? [] }.sorted()
            let history = daemon.history(account)
            #expect(history.map { $0.signedCents }.sorted() == expected, "history of \(account)")
            var balance: Int64 = 50_000
            for entry in history.reversed() {
                balance += entry.signedCents
                #expect(entry.balance == balance && balance >= 0, "balances chain and never go negative")
            }
        }
    }
}

/// Journal damage through the real daemon: a torn tail is cut, damage elsewhere refuses to start
/// with exit 65, and no start ever shows a balance that no prefix of the journal had.
@Suite(.serialized) struct DaemonJournalDamageTests {
    /// A journal with a few changes, and the balance of account 1 after each prefix of its records.
    private func makeJournal() throws -> (
        daemon: JournalledDaemon, bytes: [UInt8], balances: [Int64], lastRecordStart: Int
    ) {
        let daemon = JournalledDaemon(preload: #"{"1":"10.00","2":"0.00"}"#)
        try daemon.start()
        var balances: [Int64] = [1000]
        var lastRecordStart = 0
        for (index, command) in ["DEPOSIT 1 250", "WITHDRAW 1 100 key=w", "TRANSFER 1 2 50", "DEPOSIT 1 7"].enumerated()
        {
            lastRecordStart =
                (try? FileManager.default.attributesOfItem(atPath: daemon.journalPath)[.size] as? Int) ?? 0
            #expect(daemon.ask(command)?.hasPrefix("OK ") == true, "\(index)")
            balances.append(daemon.cents("1") ?? -1)
        }
        daemon.stop()
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: daemon.journalPath)))
        return (daemon, bytes, balances, lastRecordStart)
    }

    private func start(_ daemon: JournalledDaemon, on bytes: [UInt8]) throws -> (status: Int32?, cents: Int64?) {
        try Data(bytes).write(to: URL(fileURLWithPath: daemon.journalPath))
        do {
            try daemon.start(timeout: 5)
        } catch {
            return (daemon.lastExitStatus, nil)
        }
        let cents = daemon.cents("1")
        daemon.stop()
        return (nil, cents)
    }

    @Test func aTornTailAtEveryByteOfTheLastRecordIsCutAndTheRestIsKept() throws {
        let (daemon, bytes, balances, lastStart) = try makeJournal()
        #expect(lastStart > 0 && lastStart < bytes.count)
        for cut in lastStart..<bytes.count {
            let result = try start(daemon, on: Array(bytes[..<cut]))
            #expect(result.cents == balances[balances.count - 2], "cut at \(cut) of \(bytes.count)")
        }
    }

    @Test func aFlippedByteAnywhereGivesACorrectPrefixOrARefusalWithExit65() throws {
        let (daemon, bytes, balances, _) = try makeJournal()
        var refusals = 0
        for offset in 0..<bytes.count {
            var damaged = bytes
            damaged[offset] ^= 0x5A
            let result = try start(daemon, on: damaged)
            if let cents = result.cents {
                #expect(balances.contains(cents), "flip at \(offset) started with a balance no prefix had: \(cents)")
            } else {
                refusals += 1
                #expect(
                    result.status == 65, "flip at \(offset): refused with \(result.status.map(String.init) ?? "nil")")
            }
        }
        #expect(refusals > bytes.count / 2, "damage before the last record is refused")
        #expect(daemon.logs.contains("journal"), "the refusal names the journal")
    }
}
