import HTTP1
import Testing

/// Rules found lenient by trying raw bytes against the service (issue 14), each at its RFC.
@Suite struct HTTPStrictnessTests {
    private func post(_ fields: String, body: String = "0\r\n\r\n") -> String {
        "POST / HTTP/1.1\r\nHost: a\r\n" + fields + "\r\n" + body
    }

    /// The framing rule a failure names (the message table in ATMAPI says it to the client).
    private func rule(of event: HTTPRequestReader.Ending) -> FramingRule? {
        guard case .failure(.malformed(let rule)) = event else { return nil }
        return rule
    }

    @Test(arguments: [
        "Transfer-Encoding: chunked gzip\r\n", "Transfer-Encoding: chunked x\r\n",
        "Transfer-Encoding: chunked \"x\"\r\n", "Transfer-Encoding: \"chunked\"\r\n",
        "Transfer-Encoding: chunked;\r\n", "Transfer-Encoding: chunked, gzip\r\n",
        "Transfer-Encoding: gzip\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: gzip\r\n",
        "Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n", "Transfer-Encoding: chunked, chunked\r\n",
        "Transfer-Encoding: gzip;q\r\nTransfer-Encoding: chunked\r\n", "Transfer-Encoding: ,\r\n",
        "Transfer-Encoding: x;p=\"a,chunked\"\r\n",
    ])
    func transferEncodingWhoseLastCodingIsNotExactlyChunkedIs400(fields: String) {
        #expect(status(of: readRequest(post(fields))) == 400, "\(fields)")
    }

    @Test func transferEncodingIsOneListAcrossFieldsAndCaseInsensitive() {
        #expect(status(of: readRequest(post("Transfer-Encoding: CHUNKED\r\n"))) == 200)
        #expect(status(of: readRequest(post("Transfer-Encoding: ,chunked ,\r\n"))) == 200)
        #expect(status(of: readRequest(post("Transfer-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n"))) == 501)
        #expect(status(of: readRequest(post("Transfer-Encoding: gzip;level=\"9\" , chunked\r\n"))) == 501)
        #expect(rule(of: readRequest(post("Transfer-Encoding: chunked x\r\n"))) == .codingList)
    }

    @Test(arguments: [
        "/health#x", "/#", "http://x#/accounts/1001/balance", "http://x/health#", "/a?b#c",
    ])
    func aFragmentInTheTargetIs400(target: String) {
        let event = readRequest("GET \(target) HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(status(of: event) == 400)
        #expect(rule(of: event) == .targetFragment)
    }

    @Test(arguments: [
        "a b/c@d", "a/b", "a@b", "a:b", "[::1", "[::1]x", "[::1]:8x", "[fe80::1%eth0]", "[1:2:3:4:5:6:7:8:9]",
        "[12345::]", "[1::2::3]", "[v1]", "[v.x]", "%zz", "%4", "a\"b", "a b", "[::1.2.3]", "[::256.1.1.1]",
    ])
    func anInvalidHostIs400(host: String) {
        let event = readRequest("GET / HTTP/1.1\r\nHost: \(host)\r\n\r\n")
        #expect(status(of: event) == 400, "\(host)")
    }

    @Test(arguments: [
        "", "a", "localhost:8000", "127.0.0.1", "999.1.1.1", "a.b-c_d~e", "%41", "a:", "[::1]", "[::1]:80",
        "[::]", "[1:2:3:4:5:6:7:8]", "[::ffff:192.0.2.1]", "[2001:db8::1]", "[v1.x:y]", "!$&'()*+,;=",
    ])
    func aValidHostIsAccepted(host: String) {
        #expect(status(of: readRequest("GET / HTTP/1.1\r\nHost: \(host)\r\n\r\n")) == 200, "\(host)")
    }

    @Test(arguments: [
        "http://user@/health", "http:///health", "http://user@host/health", "http://a b/", "http://[::1/x",
        "http://host:8x/",
    ])
    func anAbsoluteTargetWithoutAValidHostIs400(target: String) {
        #expect(status(of: readRequest("GET \(target) HTTP/1.1\r\nHost: host\r\n\r\n")) == 400, "\(target)")
    }

    @Test func anAbsoluteTargetWithAHostAndPortIsRead() {
        guard case .complete(let head, _) = readRequest("GET http://[::1]:8000/health HTTP/1.1\r\nHost: x\r\n\r\n")
        else {
            Issue.record("not read")
            return
        }
        #expect(head.path == Array("/health".utf8))
    }

    @Test func chunkSizesWithLeadingZerosCountOnlyTheirValue() {
        let chunk = String(repeating: "b", count: 17)
        let zeros = String(repeating: "0", count: 40)
        let request = post("Transfer-Encoding: chunked\r\n", body: "\(zeros)11\r\n\(chunk)\r\n\(zeros)\r\n\r\n")
        #expect(body(of: readRequest(request)) == chunk)
        #expect(body(of: readRequest(request, chunkSize: 1)) == chunk)
    }

    @Test func aChunkSizeThatWouldOverflowIs413NotATrap() {
        let limits = HTTPRequestReader.Limits(requestLine: 64, headerSection: 128, body: 32)
        for size in ["21", "FFFFFFFFFFFFFFFF", "1" + String(repeating: "0", count: 40), "7FFFFFFFFFFFFFFF0"] {
            let request = post("Transfer-Encoding: chunked\r\n", body: "\(size)\r\n")
            #expect(status(of: readRequest(request, limits: limits)) == 413, "\(size)")
        }
        let atLimit = post(
            "Transfer-Encoding: chunked\r\n", body: "0020\r\n" + String(repeating: "b", count: 32) + "\r\n0\r\n\r\n")
        #expect(status(of: readRequest(atLimit, limits: limits)) == 200)
    }
}
