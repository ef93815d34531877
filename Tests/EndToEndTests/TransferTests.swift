import Foundation
import Synchronization
import Testing

/// Transfers through real `atm-handler` processes: money is only ever moved, never made or lost.
@Suite struct TransferTests {
    /// 32 clients doing random transfers among 10 accounts for several seconds, each request a
    /// handler process of its own. The watchdog is per request: none may take over 2 s (a
    /// deadlock between opposite transfers would hang both until the daemon's deadline).
    @Test func randomTransfersKeepTheTotalAndNeverGoNegative() throws {
        let seed =
            ProcessInfo.processInfo.environment["ATM_TRANSFER_SEED"].flatMap { UInt64($0) }
            ?? UInt64.random(in: 0...UInt64(UInt32.max))
        print("transfer seed \(seed) (replay with ATM_TRANSFER_SEED=\(seed))")
        let accounts = (0..<10).map { String(2001 + $0) }
        let start: [Int64] = (0..<10).map { Int64($0 % 3) * 5_000 }  // 0.00, 50.00 and 100.00: refusals happen
        let preload =
            "{"
            + zip(accounts, start).map { "\"\($0)\":\"\(decimalAmount(cents: $1))\"" }
            .joined(separator: ",") + "}"
        let daemon = try StateDaemon(environment: ["PRELOAD_ACCOUNTS": preload])
        let applied = Mutex<[Int64]>(Array(repeating: 0, count: accounts.count))
        let problems = Mutex<[String]>([])
        let slowest = Mutex<Double>(0)
        let answered = Atomic<Int>(0)
        let refused = Atomic<Int>(0)
        let stopAt = Date().addingTimeInterval(4)

        onThreads(32) { client in
            var random = SeededGenerator(seed: seed &+ UInt64(client) &* 104_729)
            while Date() < stopAt {
                let from = Int.random(in: 0..<accounts.count, using: &random)
                var to = Int.random(in: 0..<(accounts.count - 1), using: &random)
                if to >= from { to += 1 }
                let amount = Int64.random(in: 1...3_000, using: &random)
                let request = transferRequest(
                    from: accounts[from], to: accounts[to], amount: decimalAmount(cents: amount))
                do {
                    let (response, run) = try ask(daemon, request)
                    slowest.withLock { $0 = max($0, run.seconds) }
                    if run.seconds > 2 {
                        problems.withLock { $0.append("a transfer took \(run.seconds) s") }
                    }
                    answered.add(1, ordering: .relaxed)
                    switch response.status {
                    case 200:
                        let balance = (jsonObject(response)?["balance"] as? String).flatMap(cents(of:))
                        if balance.map({ $0 < 0 }) ?? true {
                            problems.withLock { $0.append("200 without a non-negative balance: \(response.bodyText)") }
                        }
                        applied.withLock {
                            $0[from] -= amount
                            $0[to] += amount
                        }
                    case 400 where response.bodyText == #"{"detail":"insufficient funds"}"#:
                        refused.add(1, ordering: .relaxed)
                    default:
                        problems.withLock { $0.append("\(response.statusLine) \(response.bodyText)") }
                    }
                } catch {
                    problems.withLock { $0.append("\(error)") }
                }
            }
        }

        let found = problems.withLock { $0 }
        #expect(found.isEmpty, "seed \(seed): \(found.prefix(5))")
        print(
            "transfers: \(answered.load(ordering: .relaxed)) answered, \(refused.load(ordering: .relaxed)) refused, slowest \(slowest.withLock { $0 }) s"
        )
        #expect(answered.load(ordering: .relaxed) >= 64, "seed \(seed): too few transfers to mean anything")
        let moved = applied.withLock { $0 }
        var total: Int64 = 0
        for (index, account) in accounts.enumerated() {
            let expected = start[index] + moved[index]
            #expect(expected >= 0, "seed \(seed), account \(account) would be negative")
            #expect(daemon.ask("BALANCE \(account)") == "OK \(account) \(expected)", "seed \(seed), account \(account)")
            total += expected
        }
        #expect(total == start.reduce(0, +), "seed \(seed): the total changed")
    }

    /// The same Idempotency-Key replays the stored answer, refuses another request, and moves money once.
    @Test func anIdempotencyKeyMovesMoneyOnce() throws {
        let daemon = try StateDaemon(environment: ["PRELOAD_ACCOUNTS": #"{"1":"10.00","2":"0.00"}"#])
        let key = "Idempotency-Key: transfer-once\r\n"
        let (first, _) = try ask(daemon, transferRequest(from: "1", to: "2", amount: "4.00", headers: key))
        let (again, _) = try ask(daemon, transferRequest(from: "1", to: "2", amount: "4.0", headers: key))
        let (other, _) = try ask(daemon, transferRequest(from: "1", to: "2", amount: "3.00", headers: key))
        #expect(first.status == 200 && first.header("Idempotent-Replayed") == nil)
        #expect(again.status == 200 && again.body == first.body && again.header("Idempotent-Replayed") == "true")
        #expect(other.status == 422)
        #expect(other.bodyText == #"{"detail":"idempotency key reused with a different request"}"#)
        #expect(daemon.ask("BALANCE 1") == "OK 1 600")
        #expect(daemon.ask("BALANCE 2") == "OK 2 400")
    }
}
