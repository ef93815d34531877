import ATMHandler
import Foundation
import Testing

/// `/health` pages and the probes through a whole `ConnectionHandler`, against a fake daemon: what goes on
/// the wire, and what comes back for each way the daemon answers (or does not).
@Suite struct HealthHandlerTests {
    private static func get(_ target: String, method: String = "GET") -> String {
        "\(method) \(target) HTTP/1.1\r\nHost: t\r\n\r\n"
    }

    private func configuration(socket: String, healthLimit: Int? = nil) -> HandlerConfiguration {
        var configuration = HandlerConfiguration()
        configuration.stateSocketPath = socket
        configuration.stateTimeoutMilliseconds = 200
        if let healthLimit { configuration.healthAccountsLimit = healthLimit }
        return configuration
    }

    /// A daemon of today's LIST: it pages as asked.
    private static func pagingDaemon(_ accounts: [String]) throws -> FakeDaemon {
        try FakeDaemon { line in
            let fields = words(line)
            guard fields.first == "LIST" else { return nil }
            var page = accounts.sorted()
            if let after = fields.first(where: { $0.hasPrefix("after=") })?.dropFirst(6) {
                page = page.filter { String(after).utf8.lexicographicallyPrecedes($0.utf8) }
            }
            if let limit = fields.first(where: { $0.hasPrefix("limit=") }).flatMap({ Int($0.dropFirst(6)) }) {
                page = Array(page.prefix(limit))
            }
            return (["OK", String(page.count)] + page).joined(separator: " ")
        }
    }

    @Test func healthAsksOnePastTheSettingAndAnswersTheOriginalWithinIt() throws {
        let daemon = try Self.pagingDaemon(["1001", "1002", "1003"])
        let exchange = try HandlerExchange.run(
            Self.get("/health"), configuration: configuration(socket: daemon.path, healthLimit: 3))
        #expect(exchange.status == 200)
        #expect(exchange.body == #"{"status":"ok","accounts":["1001","1002","1003"]}"#)
        #expect(daemon.received.all.first?.hasPrefix("LIST limit=4 ") == true, "\(daemon.received.all)")
    }

    @Test func pastTheSettingTheAnswerIsAPageWithNextAndAfterPagesOn() throws {
        let daemon = try Self.pagingDaemon(["1001", "1002", "1003", "1004"])
        let first = try HandlerExchange.run(
            Self.get("/health"), configuration: configuration(socket: daemon.path, healthLimit: 3))
        #expect(first.body == #"{"status":"ok","accounts":["1001","1002","1003"],"next":"1003"}"#)
        let second = try HandlerExchange.run(
            Self.get("/health?after=1003"), configuration: configuration(socket: daemon.path, healthLimit: 3))
        #expect(second.body == #"{"status":"ok","accounts":["1004"]}"#)
        #expect(daemon.received.all.contains { $0.hasPrefix("LIST after=1003 limit=4 ") })
    }

    @Test func aBadQueryIs400AndNeverReachesTheDaemon() throws {
        let daemon = try Self.pagingDaemon(["1001"])
        let exchange = try HandlerExchange.run(
            Self.get("/health?limit=4"), configuration: configuration(socket: daemon.path, healthLimit: 3))
        #expect(exchange.status == 400)
        #expect(exchange.body == #"{"detail":"limit must be a whole number from 1 to 3"}"#)
        #expect(!daemon.received.all.contains { $0.hasPrefix("LIST") })
    }

    @Test func aDaemonOfVersion1IsAskedAgainBareAndPagedHere() throws {
        // Version 1 refused every attribute it did not know.
        let daemon = try FakeDaemon { line in
            let fields = words(line)
            guard fields.first == "LIST" else { return fields.first == "HELLO" ? "ERR bad-command unknown" : nil }
            if fields.contains(where: { $0.hasPrefix("limit=") || $0.hasPrefix("after=") }) {
                return "ERR bad-argument unknown attribute; see HELP"
            }
            return "OK 4 1001 1002 1003 1004"
        }
        let exchange = try HandlerExchange.run(
            Self.get("/health?after=1001&limit=2"), configuration: configuration(socket: daemon.path))
        #expect(exchange.status == 200)
        #expect(exchange.body == #"{"status":"ok","accounts":["1002","1003"],"next":"1003"}"#)
        #expect(daemon.received.all.filter { $0.hasPrefix("LIST") }.count == 2)
    }

    @Test func readyIs200WhenTheDaemonIsReadyOrPredatesReady() throws {
        for answer in ["OK READY", "ERR bad-command unknown command; try HELP"] {
            let daemon = try FakeDaemon { words($0).first == "READY" ? answer : nil }
            let exchange = try HandlerExchange.run(
                Self.get("/health/ready"), configuration: configuration(socket: daemon.path))
            #expect(exchange.status == 200, "\(answer)")
            #expect(exchange.body == #"{"status":"ready"}"#)
            #expect(daemon.received.all.first?.hasPrefix("READY") == true)
            #expect(!exchange.log.contains("state="), "nothing unexpected: \(exchange.log)")
        }
    }

    @Test func readyIs503WithRetryAfterWhenTheDaemonCannotServe() throws {
        let daemon = try FakeDaemon {
            words($0).first == "READY"
                ? "ERR unavailable not ready: the journal refuses changes (a write or sync failed); restart atm-stated"
                : nil
        }
        let exchange = try HandlerExchange.run(
            Self.get("/health/ready"), configuration: configuration(socket: daemon.path))
        #expect(exchange.status == 503)
        #expect(exchange.header("Retry-After") == "1")
        #expect(exchange.body.contains("not ready: the journal refuses changes"))
    }

    @Test(arguments: ["GET", "HEAD"])
    func readyIs503AndLiveIs200WithoutADaemon(method: String) throws {
        let socket = "/tmp/atm-unit-no-such-daemon.sock"
        let ready = try HandlerExchange.run(
            Self.get("/health/ready", method: method), configuration: configuration(socket: socket))
        #expect(ready.status == 503)
        #expect(ready.header("Retry-After") == "1")
        #expect(ready.log.contains("state=state-unreachable("))
        let live = try HandlerExchange.run(
            Self.get("/health/live", method: method), configuration: configuration(socket: socket))
        #expect(live.status == 200)
        #expect(live.body == (method == "HEAD" ? "" : #"{"status":"live"}"#))
        #expect(live.header("Content-Length") == "17")
    }

    @Test func readyThatGetsNoAnswerIs503() throws {
        let daemon = try FakeDaemon { _ in nil }
        let exchange = try HandlerExchange.run(
            Self.get("/health/ready"), configuration: configuration(socket: daemon.path))
        #expect(exchange.status == 503)
        #expect(exchange.header("Retry-After") == "1")
    }
}
