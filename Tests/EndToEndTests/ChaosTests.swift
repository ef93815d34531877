import Foundation
import Glibc
import Synchronization
import Testing

/// SplitMix64: a tiny seeded generator, so a failing chaos run can be replayed from its seed.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var mixed = state
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }
}

/// Thousands of interleaved deposits, withdrawals, transfers and history reads from many clients,
/// some of which hang up in the middle of their request. At the end every balance is its start
/// plus the operations answered 200 (and, on PostgreSQL, some of those answered 504).
@Suite(.serialized) struct ChaosTests {
    @Test func everyBalanceEqualsItsStartPlusWhatWasAnswered200() throws {
        let seed =
            ProcessInfo.processInfo.environment["ATM_CHAOS_SEED"].flatMap { UInt64($0) }
            ?? UInt64.random(in: 0...UInt64(UInt32.max))
        print("chaos seed \(seed) (replay with ATM_CHAOS_SEED=\(seed))")
        let accounts = ["1", "2", "3"]
        let start: [Int64] = [10_000, 10_000, 0]
        let daemon = try StateDaemon(environment: ["PRELOAD_ACCOUNTS": #"{"1":"100.00","2":"100.00","3":"0.00"}"#])
        let server = try SuperServer.systemdSocketActivate(stateSocket: daemon.socketPath)
        let applied = Mutex<[Int64]>([0, 0, 0])
        // On PostgreSQL a 504 is a lawful answer when the machine is loaded (the change was sent, no answer came
        // in time); such a change may or may not be in the balances. In memory nothing can make an outcome unknown.
        let uncertain = Mutex<[[Int64]]>([[], [], []])
        let negative = Atomic<Int>(0)
        let unexpected = Mutex<[String]>([])
        let disconnects = Atomic<Int>(0)
        let answered = Atomic<Int>(0)

        onThreads(16) { client in
            var random = SeededGenerator(seed: seed &+ UInt64(client) &* 7919)
            for _ in 0..<100 {
                let index = Int.random(in: 0..<accounts.count, using: &random)
                let cents = Int64.random(in: 1...5_000, using: &random)
                let amount = "\(cents / 100).\(String(format: "%02d", Int(cents % 100)))"
                // Deposits, withdrawals, transfers to the next account, and history reads.
                let operation = ["deposit", "withdraw", "transfer", "transactions"][
                    Int.random(in: 0..<4, using: &random)]
                let other = (index + 1) % accounts.count
                let text: String
                switch operation {
                case "transfer": text = transferRequest(from: accounts[index], to: accounts[other], amount: amount)
                case "transactions":
                    text = getRequest(
                        "/accounts/\(accounts[index])/transactions?limit=\(Int.random(in: 1...100, using: &random))")
                default: text = moneyRequest(operation, account: accounts[index], amount: amount, host: "chaos")
                }
                let request = Array(text.utf8)
                guard let connection = TestSocket.tcp(port: server.port, timeout: 5) else {
                    unexpected.withLock { $0.append("connect failed") }
                    continue
                }
                if Int.random(in: 0..<10, using: &random) == 0 {
                    // Hang up somewhere inside the request: the handler must apply nothing.
                    connection.send(Array(request[..<Int.random(in: 1..<request.count, using: &random)]))
                    disconnects.add(1, ordering: .relaxed)
                    continue
                }
                connection.send(request)
                guard let response = ParsedResponse(connection.readToEnd()) else {
                    unexpected.withLock { $0.append("torn response") }
                    continue
                }
                answered.add(1, ordering: .relaxed)
                switch response.status {
                case 200 where operation == "transactions":
                    if !response.bodyText.hasPrefix(#"{"account_number":"\#(accounts[index])","transactions":["#) {
                        unexpected.withLock { $0.append("history: \(response.bodyText)") }
                    }
                case 200:
                    if response.bodyText.contains("\"-") { negative.add(1, ordering: .relaxed) }
                    applied.withLock {
                        switch operation {
                        case "deposit": $0[index] += cents
                        case "withdraw": $0[index] -= cents
                        default:
                            $0[index] -= cents
                            $0[other] += cents
                        }
                    }
                case 400 where operation != "deposit" && response.bodyText == #"{"detail":"insufficient funds"}"#:
                    break
                case 504 where TestStore.isPostgreSQL && operation != "transactions":
                    uncertain.withLock {
                        switch operation {
                        case "deposit": $0[index].append(cents)
                        case "withdraw": $0[index].append(-cents)
                        default:
                            $0[index].append(-cents)
                            $0[other].append(cents)
                        }
                    }
                default:
                    unexpected.withLock { $0.append("\(response.statusLine) \(response.bodyText)") }
                }
            }
        }

        #expect(unexpected.withLock { $0 }.isEmpty, "seed \(seed): \(unexpected.withLock { $0.prefix(5) })")
        #expect(negative.load(ordering: .relaxed) == 0, "seed \(seed): a negative balance was answered")
        #expect(answered.load(ordering: .relaxed) + disconnects.load(ordering: .relaxed) >= 1_500)
        let sums = applied.withLock { $0 }
        let unknown = uncertain.withLock { $0 }
        #expect(unknown.allSatisfy { $0.count <= 16 }, "seed \(seed): few outcomes are unknown")
        for (index, account) in accounts.enumerated() {
            let expected = start[index] + sums[index]
            // Each change answered 504 was applied or not: the balance is the answered sum plus some of them.
            let possible = unknown[index].prefix(16).reduce(into: Set([expected])) { sums, change in
                sums.formUnion(sums.map { $0 + change })
            }
            let answer = daemon.ask("BALANCE \(account)") ?? ""
            let balance = answer.split(separator: " ").last.flatMap { Int64($0) } ?? -1
            #expect(
                answer.hasPrefix("OK \(account) ") && possible.contains(balance), "seed \(seed), account \(account)")
            #expect(expected >= 0)
            // The newest history entry left the balance the account has now.
            let newest = daemon.ask("HISTORY \(account) 1")?.split(separator: " ")
            if newest?.count == 4, let after = newest?[3].split(separator: ":").dropFirst(4).first {
                #expect(Int64(after) == balance, "seed \(seed), account \(account): newest entry \(newest ?? [])")
            } else {
                #expect(
                    newest?.count == 3 && balance == start[index], "seed \(seed), account \(account): \(newest ?? [])")
            }
        }
    }
}
