import Foundation
import Glibc
import Synchronization
import Testing

/// `Idempotency-Key` (docs/http-api.md, Headers) through real handler processes and a journalled daemon.
@Suite(.serialized) struct IdempotencyTests {
    private func deposit(_ amount: String, key: String?, account: String = "1") -> [UInt8] {
        movementRequest("deposit", account: account, body: #"{"amount":"\#(amount)"}"#, key: key)
    }

    @Test func aReplayIsByteIdenticalAndMarkedAndAppliesNothing() throws {
        let daemon = JournalledDaemon(preload: #"{"1":"1.00"}"#)
        try daemon.start()
        let first = try #require(exchange(deposit("2.50", key: "\"replay-1\""), stateSocket: daemon.socketPath))
        let again = try #require(exchange(deposit("2.5", key: "replay-1"), stateSocket: daemon.socketPath))
        #expect(first.status == 200 && again.status == 200)
        #expect(again.body == first.body, "same status and body, byte for byte")
        #expect(again.header("Idempotent-Replayed") == "true")
        #expect(first.header("Idempotent-Replayed") == nil)
        #expect(daemon.cents("1") == 350)
        // A refusal the daemon decided is stored too, and replays even once it would succeed.
        let refused = try #require(
            exchange(
                movementRequest("withdraw", account: "1", body: #"{"amount":"100.00"}"#, key: "w-1"),
                stateSocket: daemon.socketPath))
        #expect(refused.status == 400)
        _ = exchange(deposit("200.00", key: nil), stateSocket: daemon.socketPath)
        let replayedRefusal = try #require(
            exchange(
                movementRequest("withdraw", account: "1", body: #"{"amount":"100.00"}"#, key: "w-1"),
                stateSocket: daemon.socketPath))
        #expect(replayedRefusal.status == 400 && replayedRefusal.body == refused.body)
        #expect(replayedRefusal.header("Idempotent-Replayed") == "true")
    }

    @Test func aKeyReusedWithAnotherRequestIs422AndAnInvalidKeyIs400() throws {
        let daemon = JournalledDaemon(preload: #"{"1":"1.00","2":"1.00"}"#)
        try daemon.start()
        #expect(exchange(deposit("1.00", key: "k"), stateSocket: daemon.socketPath)?.status == 200)
        for other in [
            deposit("1.01", key: "k"), deposit("1.00", key: "k", account: "2"),
            movementRequest("withdraw", account: "1", body: #"{"amount":"1.00"}"#, key: "k"),
        ] {
            let answer = exchange(other, stateSocket: daemon.socketPath)
            #expect(answer?.status == 422)
            #expect(answer?.bodyText == #"{"detail":"idempotency key reused with a different request"}"#)
        }
        for invalid in ["", "\"\"", "a b", String(repeating: "x", count: 256)] {
            let answer = exchange(deposit("1.00", key: invalid), stateSocket: daemon.socketPath)
            #expect(answer?.status == 400, "\(invalid.debugDescription)")
            #expect(answer?.bodyText == #"{"detail":"invalid Idempotency-Key header"}"#)
        }
        #expect(daemon.cents("1") == 200 && daemon.cents("2") == 100)
    }

    @Test func aThousandConcurrentRequestsWithOneKeyApplyOnceAndDuplicatesInProgressAre409() throws {
        let daemon = JournalledDaemon(preload: #"{"1":"0.00"}"#)
        try daemon.start()
        let statuses = Mutex<[Int: Int]>([:])
        onThreads(40) { _ in
            for _ in 0..<25 {
                let answer = exchange(deposit("0.07", key: "one-key"), stateSocket: daemon.socketPath)
                statuses.withLock { $0[answer?.status ?? 0, default: 0] += 1 }
            }
        }
        let counts = statuses.withLock { $0 }
        #expect(counts.values.reduce(0, +) == 1000)
        #expect(Set(counts.keys).isSubset(of: [200, 409]), "\(counts)")
        #expect(daemon.cents("1") == 7, "applied exactly once")
        #expect(daemon.history("1").count == 1)
    }

    @Test func keysSurviveARestartWithTheJournal() throws {
        let daemon = JournalledDaemon(preload: #"{"1":"5.00"}"#)
        try daemon.start()
        let first = try #require(exchange(deposit("1.00", key: "durable"), stateSocket: daemon.socketPath))
        daemon.kill()
        try daemon.start()
        let again = try #require(exchange(deposit("1.00", key: "durable"), stateSocket: daemon.socketPath))
        #expect(again.body == first.body && again.header("Idempotent-Replayed") == "true")
        #expect(exchange(deposit("9.00", key: "durable"), stateSocket: daemon.socketPath)?.status == 422)
        #expect(daemon.cents("1") == 600)
    }
}

/// README "The journal": a full disk refuses changes with 503, serves reads, and half-applies nothing.
@Suite(.serialized) struct DiskFullTests {
    @Test func aFullDiskRefusesChangesWith503ServesReadsAndLosesNothingAcknowledged() throws {
        let mountPoint = Binaries.temporaryDirectory()
        let mounted = Spawned.run("/bin/mount", ["-t", "tmpfs", "-o", "size=256k", "tmpfs", mountPoint.path])
        try #require(mounted == 0, "a small tmpfs is needed (run as root); mount said \(mounted)")
        defer { _ = Spawned.run("/bin/umount", ["-l", mountPoint.path]) }
        let daemon = JournalledDaemon(preload: #"{"1":"0.00"}"#, directory: mountPoint.appendingPathComponent("d"))
        try FileManager.default.createDirectory(at: daemon.directory, withIntermediateDirectories: true)
        try daemon.start()
        // Fill the file system until only a few records fit.
        let filler = mountPoint.appendingPathComponent("filler").path
        let fd = open(filler, O_WRONLY | O_CREAT, 0o600)
        let block = [UInt8](repeating: 0xAB, count: 1024)
        while block.withUnsafeBytes({ write(fd, $0.baseAddress, $0.count) }) == 1024 {}
        close(fd)
        var acknowledged: Int64 = 0
        var refused = 0
        var statuses: [Int] = []
        for index in 0..<200 {
            let answer = exchange(
                movementRequest("deposit", account: "1", body: #"{"amount":"0.01"}"#, requestID: "full-\(index)"),
                stateSocket: daemon.socketPath)
            statuses.append(answer?.status ?? 0)
            if answer?.status == 200 { acknowledged += 1 }
            if answer?.status == 503 { refused += 1 }
        }
        #expect(refused > 0, "the full disk was noticed: \(statuses)")
        #expect(statuses.allSatisfy { $0 == 200 || $0 == 503 }, "\(statuses)")
        #expect(statuses.drop(while: { $0 == 200 }).allSatisfy { $0 == 503 }, "once refused, refused until restarted")
        let balance = try #require(
            exchange(Array("GET /accounts/1/balance HTTP/1.1\r\nHost: t\r\n\r\n".utf8), stateSocket: daemon.socketPath))
        #expect(balance.status == 200, "reads are still served")
        #expect(
            balance.bodyText
                == #"{"account_number":"1","balance":"\#(acknowledged / 100).\#(String(format: "%02d", acknowledged % 100))"}"#
        )
        #expect(daemon.logs.contains("refusing changes until restarted"))
        // Room again, and a restart: exactly the acknowledged deposits are there.
        try FileManager.default.removeItem(atPath: filler)
        daemon.kill()
        try daemon.start()
        #expect(daemon.cents("1") == acknowledged)
        #expect(daemon.history("1").count == Int(acknowledged))
    }
}
