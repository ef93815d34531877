import Foundation
import Glibc
import Synchronization
import Testing

/// End to end over TCP: clients, super-server, `atm-handler`, Unix socket, `atm-stated`.
@Suite(.serialized) struct SuperServerTests {
    private static func deposit(_ account: String, _ amount: String) -> String {
        moneyRequest("deposit", account: account, amount: amount)
    }

    @Test func thirtyTwoConcurrentClientsDepositingGetWellFormedResponsesAndExactTotals() throws {
        let daemon = try StateDaemon(environment: ["PRELOAD_ACCOUNTS": #"{"1":"0.00"}"#])
        let server = try SuperServer.systemdSocketActivate(stateSocket: daemon.socketPath)
        let good = Atomic<Int>(0)
        let bad = Atomic<Int>(0)
        onThreads(32) { _ in
            for _ in 0..<10 {
                let answer = server.exchange(Self.deposit("1", "0.01")) ?? []
                if let response = ParsedResponse(answer), response.status == 200,
                    response.header("Connection") == "close"
                {
                    good.add(1, ordering: .relaxed)
                } else {
                    bad.add(1, ordering: .relaxed)
                }
            }
        }
        #expect(bad.load(ordering: .relaxed) == 0)
        #expect(good.load(ordering: .relaxed) == 320)
        let balance = ParsedResponse(server.exchange("GET /accounts/1/balance HTTP/1.1\r\nHost: t\r\n\r\n") ?? [])
        #expect(balance?.bodyText == #"{"account_number":"1","balance":"3.20"}"#)
    }

    @Test func twentyIdleConnectionsDoNotDelayAFreshRequest() throws {
        let daemon = try StateDaemon()
        let headTimeout = 5_000
        let server = try SuperServer.systemdSocketActivate(
            stateSocket: daemon.socketPath, environment: ["ATM_HEADER_TIMEOUT_MS": "\(headTimeout)"])
        let idle = (0..<20).compactMap { _ in TestSocket.tcp(port: server.port) }
        #expect(idle.count == 20)
        idle[0].send("GET /health HTTP/1.1\r\n")
        let start = Date()
        let response = ParsedResponse(server.exchange("GET /accounts/1001/balance HTTP/1.1\r\nHost: t\r\n\r\n") ?? [])
        #expect(response?.status == 200)
        // Behind the idle connections it would wait for their head deadline.
        #expect(Date().timeIntervalSince(start) < Bounds.latest() && Bounds.latest() < Bounds.seconds(headTimeout))
    }

    @Test func withTheDaemonStoppedRequestsGet503AtOnce() throws {
        let daemon = try StateDaemon()
        let stateTimeout = 5_000
        let server = try SuperServer.systemdSocketActivate(
            stateSocket: daemon.socketPath, environment: ["ATM_STATED_TIMEOUT_MS": "\(stateTimeout)"])
        #expect(ParsedResponse(server.exchange("GET /health HTTP/1.1\r\nHost: t\r\n\r\n") ?? [])?.status == 200)
        #expect(daemon.stop() == 0)
        let start = Date()
        let response = ParsedResponse(server.exchange(Self.deposit("1001", "1.00")) ?? [])
        #expect(response?.status == 503)
        #expect(response?.header("Retry-After") == "1")
        // A refused connect is answered at once, not at the state deadline.
        #expect(Date().timeIntervalSince(start) < Bounds.latest() && Bounds.latest() < Bounds.seconds(stateTimeout))
    }

    @Test func anEarlyErrorReachesTheClientInsteadOfAReset() throws {
        let daemon = try StateDaemon()
        let server = try SuperServer.systemdSocketActivate(stateSocket: daemon.socketPath)
        let client = try #require(TestSocket.tcp(port: server.port))
        let head = "POST /accounts/1001/deposit HTTP/1.1\r\nHost: t\r\nContent-Length: 100000\r\n\r\n"
        client.send(head + String(repeating: "x", count: 60_000))
        let response = ParsedResponse(client.readToEnd())
        #expect(response?.status == 413)
    }

    @Test func expectContinueGetsAnInterimResponseBeforeTheBodyIsSent() throws {
        let daemon = try StateDaemon()
        let server = try SuperServer.systemdSocketActivate(stateSocket: daemon.socketPath)
        let client = try #require(TestSocket.tcp(port: server.port))
        let body = #"{"amount":"1.00"}"#
        client.send(
            "POST /accounts/1001/deposit HTTP/1.1\r\nHost: t\r\nExpect: 100-continue\r\nContent-Length: \(body.utf8.count)\r\n\r\n"
        )
        #expect(client.readLine() == "HTTP/1.1 100 Continue\r")
        #expect(client.readLine() == "\r")
        client.send(body)
        let rest = client.readToEnd()
        #expect(ParsedResponse(rest)?.bodyText == #"{"account_number":"1001","balance":"1001.00"}"#)
    }
}
