import ATMCore
import ATMMoney
import ATMProtocol
import Testing

/// `trace=<trace-id>-<span-id>`: how a request's W3C trace reaches the daemon's audit line.
@Suite struct TraceAttributeTests {
    private static let encoded = "4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7"
    private static let span = TraceSpan(
        traceHigh: 0x4bf9_2f35_77b3_4da6, traceLow: 0xa3ce_929d_0e0e_4736, spanID: 0xf0_67aa_0ba9_02b7)!

    private func decode(_ line: String) throws(ProtocolError) -> StateRequest {
        try StateRequest(decoding: Array(line.utf8))
    }

    @Test func theTraceIsWrittenLastAndReadBack() throws {
        let account = AccountNumber(Array("1001".utf8))!
        var request = StateRequest(.balance(account), requestID: RequestID(Array("r-1".utf8)[...]), trace: Self.span)
        request.address = ClientAddress(Array("127.0.0.1".utf8)[...])
        let line = String(decoding: request.encoded.dropLast(), as: UTF8.self)
        #expect(line == "BALANCE 1001 request=r-1 address=127.0.0.1 trace=\(Self.encoded)")
        #expect(try decode(line) == request)
        var budgeted: [UInt8] = []
        request.write(to: &budgeted, budgetMilliseconds: 500)
        #expect(String(decoding: budgeted, as: UTF8.self).hasSuffix(" trace=\(Self.encoded)\n"))
    }

    @Test func aLineWithoutATraceHasNone() throws {
        #expect(try decode("BALANCE 1001").trace == nil)
    }

    @Test(arguments: [
        "4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7",  // upper case
        "00000000000000000000000000000000-00f067aa0ba902b7",  // all-zero trace id
        "4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000",  // all-zero span id
        "4bf92f3577b34da6a3ce929d0e0e4736_00f067aa0ba902b7",  // separator
        "4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b",  // short
        "4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",  // a traceparent is not a trace
        "",
    ])
    func aMalformedTraceIsRefusedAsAKnownAttributeIs(value: String) {
        #expect(throws: ProtocolError.self) { try decode("BALANCE 1001 trace=\(value)") }
    }

    @Test func aSecondTraceIsRefused() {
        #expect(throws: ProtocolError.self) {
            try decode("BALANCE 1001 trace=\(Self.encoded) trace=\(Self.encoded)")
        }
    }

    @Test func theAuditLineEndsWithTheTraceAndIsUnchangedWithout() {
        let change = LedgerChange.deposit(
            AccountNumber(Array("1002".utf8))!, amount: Money(cents: 1050), balance: Money(cents: 26100))
        let plain = change.auditLine(sequence: 42, requestID: RequestID(Array("r-1".utf8)[...]), identity: nil)
        #expect(plain == "audit seq=42 request_id=r-1 identity=- op=deposit account=1002 amount=10.50 balance=261.00")
        let traced = change.auditLine(
            sequence: 42, requestID: RequestID(Array("r-1".utf8)[...]), identity: nil, trace: Self.span)
        #expect(traced == plain + " trace_id=4bf92f3577b34da6a3ce929d0e0e4736 span_id=00f067aa0ba902b7")
    }
}
