/// A complete response; every one carries `Content-Length`, `Cache-Control: no-store` and `Connection: close`.
public struct HTTPResponse: Sendable, Equatable {
    public var status: HTTPStatus
    public var contentType: String
    public var body: [UInt8]
    /// Extra fields, such as `Allow` or `Retry-After`.
    public var headers: [(String, String)]

    public init(status: HTTPStatus, contentType: String, body: [UInt8], headers: [(String, String)] = []) {
        self.status = status
        self.contentType = contentType
        self.body = body
        self.headers = headers
    }

    /// A JSON response.
    public static func json(_ status: HTTPStatus, _ body: [UInt8]) -> HTTPResponse {
        HTTPResponse(status: status, contentType: "application/json", body: body)
    }

    /// The bytes to write; for a HEAD request the same head without the body (RFC 9110 §9.3.2).
    public func serialized(includingBody: Bool = true) -> [UInt8] {
        var text = "HTTP/1.1 \(status.code) \(status.reason)\r\n"
        text += "Content-Type: \(contentType)\r\nContent-Length: \(body.count)\r\n"
        for (name, value) in headers {
            text += "\(name): \(value)\r\n"
        }
        text += "Cache-Control: no-store\r\nConnection: close\r\n\r\n"
        var bytes = Array(text.utf8)
        if includingBody { bytes += body }
        return bytes
    }

    /// The interim response sent before reading a body the client is holding back (RFC 9110 §10.1.1).
    public static let continueInterim = Array("HTTP/1.1 100 Continue\r\n\r\n".utf8)

    public static func == (lhs: HTTPResponse, rhs: HTTPResponse) -> Bool {
        lhs.serialized() == rhs.serialized()
    }
}
