import Foundation
import Testing

/// W3C Trace Context end to end: the caller's trace id in the response, the access line and the
/// daemon's audit line, with the handler's own span id in all three.
@Suite struct TraceContextTests {
    private static let traceID = "4bf92f3577b34da6a3ce929d0e0e4736"
    private static let callerSpan = "00f067aa0ba902b7"

    /// Waits up to 5 s for `text` in the daemon's log (stderr is read by another thread).
    private func daemonLog(_ daemon: StateDaemon, contains text: String) -> Bool {
        let deadline = Date().addingTimeInterval(5)
        while Date() < deadline {
            if daemon.child.standardError.contains(text) { return true }
            usleep(10_000)
        }
        return false
    }

    /// The span id of a `traceparent` of the trace `traceID`, version 00; `nil` for any other value.
    private func spanID(of traceparent: String?, in traceID: String = traceID) -> String? {
        guard let fields = traceparent?.split(separator: "-").map(String.init), fields.count == 4,
            fields[0] == "00", fields[1] == traceID, fields[2].count == 16
        else { return nil }
        return fields[2]
    }

    @Test func theCallersTraceIDReachesTheAuditLineWithTheHandlersSpan() throws {
        let daemon = try StateDaemon(environment: ["PRELOAD_ACCOUNTS": #"{"1002":"250.50"}"#])
        let request = moneyRequest("deposit", account: "1002", amount: "10.50").replacingOccurrences(
            of: "Host: t\r\n",
            with: "Host: t\r\nX-Request-ID: traced-1\r\ntraceparent: 00-\(Self.traceID)-\(Self.callerSpan)-01\r\n")
        let (response, run) = try ask(daemon, request)
        #expect(response.status == 200)
        let span = try #require(spanID(of: response.header("traceparent")), "\(response.headers)")
        #expect(span != Self.callerSpan, "a new span, not the caller's")
        #expect(
            run.errors.contains("request_id=traced-1 identity=- trace_id=\(Self.traceID) span_id=\(span)\n"),
            "\(run.errors)")
        #expect(
            daemonLog(
                daemon,
                contains: "request_id=traced-1 identity=- op=deposit account=1002 amount=10.50 balance=261.00 "
                    + "trace_id=\(Self.traceID) span_id=\(span)\n"),
            "audit line: \(daemon.child.standardError)")
    }

    @Test func aRequestWithoutATraceHasItsNewTraceInTheAuditLine() throws {
        let daemon = try StateDaemon()
        let (response, run) = try ask(daemon, moneyRequest("withdraw", account: "1001", amount: "1.00"))
        #expect(response.status == 200)
        let fields = try #require(response.header("traceparent")?.split(separator: "-").map(String.init))
        #expect(fields.count == 4 && fields[1].count == 32 && fields[2].count == 16, "\(fields)")
        #expect(run.errors.contains(" trace_id=\(fields[1]) span_id=\(fields[2])"), "\(run.errors)")
        #expect(
            daemonLog(
                daemon,
                contains:
                    "op=withdrawal account=1001 amount=1.00 balance=999.00 trace_id=\(fields[1]) span_id=\(fields[2])"),
            "audit line: \(daemon.child.standardError)")
    }

    @Test func aLineWithoutATraceGivesTheAuditLineAsBefore() throws {
        let daemon = try StateDaemon()
        #expect(daemon.ask("DEPOSIT 1001 100 request=by-hand") == "OK 1001 100100")
        #expect(
            daemonLog(
                daemon, contains: "request_id=by-hand identity=- op=deposit account=1001 amount=1.00 balance=1001.00\n"),
            "\(daemon.child.standardError)")
    }

    @Test func everyResponseCarriesATraceparentEvenWithoutAHead() throws {
        let daemon = try StateDaemon()
        for request in ["BREW / HTTP/1.1\r\nHost: t\r\n\r\n", "garbage\r\n\r\n", getRequest("/nowhere")] {
            let (response, _) = try ask(daemon, request)
            let value = try #require(response.header("traceparent"), "\(request)")
            #expect(value.range(of: "^00-[0-9a-f]{32}-[0-9a-f]{16}-01$", options: .regularExpression) != nil)
        }
    }
}
