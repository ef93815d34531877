import ATMHandler
import Foundation
import Testing

/// `ConnectionHandler` over a socketpair, with a fake daemon answering canned protocol lines: which
/// status each way the daemon can fail becomes, and what the access log says about it.
@Suite struct ConnectionHandlerTests {
    private static let balance = "GET /accounts/1001/balance HTTP/1.1\r\nHost: t\r\n\r\n"
    private static let deposit = {
        let body = #"{"amount":"1.00"}"#
        return "POST /accounts/1001/deposit HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\n"
            + "Content-Length: \(body.utf8.count)\r\n\r\n\(body)"
    }()

    private func configuration(socket: String, stateTimeout: Int = 200) -> HandlerConfiguration {
        var configuration = HandlerConfiguration()
        configuration.stateSocketPath = socket
        configuration.stateTimeoutMilliseconds = stateTimeout
        return configuration
    }

    /// Two balance requests on one kept-alive connection (up to 5 allowed), the client closing after them.
    private func twoKeptAliveBalances() throws -> (daemon: FakeDaemon, exchange: HandlerExchange) {
        let daemon = try FakeDaemon(answer: VersionSkewTests.budgetDaemon)
        var kept = configuration(socket: daemon.path)
        kept.keepAliveRequests = 5
        let exchange = try HandlerExchange.run(Self.balance + Self.balance, configuration: kept)
        #expect(exchange.text.components(separatedBy: "HTTP/1.1 200 OK").count == 3, "\(exchange.text)")
        return (daemon, exchange)
    }

    @Test func aClientThatClosesAKeptAliveConnectionBetweenRequestsGetsNo400AndNoLine() throws {
        let (_, exchange) = try twoKeptAliveBalances()
        #expect(!exchange.text.contains("400"), "\(exchange.text)")
        let lines = exchange.log.split(separator: "\n")
        #expect(lines.count == 2 && lines.allSatisfy { $0.contains(" 200 ") }, "\(exchange.log)")
    }

    @Test func aKeptAliveConnectionsReportGoesInTheSameWriteAsTheNextCommand() throws {
        let (daemon, _) = try twoKeptAliveBalances()
        // The first answer's REPORT waits for the second request's command and goes with it: the daemon
        // reads the two lines at once. The second one's goes alone when the connection ends.
        let together = daemon.reads.all.filter { $0.hasPrefix("REPORT balance 200\nBALANCE 1001 ") }
        #expect(together.count == 1, "\(daemon.reads.all)")
        #expect(daemon.received.all.filter { $0.hasPrefix("REPORT ") }.count == 2, "\(daemon.received.all)")
    }

    @Test func aBalanceTheDaemonAnswersIs200WithTheAmountInDecimal() throws {
        let daemon = try FakeDaemon { words($0).first == "BALANCE" ? "OK 1001 12345" : nil }
        let exchange = try HandlerExchange.run(Self.balance, configuration: configuration(socket: daemon.path))
        #expect(exchange.status == 200)
        #expect(exchange.body == #"{"account_number":"1001","balance":"123.45"}"#)
        #expect(daemon.received.all.first?.hasPrefix("BALANCE 1001 ") == true)
        #expect(exchange.log.hasPrefix("atm-handler: GET /accounts/1001/balance 200 "))
    }

    @Test(arguments: [balance, deposit])
    func anUnreachableDaemonIs503WithRetryAfterForAnyRequest(request: String) throws {
        let exchange = try HandlerExchange.run(
            request, configuration: configuration(socket: "/tmp/atm-unit-no-such-daemon.sock"))
        #expect(exchange.status == 503)
        #expect(exchange.header("Retry-After") == "1")
        #expect(exchange.log.contains("state=state-unreachable("))
    }

    @Test func aChangeTheDaemonAcceptedAndNeverAnsweredIs504() throws {
        let daemon = try FakeDaemon { _ in nil }
        let exchange = try HandlerExchange.run(Self.deposit, configuration: configuration(socket: daemon.path))
        #expect(exchange.status == 504, "it may have been applied: not a 503 that promises it was not")
        #expect(exchange.header("Retry-After") == nil)
        #expect(daemon.received.all.first?.hasPrefix("DEPOSIT 1001 100 ") == true)
        #expect(exchange.log.contains("state=state-no-answer"))
    }

    @Test func aReadTheDaemonAcceptedAndNeverAnsweredIs503() throws {
        let daemon = try FakeDaemon { _ in nil }
        let exchange = try HandlerExchange.run(Self.balance, configuration: configuration(socket: daemon.path))
        #expect(exchange.status == 503, "a read changes nothing, so retrying it is safe")
        #expect(exchange.header("Retry-After") == "1")
        #expect(exchange.log.contains("state=state-no-answer"))
    }

    @Test(arguments: ["ERR bad-argument the amount is not cents", "ERR bad-command unknown command", "ERR exists x"])
    func anErrorTheHandlerDoesNotExpectIs500AndTheLogNamesIt(reply: String) throws {
        let daemon = try FakeDaemon { _ in reply }
        let exchange = try HandlerExchange.run(Self.deposit, configuration: configuration(socket: daemon.path))
        #expect(exchange.status == 500)
        #expect(exchange.header("Retry-After") == nil, "a bug on our side: retrying will not help")
        #expect(exchange.log.contains("state=state-unexpected-reply(\(reply))"), "\(exchange.log)")
        #expect(!exchange.body.contains(reply), "the daemon's words stay in the log")
    }

    @Test(arguments: ["OK 1002 500", "garbage", "OK 1001", "OK 1001 -5", "OK PONG", ""])
    func aMalformedOrMismatchedReplyIs500(reply: String) throws {
        let daemon = try FakeDaemon { _ in reply }
        let exchange = try HandlerExchange.run(Self.balance, configuration: configuration(socket: daemon.path))
        #expect(exchange.status == 500, "reply \(reply.debugDescription)")
        #expect(
            exchange.log.contains("state=state-malformed-reply(")
                || exchange.log.contains("state=state-unexpected-reply("),
            "\(exchange.log)")
    }

    @Test func theCommandCarriesTheRequestIDAndADeadline() throws {
        let daemon = try FakeDaemon { _ in "OK 1001 1" }
        let request = "GET /accounts/1001/balance HTTP/1.1\r\nHost: t\r\nX-Request-ID: abc-123\r\n\r\n"
        let exchange = try HandlerExchange.run(request, configuration: configuration(socket: daemon.path))
        #expect(exchange.header("X-Request-ID") == "abc-123")
        let line = try #require(daemon.received.all.first)
        #expect(line.contains(" request=abc-123"))
        #expect(line.contains(" deadline="))
    }

    @Test func aRequestTheReaderRefusesNeverReachesTheDaemon() throws {
        let daemon = try FakeDaemon { _ in "OK 1001 1" }
        let exchange = try HandlerExchange.run(
            "GET /accounts/1001/balance HTTP/1.1\r\n\r\n", configuration: configuration(socket: daemon.path))
        #expect(exchange.status == 400)
        // Only the response's count (REPORT, never answered, moving nothing) may reach the daemon: no command.
        #expect(daemon.received.all.filter { !$0.hasPrefix("REPORT ") }.isEmpty, "\(daemon.received.all)")
    }
}
