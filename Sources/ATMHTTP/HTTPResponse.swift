import ATMBytes
import ATMJSON
import ATMMoney

/// A complete response; every one carries `Content-Length`, `Cache-Control: no-store` and `Connection: close`.
public struct HTTPResponse: Sendable, Equatable {
    public var status: HTTPStatus
    public var contentType: StaticString
    public var body: [UInt8]
    /// `Allow`, for a 405.
    public var allow: String?
    /// `Retry-After` in seconds, for a 503.
    public var retryAfterSeconds: Int?

    public init(status: HTTPStatus, contentType: StaticString, body: [UInt8]) {
        self.status = status
        self.contentType = contentType
        self.body = body
    }

    /// A JSON response.
    public static func json(_ status: HTTPStatus, _ body: [UInt8]) -> HTTPResponse {
        HTTPResponse(status: status, contentType: "application/json", body: body)
    }

    /// The bytes to write; for a HEAD request the same head without the body (RFC 9110 §9.3.2).
    public func serialized(includingBody: Bool = true) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(160 + (includingBody ? body.count : 0))
        bytes.append(ascii: "HTTP/1.1 ")
        bytes.append(decimal: Int64(status.code))
        bytes.append(UInt8(ascii: " "))
        bytes.append(ascii: status.reason)
        bytes.append(ascii: "\r\nContent-Type: ")
        bytes.append(ascii: contentType)
        bytes.append(ascii: "\r\nContent-Length: ")
        bytes.append(decimal: Int64(body.count))
        if let allow {
            bytes.append(ascii: "\r\nAllow: ")
            bytes.append(utf8: allow)
        }
        if let retryAfterSeconds {
            bytes.append(ascii: "\r\nRetry-After: ")
            bytes.append(decimal: Int64(retryAfterSeconds))
        }
        bytes.append(ascii: "\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n")
        if includingBody { bytes += body }
        return bytes
    }

    /// The interim response sent before reading a body the client is holding back (RFC 9110 §10.1.1).
    public static var continueInterim: [UInt8] {
        var bytes: [UInt8] = []
        bytes.append(ascii: "HTTP/1.1 100 Continue\r\n\r\n")
        return bytes
    }

    public static func == (lhs: HTTPResponse, rhs: HTTPResponse) -> Bool {
        lhs.serialized() == rhs.serialized()
    }
}

extension HTTPResponse {
    /// 200 `{"account_number":"1001","balance":"1000.00"}`.
    public static func balance(_ account: AccountNumber, _ balance: Money) -> HTTPResponse {
        var writer = JSONObjectWriter()
        writer.add("account_number", account.digits)
        writer.add("balance", balance.description)
        return .json(.ok, writer.finish())
    }

    /// 200 `{"status":"ok","accounts":[…]}`, accounts in the order given.
    public static func health(_ accounts: [AccountNumber]) -> HTTPResponse {
        var writer = JSONObjectWriter()
        writer.add("status", "ok")
        writer.add("accounts", accounts.map { $0.digits })
        return .json(.ok, writer.finish())
    }

    /// `{"detail":"…"}` with `status`.
    public static func detail(_ status: HTTPStatus, _ detail: String) -> HTTPResponse {
        var writer = JSONObjectWriter()
        writer.add("detail", detail)
        return .json(status, writer.finish())
    }
}
