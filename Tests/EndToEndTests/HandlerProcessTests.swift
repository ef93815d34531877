import Foundation
import Glibc
import Testing

/// The handler as a process: deadlines, the daemon going away, configuration, logging.
@Suite(.serialized) struct HandlerProcessTests {
    @Test func withNoDaemonTheAnswerIs503WithRetryAfterQuickly() throws {
        let stateTimeout = 5_000
        let run = try runHandler(
            Array("GET /accounts/1001/balance HTTP/1.1\r\nHost: a\r\n\r\n".utf8),
            environment: [
                "ATM_STATED_SOCKET": "/tmp/atm-no-such-daemon.sock", "ATM_STATED_TIMEOUT_MS": "\(stateTimeout)",
            ])
        let response = try #require(ParsedResponse(run.output))
        #expect(response.status == 503)
        #expect(response.header("Retry-After") == "1")
        #expect(response.bodyText == #"{"detail":"state service unavailable"}"#)
        #expect(run.seconds < Bounds.latest(), "a refused connect is answered at once, not at the state deadline")
        #expect(Bounds.latest() < Bounds.seconds(stateTimeout))
        #expect(run.status == 0)
    }

    @Test func aDaemonThatNeverAnswersAGetIs503WithinItsDeadline() throws {
        let directory = Binaries.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("mute.sock").path
        let fd = bindUnixSocket(path, type: SOCK_STREAM)
        defer { close(fd) }
        listen(fd, 16)
        let run = try runHandler(
            Array("GET /health HTTP/1.1\r\nHost: a\r\n\r\n".utf8),
            environment: ["ATM_STATED_SOCKET": path, "ATM_STATED_TIMEOUT_MS": "300"])
        #expect(ParsedResponse(run.output)?.status == 503)
        #expect(run.seconds >= Bounds.seconds(300) && run.seconds < Bounds.latest(300, Bounds.stateGraceMilliseconds))
    }

    @Test func aRequestThatNeverCompletesIs408AtTheDeadline() throws {
        let daemon = try StateDaemon()
        let input = try makePipe()
        defer { close(input[1]) }
        let start = Date()
        let child = try Spawned(
            Binaries.handler, [],
            environment: [
                "ATM_STATED_SOCKET": daemon.socketPath, "ATM_REQUEST_TIMEOUT_MS": "500",
                "ATM_HEADER_TIMEOUT_MS": "5000",
            ],
            stdinDescriptor: input[0])
        close(input[0])
        let partial = Array("GET /health HTTP/1.1\r\nHost: a\r\n".utf8)
        #expect(writeAll(input[1], partial))
        while child.standardOutput.isEmpty && Date().timeIntervalSince(start) < Bounds.seconds(5_000) { usleep(1_000) }
        let elapsed = Date().timeIntervalSince(start)
        #expect(child.wait(timeout: 5) == 0)
        #expect(ParsedResponse(child.standardOutput)?.status == 408)
        #expect(elapsed >= Bounds.seconds(500) && elapsed < Bounds.latest(500), "answered after \(elapsed) s")
    }

    @Test func anInvalidSettingIsA500AndALogLineNamingIt() throws {
        let run = try runHandler(
            Array("GET /health HTTP/1.1\r\nHost: a\r\n\r\n".utf8), environment: ["ATM_MAX_BODY_BYTES": "lots"])
        #expect(ParsedResponse(run.output)?.status == 500)
        #expect(run.errors.contains("ATM_MAX_BODY_BYTES"))
        #expect(!run.text.contains("ATM_MAX_BODY_BYTES"))
    }

    @Test func limitsFollowTheirEnvironmentVariables() throws {
        let daemon = try StateDaemon()
        let body = #"{"amount":"10.00","pad":"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"}"#
        let request =
            "POST /accounts/1001/deposit HTTP/1.1\r\nHost: a\r\nContent-Length: \(body.utf8.count)\r\n\r\n\(body)"
        let environment = ["ATM_STATED_SOCKET": daemon.socketPath]
        #expect(ParsedResponse(try runHandler(Array(request.utf8), environment: environment).output)?.status == 200)
        let small = environment.merging(["ATM_MAX_BODY_BYTES": "32"]) { $1 }
        #expect(ParsedResponse(try runHandler(Array(request.utf8), environment: small).output)?.status == 413)
        let shortLine = environment.merging(["ATM_MAX_REQUEST_LINE_BYTES": "64"]) { $1 }
        let longTarget = "GET /accounts/1001/balance?\(String(repeating: "q", count: 64)) HTTP/1.1\r\nHost: a\r\n\r\n"
        #expect(ParsedResponse(try runHandler(Array(longTarget.utf8), environment: shortLine).output)?.status == 414)
    }

    @Test func theLogLineNamesMethodPathStatusTimeAndPeer() throws {
        let daemon = try StateDaemon()
        let run = try runHandler(
            Array("GET /accounts/1001/balance HTTP/1.1\r\nHost: a\r\n\r\n".utf8),
            environment: ["ATM_STATED_SOCKET": daemon.socketPath, "REMOTE_ADDR": "192.0.2.7", "REMOTE_PORT": "5555"])
        let line = run.errors.trimmingCharacters(in: .newlines)
        #expect(line.hasPrefix("atm-handler: GET /accounts/1001/balance 200 "))
        #expect(line.contains(" 192.0.2.7:5555 request_id="))
        #expect(
            line.range(
                of: #"request_id=[0-9a-f]{32} identity=- trace_id=[0-9a-f]{32} span_id=[0-9a-f]{16}$"#,
                options: .regularExpression) != nil, "the trace's fields come last")
        #expect(!run.text.contains("atm-handler"))
    }

    @Test func theLogLineAndTheAuditLineNameTheCertificateSubject() throws {
        let daemon = try StateDaemon()
        let subject = "O=ATM network, CN=terminal-0042"
        let run = try runHandler(
            Array(moneyRequest("deposit", account: "1001", amount: "1.00").utf8),
            environment: ["ATM_STATED_SOCKET": daemon.socketPath, "SSL_CLIENT_DN": subject])
        #expect(ParsedResponse(run.output)?.status == 200)
        #expect(run.errors.contains(#" identity="\#(subject)""#))
        #expect(daemon.stop() == 0)
        #expect(daemon.child.standardError.contains(#"identity="\#(subject)" op=deposit account=1001"#))
    }

    @Test func nothingIsLoggedWhenStderrIsTheClientSocket() throws {
        let daemon = try StateDaemon()
        let (child, client) = try spawnHandlerInetdStyle(stateSocket: daemon.socketPath)
        let request = Array("GET /health HTTP/1.1\r\nHost: a\r\n\r\n".utf8)
        #expect(writeAll(client, request))
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let got = read(client, &buffer, buffer.count)
            if got <= 0 { break }
            received += buffer[..<got]
        }
        close(client)
        #expect(child.wait() == 0)
        let response = try #require(ParsedResponse(received), "\(String(decoding: received, as: UTF8.self))")
        #expect(response.status == 200)
        #expect(!String(decoding: received, as: UTF8.self).contains("atm-handler:"))
    }
}
