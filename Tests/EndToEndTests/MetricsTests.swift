import Foundation
import Testing

/// `GET /metrics` from a live daemon: promtool accepts it, and the counters move by exactly the
/// requests sent.
@Suite struct MetricsTests {
    /// The samples of one scrape, by their full name with labels as written.
    private func scrape(_ daemon: StateDaemon) throws -> (text: String, samples: [String: Double]) {
        let (response, _) = try ask(daemon, getRequest("/metrics"))
        try #require(response.status == 200)
        #expect(response.header("Content-Type") == "text/plain; version=0.0.4; charset=utf-8")
        var samples: [String: Double] = [:]
        for line in response.bodyText.split(separator: "\n") where !line.hasPrefix("#") {
            guard let space = line.lastIndex(of: " ") else { continue }
            samples[String(line[..<space])] = Double(line[line.index(after: space)...])
        }
        return (response.bodyText, samples)
    }

    /// Scrapes until `name` reaches `value` (a handler's REPORT arrives after its response) or 5 s pass.
    private func scrape(_ daemon: StateDaemon, until name: String, reaches value: Double) throws -> [String: Double] {
        let deadline = Date().addingTimeInterval(5)
        while true {
            let samples = try scrape(daemon).samples
            if samples[name, default: 0] >= value || Date() > deadline { return samples }
            usleep(20_000)
        }
    }

    @Test func promtoolAcceptsTheLiveOutput() throws {
        let promtool = try #require(Binaries.which("promtool"), "promtool (Debian package prometheus) is needed")
        let daemon = try StateDaemon(environment: ["PRELOAD_ACCOUNTS": #"{"31337":"1.00","31338":"0.00"}"#])
        _ = try ask(daemon, transferRequest(from: "31337", to: "31338", amount: "0.50"))
        _ = try ask(daemon, moneyRequest("withdraw", account: "31338", amount: "9.00"))
        _ = try ask(daemon, getRequest("/accounts/31337/transactions"))
        _ = try ask(daemon, getRequest("/nowhere"))
        let text = try scrape(daemon, until: #"atm_http_responses_total{route="unmatched",status="404"}"#, reaches: 1)
            .keys.joined()
        #expect(!text.contains("31337") && !text.contains("31338"), "an account number in a label")
        let body = try scrape(daemon).text
        let input = try makePipe()
        let check = try Spawned(promtool, ["check", "metrics"], environment: [:], stdinDescriptor: input[0])
        close(input[0])
        _ = body.utf8CString.withUnsafeBufferPointer { write(input[1], $0.baseAddress, $0.count - 1) }
        close(input[1])
        #expect(
            check.wait(timeout: 30) == 0,
            "promtool: \(check.standardError) \(String(decoding: check.standardOutput, as: UTF8.self))")
        for family in [
            "atm_http_responses_total", "atm_daemon_operations_total", "atm_daemon_operation_duration_seconds",
            "atm_accounts", "atm_daemon_clients", "atm_daemon_busy_refusals_total", "atm_idempotent_replays_total",
        ] {
            #expect(body.contains("# TYPE \(family) "), "no \(family)")
        }
        #expect(body.contains("\natm_accounts 2\n"))
    }

    @Test func countersMoveByExactlyTheRequestsSent() throws {
        let daemon = try StateDaemon(environment: ["PRELOAD_ACCOUNTS": #"{"1":"100.00","2":"0.00"}"#])
        let before = try scrape(daemon).samples
        let balances = 7
        let missing = 3
        for _ in 0..<balances { _ = try ask(daemon, getRequest("/accounts/1/balance")) }
        for _ in 0..<missing { _ = try ask(daemon, getRequest("/accounts/9/balance")) }
        let key = "Idempotency-Key: metrics-replay\r\n"
        for _ in 0..<3 { _ = try ask(daemon, transferRequest(from: "1", to: "2", amount: "1.00", headers: key)) }
        _ = try ask(daemon, transferRequest(from: "2", to: "1", amount: "50.00"))

        let ok200 = #"atm_http_responses_total{route="balance",status="200"}"#
        let after = try scrape(daemon, until: #"atm_http_responses_total{route="transfer",status="400"}"#, reaches: 1)
        func moved(_ name: String) -> Double { after[name, default: 0] - before[name, default: 0] }
        #expect(moved(ok200) == Double(balances))
        #expect(moved(#"atm_http_responses_total{route="balance",status="404"}"#) == Double(missing))
        #expect(moved(#"atm_http_responses_total{route="transfer",status="200"}"#) == 3)
        #expect(moved(#"atm_http_responses_total{route="transfer",status="400"}"#) == 1)
        #expect(moved(#"atm_daemon_operations_total{kind="balance",outcome="ok"}"#) == Double(balances))
        #expect(moved(#"atm_daemon_operations_total{kind="balance",outcome="not-found"}"#) == Double(missing))
        #expect(moved(#"atm_daemon_operations_total{kind="transfer",outcome="ok"}"#) == 1)
        #expect(moved(#"atm_daemon_operations_total{kind="transfer",outcome="replayed"}"#) == 2)
        #expect(moved(#"atm_daemon_operations_total{kind="transfer",outcome="insufficient-funds"}"#) == 1)
        #expect(moved("atm_idempotent_replays_total") == 2)
        #expect(moved(#"atm_daemon_operation_duration_seconds_count{kind="balance"}"#) == Double(balances + missing))
        // Every scrape is counted too, once its own response is written: the first one by now.
        #expect(after[#"atm_http_responses_total{route="metrics",status="200"}"#, default: 0] >= 1)
    }
}
