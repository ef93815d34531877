import ATMBytes

/// A complete response; every one carries `Date`, `Content-Length`, `Cache-Control` and
/// `X-Content-Type-Options: nosniff`, and `Connection: close` when the connection ends after it.
public struct HTTPResponse: Sendable, Equatable {
    public var status: HTTPStatus
    public var contentType: StaticString
    public var body: [UInt8]
    /// `Allow`, for a 405.
    public var allow: String?
    /// `Retry-After` in seconds, for a 503.
    public var retryAfterSeconds: Int?
    /// `no-store` unless a document says it may be kept (balances must never be cached).
    public var cacheControl: StaticString = "no-store"
    /// `ETag`, for a document that can be revalidated with `If-None-Match`.
    public var entityTag: EntityTag?
    /// `Content-Security-Policy`, for an HTML page.
    public var contentSecurityPolicy: String?
    /// Further fields (`X-Request-ID`, `Idempotent-Replayed`), written in order after the fixed ones.
    public var extraFields: [HTTPField] = []
    /// Whether the connection ends after this response (`Connection: close`); false keeps it open (RFC 9112 §9.3).
    public var closesConnection = true

    public init(status: HTTPStatus, contentType: StaticString, body: [UInt8]) {
        self.status = status
        self.contentType = contentType
        self.body = body
    }

    /// A JSON response.
    public static func json(_ status: HTTPStatus, _ body: [UInt8]) -> HTTPResponse {
        HTTPResponse(status: status, contentType: "application/json", body: body)
    }

    /// This response as a 304 to a GET or HEAD whose `If-None-Match` matched its tag (RFC 9110 §15.4.5).
    ///
    /// It keeps the fields a cache updates from (`ETag`, `Cache-Control`, `Date`) and the
    /// `Content-Length` the 200 would have had, as RFC 9110 §8.6 allows, and never writes the body.
    public func notModified() -> HTTPResponse {
        var response = self
        response.status = .notModified
        response.contentSecurityPolicy = nil
        return response
    }

    /// The bytes to write; for a HEAD request the same head without the body (RFC 9110 §9.3.2).
    ///
    /// `date` is the `Date` field (RFC 9110 §6.6.1); the caller reads the clock, so this stays pure.
    public func serialized(date: HTTPDate, includingBody: Bool = true) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(estimatedSize(includingBody: includingBody))
        write(date: date, includingBody: includingBody, to: &bytes)
        return bytes
    }

    /// Room for the head and, when it is written, the body: enough that a response is written without
    /// the buffer growing.
    public func estimatedSize(includingBody: Bool = true) -> Int {
        var size = 384 + (includingBody ? body.count : 0) + (entityTag?.opaque.count ?? 0)
        for field in extraFields { size += field.name.utf8CodeUnitCount + field.value.count + 4 }
        return size + (allow?.utf8.count ?? 0) + (contentSecurityPolicy?.utf8.count ?? 0)
    }

    /// Writes the response into `bytes`, as ``serialized(date:includingBody:)`` returns it.
    public func write<Sink: ByteSink & ~Copyable>(date: HTTPDate, includingBody: Bool = true, to bytes: inout Sink) {
        let writesBody = includingBody && status != .notModified
        bytes.append(ascii: "HTTP/1.1 ")
        bytes.append(decimal: Int64(status.code))
        bytes.append(UInt8(ascii: " "))
        bytes.append(ascii: status.reason)
        bytes.append(ascii: "\r\nDate: ")
        date.append(to: &bytes)
        if status != .notModified {
            bytes.append(ascii: "\r\nContent-Type: ")
            bytes.append(ascii: contentType)
        }
        bytes.append(ascii: "\r\nContent-Length: ")
        bytes.append(decimal: Int64(body.count))
        if let entityTag {
            bytes.append(ascii: "\r\nETag: ")
            entityTag.write(to: &bytes)
        }
        if let allow {
            bytes.append(ascii: "\r\nAllow: ")
            bytes.append(utf8: allow)
        }
        if let retryAfterSeconds {
            bytes.append(ascii: "\r\nRetry-After: ")
            bytes.append(decimal: Int64(retryAfterSeconds))
        }
        for field in extraFields {
            bytes.append(ascii: "\r\n")
            bytes.append(ascii: field.name)
            bytes.append(ascii: ": ")
            bytes.append(bytes: field.value)
        }
        bytes.append(ascii: "\r\nCache-Control: ")
        bytes.append(ascii: cacheControl)
        bytes.append(ascii: "\r\nX-Content-Type-Options: nosniff")
        if let contentSecurityPolicy {
            bytes.append(ascii: "\r\nContent-Security-Policy: ")
            bytes.append(utf8: contentSecurityPolicy)
        }
        if closesConnection { bytes.append(ascii: "\r\nConnection: close") }
        bytes.append(ascii: "\r\n\r\n")
        if writesBody { bytes.append(bytes: body) }
    }

    /// The interim response sent before reading a body the client is holding back (RFC 9110 §10.1.1).
    public static var continueInterim: [UInt8] {
        var bytes: [UInt8] = []
        bytes.append(ascii: "HTTP/1.1 100 Continue\r\n\r\n")
        return bytes
    }

    /// Equal when they would write the same bytes at the same moment.
    public static func == (lhs: HTTPResponse, rhs: HTTPResponse) -> Bool {
        let epoch = HTTPDate(secondsSinceEpoch: 0)
        return lhs.serialized(date: epoch) == rhs.serialized(date: epoch)
    }
}

/// A response field the service adds by name; the value must already be valid field content.
public struct HTTPField: Sendable, Equatable {
    public let name: StaticString
    public let value: [UInt8]

    public init(name: StaticString, value: [UInt8]) {
        self.name = name
        self.value = value
    }

    public static func == (lhs: HTTPField, rhs: HTTPField) -> Bool {
        lhs.name.description == rhs.name.description && lhs.value == rhs.value
    }
}
