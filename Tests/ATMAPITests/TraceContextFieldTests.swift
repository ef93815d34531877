import ATMAPI
import ATMCore
import HTTP1
import Testing

/// W3C Trace Context's `traceparent` and `tracestate`, rule by rule, as the W3C recommendation gives them.
@Suite struct TraceContextFieldTests {
    private static let valid = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"

    private func parent(_ text: String) -> TraceContextField.Parent? {
        TraceContextField.parent(parsing: Array(text.utf8)[...])
    }

    private func head(_ fields: [(String, String)]) -> HTTPRequestHead {
        HTTPRequestHead(
            method: .GET, path: Array("/health".utf8), version: .http11,
            fields: fields.map { HTTPRequestHead.Field(name: Array($0.0.utf8), value: Array($0.1.utf8)) })
    }

    private func state(_ values: String...) -> String? {
        TraceContextField.state(in: head(values.map { ("tracestate", $0) })).map { String(decoding: $0, as: UTF8.self) }
    }

    /// Three fixed "random" words, so a test can tell which became the trace id and which the span id.
    private static func words() -> (UInt64, UInt64, UInt64) {
        (0xa0a1_a2a3_a4a5_a6a7, 0xa8a9_aaab_acad_aeaf, 0xb0b1_b2b3_b4b5_b6b7)
    }

    @Test func aVersion00ValueGivesItsTraceIDParentIDAndFlags() throws {
        let parsed = try #require(parent(Self.valid))
        #expect(parsed.traceHigh == 0x4bf9_2f35_77b3_4da6)
        #expect(parsed.traceLow == 0xa3ce_929d_0e0e_4736)
        #expect(parsed.parentID == 0x00f0_67aa_0ba9_02b7)
        #expect(parsed.flags == 0x01)
        #expect(parsed.isSampled)
        #expect(parent("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00")?.isSampled == false)
    }

    @Test(arguments: [
        "00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01",  // upper-case trace id
        "00-4bf92f3577b34da6a3ce929d0e0e4736-00F067AA0BA902B7-01",  // upper-case parent id
        "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-0A",  // upper-case flags
        "0A-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",  // upper-case version
    ])
    func upperCaseHexIsInvalid(value: String) {
        #expect(parent(value) == nil)
    }

    @Test func allZeroIDsAreInvalid() {
        #expect(parent("00-00000000000000000000000000000000-00f067aa0ba902b7-01") == nil)
        #expect(parent("00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01") == nil)
        #expect(parent("00-00000000000000000000000000000001-0000000000000001-00") != nil, "zeros but one are fine")
    }

    @Test func versionFFIsInvalidWhateverFollows() {
        #expect(parent("ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01") == nil)
        #expect(parent("ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-00") == nil)
    }

    @Test(arguments: [
        "", "00", Self.valid.dropLast().description, Self.valid + "0", Self.valid + "-",
        Self.valid + "-extra",  // version 00 is exactly 55 bytes
        "00_4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",  // wrong separators
        "00-4bf92f3577b34da6a3ce929d0e0e4736_00f067aa0ba902b7-01",
        "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7_01",
        "00-4bf92f3577b34da6a3ce929d0e0e473-600f067aa0ba902b7-01",  // fields of the wrong lengths
        "00-4bf92f3577b34da6a3ce929d0e0e47366-0f067aa0ba902b7-01",
        "0-04bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
        "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b-701",
        "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902bg-01",  // not hex
        "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-0g",
        "00-+bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
        " 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-0",  // a space inside the 55 bytes
    ])
    func aMalformedValueIsInvalid(value: String) {
        #expect(parent(value) == nil, "\(value)")
    }

    @Test func aFutureVersionIsReadByVersion00sRulesWhenTheRestStartsWithADash() throws {
        let exact = try #require(parent("cc-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"))
        #expect(exact.traceHigh == 0x4bf9_2f35_77b3_4da6 && exact.parentID == 0x00f0_67aa_0ba9_02b7)
        let longer = try #require(
            parent("cc-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-09-what-the-future-holds"))
        #expect(longer.flags == 0x09 && longer.isSampled)
        #expect(parent("cc-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01x") == nil)
        #expect(parent("cc-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-1") == nil, "shorter than 55")
        #expect(parent("cc-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01") == nil)
        #expect(parent("cc-00000000000000000000000000000000-00f067aa0ba902b7-01") == nil)
    }

    @Test func theFieldIsReadOnlyWhenItAppearsExactlyOnce() {
        #expect(TraceContextField.parent(in: head([("traceparent", Self.valid)])) != nil)
        #expect(TraceContextField.parent(in: head([("host", "a")])) == nil)
        #expect(TraceContextField.parent(in: head([("traceparent", Self.valid), ("traceparent", Self.valid)])) == nil)
        #expect(TraceContextField.parent(in: head([("traceparent", Self.valid + "," + Self.valid)])) == nil)
    }

    @Test func aValidParentKeepsItsTraceAndFlagAndGetsANewSpanAndItsState() {
        let context = TraceContext(
            for: head([("traceparent", Self.valid), ("tracestate", "congo=t61rcWkgMzE")]), random: Self.words)
        #expect(context.span.traceHigh == 0x4bf9_2f35_77b3_4da6 && context.span.traceLow == 0xa3ce_929d_0e0e_4736)
        #expect(context.span.spanID == 0xb0b1_b2b3_b4b5_b6b7, "only the span id is drawn")
        #expect(context.isSampled)
        #expect(
            String(decoding: context.traceparent, as: UTF8.self)
                == "00-4bf92f3577b34da6a3ce929d0e0e4736-b0b1b2b3b4b5b6b7-01")
        #expect(context.state == Array("congo=t61rcWkgMzE".utf8))
    }

    @Test func onlyTheSampledFlagIsSentOn() {
        let value = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-fe"
        let context = TraceContext(for: head([("traceparent", value)]), random: Self.words)
        #expect(String(decoding: context.traceparent, as: UTF8.self).hasSuffix("-b0b1b2b3b4b5b6b7-00"))
    }

    @Test(arguments: [
        [], [("traceparent", "00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01")],
        [("traceparent", "ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")],
    ])
    func anInvalidOrMissingParentStartsANewTraceAndDropsTheState(fields: [(String, String)]) {
        let context = TraceContext(for: head(fields + [("tracestate", "congo=t61rcWkgMzE")]), random: Self.words)
        #expect(context.span.traceHigh == 0xa0a1_a2a3_a4a5_a6a7 && context.span.traceLow == 0xa8a9_aaab_acad_aeaf)
        #expect(context.span.spanID == 0xb0b1_b2b3_b4b5_b6b7)
        #expect(context.state == nil)
        #expect(
            String(decoding: context.traceparent, as: UTF8.self)
                == "00-a0a1a2a3a4a5a6a7a8a9aaabacadaeaf-b0b1b2b3b4b5b6b7-01")
    }

    @Test func allZeroRandomBytesStillMakeValidIDs() {
        let context = TraceContext(for: nil) { (0, 0, 0) }
        #expect(context.span.traceHigh | context.span.traceLow != 0 && context.span.spanID != 0)
        let kept = TraceContext(for: head([("traceparent", Self.valid)])) { (0, 0, 0) }
        #expect(kept.span.spanID != 0 && kept.span.traceHigh == 0x4bf9_2f35_77b3_4da6)
        #expect(TraceContextField.parent(parsing: context.traceparent[...]) != nil, "what we send, we would accept")
    }

    @Test func aValidStateIsPassedOnAsOneListWithoutEmptyMembers() {
        #expect(state("rojo=00f067aa0ba902b7,congo=t61rcWkgMzE") == "rojo=00f067aa0ba902b7,congo=t61rcWkgMzE")
        #expect(state("rojo=00f067aa0ba902b7", "congo=t61rcWkgMzE") == "rojo=00f067aa0ba902b7,congo=t61rcWkgMzE")
        #expect(state(" a=1 ,\t, b=2 ") == "a=1,b=2", "optional whitespace and empty members")
        #expect(state("tenant1@system=x", "0tenant@sys-tem=y") == "tenant1@system=x,0tenant@sys-tem=y")
        #expect(state("k=with space inside", "a_-*/9=!") == "k=with space inside,a_-*/9=!")
        #expect(state("") == nil)
        #expect(state(" , ") == nil)
    }

    @Test(arguments: [
        "Upper=1",  // keys are lower case
        "9key=1",  // a simple key starts with a letter
        "key=",  // a value has at least one character
        "key",  // no `=`
        "=value",  // no key
        "key=a=b",  // `=` in a value
        "key=a\u{1}b",  // a control character in a value
        "tenant@=1", "@system=1", "tenant@9system=1", "tenant@systemnamewaytoolong=1",
        "a=1,a=2",  // keys are unique
        "a=\u{7F}",
        "good=1,Bad=2",  // one bad member drops the whole list
    ])
    func aMalformedStateIsDropped(value: String) {
        #expect(state(value) == nil, "\(value)")
    }

    @Test func whitespaceAroundAMemberIsTheLists() {
        #expect(state("key=a,") == "key=a")
        #expect(state("key=trailing \t") == "key=trailing")
    }

    @Test func keysAndValuesHaveTheirLengthLimits() {
        let longest = String(repeating: "k", count: 256)
        #expect(state("\(longest)=v") != nil)
        #expect(state("\(longest)k=v") == nil)
        #expect(state("k=" + String(repeating: "v", count: 256)) != nil)
        #expect(state("k=" + String(repeating: "v", count: 257)) == nil)
        #expect(state(String(repeating: "t", count: 241) + "@" + String(repeating: "s", count: 14) + "=v") != nil)
        #expect(state(String(repeating: "t", count: 242) + "@s=v") == nil)
    }

    @Test func moreThan32MembersDropTheState() {
        let members = (0..<32).map { "k\($0)=v" }
        #expect(state(members.joined(separator: ",")) == members.joined(separator: ","))
        #expect(state((members + ["k32=v"]).joined(separator: ",")) == nil)
    }

    @Test func aStateLongerThan512IsShortenedLongMembersFirstThenFromTheEnd() throws {
        func long(_ number: Int) -> String { "long\(number)=" + String(repeating: "x", count: 200) }  // over 128
        let short = (0..<20).map { "k\($0)=" + String(repeating: "v", count: 20) }  // 23 or 24 each
        let kept = try #require(state(([long(1)] + short + [long(2)]).joined(separator: ",")))
        #expect(kept == short.joined(separator: ","), "both long members go, and then it fits")
        let many = (0..<30).map { "k\($0)=" + String(repeating: "v", count: 20) }
        let shortened = try #require(state(many.joined(separator: ",")))
        #expect(shortened.utf8.count <= 512)
        #expect(many.joined(separator: ",").hasPrefix(shortened + ","), "members go from the end")
        #expect(shortened.split(separator: ",").count == 20)
    }
}
