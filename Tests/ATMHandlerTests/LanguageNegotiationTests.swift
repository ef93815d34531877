import ATMHandler
import Foundation
import Testing

/// The handler renders every sentence in the language the request asks for, whoever decided the refusal
/// (the daemon's code, or the handler because the daemon could not be reached); the daemon never sees the
/// language.
@Suite struct LanguageNegotiationTests {
    private func request(_ path: String, _ fields: String = "Accept-Language: de\r\n") -> String {
        "GET \(path) HTTP/1.1\r\nHost: t\r\n\(fields)\r\n"
    }

    private func configuration(socket: String) -> HandlerConfiguration {
        var configuration = HandlerConfiguration()
        configuration.stateSocketPath = socket
        configuration.stateTimeoutMilliseconds = 200
        return configuration
    }

    @Test func theDaemonsCodeIsSaidInGermanAndTheDaemonSeesNoLanguage() throws {
        let daemon = try FakeDaemon { _ in "ERR not-found account not found" }
        let exchange = try HandlerExchange.run(
            request("/accounts/1001/balance"), configuration: configuration(socket: daemon.path))
        #expect(exchange.status == 404)
        #expect(exchange.body == #"{"detail":"Konto nicht gefunden"}"#)
        #expect(exchange.header("Content-Language") == "de")
        #expect(exchange.header("Vary") == "Accept-Language")
        let sent = daemon.received.all.joined(separator: "\n")
        #expect(sent.hasPrefix("BALANCE 1001 "))
        let tokens = sent.split { $0 == " " || $0 == "=" || $0 == "\n" }
        #expect(!tokens.contains("de") && !sent.lowercased().contains("lang"), "no language travels: \(sent)")
    }

    @Test func anUnreachableDaemonIsSaidInGerman() throws {
        let exchange = try HandlerExchange.run(
            request("/accounts/1001/balance"), configuration: configuration(socket: "/tmp/atm-unit-no-daemon-i18n.sock")
        )
        #expect(exchange.status == 503)
        #expect(exchange.header("Retry-After") == "1")
        #expect(exchange.body == #"{"detail":"Zustandsdienst nicht verfügbar"}"#)
        #expect(exchange.header("Content-Language") == "de")
    }

    @Test func aRateLimitFromTheDaemonKeepsItsSecondsInGerman() throws {
        let daemon = try FakeDaemon { _ in "ERR rate-limited 9 too many requests" }
        let exchange = try HandlerExchange.run(
            request("/accounts/1001/balance"), configuration: configuration(socket: daemon.path))
        #expect(exchange.status == 429)
        #expect(exchange.header("Retry-After") == "9")
        #expect(exchange.body == #"{"detail":"zu viele Anfragen"}"#)
    }

    @Test func aBalanceCarriesNeitherHeaderWhateverTheRequestAsks() throws {
        let daemon = try FakeDaemon { _ in "OK 1001 12345" }
        let exchange = try HandlerExchange.run(
            request("/accounts/1001/balance"), configuration: configuration(socket: daemon.path))
        #expect(exchange.status == 200)
        #expect(exchange.header("Content-Language") == nil && exchange.header("Vary") == nil)
    }

    @Test func withoutAcceptLanguageTheResponseIsAsBefore() throws {
        let daemon = try FakeDaemon { _ in "ERR not-found account not found" }
        let exchange = try HandlerExchange.run(
            request("/accounts/1001/balance", ""), configuration: configuration(socket: daemon.path))
        #expect(exchange.body == #"{"detail":"account not found"}"#)
        #expect(exchange.header("Content-Language") == nil && exchange.header("Vary") == nil)
    }

    @Test func aHEADGetsTheSameHeadersWithoutTheBody() throws {
        let exchange = try HandlerExchange.run(
            "HEAD /nowhere HTTP/1.1\r\nHost: t\r\nAccept-Language: de\r\n\r\n",
            configuration: configuration(socket: "/tmp/atm-unit-no-daemon-i18n.sock"))
        #expect(exchange.status == 404)
        #expect(exchange.header("Content-Language") == "de")
        #expect(exchange.header("Vary") == "Accept-Language")
        #expect(exchange.header("Content-Length") == "\(#"{"detail":"nicht gefunden"}"#.utf8.count)")
        #expect(exchange.body.isEmpty)
    }
}
