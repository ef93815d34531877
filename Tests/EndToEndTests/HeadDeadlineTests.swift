import Foundation
import Glibc
import Testing

/// `ATM_HEADER_TIMEOUT_MS`: the head (and so the first byte) must arrive sooner than the whole request,
/// so an idle or trickling connection gives its slot back early.
@Suite(.serialized) struct HeadDeadlineTests {
    /// Starts the handler on a pipe with `environment`, writes `first`, waits `pause` seconds, writes `then`;
    /// returns the handler, when its first byte of output came (or nil) and when it exited.
    private func exchange(
        environment: [String: String], first: String, pause: Double = 0, then: String = ""
    ) throws -> (child: Spawned, answeredAfter: Double?, exitedAfter: Double) {
        let daemon = try StateDaemon()
        let input = try makePipe()
        var inputOpen = true
        defer { if inputOpen { close(input[1]) } }
        let start = Date()
        let child = try Spawned(
            Binaries.handler, [], environment: environment.merging(["ATM_STATED_SOCKET": daemon.socketPath]) { $1 },
            stdinDescriptor: input[0])
        close(input[0])
        for (text, delay) in [(first, pause), (then, 0.0)] {
            // Unchecked: a handler that already answered (408) has closed its end, which is what some tests expect.
            writeAll(input[1], Array(text.utf8))
            if delay > 0 { usleep(UInt32(delay * 1_000_000)) }
        }
        var answeredAfter: Double?
        while child.isRunning && Date().timeIntervalSince(start) < 10 {
            if answeredAfter == nil && !child.standardOutput.isEmpty { answeredAfter = Date().timeIntervalSince(start) }
            usleep(1_000)
        }
        let exitedAfter = Date().timeIntervalSince(start)
        if answeredAfter == nil && !child.standardOutput.isEmpty { answeredAfter = exitedAfter }
        close(input[1])
        inputOpen = false
        child.wait(timeout: 5)
        return (child, answeredAfter, exitedAfter)
    }

    @Test func aHeadNotInByTheHeadDeadlineIs408ThenNotAtTheRequestDeadline() throws {
        let run = try exchange(
            environment: ["ATM_HEADER_TIMEOUT_MS": "400", "ATM_REQUEST_TIMEOUT_MS": "5000"],
            first: "GET /health HTTP/1.1\r\nHost: a\r\n")
        #expect(ParsedResponse(run.child.standardOutput)?.status == 408)
        let answered = try #require(run.answeredAfter)
        #expect(
            answered >= Bounds.seconds(400) && answered < Bounds.latest(400),
            "answered after \(answered) s for a 0.4 s head deadline")
    }

    @Test func aConnectionThatSendsNothingIsClosedQuietlyAtTheHeadDeadline() throws {
        let run = try exchange(environment: ["ATM_HEADER_TIMEOUT_MS": "300"], first: "")
        #expect(run.child.standardOutput.isEmpty, "an idle connection gets no response, not a 408")
        #expect(
            run.exitedAfter >= Bounds.seconds(300) && run.exitedAfter < Bounds.latest(300),
            "closed after \(run.exitedAfter) s, deadline 0.3 s")
        #expect(run.child.wait(timeout: 1) == 0)
    }

    @Test func theBodyMayArriveAfterTheHeadDeadlineWithinTheRequestDeadline() throws {
        let body = #"{"amount":"1.00"}"#
        let run = try exchange(
            environment: ["ATM_HEADER_TIMEOUT_MS": "300", "ATM_REQUEST_TIMEOUT_MS": "5000"],
            first: "POST /accounts/1001/deposit HTTP/1.1\r\nHost: a\r\nContent-Length: \(body.utf8.count)\r\n\r\n",
            pause: 0.8, then: body)
        let response = ParsedResponse(run.child.standardOutput)
        #expect(response?.status == 200)
        #expect(response?.bodyText == #"{"account_number":"1001","balance":"1001.00"}"#)
    }

    @Test func theRequestDeadlineStillCapsTheHeadWhenItIsShorter() throws {
        let run = try exchange(
            environment: ["ATM_HEADER_TIMEOUT_MS": "5000", "ATM_REQUEST_TIMEOUT_MS": "400"],
            first: "GET /health HTTP/1.1\r\n")
        #expect(ParsedResponse(run.child.standardOutput)?.status == 408)
        let answered = try #require(run.answeredAfter)
        #expect(
            answered >= Bounds.seconds(400) && answered < Bounds.latest(400),
            "answered after \(answered) s for a 0.4 s request deadline")
    }

    @Test(arguments: ["0", "soon", "3600001"])
    func anInvalidHeadDeadlineIsA500NamingIt(value: String) throws {
        let run = try runHandler(
            Array("GET /health HTTP/1.1\r\nHost: a\r\n\r\n".utf8), environment: ["ATM_HEADER_TIMEOUT_MS": value])
        #expect(ParsedResponse(run.output)?.status == 500)
        #expect(run.errors.contains("ATM_HEADER_TIMEOUT_MS"))
    }
}
