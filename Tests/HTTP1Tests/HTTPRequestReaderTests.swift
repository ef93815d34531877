import HTTP1
import Testing

@Suite struct HTTPRequestReaderFramingTests {
    @Test func readsASimpleGet() throws {
        let event = readRequest("GET /health?x=1 HTTP/1.1\r\nHost: a\r\nAccept: */*\r\n\r\n")
        guard case .complete(let head, let body) = event else {
            Issue.record("not complete: \(event)")
            return
        }
        #expect(head.method == .GET)
        #expect(head.path == Array("/health".utf8))
        #expect(head.version == .http11)
        #expect(head.value(of: "accept") == Array("*/*".utf8))
        #expect(body.isEmpty)
    }

    @Test func readsAContentLengthBody() {
        #expect(body(of: readRequest("POST /a HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\nhello")) == "hello")
    }

    @Test func readsAChunkedBodyWithExtensionsAndTrailers() {
        let request =
            "POST /a HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"
            + "5;name=value\r\nhello\r\n1\r\n \r\n0\r\nX-Trailer: yes\r\n\r\n"
        #expect(body(of: readRequest(request)) == "hello ")
    }

    @Test func acceptsAbsoluteFormAndHTTP10() throws {
        let event = readRequest("GET http://example.com:8000/accounts/1/balance?q HTTP/1.0\r\n\r\n")
        guard case .complete(let head, _) = event else {
            Issue.record("not complete: \(event)")
            return
        }
        #expect(head.path == Array("/accounts/1/balance".utf8))
        #expect(head.version == .http10)
    }

    @Test func acceptsBareLineFeedsAndALeadingEmptyLine() {
        #expect(status(of: readRequest("\r\nGET / HTTP/1.1\nHost: a\n\n")) == 200)
    }

    @Test func keepsTheBytesAfterTheRequest() {
        var reader = HTTPRequestReader()
        reader.append(Array("GET / HTTP/1.1\r\nHost: a\r\n\r\nGET /next".utf8))
        _ = reader.next()
        #expect(status(of: reader.next()) == 200)
        #expect(Array(reader.unconsumedBytes) == Array("GET /next".utf8))
    }

    @Test(arguments: [
        ("GET  / HTTP/1.1\r\nHost: a\r\n\r\n", "double space in the request line"),
        ("GET / HTTP/1.1 \r\nHost: a\r\n\r\n", "trailing space"),
        ("GET /\r\nHost: a\r\n\r\n", "HTTP/0.9 style"),
        ("GET / http/1.1\r\nHost: a\r\n\r\n", "lowercase version"),
        ("GET / HTTP/1\r\nHost: a\r\n\r\n", "short version"),
        ("G(T / HTTP/1.1\r\nHost: a\r\n\r\n", "bad method token"),
        ("GET foo HTTP/1.1\r\nHost: a\r\n\r\n", "relative target"),
        ("GET /a\u{7F} HTTP/1.1\r\nHost: a\r\n\r\n", "DEL in target"),
        ("GET / HTTP/1.1\r\nHost : a\r\n\r\n", "whitespace before colon"),
        ("GET / HTTP/1.1\r\nHost\t: a\r\n\r\n", "tab before colon"),
        ("GET / HTTP/1.1\r\nHo(st: a\r\n\r\n", "bad header name"),
        ("GET / HTTP/1.1\r\n: a\r\nHost: a\r\n\r\n", "empty header name"),
        ("GET / HTTP/1.1\r\nHost: a\r\nNoColon\r\n\r\n", "no colon"),
        ("GET / HTTP/1.1\r\nHost: a\r\nX: b\r\n c\r\n\r\n", "obs-fold"),
        ("GET / HTTP/1.1\r\n Host: a\r\n\r\n", "whitespace before the first header"),
        ("GET / HTTP/1.1\r\nHost: a\rb\r\n\r\n", "bare CR in a value"),
        ("GET / HTTP/1.1\rHost: a\r\n\r\n", "bare CR after the request line"),
        ("GET / HTTP/1.1\r\nHost: a\r\nX: a\0b\r\n\r\n", "NUL in a value"),
        ("GET / HTTP/1.1\r\nHost: a\r\nX: a\u{01}b\r\n\r\n", "control byte in a value"),
        ("GET / HTTP/1.1\r\nHost: a\r\nX: a\u{7F}\r\n\r\n", "DEL in a value"),
        ("GET / HTTP/1.1\r\n\r\n", "missing Host in HTTP/1.1"),
        ("GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", "duplicated Host"),
        ("GET / HTTP/1.0\r\nHost: a\r\nHost: a\r\n\r\n", "duplicated Host in HTTP/1.0"),
        ("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: abc\r\n\r\n", "non-numeric Content-Length"),
        ("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: -1\r\n\r\n", "negative Content-Length"),
        ("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 1, 1\r\n\r\nx", "list Content-Length"),
        ("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 1\r\nContent-Length: 1\r\n\r\nx", "duplicated Content-Length"),
        ("POST / HTTP/1.1\r\nHost: a\r\nContent-Length:\r\n\r\n", "empty Content-Length"),
        ("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 1\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", "CL and TE"),
        ("POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", "TE in HTTP/1.0"),
        ("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip\r\n\r\n", "last coding not chunked"),
        ("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked, gzip\r\n\r\n", "chunked not last"),
        (
            "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n",
            "chunked twice"
        ),
        ("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\nZ\r\n", "non-hex chunk size"),
        ("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n\r\n", "empty chunk size"),
        ("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabcX\r\n0\r\n\r\n", "chunk too long"),
        ("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n3 x\r\nabc\r\n0\r\n\r\n", "junk after size"),
        ("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n0\r\nbad trailer\r\n\r\n", "bad trailer"),
        ("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nab", "chunked body cut short"),
        ("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 10\r\n\r\nabc", "body shorter than declared"),
        ("GET / HTTP/1.1\r\nHost: a\r\n", "head cut short"),
        ("", "nothing at all"),
    ])
    func framingViolationsAre400(request: String, rule: String) {
        #expect(status(of: readRequest(request)) == 400, "\(rule)")
    }

    @Test(arguments: [
        ("BREW / HTTP/1.1\r\nHost: a\r\n\r\n", 501), ("get / HTTP/1.1\r\nHost: a\r\n\r\n", 501),
        ("GET / HTTP/2.0\r\nHost: a\r\n\r\n", 505), ("GET / HTTP/0.9\r\nHost: a\r\n\r\n", 505),
        ("GET / HTTP/1.2\r\nHost: a\r\n\r\n", 505),
        ("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip, chunked\r\n\r\n", 501),
        ("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 99999999999999999999999\r\n\r\n", 413),
        ("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\nFFFFFFFFFFFFFFFFFFFF\r\n", 413),
    ])
    func otherStatusesComeFromTheirRules(request: String, expected: Int) {
        #expect(status(of: readRequest(request)) == expected)
    }
}

@Suite struct HTTPRequestReaderSplitTests {
    static let requests = [
        "GET /accounts/1001/balance HTTP/1.1\r\nHost: localhost\r\nUser-Agent: t\r\n\r\n",
        "POST /accounts/1002/deposit HTTP/1.1\r\nHost: a\r\nContent-Type: application/json\r\nContent-Length: 18\r\n\r\n{\"amount\":\"10.50\"}",
        "POST /x HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n4\r\n{\"am\r\n10\r\nount\":\"1.00\"}    \r\n0\r\nT: v\r\n\r\n",
        "GET http://h/docs HTTP/1.0\n\n",
        "GET / HTTP/1.1\r\nHost: a\r\nX: a\rb\r\n\r\n",
        "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 10\r\n\r\nabc",
        // Found by the fuzzer: empty lines before the request line were counted by buffer position,
        // which restarts when the buffer is compacted, so byte-by-byte reading skipped more of them.
        "\n\n\n\n\n\n\n\n\n\n\n\n",
        "\r\n\r\n\r\n\r\n\r\nGET / HTTP/1.1\r\nHost: a\r\n\r\n",
    ]

    @Test(arguments: requests)
    func aRequestFedOneByteAtATimeReadsTheSame(request: String) {
        let whole = readRequest(request)
        #expect(readRequest(request, chunkSize: 1) == whole)
        for chunk in [2, 3, 7, 16] {
            #expect(readRequest(request, chunkSize: chunk) == whole)
        }
    }

    @Test func everySplitPointReadsTheSame() {
        let request = Array(Self.requests[2].utf8)
        let whole = readRequest(request)
        for split in 0...request.count {
            var reader = HTTPRequestReader()
            reader.append(request[..<split])
            _ = reader.next()
            _ = reader.next()
            reader.append(request[split...])
            _ = reader.next()
            #expect(reader.finish() == whole, "split at \(split)")
        }
    }
}

@Suite struct HTTPRequestReaderLimitTests {
    private let limits = HTTPRequestReader.Limits(requestLine: 64, headerSection: 128, body: 32)

    @Test func requestLineAtTheLimitIsReadAndOneMoreIs414() {
        let prefix = "GET /"
        let suffix = " HTTP/1.1\r\n"
        let fill = 64 - prefix.utf8.count - suffix.utf8.count
        let atLimit = prefix + String(repeating: "a", count: fill) + suffix + "Host: a\r\n\r\n"
        let overLimit = prefix + String(repeating: "a", count: fill + 1) + suffix + "Host: a\r\n\r\n"
        #expect(status(of: readRequest(atLimit, limits: limits)) == 200)
        #expect(status(of: readRequest(overLimit, limits: limits)) == 414)
        #expect(status(of: readRequest(overLimit, limits: limits, chunkSize: 1)) == 414)
    }

    @Test func headerSectionAtTheLimitIsReadAndOneMoreIs431() {
        // Header section: "Host: a\r\n" (9) + "X: <fill>\r\n" + "\r\n" (2) = 128.
        let fill = 128 - 9 - 2 - 5
        let atLimit = "GET / HTTP/1.1\r\nHost: a\r\nX: " + String(repeating: "v", count: fill) + "\r\n\r\n"
        let overLimit = "GET / HTTP/1.1\r\nHost: a\r\nX: " + String(repeating: "v", count: fill + 1) + "\r\n\r\n"
        #expect(status(of: readRequest(atLimit, limits: limits)) == 200)
        #expect(status(of: readRequest(overLimit, limits: limits)) == 431)
        #expect(status(of: readRequest(overLimit, limits: limits, chunkSize: 1)) == 431)
    }

    @Test func bodyAtTheLimitIsReadAndOneMoreIs413() {
        let head = "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: "
        #expect(status(of: readRequest(head + "32\r\n\r\n" + String(repeating: "b", count: 32), limits: limits)) == 200)
        #expect(status(of: readRequest(head + "33\r\n\r\n" + String(repeating: "b", count: 33), limits: limits)) == 413)
    }

    @Test func chunkedBodyAtTheLimitIsReadAndOneMoreIs413() {
        let head = "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"
        let atLimit =
            head + "10\r\n" + String(repeating: "b", count: 16) + "\r\n10\r\n" + String(repeating: "b", count: 16)
            + "\r\n0\r\n\r\n"
        let overLimit =
            head + "10\r\n" + String(repeating: "b", count: 16) + "\r\n11\r\n" + String(repeating: "b", count: 17)
            + "\r\n0\r\n\r\n"
        #expect(status(of: readRequest(atLimit, limits: limits)) == 200)
        #expect(status(of: readRequest(overLimit, limits: limits)) == 413)
    }

    @Test func anEndlessHeaderLineIsRefusedWithoutBufferingItAll() {
        var reader = HTTPRequestReader(limits: limits)
        reader.append(Array("GET / HTTP/1.1\r\nX: ".utf8))
        var event = reader.next()
        for _ in 0..<100 where event == .needMore {
            reader.append(Array(repeating: UInt8(ascii: "a"), count: 10))
            event = reader.next()
        }
        #expect(status(of: event) == 431)
    }
}
