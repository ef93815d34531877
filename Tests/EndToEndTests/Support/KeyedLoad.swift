import Foundation
import Synchronization

/// Keyed deposits, withdrawals and transfers (both directions between every pair of accounts) sent through the
/// daemons' HTTP front ends while something fails underneath (a primary dies, a daemon restarts), and the check
/// that the database holds exactly what the answers promised: every 200 applied once, every 503 not applied,
/// every 504 settled by a retry with the same key (a replay when it had been applied), nothing else applied.
///
/// Each request's X-Request-ID is its key, so the history rows (which store the request id) say which key
/// applied them.
final class KeyedLoad: Sendable {
    /// One change as sent and answered.
    struct Sent: Sendable {
        let key: String
        let request: String
        /// Cents added to each account if it is applied.
        let effects: [String: Int64]
        let isTransfer: Bool
        let status: Int
        let started: Date
        let ended: Date
        /// The answer of the last retry with the same key (for a 504 or no answer), if any.
        var retried: (status: Int, replayed: Bool)? = nil

        /// What the change ended as: the retry's answer, else the first one.
        var finalStatus: Int { retried?.status ?? status }
    }

    let accounts: [String]
    let openingCents: Int64
    private let sent = Mutex<[Sent]>([])

    init(accounts: [String], openingCents: Int64) {
        self.accounts = accounts
        self.openingCents = openingCents
    }

    /// `PRELOAD_ACCOUNTS` for the daemons.
    var preload: String {
        "{" + accounts.map { #""\#($0)":"\#(decimalAmount(cents: openingCents))""# }.joined(separator: ",") + "}"
    }

    var all: [Sent] { sent.withLock { $0 } }

    /// Sends changes on `threads` threads, thread `t` to `servers[t % count]`, while `running()` is true. A
    /// restarted daemon needs no new server: each request's handler finds the daemon's socket by its path.
    func run(
        threads: Int, seed: UInt64, prefix: String, servers: [SuperServer],
        while running: @escaping @Sendable () -> Bool
    ) {
        onThreads(threads) { thread in
            var random = SeededGenerator(seed: seed &+ UInt64(thread))
            var step = 0
            while running() {
                step += 1
                let key = "\(prefix)-\(seed)-\(thread)-\(step)"
                let cents = Int64(random.next() % 2_000) + 1
                let amount = #"{"amount":"\#(decimalAmount(cents: cents))"}"#
                let account = self.accounts[Int(random.next() % UInt64(self.accounts.count))]
                let request: String
                var effects: [String: Int64]
                switch random.next() % 3 {
                case 0:
                    request = KeyedLoad.keyed("deposit", account, amount, key: key)
                    effects = [account: cents]
                case 1:
                    request = KeyedLoad.keyed("withdraw", account, amount, key: key)
                    effects = [account: -cents]
                default:
                    let others = self.accounts.filter { $0 != account }
                    let destination = others[Int(random.next() % UInt64(others.count))]
                    let body = #"{"to_account":"\#(destination)","amount":"\#(decimalAmount(cents: cents))"}"#
                    request = KeyedLoad.keyed("transfer", account, body, key: key)
                    effects = [account: -cents, destination: cents]
                }
                let started = Date()
                let answer = ParsedResponse(servers[thread % servers.count].exchange(request) ?? [])
                let record = Sent(
                    key: key, request: request, effects: effects, isTransfer: effects.count == 2,
                    status: answer?.status ?? 0, started: started, ended: Date())
                self.sent.withLock { $0.append(record) }
            }
        }
    }

    /// Retries every change answered 504 (or not answered at all) with its key until it gets a definite answer
    /// (at most 50 times, 100 ms apart); returns the problems: a retry of a change the database already holds
    /// that is not a replay of a 200, one of a change it does not hold that is a replay, or one never settled.
    func retryUnknown(servers: [SuperServer], appliedBefore: Set<String>) -> [String] {
        var problems: [String] = []
        var records = all
        for index in records.indices where [0, 504].contains(records[index].status) {
            let record = records[index]
            for attempt in 0..<50 {
                let answer = ParsedResponse(servers[attempt % servers.count].exchange(record.request) ?? [])
                guard let answer, ![0, 409, 503, 504].contains(answer.status) else {
                    usleep(100_000)
                    continue
                }
                let replayed = answer.header("Idempotent-Replayed") == "true"
                records[index].retried = (answer.status, replayed)
                if appliedBefore.contains(record.key) && !(replayed && answer.status == 200) {
                    problems.append("\(record.key): applied before its retry, but the retry said \(answer.statusLine)")
                }
                if !appliedBefore.contains(record.key) && replayed && answer.status == 200 {
                    problems.append("\(record.key): not in the database, yet its retry replayed a 200")
                }
                break
            }
            if records[index].retried == nil { problems.append("\(record.key): a 504 never settled by its retries") }
        }
        sent.withLock { $0 = records }
        return problems
    }

    /// The keys the database's history names, each with its row count.
    static func appliedKeys(_ database: TestDatabase) throws -> [String: Int] {
        var rows: [String: Int] = [:]
        let text = try database.query("SELECT request_id || ' ' || count(*) FROM history GROUP BY request_id")
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: " ")
            if parts.count == 2 { rows[String(parts[0])] = Int(parts[1]) }
        }
        return rows
    }

    /// Every way the database differs from the answers (empty: none).
    func discrepancies(_ database: TestDatabase) throws -> [String] {
        let applied = try KeyedLoad.appliedKeys(database)
        var problems: [String] = []
        var expected = Dictionary(uniqueKeysWithValues: accounts.map { ($0, openingCents) })
        let records = all
        for record in records {
            let count = applied[record.key]
            switch record.finalStatus {
            case 200:
                if count != (record.isTransfer ? 2 : 1) {
                    problems.append("\(record.key): answered 200 but has \(count ?? 0) history rows")
                }
                for (account, cents) in record.effects { expected[account, default: 0] += cents }
            case 400, 503:
                if count != nil { problems.append("\(record.key): answered \(record.finalStatus) but applied") }
            default:
                problems.append("\(record.key): answered \(record.finalStatus)")
            }
        }
        let known = Set(records.map(\.key))
        for key in applied.keys where !known.contains(key) { problems.append("\(key): applied but never sent") }
        let balances = try database.query(
            "SELECT string_agg(account_number || '=' || balance_cents, ',' ORDER BY account_number) FROM accounts")
        let wanted = expected.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",")
        if balances != wanted { problems.append("balances \(balances), the answers say \(wanted)") }
        return problems
    }

    /// A POST with an Idempotency-Key, whose X-Request-ID is the key too.
    static func keyed(_ operation: String, _ account: String, _ body: String, key: String) -> String {
        "POST /accounts/\(account)/\(operation) HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\n"
            + "Idempotency-Key: \(key)\r\nX-Request-ID: \(key)\r\nContent-Length: \(body.utf8.count)\r\n\r\n\(body)"
    }
}
