import Foundation
import Testing

/// The released handler's bytes with and without `Accept-Language` (docs/http-api.md, Languages); the
/// single cases are fixtures (`Fixtures/language-*`).
@Suite struct LanguageTests {
    /// The response with its `Date`, `X-Request-ID` and `traceparent` values blanked: the only bytes that change
    /// per run.
    private func masked(_ output: [UInt8]) -> String {
        String(decoding: output, as: UTF8.self).split(separator: "\r\n", omittingEmptySubsequences: false).map {
            line in
            if line.hasPrefix("Date: ") { return "Date: -" }
            if line.hasPrefix("X-Request-ID: ") { return "X-Request-ID: -" }
            if line.hasPrefix("traceparent: ") { return "traceparent: -" }
            return String(line)
        }.joined(separator: "\r\n")
    }

    private func served(_ request: String, daemon: StateDaemon) throws -> String {
        let run = try runHandler(Array(request.utf8), environment: ["ATM_STATED_SOCKET": daemon.socketPath])
        #expect(run.status == 0)
        return masked(run.output)
    }

    @Test func aRequestWithoutAcceptLanguageIsAnsweredByteForByteAsBefore() throws {
        let daemon = try StateDaemon(environment: [:])
        let notFound = try served("GET /accounts/9999/balance HTTP/1.1\r\nHost: a\r\n\r\n", daemon: daemon)
        #expect(
            notFound
                == "HTTP/1.1 404 Not Found\r\nDate: -\r\nContent-Type: application/json\r\nContent-Length: 30\r\n"
                + "X-Request-ID: -\r\ntraceparent: -\r\nCache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\n"
                + "Connection: close\r\n\r\n{\"detail\":\"account not found\"}")
        let unavailable = try runHandler(
            Array("GET /accounts/1001/balance HTTP/1.1\r\nHost: a\r\n\r\n".utf8),
            environment: ["ATM_STATED_SOCKET": "/tmp/atm-e2e-no-daemon-i18n.sock"])
        #expect(
            masked(unavailable.output)
                == "HTTP/1.1 503 Service Unavailable\r\nDate: -\r\nContent-Type: application/json\r\n"
                + "Content-Length: 38\r\nRetry-After: 1\r\nX-Request-ID: -\r\ntraceparent: -\r\nCache-Control: no-store\r\n"
                + "X-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n{\"detail\":\"state service unavailable\"}"
        )
    }

    @Test func aGermanRequestDiffersOnlyInTheSentenceAndTheTwoFields() throws {
        let daemon = try StateDaemon(environment: [:])
        let request = "GET /accounts/9999/balance HTTP/1.1\r\nHost: a\r\n"
        let english = try served(request + "\r\n", daemon: daemon)
        let german = try served(request + "Accept-Language: de\r\n\r\n", daemon: daemon)
        let expected =
            english
            .replacingOccurrences(of: "Content-Length: 30", with: "Content-Length: 33")
            .replacingOccurrences(
                of: "X-Request-ID: -", with: "Content-Language: de\r\nVary: Accept-Language\r\nX-Request-ID: -"
            )
            .replacingOccurrences(of: "account not found", with: "Konto nicht gefunden")
        #expect(german == expected)
    }

    @Test func theDaemonOutOfReachIsSaidInGerman() throws {
        let run = try runHandler(
            Array(
                "POST /accounts/1001/deposit HTTP/1.1\r\nHost: a\r\nAccept-Language: de\r\nContent-Type: application/json\r\nContent-Length: 17\r\n\r\n{\"amount\":\"1.00\"}"
                    .utf8),
            environment: ["ATM_STATED_SOCKET": "/tmp/atm-e2e-no-daemon-i18n.sock"])
        #expect(run.text.hasPrefix("HTTP/1.1 503 "))
        #expect(run.text.contains("\r\nRetry-After: 1\r\nContent-Language: de\r\nVary: Accept-Language\r\n"))
        #expect(run.text.hasSuffix(#"{"detail":"Zustandsdienst nicht verfügbar"}"#))
    }
}
