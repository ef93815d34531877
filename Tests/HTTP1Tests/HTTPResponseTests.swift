import ATMBytes
import HTTP1
import Testing

/// Responses with every optional field, one at a time and all at once.
private let responses: [HTTPResponse] = {
    var plain = HTTPResponse.json(.ok, Array(#"{"balance":"1.00"}"#.utf8))
    plain.closesConnection = false
    var everything = HTTPResponse(status: .methodNotAllowed, contentType: "text/html; charset=utf-8", body: [])
    everything.allow = "GET, HEAD"
    everything.retryAfterSeconds = 1
    everything.entityTag = EntityTag(hashing: Array("document".utf8))
    everything.contentSecurityPolicy = "default-src 'none'"
    everything.cacheControl = "max-age=60"
    everything.extraFields = [
        HTTPField(name: "X-Request-ID", value: Array("abc".utf8)),
        HTTPField(name: "Idempotent-Replayed", value: Array("true".utf8)),
    ]
    var large = HTTPResponse.json(.ok, [UInt8](repeating: UInt8(ascii: "x"), count: 100_000))
    large.extraFields = [HTTPField(name: "X-Request-ID", value: [UInt8](repeating: UInt8(ascii: "r"), count: 128))]
    return [plain, everything, everything.notModified(), large]
}()

@Suite struct HTTPResponseTests {
    /// The handler writes into a ByteWriter sized by `estimatedSize`; tests and documents use `serialized`.
    @Test(arguments: [true, false])
    func aResponseWrittenIntoAByteWriterIsTheSerializedOne(includingBody: Bool) {
        let date = HTTPDate(secondsSinceEpoch: 784_111_777)
        for response in responses {
            var writer = ByteWriter(capacity: response.estimatedSize(includingBody: includingBody))
            response.write(date: date, includingBody: includingBody, to: &writer)
            let serialized = response.serialized(date: date, includingBody: includingBody)
            #expect(writer.bytes == serialized)
            #expect(serialized.count <= response.estimatedSize(includingBody: includingBody))
        }
    }

    @Test func theHeadIsWrittenFieldByField() {
        let text = String(
            decoding: responses[0].serialized(date: HTTPDate(secondsSinceEpoch: 784_111_777)), as: UTF8.self)
        #expect(
            text == "HTTP/1.1 200 OK\r\nDate: Sun, 06 Nov 1994 08:49:37 GMT\r\nContent-Type: application/json\r\n"
                + "Content-Length: 18\r\nCache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\n\r\n"
                + #"{"balance":"1.00"}"#)
    }
}
