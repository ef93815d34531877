import ATMMoney

/// Every way a request can fail, each mapped to its status and its `{"detail": …}` sentence in one place.
public enum HTTPError: Error, Sendable, Hashable {
    /// Framing or syntax that RFC 9112 says to reject; the text says which rule.
    case malformed(String)
    case requestTimeout
    case lengthRequired
    case bodyTooLarge(limit: Int)
    case targetTooLong(limit: Int)
    case unsupportedMediaType
    case expectationFailed
    case headersTooLarge(limit: Int)
    case methodNotImplemented
    case transferCodingNotImplemented
    case versionNotSupported
    case notFound
    case accountNotFound
    case methodNotAllowed(allow: String)
    case invalidBody(String)
    case invalidAmount(MoneyError)
    case insufficientFunds
    case balanceLimitExceeded
    case stateUnavailable
    case misconfigured

    public var status: HTTPStatus {
        switch self {
        case .malformed, .invalidBody, .invalidAmount, .insufficientFunds, .balanceLimitExceeded: return .badRequest
        case .requestTimeout: return .requestTimeout
        case .lengthRequired: return .lengthRequired
        case .bodyTooLarge: return .contentTooLarge
        case .targetTooLong: return .uriTooLong
        case .unsupportedMediaType: return .unsupportedMediaType
        case .expectationFailed: return .expectationFailed
        case .headersTooLarge: return .headerFieldsTooLarge
        case .methodNotImplemented, .transferCodingNotImplemented: return .notImplemented
        case .versionNotSupported: return .versionNotSupported
        case .notFound, .accountNotFound: return .notFound
        case .methodNotAllowed: return .methodNotAllowed
        case .stateUnavailable: return .serviceUnavailable
        case .misconfigured: return .internalServerError
        }
    }

    public var detail: String {
        switch self {
        case .malformed(let rule): return "malformed request: \(rule)"
        case .requestTimeout: return "the request did not arrive in time"
        case .lengthRequired: return "a POST needs a Content-Length or a chunked body"
        case .bodyTooLarge(let limit): return "the request body is larger than \(limit) bytes"
        case .targetTooLong(let limit): return "the request line is longer than \(limit) bytes"
        case .unsupportedMediaType: return "the body must be application/json"
        case .expectationFailed: return "only the expectation 100-continue is supported"
        case .headersTooLarge(let limit): return "the header section is larger than \(limit) bytes"
        case .methodNotImplemented: return "this method is not implemented"
        case .transferCodingNotImplemented: return "only the chunked transfer coding is supported"
        case .versionNotSupported: return "only HTTP/1.1 and HTTP/1.0 are supported"
        case .notFound: return "not found"
        case .accountNotFound: return "account not found"
        case .methodNotAllowed(let allow): return "method not allowed; use \(allow)"
        case .invalidBody(let reason): return reason
        case .invalidAmount(let error): return error.detail
        case .insufficientFunds: return "insufficient funds"
        case .balanceLimitExceeded: return "balance limit exceeded"
        case .stateUnavailable: return "state service unavailable"
        case .misconfigured: return "the server is misconfigured; see its log"
        }
    }

    /// The response that reports this error.
    public var response: HTTPResponse {
        var response = HTTPResponse.detail(status, detail)
        switch self {
        case .methodNotAllowed(let allow): response.allow = allow
        case .stateUnavailable: response.retryAfterSeconds = 1
        default: break
        }
        return response
    }
}
