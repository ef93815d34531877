import Foundation
import Glibc
import Testing

/// The shipped `atm-stated` against lines exactly as the handler of commit 22bd11c wrote them (an old
/// handler beside a new daemon while hosts are upgraded one at a time), and the shipped handler
/// negotiating with it over a kept connection.
@Suite struct VersionSkewTests {
    /// A `deadline=` as the handler of 22bd11c computed it: its CLOCK_MONOTONIC, in milliseconds, from now.
    private static func deadline(inMilliseconds milliseconds: Int64) -> Int64 {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return Int64(now.tv_sec) * 1000 + Int64(now.tv_nsec) / 1_000_000 + milliseconds
    }

    @Test func theDaemonAnswersTheOriginalHandlersLinesAsBefore() throws {
        let daemon = try StateDaemon(environment: ["PRELOAD_ACCOUNTS": #"{"1001":"10.00","1002":"0"}"#])
        let client = try #require(daemon.connect())
        let deadline = Self.deadline(inMilliseconds: 1_000)
        #expect(
            client.ask("BALANCE 1001 deadline=\(deadline) request=0123456789abcdef0123456789abcdef address=127.0.0.1")
                == "OK 1001 1000")
        let deposit =
            "DEPOSIT 1001 250 deadline=\(deadline) key=skew-1 request=r-1 identity=CN=t%20one address=192.0.2.7"
        #expect(client.ask(deposit) == "OK 1001 1250")
        #expect(client.ask(deposit) == "REPLAY OK 1001 1250")
        #expect(client.ask("WITHDRAW 1001 1 deadline=1 request=r-2")?.hasPrefix("ERR expired ") == true)
        #expect(client.send("REPORT deposit 200\n"))
        // METRICS as the old handler sent it for a loopback scrape (bare) and for any other (with attributes).
        for line in ["METRICS", "METRICS address=192.0.2.9"] {
            let head = try #require(client.ask(line))
            let count = try #require(Int(head.dropFirst(3)), "\(head)")
            var text: [UInt8] = []
            while text.count < count, let next = client.readLine() { text += Array(next.utf8) + [10] }
            #expect(text.count == count)
            #expect(
                String(decoding: text, as: UTF8.self).contains(
                    #"atm_http_responses_total{route="deposit",status="200"}"#))
        }
        #expect(client.ask("PING") == "OK PONG")
    }

    @Test func theNewHandlerAgreesVersion2AndKeepsMovingMoneyOnAKeptConnection() throws {
        let daemon = try StateDaemon(environment: ["PRELOAD_ACCOUNTS": #"{"1001":"10.00"}"#])
        var stream = ""
        for _ in 1...3 { stream += moneyRequest("deposit", account: "1001", amount: "1.00") }
        let run = try runHandler(
            Array(stream.utf8), environment: ["ATM_STATED_SOCKET": daemon.socketPath, "ATM_KEEP_ALIVE_REQUESTS": "3"])
        #expect(run.text.components(separatedBy: "HTTP/1.1 200 OK").count == 4, "\(run.text)\n\(run.errors)")
        #expect(!run.errors.contains("state="), "\(run.errors)")
        #expect(daemon.ask("BALANCE 1001") == "OK 1001 1300")
    }
}
