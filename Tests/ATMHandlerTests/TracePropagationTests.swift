import ATMCore
import Foundation
import Testing

@testable import ATMHandler

/// The W3C trace through the handler: from `traceparent` to the protocol's `trace=`, the access line and
/// the response, and `trace=` beside daemons of each version.
@Suite struct TracePropagationTests {
    private static let traceID = "4bf92f3577b34da6a3ce929d0e0e4736"
    private static let traced =
        "GET /accounts/1001/balance HTTP/1.1\r\nHost: t\r\n"
        + "traceparent: 00-\(traceID)-00f067aa0ba902b7-01\r\ntracestate: congo=t61rcWkgMzE\r\n\r\n"
    private static let deposit = {
        let body = #"{"amount":"1.00"}"#
        return "POST /accounts/1001/deposit HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\n"
            + "traceparent: 00-\(traceID)-00f067aa0ba902b7-00\r\n"
            + "Content-Length: \(body.utf8.count)\r\n\r\n\(body)"
    }()

    private func configuration(socket: String, requests: Int = 1) -> HandlerConfiguration {
        var configuration = HandlerConfiguration()
        configuration.stateSocketPath = socket
        configuration.stateTimeoutMilliseconds = 500
        configuration.keepAliveRequests = requests
        return configuration
    }

    /// The command lines the daemon got, REPORT and HELLO aside.
    private func commands(_ daemon: FakeDaemon) -> [String] {
        daemon.received.all.filter { !$0.hasPrefix("REPORT ") && !$0.hasPrefix("HELLO ") }
    }

    /// The `trace=` value of a protocol line.
    private func trace(in line: String) -> String? {
        line.split(separator: " ").first { $0.hasPrefix("trace=") }.map { String($0.dropFirst("trace=".count)) }
    }

    @Test func theCallersTraceTravelsWithANewSpanToTheDaemonTheLogAndTheResponse() throws {
        let daemon = try FakeDaemon(answer: VersionSkewTests.budgetDaemon)
        let exchange = try HandlerExchange.run(Self.traced, configuration: configuration(socket: daemon.path))
        #expect(exchange.status == 200)
        let sent = try #require(commands(daemon).first.flatMap(trace(in:)), "\(daemon.received.all)")
        let parts = sent.split(separator: "-").map(String.init)
        #expect(parts.count == 2 && parts[0] == Self.traceID && parts[1].count == 16, "\(sent)")
        #expect(parts[1] != "00f067aa0ba902b7", "the handler's own span, not the caller's")
        #expect(exchange.header("traceparent") == "00-\(Self.traceID)-\(parts[1])-01")
        #expect(exchange.header("tracestate") == "congo=t61rcWkgMzE")
        #expect(exchange.log.hasSuffix(" trace_id=\(Self.traceID) span_id=\(parts[1])\n"), "\(exchange.log)")
    }

    @Test func aRequestWithoutATraceGetsANewOneEverywhere() throws {
        let daemon = try FakeDaemon(answer: VersionSkewTests.budgetDaemon)
        let exchange = try HandlerExchange.run(
            "GET /accounts/1001/balance HTTP/1.1\r\nHost: t\r\ntracestate: a=1\r\n\r\n",
            configuration: configuration(socket: daemon.path))
        let header = try #require(exchange.header("traceparent"))
        let fields = header.split(separator: "-").map(String.init)
        #expect(fields.count == 4 && fields[0] == "00" && fields[3] == "01", "\(header)")
        #expect(exchange.header("tracestate") == nil, "a new trace drops the caller's state")
        #expect(commands(daemon).first.flatMap(trace(in:)) == "\(fields[1])-\(fields[2])")
        #expect(exchange.log.hasSuffix(" trace_id=\(fields[1]) span_id=\(fields[2])\n"), "\(exchange.log)")
    }

    @Test func aDaemonOfVersion1GetsTheChangeAgainWithoutTheTraceAndAppliesItOnce() throws {
        let daemon = try FakeDaemon(answer: VersionSkewTests.originalDaemon)
        let exchange = try HandlerExchange.run(Self.deposit, configuration: configuration(socket: daemon.path))
        #expect(exchange.status == 200, "\(exchange.text)")
        #expect(exchange.body == #"{"account_number":"1001","balance":"1.00"}"#)
        let lines = commands(daemon)
        #expect(lines.count == 2, "\(lines)")
        #expect(lines.first.flatMap(trace(in:)) != nil)
        #expect(lines.last.map { $0.hasPrefix("DEPOSIT 1001 100 deadline=") && !$0.contains("trace=") } == true)
        #expect(exchange.header("traceparent")?.hasPrefix("00-\(Self.traceID)-") == true)
        #expect(!exchange.log.contains("state="), "\(exchange.log)")
    }

    @Test func aRefusalFromADaemonOfVersion2IsNotSentAgain() throws {
        let daemon = try FakeDaemon { line in
            words(line).first == "HELLO" ? "OK HELLO 2" : "ERR bad-argument something else"
        }
        let exchange = try HandlerExchange.run(Self.deposit, configuration: configuration(socket: daemon.path))
        #expect(exchange.status == 500, "a daemon refusing what the handler checked: \(exchange.text)")
        #expect(commands(daemon).count == 1, "\(daemon.received.all)")
    }

    @Test func aKeptConnectionCarriesTheTraceOnEveryCommandToADaemonOfVersion2() throws {
        let daemon = try FakeDaemon(answer: VersionSkewTests.budgetDaemon)
        let exchange = try HandlerExchange.run(
            Self.traced + Self.traced, configuration: configuration(socket: daemon.path, requests: 2))
        #expect(exchange.text.components(separatedBy: "HTTP/1.1 200 OK").count == 3, "\(exchange.text)")
        let traces = commands(daemon).compactMap(trace(in:))
        #expect(traces.count == 2 && traces.allSatisfy { $0.hasPrefix(Self.traceID + "-") }, "\(traces)")
        #expect(Set(traces).count == 2, "each request is its own span")
    }
}
