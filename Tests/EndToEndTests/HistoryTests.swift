import Foundation
import Testing

/// `GET /accounts/{n}/transactions` through real processes: every applied change once, newest
/// first, refusals never, and each balance the previous one plus or minus its amount.
@Suite struct HistoryTests {
    /// One entry as the tests read it.
    struct Entry {
        let id: UInt64
        let type: String
        let amount: Int64
        let balance: Int64
        let counterparty: String?
        let time: String
    }

    private func page(_ daemon: StateDaemon, _ account: String, limit: Int, before: UInt64?) throws -> [Entry] {
        let query = "limit=\(limit)" + (before.map { "&before=\($0)" } ?? "")
        let (response, _) = try ask(daemon, getRequest("/accounts/\(account)/transactions?\(query)"))
        try #require(response.status == 200, "\(response.bodyText)")
        let object = try #require(jsonObject(response))
        #expect(object["account_number"] as? String == account)
        let items = try #require(object["transactions"] as? [[String: Any]])
        return try items.map { item in
            Entry(
                id: try #require((item["id"] as? String).flatMap { UInt64($0) }),
                type: try #require(item["type"] as? String),
                amount: try #require((item["amount"] as? String).flatMap(cents(of:))),
                balance: try #require((item["balance"] as? String).flatMap(cents(of:))),
                counterparty: item["counterparty"] as? String,
                time: try #require(item["time"] as? String))
        }
    }

    @Test func pagingVisitsEveryAppliedChangeOnceNewestFirstAndBalancesChain() throws {
        let daemon = try StateDaemon(environment: ["PRELOAD_ACCOUNTS": #"{"1001":"10.00","1002":"5.00"}"#])
        // (request, applied to 1001?) in order; refusals interleaved.
        let steps: [(String, Bool)] = [
            (moneyRequest("deposit", account: "1001", amount: "1.50"), true),
            (moneyRequest("withdraw", account: "1001", amount: "100.00"), false),  // insufficient funds
            (transferRequest(from: "1001", to: "1002", amount: "2.25"), true),
            (transferRequest(from: "1001", to: "9999", amount: "1.00"), false),  // destination not found
            (transferRequest(from: "1002", to: "1001", amount: "0.75"), true),
            (moneyRequest("deposit", account: "1002", amount: "3.00"), false),  // another account's change
            (moneyRequest("withdraw", account: "1001", amount: "0.01"), true),
            (transferRequest(from: "1001", to: "1001", amount: "1.00"), false),  // same account
        ]
        var appliedTo1001 = 0
        for _ in 0..<3 {
            for (request, applies) in steps {
                let (response, _) = try ask(daemon, request)
                if applies { appliedTo1001 += 1 }
                #expect((response.status == 200) == (applies || request.contains("/1002/deposit")), "\(request)")
            }
        }
        // 3 entries a page, so the walk takes several pages and ends on a short or empty one.
        var entries: [Entry] = []
        var before: UInt64?
        for _ in 0..<20 {
            let next = try page(daemon, "1001", limit: 3, before: before)
            entries += next
            guard next.count == 3, let last = next.last else { break }
            before = last.id
        }
        #expect(entries.count == appliedTo1001)
        #expect(Set(entries.map(\.id)).count == entries.count, "an entry was visited twice")
        #expect(zip(entries, entries.dropFirst()).allSatisfy { $0.id > $1.id }, "not newest first")
        let final = try #require(daemon.ask("BALANCE 1001")?.split(separator: " ").last.flatMap { Int64($0) })
        #expect(entries.first?.balance == final)
        for (newer, older) in zip(entries, entries.dropFirst()) {
            let sign: Int64 = newer.type == "deposit" || newer.type == "transfer_in" ? 1 : -1
            #expect(newer.balance == older.balance + sign * newer.amount, "\(newer) after \(older)")
        }
        let oldest = try #require(entries.last)
        #expect(oldest.type == "deposit" && oldest.balance == 1_000 + 150)
        for entry in entries {
            #expect(["deposit", "withdrawal", "transfer_in", "transfer_out"].contains(entry.type))
            #expect((entry.counterparty == "1002") == entry.type.hasPrefix("transfer_"))
            #expect(
                entry.time.range(of: #"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$"#, options: .regularExpression) != nil)
        }
        // The page before the oldest is empty, and the default limit is 20.
        #expect(try page(daemon, "1001", limit: 100, before: oldest.id).isEmpty)
        let (all, _) = try ask(daemon, getRequest("/accounts/1001/transactions"))
        #expect((jsonObject(all)?["transactions"] as? [Any])?.count == min(20, appliedTo1001))
    }

    @Test func theEntryShowsTheContractsKeysInOrder() throws {
        let daemon = try StateDaemon(environment: ["PRELOAD_ACCOUNTS": #"{"1001":"10.00","1002":"5.00"}"#])
        _ = try ask(daemon, transferRequest(from: "1001", to: "1002", amount: "2.50"))
        let (response, _) = try ask(daemon, getRequest("/accounts/1002/transactions?limit=1"))
        let pattern =
            #"^\{"account_number":"1002","transactions":\[\{"id":"\d+","time":"[0-9T:.Z-]{24}","type":"transfer_in","amount":"2\.50","balance":"7\.50","counterparty":"1001"\}\]\}$"#
        #expect(response.bodyText.range(of: pattern, options: .regularExpression) != nil, "\(response.bodyText)")
        #expect(response.header("Content-Type") == "application/json")
    }
}
