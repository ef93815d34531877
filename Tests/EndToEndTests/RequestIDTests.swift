import Foundation
import Testing

/// `X-Request-ID` end to end: kept, made or replaced, echoed, and in both the access log line and
/// the daemon's audit line, which records every applied change exactly.
@Suite struct RequestIDTests {
    /// Waits up to 5 s for `text` in the daemon's log (stderr is read by another thread).
    private func daemonLog(_ daemon: StateDaemon, contains text: String) -> Bool {
        let deadline = Date().addingTimeInterval(5)
        while Date() < deadline {
            if daemon.child.standardError.contains(text) { return true }
            usleep(10_000)
        }
        return false
    }

    @Test func aClientsIDIsKeptAndInBothLogLinesForEveryKindOfChange() throws {
        let daemon = try StateDaemon(environment: ["PRELOAD_ACCOUNTS": #"{"1002":"250.50","1003":"0.00"}"#])
        let cases: [(String, String, String)] = [
            (
                "req-deposit-1", moneyRequest("deposit", account: "1002", amount: "10.50"),
                "op=deposit account=1002 amount=10.50 balance=261.00"
            ),
            (
                "req-withdraw-2", moneyRequest("withdraw", account: "1002", amount: "1.00"),
                "op=withdrawal account=1002 amount=1.00 balance=260.00"
            ),
            (
                "req-transfer-3", transferRequest(from: "1002", to: "1003", amount: "60.00"),
                "op=transfer account=1002 to_account=1003 amount=60.00 balance=200.00 to_balance=60.00"
            ),
        ]
        for (id, request, change) in cases {
            let tagged = request.replacingOccurrences(of: "Host: t\r\n", with: "Host: t\r\nX-Request-ID: \(id)\r\n")
            let (response, run) = try ask(daemon, tagged)
            #expect(response.status == 200)
            #expect(response.header("X-Request-ID") == id)
            #expect(run.errors.contains(" 200 ") && run.errors.contains("request_id=\(id)"), "\(run.errors)")
            #expect(
                daemonLog(daemon, contains: "request_id=\(id) identity=- \(change)"),
                "audit line for \(id): \(daemon.child.standardError)")
        }
        let audits = daemon.child.standardError.split(separator: "\n").filter { $0.contains("audit seq=") }
        #expect(audits.count == 3, "one audit line per applied change: \(audits)")
        #expect(
            audits.allSatisfy {
                $0.range(of: #"^atm-stated: audit seq=\d+ request_id="#, options: .regularExpression) != nil
            })
    }

    @Test func aMissingOrInvalidIDIsReplacedByAMadeOneInBothLogLines() throws {
        let daemon = try StateDaemon()
        let invalid = [nil, String(repeating: "x", count: 129), "caf\u{e9}"]
        for value in invalid {
            var request = moneyRequest("deposit", account: "1001", amount: "1.00")
            if let value {
                request = request.replacingOccurrences(of: "Host: t\r\n", with: "Host: t\r\nX-Request-ID: \(value)\r\n")
            }
            let (response, run) = try ask(daemon, request)
            #expect(response.status == 200)
            let id = try #require(response.header("X-Request-ID"))
            #expect(id.range(of: "^[0-9a-f]{32}$", options: .regularExpression) != nil, "made id \(id)")
            #expect(run.errors.contains("request_id=\(id)"))
            #expect(daemonLog(daemon, contains: "request_id=\(id) identity=- op=deposit account=1001 amount=1.00"))
        }
    }

    @Test func everyResponseCarriesAnID() throws {
        let daemon = try StateDaemon()
        for request in [
            getRequest("/health"), getRequest("/nowhere"), "BREW / HTTP/1.1\r\nHost: t\r\n\r\n",
            getRequest("/accounts/1001/transactions?limit=0"), getRequest("/metrics"),
        ] {
            let (response, _) = try ask(daemon, request)
            #expect(response.header("X-Request-ID") != nil, "\(request)")
        }
        let (kept, _) = try ask(daemon, getRequest("/accounts/1001/balance", headers: "X-Request-ID: keep.me\r\n"))
        #expect(kept.header("X-Request-ID") == "keep.me")
    }
}
