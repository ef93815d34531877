import ATMCore
import ATMProtocol
import Foundation
import Testing

@testable import ATMHandler

/// A new handler beside daemons of other versions: the daemon of commit 22bd11c (which refuses every
/// attribute it does not know and answers HELLO as an unknown command), one from before the client
/// attributes, one of version 2, and one that answers HELLO in no known form.
@Suite struct VersionSkewTests {
    private static let balance = "GET /accounts/1001/balance HTTP/1.1\r\nHost: t\r\n\r\n"
    private static let deposit = {
        let body = #"{"amount":"1.00"}"#
        return "POST /accounts/1001/deposit HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\n"
            + "Content-Length: \(body.utf8.count)\r\n\r\n\(body)"
    }()

    /// The attributes the daemon of 22bd11c knows; it refuses any other with exactly these words.
    private static let originalAttributes: Set<Substring> = ["deadline", "key", "request", "identity", "address"]

    /// Answers as the daemon of 22bd11c does (StateRequest's decoding there): HELLO is an unknown
    /// command, an unknown attribute refuses the line.
    static func originalDaemon(_ line: String) -> String? {
        let fields = words(line)
        guard let verb = fields.first, verb != "REPORT" else { return nil }
        guard verb != "HELLO" else { return "ERR bad-command unknown command; try HELP" }
        for field in fields.dropFirst() where field.contains("=") {
            guard originalAttributes.contains(field.prefix(while: { $0 != "=" })) else {
                return "ERR bad-argument unknown attribute; see HELP"
            }
        }
        return verb == "BALANCE" ? "OK 1001 12345" : verb == "DEPOSIT" ? "OK 1001 100" : "ERR bad-command x"
    }

    /// Answers as a daemon of version 2 does, adding an attribute of a later version to its OK replies.
    static func budgetDaemon(_ line: String) -> String? {
        let fields = words(line)
        switch fields.first {
        case "HELLO": return "OK HELLO 2"
        case "BALANCE": return "OK 1001 12345" + (line.contains("budget=") ? " served-by=b" : "")
        case "DEPOSIT": return "OK 1001 100"
        default: return nil
        }
    }

    private func configuration(socket: String, requests: Int = 2) -> HandlerConfiguration {
        var configuration = HandlerConfiguration()
        configuration.stateSocketPath = socket
        configuration.stateTimeoutMilliseconds = 500
        configuration.keepAliveRequests = requests
        return configuration
    }

    /// The status of each response, in order.
    private func statuses(_ exchange: HandlerExchange) -> [Int] {
        exchange.text.components(separatedBy: "HTTP/1.1 ").dropFirst().compactMap { Int($0.prefix(3)) }
    }

    /// The command lines the daemon got, REPORT aside.
    private func commands(_ daemon: FakeDaemon) -> [String] {
        daemon.received.all.filter { !$0.hasPrefix("REPORT ") }
    }

    @Test func aNewHandlerKeepsTheOriginalFormWithADaemonThatDoesNotSpeakHello() throws {
        let daemon = try FakeDaemon(answer: Self.originalDaemon)
        let exchange = try HandlerExchange.run(
            Self.balance + Self.balance, configuration: configuration(socket: daemon.path))
        #expect(exchange.text.components(separatedBy: "HTTP/1.1 200 OK").count == 3, "\(exchange.text)")
        let lines = commands(daemon)
        #expect(lines.count == 4, "\(lines)")
        #expect(lines.first?.hasPrefix("BALANCE 1001 deadline=") == true)
        #expect(lines.first?.contains(" trace=") == true, "refused: version 1 knows no trace=")
        #expect(lines.dropFirst().first == "HELLO 2")
        for line in lines.dropFirst(2) {
            #expect(line.hasPrefix("BALANCE 1001 deadline=") && !line.contains("trace="), "\(line)")
        }
        #expect(!exchange.log.contains("state="), "\(exchange.log)")
    }

    @Test func aNewHandlerSendsABudgetOnceTheDaemonAgreedVersion2() throws {
        let daemon = try FakeDaemon(answer: Self.budgetDaemon)
        let exchange = try HandlerExchange.run(
            Self.balance + Self.balance, configuration: configuration(socket: daemon.path))
        #expect(exchange.text.components(separatedBy: "HTTP/1.1 200 OK").count == 3, "\(exchange.text)")
        #expect(
            exchange.body.hasSuffix(#"{"account_number":"1001","balance":"123.45"}"#),
            "the reply's attribute is ignored")
        let lines = commands(daemon)
        #expect(lines.count == 3, "\(lines)")
        #expect(lines.first?.hasPrefix("BALANCE 1001 deadline=") == true, "the first goes before the answer to HELLO")
        #expect(lines.last?.hasPrefix("BALANCE 1001 budget=500 ") == true, "\(lines)")
        #expect(lines.last?.contains("deadline=") == false)
    }

    @Test func aConnectionThatServesOneRequestNeverWaitsForTheAnswerToHello() throws {
        // This daemon never answers HELLO; one request must not notice.
        let daemon = try FakeDaemon { words($0).first == "BALANCE" ? "OK 1001 12345" : nil }
        let exchange = try HandlerExchange.run(
            Self.balance, configuration: configuration(socket: daemon.path, requests: 1))
        #expect(exchange.status == 200)
        // The fake records HELLO just after answering the command before it, which the handler may beat.
        for _ in 0..<200 where commands(daemon).last != "HELLO 2" { usleep(10_000) }
        #expect(commands(daemon).last == "HELLO 2")
    }

    @Test(arguments: ["OK HELLO 9", "OK HELLO 1", "ERR forbidden no", "garbage"])
    func aHelloAnsweredInNoKnownFormIs503WithRetryAfterAndTheLogNamesTheSkew(answer: String) throws {
        let daemon = try FakeDaemon { line in
            switch words(line).first {
            case "HELLO": return answer
            case "BALANCE": return "OK 1001 12345"
            case "DEPOSIT": return "OK 1001 100"
            default: return nil
            }
        }
        let exchange = try HandlerExchange.run(
            Self.balance + Self.deposit, configuration: configuration(socket: daemon.path))
        #expect(
            statuses(exchange) == [200, 503], "the deposit was never sent: certainly not applied, never a 500 or 504")
        #expect(exchange.header("Retry-After") == "1")
        #expect(exchange.log.contains("state=state-version-skew(HELLO answered \(answer))"), "\(exchange.log)")
        #expect(!commands(daemon).contains { $0.hasPrefix("DEPOSIT") }, "\(commands(daemon))")
    }

    @Test func aHelloNeverAnsweredIs503ForTheNextChangeNot504() throws {
        let daemon = try FakeDaemon { words($0).first == "BALANCE" ? "OK 1001 12345" : nil }
        let exchange = try HandlerExchange.run(
            Self.balance + Self.deposit, configuration: configuration(socket: daemon.path))
        #expect(statuses(exchange) == [200, 503])
        #expect(exchange.header("Retry-After") == "1")
        #expect(exchange.log.contains("state=state-version-skew(HELLO unanswered)"), "\(exchange.log)")
    }

    /// Answers METRICS as a daemon from before identity= and address= did: bare only.
    static func preClientAttributesDaemon(_ line: String) -> String? {
        let fields = words(line)
        switch fields.first {
        case "HELLO": return "ERR bad-command unknown command; try HELP"
        case "METRICS": return fields.count == 1 ? "OK 7\nmetric" : "ERR bad-argument too many arguments"
        default: return nil
        }
    }

    @Test func aScrapeOfADaemonFromBeforeTheClientAttributesIsAskedAgainBare() throws {
        let daemon = try FakeDaemon(answer: Self.preClientAttributesDaemon)
        var client = StateClient(socketPath: daemon.path, timeoutMilliseconds: 500)
        let reply = try client.metrics(
            identity: ClientSubject("CN=prometheus"), address: ClientAddress(Array("192.0.2.9".utf8)[...]))
        guard case .text(let text) = reply else {
            Issue.record("refused: \(reply)")
            return
        }
        #expect(text == Array("metric\n".utf8))
        #expect(daemon.received.all == ["METRICS identity=CN=prometheus address=192.0.2.9", "HELLO 2", "METRICS"])
    }

    @Test func aRefusalFromADaemonThatSpeaksVersion2IsNotRetriedBare() throws {
        let daemon = try FakeDaemon { line in
            words(line).first == "HELLO" ? "OK HELLO 2" : "ERR bad-argument identity= takes one subject"
        }
        var client = StateClient(socketPath: daemon.path, timeoutMilliseconds: 500)
        let reply = try client.metrics(identity: ClientSubject("CN=prometheus"), address: nil)
        guard case .refused(let error) = reply else {
            Issue.record("answered: \(reply)")
            return
        }
        #expect(error.code == .badArgument)
        #expect(daemon.received.all == ["METRICS identity=CN=prometheus", "HELLO 2"])
    }
}
