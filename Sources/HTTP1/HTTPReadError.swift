/// Why a request could not be read: framing or syntax RFC 9112 refuses, or a limit it passed.
///
/// The codec knows which status each rule calls for (414, 431, 501, 505, …), so the status and the
/// sentence live here; `ATMAPI.APIError` wraps this error to answer it as `{"detail": …}`.
public enum HTTPReadError: Error, Sendable, Hashable {
    /// Framing or syntax that RFC 9112 says to reject; the text says which rule.
    case malformed(String)
    /// The whole request did not arrive before the deadline.
    case requestTimeout
    case bodyTooLarge(limit: Int)
    case targetTooLong(limit: Int)
    case headersTooLarge(limit: Int)
    case methodNotImplemented
    case transferCodingNotImplemented
    case versionNotSupported

    /// The status RFC 9110 and RFC 9112 give this failure.
    public var status: HTTPStatus {
        switch self {
        case .malformed: return .badRequest
        case .requestTimeout: return .requestTimeout
        case .bodyTooLarge: return .contentTooLarge
        case .targetTooLong: return .uriTooLong
        case .headersTooLarge: return .headerFieldsTooLarge
        case .methodNotImplemented, .transferCodingNotImplemented: return .notImplemented
        case .versionNotSupported: return .versionNotSupported
        }
    }

    /// One sentence for a person, naming the rule or the limit.
    public var detail: String {
        switch self {
        case .malformed(let rule): return "malformed request: \(rule)"
        case .requestTimeout: return "the request did not arrive in time"
        case .bodyTooLarge(let limit): return "the request body is larger than \(limit) bytes"
        case .targetTooLong(let limit): return "the request line is longer than \(limit) bytes"
        case .headersTooLarge(let limit): return "the header section is larger than \(limit) bytes"
        case .methodNotImplemented: return "this method is not implemented"
        case .transferCodingNotImplemented: return "only the chunked transfer coding is supported"
        case .versionNotSupported: return "only HTTP/1.1 and HTTP/1.0 are supported"
        }
    }
}
